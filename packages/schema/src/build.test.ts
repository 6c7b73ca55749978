import { buildHeatmapBundle, buildTensorBundle, tensorStats } from './build';
import { decodeFloat32 } from './encoding';
import { SCHEMA_VERSION } from './mime';

// Expected values are computed by hand (std: numpy's default, ddof = 0; base64 of little-endian
// float32: 1.0 = 00 00 80 3F, 2.0 = 00 00 00 40).

describe('tensorStats', () => {
  it('matches numpy on finite values (np.std([1,2,3,4]) = sqrt(1.25))', () => {
    const stats = tensorStats([1, 2, 3, 4]);
    expect(stats).toMatchObject({ min: 1, max: 4, mean: 2.5, nanCount: 0, infCount: 0 });
    expect(stats.std).toBeCloseTo(Math.sqrt(1.25), 12);
  });

  it('counts NaN and ±Inf and leaves them out of the moments', () => {
    expect(tensorStats([1, NaN, 3, Infinity, -Infinity])).toEqual({ min: 1, max: 3, mean: 2, std: 1, nanCount: 1, infCount: 2 });
  });

  it('gives nulls when no value is finite', () => {
    expect(tensorStats([NaN, Infinity])).toEqual({ min: null, max: null, mean: null, std: null, nanCount: 1, infCount: 1 });
  });
});

describe('buildTensorBundle', () => {
  it('carries shape, stats and base64 float32 values', () => {
    const bundle = buildTensorBundle([1, 2], new Float32Array([1, 2]), { name: 'x' });
    expect(bundle).toMatchObject({ version: SCHEMA_VERSION, name: 'x', shape: [1, 2], dtype: 'float32' });
    expect(bundle.values).toEqual({ dtype: 'float32', encoding: 'base64', length: 2, data: 'AACAPwAAAEA=' });
    expect(bundle.truncated).toBeUndefined();
  });

  it('leaves the values out above maxValues but keeps the stats', () => {
    const bundle = buildTensorBundle([2, 2], [1, 2, 3, 4], { maxValues: 3 });
    expect(bundle.values).toBeUndefined();
    expect(bundle.truncated).toBe(true);
    expect(bundle.stats.max).toBe(4);
  });

  it('rejects a shape that does not match the values, naming both', () => {
    expect(() => buildTensorBundle([2, 3], [1, 2])).toThrow('values: expected 6 values for shape [2, 3], got 2');
    expect(() => buildTensorBundle([-1], [])).toThrow('shape: expected non-negative integers, got [-1]');
  });
});

describe('buildHeatmapBundle', () => {
  it('makes one panel per channel of [C, H, W], diverging for signed data', () => {
    const bundle = buildHeatmapBundle([2, 1, 2], [-1, 0, 2, 3], { title: 't' });
    expect(bundle).toMatchObject({ title: 't', colorscale: 'RdBu', diverging: true, sharedScale: true, columns: 2 });
    expect(bundle.panels.map((p) => [p.title, p.channel, p.height, p.width])).toEqual([
      ['channel 0', 0, 1, 2],
      ['channel 1', 1, 1, 2],
    ]);
    expect(Array.from(decodeFloat32(bundle.panels[1].values))).toEqual([2, 3]);
  });

  it('uses Viridis for non-negative data and a √n grid for many panels of [N, C, H, W]', () => {
    const bundle = buildHeatmapBundle([2, 3, 1, 1], [0, 1, 2, 3, 4, 5]);
    expect(bundle).toMatchObject({ colorscale: 'Viridis', diverging: false, columns: 3 });
    expect(bundle.panels).toHaveLength(6);
    expect(bundle.panels[5].title).toBe('1, channel 2');
    expect(Array.from(decodeFloat32(bundle.panels[5].values))).toEqual([5]);
  });

  it('shows [W] as a 1×W strip and [H, W] as one untitled panel', () => {
    expect(buildHeatmapBundle([3], [1, 2, 3]).panels[0]).toMatchObject({ height: 1, width: 3 });
    const single = buildHeatmapBundle([2, 2], [1, 2, 3, 4]).panels[0];
    expect(single.title).toBeUndefined();
    expect(single.channel).toBeUndefined();
  });

  it('passes options through', () => {
    const bundle = buildHeatmapBundle([1, 2, 2], [1, 2, 3, 4], {
      colorscale: 'Greys', columns: 5, sharedScale: false, diverging: true, xLabel: 'x', yLabel: 'y', zmin: -1, zmax: 1, panelTitles: ['k'],
    });
    // columns is clamped to the panel count.
    expect(bundle).toMatchObject({ colorscale: 'Greys', columns: 1, sharedScale: false, diverging: true, xLabel: 'x', yLabel: 'y', zmin: -1, zmax: 1 });
    expect(bundle.panels[0].title).toBe('k');
  });

  it('rejects ranks other than 1 to 4', () => {
    expect(() => buildHeatmapBundle([1, 1, 1, 1, 1], [0])).toThrow('shape: expected rank 1 to 4 for a heatmap, got [1, 1, 1, 1, 1] (rank 5)');
  });
});

describe('heatmap panelSize', () => {
  it('is carried when valid and rejected, named, when not', () => {
    expect(buildHeatmapBundle([2, 2], [1, 2, 3, 4], { panelSize: 512 }).panelSize).toBe(512);
    expect(buildHeatmapBundle([2, 2], [1, 2, 3, 4]).panelSize).toBeUndefined();
    expect(() => buildHeatmapBundle([2, 2], [1, 2, 3, 4], { panelSize: 8 })).toThrow('panelSize: expected an integer from 16 to 2048 (CSS pixels), got 8');
  });
});

