// convkit's WebAssembly (SIMD) kernels, built by scripts/build-wasm.js with AssemblyScript in
// four variants: plain or shared memory (threads), plain or relaxed SIMD (fused multiply-add).
// The JavaScript side (src/backend/wasm/) owns the memory layout and gives each thread its
// share (jobs.ts).
export { gemmScratchBytes } from './gemm';
export { setGeometry } from './geometry';
export { setLocals } from './locals';
export { depthwiseScratchBytes } from './depthwise';
export { winogradWeights, winogradTileCols, winogradTileRows, winogradPadBytes } from './winograd';
export { convGemm, depthwiseRange, winogradRange, pointwiseSmallK } from './jobs';
export { maxAbs } from './max_abs';
import { LOCALS_BYTES } from './locals';

/** Bytes of per-thread locals (see locals.ts). */
export function localsBytes(): i32 {
  return LOCALS_BYTES;
}

/** First free byte after the module's static data: JavaScript allocates from here. */
export function heapBase(): usize {
  return (__heap_base + 63) & ~(<usize>63);
}
