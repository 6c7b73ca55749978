import { ConvkitError } from '../errors';
import { mobilenetV1 } from '../models/mobilenet_v1';
import * as nn from '../nn';
import { formatBytes, summary } from './summary';

// Sizes below are hand-computed: float32 is 4 bytes per value.
describe('summary', () => {
  const s = summary(new nn.SeparableConv2d(3, 3, 3, { bias: false }), [1, 3, 8, 8]);

  test('rows: name, type, output shape, params, multiply-adds and output bytes per layer', () => {
    expect(s.rows.map((r) => [r.name, r.type, r.outputShape, r.params, r.macs, r.activationBytes])).toEqual([
      // depth-wise: 3 filters of 3×3 → 27 weights; 3·6·6 outputs × 9 taps = 972 MACs; 108 outputs × 4 B
      ['depthwise', 'DepthwiseConv2d', [1, 3, 6, 6], 27, 972, 432],
      // point-wise: 3×3 weights; 3·6·6 outputs × 3 inputs = 324 MACs
      ['pointwise', 'PointwiseConv2d', [1, 3, 6, 6], 9, 324, 432],
    ]);
    expect([s.totalParams, s.totalMacs, s.inputBytes, s.paramBytes, s.activationBytes]).toEqual([36, 1296, 768, 144, 864]);
  });

  test('toString is a fixed-width table with a memory column and readable units', () => {
    const text = s.toString();
    const lines = text.split('\n');
    expect(lines[1]).toMatch(/^Layer \(type\)\s+Output Shape\s+Param #\s+Mult-Adds\s+Output size$/);
    expect(lines[3]).toMatch(/^depthwise \(DepthwiseConv2d\)\s+\[1, 3, 6, 6\]\s+27\s+972\s+432 B$/);
    expect(text).toContain('Total params: 36');
    expect(text).toContain('Total mult-adds: 1.30 K');
    expect(text).toContain('Input size: 768 B');
    expect(text).toContain('Estimated total size: 1.78 kB'); // 768 + 864 + 144 bytes
    // Every table line has the same width.
    const table = lines.filter((l) => !l.includes(':'));
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
  });

  test('toHtml escapes names and has one column per header', () => {
    const seq = new nn.Sequential({ '<b>x</b>': new nn.ReLU() });
    const html = summary(seq, [1, 2, 3, 3]).toHtml();
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt; (ReLU)');
    expect(html).not.toContain('<b>x</b>');
    expect(html.match(/<th>/g)?.length).toBe(5);
  });

  test("a model's own inputShape is the default (MobileNet at resolution 128: 186 M mult-adds, paper Table 7)", () => {
    const small = summary(mobilenetV1({ resolution: 128 }));
    expect(small.inputShape).toEqual([1, 3, 128, 128]);
    expect(Math.round(small.totalMacs / 1e6)).toBe(186);
    expect(() => summary(new nn.ReLU())).toThrow(ConvkitError);
    expect(() => summary(new nn.ReLU())).toThrow(/inputShape is needed/);
  });

  test('formatBytes', () => {
    expect([formatBytes(0), formatBytes(999), formatBytes(1500), formatBytes(16_056_320), formatBytes(2e9)]).toEqual(['0 B', '999 B', '1.50 kB', '16.06 MB', '2.00 GB']);
  });
});
