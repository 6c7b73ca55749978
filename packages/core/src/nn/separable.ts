import { checkInteger, checkOptionNames } from '../errors';
import { Padding, PaddingMode, Pair } from '../ops/conv_options';
import { DepthwiseConv2d, PointwiseConv2d } from './conv';
import { checkBiasFlag } from './weighted';
import { Module, ModuleOptions } from './module';

/** Options of `nn.SeparableConv2d`. */
export interface SeparableConv2dLayerOptions extends ModuleOptions {
  stride?: Pair;
  padding?: Padding;
  dilation?: Pair;
  paddingMode?: PaddingMode;
  /** Depthwise filters per input channel. Default 1. */
  multiplier?: number;
  /** Bias of the pointwise step. Default true. */
  bias?: boolean;
  /** Bias of the depthwise step. Default false (as Keras' SeparableConv2D). */
  depthwiseBias?: boolean;
}

/**
 * Depthwise-separable convolution layer: a depthwise `k×k` convolution (stride, padding and
 * dilation apply here) then a pointwise 1×1 convolution. Children: `depthwise`, `pointwise`.
 */
export class SeparableConv2d extends Module {
  readonly type = 'SeparableConv2d';
  readonly depthwise: DepthwiseConv2d;
  readonly pointwise: PointwiseConv2d;

  constructor(inChannels: number, outChannels: number, kernelSize: Pair, options: SeparableConv2dLayerOptions = {}) {
    super(options);
    const op = 'nn.SeparableConv2d';
    checkOptionNames(op, options, ['seed', 'stride', 'padding', 'dilation', 'paddingMode', 'multiplier', 'bias', 'depthwiseBias']);
    checkInteger(op, 'inChannels', inChannels, 1);
    checkInteger(op, 'outChannels', outChannels, 1);
    const multiplier = checkInteger(op, 'multiplier', options.multiplier ?? 1, 1);
    checkBiasFlag(op, 'bias', options.bias);
    checkBiasFlag(op, 'depthwiseBias', options.depthwiseBias);
    this.depthwise = this.addChild(
      'depthwise',
      new DepthwiseConv2d(inChannels, kernelSize, {
        multiplier,
        stride: options.stride,
        padding: options.padding,
        dilation: options.dilation,
        paddingMode: options.paddingMode,
        bias: options.depthwiseBias ?? false,
      }),
    );
    this.pointwise = this.addChild('pointwise', new PointwiseConv2d(inChannels * multiplier, outChannels, { bias: options.bias ?? true }));
  }

  override describe(): string {
    return `${this.depthwise.inChannels}, ${this.pointwise.outChannels}, kernel_size=${this.depthwise.kernelSize.join('×')}`;
  }
}
