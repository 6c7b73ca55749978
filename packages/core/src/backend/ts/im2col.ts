import { Conv2DInfo } from '../conv_info';

/**
 * Unfolds the input channels `[c0, c0 + channels)` of image `n` into columns:
 * row `(c * kH + ky) * kW + kx`, column `oy * outW + ox` holds the input value that
 * kernel tap (c, ky, kx) sees at output position (oy, ox), or 0 in the padding.
 */
export function im2col(x: Float32Array, info: Conv2DInfo, n: number, c0: number, channels: number, col: Float32Array): void {
  const { inChannels, inHeight: H, inWidth: W, outHeight: OH, outWidth: OW } = info;
  const { kernelHeight: KH, kernelWidth: KW, strideHeight: SH, strideWidth: SW } = info;
  const { dilationHeight: DH, dilationWidth: DW, padTop, padLeft } = info;
  const plane = OH * OW;
  for (let c = 0; c < channels; c++) {
    const xBase = (n * inChannels + c0 + c) * H * W;
    for (let ky = 0; ky < KH; ky++) {
      for (let kx = 0; kx < KW; kx++) {
        const rowBase = ((c * KH + ky) * KW + kx) * plane;
        // Output columns whose input column lies inside the image: ox in [oxLo, oxHi).
        const dx = kx * DW - padLeft;
        const oxLo = Math.min(OW, Math.max(0, Math.ceil(-dx / SW)));
        const oxHi = Math.max(oxLo, Math.min(OW, Math.ceil((W - dx) / SW)));
        for (let oy = 0; oy < OH; oy++) {
          const iy = oy * SH + ky * DH - padTop;
          const out = rowBase + oy * OW;
          if (iy < 0 || iy >= H) {
            col.fill(0, out, out + OW);
            continue;
          }
          const xRow = xBase + iy * W + dx;
          col.fill(0, out, out + oxLo);
          if (SW === 1) {
            col.set(x.subarray(xRow + oxLo, xRow + oxHi), out + oxLo);
          } else {
            for (let ox = oxLo; ox < oxHi; ox++) col[out + ox] = x[xRow + ox * SW];
          }
          col.fill(0, out + oxHi, out + OW);
        }
      }
    }
  }
}
