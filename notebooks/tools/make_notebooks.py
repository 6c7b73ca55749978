"""Writes the tutorial notebooks in notebooks/ (outputs cleared; see nb.py for why)."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from nb import code, md, write  # noqa: E402

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ---------------------------------------------------------------------------------------
write(os.path.join(HERE, "01-depthwise-convolution.ipynb"), "Depth-wise convolution", [
    md("""
# 1 · Depth-wise convolution

A **standard** convolution slides one 3-D filter over all input channels at once and *sums*
over the channels: a filter of shape 3×3×3 on a 3-channel image gives **one** output channel.

A **depth-wise** convolution keeps the channels apart: each channel of the filter slides over
its own input channel, and the per-channel results are *stacked* instead of summed — the same
3×3×3 filter gives **three** output channels.

Everything in `@convkit/core` is already in scope in this kernel (`tensor`, `randn`, `conv2d`,
`depthwiseConv2d`, …), next to `display` and `heatmap`.
"""),
    md("## The input: a 3×8×8 image\nSeeded random values, so every run of this notebook shows the same numbers."),
    code("""
const x = randn([3, 8, 8], { seed: 1 });
heatmap(x, { title: 'input x: 3 channels of 8×8' })
"""),
    md("## The filter: one 3×3×3 filter (one 3×3 slice per input channel)\nPyTorch's weight layout is `[outChannels, inChannels, kH, kW]`, so a single 3×3×3 filter is `[1, 3, 3, 3]`."),
    code("""
const filter = randn([1, 3, 3, 3], { seed: 2 });
heatmap(filter.at(0), { title: 'filter: its 3 channels' })
"""),
    md("## Standard convolution: one output channel\nNo padding, stride 1: the 8×8 input shrinks to 6×6 (`8 − 3 + 1`)."),
    code("""
const standard = conv2d(x, filter);
console.log('standard output shape:', standard.shape);
heatmap(standard, { title: 'standard convolution: 1 channel, 6×6' })
"""),
    md("""
## Depth-wise convolution: three output channels
The depth-wise weight has shape `[C·multiplier, 1, kH, kW]`: one 3×3 slice per input channel.
We reuse the same numbers as the standard filter, just arranged per channel.
"""),
    code("""
const dwWeight = filter.reshape([3, 1, 3, 3]);
const depthwise = depthwiseConv2d(x, dwWeight);
console.log('depth-wise output shape:', depthwise.shape);
heatmap(depthwise, { title: 'depth-wise convolution: 3 channels, 6×6' })
"""),
    md("""
### Each filter channel on its own input channel, then stacked
Convolve channel *c* of the input with channel *c* of the filter, one at a time, and stack the
three results. This is exactly what `depthwiseConv2d` computes.
"""),
    code("""
const perChannel: Tensor[] = [];
for (let c = 0; c < 3; c++) {
  const single = conv2d(x.channel(c), dwWeight.at(c).reshape([1, 1, 3, 3]));  // [1, 6, 6]
  perChannel.push(single);
}
const stacked = tensor(Float32Array.from(perChannel.flatMap((t) => Array.from(t.data))), [3, 6, 6]);
console.log('max |stacked − depthwise| =', maxAbsDiff(stacked, depthwise));
"""),
    md("""
### …and summing the stacked channels gives the standard convolution back
The standard convolution is the depth-wise one followed by a sum over channels. That sum is the
step a depth-wise convolution leaves out.
"""),
    code("""
const summed = zeros([1, 6, 6]);
for (let c = 0; c < 3; c++) for (let i = 0; i < 36; i++) summed.data[i] += depthwise.data[c * 36 + i];
console.log('max |Σ_c depthwise − standard| =', maxAbsDiff(summed, standard));
"""),
    md("""
## The same result from a standard convolution with zero-masked filters
A depth-wise convolution *is* a standard convolution whose filters are mostly zero: for output
channel *c*, select input channel *c* and make all the other channels of the filter zero.
`depthwiseAsStandard` builds those `[3, 3, 3, 3]` weights.
"""),
    code("""
