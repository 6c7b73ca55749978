// convkit's WebAssembly (SIMD) kernels. Built by scripts/build-wasm.js with AssemblyScript;
// the JavaScript side (src/backend/wasm/) owns memory layout and calls these per image and group.
export { gemm, gemmScratchBytes } from './gemm';
export { setGeometry } from './geometry';
export { depthwise, depthwiseScratchBytes } from './depthwise';

/** First free byte after the module's static data: JavaScript allocates from here. */
export function heapBase(): usize {
  return (__heap_base + 63) & ~(<usize>63);
}
