#!/usr/bin/env node
/**
 * npm run bench [-- --quick] [-- --filter stem] [-- --threads 2]
 *
 * convkit's convolutions against the peers a notebook user could reach for, in this process,
 * on the same inputs: TensorFlow.js (CPU backend, and WASM backend with SIMD — single-threaded
 * in Node) and native onnxruntime-node (CPU). convkit and onnxruntime run with 1 thread and with
 * `--threads` threads (default 2). Prints median ms, GFLOP/s (2·multiply-adds / time) and ratios
 * (< 1 means convkit is faster): against the fastest JS/WASM peer, and against onnxruntime at the
 * same thread count. Every peer's output is cross-checked against convkit's; results go to
 * bench/results/. Timings depend on the machine and its load: compare rows of one run.
 */
// Relaxed SIMD (fused multiply-add) is on by default from Node 22; Node 20/21 have it behind a
// flag. Set before @convkit/core compiles its kernels (tfjs' own WebAssembly does not use it).
if (/^v2[01]\./.test(process.version)) require('v8').setFlagsFromString('--experimental-wasm-relaxed-simd');
const { mkdirSync, writeFileSync } = require('fs');
const { join } = require('path');
const ck = require('@convkit/core');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const wasm = require('@tensorflow/tfjs-backend-wasm');
const { convModel } = require('./onnx_conv');

