import { ConvkitError, describeValue } from '../errors';
import { escapeXml } from './escape';
import { formatCompact, logTicks, niceTicks } from './ticks';

/** One named series of values, one per category (bar) or per x (line). */
export interface ChartSeries {
  name: string;
  values: readonly number[];
  /**
   * Bar charts only: series with the same `stack` name are stacked into one bar per category
   * (e.g. the depth-wise and point-wise halves of a separable layer); the other series stand
   * beside it. Zero values draw nothing, so disjoint stacked series colour categories by kind.
   */
  stack?: string;
}

/** Options shared by the charts. */
export interface ChartOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Logarithmic y axis (all values must be > 0). */
  logY?: boolean;
  width?: number;
  height?: number;
}

/** Data of a grouped bar chart: one group of bars per category. */
export interface BarChartSpec extends ChartOptions {
  categories: readonly string[];
  series: readonly ChartSeries[];
}

/** Data of a line chart. */
export interface LineChartSpec extends ChartOptions {
  x: readonly number[];
  series: readonly ChartSeries[];
  /**
   * Where the x axis is labelled: `'data'` at every x value (e.g. kernel sizes 3, 5, 7, 9),
   * explicit positions, or (default) round numbers spanning the data.
   */
  xTicks?: 'data' | readonly number[];
}

// Colour-blind-safe palette (Okabe–Ito).
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/**
 * A static chart as SVG. Displays in Jupyter through the `jupyter.mimebundle` hook as
 * `text/html` (an `<img>` of the SVG as a base64 data URI, with the text summary as its alt
 * text), `image/svg+xml` and a text summary. The `<img>` is what HTML exporters and viewers
 * pick first: inline SVG is sanitised away by some of them (nbconvert 6.x passes
 * `image/svg+xml` through lxml's `clean_html`, which drops the SVG's children), an image is not.
 */
export class Chart {
  readonly width: number;
  readonly height: number;

  constructor(
    readonly kind: 'bar' | 'line',
    readonly svg: string,
    readonly summary: string,
    width?: number,
    height?: number,
  ) {
    this.width = width ?? Number(/\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 720);
    this.height = height ?? Number(/\sheight="([\d.]+)"/.exec(svg)?.[1] ?? 360);
  }

  toSVG(): string {
    return this.svg;
  }

  /** `<img src="data:image/svg+xml;base64,…" alt="…" width height>`; every string escaped. */
  toHTML(): string {
    const alt = escapeXml(this.summary.replace(/\s*\n\s*/g, '; '));
    return `<img src="data:image/svg+xml;base64,${base64Utf8(this.svg)}" alt="${alt}" width="${this.width}" height="${this.height}" style="max-width:100%;height:auto"/>`;
  }

  toString(): string {
    return this.summary;
  }

  [Symbol.for('jupyter.mimebundle')](): Record<string, string> {
    return { 'text/html': this.toHTML(), 'image/svg+xml': this.svg, 'text/plain': this.summary };
  }
}

/**
 * Base64 of a string's UTF-8 bytes, the same in Node and browsers: `TextEncoder` makes the bytes,
 * `btoa` encodes them as a binary (Latin-1) string — one character per byte.
 */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function checkSeries(op: string, series: readonly ChartSeries[], length: number, logY: boolean): void {
  if (!Array.isArray(series) || series.length === 0) throw new ConvkitError(op, 'series', `series must be a non-empty array, got ${describeValue(series)}`);
  series.forEach((s, i) => {
    if (!s || typeof s.name !== 'string' || !Array.isArray(s.values) || s.values.length !== length) {
      throw new ConvkitError(op, `series[${i}]`, `series[${i}] must be { name, values } with ${length} values, got ${describeValue(s)}`);
    }
    if (s.stack !== undefined && (typeof s.stack !== 'string' || op !== 'barChart' || logY)) {
      throw new ConvkitError(
        op,
        `series[${i}].stack`,
        `series[${i}].stack ` +
          (op !== 'barChart'
            ? 'is for bar charts only'
            : logY
              ? 'needs a linear axis (logY: false): stacked heights do not add up on a log scale'
              : `must be a string, got ${describeValue(s.stack)}`),
      );
    }
    s.values.forEach((v: number, j: number) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || (logY && v <= 0)) {
        throw new ConvkitError(op, `series[${i}].values[${j}]`, `values must be finite numbers${logY ? ' > 0 (log axis)' : ''}, got ${describeValue(v)}`);
      }
    });
  });
}

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** y of the legend's first row (below the x labels). */
  legendTop: number;
  y: (v: number) => number;
  parts: string[];
}

