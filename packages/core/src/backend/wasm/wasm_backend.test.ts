/**
 * The WebAssembly backend's own paths — Winograd, GEMM over several blocks, depthwise — and
 * its threads. Accuracy against PyTorch is in test/torch; here: the backend is chosen, and
 * splitting work over threads changes no bit of any result (each output is computed by the
 * same operations in the same order whichever thread runs it).
 */
import { execFileSync } from 'child_process';
import { join } from 'path';
import { backendReady, backend, conv2d, depthwiseConv2d, numThreads, randn, setNumThreads, Tensor } from '../../index';
import { activeBackend } from '../registry';
import { WasmBackend, useWinograd } from './wasm_backend';

const cases: Array<[string, () => Tensor]> = [
  ['winograd 3×3 (odd sizes, bias)', () => conv2d(randn([1, 24, 37, 29], { seed: 1 }), randn([40, 24, 3, 3], { seed: 2 }), { padding: 1, bias: randn([40], { seed: 3 }) })],
  ['gemm 5×5 stride 2, several K blocks', () => conv2d(randn([2, 40, 41, 40], { seed: 4 }), randn([70, 40, 5, 5], { seed: 5 }), { stride: 2, padding: 2 })],
  ['pointwise, direct B', () => conv2d(randn([1, 300, 30, 30], { seed: 6 }), randn([64, 300, 1, 1], { seed: 7 }))],
  ['grouped', () => conv2d(randn([1, 64, 40, 40], { seed: 8 }), randn([64, 16, 3, 3], { seed: 9 }), { groups: 4, padding: 1 })],
  ['depthwise ×2, stride 2', () => depthwiseConv2d(randn([1, 96, 121, 118], { seed: 10 }), randn([192, 1, 3, 3], { seed: 11 }), { stride: 2, padding: 1 })],
];

