import { ConvkitError, checkInteger, describeValue, formatShape } from '../errors';
import { Tensor } from '../tensor/tensor';

/**
 * Padding, as `torch.nn.functional.conv2d` takes it plus explicit asymmetric padding:
 * a number (all sides), `[padH, padW]`, `[top, bottom, left, right]`, `'valid'` (none)
 * or `'same'` (output size = input size; stride must be 1; for even effective kernels
 * the extra row/column goes at the bottom/right, as PyTorch does).
 */
export type Padding = number | readonly [number, number] | readonly [number, number, number, number] | 'valid' | 'same';

/** How padded positions are filled, as `torch.nn.Conv2d`'s `padding_mode`. */
export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

/** A size per spatial axis: one number for both, or `[height, width]`. */
export type Pair = number | readonly [number, number];

/** Options of `conv2d`, named as in `torch.nn.functional.conv2d`. */
export interface Conv2dOptions {
  /** `[outChannels]`, added to every output position. */
  bias?: Tensor | null;
  /** Step of the window, default 1. */
  stride?: Pair;
  /** Default 0. */
  padding?: Padding;
  /** Spacing between kernel taps, default 1. */
  dilation?: Pair;
  /** Split channels into groups convolved separately, default 1. `groups = inChannels` is depthwise. */
  groups?: number;
  /** Default `'zeros'`. */
  paddingMode?: PaddingMode;
}

/** Resolved padding in pixels. */
export interface Pads {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function resolvePair(op: string, argument: string, value: Pair | undefined, fallback: number, min: number): [number, number] {
  if (value === undefined) return [fallback, fallback];
  if (typeof value === 'number') {
    checkInteger(op, argument, value, min);
    return [value, value];
  }
  if (!Array.isArray(value) || value.length !== 2) {
    throw new ConvkitError(op, argument, `${argument} must be an integer or [height, width], got ${describeValue(value)}`);
  }
  checkInteger(op, `${argument}[0]`, value[0], min);
  checkInteger(op, `${argument}[1]`, value[1], min);
  return [value[0], value[1]];
}

const PADDING_MODES: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

export function resolvePaddingMode(op: string, mode: unknown): PaddingMode {
  if (mode === undefined) return 'zeros';
  if (!PADDING_MODES.includes(mode as PaddingMode)) {
    throw new ConvkitError(op, 'paddingMode', `paddingMode must be one of 'zeros', 'reflect', 'replicate', 'circular', got ${describeValue(mode)}`);
  }
  return mode as PaddingMode;
}

/** Resolves `padding` to pixels per side, given the effective (dilated) kernel size. */
export function resolvePadding(op: string, padding: Padding | undefined, stride: [number, number], effectiveKernel: [number, number]): Pads {
  if (padding === undefined || padding === 'valid') return { top: 0, bottom: 0, left: 0, right: 0 };
  if (padding === 'same') {
    if (stride[0] !== 1 || stride[1] !== 1) {
      throw new ConvkitError(op, 'padding', `padding='same' needs stride 1 (as in PyTorch), got stride [${stride.join(', ')}]`);
    }
    const totalH = effectiveKernel[0] - 1;
    const totalW = effectiveKernel[1] - 1;
    const top = Math.floor(totalH / 2);
    const left = Math.floor(totalW / 2);
    return { top, bottom: totalH - top, left, right: totalW - left };
  }
  if (typeof padding === 'number') {
    checkInteger(op, 'padding', padding, 0);
    return { top: padding, bottom: padding, left: padding, right: padding };
  }
  if (Array.isArray(padding) && padding.length === 2) {
    checkInteger(op, 'padding[0]', padding[0], 0);
    checkInteger(op, 'padding[1]', padding[1], 0);
    return { top: padding[0], bottom: padding[0], left: padding[1], right: padding[1] };
  }
  if (Array.isArray(padding) && padding.length === 4) {
    padding.forEach((p, i) => checkInteger(op, `padding[${i}]`, p, 0));
    return { top: padding[0], bottom: padding[1], left: padding[2], right: padding[3] };
  }
  throw new ConvkitError(
    op,
    'padding',
    `padding must be an integer, [padH, padW], [top, bottom, left, right], 'valid' or 'same', got ${describeValue(padding)}`,
  );
}

/** Checks that `value` is a Tensor, naming the argument otherwise. */
export function checkTensor(op: string, argument: string, value: unknown): Tensor {
  if (!(value instanceof Tensor)) {
    throw new ConvkitError(op, argument, `${argument} must be a Tensor, got ${describeValue(value)}`);
  }
  return value;
}

/** Accepts `[C, H, W]` or `[N, C, H, W]`; returns the batched shape and whether a batch axis was added. */
export function asBatched(op: string, argument: string, x: Tensor): { shape: [number, number, number, number]; unbatched: boolean } {
  if (x.rank === 4) return { shape: [x.shape[0], x.shape[1], x.shape[2], x.shape[3]], unbatched: false };
  if (x.rank === 3) return { shape: [1, x.shape[0], x.shape[1], x.shape[2]], unbatched: true };
  throw new ConvkitError(op, argument, `${argument} must have rank 3 [C, H, W] or 4 [N, C, H, W], got rank ${x.rank} ${formatShape(x.shape)}`);
}
