import { ConvkitError, describeValue } from '../errors';
import { Backend } from './backend';
import { tsBackend } from './ts/ts_backend';

const backends = new Map<string, Backend>([[tsBackend.name, tsBackend]]);
let active: Backend = tsBackend;

/** Name of the backend that runs convolutions now (`'ts'` is the portable TypeScript one). */
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
}

/** Adds a backend (optionally making it active). */
export function registerBackend(impl: Backend, activate = false): void {
  backends.set(impl.name, impl);
  if (activate) active = impl;
}

/** @internal The backend ops call. */
export function activeBackend(): Backend {
  return active;
}