describe('wasm-simd backend', () => {
  const initialThreads = numThreads();
  afterAll(() => setNumThreads(Math.max(1, initialThreads)));

  test('is the default backend in Node', async () => {
    expect(await backendReady()).toBe('wasm-simd');
    expect(backend()).toBe('wasm-simd');
  });

  test('Winograd is chosen for 3×3 stride-1 convolutions with ≥ 8 channels and enough output tiles only', () => {
    const info = { batch: 1, inChannels: 8, inHeight: 9, inWidth: 9, outChannels: 8, outHeight: 9, outWidth: 9, kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1, padTop: 1, padLeft: 1, groups: 1 };
    expect(useWinograd(info)).toBe(true);
    expect(useWinograd({ ...info, strideWidth: 2 })).toBe(false);
    expect(useWinograd({ ...info, dilationHeight: 2 })).toBe(false);
    expect(useWinograd({ ...info, inChannels: 4 })).toBe(false);
    expect(useWinograd({ ...info, groups: 2 })).toBe(false);
    // Too few 2×2 output tiles to pay for transforming the filters: 4×4 outputs (4 tiles) at any
    // width; 7×7 (16 tiles) at 512 channels, where the transformed filters leave the cache.
    expect(useWinograd({ ...info, outHeight: 4, outWidth: 4 })).toBe(false);
    expect(useWinograd({ ...info, outHeight: 7, outWidth: 7 })).toBe(true);
    expect(useWinograd({ ...info, inChannels: 512, outChannels: 512, outHeight: 7, outWidth: 7 })).toBe(false);
    expect(useWinograd({ ...info, inChannels: 512, outChannels: 512, outHeight: 14, outWidth: 14 })).toBe(true);
    expect(useWinograd({ ...info, batch: 4, inChannels: 512, outChannels: 512, outHeight: 7, outWidth: 7 })).toBe(true);
  });

  test('an Inf or NaN input gives ±Inf / NaN exactly where a direct convolution does (no Winograd NaNs)', async () => {
    expect(await backendReady()).toBe('wasm-simd');
    // One Inf pixel at (channel 2, row 4, col 5) of a 16-channel 9×9 input; 3×3 weights with no zeros.
    // Hand-computed: an output is ±Inf iff its 3×3 window (padding 1) covers the pixel — rows 3–5,
    // cols 4–6 — with the sign of the weight that meets it; every other output is finite.
    for (const bad of [Infinity, -Infinity, NaN]) {
      const x = randn([1, 16, 9, 9], { seed: 21 });
      x.data[2 * 81 + 4 * 9 + 5] = bad;
      const w = randn([16, 16, 3, 3], { seed: 22 }).map((v) => (v === 0 ? 1 : v));
      const y = conv2d(x, w, { padding: 1 });
      for (let o = 0; o < 16; o++) {
        for (let r = 0; r < 9; r++) {
          for (let c = 0; c < 9; c++) {
            const v = y.get(0, o, r, c);
            const hit = r >= 3 && r <= 5 && c >= 4 && c <= 6;
            if (!hit) expect(Number.isFinite(v)).toBe(true);
            else if (Number.isNaN(bad)) expect(v).toBeNaN();
            else expect(v).toBe(bad * Math.sign(w.get(o, 2, 4 - r + 1, 5 - c + 1)));
          }
        }
      }
    }
  });

  test.each(cases)('%s: 1, 2 and 3 threads give identical results', async (_name, run) => {
    setNumThreads(1);
    const single = run();
    for (const threads of [2, 3]) {
      setNumThreads(threads);
      await backendReady();
      const wasm = activeBackend() as WasmBackend;
      const before = wasm.workerJobs;
      const multi = run();
      expect(wasm.workerJobs).toBeGreaterThan(before); // the workers really ran
      expect(multi.shape).toEqual(single.shape);
      expect(Buffer.from(multi.data.buffer).equals(Buffer.from(single.data.buffer))).toBe(true);
    }
  });

  // The relaxed-SIMD (fused multiply-add) variants, in a fresh Node with the feature on: a
  // flag on Node 20/21, the default later. Compared with the TypeScript backend (plain float32
  // multiply-adds) at the summation-error scale; PyTorch comparisons of this variant run in the
  // browser test (Chromium has relaxed SIMD) and through the kernel.
  test('relaxed-SIMD kernels agree with the TypeScript backend', () => {
    const flags = /^v2[01]\./.test(process.version) ? ['--experimental-wasm-relaxed-simd'] : [];
    const script = `
      const ck = require(${JSON.stringify(join(__dirname, '..', '..', '..', 'lib', 'index.js'))});
      const cases = [
        () => ck.conv2d(ck.randn([1, 24, 37, 29], { seed: 1 }), ck.randn([40, 24, 3, 3], { seed: 2 }), { padding: 1 }),
        () => ck.conv2d(ck.randn([1, 40, 21, 20], { seed: 4 }), ck.randn([70, 40, 5, 5], { seed: 5 }), { stride: 2, padding: 2 }),
        () => ck.depthwiseConv2d(ck.randn([1, 16, 33, 35], { seed: 6 }), ck.randn([16, 1, 3, 3], { seed: 7 }), { padding: 1 }),
        () => ck.pointwiseConv2d(ck.randn([1, 3, 20, 20], { seed: 8 }), ck.randn([9, 3, 1, 1], { seed: 9 })),
      ];
      let worst = 0;
      for (const run of cases) {
        ck.setBackend('wasm-simd'); const got = run();
        ck.setBackend('ts'); const want = run();
        let scale = 0; for (const v of want.data) scale = Math.max(scale, Math.abs(v));
        worst = Math.max(worst, ck.maxAbsDiff(got, want) / scale);
      }
      ck.setBackend('wasm-simd');
      console.log(JSON.stringify({ features: ck.backendFeatures(), worst }));`;
    const out = JSON.parse(execFileSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' }));
    expect(out.features).toContain('relaxed-simd');
    expect(out.worst).toBeLessThan(1e-5);
  });

  test('setNumThreads rejects bad counts, naming the argument', () => {
    expect(() => setNumThreads(0)).toThrow(/setNumThreads.*n must be an integer from 1 to 64, got 0/);
    expect(() => setNumThreads(1.5)).toThrow(/got 1.5/);
  });
});
