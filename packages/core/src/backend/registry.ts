import { ConvkitError, describeValue } from '../errors';
import { Backend } from './backend';
import { tsBackend } from './ts/ts_backend';
import { compileKernelsAsync, compileKernelsSync, wasmSimdSupported } from './wasm/kernels';
import { WasmBackend } from './wasm/wasm_backend';

const backends = new Map<string, Backend>([[tsBackend.name, tsBackend]]);
let active: Backend = tsBackend;
// Set once someone chooses a backend, so the asynchronous WebAssembly start-up never overrides them.
let chosen = false;

/**
 * Name of the backend that runs convolutions now: `'wasm-simd'` (WebAssembly SIMD kernels,
 * chosen automatically where the engine supports them) or `'ts'` (portable TypeScript).
 */
export function backend(): string {
  return active.name;
}

/** Names of all registered backends. */
export function listBackends(): string[] {
  return [...backends.keys()];
}

/** Makes a registered backend the active one. */
export function setBackend(name: string): void {
  const found = backends.get(name);
  if (!found) {
    throw new ConvkitError('setBackend', 'name', `name must be one of ${listBackends().map((n) => JSON.stringify(n)).join(', ')}, got ${describeValue(name)}`);
  }
  active = found;
  chosen = true;
}

/** Adds a backend (optionally making it active). */
export function registerBackend(impl: Backend, activate = false): void {
  backends.set(impl.name, impl);
  if (activate) {
    active = impl;
    chosen = true;
  }
}

/**
 * What the active backend uses: `'simd'`, `'relaxed-simd'` (fused multiply-add: Node ≥ 22,
 * Chrome ≥ 114, or Node 20 started with `--experimental-wasm-relaxed-simd`), `'threads'`.
 */
export function backendFeatures(): string[] {
  return active.features ? active.features() : [];
}

/** Number of threads convolutions use now: see {@link setNumThreads}. */
export function numThreads(): number {
  return active.maxThreads ? active.maxThreads() : 1;
}

/** @internal The backend ops call. */
export function activeBackend(): Backend {
  return active;
}

function adoptWasm(backendImpl: Backend): void {
  backends.set(backendImpl.name, backendImpl);
  if (!chosen) active = backendImpl;
}

// WebAssembly SIMD where the engine has it: compiled synchronously where allowed (Node,
// workers), else asynchronously, the TypeScript backend serving until it is ready.
const wasmReady: Promise<void> = (() => {
  if (!wasmSimdSupported()) return Promise.resolve();
  const kernels = compileKernelsSync(true);
  if (kernels) {
    adoptWasm(new WasmBackend(kernels));
    return Promise.resolve();
  }
  return compileKernelsAsync().then(
    (k) => adoptWasm(new WasmBackend(k)),
    () => undefined,
  );
})();

/**
 * Resolves with the backend's name once the fastest available backend is loaded and its
 * worker threads have started (until then convolutions run, on fewer threads).
 */
export async function backendReady(): Promise<string> {
  await wasmReady;
  await active.warmUp?.();
  return active.name;
}
