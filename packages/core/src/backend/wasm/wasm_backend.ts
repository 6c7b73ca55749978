import { Backend } from '../backend';
import { Conv2DInfo, conv2dMacs } from '../conv_info';
import { requestedThreads } from '../threads';
import { tsBackend } from '../ts/ts_backend';
import { KernelExports, KernelModule, SHARED_MAXIMUM_PAGES, instantiate } from './kernels';
import { KernelCall, ThreadPool } from './thread_pool';

const ALIGN = 64;
const PAGE = 65536;
// Kernels may read a few vectors past the end of an input row (the values are unused).
const OVERREAD = 256;
// Winograd chunks hold about this many 2×2 output tiles (their transforms stay in cache).
const WINOGRAD_TILES = 512;
// Below this many multiply-adds (~0.1 ms) waking worker threads costs more than it saves.
const THREAD_MIN_MACS = 4_000_000;
// Pointwise convolutions with at most this many input channels skip the GEMM (see pointwiseSmallK).
const SMALL_K = 8;

const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;
// Linear memory a call may use: a shared memory is declared with SHARED_MAXIMUM_PAGES; keep
// both kinds below 2 GiB so byte offsets fit the kernels' int32 arguments.
const MAX_BYTES = SHARED_MAXIMUM_PAGES * PAGE;

/**
 * Whether Winograd F(2×2, 3×3) runs this convolution: 3×3, stride 1, undilated, ungrouped,
 * enough channels that the GEMMs dominate the transforms, and enough 2×2 output tiles to pay
 * for transforming every filter on each call. Measured (one thread, plain GEMM ÷ Winograd):
 * 16 tiles (7×7) win at 64 channels (1.06×) but lose at 512–1024 (0.69–0.72×, 16–64 MiB of
 * transformed filters leave the cache); 25 tiles (10×10) break even at 256 channels and lose at
 * 512+ (0.84–0.91×); from 49 tiles (14×14) Winograd wins at every width (1.16–1.6×).
 */
export function useWinograd(info: Conv2DInfo): boolean {
  const tiles = info.batch * Math.ceil(info.outHeight / 2) * Math.ceil(info.outWidth / 2);
  const bigFilters = info.inChannels * info.outChannels >= 256 * 256;
  return (
    info.kernelHeight === 3 && info.kernelWidth === 3 &&
    info.strideHeight === 1 && info.strideWidth === 1 &&
    info.dilationHeight === 1 && info.dilationWidth === 1 &&
    info.groups === 1 && info.inChannels >= 8 && info.outChannels >= 8 &&
    tiles >= (bigFilters ? 36 : 16)
  );
}

/**
 * Whether Winograd gives what a direct convolution gives for inputs up to `maxX` and weights up to
 * `maxW` in magnitude: all finite (an Inf input would meet Inf − Inf in the transforms and come
 * out NaN where PyTorch gives ±Inf) and small enough that no transform overflows — the output
 * transform of a channel sum of transformed products is at most 4·4·(3/2)²·3·3 = 324 times
 * C·maxX·maxW, against 9 times for a direct 3×3 sum.
 */
export function winogradSafe(maxX: number, maxW: number, channels: number): boolean {
  return Number.isFinite(maxX) && Number.isFinite(maxW) && 324 * channels * maxX * maxW < 3.4e38;
}

/** Splits [0, n) into at most `parts` ranges whose bounds are multiples of `unit`. */
function split(n: number, parts: number, unit: number): Array<[number, number]> {
  const step = Math.ceil(n / parts / unit) * unit;
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < n; start += step) ranges.push([start, Math.min(n, start + step)]);
  return ranges;
}

/** One step of a convolution, split in `shares` calls (one per thread) that may run in parallel. */
interface Phase {
  shares: number;
  call(share: number): KernelCall;
}

/** Bump allocator over the heap for one call's layout. */
class Layout {
  constructor(public end: number) {}
  take(bytes: number): number {
    const at = align(this.end);
    this.end = at + bytes;
    return at;
  }
}

/**
 * The WebAssembly SIMD backend: packed GEMM (4×8 micro-kernel) over an implicit im2col for
 * standard, grouped and pointwise convolutions; Winograd F(2×2, 3×3) for 3×3 stride-1 ones
 * with enough channels; a direct kernel for depthwise ones. Large convolutions are shared
 * out over worker threads (output columns, channels or Winograd chunks) where the module
 * runs on shared memory (Node). Operands are copied into linear memory for each call; the
 * memory grows to the largest call seen and is reused.
 */
