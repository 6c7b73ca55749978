/**
 * @convkit/core — a convolution runtime for understanding depthwise and separable
 * convolutions: tensors, conv2d with PyTorch semantics, depthwise / pointwise / separable
 * ops, spatially separable kernels, layers, counting and summaries. Node and browser.
 */
export { ConvkitError } from './errors';

export { Tensor } from './tensor/tensor';
export type { NestedArray } from './tensor/tensor';
export type { Shape } from './tensor/shape';
export { tensor, zeros, ones, full, randn, rand, arange } from './tensor/create';
export type { RandomOptions, UniformOptions } from './tensor/create';
export { manualSeed, initialSeed } from './tensor/random';
export { allClose, maxAbsDiff } from './tensor/compare';
export { fromPixels, toGrayscale } from './tensor/image';
export type { Pixels } from './tensor/image';
export type { CloseOptions } from './tensor/compare';
export { formatTensor } from './tensor/format';
export type { FormatOptions } from './tensor/format';

export { conv2d } from './ops/conv2d';
export type { Conv2dOptions, Padding, PaddingMode, Pair, Pads } from './ops/conv_options';
export { planConv2d } from './ops/conv2d_plan';
export type { Conv2DPlan, Conv2dShapeOptions } from './ops/conv2d_plan';
export { depthwiseConv2d } from './ops/depthwise_conv2d';
export type { DepthwiseConv2dOptions } from './ops/depthwise_conv2d';
export { pointwiseConv2d } from './ops/pointwise_conv2d';
export type { PointwiseConv2dOptions } from './ops/pointwise_conv2d';
export { separableConv2d } from './ops/separable_conv2d';
export type { SeparableConv2dOptions, SeparableConv2dResult } from './ops/separable_conv2d';
export { pad2d } from './ops/pad';
export { composeSeparable, depthwiseAsStandard } from './ops/equivalence';
export { factorizeKernel, outer } from './ops/factorize_kernel';
export type { KernelFactorization } from './ops/factorize_kernel';
export { separableFilter2d } from './ops/separable_filter2d';
export type { SeparableFilter2dOptions } from './ops/separable_filter2d';

export { barChart, lineChart, Chart } from './render/chart';
export type { BarChartSpec, LineChartSpec, ChartSeries, ChartOptions } from './render/chart';
export { escapeXml } from './render/escape';

export { backend, backendFeatures, backendReady, listBackends, numThreads, setBackend, registerBackend } from './backend/registry';
export { setNumThreads } from './backend/threads';
export type { Backend } from './backend/backend';
export type { Conv2DInfo } from './backend/conv_info';

export * as nn from './nn';
export { summary, ModelSummary, formatBytes } from './summary/summary';
export type { SummaryRow } from './summary/summary';
export * as models from './models';
export { conv2dParams, conv2dMacsFor, separableParams, separableCostRatio } from './count/conv_count';
export type { ConvCountSpec } from './count/conv_count';