/**
 * Linear axis ticks (steps of 1, 2 or 5 × 10^k) that enclose [lo, hi]: the first tick is at or
 * below `lo` and the last at or above `hi`, so the tallest bar stays under the top tick
 * (headroom) — with the smallest such step that needs at most `maxIntervals` intervals.
 */
export function enclosingTicks(lo: number, hi: number, maxIntervals = 6): number[] {
  if (!(hi > lo)) return [lo, lo + 1];
  let magnitude = 10 ** Math.floor(Math.log10((hi - lo) / maxIntervals));
  for (;;) {
    for (const m of [1, 2, 5]) {
      const step = m * magnitude;
      const first = Math.floor(lo / step + 1e-9);
      const last = Math.ceil(hi / step - 1e-9);
      if (last - first <= maxIntervals) {
        const ticks: number[] = [];
        for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
        return ticks;
      }
    }
    magnitude *= 10;
  }
}

/** Legend entries laid out left to right, wrapping to a new row at the plot's width. */
function legendLayout(names: string[], left: number, maxX: number): { x: number; row: number }[] {
  const at: { x: number; row: number }[] = [];
  let x = left;
  let row = 0;
  for (const name of names) {
    const w = 28 + 7 * name.length;
    if (x > left && x + w - 12 > maxX) {
      row++;
      x = left;
    }
    at.push({ x, row });
    x += w;
  }
  return at;
}

/** Axes, grid, title, labels and legend; returns the y mapping for the plot area. */
function frame(spec: ChartOptions, allValues: number[], seriesNames: string[], bottomSpace: number): Frame {
  const width = spec.width ?? 720;
  const left = 72;
  const right = 16;
  const top = spec.title ? 40 : 16;
  const legend = seriesNames.length > 1 ? legendLayout(seriesNames, left, width - right) : [];
  const legendRows = legend.length ? legend[legend.length - 1].row + 1 : 0;
  const height = (spec.height ?? 360) + Math.max(0, legendRows - 1) * 20;
  const bottom = bottomSpace + (spec.xLabel ? 22 : 0) + legendRows * 20 + (legendRows ? 4 : 0);
  const plotH = height - top - bottom;
  const logY = spec.logY ?? false;
  let lo = Math.min(0, ...allValues);
  let hi = Math.max(0, ...allValues);
  if (logY) {
    lo = 10 ** Math.floor(Math.log10(Math.min(...allValues)));
    hi = 10 ** Math.ceil(Math.log10(Math.max(...allValues)));
  }
  if (hi === lo) hi = logY ? lo * 10 : lo + 1;
  const ticks = logY ? logTicks(lo, hi) : enclosingTicks(lo, hi);
  if (!logY) {
    lo = ticks[0];
    hi = ticks[ticks.length - 1];
  }
  const y = logY
    ? (v: number) => top + plotH * (1 - (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)))
    : (v: number) => top + plotH * (1 - (v - lo) / (hi - lo));
  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  if (spec.title) {
    // A long title gets a smaller font rather than running off the chart (~0.6 em a character).
    const size = Math.max(10, Math.min(16, Math.floor((width - 16) / (0.62 * spec.title.length))));
    parts.push(`<text x="${width / 2}" y="24" text-anchor="middle" font-size="${size}" font-weight="bold">${escapeXml(spec.title)}</text>`);
  }
  for (const t of ticks) {
    const ty = y(t).toFixed(1);
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${ty}" y2="${ty}" stroke="#e0e0e0"/>`);
    parts.push(`<text x="${left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle" font-size="11">${escapeXml(formatCompact(t))}</text>`);
  }
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}" stroke="#333"/>`);
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}" stroke="#333"/>`);
  if (spec.yLabel) {
    parts.push(`<text transform="translate(16 ${top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(spec.yLabel)}</text>`);
  }
  const legendTop = height - legendRows * 20 - 2;
  if (spec.xLabel) {
    parts.push(`<text x="${left + (width - left - right) / 2}" y="${legendTop - 8}" text-anchor="middle" font-size="12">${escapeXml(spec.xLabel)}</text>`);
  }
  seriesNames.forEach((name, i) => {
    if (!legend.length) return;
    const { x, row } = legend[i];
    const ly = legendTop + row * 20;
    parts.push(`<rect x="${x}" y="${ly + 2}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>`);
    parts.push(`<text x="${x + 16}" y="${ly + 12}" font-size="12">${escapeXml(name)}</text>`);
  });
  return { width, height, left, right, top, bottom, legendTop, y, parts };
}

