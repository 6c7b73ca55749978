import { buildHeatmapBundle, decodeFloat32 } from '@convkit/schema';
import { heatmapFigure, plotlyColorscale } from './heatmap/figure';

function figureOf(shape: number[], values: number[], options = {}) {
  const b = buildHeatmapBundle(shape, values, options);
  return heatmapFigure(b, b.panels.map((p) => decodeFloat32(p.values)));
}

describe('heatmapFigure (plotly figure spec)', () => {
  test('row 0 at the top, values laid out row by row, hover names channel/row/col/value', () => {
    const f = figureOf([1, 2, 3], [1, 2, 3, 4, 5, 6]);
    const trace = f.data[0] as Record<string, unknown>;
    expect(trace.z).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect((f.layout.yaxis as Record<string, unknown>).autorange).toBe('reversed');
    expect(trace.hovertemplate).toBe('channel 0<br>row %{y}, col %{x}<br>value %{z:.5g}<extra></extra>');
  });
  test('signed data: diverging scale symmetric about 0, shared over all panels', () => {
    const f = figureOf([2, 1, 2], [-1, 0.5, 3, 2]);
    for (const t of f.data as Record<string, unknown>[]) {
      expect([t.zmin, t.zmax]).toEqual([-3, 3]);
    }
    expect((f.data as Record<string, unknown>[]).map((t) => t.showscale)).toEqual([true, false]);
    expect((f.data[0] as Record<string, unknown>).colorscale).toEqual(plotlyColorscale('RdBu'));
  });
  test('per-panel scales when sharedScale is false', () => {
    const f = figureOf([2, 1, 2], [0, 1, 10, 20], { sharedScale: false });
    expect((f.data as Record<string, unknown>[]).map((t) => [t.zmin, t.zmax])).toEqual([[0, 1], [10, 20]]);
  });
  test('grid of subplots: 8 channels in 4 columns make 2 rows', () => {
    const f = figureOf([8, 2, 2], new Array(32).fill(1), { columns: 4 });
    expect(f.data).toHaveLength(8);
    const y1 = f.layout.yaxis as { domain: number[] };
    const y5 = f.layout.yaxis5 as { domain: number[] };
    expect(y5.domain[1]).toBeLessThan(y1.domain[0]);
  });
  test('panelSize sets the row height: 2 rows of 300 px panels, plus margins and a title', () => {
    const f = figureOf([8, 2, 2], new Array(32).fill(1), { columns: 4, panelSize: 300, title: 't' });
    expect(f.layout.height).toBe(2 * 300 + 60 + 25);
  });
  test('strings from the bundle are escaped before plotly reads them as HTML', () => {
    const f = figureOf([2, 2], [1, 2, 3, 4], { title: '<a href="javascript:alert(1)">x</a>', panelTitles: ['<img src=x onerror=alert(1)>'] });
    expect(JSON.stringify(f.layout)).not.toMatch(/<a |<img/);
    expect((f.layout.title as { text: string }).text).toBe('&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;');
  });
  test('paging shows a window of panels but keeps the colour range of all', () => {
    const values = Array.from({ length: 20 * 4 }, (_, i) => i);
    const b = buildHeatmapBundle([20, 2, 2], values);
    const f = heatmapFigure(b, b.panels.map((p) => decodeFloat32(p.values)), { start: 16, count: 16 });
    expect(f.data).toHaveLength(4);
    expect((f.data[0] as Record<string, unknown>).zmin).toBe(0);
    expect((f.data[0] as Record<string, unknown>).hovertemplate).toMatch(/^channel 16/);
  });
});
