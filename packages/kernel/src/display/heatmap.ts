import { ConvkitError, Tensor, tensor } from '@convkit/core';
import type { NestedArray } from '@convkit/core';
import { COLOR_SCALES, HEATMAP_MIME, HeatmapBundle, HeatmapOptions, buildHeatmapBundle, colorRange, decodeFloat32 } from '@convkit/schema';
import { escapeHtml } from './html';
import { Canvas, colorbarPng, paintPanel, panelPng, panelScale, pixelScale } from './png';

const OPTION_NAMES = ['title', 'colorscale', 'columns', 'sharedScale', 'diverging', 'xLabel', 'yLabel', 'zmin', 'zmax', 'panelTitles', 'panelSize'];

/** What `heatmap()` returns: displays as an interactive heatmap, with PNG/HTML fallbacks. */
export class HeatmapView {
  readonly bundle: HeatmapBundle;
  private readonly panels: Float32Array[];

  constructor(bundle: HeatmapBundle) {
    this.bundle = bundle;
    this.panels = bundle.panels.map((p) => decodeFloat32(p.values));
  }

  private ranges(): [number, number][] {
    const b = this.bundle;
    if (b.sharedScale) {
      const all = new Float32Array(this.panels.reduce((a, p) => a + p.length, 0));
      let at = 0;
      for (const p of this.panels) {
        all.set(p, at);
        at += p.length;
      }
      const r = colorRange(all, b.diverging, b.zmin, b.zmax);
      return this.panels.map(() => r);
    }
    return this.panels.map((p) => colorRange(p, b.diverging, b.zmin, b.zmax));
  }

  /** The whole grid as one base64 PNG (no text). */
  gridPng(): string {
    const b = this.bundle;
    const ranges = this.ranges();
    const h = Math.max(...b.panels.map((p) => p.height));
    const w = Math.max(...b.panels.map((p) => p.width));
    const scale = b.panelSize ? panelScale(h, w, b.panelSize) : pixelScale(h, w, b.panels.length > 16 ? 64 : 160);
    const gap = 6;
    const cellW = Math.round(w * scale);
    const cellH = Math.round(h * scale);
    const rows = Math.ceil(b.panels.length / b.columns);
    const canvas = new Canvas(b.columns * cellW + (b.columns - 1) * gap, rows * cellH + (rows - 1) * gap);
    b.panels.forEach((p, i) => {
      const x0 = (i % b.columns) * (cellW + gap);
      const y0 = Math.floor(i / b.columns) * (cellH + gap);
      paintPanel(canvas, this.panels[i], p.height, p.width, x0, y0, scale, b.colorscale, ranges[i][0], ranges[i][1]);
    });
    return canvas.toBase64();
  }

  /** A static HTML figure: escaped titles, one PNG per panel, a colour bar with its range. */
  html(): string {
    const b = this.bundle;
    const ranges = this.ranges();
    const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : Number(v.toPrecision(4)).toString());
    const figures = b.panels
      .map((p, i) => {
        const img = panelPng(this.panels[i], p.height, p.width, b.colorscale, ranges[i][0], ranges[i][1], b.panelSize);
        const caption = p.title ? `<figcaption style="font-size:12px;text-align:center">${escapeHtml(p.title)}</figcaption>` : '';
        const range = b.sharedScale ? '' : `<div style="font-size:11px;text-align:center;color:#666">${fmt(ranges[i][0])} … ${fmt(ranges[i][1])}</div>`;
        return `<figure style="margin:0">${caption}<img alt="${escapeHtml(p.title ?? 'heatmap')}" style="image-rendering:pixelated;display:block" src="data:image/png;base64,${img}"/>${range}</figure>`;
      })
      .join('');
    const title = b.title ? `<div style="font-weight:bold;margin-bottom:4px">${escapeHtml(b.title)}</div>` : '';
    const axes = b.xLabel || b.yLabel ? `<div style="font-size:11px;color:#666">${escapeHtml([b.yLabel && `rows: ${b.yLabel}`, b.xLabel && `columns: ${b.xLabel}`].filter(Boolean).join(' · '))}</div>` : '';
    const bar = b.sharedScale
      ? `<div style="display:flex;align-items:center;gap:6px;font-size:11px;margin-top:4px"><span>${fmt(ranges[0][0])}</span><img alt="colour scale ${escapeHtml(b.colorscale)}" src="data:image/png;base64,${colorbarPng(b.colorscale)}"/><span>${fmt(ranges[0][1])}</span></div>`
      : '';
    return `<div class="convkit-heatmap-static">${title}<div style="display:grid;grid-template-columns:repeat(${b.columns},max-content);gap:8px">${figures}</div>${bar}${axes}</div>`;
  }

  toString(): string {
    const b = this.bundle;
    const p = b.panels[0];
    return `heatmap${b.title ? ` "${b.title}"` : ''}: ${b.panels.length} panel${b.panels.length > 1 ? 's' : ''} of ${p.height}×${p.width}, ${b.colorscale}`;
  }

  /** Jupyter display: the vendor type, an HTML figure and a PNG for reports, and text. */
  [Symbol.for('jupyter.mimebundle')](): Record<string, unknown> {
    return { [HEATMAP_MIME]: this.bundle, 'text/html': this.html(), 'image/png': this.gridPng(), 'text/plain': this.toString() };
  }
}

