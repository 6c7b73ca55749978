import { Conv2DInfo } from '../conv_info';

/**
 * Depthwise convolution (groups === inChannels, one input channel per group, any
 * channel multiplier) by direct loops: output channel `oc` reads input channel
 * `floor(oc / multiplier)`. For each kernel tap the valid output range is computed once,
 * so the inner loop has no bounds checks.
 */
export function depthwiseDirect(x: Float32Array, w: Float32Array, bias: Float32Array | null, info: Conv2DInfo): Float32Array {
  const { batch, inChannels, inHeight: H, inWidth: W, outChannels, outHeight: OH, outWidth: OW } = info;
  const { kernelHeight: KH, kernelWidth: KW, strideHeight: SH, strideWidth: SW } = info;
  const { dilationHeight: DH, dilationWidth: DW, padTop, padLeft } = info;
  const multiplier = outChannels / inChannels;
  const plane = OH * OW;
  const out = new Float32Array(batch * outChannels * plane);
  for (let n = 0; n < batch; n++) {
    for (let oc = 0; oc < outChannels; oc++) {
      const xBase = (n * inChannels + Math.floor(oc / multiplier)) * H * W;
      const oBase = (n * outChannels + oc) * plane;
      const b = bias ? bias[oc] : 0;
      if (b !== 0) out.fill(b, oBase, oBase + plane);
      for (let ky = 0; ky < KH; ky++) {
        const dy = ky * DH - padTop;
        const oyLo = Math.min(OH, Math.max(0, Math.ceil(-dy / SH)));
        const oyHi = Math.max(oyLo, Math.min(OH, Math.ceil((H - dy) / SH)));
        for (let kx = 0; kx < KW; kx++) {
          const wv = w[(oc * KH + ky) * KW + kx];
          const dx = kx * DW - padLeft;
          const oxLo = Math.min(OW, Math.max(0, Math.ceil(-dx / SW)));
          const oxHi = Math.max(oxLo, Math.min(OW, Math.ceil((W - dx) / SW)));
          for (let oy = oyLo; oy < oyHi; oy++) {
            const xRow = xBase + (oy * SH + dy) * W + dx;
            const oRow = oBase + oy * OW;
            if (SW === 1) {
              for (let ox = oxLo; ox < oxHi; ox++) out[oRow + ox] += wv * x[xRow + ox];
            } else {
              for (let ox = oxLo; ox < oxHi; ox++) out[oRow + ox] += wv * x[xRow + ox * SW];
            }
          }
        }
      }
    }
  }
  return out;
}
