import { encode } from 'fast-png';
import { ColorScaleName, colorAt } from '@convkit/schema';

/** An RGB image being drawn. */
export class Canvas {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;

  constructor(width: number, height: number, background: [number, number, number] = [255, 255, 255]) {
    this.width = width;
    this.height = height;
    this.data = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) this.data.set(background, i * 3);
  }

  set(x: number, y: number, rgb: readonly number[]): void {
    const o = (y * this.width + x) * 3;
    this.data[o] = rgb[0];
    this.data[o + 1] = rgb[1];
    this.data[o + 2] = rgb[2];
  }

  /** PNG bytes (fast-png). */
  toPng(): Uint8Array {
    return encode({ width: this.width, height: this.height, data: this.data, channels: 3, depth: 8 });
  }

  /** Base64 PNG, as Jupyter's `image/png` wants it. */
  toBase64(): string {
    return Buffer.from(this.toPng()).toString('base64');
  }
}

/** How many screen pixels a value pixel becomes: small maps are enlarged, huge ones sampled. */
export function pixelScale(height: number, width: number, target = 160, limit = 512, maxScale = 24): number {
  const side = Math.max(height, width);
  if (side > limit) return limit / side;
  return Math.max(1, Math.min(maxScale, Math.floor(target / side)));
}

/** The scale for an explicit panel size (the longer side in pixels): whole multiples up to it, no cap. */
export function panelScale(height: number, width: number, panelSize: number): number {
  return pixelScale(height, width, panelSize, Math.max(512, panelSize), Infinity);
}

/**
 * Paints an `height × width` panel of values at (x0, y0), nearest-neighbour scaled, with
 * values outside [lo, hi] clamped and non-finite values grey.
 */
export function paintPanel(
  canvas: Canvas,
  values: ArrayLike<number>,
  height: number,
  width: number,
  x0: number,
  y0: number,
  scale: number,
  colorscale: ColorScaleName,
  lo: number,
  hi: number,
): void {
  const outH = Math.max(1, Math.round(height * scale));
  const outW = Math.max(1, Math.round(width * scale));
  for (let y = 0; y < outH; y++) {
    const row = Math.min(height - 1, Math.floor(y / scale));
    for (let x = 0; x < outW; x++) {
      const col = Math.min(width - 1, Math.floor(x / scale));
      const v = values[row * width + col];
      canvas.set(x0 + x, y0 + y, Number.isFinite(v) ? colorAt(colorscale, (v - lo) / (hi - lo)) : [160, 160, 160]);
    }
  }
}

/** One panel alone as a base64 PNG. */
export function panelPng(values: ArrayLike<number>, height: number, width: number, colorscale: ColorScaleName, lo: number, hi: number, panelSize?: number): string {
  const scale = panelSize ? panelScale(height, width, panelSize) : pixelScale(height, width);
  const canvas = new Canvas(Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)));
  paintPanel(canvas, values, height, width, 0, 0, scale, colorscale, lo, hi);
  return canvas.toBase64();
}

/** A horizontal colour bar from lo to hi. */
export function colorbarPng(colorscale: ColorScaleName, width = 200, height = 10): string {
  const canvas = new Canvas(width, height);
  for (let x = 0; x < width; x++) {
    const rgb = colorAt(colorscale, x / (width - 1));
    for (let y = 0; y < height; y++) canvas.set(x, y, rgb);
  }
  return canvas.toBase64();
}