/**
 * A heatmap of a tensor: `[H, W]` one panel, `[C, H, W]` one per channel, `[N, C, H, W]` one
 * per image and channel. Shows as the last value of a cell or through `display()`.
 *
 * @example heatmap(conv2d(x, w), { title: 'feature maps', colorscale: 'RdBu', columns: 4 })
 */
export function heatmap(values: Tensor | NestedArray, options: HeatmapOptions = {}): HeatmapView {
  const t = values instanceof Tensor ? values : tensor(values as NestedArray);
  if (typeof options !== 'object' || options === null) {
    throw new ConvkitError('heatmap', 'options', `options must be an object, got ${String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) throw new ConvkitError('heatmap', `options.${key}`, `unknown option "${key}"; expected one of ${OPTION_NAMES.join(', ')}`);
  }
  if (options.colorscale !== undefined && !COLOR_SCALES.includes(options.colorscale)) {
    throw new ConvkitError('heatmap', 'options.colorscale', `colorscale must be one of ${COLOR_SCALES.join(', ')}, got "${String(options.colorscale)}"`);
  }
  if (t.rank < 1 || t.rank > 4 || t.size === 0) {
    throw new ConvkitError('heatmap', 'values', `values must be a non-empty tensor of rank 1 to 4 ([W], [H, W], [C, H, W] or [N, C, H, W]), got shape [${t.shape.join(', ')}]`);
  }
  if (options.columns !== undefined && (!Number.isInteger(options.columns) || options.columns < 1)) {
    throw new ConvkitError('heatmap', 'options.columns', `columns must be an integer >= 1, got ${String(options.columns)}`);
  }
  if (options.panelSize !== undefined && (!Number.isInteger(options.panelSize) || options.panelSize < 16 || options.panelSize > 2048)) {
    throw new ConvkitError('heatmap', 'options.panelSize', `panelSize must be an integer from 16 to 2048 (CSS pixels), got ${String(options.panelSize)}`);
  }
  const bad = (name: string, expected: string, got: unknown) =>
    new ConvkitError('heatmap', `options.${name}`, `${name} must be ${expected}, got ${typeof got === 'number' ? String(got) : JSON.stringify(got) ?? String(got)}`);
  for (const name of ['title', 'xLabel', 'yLabel'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'string') throw bad(name, 'a string', options[name]);
  }
  for (const name of ['sharedScale', 'diverging'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'boolean') throw bad(name, 'true or false', options[name]);
  }
  for (const name of ['zmin', 'zmax'] as const) {
    if (options[name] !== undefined && !Number.isFinite(options[name])) throw bad(name, 'a finite number', options[name]);
  }
  if (options.zmin !== undefined && options.zmax !== undefined && !(options.zmin < options.zmax)) {
    throw bad('zmax', `greater than zmin (${options.zmin})`, options.zmax);
  }
  if (options.panelTitles !== undefined) {
    const panels = t.rank >= 3 ? t.size / (t.shape[t.rank - 1] * t.shape[t.rank - 2]) : 1;
    if (!Array.isArray(options.panelTitles) || options.panelTitles.length !== panels || options.panelTitles.some((x) => typeof x !== 'string')) {
      throw bad('panelTitles', `an array of ${panels} string${panels === 1 ? '' : 's'} (one per panel)`, options.panelTitles);
    }
  }
  return new HeatmapView(buildHeatmapBundle(t.shape, t.data, options));
}
