import { ConvkitError, describeValue } from '../errors';
import { escapeXml } from './escape';
import { formatCompact, logTicks, niceTicks } from './ticks';

/** One named series of values, one per category (bar) or per x (line). */
export interface ChartSeries {
  name: string;
  values: readonly number[];
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
}

// Colour-blind-safe palette (Okabe–Ito).
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/**
 * A static chart as SVG. Displays in Jupyter through the `jupyter.mimebundle` hook as
 * `image/svg+xml` (readable in any notebook viewer or HTML report) plus a text summary.
 */
export class Chart {
  constructor(
    readonly kind: 'bar' | 'line',
    readonly svg: string,
    readonly summary: string,
  ) {}

  toSVG(): string {
    return this.svg;
  }

  toString(): string {
    return this.summary;
  }

  [Symbol.for('jupyter.mimebundle')](): Record<string, string> {
    return { 'image/svg+xml': this.svg, 'text/plain': this.summary };
  }
}

function checkSeries(op: string, series: readonly ChartSeries[], length: number, logY: boolean): void {
  if (!Array.isArray(series) || series.length === 0) throw new ConvkitError(op, 'series', `series must be a non-empty array, got ${describeValue(series)}`);
  series.forEach((s, i) => {
    if (!s || typeof s.name !== 'string' || !Array.isArray(s.values) || s.values.length !== length) {
      throw new ConvkitError(op, `series[${i}]`, `series[${i}] must be { name, values } with ${length} values, got ${describeValue(s)}`);
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
  y: (v: number) => number;
  parts: string[];
}

/** Axes, grid, title, labels and legend; returns the y mapping for the plot area. */
function frame(spec: ChartOptions, allValues: number[], seriesNames: string[], bottomSpace: number): Frame {
  const width = spec.width ?? 720;
  const height = spec.height ?? 360;
  const left = 72;
  const right = 16;
  const top = spec.title ? 40 : 16;
  const legendRows = seriesNames.length > 1 ? 1 : 0;
  const bottom = bottomSpace + (spec.xLabel ? 22 : 0) + legendRows * 22;
  const plotH = height - top - bottom;
  const logY = spec.logY ?? false;
  let lo = Math.min(0, ...allValues);
  let hi = Math.max(...allValues);
  if (logY) {
    lo = 10 ** Math.floor(Math.log10(Math.min(...allValues)));
    hi = 10 ** Math.ceil(Math.log10(hi));
  }
  if (hi === lo) hi = lo + 1;
  const ticks = logY ? logTicks(lo, hi) : niceTicks(lo, hi);
  if (!logY) {
    lo = Math.min(lo, ticks[0]);
    hi = Math.max(hi, ticks[ticks.length - 1]);
  }
  const y = logY
    ? (v: number) => top + plotH * (1 - (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)))
    : (v: number) => top + plotH * (1 - (v - lo) / (hi - lo));
  const parts: string[] = [];
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  if (spec.title) parts.push(`<text x="${width / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">${escapeXml(spec.title)}</text>`);
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
  if (spec.xLabel) {
    parts.push(`<text x="${left + (width - left - right) / 2}" y="${height - 8 - legendRows * 22}" text-anchor="middle" font-size="12">${escapeXml(spec.xLabel)}</text>`);
  }
  if (legendRows) {
    let lx = left;
    seriesNames.forEach((name, i) => {
      parts.push(`<rect x="${lx}" y="${height - 18}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>`);
      parts.push(`<text x="${lx + 16}" y="${height - 8}" font-size="12">${escapeXml(name)}</text>`);
      lx += 28 + 7 * name.length;
    });
  }
  return { width, height, left, right, top, bottom, y, parts };
}

function svgDocument(f: Frame, title: string | undefined): string {
  const label = title ? ` aria-label="${escapeXml(title)}"` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" font-family="DejaVu Sans, Arial, sans-serif" role="img"${label}>${f.parts.join('')}</svg>`;
}

/**
 * Grouped bar chart, e.g. parameters per layer for two model variants.
 *
 * @example
 * barChart({ title: 'Parameters', categories: ['standard', 'separable'], series: [{ name: 'params', values: [81, 36] }] })
 */
export function barChart(spec: BarChartSpec): Chart {
  const op = 'barChart';
  if (!Array.isArray(spec.categories) || spec.categories.length === 0) {
    throw new ConvkitError(op, 'categories', `categories must be a non-empty array of strings, got ${describeValue(spec.categories)}`);
  }
  checkSeries(op, spec.series, spec.categories.length, spec.logY ?? false);
  const longest = Math.max(...spec.categories.map((c) => String(c).length));
  const rotate = spec.categories.length > 8 || longest > 10;
  const f = frame(spec, spec.series.flatMap((s) => [...s.values]), spec.series.map((s) => s.name), rotate ? Math.min(120, 10 + 6 * longest) : 24);
  const plotW = f.width - f.left - f.right;
  const groupW = plotW / spec.categories.length;
  const barW = (groupW * 0.8) / spec.series.length;
  const base = f.y(spec.logY ? Math.min(...spec.series.flatMap((s) => [...s.values])) : 0);
  const baseline = spec.logY ? f.height - f.bottom : base;
  spec.categories.forEach((category, i) => {
    const gx = f.left + i * groupW + groupW * 0.1;
    spec.series.forEach((s, k) => {
      const v = s.values[i];
      const yv = f.y(v);
      const top = Math.min(yv, baseline);
      const h = Math.abs(baseline - yv);
      f.parts.push(
        `<rect x="${(gx + k * barW).toFixed(1)}" y="${top.toFixed(1)}" width="${Math.max(1, barW - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${PALETTE[k % PALETTE.length]}"><title>${escapeXml(`${category} · ${s.name}: ${v.toLocaleString('en-US')}`)}</title></rect>`,
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
    ...spec.series.map((s) => `${s.name}: ${spec.categories.map((c, i) => `${c}=${s.values[i].toLocaleString('en-US')}`).join(', ')}`),
  ].join('\n');
  return new Chart('bar', svgDocument(f, spec.title), summary);
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
  for (const t of niceTicks(xMin, xMax)) {
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
  return new Chart('line', svgDocument(f, spec.title), summary);
}
