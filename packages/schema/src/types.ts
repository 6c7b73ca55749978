/**
 * Float32 values, little-endian, base64 encoded: 4 bytes a value, row-major. Large
 * arrays travel this way because JSON number arrays are ~3× larger and slow to parse.
 */
export interface EncodedFloat32 {
  dtype: 'float32';
  encoding: 'base64';
  /** Number of values (the decoded byte length / 4). */
  length: number;
  data: string;
}

/** Summary statistics over all finite values of a tensor. */
export interface TensorStats {
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  nanCount: number;
  infCount: number;
}

/** Bundle of `application/vnd.convkit.tensor+json`. */
export interface TensorBundle {
  version: number;
  /** Optional label, e.g. a variable name. Plain text: renderers must escape it. */
  name?: string;
  shape: number[];
  dtype: 'float32';
  stats: TensorStats;
  /** All values, unless the tensor is larger than the sender's limit (then `truncated`). */
  values?: EncodedFloat32;
  /** True when `values` was left out because the tensor is too large. */
  truncated?: boolean;
}

/** Colour scale names renderers know (plotly names). */
export type ColorScaleName = 'Viridis' | 'Cividis' | 'Greys' | 'Hot' | 'RdBu' | 'Picnic' | 'Portland' | 'Jet';

/** One heatmap panel: an H×W image, row 0 at the top. */
export interface HeatmapPanel {
  /** Panel title, e.g. `channel 2`. Plain text. */
  title?: string;
  height: number;
  width: number;
  values: EncodedFloat32;
  /** Where this panel came from, for hover text: the channel index, if any. */
  channel?: number;
}

/** Bundle of `application/vnd.convkit.heatmap+json`. */
export interface HeatmapBundle {
  version: number;
  /** Overall title. Plain text. */
  title?: string;
  panels: HeatmapPanel[];
  colorscale: ColorScaleName;
  /** Signed data: a diverging scale centred on 0 (zmin = -zmax). */
  diverging: boolean;
  /** One colour range for all panels (true) or one per panel. */
  sharedScale: boolean;
  /** Grid columns for small multiples. */
  columns: number;
  /** Display size of each panel's longer side, in CSS pixels; renderers choose when absent. */
  panelSize?: number;
  xLabel?: string;
  yLabel?: string;
  /** Fixed colour range; computed from the data when absent. */
  zmin?: number;
  zmax?: number;
}
