import { ConvkitError, checkOptionNames, formatShape } from '../errors';
import { Tensor } from '../tensor/tensor';
import { Padding, PaddingMode, Pair, asBatched, checkTensor, resolvePadding, resolvePair } from './conv_options';
import { depthwiseConv2d } from './depthwise_conv2d';

/** Options of `separableFilter2d`, with `conv2d`'s meanings. */
export interface SeparableFilter2dOptions {
  stride?: Pair;
  padding?: Padding;
  dilation?: Pair;
  paddingMode?: PaddingMode;
}

/**
 * Applies the spatially separable filter `column · rowᵀ` to every channel as two 1-D passes
 * (a `kH×1` vertical pass, then a `1×kW` horizontal pass): `kH + kW` multiply-adds per
 * output pixel instead of `kH·kW`. Equals `depthwiseConv2d` with the outer-product kernel
 * repeated over channels.
 *
 * @param x `[N, C, H, W]` or `[C, H, W]`
 * @param column `[kH]`
 * @param row `[kW]`
 */
export function separableFilter2d(x: Tensor, column: Tensor, row: Tensor, options: SeparableFilter2dOptions = {}): Tensor {
  const op = 'separableFilter2d';
  checkTensor(op, 'x', x);
  checkTensor(op, 'column', column);
  checkTensor(op, 'row', row);
  checkOptionNames(op, options, ['stride', 'padding', 'dilation', 'paddingMode']);
  if (column.rank !== 1 || column.size === 0) throw new ConvkitError(op, 'column', `column must be a non-empty vector [kH], got ${formatShape(column.shape)}`);
  if (row.rank !== 1 || row.size === 0) throw new ConvkitError(op, 'row', `row must be a non-empty vector [kW], got ${formatShape(row.shape)}`);
  const C = asBatched(op, 'x', x).shape[1];
  const kH = column.size;
  const kW = row.size;
  const stride = resolvePair(op, 'stride', options.stride, 1, 1);
  const dilation = resolvePair(op, 'dilation', options.dilation, 1, 1);
  const pads = resolvePadding(op, options.padding, stride, [dilation[0] * (kH - 1) + 1, dilation[1] * (kW - 1) + 1]);
  const repeat = (v: Tensor, shape: number[]): Tensor => {
    const data = new Float32Array(C * v.size);
    for (let c = 0; c < C; c++) data.set(v.data, c * v.size);
    return new Tensor(data, shape);
  };
  const vertical = depthwiseConv2d(x, repeat(column, [C, 1, kH, 1]), {
    stride: [stride[0], 1],
    dilation: [dilation[0], 1],
    padding: [pads.top, pads.bottom, 0, 0],
    paddingMode: options.paddingMode,
  });
  return depthwiseConv2d(vertical, repeat(row, [C, 1, 1, kW]), {
    stride: [1, stride[1]],
    dilation: [1, dilation[1]],
    padding: [0, 0, pads.left, pads.right],
    paddingMode: options.paddingMode,
  });
}
