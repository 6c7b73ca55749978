#!/usr/bin/env node
/**
 * npm run bench [-- --quick] [-- --filter stem]
 *
 * convkit's convolutions against TensorFlow.js (CPU and WASM-SIMD backends) on the same inputs,
 * in this process. Prints median ms, GFLOP/s (2·multiply-adds / time) and convkit/peer ratios
 * (< 1 means convkit is faster); results are cross-checked against tfjs-cpu and written to
 * bench/results/. Timings depend on the machine and its load: compare rows of one run.
 */
const { mkdirSync, writeFileSync } = require('fs');
const { join } = require('path');
const ck = require('@convkit/core');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const wasm = require('@tensorflow/tfjs-backend-wasm');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filter = args.includes('--filter') ? args[args.indexOf('--filter') + 1] : null;
const MIN_MS = quick ? 50 : 400;
const MAX_REPS = quick ? 3 : 30;

// [name, C, H, W, k, stride, pad, outC]
const LAYERS = [
  ['C=32 112×112 3×3 →64', 32, 112, 112, 3, 1, 1, 64],
  ['C=128 56×56 3×3 →128', 128, 56, 56, 3, 1, 1, 128],
  ['C=512 14×14 3×3 →512', 512, 14, 14, 3, 1, 1, 512],
  ['stem C=3 224×224 7×7 s2 →64', 3, 224, 224, 7, 2, 3, 64],
  ['tutorial C=3 8×8 3×3 →3', 3, 8, 8, 3, 1, 0, 3],
];
const KINDS = ['standard', 'depthwise', 'pointwise', 'separable'];

