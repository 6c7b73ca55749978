import { ConvkitError, checkInteger, describeValue, formatShape } from '../errors';
import { Tensor } from './tensor';

/** Decoded pixels, interleaved (HWC) as PNG decoders and `ImageData` give them. */
export interface Pixels {
  width: number;
  height: number;
  /** Interleaved samples, row-major, `width · height · channels` of them. */
  data: ArrayLike<number>;
  /** Samples per pixel: 1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA). Default: inferred from the length. */
  channels?: number;
  /** Largest sample value, default 255 (use 65535 for 16-bit PNGs). */
  maxValue?: number;
}

/**
 * Turns decoded image pixels (e.g. `fast-png`'s `decode()` or a canvas' `ImageData`) into a
 * `[C, H, W]` tensor scaled to [0, 1]. Alpha is dropped unless `keepAlpha` is set.
 */
export function fromPixels(pixels: Pixels, options: { keepAlpha?: boolean } = {}): Tensor {
  const op = 'fromPixels';
  const width = checkInteger(op, 'pixels.width', pixels?.width, 1);
  const height = checkInteger(op, 'pixels.height', pixels?.height, 1);
  const count = width * height;
  const length = pixels.data?.length;
  if (typeof length !== 'number') throw new ConvkitError(op, 'pixels.data', `pixels.data must be an array of samples, got ${describeValue(pixels.data)}`);
  const channels = pixels.channels ?? length / count;
  if (![1, 2, 3, 4].includes(channels) || length !== count * channels) {
    throw new ConvkitError(op, 'pixels.data', `pixels.data must hold width·height·channels = ${width}·${height}·(1–4) samples, got ${length}`);
  }
  const maxValue = pixels.maxValue ?? 255;
  const hasAlpha = channels === 2 || channels === 4;
  const outC = hasAlpha && !options.keepAlpha ? channels - 1 : channels;
  const out = new Float32Array(outC * count);
  for (let c = 0; c < outC; c++) {
    for (let i = 0; i < count; i++) out[c * count + i] = pixels.data[i * channels + c] / maxValue;
  }
  return new Tensor(out, [outC, height, width]);
}

/**
 * Luma of an RGB image (ITU-R BT.601 weights 0.299, 0.587, 0.114), keeping a channel axis:
 * `[3, H, W]` → `[1, H, W]`, `[N, 3, H, W]` → `[N, 1, H, W]`. A one-channel image is returned as is.
 */
export function toGrayscale(image: Tensor): Tensor {
  const op = 'toGrayscale';
  if (image.rank !== 3 && image.rank !== 4) throw new ConvkitError(op, 'image', `image must be [C, H, W] or [N, C, H, W], got ${formatShape(image.shape)}`);
  const c = image.shape[image.rank - 3];
  if (c === 1) return image;
  if (c !== 3) throw new ConvkitError(op, 'image', `image must have 1 or 3 channels, got ${c} in ${formatShape(image.shape)}`);
  const n = image.rank === 4 ? image.shape[0] : 1;
  const plane = image.shape[image.rank - 2] * image.shape[image.rank - 1];
  const out = new Float32Array(n * plane);
  for (let b = 0; b < n; b++) {
    const base = b * 3 * plane;
    for (let i = 0; i < plane; i++) {
      out[b * plane + i] = 0.299 * image.data[base + i] + 0.587 * image.data[base + plane + i] + 0.114 * image.data[base + 2 * plane + i];
    }
  }
  const shape = image.shape.slice();
  shape[image.rank - 3] = 1;
  return new Tensor(out, shape);
}
