import { ConvkitError, checkInteger, checkOptionNames, describeValue } from '../errors';
import { conv2dMacs } from '../backend/conv_info';
import { conv2d } from '../ops/conv2d';
import { Padding, PaddingMode, Pair, checkTensor } from '../ops/conv_options';
import { planConv2d, resolveConvOptions } from '../ops/conv2d_plan';
import { Shape } from '../tensor/shape';
import { Tensor } from '../tensor/tensor';
import { ModuleOptions, checkImageShape, unbatch } from './module';
import { WeightedModule, checkBiasFlag } from './weighted';

/** Options of `nn.Conv2d`, named as in `torch.nn.Conv2d`. */
export interface Conv2dLayerOptions extends ModuleOptions {
  stride?: Pair;
  padding?: Padding;
  dilation?: Pair;
  groups?: number;
  /** Learn a bias per output channel. Default true. */
  bias?: boolean;
  paddingMode?: PaddingMode;
}

/** `k` or `[kH, kW]`, each an integer ≥ 1. */
export function kernelPair(op: string, value: Pair): [number, number] {
  if (typeof value === 'number') return [checkInteger(op, 'kernelSize', value, 1), value];
  if (!Array.isArray(value) || value.length !== 2) {
    throw new ConvkitError(op, 'kernelSize', `kernelSize must be an integer or [kH, kW], got ${describeValue(value)}`);
  }
  return [checkInteger(op, 'kernelSize[0]', value[0], 1), checkInteger(op, 'kernelSize[1]', value[1], 1)];
}

const CONV_LAYER_OPTIONS = ['seed', 'stride', 'padding', 'dilation', 'groups', 'bias', 'paddingMode'] as const;

/**
 * A 2-D convolution layer, `torch.nn.Conv2d`: weight `[out, in/groups, kH, kW]`, optional bias,
 * initialised like torch (uniform in ±1/√fan_in, fan_in = in/groups·kH·kW) from a seed.
 */
export class Conv2d extends WeightedModule {
  readonly type: string = 'Conv2d';
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: [number, number];
  readonly options: Readonly<Conv2dLayerOptions>;

  constructor(inChannels: number, outChannels: number, kernelSize: Pair, options: Conv2dLayerOptions = {}) {
    super(options);
    const op = `nn.${new.target.name}`;
    checkOptionNames(op, options, CONV_LAYER_OPTIONS);
    this.inChannels = checkInteger(op, 'inChannels', inChannels, 1);
    this.outChannels = checkInteger(op, 'outChannels', outChannels, 1);
    this.kernelSize = kernelPair(op, kernelSize);
    // Every option is checked now, not at the first forward, as torch.nn.Conv2d does.
    const { groups } = resolveConvOptions(op, this.kernelSize, options);
    if (inChannels % groups !== 0 || outChannels % groups !== 0) {
      throw new ConvkitError(op, 'groups', `inChannels (${inChannels}) and outChannels (${outChannels}) must be divisible by groups (${groups})`);
    }
    const bias = checkBiasFlag(op, 'bias', options.bias);
    this.options = { ...options, groups };
    this.initWeightAndBias([outChannels, inChannels / groups, ...this.kernelSize], (inChannels / groups) * this.kernelSize[0] * this.kernelSize[1], bias);
  }

  private shapeOptions() {
    const { stride, padding, dilation, groups, paddingMode } = this.options;
    return { stride, padding, dilation, groups, paddingMode };
  }

  private plan(inputShape: Shape) {
    const { batched } = checkImageShape(this.type, inputShape, this.inChannels);
    return planConv2d(this.type, batched, this.weightShape, this.shapeOptions());
  }

  override outputShape(inputShape: Shape): number[] {
    const { info } = this.plan(inputShape);
    return unbatch([info.batch, info.outChannels, info.outHeight, info.outWidth], inputShape.length === 3);
  }

  override ownMacs(inputShape: Shape): number {
    return conv2dMacs(this.plan(inputShape).info);
  }

  override forward(x: Tensor): Tensor {
    checkTensor(this.type, 'x', x);
    checkImageShape(this.type, x.shape, this.inChannels);
    return conv2d(x, this.weight, { ...this.shapeOptions(), bias: this.bias });
  }

  override describe(): string {
    const o = this.options;
    const parts = [`${this.inChannels}, ${this.outChannels}`, `kernel_size=${this.kernelSize.join('×')}`];
    if (o.stride !== undefined && o.stride !== 1) parts.push(`stride=${o.stride}`);
    if (o.padding !== undefined && o.padding !== 0) parts.push(`padding=${JSON.stringify(o.padding)}`);
    if (o.dilation !== undefined && o.dilation !== 1) parts.push(`dilation=${o.dilation}`);
    if (o.groups !== 1) parts.push(`groups=${o.groups}`);
    if (o.bias === false) parts.push('bias=false');
    return parts.join(', ');
  }
}

/** Options of `nn.DepthwiseConv2d`: those of `nn.Conv2d` but `groups`, plus the channel multiplier. */
export interface DepthwiseConv2dLayerOptions extends Omit<Conv2dLayerOptions, 'groups'> {
  /** Filters per input channel (Keras' `depth_multiplier`). Default 1. */
  multiplier?: number;
}

/** Depthwise convolution layer: `nn.Conv2d(C, C·m, k, { groups: C })`. */
export class DepthwiseConv2d extends Conv2d {
  override readonly type: string = 'DepthwiseConv2d';
  readonly multiplier: number;

  constructor(channels: number, kernelSize: Pair, options: DepthwiseConv2dLayerOptions = {}) {
    const op = 'nn.DepthwiseConv2d';
    checkOptionNames(op, options, [...CONV_LAYER_OPTIONS.filter((n) => n !== 'groups'), 'multiplier']);
    const multiplier = checkInteger(op, 'multiplier', options.multiplier ?? 1, 1);
    const { multiplier: _m, ...rest } = options;
    super(channels, channels * multiplier, kernelSize, { ...rest, groups: channels });
    this.multiplier = multiplier;
  }
}

/** Options of `nn.PointwiseConv2d`. */
export type PointwiseConv2dLayerOptions = Pick<Conv2dLayerOptions, 'bias' | 'stride' | 'seed'>;

/** Pointwise (1×1) convolution layer: mixes channels at every pixel. */
export class PointwiseConv2d extends Conv2d {
  override readonly type: string = 'PointwiseConv2d';

  constructor(inChannels: number, outChannels: number, options: PointwiseConv2dLayerOptions = {}) {
    checkOptionNames('nn.PointwiseConv2d', options, ['bias', 'stride', 'seed']);
    super(inChannels, outChannels, 1, options);
  }
}
