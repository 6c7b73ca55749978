/**
 * Differential tests: @convkit/core against PyTorch (Debian python3-torch).
 * The committed fixtures come from make_fixtures.py; where torch is installed, fresh random
 * cases are generated too. Tolerance per case: |convkit − torch| <= (K + 2)·2⁻²⁴·absSum,
 * the standard bound on float32 summation error for K terms (see make_fixtures.py), so any
 * summation order passes and a wrong index or padding rule (errors of order absSum) fails.
 * Every registered backend (WebAssembly SIMD and the TypeScript fallback) runs every case.
 */
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { Tensor, backend, backendReady, conv2d, depthwiseConv2d, listBackends, pointwiseConv2d, separableConv2d, setBackend, tensor } from '@convkit/core';
import type { Conv2dOptions } from '@convkit/core';

interface Encoded {
  shape: number[];
  data: string;
}
interface Case {
  name: string;
  op: 'conv2d' | 'depthwiseConv2d' | 'pointwiseConv2d' | 'separableConv2d';
  x: Encoded;
  weight: Encoded;
  pointwise?: Encoded;
  bias?: Encoded;
  /** separableConv2d only: the depth-wise step's bias and expected output. */
  depthwiseBias?: Encoded;
  intermediate?: Encoded;
  options: Record<string, unknown>;
  expected: Encoded;
  terms: number;
  absSum: number;
}

const U = 2 ** -24;

function decode(e: Encoded): Tensor {
  const bytes = Buffer.from(e.data, 'base64');
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return tensor(data, e.shape);
}

function run(c: Case): Tensor {
  const x = decode(c.x);
  const w = decode(c.weight);
  const bias = c.bias ? decode(c.bias) : undefined;
  const { stride, padding, dilation, groups, paddingMode } = c.options as Conv2dOptions & { groups: number };
  switch (c.op) {
    case 'conv2d':
      return conv2d(x, w, { bias, stride, padding, dilation, groups, paddingMode });
    case 'depthwiseConv2d':
      return depthwiseConv2d(x, w, { bias, stride, padding, dilation, paddingMode });
    case 'pointwiseConv2d':
      return pointwiseConv2d(x, w, { bias });
    case 'separableConv2d': {
      const depthwiseBias = c.depthwiseBias ? decode(c.depthwiseBias) : undefined;
      const both = separableConv2d(x, w, decode(c.pointwise as Encoded), { stride, padding, dilation, paddingMode, bias, depthwiseBias, returnIntermediate: true });
      if (c.intermediate) {
        // The depth-wise step alone has at most kH·kW + 1 terms per output; the bound for the whole covers it.
        const mid = decode(c.intermediate);
        expect(both.depthwise.shape).toEqual(mid.shape);
        const tolerance = (c.terms + 2) * U * c.absSum;
        for (let i = 0; i < mid.size; i++) if (Math.abs(both.depthwise.data[i] - mid.data[i]) > tolerance) throw new Error(`${c.name}: intermediate differs at ${i}`);
      }
      return both.output;
    }
  }
}

function check(c: Case): number {
  const got = run(c);
  const want = decode(c.expected);
  expect(got.shape).toEqual(want.shape);
  const tolerance = (c.terms + 2) * U * c.absSum;
  let worst = 0;
  for (let i = 0; i < want.size; i++) worst = Math.max(worst, Math.abs(got.data[i] - want.data[i]));
  if (worst > tolerance) throw new Error(`${c.name}: max error ${worst} > tolerance ${tolerance} (${JSON.stringify(c.options)})`);
  return worst / Math.max(tolerance, Number.MIN_VALUE);
}

const fixtures: { torch: string; cases: Case[] } = JSON.parse(readFileSync(join(__dirname, 'fixtures.json'), 'utf8'));

const defaultBackend = backend();
const backends = listBackends();

// Worker threads started, so large cases really run split over threads.
beforeAll(() => backendReady());

describe.each(backends)(`convkit (%s backend) vs PyTorch ${fixtures.torch} (committed fixtures)`, (name) => {
  beforeAll(() => setBackend(name));
  afterAll(() => setBackend(defaultBackend));
  test.each(fixtures.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    check(c);
  });
});

describe('fixtures and backends', () => {
  test('WebAssembly SIMD is the default backend in Node', () => {
    expect(defaultBackend).toBe('wasm-simd');
    expect(backends).toEqual(expect.arrayContaining(['ts', 'wasm-simd']));
  });

  test('the fixtures cover every option', () => {
    const opts = fixtures.cases.map((c) => c.options);
    for (const mode of ['zeros', 'reflect', 'replicate', 'circular']) expect(opts.some((o) => o.paddingMode === mode)).toBe(true);
    for (const p of ['same', 'valid']) expect(opts.some((o) => o.padding === p)).toBe(true);
    expect(opts.some((o) => Array.isArray(o.padding) && o.padding.length === 4)).toBe(true);
    expect(opts.some((o) => (o.dilation as number[] | undefined)?.some((d) => d > 1))).toBe(true);
    expect(opts.some((o) => (o.stride as number[] | undefined)?.some((s) => s > 1))).toBe(true);
    expect(opts.some((o) => (o.groups as number) > 1)).toBe(true);
    expect(fixtures.cases.some((c) => c.x.shape.length === 3)).toBe(true);
    expect(fixtures.cases.some((c) => c.bias)).toBe(true);
  });
});

const python = '/usr/bin/python3';
function torchAvailable(): boolean {
  try {
    execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const hasTorch = torchAvailable();

function checkFresh(mode: '--fresh' | '--large', count: number): void {
  const seed = Date.now() % 1_000_000;
  const out = execFileSync(python, [join(__dirname, 'make_fixtures.py'), mode, String(count), '--seed', String(seed)], {
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const fresh: { cases: Case[] } = JSON.parse(out.toString());
  for (const c of fresh.cases) {
    try {
      check(c);
    } catch (error) {
      throw new Error(`${mode} seed ${seed}: ${(error as Error).message}`);
    }
  }
}
(hasTorch ? describe.each(backends) : describe.skip.each(backends))('convkit (%s backend) vs PyTorch (fresh random cases)', (name) => {
  beforeAll(() => setBackend(name));
  afterAll(() => setBackend(defaultBackend));
  test('40 new random configurations', () => {
    checkFresh('--fresh', 40);
  }, 60_000);

  // Layer-sized shapes reach what small cases cannot: several GEMM blocks, Winograd, long rows.
  test('16 new layer-sized configurations', () => {
    checkFresh('--large', 16);
  }, 120_000);
});
if (!hasTorch) console.warn('python3-torch not found at /usr/bin/python3: fresh PyTorch cases skipped (committed fixtures still run)');