let ort = null;
try {
  ort = require('onnxruntime-node');
} catch (error) {
  console.error(`onnxruntime-node unavailable (${error.message.split('\n')[0]}): native columns skipped`);
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filter = args.includes('--filter') ? args[args.indexOf('--filter') + 1] : null;
const THREADS = args.includes('--threads') ? Number(args[args.indexOf('--threads') + 1]) : 2;
const MIN_MS = quick ? 100 : 500;
const MAX_REPS = quick ? 15 : 41;

// [name, C, H, W, k, stride, pad, outC]
const LAYERS = [
  ['C=32 112×112 3×3 →64', 32, 112, 112, 3, 1, 1, 64],
  ['C=128 56×56 3×3 →128', 128, 56, 56, 3, 1, 1, 128],
  ['C=512 14×14 3×3 →512', 512, 14, 14, 3, 1, 1, 512],
  ['stem C=3 224×224 7×7 s2 →64', 3, 224, 224, 7, 2, 3, 64],
  ['tutorial C=3 8×8 3×3 →3', 3, 8, 8, 3, 1, 0, 3],
];
const KINDS = ['standard', 'depthwise', 'pointwise', 'separable'];

function summarize(samples) {
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

// Each sample times `inner` back-to-back calls, `inner` chosen so a sample lasts ≥ 1 ms: a tiny
// layer's ~10 µs would otherwise be lost in the timer's resolution and jitter.
function innerReps(once) {
  return Math.max(1, Math.min(1000, Math.ceil(1 / Math.max(once, 1e-3))));
}

// Warm-up: ~50 ms of calls (at least two), so the JIT has optimised every peer's JavaScript.
function warm(fn) {
  const until = performance.now() + 50;
  for (let i = 0; i < 2 || performance.now() < until; i++) fn();
}

async function warmAsync(fn) {
  const until = performance.now() + 50;
  for (let i = 0; i < 2 || performance.now() < until; i++) await fn();
}

function time(fn) {
  warm(fn);
  let t = performance.now();
  fn();
  const inner = innerReps(performance.now() - t);
  const samples = [];
  const start = performance.now();
  while (samples.length < MAX_REPS && (samples.length < 3 || performance.now() - start < MIN_MS)) {
    t = performance.now();
    for (let i = 0; i < inner; i++) fn();
    samples.push((performance.now() - t) / inner);
  }
  return summarize(samples);
}

async function timeAsync(fn) {
  await warmAsync(fn);
  let t = performance.now();
  await fn();
  const inner = innerReps(performance.now() - t);
  const samples = [];
  const start = performance.now();
  while (samples.length < MAX_REPS && (samples.length < 3 || performance.now() - start < MIN_MS)) {
    t = performance.now();
    for (let i = 0; i < inner; i++) await fn();
    samples.push((performance.now() - t) / inner);
  }
  return summarize(samples);
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
  const std = { weight: w, stride: s, pad: p, groups: 1 };
  const depth = { weight: dw, stride: s, pad: p, groups: C };
  const point = { weight: pw, stride: 1, pad: 0, groups: 1 };
  const out = {};
  out.standard = {
    macs: O * C * k * k * oh * ow,
    convkit: () => ck.conv2d(x, w, { stride: s, padding: p }),
    tf: (X, t) => tf.conv2d(X, t.w, s, pad),
    weights: () => ({ w: convFilter(w) }),
    onnx: () => convModel(x.shape, [std], [1, O, oh, ow]),
  };
  out.depthwise = {
    macs: C * k * k * oh * ow,
    convkit: () => ck.depthwiseConv2d(x, dw, { stride: s, padding: p }),
    tf: (X, t) => tf.depthwiseConv2d(X, t.dw, s, pad),
    weights: () => ({ dw: dwFilter(dw, C) }),
    onnx: () => convModel(x.shape, [depth], [1, C, oh, ow]),
  };
  out.pointwise = {
    macs: O * C * H * W,
    convkit: () => ck.pointwiseConv2d(x, pw),
    tf: (X, t) => tf.conv2d(X, t.pw, 1, 'valid'),
    weights: () => ({ pw: convFilter(pw) }),
    onnx: () => convModel(x.shape, [point], [1, O, H, W]),
  };
  out.separable = {
    macs: C * k * k * oh * ow + O * C * oh * ow,
    convkit: () => ck.separableConv2d(x, dw, pw, { stride: s, padding: p }),
    tf: (X, t) => tf.conv2d(tf.depthwiseConv2d(X, t.dw, s, pad), t.pw, 1, 'valid'),
    weights: () => ({ dw: dwFilter(dw, C), pw: convFilter(pw) }),
    onnx: () => convModel(x.shape, [depth, point], [1, O, oh, ow]),
  };
  return { name, x, out };
}

function maxRelDiff(ref, got) {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < ref.length; i++) {
    worst = Math.max(worst, Math.abs(ref[i] - got[i]));
    scale = Math.max(scale, Math.abs(ref[i]));
  }
  return worst / (scale || 1);
}

function crossCheck(label, reference, got) {
  const diff = maxRelDiff(reference, got);
  if (!(diff < 1e-4)) throw new Error(`${label}: convkit and the peer differ (max relative difference ${diff})`);
  return diff;
}

async function main() {
  wasm.setWasmPaths(join(require.resolve('@tensorflow/tfjs-backend-wasm'), '..', '..', 'dist') + '/');
  const rows = [];
  const layers = LAYERS.filter((l) => !filter || l[0].includes(filter));
  const threadCounts = [...new Set([1, THREADS])];
  let n = 0;
  const total = layers.length * KINDS.length;
  for (const layer of layers) {
    const { name, x, out } = cases(layer);
    for (const kind of KINDS) {
      const c = out[kind];
      process.stderr.write(`[${++n}/${total}] ${name} ${kind} ...\n`);
      const row = { layer: name, kind, macs: c.macs, ms: {}, maxRelDiff: {} };
      let reference;
      for (const threads of threadCounts) {
        ck.setNumThreads(threads);
        await ck.backendReady();
        row.ms[`convkit-${threads}t`] = time(() => (reference = c.convkit()));
      }
      for (const peer of ['cpu', 'wasm']) {
        await tf.setBackend(peer);
        await tf.ready();
        const X = toNhwc(x);
        const weights = c.weights();
        // The callback returns nothing: tf.tidy walks whatever it returns looking for tensors,
        // which on a returned Float32Array costs seconds and would be timed as the peer's.
        row.ms[`tfjs-${peer}`] = time(() => tf.tidy(() => {
          c.tf(X, weights).dataSync();
        }));
        row.maxRelDiff[`tfjs-${peer}`] = crossCheck(`${name} ${kind} tfjs-${peer}`, tf.tidy(() => fromNhwc(c.tf(X, weights))), reference.data);
        tf.dispose([X, ...Object.values(weights)]);
      }
      if (ort) {
        const model = c.onnx();
        const feeds = { x: new ort.Tensor('float32', x.data, x.shape) };
        for (const threads of threadCounts) {
          const session = await ort.InferenceSession.create(model, { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
          row.ms[`ort-${threads}t`] = await timeAsync(() => session.run(feeds));
          const { y } = await session.run(feeds);
          row.maxRelDiff[`ort-${threads}t`] = crossCheck(`${name} ${kind} onnxruntime`, y.data, reference.data);
          await session.release();
        }
      }
      rows.push(row);
    }
  }
  ck.setNumThreads(THREADS);
  report(rows);
}

function report(rows) {
  const T = THREADS;
  const pad = (s, w) => String(s).padStart(w);
  const fmt = (v) => (v === undefined ? '—' : v < 0.1 ? v.toFixed(4) : v < 10 ? v.toFixed(2) : v.toFixed(1));
  const ratio = (a, b) => (a === undefined || b === undefined ? '—' : (a / b).toFixed(2));
  const cols = ['convkit-1t', `convkit-${T}t`, 'tfjs-cpu', 'tfjs-wasm', 'ort-1t', `ort-${T}t`];
  console.log(`\nconvkit ${ck.backend()} [${ck.backendFeatures().join(', ')}] (${T} threads = ${ck.numThreads()})   tfjs ${tf.version_core} (wasm: SIMD, 1 thread in Node)   onnxruntime-node ${ort ? ort.env.versions.node : 'n/a'}   ${quick ? '(quick)' : ''}`);
  console.log('median ms; ÷js = convkit ÷ fastest of tfjs-cpu/tfjs-wasm; ÷ort = convkit ÷ onnxruntime at the same thread count\n');
  console.log(`${'layer'.padEnd(29)}${'kind'.padEnd(10)}${cols.map((c) => pad(c, 11)).join('')}${pad('GFLOP/s', 9)}${pad('1t÷js', 7)}${pad(`${T}t÷js`, 7)}${pad('1t÷ort', 7)}${pad(`${T}t÷ort`, 7)}`);
  for (const r of rows) {
    const js = Math.min(r.ms['tfjs-cpu'], r.ms['tfjs-wasm']);
    const gflops = (2 * r.macs) / r.ms[`convkit-${T}t`] / 1e6;
    console.log(
      `${r.layer.padEnd(29)}${r.kind.padEnd(10)}${cols.map((c) => pad(fmt(r.ms[c]), 11)).join('')}${pad(gflops.toFixed(1), 9)}` +
        `${pad(ratio(r.ms['convkit-1t'], js), 7)}${pad(ratio(r.ms[`convkit-${T}t`], js), 7)}${pad(ratio(r.ms['convkit-1t'], r.ms['ort-1t']), 7)}${pad(ratio(r.ms[`convkit-${T}t`], r.ms[`ort-${T}t`]), 7)}`,
    );
  }
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, backend: ck.backend(), features: ck.backendFeatures(), threads: T, tfjs: tf.version_core, onnxruntime: ort ? ort.env.versions.node : null, quick, rows }, null, 2));
  console.log(`\nwrote ${file}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
