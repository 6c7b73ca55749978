/**
 * @convkit/core in a real browser (Debian's Chromium via playwright-core): the built package is
 * bundled for the web with webpack, loaded into a page, and must pick its WebAssembly SIMD
 * backend there and reproduce PyTorch's outputs (the committed fixtures) on both backends.
 * A plain page is not cross-origin isolated, so it has no SharedArrayBuffer: one thread.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Browser, Page, chromium } from 'playwright-core';
import webpack from 'webpack';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');
let work = '';
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];

function bundleCore(dir: string): Promise<string> {
  const entry = join(dir, 'entry.js');
  writeFileSync(entry, "window.convkit = require('@convkit/core');\n");
  return new Promise((resolve, reject) => {
    webpack(
      {
        mode: 'production',
        target: 'web',
        entry,
        context: ROOT,
        resolve: { modules: [join(ROOT, 'node_modules')] },
        output: { path: dir, filename: 'core.js' },
        performance: { hints: false },
      },
      (error, stats) => {
        if (error) return reject(error);
        if (stats?.hasErrors()) return reject(new Error(stats.toString('errors-only')));
        resolve(join(dir, 'core.js'));
      },
    );
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'convkit-core-web-'));
  const bundle = await bundleCore(work);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.setContent('<!doctype html><title>convkit core</title>');
  await page.addScriptTag({ content: readFileSync(bundle, 'utf8') });
});

afterAll(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Encoded {
  shape: number[];
  data: string;
}

test('picks the WebAssembly SIMD backend (relaxed SIMD), on one thread', async () => {
  const info = await page.evaluate(async () => {
    const ck = (window as unknown as { convkit: typeof import('@convkit/core') }).convkit;
    return { ready: await ck.backendReady(), backend: ck.backend(), backends: ck.listBackends(), features: ck.backendFeatures(), threads: ck.numThreads(), isolated: crossOriginIsolated };
  });
  // Chromium has relaxed SIMD, so the fused multiply-add kernels are the ones checked below.
  expect(info).toEqual({ ready: 'wasm-simd', backend: 'wasm-simd', backends: ['ts', 'wasm-simd'], features: ['simd', 'relaxed-simd'], threads: 1, isolated: false });
});

test('reproduces PyTorch (committed fixtures) on both backends in the browser', async () => {
  const fixtures: { cases: Array<{ name: string; op: string; x: Encoded; weight: Encoded; bias?: Encoded; options: Record<string, unknown>; expected: Encoded; terms: number; absSum: number }> } =
    JSON.parse(readFileSync(join(ROOT, 'test', 'torch', 'fixtures.json'), 'utf8'));
  const cases = fixtures.cases.filter((c) => c.op === 'conv2d' || c.op === 'depthwiseConv2d');
  const worst = await page.evaluate((list) => {
    const ck = (window as unknown as { convkit: typeof import('@convkit/core') }).convkit;
    const decode = (e: { shape: number[]; data: string }) => {
      const bin = atob(e.data);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return ck.tensor(new Float32Array(bytes.buffer), e.shape);
    };
    const out: Record<string, { ratio: number; name: string }> = {};
    for (const name of ck.listBackends()) {
      ck.setBackend(name);
      let ratio = 0;
      let worstName = '';
      for (const c of list) {
        const o = c.options as { stride: number[]; padding: never; dilation: number[]; groups: number; paddingMode: never };
        const y = ck.conv2d(decode(c.x), decode(c.weight), { bias: c.bias ? decode(c.bias) : undefined, stride: o.stride, padding: o.padding, dilation: o.dilation, groups: o.groups, paddingMode: o.paddingMode });
        const want = decode(c.expected);
        let err = 0;
        for (let i = 0; i < want.size; i++) err = Math.max(err, Math.abs(y.data[i] - want.data[i]));
        const r = err / ((c.terms + 2) * 2 ** -24 * c.absSum || Number.MIN_VALUE);
        if (r > ratio) [ratio, worstName] = [r, c.name];
      }
      out[name] = { ratio, name: worstName };
    }
    ck.setBackend('wasm-simd');
    return out;
  }, cases);
  // Error / ((K + 2)·2⁻²⁴·Σ|x·w|): at most 1, the float32 summation bound test/torch uses.
  expect(worst['wasm-simd'].ratio).toBeLessThanOrEqual(1);
  expect(worst.ts.ratio).toBeLessThanOrEqual(1);
  expect(cases.length).toBeGreaterThan(100);
});

test('a Winograd-sized layer agrees with the TypeScript backend in the browser', async () => {
  const diff = await page.evaluate(() => {
    const ck = (window as unknown as { convkit: typeof import('@convkit/core') }).convkit;
    const x = ck.randn([1, 32, 30, 31], { seed: 1 });
    const w = ck.randn([48, 32, 3, 3], { seed: 2 });
    ck.setBackend('ts');
    const ref = ck.conv2d(x, w, { padding: 1 });
    ck.setBackend('wasm-simd');
    const got = ck.conv2d(x, w, { padding: 1 });
    let scale = 0;
    for (const v of ref.data) scale = Math.max(scale, Math.abs(v));
    return ck.maxAbsDiff(ref, got) / scale;
  });
  expect(diff).toBeLessThan(1e-5);
  expect(pageErrors).toEqual([]);
});