function time(fn) {
  fn();
  fn();
  const samples = [];
  const start = performance.now();
  while (samples.length < MAX_REPS && (samples.length < 3 || performance.now() - start < MIN_MS)) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** NCHW [1, C, H, W] → NHWC tensor; OIHW weights → tfjs layouts. */
const toNhwc = (t) => tf.transpose(tf.tensor(t.data, t.shape), [0, 2, 3, 1]);
const convFilter = (w) => tf.transpose(tf.tensor(w.data, w.shape), [2, 3, 1, 0]); // [kH, kW, in, out]
const dwFilter = (w, c) => tf.transpose(tf.tensor(w.data, [c, 1, w.shape[2], w.shape[3]]), [2, 3, 0, 1]); // [kH, kW, C, 1]
const fromNhwc = (t) => tf.transpose(t, [0, 3, 1, 2]).dataSync();

function cases(layer) {
  const [name, C, H, W, k, s, p, O] = layer;
  const x = ck.randn([1, C, H, W], { seed: 1 });
  const w = ck.randn([O, C, k, k], { seed: 2 });
  const dw = ck.randn([C, 1, k, k], { seed: 3 });
  const pw = ck.randn([O, C, 1, 1], { seed: 4 });
  const oh = Math.floor((H + 2 * p - k) / s) + 1;
  const ow = Math.floor((W + 2 * p - k) / s) + 1;
  const pad = [[0, 0], [p, p], [p, p], [0, 0]];
  const out = {};
  out.standard = { macs: O * C * k * k * oh * ow, convkit: () => ck.conv2d(x, w, { stride: s, padding: p }), tf: (X, t) => tf.conv2d(X, t.w, s, pad), weights: () => ({ w: convFilter(w) }) };
  out.depthwise = { macs: C * k * k * oh * ow, convkit: () => ck.depthwiseConv2d(x, dw, { stride: s, padding: p }), tf: (X, t) => tf.depthwiseConv2d(X, t.dw, s, pad), weights: () => ({ dw: dwFilter(dw, C) }) };
  out.pointwise = { macs: O * C * H * W, convkit: () => ck.pointwiseConv2d(x, pw), tf: (X, t) => tf.conv2d(X, t.pw, 1, 'valid'), weights: () => ({ pw: convFilter(pw) }) };
  out.separable = {
    macs: C * k * k * oh * ow + O * C * oh * ow,
    convkit: () => ck.separableConv2d(x, dw, pw, { stride: s, padding: p }),
    tf: (X, t) => tf.conv2d(tf.depthwiseConv2d(X, t.dw, s, pad), t.pw, 1, 'valid'),
    weights: () => ({ dw: dwFilter(dw, C), pw: convFilter(pw) }),
  };
  return { name, x, out };
}

async function main() {
  wasm.setWasmPaths(join(require.resolve('@tensorflow/tfjs-backend-wasm'), '..', '..', 'dist') + '/');
  const peers = ['cpu', 'wasm'];
  const rows = [];
  const layers = LAYERS.filter((l) => !filter || l[0].includes(filter));
  let n = 0;
  const total = layers.length * KINDS.length;
  for (const layer of layers) {
    const { name, x, out } = cases(layer);
    for (const kind of KINDS) {
      const c = out[kind];
      process.stderr.write(`[${++n}/${total}] ${name} ${kind} ...\n`);
      let result;
      const convkitMs = time(() => (result = c.convkit()));
      const row = { layer: name, kind, macs: c.macs, convkit: { ms: convkitMs, gflops: (2 * c.macs) / convkitMs / 1e6 } };
      for (const peer of peers) {
        await tf.setBackend(peer);
        await tf.ready();
        const X = toNhwc(x);
        const weights = c.weights();
        // The callback returns nothing: tf.tidy walks whatever it returns looking for tensors,
        // which on a returned Float32Array costs seconds and would be timed as the peer's.
        const run = () => tf.tidy(() => {
          c.tf(X, weights).dataSync();
        });
        const ms = time(run);
        if (peer === 'cpu') {
          const ref = tf.tidy(() => fromNhwc(c.tf(X, weights)));
          let worst = 0;
          let scale = 0;
          for (let i = 0; i < ref.length; i++) {
            worst = Math.max(worst, Math.abs(ref[i] - result.data[i]));
            scale = Math.max(scale, Math.abs(ref[i]));
          }
          row.maxRelDiff = worst / (scale || 1);
          if (!(row.maxRelDiff < 1e-4)) throw new Error(`${name} ${kind}: convkit and tfjs-cpu differ (max relative difference ${row.maxRelDiff})`);
        }
        row[peer] = { ms, gflops: (2 * c.macs) / ms / 1e6 };
        tf.dispose([X, ...Object.values(weights)]);
      }
      rows.push(row);
    }
  }
  const pad = (s, n) => String(s).padStart(n);
  console.log(`\nconvkit backend: ${JSON.stringify(ck.backend())}   tfjs ${tf.version_core}   ${quick ? '(quick)' : ''}`);
  console.log(`${'layer'.padEnd(30)}${'kind'.padEnd(11)}${pad('convkit ms', 11)}${pad('GFLOP/s', 9)}${pad('tfjs-cpu', 10)}${pad('tfjs-wasm', 11)}${pad('÷cpu', 7)}${pad('÷wasm', 7)}${pad('÷best', 7)}`);
  for (const r of rows) {
    const best = Math.min(r.cpu.ms, r.wasm.ms);
    console.log(
      `${r.layer.padEnd(30)}${r.kind.padEnd(11)}${pad(r.convkit.ms.toFixed(2), 11)}${pad(r.convkit.gflops.toFixed(2), 9)}${pad(r.cpu.ms.toFixed(2), 10)}${pad(r.wasm.ms.toFixed(2), 11)}` +
        `${pad((r.convkit.ms / r.cpu.ms).toFixed(2), 7)}${pad((r.convkit.ms / r.wasm.ms).toFixed(2), 7)}${pad((r.convkit.ms / best).toFixed(2), 7)}`,
    );
  }
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, backend: ck.backend(), tfjs: tf.version_core, quick, rows }, null, 2));
  console.log(`\nwrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
