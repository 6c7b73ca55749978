/**
 * @convkit/jupyterlab — the JupyterLab 4 MIME renderer extension: convkit heatmaps (plotly) and
 * tensors render interactively in notebooks. Built as a prebuilt (federated) extension.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { heatmapRendererFactory, tensorRendererFactory } from '@convkit/renderers';
import '@convkit/renderers/style/index.css';

const extensions: IRenderMime.IExtension[] = [
  { id: '@convkit/jupyterlab:heatmap', description: 'Interactive heatmaps of convkit tensors.', rendererFactory: heatmapRendererFactory, rank: 0, dataType: 'json' },
  { id: '@convkit/jupyterlab:tensor', description: 'Tensor view: shape, statistics, values, thumbnails.', rendererFactory: tensorRendererFactory, rank: 0, dataType: 'json' },
];

export default extensions;
