import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { HEATMAP_MIME, TENSOR_MIME } from '@convkit/schema';
import { HeatmapWidget } from './heatmap/widget';
import { TensorWidget } from './tensor/widget';

/** Renderer factory for heatmap bundles. Safe: nothing from the bundle runs or becomes HTML. */
export const heatmapRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [HEATMAP_MIME],
  defaultRank: 0,
  createRenderer: (options) => new HeatmapWidget(options),
};

/** Renderer factory for tensor bundles. */
export const tensorRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [TENSOR_MIME],
  defaultRank: 0,
  createRenderer: (options) => new TensorWidget(options),
};
