import { ConvkitError, describeValue } from '../errors';

// Cores this process may use, without a static import of Node's os module.
function cores(): number {
  const g = globalThis as { process?: { getBuiltinModule?: (name: string) => unknown }; navigator?: { hardwareConcurrency?: number } };
  try {
    const os = g.process?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
    if (os?.availableParallelism) return os.availableParallelism();
  } catch {
    // not Node
  }
  return g.navigator?.hardwareConcurrency ?? 1;
}

function initialThreads(): number {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.CONVKIT_NUM_THREADS;
  const fromEnv = env === undefined ? NaN : Number(env);
  // The same range setNumThreads accepts; anything else (unset, '', 'abc', 0) means the default.
  return Number.isInteger(fromEnv) && fromEnv >= 1 && fromEnv <= 64 ? fromEnv : Math.max(1, Math.min(4, cores()));
}

let requested = initialThreads();

/**
 * Sets how many threads a convolution may use (like `torch.set_num_threads`): the calling
 * thread plus `n − 1` worker threads. Threads need the WebAssembly backend, shared memory and
 * worker threads — Node has them; in a browser page convolutions run on one thread.
 * The default is the number of cores, at most 4, or the `CONVKIT_NUM_THREADS` environment variable.
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new ConvkitError('setNumThreads', 'n', `n must be an integer from 1 to 64, got ${describeValue(n)}`);
  }
  requested = n;
}

/** @internal The thread count asked for (backends may use fewer). */
export function requestedThreads(): number {
  return requested;
}
