import { ColorScaleName } from './types';

/** Every colour scale name a bundle may use (plotly's names). */
export const COLOR_SCALES: readonly ColorScaleName[] = ['Viridis', 'Cividis', 'Greys', 'Hot', 'RdBu', 'Picnic', 'Portland', 'Jet'];

/**
 * Colour stops `[position 0..1, [r, g, b]]` of each scale, matching plotly's definitions, so the
 * kernel's PNG fallbacks look like the interactive plots. (RdBu runs blue → white → red as in
 * plotly with `reversescale` off: low values blue.)
 */
export const COLOR_STOPS: Readonly<Record<ColorScaleName, ReadonlyArray<readonly [number, readonly [number, number, number]]>>> = {
  Viridis: [
    [0, [68, 1, 84]], [0.06274509803921569, [72, 24, 106]], [0.12549019607843137, [71, 45, 123]], [0.18823529411764706, [66, 64, 134]],
    [0.25098039215686274, [59, 82, 139]], [0.3137254901960784, [51, 99, 141]], [0.3764705882352941, [44, 114, 142]],
    [0.4392156862745098, [38, 130, 142]], [0.5019607843137255, [33, 145, 140]], [0.5647058823529412, [30, 160, 135]],
    [0.6274509803921569, [40, 174, 128]], [0.6901960784313725, [62, 188, 116]], [0.7529411764705882, [94, 201, 98]],
    [0.8156862745098039, [132, 212, 75]], [0.8784313725490196, [173, 220, 48]], [0.9411764705882353, [216, 226, 25]], [1, [253, 231, 37]],
  ],
  Cividis: [
    [0, [0, 32, 76]], [0.058824, [0, 42, 102]], [0.117647, [0, 52, 110]], [0.176471, [39, 63, 108]], [0.235294, [60, 74, 107]],
    [0.294118, [76, 85, 107]], [0.352941, [91, 95, 109]], [0.411765, [104, 106, 112]], [0.470588, [117, 117, 117]],
    [0.529412, [131, 129, 120]], [0.588235, [146, 140, 120]], [0.647059, [161, 152, 118]], [0.705882, [176, 165, 114]],
    [0.764706, [192, 177, 109]], [0.823529, [209, 191, 102]], [0.882353, [225, 204, 92]], [0.941176, [243, 219, 79]], [1, [255, 233, 69]],
  ],
  Greys: [[0, [0, 0, 0]], [1, [255, 255, 255]]],
  Hot: [[0, [0, 0, 0]], [0.3, [230, 0, 0]], [0.6, [255, 210, 0]], [1, [255, 255, 255]]],
  RdBu: [[0, [5, 10, 172]], [0.35, [106, 137, 247]], [0.5, [190, 190, 190]], [0.6, [220, 170, 132]], [0.7, [230, 145, 90]], [1, [178, 10, 28]]],
  Picnic: [
    [0, [0, 0, 255]], [0.1, [51, 153, 255]], [0.2, [102, 204, 255]], [0.3, [153, 204, 255]], [0.4, [204, 204, 255]], [0.5, [255, 255, 255]],
    [0.6, [255, 204, 255]], [0.7, [255, 153, 255]], [0.8, [255, 102, 204]], [0.9, [255, 102, 102]], [1, [255, 0, 0]],
  ],
  Portland: [[0, [12, 51, 131]], [0.25, [10, 136, 186]], [0.5, [242, 211, 56]], [0.75, [242, 143, 56]], [1, [217, 30, 30]]],
  Jet: [[0, [0, 0, 131]], [0.125, [0, 60, 170]], [0.375, [5, 255, 255]], [0.625, [255, 255, 0]], [0.875, [250, 0, 0]], [1, [128, 0, 0]]],
};

/** The colour of `t` in [0, 1] on a scale, linearly interpolated between stops. */
export function colorAt(scale: ColorScaleName, t: number): [number, number, number] {
  const stops = COLOR_STOPS[scale];
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  for (let i = 1; i < stops.length; i++) {
    const [p1, c1] = stops[i];
    if (x <= p1) {
      const [p0, c0] = stops[i - 1];
      const f = p1 === p0 ? 0 : (x - p0) / (p1 - p0);
      return [0, 1, 2].map((k) => Math.round(c0[k] + f * (c1[k] - c0[k]))) as [number, number, number];
    }
  }
  const last = stops[stops.length - 1][1];
  return [last[0], last[1], last[2]];
}

/**
 * The colour range of a heatmap: fixed `zmin`/`zmax` if given, else the finite data range;
 * a diverging scale is symmetric about 0.
 */
export function colorRange(values: ArrayLike<number>, diverging: boolean, zmin?: number, zmax?: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) [lo, hi] = [0, 1];
  if (diverging) {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    [lo, hi] = [-m, m];
  }
  lo = zmin ?? lo;
  hi = zmax ?? hi;
  if (lo === hi) hi = lo + 1;
  return [lo, hi];
}
