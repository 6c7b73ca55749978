import { COLOR_STOPS, ColorScaleName, HeatmapBundle, colorRange } from '@convkit/schema';
import { escapeText } from '../escape';
import { PlotlyFigure } from './plotly_types';

/** Colours of the surrounding theme (JupyterLab's CSS variables). */
export interface ThemeColors {
  background: string;
  foreground: string;
  grid: string;
}

/** Options of `heatmapFigure`. */
export interface FigureOptions {
  /** Overrides the bundle's scale (the picker). */
  colorscale?: ColorScaleName;
  /** First panel shown and how many (the channel slider). */
  start?: number;
  count?: number;
  theme?: ThemeColors;
}

/** A plotly colour scale in plotly's own format. */
export function plotlyColorscale(name: ColorScaleName): [number, string][] {
  return COLOR_STOPS[name].map(([p, [r, g, b]]) => [p, `rgb(${r},${g},${b})`]);
}

/**
 * The plotly figure of a heatmap bundle: one heatmap trace per panel on a grid of subplots,
 * row 0 at the top (reversed y), equal aspect, hover with channel/row/col/value, one colour
 * range for all panels (`sharedScale`) or one per panel, symmetric about 0 when diverging.
 * Every string from the bundle is escaped: plotly reads titles as a subset of HTML.
 */
export function heatmapFigure(bundle: HeatmapBundle, panels: Float32Array[], options: FigureOptions = {}): PlotlyFigure {
  const start = Math.max(0, Math.min(options.start ?? 0, panels.length - 1));
  const count = Math.max(1, Math.min(options.count ?? panels.length, panels.length - start));
  const shown = panels.slice(start, start + count);
  const meta = bundle.panels.slice(start, start + count);
  const columns = Math.min(bundle.columns, shown.length);
  const rows = Math.ceil(shown.length / columns);
  const scale = plotlyColorscale(options.colorscale ?? bundle.colorscale);
  let shared: [number, number] | null = null;
  if (bundle.sharedScale) {
    // The range of all panels, not only those on screen, so paging does not change colours.
    const all = new Float32Array(panels.reduce((a, p) => a + p.length, 0));
    let at = 0;
    for (const p of panels) {
      all.set(p, at);
      at += p.length;
    }
    shared = colorRange(all, bundle.diverging, bundle.zmin, bundle.zmax);
  }
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {};
  const annotations: Record<string, unknown>[] = [];
  const gap = 0.06;
  const cellW = (1 - gap * (columns - 1)) / columns;
  const cellH = (1 - gap * (rows - 1)) / rows;
  shown.forEach((values, i) => {
    const p = meta[i];
    const index = start + i;
    const suffix = i === 0 ? '' : String(i + 1);
    const col = i % columns;
    const row = Math.floor(i / columns);
    const z: number[][] = [];
    for (let r = 0; r < p.height; r++) z.push(Array.from(values.subarray(r * p.width, (r + 1) * p.width), (v) => (Number.isFinite(v) ? v : NaN)));
    const [zmin, zmax] = shared ?? colorRange(values, bundle.diverging, bundle.zmin, bundle.zmax);
    const channel = p.channel ?? index;
    data.push({
      type: 'heatmap',
      z,
      zmin,
      zmax,
      zauto: false,
      colorscale: scale,
      showscale: shared ? i === 0 : true,
      colorbar: shared ? { thickness: 12, len: 0.9 } : { thickness: 8, len: cellH * 0.9, y: 1 - row * (cellH + gap) - cellH / 2, x: (col + 1) * cellW + col * gap + 0.005 },
      xaxis: `x${suffix}`,
      yaxis: `y${suffix}`,
      hovertemplate: `${bundle.panels.length > 1 || p.channel !== undefined ? `channel ${channel}<br>` : ''}row %{y}, col %{x}<br>value %{z:.5g}<extra></extra>`,
      name: escapeText(p.title ?? `panel ${index}`),
    });
    const x0 = col * (cellW + gap);
    const y1 = 1 - row * (cellH + gap);
    layout[`xaxis${suffix}`] = { domain: [x0, x0 + cellW], anchor: `y${suffix}`, tick0: 0, dtick: Math.max(1, Math.ceil(p.width / 6)), showgrid: false, zeroline: false, constrain: 'domain', ...(i === 0 && bundle.xLabel ? { title: { text: escapeText(bundle.xLabel) } } : {}) };
    layout[`yaxis${suffix}`] = { domain: [y1 - cellH, y1], anchor: `x${suffix}`, autorange: 'reversed', tick0: 0, dtick: Math.max(1, Math.ceil(p.height / 6)), scaleanchor: `x${suffix}`, showgrid: false, zeroline: false, constrain: 'domain', ...(i === 0 && bundle.yLabel ? { title: { text: escapeText(bundle.yLabel) } } : {}) };
    if (p.title) {
      annotations.push({ text: escapeText(p.title), showarrow: false, xref: `x${suffix} domain`, yref: `y${suffix} domain`, x: 0.5, y: 1, yanchor: 'bottom', font: { size: 11 } });
    }
  });
  const theme = options.theme;
  Object.assign(layout, {
    annotations,
    margin: { l: 40, r: 20, t: bundle.title ? 50 : 25, b: 30 },
    // The bundle's panelSize (the longer side of a panel) sets the row height; else a default by grid width.
    height: bundle.panelSize ? rows * bundle.panelSize + 60 + (bundle.title ? 25 : 0) : Math.min(1200, Math.max(260, rows * (columns > 4 ? 150 : 240) + 60)),
    hovermode: 'closest',
    ...(bundle.title ? { title: { text: escapeText(bundle.title), font: { size: 14 } } } : {}),
    ...(theme ? { paper_bgcolor: theme.background, plot_bgcolor: theme.background, font: { color: theme.foreground } } : {}),
  });
  return { data, layout, config: { responsive: true, displaylogo: false, modeBarButtonsToRemove: ['select2d', 'lasso2d'] } };
}