export class WasmBackend implements Backend {
  readonly name = 'wasm-simd';
  private readonly main: KernelExports;
  private pool: ThreadPool | null = null;
  private poolFor = 1;
  // A view of the whole memory, remade only when it grows (making one costs ~0.5 µs a call).
  private heapView: Float32Array;

  constructor(private readonly kernels: KernelModule) {
    this.main = instantiate(kernels.module, kernels.memory);
    this.heapView = new Float32Array(kernels.memory.buffer);
  }

  /** `simd`, plus `relaxed-simd` (fused multiply-add) and `threads` where available. */
  features(): string[] {
    return ['simd', ...(this.kernels.relaxed ? ['relaxed-simd'] : []), ...(this.maxThreads() > 1 ? ['threads'] : [])];
  }

  /**
   * Threads a convolution may use now (1 without shared memory or worker threads). The pool
   * only grows: asking for fewer threads leaves workers idle, so switching back costs nothing.
   */
  maxThreads(): number {
    const wanted = requestedThreads();
    if (wanted > this.poolFor) {
      const pool = ThreadPool.create(this.kernels, wanted - 1);
      if (pool) {
        this.pool?.terminate();
        this.pool = pool;
      }
      this.poolFor = wanted; // not retried for this size when worker threads are unavailable
    }
    return this.pool ? Math.min(wanted, this.pool.size + 1) : 1;
  }

