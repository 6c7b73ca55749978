import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { HEATMAP_MIME, validateHeatmapBundle } from '@convkit/schema';
import { errorBox } from '../dom';
import { HeatmapView } from './view';

/** Marks outputs whose `image/png` was written from the interactive plot. */
const PNG_MARK = 'convkit-png-from-plot';

/** Renders `application/vnd.convkit.heatmap+json` with plotly. */
export class HeatmapWidget extends Widget implements IRenderMime.IRenderer {
  private view: HeatmapView | null = null;
  private readonly mimeType: string;

  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType ?? HEATMAP_MIME;
    this.addClass('convkit-heatmap');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.view?.dispose();
    this.node.textContent = '';
    let parsed;
    try {
      parsed = validateHeatmapBundle(model.data[this.mimeType]);
    } catch (error) {
      this.node.appendChild(errorBox('heatmap', error));
      return;
    }
    this.view = new HeatmapView(parsed.bundle, parsed.panels);
    this.node.appendChild(this.view.element);
    try {
      await this.view.draw();
    } catch (error) {
      this.node.appendChild(errorBox('heatmap', error));
      return;
    }
    // Like JupyterLab's plotly renderer: keep a picture of the plot in the saved notebook.
    if (!(model.metadata as Record<string, unknown>)[PNG_MARK]) {
      try {
        const png = await this.view.toPng();
        model.setData({ data: { ...model.data, 'image/png': png }, metadata: { ...model.metadata, [PNG_MARK]: true } });
      } catch {
        // A missing picture is not worth an error box: the kernel's PNG stays.
      }
    }
  }

  protected override onResize(msg: Widget.ResizeMessage): void {
    super.onResize(msg);
    this.view?.resize();
  }

  protected override onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.view?.resize();
  }

  override dispose(): void {
    this.view?.dispose();
    super.dispose();
  }
}
