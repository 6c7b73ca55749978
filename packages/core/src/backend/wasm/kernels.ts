import { KERNELS_RELAXED_SHARED_WASM_BASE64, KERNELS_RELAXED_WASM_BASE64, KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernels.generated';

/**
 * The exports of packages/core/assembly/index.ts. Pointers are byte offsets into the
 * (imported) memory; flags are 0/1.
 */
export interface KernelExports {
  heapBase(): number;
  localsBytes(): number;
  setLocals(at: number): void;
  setGeometry(h: number, w: number, kh: number, kw: number, sh: number, sw: number, dh: number, dw: number, pt: number, pl: number, oh: number, ow: number): void;
  gemmScratchBytes(m: number): number;
  depthwiseScratchBytes(): number;
  winogradTileCols(): number;
  winogradTileRows(): number;
  winogradPadBytes(): number;
  winogradWeights(w: number, count: number, from: number, to: number, u: number): void;
  convGemm(x: number, w: number, bias: number, out: number, batch: number, c: number, o: number, groups: number, direct: number, j0: number, j1: number, scratch: number): void;
  depthwiseRange(x: number, w: number, bias: number, out: number, batch: number, c: number, multiplier: number, c0: number, c1: number, scratch: number): void;
  pointwiseSmallK(x: number, w: number, bias: number, out: number, batch: number, c: number, o: number, j0: number, j1: number): void;
  /** Largest |value| of `n` floats at `p`; NaN if any is NaN. */
  maxAbs(p: number, n: number): number;
  winogradRange(x: number, c: number, o: number, u: number, bias: number, out: number, batch: number, chunkRows: number, first: number, step: number, v: number, m: number, pad: number, scratch: number): void;
}

/** The kernel entry points a job may call, by index (the thread protocol sends indices). */
export const JOB_FUNCTIONS = ['setGeometry', 'setLocals', 'convGemm', 'depthwiseRange', 'winogradWeights', 'winogradRange', 'pointwiseSmallK'] as const;
export type JobFunction = (typeof JOB_FUNCTIONS)[number];

/** Memory pages (64 KiB) the shared variant may grow to: 2 GiB, so pointers fit an int32. */
export const SHARED_MAXIMUM_PAGES = 32768;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The compiled kernels and the memory their instances share. */
export interface KernelModule {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  shared: boolean;
  /** Built with relaxed SIMD (fused multiply-add). */
  relaxed: boolean;
}

let relaxedSupport: boolean | undefined;

/** Whether the engine validates the relaxed-SIMD kernels (fused multiply-add). */
export function relaxedSimdSupported(): boolean {
  relaxedSupport ??= WebAssembly.validate(decode(KERNELS_RELAXED_WASM_BASE64));
  return relaxedSupport;
}

function variant(shared: boolean, relaxed: boolean): string {
  if (relaxed) return shared ? KERNELS_RELAXED_SHARED_WASM_BASE64 : KERNELS_RELAXED_WASM_BASE64;
  return shared ? KERNELS_SHARED_WASM_BASE64 : KERNELS_WASM_BASE64;
}

/** Whether this JavaScript engine runs WebAssembly with the SIMD proposal (v128). */
export function wasmSimdSupported(): boolean {
  return typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function' && WebAssembly.validate(decode(KERNELS_WASM_BASE64));
}

// Shared memory (for worker threads) needs SharedArrayBuffer: Node has it; browsers only
// on cross-origin-isolated pages.
function sharedMemory(): WebAssembly.Memory | null {
  if (typeof SharedArrayBuffer === 'undefined') return null;
  try {
    return new WebAssembly.Memory({ initial: 16, maximum: SHARED_MAXIMUM_PAGES, shared: true });
  } catch {
    return null;
  }
}

function memoryFor(shared: boolean): WebAssembly.Memory {
  return (shared && sharedMemory()) || new WebAssembly.Memory({ initial: 16 });
}

/** Instantiates a module on a memory (each thread makes its own instance). */
export function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
}

/**
 * Compiles the kernels synchronously — possible in Node and in workers; browsers may refuse
 * synchronous compiles on the main thread, then `null` comes back and
 * {@link compileKernelsAsync} is the way. `threads` asks for the shared-memory variant.
 */
export function compileKernelsSync(threads: boolean): KernelModule | null {
  try {
    const memory = memoryFor(threads);
    const shared = memory.buffer instanceof (globalThis.SharedArrayBuffer ?? class {});
    const relaxed = relaxedSimdSupported();
    const module = new WebAssembly.Module(decode(variant(shared, relaxed)));
    return { module, memory, shared, relaxed };
  } catch {
    return null;
  }
}

/** Compiles the kernels off the main thread's critical path (plain memory: browsers' main thread cannot block on workers). */
export async function compileKernelsAsync(): Promise<KernelModule> {
  const relaxed = relaxedSimdSupported();
  const module = await WebAssembly.compile(decode(variant(false, relaxed)));
  return { module, memory: memoryFor(false), shared: false, relaxed };
}
