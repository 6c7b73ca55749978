/** @convkit/renderers — JupyterLab widgets for convkit's tensor and heatmap MIME bundles. */
export { heatmapRendererFactory, tensorRendererFactory } from './factory';
export { HeatmapWidget } from './heatmap/widget';
export { HeatmapView, PAGE_SIZE } from './heatmap/view';
export { heatmapFigure, plotlyColorscale } from './heatmap/figure';
export type { FigureOptions, ThemeColors } from './heatmap/figure';
export { TensorWidget } from './tensor/widget';
export { escapeText } from './escape';