const masked = depthwiseAsStandard(dwWeight);
console.log('masked standard weight shape:', masked.shape);
heatmap(masked.reshape([9, 3, 3]), { title: 'zero-masked filters: row = output channel, column = input channel', columns: 3 })
"""),
    code("""
const viaMasked = conv2d(x, masked);
console.log('max |conv2d(x, masked) − depthwise| =', maxAbsDiff(viaMasked, depthwise));
console.log('and with groups = C:', maxAbsDiff(conv2d(x, dwWeight, { groups: 3 }), depthwise));
"""),
    md("""
## Parameters
| | weights | output channels |
|---|---|---|
| standard, one 3×3×3 filter | 27 | 1 |
| depth-wise, 3×3 per channel | 27 | 3 |
| standard, three 3×3×3 filters | 81 | 3 |

The counts below come from the layers themselves (`summary`), not from the table.
"""),
    code("""
const rows = [
  ['standard 3→1, 3×3', new nn.Conv2d(3, 1, 3, { bias: false })],
  ['depth-wise 3→3, 3×3', new nn.DepthwiseConv2d(3, 3, { bias: false })],
  ['standard 3→3, 3×3', new nn.Conv2d(3, 3, 3, { bias: false })],
] as const;
for (const [name, layer] of rows) {
  const s = summary(layer, [1, 3, 8, 8]);
  console.log(`${name.padEnd(22)} params ${String(s.totalParams).padStart(3)}   multiply-adds ${s.totalMacs}`);
}
"""),
    md("""
