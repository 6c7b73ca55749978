import { ConvkitError } from '../errors';
import { checkSameShape } from './shape';
import { Tensor } from './tensor';

/** Largest `|a - b|` over all elements (shapes must match). NaN if either side has a NaN. */
export function maxAbsDiff(a: Tensor, b: Tensor): number {
  checkSameShape('maxAbsDiff', a.shape, b.shape);
  let m = 0;
  for (let i = 0; i < a.size; i++) {
    const d = Math.abs(a.data[i] - b.data[i]);
    if (Number.isNaN(d)) return NaN;
    if (d > m) m = d;
  }
  return m;
}

/** Tolerances of `allClose`, as in `torch.allclose`. */
export interface CloseOptions {
  /** Relative tolerance, default 1e-5. */
  rtol?: number;
  /** Absolute tolerance, default 1e-6. */
  atol?: number;
}

/** `|a - b| <= atol + rtol * |b|` everywhere, like `torch.allclose`. Throws if shapes differ. */
export function allClose(a: Tensor, b: Tensor, options: CloseOptions = {}): boolean {
  checkSameShape('allClose', a.shape, b.shape);
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-6;
  if (!(rtol >= 0) || !(atol >= 0)) throw new ConvkitError('allClose', 'options', `rtol and atol must be >= 0, got rtol=${rtol}, atol=${atol}`);
  for (let i = 0; i < a.size; i++) {
    const x = a.data[i];
    const y = b.data[i];
    if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y))) return false;
  }
  return true;
}
