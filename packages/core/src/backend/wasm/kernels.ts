import { KERNELS_WASM_BASE64 } from './kernels.generated';

/** The exports of packages/core/assembly/index.ts. Pointers are byte offsets into `memory`. */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  setGeometry(h: number, w: number, kh: number, kw: number, sh: number, sw: number, dh: number, dw: number, pt: number, pl: number, oh: number, ow: number): void;
  gemmScratchBytes(m: number): number;
  gemm(m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, implicitCols: number, c: number, ldc: number, bias: number, scratch: number): void;
  depthwiseScratchBytes(): number;
  depthwise(x: number, w: number, bias: number, out: number, multiplier: number, scratch: number): void;
}

function kernelBytes(): Uint8Array<ArrayBuffer> {
  const text = atob(KERNELS_WASM_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Whether this JavaScript engine runs WebAssembly with the SIMD proposal (v128). */
export function wasmSimdSupported(): boolean {
  return typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function' && WebAssembly.validate(kernelBytes());
}

/**
 * Compiles and instantiates the kernels synchronously — possible in Node and in workers;
 * browsers may refuse synchronous compiles on the main thread, then `null` comes back
 * and {@link instantiateKernelsAsync} is the way.
 */
export function instantiateKernelsSync(): KernelExports | null {
  try {
    const module = new WebAssembly.Module(kernelBytes());
    return new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
  } catch {
    return null;
  }
}

/** Compiles and instantiates the kernels off the main thread's critical path. */
export async function instantiateKernelsAsync(): Promise<KernelExports> {
  const module = await WebAssembly.compile(kernelBytes());
  const instance = await WebAssembly.instantiate(module, {});
  return instance.exports as unknown as KernelExports;
}
