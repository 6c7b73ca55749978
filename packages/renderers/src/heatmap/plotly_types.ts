/** The part of plotly.js the renderers use (typed here to keep @types/plotly.js out). */
export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  config?: Record<string, unknown>;
}

export interface PlotlyApi {
  newPlot(el: HTMLElement, data: PlotlyFigure['data'], layout: PlotlyFigure['layout'], config?: PlotlyFigure['config']): Promise<unknown>;
  react(el: HTMLElement, data: PlotlyFigure['data'], layout: PlotlyFigure['layout'], config?: PlotlyFigure['config']): Promise<unknown>;
  relayout(el: HTMLElement, update: Record<string, unknown>): Promise<unknown>;
  purge(el: HTMLElement): void;
  toImage(el: HTMLElement, options: { format: 'png'; width?: number; height?: number }): Promise<string>;
  Plots: { resize(el: HTMLElement): void };
}

let loading: Promise<PlotlyApi> | null = null;

/** Loads plotly on first use, as a separate chunk, so JupyterLab's start-up does not pay for it. */
export function loadPlotly(): Promise<PlotlyApi> {
  if (!loading) {
    loading = import('plotly.js-cartesian-dist-min').then((m) => ((m as { default?: unknown }).default ?? m) as PlotlyApi);
  }
  return loading;
}