## Channel multiplier
With a channel multiplier *m* (Keras' `depth_multiplier`), every input channel gets *m* filters of
its own: 3 input channels × *m* = 2 gives 6 output channels, still without mixing channels.
"""),
    code("""
const dw2 = randn([6, 1, 3, 3], { seed: 3 });
const y2 = depthwiseConv2d(x, dw2, { padding: 'same' });
console.log('multiplier 2 output shape:', y2.shape);
heatmap(y2, { title: 'depth-wise, multiplier 2, padding same', columns: 6 })
"""),
])

# ---------------------------------------------------------------------------------------
write(os.path.join(HERE, "02-depthwise-separable-convolution.ipynb"), "Depth-wise separable convolution", [
    md("""
# 2 · Depth-wise separable convolution

A depth-wise convolution filters each channel on its own but never mixes channels. A
**point-wise** (1×1) convolution does the opposite: at every pixel it takes weighted sums across
channels. Chained — depth-wise, then point-wise — they make a **depth-wise separable
convolution**, the building block of MobileNet and Xception.
"""),
    code("""
const x = randn([3, 8, 8], { seed: 1 });
const dw = randn([3, 1, 3, 3], { seed: 2 });   // one 3×3 filter per input channel: 27 weights
const pw = randn([3, 3, 1, 1], { seed: 3 });   // 3 outputs × 3 inputs, 1×1: 9 weights
const { depthwise, output } = separableConv2d(x, dw, pw, { returnIntermediate: true });
console.log('depth-wise step:', depthwise.shape, '  point-wise step:', output.shape);
heatmap(depthwise, { title: 'after the depth-wise step (3 channels, not mixed)' })
"""),
    code("""
heatmap(output, { title: 'after the point-wise step (each channel mixes all three)' })
"""),
    md("""
## The same output from one standard convolution
The two steps are linear, so together they equal a standard convolution with a composed kernel:
`W[o, c] = pw[o, c] · dw[c]` — each output channel's filter is a weighted copy of the depth-wise
filters. `composeSeparable` builds it; the outputs agree to float32 rounding.
"""),
    code("""
const composed = composeSeparable(dw, pw);
console.log('composed standard weight:', composed.shape);
const viaStandard = conv2d(x, composed);
console.log('max |separable − standard with composed kernel| =', maxAbsDiff(output, viaStandard));
"""),
    md("""
The converse does not hold: a general standard kernel has 81 free weights here, the composed one
only 36, so most standard convolutions cannot be written as separable ones. That restriction is
the price of the savings below.

## Parameters: 27 + 9 = 36 versus 81
"""),
    code("""
const sep = summary(new nn.SeparableConv2d(3, 3, 3, { bias: false }), [1, 3, 8, 8]);
const std = summary(new nn.Conv2d(3, 3, 3, { bias: false }), [1, 3, 8, 8]);
console.log(sep.toString());
console.log(`separable ${sep.totalParams} vs standard ${std.totalParams} parameters`);
"""),
    md("""
## Across channel counts and kernel sizes
For *M* input channels, *N* output channels, a *k*×*k* kernel and an output of *H*×*W*:

* standard: `M·N·k²` parameters, `M·N·k²·H·W` multiply-adds
* separable: `M·k² + M·N` parameters, `(M·k² + M·N)·H·W` multiply-adds
* ratio separable / standard = `1/N + 1/k²`

The table counts every row with the runtime's own layers (56×56 input, 'same' padding, no bias)
and checks the ratio formula against it.
"""),
    code("""
const table: { M: number; N: number; k: number; stdParams: number; sepParams: number; stdMacs: number; sepMacs: number; ratio: number; formula: number }[] = [];
for (const [M, N] of [[3, 3], [10, 20], [32, 64], [128, 128], [512, 512]]) {
  for (const k of [3, 5, 7]) {
    const input = [1, M, 56, 56];
    const s = summary(new nn.Conv2d(M, N, k, { padding: 'same', bias: false }), input);
    const d = summary(new nn.SeparableConv2d(M, N, k, { padding: 'same', bias: false }), input);
    table.push({ M, N, k, stdParams: s.totalParams, sepParams: d.totalParams, stdMacs: s.totalMacs, sepMacs: d.totalMacs,
      ratio: d.totalMacs / s.totalMacs, formula: 1 / N + 1 / (k * k) });
  }
}
const fmt = (n: number) => n.toLocaleString('en-US');
console.log('   M    N  k   std params   sep params      std MACs      sep MACs   ratio  1/N+1/k²');
for (const r of table) {
  console.log(`${String(r.M).padStart(4)} ${String(r.N).padStart(4)} ${r.k}  ${fmt(r.stdParams).padStart(11)}  ${fmt(r.sepParams).padStart(11)}  ${fmt(r.stdMacs).padStart(12)}  ${fmt(r.sepMacs).padStart(12)}  ${r.ratio.toFixed(4)}  ${r.formula.toFixed(4)}`);
}
const worst = Math.max(...table.map((r) => Math.abs(r.ratio - r.formula)));
console.log('largest |ratio − (1/N + 1/k²)| =', worst);
"""),
    code("""
barChart({
  title: 'Multiply-adds, 56×56 output, k = 3 (log scale)',
  categories: table.filter((r) => r.k === 3).map((r) => `${r.M}→${r.N}`),
  series: [
    { name: 'standard', values: table.filter((r) => r.k === 3).map((r) => r.stdMacs) },
    { name: 'depth-wise separable', values: table.filter((r) => r.k === 3).map((r) => r.sepMacs) },
  ],
  yLabel: 'multiply-adds', logY: true,
})
"""),
    md("""
## Checking figures quoted in the literature
A few figures that circulate in papers and tutorials, recomputed by the runtime:

1. **The 10→20 channel 7×7 layer**: standard `10·20·49 = 9,800` weights; separable
   `10·49 + 10·20 = 690` — about 14× fewer.
2. **The 12×12×3 image, 5×5 kernel, 256 output channels** (a popular introduction): standard
   `256·5·5·3·8·8 = 1,228,800` multiplications; separable `3·5·5·8·8 + 256·3·8·8 = 53,952`.
3. **MobileNet's "8 to 9 times less computation"** for 3×3 kernels: the ratio is `1/N + 1/9`, so the
   saving is 8–9× only when *N* is large (above ~72). For the first blocks of MobileNet (N = 64)
   it is 7.9×, and for N = 32 only 7.0×; across the whole network (see notebook 4) it is about 8.5×.
"""),
    code("""
const check = (label: string, got: number, quoted: number) =>
  console.log(`${got === quoted ? 'OK   ' : 'DIFF '} ${label}: runtime ${fmt(got)}, quoted ${fmt(quoted)}`);
check('10→20 7×7 standard params', summary(new nn.Conv2d(10, 20, 7, { bias: false }), [1, 10, 7, 7]).totalParams, 9800);
check('10→20 7×7 separable params', summary(new nn.SeparableConv2d(10, 20, 7, { bias: false }), [1, 10, 7, 7]).totalParams, 690);
check('12×12×3, 5×5, 256 out: standard mults', summary(new nn.Conv2d(3, 256, 5, { bias: false }), [1, 3, 12, 12]).totalMacs, 1228800);
check('12×12×3, 5×5, 256 out: separable mults', summary(new nn.SeparableConv2d(3, 256, 5, { bias: false }), [1, 3, 12, 12]).totalMacs, 53952);
for (const N of [32, 64, 128, 256, 512, 1024]) {
  console.log(`3×3, N = ${String(N).padStart(4)}: standard / separable = ${(1 / (1 / N + 1 / 9)).toFixed(2)}×`);
}
"""),
])

# ---------------------------------------------------------------------------------------
write(os.path.join(HERE, "03-spatially-separable-kernels.ipynb"), "Spatially separable kernels", [
    md("""
# 3 · Spatially separable kernels

A different kind of separability: some 2-D kernels are the **outer product** of a column and a
row. The Sobel edge filter is the classic one:

```
Gx = [1 2 1]ᵀ · [-1 0 1] = [[-1 0 1],
                            [-2 0 2],
                            [-1 0 1]]
```

Such a kernel can run as two 1-D passes — a 3×1 then a 1×3 — with 6 weights instead of 9
and 6 multiply-adds per pixel instead of 9.
"""),
    code("""
const gx = tensor([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]);
const gy = tensor([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]);
const fx = factorizeKernel(gx);
console.log('rank', fx.rank, ' column', Array.from(fx.column.data), ' row', Array.from(fx.row.data), ' relative error', fx.relativeError);
const fy = factorizeKernel(gy);
console.log('rank', fy.rank, ' column', Array.from(fy.column.data), ' row', Array.from(fy.row.data));
console.log('outer(column, row) equals Gx exactly:', maxAbsDiff(outer(fx.column, fx.row), gx) === 0);
"""),
    md("`factorizeKernel` finds the pair with the singular value decomposition: the numerical rank is the count of non-negligible singular values, and the best rank-1 approximation keeps only the largest."),
    md("## On a real image\n`data/house.png` is a small picture made for these tutorials (public domain). We read it with `fast-png` and convert it to a `[C, H, W]` tensor."),
    code("""
import { decode } from 'fast-png';
import { readFileSync } from 'fs';
const png = decode(readFileSync('data/house.png'));
const image = fromPixels({ width: png.width, height: png.height, data: png.data, channels: png.channels, maxValue: 2 ** png.depth - 1 });
console.log('image', image.shape);
heatmap(image, { title: 'the image: R, G, B channels', colorscale: 'Greys' })
"""),
    code("""
const gray = toGrayscale(image);                       // [1, H, W]
const edgesX = conv2d(gray, gx.reshape([1, 1, 3, 3]), { padding: 1, paddingMode: 'replicate' });
const edgesY = conv2d(gray, gy.reshape([1, 1, 3, 3]), { padding: 1, paddingMode: 'replicate' });
heatmap(tensor(Float32Array.from([...edgesX.data, ...edgesY.data]), [2, gray.shape[1], gray.shape[2]]),
  { title: 'Sobel Gx (vertical edges) and Gy (horizontal edges)', columns: 2 })
"""),
    md("### Two 1-D passes give the same edges"),
    code("""
const twoPass = separableFilter2d(gray, fx.column, fx.row, { padding: 1, paddingMode: 'replicate' });
console.log('max |two passes − 2-D Sobel| =', maxAbsDiff(twoPass, edgesX));
console.log('weights: 2-D kernel', gx.size, ' vs column + row', fx.column.size + fx.row.size);
const magnitude = edgesX.map((v, i) => Math.hypot(v, edgesY.data[i]));
heatmap(magnitude, { title: 'edge magnitude √(Gx² + Gy²)' })
"""),
    md("""
## Most kernels are not separable
A random 3×3 kernel has full rank 3. Its best rank-1 approximation (the largest singular value
only) leaves a sizeable error, so running it as two 1-D passes would change the result.
Smoothing kernels like the binomial (Gaussian-like) `[1 4 6 4 1]ᵀ·[1 4 6 4 1]` are rank 1.
"""),
    code("""
for (const seed of [1, 2, 3, 4, 5]) {
  const f = factorizeKernel(randn([3, 3], { seed }));
  console.log(`random 3×3 #${seed}: rank ${f.rank}, singular values ${f.singularValues.map((s) => s.toFixed(3)).join(', ')}, rank-1 relative error ${(100 * f.relativeError).toFixed(1)}%`);
}
const binomial = outer(tensor([1, 4, 6, 4, 1]), tensor([1, 4, 6, 4, 1]));
const fb = factorizeKernel(binomial);
console.log('binomial 5×5: rank', fb.rank, ' column', Array.from(fb.column.data), ' row', Array.from(fb.row.data));
"""),
    code("""
const sizes = [3, 5, 7, 9];
const errors = sizes.map((k) => {
  let total = 0;
  for (let seed = 0; seed < 20; seed++) total += factorizeKernel(randn([k, k], { seed })).relativeError;
  return total / 20;
});
lineChart({ title: 'Mean rank-1 approximation error of random k×k kernels (20 each)', x: sizes,
  series: [{ name: 'relative error', values: errors }], xLabel: 'kernel size k', yLabel: '‖K − c·rᵀ‖ / ‖K‖' })
"""),
])

# ---------------------------------------------------------------------------------------
write(os.path.join(HERE, "04-mobilenet-cost.ipynb"), "MobileNet cost", [
    md("""
# 4 · Where MobileNet's parameters and multiply-adds go

MobileNet v1 (Howard et al., 2017) is a stack of depth-wise separable blocks. Its "standard"
twin replaces every block by a full 3×3 convolution with the same input/output channels and
stride. `models.mobilenetV1` builds both from the paper's architecture table; `summary`
counts them from shapes alone — no weights are allocated for counting.
"""),
    code("""
const separable = models.mobilenetV1({ variant: 'separable' });
const standard = models.mobilenetV1({ variant: 'standard' });
const sSep = summary(separable, [1, 3, 224, 224]);
const sStd = summary(standard, [1, 3, 224, 224]);
sSep
"""),
    code("""
const M = (n: number) => (n / 1e6).toFixed(2) + 'M';
console.log(`separable: ${M(sSep.totalParams)} parameters, ${M(sSep.totalMacs)} multiply-adds   (paper: 4.2M, 569M)`);
console.log(`standard:  ${M(sStd.totalParams)} parameters, ${M(sStd.totalMacs)} multiply-adds   (paper: 29.3M, 4866M)`);
console.log(`standard / separable: ${(sStd.totalParams / sSep.totalParams).toFixed(1)}× parameters, ${(sStd.totalMacs / sSep.totalMacs).toFixed(1)}× multiply-adds`);
"""),
    md("## Per layer\nOnly layers with parameters are plotted (convolutions and the classifier); batch norm and ReLU are tiny next to them."),
    code("""
const layers = sSep.rows.filter((r) => r.params > 0 && /Conv|Linear/.test(r.type));
barChart({
  title: 'MobileNet v1 (separable): parameters per layer',
  categories: layers.map((r) => r.name), series: [{ name: 'parameters', values: layers.map((r) => r.params) }],
  yLabel: 'parameters', height: 420,
})
"""),
    code("""
barChart({
  title: 'MobileNet v1 (separable): multiply-adds per layer',
  categories: layers.map((r) => r.name), series: [{ name: 'multiply-adds', values: layers.map((r) => r.macs) }],
  yLabel: 'multiply-adds', height: 420,
})
"""),
    md("""
Most of the computation sits in the **point-wise** 1×1 convolutions (the paper reports 95% of
the multiply-adds and 75% of the parameters there), while the depth-wise convolutions cost little.
The last fully connected layer holds about a quarter of the parameters but almost no compute.
"""),
    code("""
const share = (pred: (r: typeof layers[number]) => boolean, key: 'params' | 'macs') =>
  (100 * layers.filter(pred).reduce((a, r) => a + r[key], 0) / layers.reduce((a, r) => a + r[key], 0)).toFixed(1) + '%';
const isPointwise = (r: typeof layers[number]) => /Pointwise|pw/.test(r.type + r.name);
const isDepthwise = (r: typeof layers[number]) => /Depthwise|dw/.test(r.type + r.name);
const isLinear = (r: typeof layers[number]) => /Linear/.test(r.type);
console.log('point-wise 1×1:  params', share(isPointwise, 'params'), ' mult-adds', share(isPointwise, 'macs'), '  (paper: 74.59%, 94.86%)');
console.log('depth-wise 3×3:  params', share(isDepthwise, 'params'), ' mult-adds', share(isDepthwise, 'macs'), '  (paper: 1.06%, 3.06%)');
console.log('fully connected: params', share(isLinear, 'params'), ' mult-adds', share(isLinear, 'macs'), '  (paper: 24.33%, 0.18%)');
"""),
    md("## Width and resolution multipliers\nThe paper's two knobs: α thins every layer, ρ shrinks the input."),
    code("""
const variants: [string, number, number][] = [];
for (const alpha of [1, 0.75, 0.5, 0.25]) {
  const s = summary(models.mobilenetV1({ alpha }), [1, 3, 224, 224]);
  variants.push([`α=${alpha}, 224`, s.totalParams, s.totalMacs]);
}
for (const resolution of [192, 160, 128]) {
  const s = summary(models.mobilenetV1({ resolution }), [1, 3, resolution, resolution]);
  variants.push([`α=1, ${resolution}`, s.totalParams, s.totalMacs]);
}
for (const [name, p, m] of variants) console.log(`${name.padEnd(12)} ${M(p).padStart(7)} params  ${M(m).padStart(8)} mult-adds`);
barChart({ title: 'MobileNet v1 multiply-adds by width (α) and resolution', categories: variants.map((v) => v[0]),
  series: [{ name: 'multiply-adds', values: variants.map((v) => v[2]) }], yLabel: 'multiply-adds' })
"""),
])

# ---------------------------------------------------------------------------------------
write(os.path.join(HERE, "05-speed.ipynb"), "Speed: standard vs separable", [
    md("""
# 5 · Speed: does the saving in multiply-adds show up in time?

Counting says a depth-wise separable layer needs `1/N + 1/k²` of the multiply-adds of a standard
one. Time also depends on memory traffic and how well each kernel uses the CPU: depth-wise
convolutions do little arithmetic per byte moved, so they reach fewer FLOP/s than the dense
matrix products behind standard and point-wise convolutions. Here we measure, on this machine,
with the runtime's active backend.
"""),
    code("""
console.log('backend:', backend(), '· threads:', numThreads());
function medianMs(fn: () => unknown, repeats = 5): number {
  fn();  // warm-up
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
"""),
    code("""
const configs = [
  { C: 32, H: 56 }, { C: 64, H: 56 }, { C: 128, H: 28 }, { C: 256, H: 14 }, { C: 512, H: 14 },
];
const results: { label: string; standard: number; separable: number; macRatio: number }[] = [];
for (const [i, { C, H }] of configs.entries()) {
  const x = randn([1, C, H, H], { seed: i });
  const w = randn([C, C, 3, 3], { seed: 10 + i });
  const dw = randn([C, 1, 3, 3], { seed: 20 + i });
  const pw = randn([C, C, 1, 1], { seed: 30 + i });
  const standard = medianMs(() => conv2d(x, w, { padding: 1 }));
  const separable = medianMs(() => separableConv2d(x, dw, pw, { padding: 1 }));
  results.push({ label: `C=${C}, ${H}×${H}`, standard, separable, macRatio: 1 / C + 1 / 9 });
  console.log(`[${i + 1}/${configs.length}] C=${C} ${H}×${H}: standard ${standard.toFixed(2)} ms, separable ${separable.toFixed(2)} ms, ` +
    `time ratio ${(separable / standard).toFixed(3)} vs multiply-add ratio ${(1 / C + 1 / 9).toFixed(3)}`);
}
"""),
    code("""
barChart({
  title: `3×3 convolution, C → C channels: median time (${backend()} backend)`,
  categories: results.map((r) => r.label),
  series: [{ name: 'standard', values: results.map((r) => r.standard) }, { name: 'depth-wise separable', values: results.map((r) => r.separable) }],
  yLabel: 'milliseconds', logY: true,
})
"""),
    code("""
lineChart({
  title: 'Separable / standard: measured time vs counted multiply-adds',
  x: results.map((_, i) => i + 1),
  series: [{ name: 'time ratio', values: results.map((r) => r.separable / r.standard) },
           { name: 'multiply-add ratio 1/C + 1/9', values: results.map((r) => r.macRatio) }],
  xLabel: 'configuration (see the table above)', yLabel: 'ratio',
})
"""),
    md("""
The time saving is real but smaller than the multiply-add saving: the depth-wise half runs at a
lower arithmetic rate, so separable layers rarely reach the full `1/(1/C + 1/9)` speed-up. The
`wasm-simd` backend narrows the gap further from the other side: it computes standard 3×3,
stride-1 convolutions with Winograd's F(2×2, 3×3) algorithm, which needs 2.25× fewer
multiplications than the count above — a multiply-add count is a property of the layer, the
time is a property of the algorithm that runs it. `setNumThreads(1)` measures one core.
`npm run bench` in the repository compares these kernels with TensorFlow.js (CPU and WASM)
and native onnxruntime.

## Under the hood: the same layer on three engines

The runtime has two backends: portable TypeScript (`ts`, plain loops: im2col and a blocked
matrix product) and WebAssembly with SIMD (`wasm-simd`: vectors of four floats, Winograd for 3×3
layers, register-tiled matrix products), which can also split a layer over worker threads. Same
layer, same answer (the tests compare both with PyTorch), very different times:
"""),
    code("""
const lx = randn([1, 64, 28, 28], { seed: 40 });
const lw = randn([64, 64, 3, 3], { seed: 41 });
const engines: { name: string; ms: number }[] = [];
const threads = numThreads();
for (const [name, backendName, n] of [['TypeScript', 'ts', 1], ['WebAssembly SIMD, 1 thread', 'wasm-simd', 1], [`WebAssembly SIMD, ${threads} threads`, 'wasm-simd', threads]] as const) {
  setBackend(backendName);
  setNumThreads(n);
  await backendReady();  // worker threads started
  engines.push({ name, ms: medianMs(() => conv2d(lx, lw, { padding: 1 })) });
  console.log(`${name.padEnd(30)} ${engines[engines.length - 1].ms.toFixed(2)} ms`);
}
setBackend('wasm-simd');
setNumThreads(threads);
const macs = conv2dMacsFor({ inChannels: 64, outChannels: 64, kernelSize: 3 }, 28, 28);
console.log(`${(macs / 1e6).toFixed(1)} M multiply-adds counted; fastest engine: ${(2 * macs / Math.min(...engines.map((e) => e.ms)) / 1e6).toFixed(1)} GFLOP/s equivalent`);
barChart({ title: '3×3 convolution, 64 → 64 channels, 28×28: median time by engine', categories: engines.map((e) => e.name),
  series: [{ name: 'milliseconds', values: engines.map((e) => e.ms) }], yLabel: 'milliseconds', logY: true })
"""),
])
print("notebooks written")
