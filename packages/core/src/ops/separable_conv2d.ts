import { ConvkitError, checkOptionNames, formatShape } from '../errors';
import { Tensor } from '../tensor/tensor';
import { conv2dImpl } from './conv2d';
import { Padding, PaddingMode, Pair, checkTensor } from './conv_options';
import { depthwiseConv2dImpl } from './depthwise_conv2d';
import { asPointwiseWeight } from './pointwise_conv2d';

/** Options of `separableConv2d`. Spatial options apply to the depthwise step. */
export interface SeparableConv2dOptions {
  stride?: Pair;
  padding?: Padding;
  dilation?: Pair;
  paddingMode?: PaddingMode;
  /** Bias of the depthwise step, `[C·m]`. */
  depthwiseBias?: Tensor | null;
  /** Bias of the pointwise step, `[outC]`. */
  bias?: Tensor | null;
}

/** Both steps' outputs, for teaching: `depthwise` is the intermediate `[N, C·m, H', W']`. */
export interface SeparableConv2dResult {
  depthwise: Tensor;
  output: Tensor;
}

const NAMES = ['stride', 'padding', 'dilation', 'paddingMode', 'depthwiseBias', 'bias', 'returnIntermediate'];

/**
 * Depthwise-separable convolution: a depthwise convolution (spatial filtering per channel)
 * followed by a pointwise 1×1 convolution (mixing channels), as in MobileNet and Xception.
 * Equals `conv2d(x, composeSeparable(depthwiseWeight, pointwiseWeight))` with far fewer
 * parameters and multiply-adds.
 *
 * @param depthwiseWeight `[C·m, 1, kH, kW]`
 * @param pointwiseWeight `[outC, C·m]` or `[outC, C·m, 1, 1]`
 */
export function separableConv2d(x: Tensor, depthwiseWeight: Tensor, pointwiseWeight: Tensor, options?: SeparableConv2dOptions & { returnIntermediate?: false }): Tensor;
export function separableConv2d(x: Tensor, depthwiseWeight: Tensor, pointwiseWeight: Tensor, options: SeparableConv2dOptions & { returnIntermediate: true }): SeparableConv2dResult;
export function separableConv2d(
  x: Tensor,
  depthwiseWeight: Tensor,
  pointwiseWeight: Tensor,
  options: SeparableConv2dOptions & { returnIntermediate?: boolean } = {},
): Tensor | SeparableConv2dResult {
  const op = 'separableConv2d';
  checkOptionNames(op, options, NAMES);
  checkTensor(op, 'depthwiseWeight', depthwiseWeight);
  const pw = asPointwiseWeight(op, 'pointwiseWeight', pointwiseWeight);
  const { stride, padding, dilation, paddingMode, depthwiseBias, bias } = options;
  const depthwise = depthwiseConv2dImpl(op, 'depthwiseWeight', x, depthwiseWeight, { stride, padding, dilation, paddingMode, bias: depthwiseBias });
  const mid = depthwise.shape[depthwise.rank - 3];
  if (pw.shape[1] !== mid) {
    throw new ConvkitError(
      op,
      'pointwiseWeight',
      `pointwiseWeight must take the ${mid} depthwise output channels ([outC, ${mid}] or [outC, ${mid}, 1, 1]), got ${formatShape(pointwiseWeight.shape)}`,
    );
  }
  const output = conv2dImpl(op, depthwise, pw, { bias });
  return options.returnIntermediate ? { depthwise, output } : output;
}
