import { activeBackend } from '../backend/registry';
import { ConvkitError, checkOptionNames, formatShape } from '../errors';
import { Tensor } from '../tensor/tensor';
import { planConv2d } from './conv2d_plan';
import { Conv2dOptions, asBatched, checkTensor } from './conv_options';
import { pad2d } from './pad';

export const CONV2D_OPTION_NAMES = ['bias', 'stride', 'padding', 'dilation', 'groups', 'paddingMode'] as const;

/**
 * 2-D convolution (cross-correlation) with the semantics and argument names of
 * `torch.nn.functional.conv2d`, plus `paddingMode` from `torch.nn.Conv2d`.
 *
 * @param x input `[N, C, H, W]` or `[C, H, W]` (the output has the same rank)
 * @param weight `[outC, C / groups, kH, kW]`
 * @returns `[N, outC, outH, outW]` with `outH = floor((H + padTop + padBottom - dilation·(kH-1) - 1) / stride) + 1`
 *
 * @example
 * const y = conv2d(randn([1, 3, 8, 8]), randn([16, 3, 3, 3]), { padding: 'same' }); // [1, 16, 8, 8]
 */
export function conv2d(x: Tensor, weight: Tensor, options: Conv2dOptions = {}): Tensor {
  return conv2dImpl('conv2d', x, weight, options);
}

/** @internal conv2d under another op's name, for its error messages. */
export function conv2dImpl(op: string, x: Tensor, weight: Tensor, options: Conv2dOptions = {}): Tensor {
  checkTensor(op, 'x', x);
  checkTensor(op, 'weight', weight);
  checkOptionNames(op, options, CONV2D_OPTION_NAMES);
  const { shape, unbatched } = asBatched(op, 'x', x);
  const plan = planConv2d(op, shape, weight.shape, options);
  const { info } = plan;
  let bias: Float32Array | null = null;
  if (options.bias !== undefined && options.bias !== null) {
    checkTensor(op, 'bias', options.bias);
    if (options.bias.rank !== 1 || options.bias.shape[0] !== info.outChannels) {
      throw new ConvkitError(op, 'bias', `bias must have shape [${info.outChannels}] (one per output channel), got ${formatShape(options.bias.shape)}`);
    }
    bias = options.bias.data;
  }
  let input = x.data;
  const { pads } = plan;
  if (plan.paddingMode !== 'zeros' && pads.top + pads.bottom + pads.left + pads.right > 0) {
    // Non-zero padding modes pad explicitly, then the backend convolves without padding.
    input = pad2d(new Tensor(x.data, shape), pads, plan.paddingMode).data;
    info.inHeight += pads.top + pads.bottom;
    info.inWidth += pads.left + pads.right;
    info.padTop = 0;
    info.padLeft = 0;
  }
  const out = activeBackend().conv2d(input, weight.data, bias, info);
  const outShape = [info.batch, info.outChannels, info.outHeight, info.outWidth];
  return new Tensor(out, unbatched ? outShape.slice(1) : outShape);
}
