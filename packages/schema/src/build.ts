import { encodeFloat32 } from './encoding';
import { SCHEMA_VERSION } from './mime';
import { ColorScaleName, HeatmapBundle, HeatmapPanel, TensorBundle, TensorStats } from './types';

/** Min, max, mean and standard deviation over the finite values, plus NaN / ±Inf counts. */
export function tensorStats(values: ArrayLike<number>): TensorStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  let nanCount = 0;
  let infCount = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) nanCount++;
    else if (!Number.isFinite(v)) infCount++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      count++;
    }
  }
  if (count === 0) return { min: null, max: null, mean: null, std: null, nanCount, infCount };
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) squares += (v - mean) * (v - mean);
  }
  // Population standard deviation, as numpy's default (ddof = 0).
  return { min, max, mean, std: Math.sqrt(squares / count), nanCount, infCount };
}

/** Options of `buildTensorBundle`. */
export interface TensorBundleOptions {
  /** Label shown by renderers. */
  name?: string;
  /** Larger tensors travel without values (stats only). Default 4,194,304 (16 MB). */
  maxValues?: number;
}

// A plain Error (not core's ConvkitError): the schema package has no dependencies, so it also
// loads in the browser renderers.
function checkShape(shape: readonly number[], length: number): void {
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new Error(`shape: expected non-negative integers, got [${shape.join(', ')}]`);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== length) {
    throw new Error(`values: expected ${size} values for shape [${shape.join(', ')}], got ${length}`);
  }
}

/** The JSON of `application/vnd.convkit.tensor+json` for a tensor's shape and values. */
export function buildTensorBundle(shape: readonly number[], values: ArrayLike<number>, options: TensorBundleOptions = {}): TensorBundle {
  checkShape(shape, values.length);
  const limit = options.maxValues ?? 4 * 1024 * 1024;
  const bundle: TensorBundle = { version: SCHEMA_VERSION, shape: [...shape], dtype: 'float32', stats: tensorStats(values) };
  if (options.name !== undefined) bundle.name = options.name;
  if (values.length <= limit) bundle.values = encodeFloat32(values);
  else bundle.truncated = true;
  return bundle;
}

/** Options of `buildHeatmapBundle` (and of the kernel's `heatmap()`). */
export interface HeatmapOptions {
  /** Overall title, plain text (renderers escape it). */
  title?: string;
  /** Default `'RdBu'` for signed data, else `'Viridis'`. */
  colorscale?: ColorScaleName;
  /** Grid columns; default: all panels in one row up to 4, else about √panels (at most 8). */
  columns?: number;
  /** One colour range for all panels. Default true. */
  sharedScale?: boolean;
  /** Centre the scale on 0. Default: true when the data has both signs. */
  diverging?: boolean;
  /** Label of the horizontal (width) axis. */
  xLabel?: string;
  /** Label of the vertical (height) axis. */
  yLabel?: string;
  /** Fixed lower end of the colour range; computed from the data when absent. */
  zmin?: number;
  /** Fixed upper end of the colour range; computed from the data when absent. */
  zmax?: number;
  /** One title per panel; default `channel c` (and `n, channel c` for batches). */
  panelTitles?: string[];
  /** Display size of each panel's longer side in CSS pixels (16–2048), e.g. 512 for an image. */
  panelSize?: number;
}

/**
 * The JSON of `application/vnd.convkit.heatmap+json`: `[H, W]` gives one panel, `[C, H, W]` one
 * per channel, `[N, C, H, W]` one per (n, c), `[W]` a 1×W strip.
 */
export function buildHeatmapBundle(shape: readonly number[], values: ArrayLike<number>, options: HeatmapOptions = {}): HeatmapBundle {
  checkShape(shape, values.length);
  if (shape.length < 1 || shape.length > 4) {
    throw new Error(`shape: expected rank 1 to 4 for a heatmap, got [${shape.join(', ')}] (rank ${shape.length})`);
  }
  const [h, w] = shape.length === 1 ? [1, shape[0]] : shape.slice(-2);
  const channels = shape.length >= 3 ? shape[shape.length - 3] : 1;
  const batch = shape.length === 4 ? shape[0] : 1;
  const plane = h * w;
  const panels: HeatmapPanel[] = [];
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const index = n * channels + c;
      const slice = Array.prototype.slice.call(values, index * plane, (index + 1) * plane) as number[];
      const panel: HeatmapPanel = { height: h, width: w, values: encodeFloat32(slice) };
      const title = options.panelTitles?.[index] ?? (shape.length === 4 ? `${n}, channel ${c}` : shape.length === 3 ? `channel ${c}` : undefined);
      if (title !== undefined) panel.title = title;
      if (shape.length >= 3) panel.channel = c;
      panels.push(panel);
    }
  }
  const stats = tensorStats(values);
  const signed = stats.min !== null && stats.max !== null && stats.min < 0 && stats.max > 0;
  const diverging = options.diverging ?? signed;
  const count = panels.length;
  const bundle: HeatmapBundle = {
    version: SCHEMA_VERSION,
    panels,
    colorscale: options.colorscale ?? (diverging ? 'RdBu' : 'Viridis'),
    diverging,
    sharedScale: options.sharedScale ?? true,
    columns: Math.max(1, Math.min(count, options.columns ?? (count <= 4 ? count : Math.min(8, Math.ceil(Math.sqrt(count)))))),
  };
  if (options.title !== undefined) bundle.title = options.title;
  if (options.xLabel !== undefined) bundle.xLabel = options.xLabel;
  if (options.yLabel !== undefined) bundle.yLabel = options.yLabel;
  if (options.zmin !== undefined) bundle.zmin = options.zmin;
  if (options.zmax !== undefined) bundle.zmax = options.zmax;
  if (options.panelSize !== undefined) {
    if (!Number.isInteger(options.panelSize) || options.panelSize < 16 || options.panelSize > 2048) {
      throw new Error(`panelSize: expected an integer from 16 to 2048 (CSS pixels), got ${String(options.panelSize)}`);
    }
    bundle.panelSize = options.panelSize;
  }
  return bundle;
}
