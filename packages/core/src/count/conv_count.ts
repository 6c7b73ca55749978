/**
 * Closed-form parameter and multiply-add counts. The layers use these, so a figure in a
 * summary and a figure from these formulas always agree.
 *
 * Convention (as torchinfo and the MobileNet paper): one multiply-add (MAC) is one
 * multiplication accumulated into a sum; bias additions, batch norm, activations and pooling
 * are not counted. FLOPs ≈ 2 · MACs.
 */
import { ConvkitError, checkInteger, checkOptionNames, describeValue } from '../errors';
import { kernelPair } from '../nn/conv';
import { checkBiasFlag } from '../nn/weighted';

/** Sizes of a 2-D convolution layer. */
export interface ConvCountSpec {
  inChannels: number;
  outChannels: number;
  /** `k` or `[kH, kW]`. */
  kernelSize: number | readonly [number, number];
  /** Default 1. */
  groups?: number;
  /** Default true (as `torch.nn.Conv2d`). */
  bias?: boolean;
}

function kernelArea(op: string, kernelSize: number | readonly [number, number]): number {
  const [kh, kw] = kernelPair(op, kernelSize);
  return kh * kw;
}

/** Channels per group of a spec, checked as `nn.Conv2d` checks them. */
function channelsPerGroup(op: string, spec: ConvCountSpec): number {
  if (spec === null || typeof spec !== 'object') throw new ConvkitError(op, 'spec', `spec must be { inChannels, outChannels, kernelSize, groups?, bias? }, got ${describeValue(spec)}`);
  checkOptionNames(op, spec, ['inChannels', 'outChannels', 'kernelSize', 'groups', 'bias']);
  const inC = checkInteger(op, 'inChannels', spec.inChannels, 1);
  const outC = checkInteger(op, 'outChannels', spec.outChannels, 1);
  const groups = checkInteger(op, 'groups', spec.groups ?? 1, 1);
  if (inC % groups !== 0 || outC % groups !== 0) {
    throw new ConvkitError(op, 'groups', `inChannels (${inC}) and outChannels (${outC}) must be divisible by groups (${groups})`);
  }
  return inC / groups;
}

/** Weights (+ biases) of a convolution: `outC · (inC / groups) · kH · kW (+ outC)`. */
export function conv2dParams(spec: ConvCountSpec): number {
  const op = 'conv2dParams';
  const weights = spec.outChannels * channelsPerGroup(op, spec) * kernelArea(op, spec.kernelSize);
  return weights + (checkBiasFlag(op, 'bias', spec.bias) ? spec.outChannels : 0);
}

/** Multiply-adds of a convolution producing `outHeight × outWidth` per output channel (batch 1). */
export function conv2dMacsFor(spec: ConvCountSpec, outHeight: number, outWidth: number): number {
  const op = 'conv2dMacsFor';
  const perGroup = channelsPerGroup(op, spec);
  checkInteger(op, 'outHeight', outHeight, 0);
  checkInteger(op, 'outWidth', outWidth, 0);
  return spec.outChannels * outHeight * outWidth * perGroup * kernelArea(op, spec.kernelSize);
}

/** Parameters of a depthwise-separable layer without biases: `M·k² + M·N` (multiplier 1). */
export function separableParams(inChannels: number, outChannels: number, kernelSize: number): number {
  const op = 'separableParams';
  checkInteger(op, 'inChannels', inChannels, 1);
  checkInteger(op, 'outChannels', outChannels, 1);
  checkInteger(op, 'kernelSize', kernelSize, 1);
  return inChannels * kernelSize * kernelSize + inChannels * outChannels;
}

/**
 * Cost of a depthwise-separable layer relative to a standard one with the same sizes, in
 * parameters and in multiply-adds alike: `1/N + 1/k²` (Howard et al. 2017, eq. 5).
 */
export function separableCostRatio(outChannels: number, kernelSize: number): number {
  checkInteger('separableCostRatio', 'outChannels', outChannels, 1);
  checkInteger('separableCostRatio', 'kernelSize', kernelSize, 1);
  return 1 / outChannels + 1 / (kernelSize * kernelSize);
}