function svgDocument(f: Frame, title: string | undefined): string {
  const label = title ? ` aria-label="${escapeXml(title)}"` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" font-family="DejaVu Sans, Arial, sans-serif" role="img"${label}>${f.parts.join('')}</svg>`;
}

/**
 * Grouped bar chart, e.g. parameters per layer for two model variants. Series with the same
 * `stack` name share one bar per category, stacked in series order.
 *
 * @example
 * barChart({ title: 'Parameters', categories: ['standard', 'separable'], series: [{ name: 'params', values: [81, 36] }] })
 * @example
 * // separable = depth-wise + point-wise, stacked, beside the standard layer
 * barChart({ categories: ['block 1'], series: [
 *   { name: 'standard', values: [18432] },
 *   { name: 'depth-wise', values: [288], stack: 'separable' }, { name: 'point-wise', values: [2048], stack: 'separable' }] })
 */
export function barChart(spec: BarChartSpec): Chart {
  const op = 'barChart';
  if (!Array.isArray(spec.categories) || spec.categories.length === 0) {
    throw new ConvkitError(op, 'categories', `categories must be a non-empty array of strings, got ${describeValue(spec.categories)}`);
  }
  checkSeries(op, spec.series, spec.categories.length, spec.logY ?? false);
  // One slot (bar position within a group) per stack name or unstacked series.
  const slotKeys: string[] = [];
  const slotOf = spec.series.map((s, k) => {
    const key = s.stack !== undefined ? `stack:${s.stack}` : `series:${k}`;
    if (!slotKeys.includes(key)) slotKeys.push(key);
    return slotKeys.indexOf(key);
  });
  // Bar ends: stacks grow up from 0 for positive values and down for negative ones.
  const extents: number[] = [];
  const segments = spec.series.map(() => [] as [number, number][]);
  spec.categories.forEach((_, i) => {
    const up = slotKeys.map(() => 0);
    const down = slotKeys.map(() => 0);
    spec.series.forEach((s, k) => {
      const v = s.values[i];
      const slot = slotOf[k];
      if (s.stack === undefined) {
        segments[k].push([0, v]);
      } else if (v >= 0) {
        segments[k].push([up[slot], up[slot] + v]);
        up[slot] += v;
      } else {
        segments[k].push([down[slot], down[slot] + v]);
        down[slot] += v;
      }
      extents.push(segments[k][i][1]);
    });
  });
  const longest = Math.max(...spec.categories.map((c) => String(c).length));
  // Labels stay horizontal while the longest fits its group (~6.5 px a character at 11 px).
  const groupWidth = ((spec.width ?? 720) - 88) / spec.categories.length;
  const rotate = 6.5 * longest > groupWidth - 6;
  const f = frame(spec, extents, spec.series.map((s) => s.name), rotate ? Math.min(120, 10 + 6 * longest) : 24);
  const plotW = f.width - f.left - f.right;
  const groupW = plotW / spec.categories.length;
  const barW = (groupW * 0.8) / slotKeys.length;
  const logBase = f.height - f.bottom;
  spec.categories.forEach((category, i) => {
    const gx = f.left + i * groupW + groupW * 0.1;
    spec.series.forEach((s, k) => {
      const v = s.values[i];
      if (s.stack !== undefined && v === 0) return;
      const [from, to] = segments[k][i];
      const y0 = spec.logY ? logBase : f.y(from);
      const y1 = f.y(to);
      const top = Math.min(y0, y1);
      const h = Math.abs(y0 - y1);
      f.parts.push(
        `<rect x="${(gx + slotOf[k] * barW).toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(1, barW - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${PALETTE[k % PALETTE.length]}"><title>${escapeXml(`${category} · ${s.name}: ${v.toLocaleString('en-US')}`)}</title></rect>`,
      );
    });
    const cx = f.left + (i + 0.5) * groupW;
    const ly = f.height - f.bottom + 14;
    f.parts.push(
      rotate
        ? `<text transform="translate(${cx.toFixed(1)} ${ly}) rotate(-45)" text-anchor="end" font-size="10">${escapeXml(String(category))}</text>`
        : `<text x="${cx.toFixed(1)}" y="${ly}" text-anchor="middle" font-size="11">${escapeXml(String(category))}</text>`,
    );
  });
  const summary = [
    spec.title ?? 'bar chart',
    // Stacked series draw nothing for 0, and say nothing about it either.
    ...spec.series.map((s) => {
      const items = spec.categories.map((c, i) => [c, s.values[i]] as const).filter(([, v]) => s.stack === undefined || v !== 0);
      return `${s.name}${s.stack !== undefined ? ` [stack ${s.stack}]` : ''}: ${items.map(([c, v]) => `${c}=${v.toLocaleString('en-US')}`).join(', ')}`;
    }),
  ].join('\n');
  return new Chart('bar', svgDocument(f, spec.title), summary, f.width, f.height);
}

