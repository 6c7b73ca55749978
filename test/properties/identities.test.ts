/**
 * Property tests (fast-check) of the identities the tutorials teach. Tolerances: results that
 * differ only in summation order are compared at 1e-5·(1 + |value|) — float32 sums of at most
 * a few hundred terms of size ~1 round to within ~1e-5 (K·2⁻²⁴ with K ≤ 200); exact identities
 * (zero-masking adds exact zeros) are compared at 0 where the summation order is the same.
 */
import fc from 'fast-check';
import {
  Tensor, backend, composeSeparable, conv2d, depthwiseAsStandard, depthwiseConv2d, factorizeKernel, outer, randn,
  separableConv2d, separableFilter2d, setBackend, listBackends, tensor,
} from '@convkit/core';

function close(a: Tensor, b: Tensor, rel = 1e-5): void {
  expect(a.shape).toEqual(b.shape);
  for (let i = 0; i < a.size; i++) {
    const tol = rel * (1 + Math.abs(b.data[i]));
    if (Math.abs(a.data[i] - b.data[i]) > tol) throw new Error(`index ${i}: ${a.data[i]} vs ${b.data[i]} (tolerance ${tol})`);
  }
}

const convConfig = fc.record({
  channels: fc.integer({ min: 1, max: 5 }),
  multiplier: fc.integer({ min: 1, max: 3 }),
  outChannels: fc.integer({ min: 1, max: 4 }),
  k: fc.integer({ min: 1, max: 4 }),
  extra: fc.integer({ min: 0, max: 5 }),
  stride: fc.integer({ min: 1, max: 2 }),
  dilation: fc.integer({ min: 1, max: 2 }),
  padding: fc.integer({ min: 0, max: 2 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

const defaultBackend = backend();

// Each backend (WebAssembly SIMD, TypeScript) must satisfy the identities on its own.
describe.each(listBackends())('%s backend', (name) => {
  beforeAll(() => setBackend(name));
  afterAll(() => setBackend(defaultBackend));

  describe('depthwise identities', () => {
    test('depthwiseConv2d == conv2d(groups = C) == conv2d with depthwiseAsStandard weights', () => {
      fc.assert(
        fc.property(convConfig, (c) => {
          const size = c.dilation * (c.k - 1) + 1 + c.extra;
          const x = randn([c.channels, size, size + 1], { seed: c.seed });
          const w = randn([c.channels * c.multiplier, 1, c.k, c.k], { seed: c.seed + 1 });
          const opts = { stride: c.stride, padding: c.padding, dilation: c.dilation };
          const dw = depthwiseConv2d(x, w, opts);
          close(conv2d(x, w, { ...opts, groups: c.channels }), dw, 0);
          close(conv2d(x, depthwiseAsStandard(w, c.channels), opts), dw);
        }),
        { numRuns: 60 },
      );
    });
  });

  describe('separable identities', () => {
    test('separableConv2d == conv2d with composeSeparable weights', () => {
      fc.assert(
        fc.property(convConfig, (c) => {
          const size = c.dilation * (c.k - 1) + 1 + c.extra;
          const x = randn([1, c.channels, size, size], { seed: c.seed });
          const dw = randn([c.channels * c.multiplier, 1, c.k, c.k], { seed: c.seed + 1 });
          const pw = randn([c.outChannels, c.channels * c.multiplier, 1, 1], { seed: c.seed + 2 });
          const opts = { stride: c.stride, padding: c.padding, dilation: c.dilation };
          close(conv2d(x, composeSeparable(dw, pw, c.channels), opts), separableConv2d(x, dw, pw, opts), 1e-4);
        }),
        { numRuns: 60 },
      );
    });

    test("'same' keeps H×W at stride 1, for odd and even kernels", () => {
      fc.assert(
        fc.property(convConfig, (c) => {
          const size = c.dilation * (c.k - 1) + 1 + c.extra;
          const x = randn([c.channels, size, size + 2], { seed: c.seed });
          const y = conv2d(x, randn([c.outChannels, c.channels, c.k, c.k + 1], { seed: 1 }), { padding: 'same', dilation: c.dilation });
          expect(y.shape).toEqual([c.outChannels, size, size + 2]);
        }),
        { numRuns: 40 },
      );
    });

    test('conv2d is linear in its input', () => {
      fc.assert(
        fc.property(convConfig, fc.double({ min: -3, max: 3, noNaN: true }), (c, a) => {
          const size = c.k + c.extra;
          const x1 = randn([c.channels, size, size], { seed: c.seed });
          const x2 = randn([c.channels, size, size], { seed: c.seed + 7 });
          const w = randn([c.outChannels, c.channels, c.k, c.k], { seed: c.seed + 3 });
          const mixed = x1.map((v, i) => a * v + x2.data[i]);
          const lhs = conv2d(mixed, w, { padding: c.padding });
          const y1 = conv2d(x1, w, { padding: c.padding });
          const y2 = conv2d(x2, w, { padding: c.padding });
          close(lhs, y1.map((v, i) => a * v + y2.data[i]), 1e-4);
        }),
        { numRuns: 40 },
      );
    });
  });
});

describe('spatially separable kernels', () => {
  const vec = (n: number) => fc.array(fc.integer({ min: -9, max: 9 }), { minLength: n, maxLength: n }).filter((v) => v.some((e) => e !== 0));
  test('rank-1 kernels factor back (relative error < 1e-6) and two 1-D passes equal the 2-D conv', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1e6 }), (kh, kw, seed) => {
        const col = randn([kh], { seed });
        const row = randn([kw], { seed: seed + 1 });
        const k = outer(col, row);
        const f = factorizeKernel(k);
        expect(f.rank).toBe(1);
        expect(f.relativeError).toBeLessThan(1e-6);
        close(outer(f.column, f.row), k, 1e-5);
        const x = randn([2, kh + 4, kw + 3], { seed: seed + 2 });
        const perChannel = tensor(Float32Array.from([...k.data, ...k.data]), [2, 1, kh, kw]);
        close(separableFilter2d(x, f.column, f.row, { padding: 1 }), conv2d(x, perChannel, { padding: 1, groups: 2 }), 1e-4);
      }),
      { numRuns: 60 },
    );
  });

  test('integer rank-1 kernels (like Sobel) factor back exactly, into integer factors', () => {
    const size = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(size.chain(vec), size.chain(vec), (c, r) => {
        const k = outer(tensor(c), tensor(r));
        const f = factorizeKernel(k);
        expect(f.rank).toBe(1);
        expect(f.relativeError).toBe(0);
        // Equal values (jest's toEqual would tell 0 from -0, which the kernel itself may hold).
        expect(Array.from(outer(f.column, f.row).data, (v, i) => v === k.data[i])).not.toContain(false);
        for (const v of [...f.column.data, ...f.row.data]) expect(Number.isInteger(v)).toBe(true);
        // The column is primitive (its entries share no divisor) with a positive first non-zero entry.
        const nonZero = Array.from(f.column.data).filter((v) => v !== 0);
        expect(nonZero[0]).toBeGreaterThan(0);
        const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : Math.abs(a));
        expect(nonZero.reduce(gcd, 0)).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  test('dyadic rank-1 kernels (a Gaussian /16) factor back exactly', () => {
    const f = factorizeKernel([[1, 2, 1], [2, 4, 2], [1, 2, 1]].map((row) => row.map((v) => v / 16)));
    expect(Array.from(f.column.data)).toEqual([1, 2, 1]);
    expect(Array.from(f.row.data)).toEqual([1 / 16, 2 / 16, 1 / 16]);
    expect(f.relativeError).toBe(0);
  });
});
