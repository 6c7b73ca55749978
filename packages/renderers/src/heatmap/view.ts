import { COLOR_SCALES, ColorScaleName, HeatmapBundle } from '@convkit/schema';
import { el, themeColors, watchTheme } from '../dom';
import { heatmapFigure } from './figure';
import { PlotlyApi, loadPlotly } from './plotly_types';

/** Panels drawn at once; more channels get a slider. */
export const PAGE_SIZE = 16;

/**
 * An interactive heatmap in a host element: a colour-scale picker, a channel slider when there
 * are more than `PAGE_SIZE` panels, and the plotly plot (loaded on first use).
 */
export class HeatmapView {
  readonly element = el('div', 'convkit-heatmap-view');
  readonly plot = el('div', 'convkit-heatmap-plot');
  private plotly: PlotlyApi | null = null;
  private colorscale: ColorScaleName;
  private start = 0;
  private readonly stopWatching: () => void;
  /** Milliseconds from `render()` to the plot on screen, for the last draw. */
  lastRenderMs = 0;

  constructor(private readonly bundle: HeatmapBundle, private readonly panels: Float32Array[]) {
    this.colorscale = bundle.colorscale;
    const toolbar = el('div', 'convkit-toolbar');
    const label = el('label', undefined, 'colour scale ');
    const picker = el('select', 'convkit-colorscale');
    for (const name of COLOR_SCALES) {
      const option = el('option', undefined, name);
      option.value = name;
      option.selected = name === this.colorscale;
      picker.appendChild(option);
    }
    picker.addEventListener('change', () => {
      this.colorscale = picker.value as ColorScaleName;
      void this.draw();
    });
    label.appendChild(picker);
    toolbar.appendChild(label);
    if (panels.length > PAGE_SIZE) {
      const slider = el('input', 'convkit-channel-slider');
      slider.type = 'range';
      slider.min = '0';
      slider.max = String(panels.length - PAGE_SIZE);
      slider.value = '0';
      const text = el('span', 'convkit-channel-label');
      const describe = () => (text.textContent = ` panels ${this.start}–${Math.min(panels.length, this.start + PAGE_SIZE) - 1} of ${panels.length}`);
      describe();
      slider.addEventListener('input', () => {
        this.start = Number(slider.value);
        describe();
        void this.draw();
      });
      const sliderLabel = el('label', undefined, 'first panel ');
      sliderLabel.appendChild(slider);
      toolbar.append(sliderLabel, text);
    }
    this.element.append(toolbar, this.plot);
    this.stopWatching = watchTheme(() => void this.draw());
  }

  private drawing: Promise<void> | null = null;
  private redrawWanted = false;

  /**
   * Draws (or redraws) the plot. Calls while a draw runs are coalesced into one more draw, so a
   * theme switch (which changes several body attributes) redraws a large heatmap once, not N times.
   */
  async draw(): Promise<void> {
    if (this.drawing) {
      this.redrawWanted = true;
      return this.drawing;
    }
    this.drawing = (async () => {
      do {
        this.redrawWanted = false;
        await this.drawOnce();
      } while (this.redrawWanted);
    })();
    try {
      await this.drawing;
    } finally {
      this.drawing = null;
    }
  }

  private async drawOnce(): Promise<void> {
    const t0 = performance.now();
    this.plotly = this.plotly ?? (await loadPlotly());
    const figure = heatmapFigure(this.bundle, this.panels, { colorscale: this.colorscale, start: this.start, count: PAGE_SIZE, theme: themeColors() });
    await this.plotly.react(this.plot, figure.data, figure.layout, figure.config);
    this.lastRenderMs = performance.now() - t0;
    this.plot.dataset.renderMs = this.lastRenderMs.toFixed(0);
  }

  /** A PNG (base64, no data: prefix) of the plot as drawn. */
  async toPng(): Promise<string> {
    if (!this.plotly) await this.draw();
    const url = await (this.plotly as PlotlyApi).toImage(this.plot, { format: 'png' });
    return url.slice(url.indexOf(',') + 1);
  }

  resize(): void {
    if (this.plotly && this.plot.isConnected) this.plotly.Plots.resize(this.plot);
  }

  dispose(): void {
    this.stopWatching();
    this.plotly?.purge(this.plot);
  }
}
