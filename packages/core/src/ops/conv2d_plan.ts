import { Conv2DInfo } from '../backend/conv_info';
import { ConvkitError, checkInteger, formatShape } from '../errors';
import { Padding, PaddingMode, Pads, Pair, resolvePair, resolvePadding, resolvePaddingMode } from './conv_options';

/** Shape-level options of a convolution (everything but the bias). */
export interface Conv2dShapeOptions {
  stride?: Pair;
  padding?: Padding;
  dilation?: Pair;
  groups?: number;
  paddingMode?: PaddingMode;
}

/** A validated convolution: what the backend runs, plus how to pad first. */
export interface Conv2DPlan {
  info: Conv2DInfo;
  pads: Pads;
  paddingMode: PaddingMode;
}

/**
 * Validates the shapes and options of a convolution and resolves them to numbers, without
 * touching any data, so layers can compute output shapes and costs of models never run.
 *
 * @param xShape `[N, C, H, W]`
 * @param wShape `[outC, inC / groups, kH, kW]`
 */
export function planConv2d(op: string, xShape: readonly number[], wShape: readonly number[], options: Conv2dShapeOptions = {}): Conv2DPlan {
  if (wShape.length !== 4) {
    throw new ConvkitError(op, 'weight', `weight must have rank 4 [outC, inC/groups, kH, kW], got rank ${wShape.length} ${formatShape(wShape)}`);
  }
  const [N, C, H, W] = xShape;
  const [outC, inPerGroup, KH, KW] = wShape;
  if (outC < 1) throw new ConvkitError(op, 'weight', `weight.shape[0] (output channels) must be at least 1, got weight ${formatShape(wShape)}`);
  if (KH < 1 || KW < 1) throw new ConvkitError(op, 'weight', `kernel must be at least 1×1, got weight ${formatShape(wShape)}`);
  const { groups, stride, dilation, paddingMode, pads, effectiveKernel } = resolveConvOptions(op, [KH, KW], options);
  const [strideH, strideW] = stride;
  const [dilH, dilW] = dilation;
  const [effH, effW] = effectiveKernel;
  if (C % groups !== 0) {
    throw new ConvkitError(op, 'groups', `input channels (${C}) must be divisible by groups (${groups}); input is ${formatShape(xShape)}`);
  }
  if (outC % groups !== 0) {
    throw new ConvkitError(op, 'groups', `output channels (weight.shape[0] = ${outC}) must be divisible by groups (${groups})`);
  }
  if (inPerGroup !== C / groups) {
    throw new ConvkitError(
      op,
      'weight',
      `weight.shape[1] must be input channels / groups = ${C}/${groups} = ${C / groups}, got weight ${formatShape(wShape)} for input ${formatShape(xShape)}`,
    );
  }
  const paddedH = H + pads.top + pads.bottom;
  const paddedW = W + pads.left + pads.right;
  if (effH > paddedH || effW > paddedW) {
    throw new ConvkitError(
      op,
      'weight',
      `kernel (${effH}×${effW} after dilation) is larger than the padded input (${paddedH}×${paddedW}); input ${formatShape(xShape)}, weight ${formatShape(wShape)}`,
    );
  }
  const info: Conv2DInfo = {
    batch: N,
    inChannels: C,
    inHeight: H,
    inWidth: W,
    outChannels: outC,
    outHeight: Math.floor((paddedH - effH) / strideH) + 1,
    outWidth: Math.floor((paddedW - effW) / strideW) + 1,
    kernelHeight: KH,
    kernelWidth: KW,
    strideHeight: strideH,
    strideWidth: strideW,
    dilationHeight: dilH,
    dilationWidth: dilW,
    padTop: pads.top,
    padLeft: pads.left,
    groups,
  };
  return { info, pads, paddingMode };
}

/** Shape options resolved to numbers; see `resolveConvOptions`. */
export interface ResolvedConvOptions {
  groups: number;
  stride: [number, number];
  dilation: [number, number];
  paddingMode: PaddingMode;
  pads: Pads;
  /** `dilation · (k − 1) + 1` per axis. */
  effectiveKernel: [number, number];
}

/**
 * Checks and resolves the options of a convolution with a `kernel` of `[kH, kW]`, before any
 * input is known: layers call it when they are built, so a bad option fails there, as in torch.
 */
export function resolveConvOptions(op: string, kernel: readonly [number, number], options: Conv2dShapeOptions): ResolvedConvOptions {
  const groups = options.groups === undefined ? 1 : checkInteger(op, 'groups', options.groups, 1);
  const stride = resolvePair(op, 'stride', options.stride, 1, 1);
  const dilation = resolvePair(op, 'dilation', options.dilation, 1, 1);
  const paddingMode = resolvePaddingMode(op, options.paddingMode);
  const effectiveKernel: [number, number] = [dilation[0] * (kernel[0] - 1) + 1, dilation[1] * (kernel[1] - 1) + 1];
  const pads = resolvePadding(op, options.padding, stride, effectiveKernel);
  return { groups, stride, dilation, paddingMode, pads, effectiveKernel };
}
