/**
 * `npm run demo`: the article's comparison in a terminal — standard vs depthwise vs separable
 * convolution on a 3×8×8 input, their equivalences, parameter counts, and MobileNet v1 totals.
 */
import { composeSeparable, conv2d, depthwiseAsStandard, depthwiseConv2d, maxAbsDiff, models, nn, randn, separableConv2d, summary } from '../index';

function table(header: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? c.toLocaleString('en-US') : c)));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

const x = randn([3, 8, 8], { seed: 1 });
const filter = randn([1, 3, 3, 3], { seed: 2 });
const dw = filter.reshape([3, 1, 3, 3]);
const pw = randn([3, 3, 1, 1], { seed: 3 });

const standard = conv2d(x, filter);
const depthwise = depthwiseConv2d(x, dw);
const separable = separableConv2d(x, dw, pw);

console.log('convkit demo: a 3×8×8 input, 3×3 kernels, no padding\n');
console.log(
  table(
    ['operation', 'weight shape', 'output shape'],
    [
      ['standard (one 3×3×3 filter)', '[1, 3, 3, 3]', JSON.stringify(standard.shape)],
      ['depthwise', '[3, 1, 3, 3]', JSON.stringify(depthwise.shape)],
      ['depthwise separable (→ 3)', '[3,1,3,3] + [3,3,1,1]', JSON.stringify(separable.shape)],
    ],
  ),
);
console.log('\nequivalences (max |difference|):');
console.log(`  depthwise == standard conv with zero-masked filters:  ${maxAbsDiff(conv2d(x, depthwiseAsStandard(dw)), depthwise).toExponential(1)}`);
console.log(`  separable == standard conv with the composed kernel:   ${maxAbsDiff(conv2d(x, composeSeparable(dw, pw)), separable).toExponential(1)}\n`);

const shape = [1, 3, 8, 8];
const layers: [string, nn.Module][] = [
  ['standard 3→3, 3×3', new nn.Conv2d(3, 3, 3, { bias: false })],
  ['depthwise 3, 3×3', new nn.DepthwiseConv2d(3, 3, { bias: false })],
  ['pointwise 3→3', new nn.PointwiseConv2d(3, 3, { bias: false })],
  ['separable 3→3, 3×3', new nn.SeparableConv2d(3, 3, 3, { bias: false })],
  ['standard 10→20, 7×7', new nn.Conv2d(10, 20, 7, { bias: false })],
  ['separable 10→20, 7×7', new nn.SeparableConv2d(10, 20, 7, { bias: false })],
];
console.log(
  table(
    ['layer (no bias)', 'params', 'mult-adds'],
    layers.map(([name, layer]) => {
      const s = summary(layer, name.includes('10→20') ? [1, 10, 16, 16] : shape);
      return [name, s.totalParams, s.totalMacs];
    }),
  ),
);
console.log('(mult-adds: 3→3 on 8×8, 10→20 on 16×16)\n');

const rows = (['separable', 'standard'] as const).map((variant) => {
  const s = summary(models.mobilenetV1({ variant }), [1, 3, 224, 224]);
  return [`MobileNet v1, ${variant}`, `${(s.totalParams / 1e6).toFixed(2)} M`, `${(s.totalMacs / 1e6).toFixed(0)} M`];
});
console.log(table(['model (224×224)', 'params', 'mult-adds'], rows));
console.log('(paper: 4.2 M / 569 M separable, 29.3 M / 4866 M standard)');
