/**
 * @jest-environment jsdom
 */
// jsdom has no layout engine or canvas, so plotly cannot draw here: the plot itself is checked
// in a real browser (test/browser). These tests check the DOM the widgets build around it.
import { HEATMAP_MIME, TENSOR_MIME, buildHeatmapBundle, buildTensorBundle } from '@convkit/schema';

// jsdom has no 2-D canvas (getContext logs "not implemented" and returns null): say so quietly;
// thumbnails are drawn and checked in the real browser.
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];
// jsdom lacks DragEvent, which @lumino/dragdrop references at load time.
(globalThis as { DragEvent?: unknown }).DragEvent ??= class DragEvent extends MouseEvent {};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { HeatmapWidget } = require('./heatmap/widget') as typeof import('./heatmap/widget');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TensorWidget } = require('./tensor/widget') as typeof import('./tensor/widget');

jest.mock('./heatmap/plotly_types', () => ({
  loadPlotly: async () => ({
    react: async () => undefined,
    purge: () => undefined,
    toImage: async () => 'data:image/png;base64,AAAA',
    Plots: { resize: () => undefined },
  }),
}));

type Model = { data: Record<string, unknown>; metadata: Record<string, unknown>; trusted: boolean; setData: (o: { data?: Record<string, unknown>; metadata?: Record<string, unknown> }) => void };
function model(mime: string, value: unknown): Model {
  const m: Model = {
    data: { [mime]: value },
    metadata: {},
    trusted: false,
    setData: (o) => {
      m.data = o.data ?? m.data;
      m.metadata = o.metadata ?? m.metadata;
    },
  };
  return m;
}

describe('TensorWidget', () => {
  test('shows shape, stats and numpy-like values; bundle strings never become HTML', async () => {
    const b = buildTensorBundle([2, 2], [1, -2, 3, NaN], { name: '<img src=x onerror="alert(1)">' });
    const w = new TensorWidget({ mimeType: TENSOR_MIME, sanitizer: undefined as never, resolver: null, linkHandler: null, latexTypesetter: null });
    await w.renderModel(model(TENSOR_MIME, b) as never);
    expect(w.node.querySelector('img')).toBeNull();
    expect(w.node.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(w.node.querySelector('.convkit-tensor-shape')?.textContent).toBe('Tensor [2, 2] float32');
    const stats = [...w.node.querySelectorAll('dd')].map((d) => d.textContent);
    expect(stats).toEqual(['-2', '3', '0.66667', '2.0548', '1', '0']);
    // numpy prints this array as [[ 1., -2.], [ 3., nan]]
    expect(w.node.querySelector('pre')?.textContent).toContain('[[ 1., -2.],\n [ 3., nan]]');
  });
  test('a malformed bundle renders an error box', async () => {
    const w = new TensorWidget({ mimeType: TENSOR_MIME } as never);
    await w.renderModel(model(TENSOR_MIME, { version: 1, shape: [2], dtype: 'float32', stats: {}, values: 'nope' }) as never);
    expect(w.node.querySelector('.convkit-error')?.textContent).toMatch(/Cannot show this tensor: tensor.stats.nanCount/);
  });
  test('thumbnails for [C, H, W] and a heatmap toggle', async () => {
    const b = buildTensorBundle([3, 4, 4], Array.from({ length: 48 }, (_, i) => i));
    const w = new TensorWidget({ mimeType: TENSOR_MIME } as never);
    await w.renderModel(model(TENSOR_MIME, b) as never);
    expect(w.node.querySelectorAll('canvas.convkit-thumb')).toHaveLength(3);
    (w.node.querySelector('button.convkit-toggle') as HTMLButtonElement).click();
    expect(w.node.querySelector('.convkit-heatmap-view select')).not.toBeNull();
  });
});

describe('HeatmapWidget', () => {
  test('toolbar with colour-scale picker; a slider beyond 16 channels; PNG written back once', async () => {
    const b = buildHeatmapBundle([20, 3, 3], Array.from({ length: 180 }, (_, i) => i));
    const w = new HeatmapWidget({ mimeType: HEATMAP_MIME } as never);
    const m = model(HEATMAP_MIME, b);
    await w.renderModel(m as never);
    const options = [...w.node.querySelectorAll('select option')].map((o) => o.textContent);
    expect(options).toContain('Viridis');
    expect(w.node.querySelector('input[type=range]')).not.toBeNull();
    expect(m.data['image/png']).toBe('AAAA');
    expect(m.metadata['convkit-png-from-plot']).toBe(true);
  });
  test('malformed bundles give an error box naming the field', async () => {
    const w = new HeatmapWidget({ mimeType: HEATMAP_MIME } as never);
    await w.renderModel(model(HEATMAP_MIME, { version: 1, panels: [], colorscale: 'Viridis' }) as never);
    expect(w.node.querySelector('.convkit-error')?.textContent).toMatch(/heatmap.diverging: expected a boolean/);
    await w.renderModel(model(HEATMAP_MIME, { version: 99 }) as never);
    expect(w.node.querySelector('.convkit-error')?.textContent).toMatch(/unsupported schema version 99/);
  });
});
