import { ConvkitError } from '../errors';
import { barChart, lineChart } from './chart';

describe('charts', () => {
  it('draws one bar per category and series, with hover titles', () => {
    const chart = barChart({ categories: ['a', 'b', 'c'], series: [{ name: 's1', values: [1, 2, 3] }, { name: 's2', values: [3, 2, 1] }] });
    expect(chart.svg.match(/<rect [^>]*><title>/g)).toHaveLength(6);
    expect(chart.svg).toContain('<title>b · s2: 2</title>');
  });

  it('escapes every user string (untrusted notebooks)', () => {
    const evil = '<script>alert("x")</script>&';
    const chart = barChart({ title: evil, yLabel: evil, xLabel: evil, categories: [evil], series: [{ name: evil, values: [1] }, { name: 'ok', values: [2] }] });
    expect(chart.svg).not.toContain('<script>');
    expect(chart.svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
  });

  it('displays as SVG with a text fallback', () => {
    const chart = lineChart({ title: 'time', x: [1, 2], series: [{ name: 'ms', values: [3, 4] }] });
    const bundle = chart[Symbol.for('jupyter.mimebundle')]();
    expect(bundle['image/svg+xml'].startsWith('<svg')).toBe(true);
    expect(bundle['text/plain']).toBe('time\nms: (1, 3) (2, 4)');
  });

  it('rejects mismatched or non-finite data with the argument named', () => {
    expect(() => barChart({ categories: ['a', 'b'], series: [{ name: 's', values: [1] }] })).toThrow(/series\[0\] must be \{ name, values \} with 2 values/);
    expect(() => lineChart({ x: [1], series: [{ name: 's', values: [NaN] }] })).toThrow(ConvkitError);
    expect(() => barChart({ logY: true, categories: ['a'], series: [{ name: 's', values: [0] }] })).toThrow(/> 0 \(log axis\)/);
  });
});