/** Line chart with markers, e.g. time against channel count. */
export function lineChart(spec: LineChartSpec): Chart {
  const op = 'lineChart';
  if (!Array.isArray(spec.x) || spec.x.length === 0 || spec.x.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new ConvkitError(op, 'x', `x must be a non-empty array of finite numbers, got ${describeValue(spec.x)}`);
  }
  checkSeries(op, spec.series, spec.x.length, spec.logY ?? false);
  const f = frame(spec, spec.series.flatMap((s) => [...s.values]), spec.series.map((s) => s.name), 24);
  const xMin = Math.min(...spec.x);
  const xMax = Math.max(...spec.x);
  const plotW = f.width - f.left - f.right;
  const xOf = (v: number) => f.left + 10 + (xMax === xMin ? plotW / 2 : ((v - xMin) / (xMax - xMin)) * (plotW - 20));
  const xTicks = spec.xTicks ?? 'nice';
  if (xTicks !== 'nice' && xTicks !== 'data' && (!Array.isArray(xTicks) || xTicks.some((v) => typeof v !== 'number' || !Number.isFinite(v)))) {
    throw new ConvkitError(op, 'xTicks', `xTicks must be 'data' or an array of finite numbers, got ${describeValue(xTicks)}`);
  }
  const ticks = xTicks === 'nice' ? niceTicks(xMin, xMax) : xTicks === 'data' ? [...new Set(spec.x)] : xTicks;
  for (const t of ticks) {
    if (t < xMin || t > xMax) continue;
    f.parts.push(`<text x="${xOf(t).toFixed(1)}" y="${f.height - f.bottom + 14}" text-anchor="middle" font-size="11">${escapeXml(formatCompact(t))}</text>`);
  }
  spec.series.forEach((s, k) => {
    const colour = PALETTE[k % PALETTE.length];
    const points = s.values.map((v, i) => `${xOf(spec.x[i]).toFixed(1)},${f.y(v).toFixed(1)}`);
    f.parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    s.values.forEach((v, i) => {
      f.parts.push(
        `<circle cx="${xOf(spec.x[i]).toFixed(1)}" cy="${f.y(v).toFixed(1)}" r="3.5" fill="${colour}"><title>${escapeXml(`${s.name}: x=${spec.x[i]}, y=${v.toLocaleString('en-US')}`)}</title></circle>`,
      );
    });
  });
  const summary = [spec.title ?? 'line chart', ...spec.series.map((s) => `${s.name}: ${s.values.map((v, i) => `(${spec.x[i]}, ${v})`).join(' ')}`)].join('\n');
  return new Chart('line', svgDocument(f, spec.title), summary, f.width, f.height);
}
