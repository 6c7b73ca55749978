import { ConvkitError, checkInteger, formatShape } from '../errors';
import { Tensor } from '../tensor/tensor';
import { checkTensor } from './conv_options';
import { asPointwiseWeight } from './pointwise_conv2d';

function checkDepthwiseWeight(op: string, dw: Tensor): void {
  checkTensor(op, 'depthwiseWeight', dw);
  if (dw.rank !== 4 || dw.shape[1] !== 1) {
    throw new ConvkitError(op, 'depthwiseWeight', `depthwiseWeight must be [C·multiplier, 1, kH, kW], got ${formatShape(dw.shape)}`);
  }
}

/**
 * The standard convolution weight that does what a depthwise convolution does: for output
 * channel `o` (fed by input channel `c = floor(o / m)`), the filter is the depthwise filter
 * on channel `c` and zero on every other channel — "select a channel, make all the other
 * elements zero".
 *
 * @param depthwiseWeight `[C·m, 1, kH, kW]`
 * @param inChannels C (default: `depthwiseWeight.shape[0]`, i.e. multiplier 1)
 * @returns `[C·m, C, kH, kW]`, for `conv2d` with `groups: 1`
 */
export function depthwiseAsStandard(depthwiseWeight: Tensor, inChannels?: number): Tensor {
  const op = 'depthwiseAsStandard';
  checkDepthwiseWeight(op, depthwiseWeight);
  const [outC, , KH, KW] = depthwiseWeight.shape;
  const C = inChannels === undefined ? outC : checkInteger(op, 'inChannels', inChannels, 1);
  if (outC % C !== 0) {
    throw new ConvkitError(op, 'inChannels', `depthwiseWeight.shape[0] (${outC}) must be a multiple of inChannels, got inChannels = ${C}`);
  }
  const m = outC / C;
  const k = KH * KW;
  const out = new Float32Array(outC * C * k);
  for (let o = 0; o < outC; o++) {
    const c = Math.floor(o / m);
    out.set(depthwiseWeight.data.subarray(o * k, (o + 1) * k), (o * C + c) * k);
  }
  return new Tensor(out, [outC, C, KH, KW]);
}

/**
 * The standard convolution weight equal to a depthwise step followed by a pointwise step:
 * `W[o, c] = Σ_j pw[o, c·m + j] · dw[c·m + j]` (j over the channel multiplier).
 * `conv2d(x, composeSeparable(dw, pw), opts)` equals `separableConv2d(x, dw, pw, opts)`.
 *
 * @param depthwiseWeight `[C·m, 1, kH, kW]`
 * @param pointwiseWeight `[outC, C·m]` or `[outC, C·m, 1, 1]`
 * @param inChannels C (default: `depthwiseWeight.shape[0]`, i.e. multiplier 1)
 * @returns `[outC, C, kH, kW]`
 */
export function composeSeparable(depthwiseWeight: Tensor, pointwiseWeight: Tensor, inChannels?: number): Tensor {
  const op = 'composeSeparable';
  checkDepthwiseWeight(op, depthwiseWeight);
  const pw = asPointwiseWeight(op, 'pointwiseWeight', pointwiseWeight);
  const [mid, , KH, KW] = depthwiseWeight.shape;
  const [outC, pwIn] = pw.shape;
  if (pwIn !== mid) {
    throw new ConvkitError(op, 'pointwiseWeight', `pointwiseWeight.shape[1] must equal depthwiseWeight.shape[0] = ${mid}, got ${formatShape(pointwiseWeight.shape)}`);
  }
  const C = inChannels === undefined ? mid : checkInteger(op, 'inChannels', inChannels, 1);
  if (mid % C !== 0) {
    throw new ConvkitError(op, 'inChannels', `depthwiseWeight.shape[0] (${mid}) must be a multiple of inChannels, got inChannels = ${C}`);
  }
  const m = mid / C;
  const k = KH * KW;
  const out = new Float32Array(outC * C * k);
  for (let o = 0; o < outC; o++) {
    for (let c = 0; c < C; c++) {
      const dst = (o * C + c) * k;
      for (let j = 0; j < m; j++) {
        const s = pw.data[o * mid + c * m + j];
        const src = (c * m + j) * k;
        for (let t = 0; t < k; t++) out[dst + t] += s * depthwiseWeight.data[src + t];
      }
    }
  }
  return new Tensor(out, [outC, C, KH, KW]);
}
