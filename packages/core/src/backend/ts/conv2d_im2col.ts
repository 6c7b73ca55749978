import { Conv2DInfo } from '../conv_info';
import { gemm } from './gemm';
import { im2col } from './im2col';

/**
 * General grouped convolution: per image and group, unfold the group's input channels
 * (im2col) and multiply by the group's weights, `[outPerGroup × inPerGroup·kH·kW]`.
 * A 1×1, stride-1, unpadded convolution skips the unfold: the input already is the matrix.
 */
export function conv2dIm2col(x: Float32Array, w: Float32Array, bias: Float32Array | null, info: Conv2DInfo): Float32Array {
  const { batch, inChannels, outChannels, outHeight, outWidth, groups } = info;
  const inPerGroup = inChannels / groups;
  const outPerGroup = outChannels / groups;
  const plane = outHeight * outWidth;
  const kSize = inPerGroup * info.kernelHeight * info.kernelWidth;
  const out = new Float32Array(batch * outChannels * plane);
  const direct =
    info.kernelHeight === 1 &&
    info.kernelWidth === 1 &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.padTop === 0 &&
    info.padLeft === 0 &&
    outHeight === info.inHeight &&
    outWidth === info.inWidth;
  const col = direct ? null : new Float32Array(kSize * plane);
  for (let n = 0; n < batch; n++) {
    for (let g = 0; g < groups; g++) {
      const outOffset = (n * outChannels + g * outPerGroup) * plane;
      let src: Float32Array;
      let srcOffset: number;
      if (col) {
        im2col(x, info, n, g * inPerGroup, inPerGroup, col);
        src = col;
        srcOffset = 0;
      } else {
        src = x;
        srcOffset = (n * inChannels + g * inPerGroup) * plane;
      }
      gemm(outPerGroup, plane, kSize, w, g * outPerGroup * kSize, src, srcOffset, out, outOffset, false);
      if (bias) {
        for (let o = 0; o < outPerGroup; o++) {
          const b = bias[g * outPerGroup + o];
          const base = outOffset + o * plane;
          for (let i = 0; i < plane; i++) out[base + i] += b;
        }
      }
    }
  }
  return out;
}
