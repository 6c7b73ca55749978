import { ConvkitError, checkOptionNames, describeValue } from '../errors';
import { checkTensor } from '../ops/conv_options';
import { checkSameShape } from './shape';
import { Tensor } from './tensor';

/** Largest `|a - b|` over all elements (shapes must match). NaN if either side has a NaN. */
export function maxAbsDiff(a: Tensor, b: Tensor): number {
  checkTensor('maxAbsDiff', 'a', a);
  checkTensor('maxAbsDiff', 'b', b);
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
  /** Relative tolerance, default 1e-5 (torch). */
  rtol?: number;
  /** Absolute tolerance, default 1e-8 (torch). */
  atol?: number;
  /** Count NaN as equal to NaN, default false (torch). */
  equalNan?: boolean;
}

/**
 * `|a − b| ≤ atol + rtol·|b|` everywhere, with `torch.allclose`'s defaults and rules: equal
 * infinities are close, NaN is close to nothing unless `equalNan`. Throws if shapes differ
 * (no broadcasting).
 */
export function allClose(a: Tensor, b: Tensor, options: CloseOptions = {}): boolean {
  const op = 'allClose';
  checkTensor(op, 'a', a);
  checkTensor(op, 'b', b);
  checkOptionNames(op, options, ['rtol', 'atol', 'equalNan']);
  checkSameShape(op, a.shape, b.shape);
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-8;
  for (const [name, v] of [['rtol', rtol], ['atol', atol]] as const) {
    if (typeof v !== 'number' || !(v >= 0) || v === Infinity) {
      throw new ConvkitError(op, `options.${name}`, `${name} must be a finite number >= 0, got ${describeValue(v)}`);
    }
  }
  const equalNan = options.equalNan === true;
  for (let i = 0; i < a.size; i++) {
    const x = a.data[i];
    const y = b.data[i];
    if (x === y) continue; // also equal infinities
    if (x !== x || y !== y) {
      if (equalNan && x !== x && y !== y) continue;
      return false;
    }
    if (x === Infinity || x === -Infinity || y === Infinity || y === -Infinity) return false; // unequal infinities
    if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y))) return false;
  }
  return true;
}
