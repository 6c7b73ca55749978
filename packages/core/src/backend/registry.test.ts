/**
 * Backend selection: WebAssembly SIMD where the engine has it, the TypeScript backend where it
 * does not — checked in a Node started with --jitless, which has no WebAssembly at all.
 */
import { execFileSync } from 'child_process';
import { join } from 'path';

const LIB = join(__dirname, '..', '..', 'lib', 'index.js');

function inFreshNode(flags: string[], body: string): unknown {
  const script = `const ck = require(${JSON.stringify(LIB)});\n${body}`;
  return JSON.parse(execFileSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' }));
}

describe('backend selection', () => {
  test('without WebAssembly (node --jitless) the TypeScript backend runs, and computes', () => {
    const out = inFreshNode(
      ['--jitless'],
      `const y = ck.conv2d(ck.tensor([[[1, 2], [3, 4]]]), ck.tensor([[[[1, 1], [1, 1]]]]));
       ck.backendReady().then((ready) => console.log(JSON.stringify({ wasm: typeof WebAssembly, ready, backends: ck.listBackends(), features: ck.backendFeatures(), threads: ck.numThreads(), y: Array.from(y.data) })));`,
    );
    expect(out).toEqual({ wasm: 'undefined', ready: 'ts', backends: ['ts'], features: [], threads: 1, y: [10] });
  });

  test('with WebAssembly SIMD the wasm-simd backend is chosen', () => {
    const out = inFreshNode([], `ck.backendReady().then((ready) => console.log(JSON.stringify({ ready, backends: ck.listBackends() })));`);
    expect(out).toEqual({ ready: 'wasm-simd', backends: ['ts', 'wasm-simd'] });
  });
});
