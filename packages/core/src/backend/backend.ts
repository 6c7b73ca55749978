import { Conv2DInfo } from './conv_info';

/**
 * The internal kernel interface. Public ops validate and resolve their arguments, then
 * call the active backend; a faster backend (WebAssembly, threads) replaces this without
 * touching the public API.
 *
 * Layouts: `x` is `[batch, inChannels, inHeight, inWidth]`, `w` is
 * `[outChannels, inChannels / groups, kernelHeight, kernelWidth]`, the result is
 * `[batch, outChannels, outHeight, outWidth]`, all row-major float32.
 */
export interface Backend {
  /** Short name reported by `backend()`, e.g. `'ts'`. */
  readonly name: string;
  conv2d(x: Float32Array, w: Float32Array, bias: Float32Array | null, info: Conv2DInfo): Float32Array;
  /** Instruction-set features in use, e.g. `['simd', 'relaxed-simd', 'threads']` (absent: none). */
  features?(): string[];
  /** Threads one call may use (absent: 1). */
  maxThreads?(): number;
  /** Resolves once the backend's threads (if any) have started. */
  warmUp?(): Promise<void>;
}
