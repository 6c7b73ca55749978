import { JOB_FUNCTIONS, JobFunction, KernelModule } from './kernels';

/** One kernel call of a job: function and integer arguments. */
export interface KernelCall {
  fn: JobFunction;
  args: number[];
}

// Control block, one slot of SLOT int32s per worker:
// [0] job sequence number (main → worker; −1 stops), [1] finished sequence (worker → main),
// [2] status of the last job (0 ok, 1 failed), [3] number of calls, [4] ready flag, then calls
// as (function index, argument count, arguments...).
const SLOT = 128;
const CALLS_AT = 5;

// The worker: instantiate the kernels on the shared memory, then loop, blocking in
// Atomics.wait until the main thread posts a job. It never needs its event loop.
const WORKER_SOURCE = `
const { workerData } = require('worker_threads');
const { module, memory, control, slot, names, SLOT, CALLS_AT } = workerData;
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
const c = new Int32Array(control);
const base = slot * SLOT;
Atomics.store(c, base + 4, 1);
let seq = 0;
for (;;) {
  Atomics.wait(c, base, seq);
  seq = Atomics.load(c, base);
  if (seq < 0) break;
  let status = 0;
  try {
    let p = base + CALLS_AT;
    for (let k = c[base + 3]; k > 0; k--) {
      const argc = c[p + 1];
      kernels[names[c[p]]](...c.subarray(p + 2, p + 2 + argc));
      p += 2 + argc;
    }
  } catch (e) {
    status = 1;
  }
  c[base + 2] = status;
  Atomics.store(c, base + 1, seq);
  Atomics.notify(c, base + 1);
}
`;

interface NodeWorker {
  unref(): void;
  terminate(): Promise<number>;
}
interface WorkerThreadsModule {
  Worker: new (source: string, options: { eval: true; workerData: unknown }) => NodeWorker;
}

// worker_threads without a static import, so bundlers for the browser see no Node module.
function workerThreads(): WorkerThreadsModule | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  try {
    return (proc?.getBuiltinModule?.('node:worker_threads') as WorkerThreadsModule | undefined) ?? null;
  } catch {
    return null;
  }
}

/**
 * Node worker threads running kernel calls on the shared memory. `run` hands each worker its
 * calls, runs the main thread's own share, then blocks (Atomics.wait) until all are done —
 * so convolutions stay synchronous. Workers still starting up are skipped: the main thread
 * takes their share, so a job never waits on a worker that is not there.
 */
export class ThreadPool {
  private readonly control: Int32Array;
  private readonly workers: NodeWorker[] = [];
  private seq = 0;
  // The job each worker was last given: a job interrupted on this thread (a SIGINT breaking a
  // cell in the kernel) may still run there, and must finish before the memory is reused.
  private readonly lastPosted: number[] = [];
  /** Jobs handed to workers so far. */
  posted = 0;

  private constructor(kernels: KernelModule, size: number, threads: WorkerThreadsModule) {
    this.control = new Int32Array(new SharedArrayBuffer(size * SLOT * 4));
    for (let slot = 0; slot < size; slot++) {
      const worker = new threads.Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: kernels.module, memory: kernels.memory, control: this.control.buffer, slot, names: JOB_FUNCTIONS, SLOT, CALLS_AT },
      });
      worker.unref(); // idle workers never keep the process alive
      this.workers.push(worker);
    }
  }

  /** A pool of `size` workers, or null where worker threads or shared memory are unavailable. */
  static create(kernels: KernelModule, size: number): ThreadPool | null {
    if (!kernels.shared || size < 1) return null;
    const threads = workerThreads();
    if (!threads) return null;
    try {
      return new ThreadPool(kernels, size, threads);
    } catch {
      return null;
    }
  }

  /** Number of worker threads (the main thread works too). */
  get size(): number {
    return this.workers.length;
  }

  /** Whether every worker has started. */
  allReady(): boolean {
    return this.workers.every((_, slot) => this.ready(slot));
  }

  /** Whether worker `slot` has started and waits for work. */
  ready(slot: number): boolean {
    return Atomics.load(this.control, slot * SLOT + 4) === 1;
  }

  /**
   * Runs `jobs[0]` on the main thread (via `runHere`) and `jobs[1 + i]` on worker i; a worker
   * not yet ready has its job run here too. Throws if a worker's job failed.
   */
  run(jobs: KernelCall[][], runHere: (calls: KernelCall[]) => void): void {
    const c = this.control;
    const seq = ++this.seq;
    const posted: number[] = [];
    const local: KernelCall[][] = [jobs[0]];
    for (let i = 1; i < jobs.length; i++) {
      const slot = i - 1;
      if (slot >= this.workers.length || !this.ready(slot)) {
        local.push(jobs[i]);
        continue;
      }
      const base = slot * SLOT;
      this.waitIdle(slot);
      let p = base + CALLS_AT;
      for (const { fn, args } of jobs[i]) {
        if (p + 2 + args.length > base + SLOT) throw new Error('convkit: thread job too long');
        c[p] = JOB_FUNCTIONS.indexOf(fn);
        c[p + 1] = args.length;
        c.set(args, p + 2);
        p += 2 + args.length;
      }
      c[base + 3] = jobs[i].length;
      Atomics.store(c, base, seq);
      Atomics.notify(c, base);
      this.lastPosted[slot] = seq;
      posted.push(slot);
      this.posted++;
    }
    for (const calls of local) runHere(calls);
    let failed = false;
    for (const slot of posted) {
      this.waitIdle(slot);
      failed ||= c[slot * SLOT + 2] !== 0;
    }
    if (failed) throw new Error('convkit: a worker thread failed to run its share of a convolution');
  }

  /**
   * Blocks until every worker has finished its last job: one left running by an interrupted
   * call would otherwise write into memory the next call (threaded or not) is using.
   */
  waitAllIdle(): void {
    for (let slot = 0; slot < this.workers.length; slot++) this.waitIdle(slot);
  }

  // Blocks until worker `slot` has finished the last job it was given.
  private waitIdle(slot: number): void {
    const want = this.lastPosted[slot];
    if (want === undefined) return;
    const at = slot * SLOT + 1;
    for (let done = Atomics.load(this.control, at); done !== want; done = Atomics.load(this.control, at)) {
      Atomics.wait(this.control, at, done, 1000);
    }
  }

  /** Stops the workers. */
  terminate(): void {
    for (let slot = 0; slot < this.workers.length; slot++) {
      Atomics.store(this.control, slot * SLOT, -1);
      Atomics.notify(this.control, slot * SLOT);
      void this.workers[slot].terminate();
    }
    this.workers.length = 0;
  }
}
