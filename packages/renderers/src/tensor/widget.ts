import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
// The formatter alone: importing the package root would bundle the convolution runtime
// (and compile its WebAssembly) into JupyterLab for one function.
import { formatTensor } from '@convkit/core/format';
import { TENSOR_MIME, TensorBundle, buildHeatmapBundle, colorAt, colorRange, validateTensorBundle } from '@convkit/schema';
import { el, errorBox } from '../dom';
import { HeatmapView } from '../heatmap/view';

const THUMBNAILS = 16;

function fmt(v: number | null): string {
  return v === null ? '–' : Number(v.toPrecision(5)).toString();
}

/** Draws one H×W plane into a small canvas (nearest-neighbour, at least 48 px). */
function thumbnail(values: Float32Array, h: number, w: number, lo: number, hi: number, diverging: boolean, title: string): HTMLCanvasElement {
  const canvas = el('canvas', 'convkit-thumb');
  canvas.width = w;
  canvas.height = h;
  canvas.title = title;
  const scale = Math.max(1, Math.ceil(48 / Math.max(h, w)));
  canvas.style.width = `${w * scale}px`;
  canvas.style.height = `${h * scale}px`;
  const ctx = canvas.getContext && canvas.getContext('2d');
  if (!ctx) return canvas;
  const image = ctx.createImageData(w, h);
  for (let i = 0; i < h * w; i++) {
    const v = values[i];
    const [r, g, b] = Number.isFinite(v) ? colorAt(diverging ? 'RdBu' : 'Viridis', (v - lo) / (hi - lo)) : [160, 160, 160];
    image.data.set([r, g, b, 255], i * 4);
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** Renders `application/vnd.convkit.tensor+json`: facts, values, thumbnails, heatmap toggle. */
export class TensorWidget extends Widget implements IRenderMime.IRenderer {
  private heatmap: HeatmapView | null = null;
  private readonly mimeType: string;

  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType ?? TENSOR_MIME;
    this.addClass('convkit-tensor');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.heatmap?.dispose();
    this.heatmap = null;
    this.node.textContent = '';
    let bundle: TensorBundle;
    let values: Float32Array | null;
    try {
      ({ bundle, values } = validateTensorBundle(model.data[this.mimeType]));
    } catch (error) {
      this.node.appendChild(errorBox('tensor', error));
      return;
    }
    const header = el('div', 'convkit-tensor-header');
    if (bundle.name) header.appendChild(el('span', 'convkit-tensor-name', `${bundle.name} `));
    header.appendChild(el('span', 'convkit-tensor-shape', `Tensor [${bundle.shape.join(', ')}] ${bundle.dtype}`));
    const stats = el('dl', 'convkit-tensor-stats');
    const s = bundle.stats;
    for (const [k, v] of [['min', fmt(s.min)], ['max', fmt(s.max)], ['mean', fmt(s.mean)], ['std', fmt(s.std)], ['NaN', String(s.nanCount)], ['±Inf', String(s.infCount)]]) {
      stats.append(el('dt', undefined, k), el('dd', undefined, v));
    }
    const body = el('div', 'convkit-tensor-body');
    const valuesView = el('pre', 'convkit-tensor-values', values ? formatTensor(values, bundle.shape) : `(values not sent: ${bundle.shape.reduce((a, b) => a * b, 1)} elements)`);
    body.appendChild(valuesView);
    this.node.append(header, stats);
    if (values && bundle.shape.length >= 3 && values.length > 0) {
      const [h, w] = bundle.shape.slice(-2);
      const planes = values.length / (h * w);
      const diverging = (s.min ?? 0) < 0 && (s.max ?? 0) > 0;
      const [lo, hi] = colorRange(values, diverging);
      const strip = el('div', 'convkit-tensor-thumbs');
      for (let i = 0; i < Math.min(planes, THUMBNAILS); i++) {
        strip.appendChild(thumbnail(values.subarray(i * h * w, (i + 1) * h * w), h, w, lo, hi, diverging, `plane ${i}`));
      }
      if (planes > THUMBNAILS) strip.appendChild(el('span', undefined, `… ${planes - THUMBNAILS} more`));
      this.node.appendChild(strip);
    }
    if (values && bundle.shape.length >= 1 && bundle.shape.length <= 4 && values.length > 0) {
      const toggle = el('button', 'convkit-toggle', 'Heatmap view');
      toggle.type = 'button';
      const heat = el('div', 'convkit-tensor-heatmap');
      toggle.addEventListener('click', () => {
        const showHeat = heat.childElementCount === 0 || heat.hidden;
        if (showHeat && !this.heatmap) {
          const hb = buildHeatmapBundle(bundle.shape, values as Float32Array, { title: bundle.name });
          this.heatmap = new HeatmapView(hb, hb.panels.map((_, i) => (values as Float32Array).subarray(i * hb.panels[0].height * hb.panels[0].width, (i + 1) * hb.panels[0].height * hb.panels[0].width)));
          heat.appendChild(this.heatmap.element);
          void this.heatmap.draw().catch((error) => heat.appendChild(errorBox('heatmap', error)));
        }
        heat.hidden = !showHeat;
        valuesView.hidden = showHeat;
        toggle.textContent = showHeat ? 'Values view' : 'Heatmap view';
      });
      this.node.appendChild(toggle);
      body.appendChild(heat);
    }
    this.node.appendChild(body);
  }

  override dispose(): void {
    this.heatmap?.dispose();
    super.dispose();
  }
}