  /** Starts the worker threads and waits (up to 10 s) until they take work. */
  async warmUp(): Promise<void> {
    this.maxThreads();
    const deadline = Date.now() + 10_000;
    while (this.pool && !this.pool.allReady() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** @internal Jobs handed to worker threads so far (tests check that threads really ran). */
  get workerJobs(): number {
    return this.pool?.posted ?? 0;
  }

  conv2d(x: Float32Array, w: Float32Array, bias: Float32Array | null, info: Conv2DInfo): Float32Array {
    const { batch, inChannels: C, inHeight: H, inWidth: W, outChannels: O, outHeight: OH, outWidth: OW, groups } = info;
    const outLength = batch * O * OH * OW;
    if (outLength === 0) return new Float32Array(0);
    const threads = conv2dMacs(info) >= THREAD_MIN_MACS ? this.maxThreads() : 1;
    const k = this.main;
    const geometry = [H, W, info.kernelHeight, info.kernelWidth, info.strideHeight, info.strideWidth, info.dilationHeight, info.dilationWidth, info.padTop, info.padLeft, OH, OW];
    k.setGeometry.apply(null, geometry as Parameters<KernelExports['setGeometry']>);

    // Layout: per-thread locals | x | w | bias | out | the path's buffers (per thread where needed).
    const heap = new Layout(k.heapBase());
    const perThread = (bytes: number): number[] => {
      const at: number[] = [];
      for (let t = 0; t < threads; t++) at.push(heap.take(bytes));
      return at;
    };
    const locals = perThread(k.localsBytes());
    const xAt = heap.take(x.length * 4 + OVERREAD);
    const wAt = heap.take(w.length * 4 + OVERREAD);
    const biasAt = bias ? heap.take(bias.length * 4) : 0;
    const outAt = heap.take(outLength * 4 + OVERREAD);

    let phases: Phase[];
    // Winograd's transforms need finite, moderate inputs (see winogradSafe); checking takes a
    // pass over x and w in linear memory, so they are copied first.
    let copied = false;
    let winograd = useWinograd(info);
    if (winograd) {
      if (!this.reserve(wAt + w.length * 4 + OVERREAD)) return tsBackend.conv2d(x, w, bias, info);
      this.pool?.waitAllIdle();
      this.heapView.set(x, xAt / 4);
      this.heapView.set(w, wAt / 4);
      copied = true;
      winograd = winogradSafe(k.maxAbs(xAt, x.length), k.maxAbs(wAt, w.length), C);
    }
    if (winograd) {
      phases = this.planWinograd(info, threads, heap, perThread, { xAt, wAt, biasAt, outAt });
    } else if (groups === C && groups > 1) {
      const scratch = perThread(k.depthwiseScratchBytes() + OVERREAD);
      const ranges = split(C, threads, 1);
      phases = [{ shares: ranges.length, call: (t) => ({ fn: 'depthwiseRange', args: [xAt, wAt, biasAt, outAt, batch, C, O / C, ranges[t][0], ranges[t][1], scratch[t]] }) }];
    } else {
      // A 1×1, stride-1, unpadded convolution reads its input as the B matrix directly.
      const direct = info.kernelHeight === 1 && info.kernelWidth === 1 && info.strideHeight === 1 && info.strideWidth === 1 && info.padTop === 0 && info.padLeft === 0 && OH === H && OW === W;
      const ranges = split(OH * OW, threads, 8);
      if (direct && groups === 1 && C <= SMALL_K) {
        phases = [{ shares: ranges.length, call: (t) => ({ fn: 'pointwiseSmallK', args: [xAt, wAt, biasAt, outAt, batch, C, O, ranges[t][0], ranges[t][1]] }) }];
      } else {
        const scratch = perThread(k.gemmScratchBytes(O / groups) + OVERREAD);
        phases = [{ shares: ranges.length, call: (t) => ({ fn: 'convGemm', args: [xAt, wAt, biasAt, outAt, batch, C, O, groups, direct ? 1 : 0, ranges[t][0], ranges[t][1], scratch[t]] }) }];
      }
    }
    // A convolution too large for linear memory runs on the TypeScript backend instead.
    if (!this.reserve(heap.end + OVERREAD)) return tsBackend.conv2d(x, w, bias, info);

    this.pool?.waitAllIdle();
    const memory = this.heapView;
    if (!copied) {
      memory.set(x, xAt / 4);
      memory.set(w, wAt / 4);
    }
    if (bias) memory.set(bias, biasAt / 4);
    k.setLocals(locals[0]);
    for (const phase of phases) {
      if (phase.shares === 1 || !this.pool) {
        for (let t = 0; t < phase.shares; t++) {
          if (t > 0) k.setLocals(locals[t]);
          this.invoke(phase.call(t));
        }
      } else {
        // Each share sets its locals (this thread may have run a starting worker's share in an
        // earlier phase, with that worker's locals); workers also need the geometry.
        const jobs: KernelCall[][] = [];
        for (let t = 0; t < phase.shares; t++) {
          const setLocals: KernelCall = { fn: 'setLocals', args: [locals[t]] };
          jobs.push(t === 0 ? [setLocals, phase.call(0)] : [setLocals, { fn: 'setGeometry', args: geometry }, phase.call(t)]);
        }
        this.pool.run(jobs, (calls) => this.runHere(calls));
      }
    }
    return memory.slice(outAt / 4, outAt / 4 + outLength);
  }

  // Two phases: the weight transform (U), then the chunks, each shared out over the threads.
  private planWinograd(
    info: Conv2DInfo,
    threads: number,
    heap: Layout,
    perThread: (bytes: number) => number[],
    at: { xAt: number; wAt: number; biasAt: number; outAt: number },
  ): Phase[] {
    const k = this.main;
    const { batch, inChannels: C, outChannels: O } = info;
    const tileCols = k.winogradTileCols();
    const tileRows = k.winogradTileRows();
    // Enough chunks for every thread, each about WINOGRAD_TILES tiles.
    const chunkRows = Math.max(1, Math.min(Math.floor(WINOGRAD_TILES / tileCols), Math.ceil(tileRows / threads)));
    const chunkTiles = chunkRows * tileCols;
    const uAt = heap.take(16 * O * C * 4);
    const v = perThread(16 * C * chunkTiles * 4 + OVERREAD);
    const m = perThread(16 * O * chunkTiles * 4 + OVERREAD);
    const pad = perThread(k.winogradPadBytes() + OVERREAD);
    const scratch = perThread(k.gemmScratchBytes(O) + OVERREAD);
    const kernels = split(O * C, threads, 4);
    return [
      { shares: kernels.length, call: (t) => ({ fn: 'winogradWeights', args: [at.wAt, O * C, kernels[t][0], kernels[t][1], uAt] }) },
      { shares: threads, call: (t) => ({ fn: 'winogradRange', args: [at.xAt, C, O, uAt, at.biasAt, at.outAt, batch, chunkRows, t, threads, v[t], m[t], pad[t], scratch[t]] }) },
    ];
  }

  private invoke({ fn, args }: KernelCall): void {
    (this.main as unknown as Record<string, (...args: number[]) => void>)[fn].apply(null, args);
  }

  private runHere(calls: KernelCall[]): void {
    for (const call of calls) this.invoke(call);
  }

  // Grows the memory to `bytes`; false when that is beyond the limit or the host refuses.
  private reserve(bytes: number): boolean {
    const memory = this.kernels.memory;
    const missing = bytes - this.heapView.byteLength;
    if (missing <= 0) return true;
    if (bytes > MAX_BYTES) return false;
    try {
      memory.grow(Math.ceil(missing / PAGE));
    } catch {
      return false;
    }
    this.heapView = new Float32Array(memory.buffer);
    return true;
  }
}
