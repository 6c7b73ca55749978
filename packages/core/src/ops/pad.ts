import { ConvkitError, checkInteger, formatShape } from '../errors';
import { Tensor } from '../tensor/tensor';
import { PaddingMode, Pads, asBatched, checkTensor, resolvePaddingMode } from './conv_options';

/** Maps an out-of-range index to the input index that a padding mode reads. */
function sourceIndex(i: number, n: number, mode: Exclude<PaddingMode, 'zeros'>): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'replicate':
      return i < 0 ? 0 : n - 1;
    case 'reflect':
      // Mirror without repeating the edge: -1 -> 1, n -> n - 2 (pads < n are checked before).
      return i < 0 ? -i : 2 * (n - 1) - i;
    case 'circular':
      return ((i % n) + n) % n;
  }
}

/**
 * Pads the two spatial axes of a `[C, H, W]` or `[N, C, H, W]` tensor, as
 * `torch.nn.functional.pad(x, [left, right, top, bottom], mode)`.
 * `'reflect'` needs each pad < that axis' size, `'circular'` needs pad <= size (PyTorch's limits).
 */
export function pad2d(x: Tensor, pads: Pads, mode: PaddingMode = 'zeros'): Tensor {
  const op = 'pad2d';
  checkTensor(op, 'x', x);
  const m = resolvePaddingMode(op, mode);
  const { shape, unbatched } = asBatched(op, 'x', x);
  const [N, C, H, W] = shape;
  const { top, bottom, left, right } = pads;
  checkInteger(op, 'pads.top', top, 0);
  checkInteger(op, 'pads.bottom', bottom, 0);
  checkInteger(op, 'pads.left', left, 0);
  checkInteger(op, 'pads.right', right, 0);
  if (m === 'reflect' && (Math.max(top, bottom) >= H || Math.max(left, right) >= W)) {
    throw new ConvkitError(op, 'padding', `reflect padding must be smaller than the input: pads [top ${top}, bottom ${bottom}, left ${left}, right ${right}] for input ${formatShape(x.shape)}`);
  }
  if (m === 'circular' && (Math.max(top, bottom) > H || Math.max(left, right) > W)) {
    throw new ConvkitError(op, 'padding', `circular padding must be at most the input size: pads [top ${top}, bottom ${bottom}, left ${left}, right ${right}] for input ${formatShape(x.shape)}`);
  }
  if ((m === 'replicate' || m === 'reflect' || m === 'circular') && (H === 0 || W === 0) && top + bottom + left + right > 0) {
    throw new ConvkitError(op, 'x', `${m} padding needs a non-empty input, got ${formatShape(x.shape)}`);
  }
  const PH = H + top + bottom;
  const PW = W + left + right;
  const out = new Float32Array(N * C * PH * PW);
  const rowMap = Int32Array.from({ length: PH }, (_, i) => (m === 'zeros' ? (i - top >= 0 && i - top < H ? i - top : -1) : sourceIndex(i - top, H, m)));
  const colMap = Int32Array.from({ length: PW }, (_, j) => (m === 'zeros' ? (j - left >= 0 && j - left < W ? j - left : -1) : sourceIndex(j - left, W, m)));
  for (let p = 0; p < N * C; p++) {
    const src = p * H * W;
    const dst = p * PH * PW;
    for (let i = 0; i < PH; i++) {
      const r = rowMap[i];
      if (r < 0) continue;
      const srcRow = src + r * W;
      const dstRow = dst + i * PW;
      for (let j = 0; j < PW; j++) {
        const c = colMap[j];
        if (c >= 0) out[dstRow + j] = x.data[srcRow + c];
      }
    }
  }
  return new Tensor(out, unbatched ? [C, PH, PW] : [N, C, PH, PW]);
}
