/**
 * Closed-form parameter and multiply-add counts. The layers use these, so a figure in a
 * summary and a figure from these formulas always agree.
 *
 * Convention (as torchinfo and the MobileNet paper): one multiply-add (MAC) is one
 * multiplication accumulated into a sum; bias additions, batch norm, activations and pooling
 * are not counted. FLOPs ≈ 2 · MACs.
 */
import { checkInteger } from '../errors';

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
  const [kh, kw] = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : kernelSize;
  return checkInteger(op, 'kernelSize', kh, 1) * checkInteger(op, 'kernelSize', kw, 1);
}

/** Weights (+ biases) of a convolution: `outC · (inC / groups) · kH · kW (+ outC)`. */
export function conv2dParams(spec: ConvCountSpec): number {
  const groups = spec.groups ?? 1;
  const perGroup = checkInteger('conv2dParams', 'inChannels', spec.inChannels, 1) / checkInteger('conv2dParams', 'groups', groups, 1);
  const weights = checkInteger('conv2dParams', 'outChannels', spec.outChannels, 1) * perGroup * kernelArea('conv2dParams', spec.kernelSize);
  return weights + (spec.bias === false ? 0 : spec.outChannels);
}

/** Multiply-adds of a convolution producing `outHeight × outWidth` per output channel (batch 1). */
export function conv2dMacsFor(spec: ConvCountSpec, outHeight: number, outWidth: number): number {
  const groups = spec.groups ?? 1;
  return spec.outChannels * outHeight * outWidth * (spec.inChannels / groups) * kernelArea('conv2dMacs', spec.kernelSize);
}

/** Parameters of a depthwise-separable layer without biases: `M·k² + M·N` (multiplier 1). */
export function separableParams(inChannels: number, outChannels: number, kernelSize: number): number {
  return inChannels * kernelSize * kernelSize + inChannels * outChannels;
}

/**
 * Cost of a depthwise-separable layer relative to a standard one with the same sizes, in
 * parameters and in multiply-adds alike: `1/N + 1/k²` (Howard et al. 2017, eq. 5).
 */
export function separableCostRatio(outChannels: number, kernelSize: number): number {
  return 1 / outChannels + 1 / (kernelSize * kernelSize);
}
