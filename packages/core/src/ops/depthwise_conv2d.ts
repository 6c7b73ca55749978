import { ConvkitError, formatShape } from '../errors';
import { Tensor } from '../tensor/tensor';
import { conv2dImpl } from './conv2d';
import { Conv2dOptions, asBatched, checkTensor } from './conv_options';

/** Options of `depthwiseConv2d`: those of `conv2d` but `groups`, which is the channel count. */
export type DepthwiseConv2dOptions = Omit<Conv2dOptions, 'groups'>;

/**
 * Depthwise convolution: each input channel is convolved with its own filter(s) and the
 * results are stacked, never summed across channels. With a channel multiplier `m`
 * (Keras' `depth_multiplier`), input channel `c` gives output channels `c·m … c·m + m - 1`.
 * Same as `conv2d(x, weight, { groups: C })`.
 *
 * @param x `[N, C, H, W]` or `[C, H, W]`
 * @param weight `[C·m, 1, kH, kW]`
 */
export function depthwiseConv2d(x: Tensor, weight: Tensor, options: DepthwiseConv2dOptions = {}): Tensor {
  return depthwiseConv2dImpl('depthwiseConv2d', 'weight', x, weight, options);
}

/** @internal depthwiseConv2d under another op's name and weight argument, for its error messages. */
export function depthwiseConv2dImpl(op: string, weightName: string, x: Tensor, weight: Tensor, options: DepthwiseConv2dOptions): Tensor {
  checkTensor(op, 'x', x);
  checkTensor(op, weightName, weight);
  if ((options as Conv2dOptions).groups !== undefined) {
    throw new ConvkitError(op, 'options.groups', 'groups is fixed to the input channel count in depthwiseConv2d; use conv2d for other groupings');
  }
  const channels = asBatched(op, 'x', x).shape[1];
  if (weight.rank !== 4 || weight.shape[1] !== 1 || weight.shape[0] % channels !== 0 || weight.shape[0] === 0) {
    throw new ConvkitError(
      op,
      weightName,
      `${weightName} must be [C·multiplier, 1, kH, kW] with C = ${channels} input channels, got ${formatShape(weight.shape)}`,
    );
  }
  return conv2dImpl(op, x, weight, { ...options, groups: channels });
}
