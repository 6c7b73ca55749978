import { ConvkitError } from '../errors';
import { barChart, base64Utf8, enclosingTicks, lineChart } from './chart';

/** Decodes base64 to a UTF-8 string with Node's Buffer: an independent implementation to check ours. */
const fromBase64 = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

/** The numbers on the y axis (tick labels are right-aligned at x = 66). */
const yTicks = (svg: string) => [...svg.matchAll(/<text x="66" y="[\d.]+" text-anchor="end"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

/** [y, height] of every bar. */
const bars = (svg: string) => [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" fill="[^"]+"><title>/g)].map((m) => [Number(m[1]), Number(m[2])]);

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
    const html = chart.toHTML();
    expect(html).not.toContain('<script>');
    const alt = /alt="([^"]*)"/.exec(html)![1];
    expect(alt).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
  });

  it('displays as an <img> of the SVG (text/html), the SVG itself and a text fallback', () => {
    const chart = lineChart({ title: 'time', x: [1, 2], series: [{ name: 'ms', values: [3, 4] }] });
    const bundle = chart[Symbol.for('jupyter.mimebundle')]();
    expect(Object.keys(bundle).sort()).toEqual(['image/svg+xml', 'text/html', 'text/plain']);
    expect(bundle['image/svg+xml'].startsWith('<svg')).toBe(true);
    expect(bundle['text/plain']).toBe('time\nms: (1, 3) (2, 4)');
    const img = /^<img src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)" width="720" height="360" [^>]*\/>$/.exec(bundle['text/html']);
    expect(img).not.toBeNull();
    expect(fromBase64(img![1])).toBe(chart.svg);
    expect(img![2]).toBe('time; ms: (1, 3) (2, 4)');
  });

  it('base64-encodes UTF-8 like Buffer does, for every length mod 3 and outside the BMP', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', '×·→α', 'Σ 𝛼 😀', '\u00e9\u0800\uffff', 'lone \ud800 surrogate']) {
      expect(base64Utf8(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
    }
    // The chart's SVG has non-ASCII text (×, ·): it must round-trip.
    const chart = barChart({ title: 'C=32, 56×56 · α', categories: ['3×3'], series: [{ name: 'ms', values: [1] }] });
    expect(fromBase64(/base64,([^"]+)"/.exec(chart.toHTML())![1])).toBe(chart.svg);
  });

  it('gives bars headroom: the top tick is at or above the tallest bar', () => {
    for (const values of [[864, 288, 2048, 1025000], [0.95, 2.7, 16.48], [7.89, 8.41, 8.92], [1, 2, 3], [100], [-3, 5], [0.14, 0.66]]) {
      const chart = barChart({ categories: values.map(String), series: [{ name: 's', values }] });
      expect(yTicks(chart.svg).length).toBeGreaterThanOrEqual(2);
      // y grows downwards: the top grid line is the smallest y, and no bar may start above it.
      const gridYs = [...chart.svg.matchAll(/<line x1="72" x2="704" y1="([\d.]+)"/g)].map((m) => Number(m[1]));
      const barTops = bars(chart.svg).map(([y]) => y);
      expect(Math.min(...barTops)).toBeGreaterThanOrEqual(Math.min(...gridYs) - 0.05);
      const ticks = enclosingTicks(Math.min(0, ...values), Math.max(...values));
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(Math.max(...values));
      expect(ticks[0]).toBeLessThanOrEqual(Math.min(0, ...values));
    }
    expect(enclosingTicks(0, 1025000)).toEqual([0, 200000, 400000, 600000, 800000, 1000000, 1200000]);
    expect(enclosingTicks(0, 16.48)).toEqual([0, 5, 10, 15, 20]);
    expect(enclosingTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(enclosingTicks(-3, 5)).toEqual([-4, -2, 0, 2, 4, 6]);
  });

  it('stacks series that share a stack name, beside the unstacked ones', () => {
    const chart = barChart({
      categories: ['b1', 'b2'],
      series: [
        { name: 'standard', values: [18432, 73728] },
        { name: 'depth-wise', values: [288, 576], stack: 'sep' },
        { name: 'point-wise', values: [2048, 8192], stack: 'sep' },
      ],
    });
    const rects = [...chart.svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="[^"]+"><title>([^<]*)<\/title>/g)].map((m) => ({
      x: Number(m[1]), y: Number(m[2]), h: Number(m[4]), title: m[5],
    }));
    expect(rects).toHaveLength(6);
    const byTitle = (t: string) => rects.find((r) => r.title === t)!;
    const dw = byTitle('b2 · depth-wise: 576');
    const pw = byTitle('b2 · point-wise: 8,192');
    const std = byTitle('b2 · standard: 73,728');
    expect(dw.x).toBe(pw.x);            // same slot
    expect(std.x).toBeLessThan(dw.x);   // beside it
    expect(pw.y + pw.h).toBeCloseTo(dw.y, 0);   // point-wise sits on top of depth-wise
    // The axis covers the stack's sum, not only the single values.
    expect(enclosingTicks(0, 73728).at(-1)).toBeGreaterThanOrEqual(73728);
    expect(chart.summary).toContain('depth-wise [stack sep]: b1=288, b2=576');
  });

  it('colours categories by kind with disjoint stacked series, drawing nothing for zeros', () => {
    const chart = barChart({
      categories: ['conv1', 'dw', 'pw', 'fc'],
      series: [
        { name: 'first conv', values: [864, 0, 0, 0], stack: 'kind' },
        { name: 'depth-wise', values: [0, 288, 0, 0], stack: 'kind' },
        { name: 'point-wise', values: [0, 0, 2048, 0], stack: 'kind' },
        { name: 'fully connected', values: [0, 0, 0, 1025000], stack: 'kind' },
      ],
    });
    expect(bars(chart.svg)).toHaveLength(4);
    expect(chart.summary.split('\n')[2]).toBe('depth-wise [stack kind]: dw=288');
    for (const name of ['first conv', 'depth-wise', 'point-wise', 'fully connected']) expect(chart.svg).toContain(`>${name}</text>`);
  });

  it('wraps a long legend onto more rows and grows the chart instead of overflowing', () => {
    const series = ['standard 3×3 convolution', 'depth-wise 3×3 (separable)', 'point-wise 1×1 (separable)', 'something else entirely', 'and one more series'].map((name, k) => ({ name, values: [k + 1] }));
    const chart = barChart({ categories: ['a'], series, width: 480 });
    const xs = [...chart.svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="12" height="12"/g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(5);
    expect(Math.max(...xs)).toBeLessThan(480);
    expect(chart.height).toBeGreaterThan(360);
  });

  it('keeps a long title inside the chart and labels horizontal while they fit', () => {
    const title = 'Median time on 1 thread: standard vs separable (its two halves timed separately)';
    const chart = barChart({ title, categories: ['C=32, 112×112', 'C=128, 56×56', 'C=256, 28×28', 'C=512, 14×14', 'C=1024, 7×7'], series: [{ name: 'ms', values: [1, 2, 3, 4, 5] }] });
    const size = Number(/font-size="(\d+)" font-weight="bold"/.exec(chart.svg)![1]);
    expect(size).toBeLessThan(16);
    expect(0.62 * size * title.length).toBeLessThanOrEqual(720);
    expect(chart.svg).not.toContain('rotate(-45)');
    const many = barChart({ categories: Array.from({ length: 28 }, (_, i) => `block${i}.depthwise`), series: [{ name: 's', values: Array(28).fill(1) }] });
    expect(many.svg).toContain('rotate(-45)');
  });

  it('rejects mismatched or non-finite data with the argument named', () => {
    expect(() => barChart({ categories: ['a', 'b'], series: [{ name: 's', values: [1] }] })).toThrow(/series\[0\] must be \{ name, values \} with 2 values/);
    expect(() => lineChart({ x: [1], series: [{ name: 's', values: [NaN] }] })).toThrow(ConvkitError);
    expect(() => barChart({ logY: true, categories: ['a'], series: [{ name: 's', values: [0] }] })).toThrow(/> 0 \(log axis\)/);
    expect(() => barChart({ logY: true, categories: ['a'], series: [{ name: 's', values: [1], stack: 'x' }] })).toThrow(/series\[0\]\.stack.*linear axis/);
    expect(() => lineChart({ x: [1], series: [{ name: 's', values: [1], stack: 'x' }] })).toThrow(/bar charts only/);
  });
});

describe('lineChart xTicks', () => {
  const labels = (svg: string) => [...svg.matchAll(/<text[^>]*text-anchor="middle" font-size="11">([^<]*)<\/text>/g)].map((m) => m[1]);
  test("'data' labels every x value; explicit positions label those; default uses round numbers", () => {
    const spec = { x: [3, 5, 7, 9], series: [{ name: 'err', values: [1, 2, 3, 4] }] };
    expect(labels(lineChart({ ...spec, xTicks: 'data' }).svg)).toEqual(['3', '5', '7', '9']);
    expect(labels(lineChart({ ...spec, xTicks: [3, 9] }).svg)).toEqual(['3', '9']);
    expect(labels(lineChart(spec).svg)).not.toEqual(['3', '5', '7', '9']);
    expect(() => lineChart({ ...spec, xTicks: [NaN] })).toThrow(/xTicks must be 'data' or an array of finite numbers/);
  });
});

