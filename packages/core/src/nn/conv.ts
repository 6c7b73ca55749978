import { ConvkitError, checkInteger } from '../errors';
import { conv2dMacs } from '../backend/conv_info';
import { conv2d } from '../ops/conv2d';
import { Padding, PaddingMode, Pair } from '../ops/conv_options';
import { planConv2d } from '../ops/conv2d_plan';
import { Shape } from '../tensor/shape';
import { Tensor } from '../tensor/tensor';
import { ModuleOptions, checkImageShape, unbatch } from './module';
import { WeightedModule } from './weighted';

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

function pairOf(op: string, value: Pair): [number, number] {
  const [h, w] = typeof value === 'number' ? [value, value] : value;
  return [checkInteger(op, 'kernelSize', h, 1), checkInteger(op, 'kernelSize', w, 1)];
}

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
    const op = 'nn.Conv2d';
    this.inChannels = checkInteger(op, 'inChannels', inChannels, 1);
    this.outChannels = checkInteger(op, 'outChannels', outChannels, 1);
    this.kernelSize = pairOf(op, kernelSize);
    const groups = checkInteger(op, 'groups', options.groups ?? 1, 1);
    if (inChannels % groups !== 0 || outChannels % groups !== 0) {
      throw new ConvkitError(op, 'groups', `inChannels (${inChannels}) and outChannels (${outChannels}) must be divisible by groups (${groups})`);
    }
    this.options = { ...options, groups };
    this.initWeightAndBias([outChannels, inChannels / groups, ...this.kernelSize], (inChannels / groups) * this.kernelSize[0] * this.kernelSize[1], options.bias !== false);
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
    checkImageShape(this.type, x instanceof Tensor ? x.shape : (x as unknown as number[]), this.inChannels);
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
    const multiplier = checkInteger('nn.DepthwiseConv2d', 'multiplier', options.multiplier ?? 1, 1);
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
    super(inChannels, outChannels, 1, options);
  }
}
