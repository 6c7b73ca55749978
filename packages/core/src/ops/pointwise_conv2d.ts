import { ConvkitError, checkOptionNames, formatShape } from '../errors';
import { Tensor } from '../tensor/tensor';
import { conv2dImpl } from './conv2d';
import { Pair, checkTensor } from './conv_options';

/** Options of `pointwiseConv2d`. */
export interface PointwiseConv2dOptions {
  bias?: Tensor | null;
  stride?: Pair;
  groups?: number;
}

/** Accepts `[outC, inC]` or `[outC, inC, 1, 1]` and returns the 4-D form. */
export function asPointwiseWeight(op: string, argument: string, weight: Tensor): Tensor {
  checkTensor(op, argument, weight);
  if (weight.rank === 2) return new Tensor(weight.data, [weight.shape[0], weight.shape[1], 1, 1]);
  if (weight.rank === 4 && weight.shape[2] === 1 && weight.shape[3] === 1) return weight;
  throw new ConvkitError(op, argument, `${argument} must be [outC, inC] or [outC, inC, 1, 1], got ${formatShape(weight.shape)}`);
}

/**
 * Pointwise (1×1) convolution: a per-pixel linear map across channels — every output
 * channel is a weighted sum of all input channels at the same position.
 *
 * @param x `[N, C, H, W]` or `[C, H, W]`
 * @param weight `[outC, C]` or `[outC, C, 1, 1]`
 */
export function pointwiseConv2d(x: Tensor, weight: Tensor, options: PointwiseConv2dOptions = {}): Tensor {
  const op = 'pointwiseConv2d';
  checkOptionNames(op, options, ['bias', 'stride', 'groups']);
  return conv2dImpl(op, x, asPointwiseWeight(op, 'weight', weight), options);
}
