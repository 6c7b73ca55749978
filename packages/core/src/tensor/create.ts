import { ConvkitError, describeValue, formatShape } from '../errors';
import { Random } from './random';
import { Shape, checkShape, sizeOf } from './shape';
import { NestedArray, Tensor } from './tensor';

/** Infers the shape of nested arrays and checks they are rectangular. */
function nestedShape(value: NestedArray, path = 'data'): number[] {
  if (typeof value === 'number') return [];
  if (!Array.isArray(value)) {
    throw new ConvkitError('tensor', 'data', `${path} must be a number or an array, got ${describeValue(value)}`);
  }
  if (value.length === 0) return [0];
  const inner = nestedShape(value[0], `${path}[0]`);
  for (let i = 1; i < value.length; i++) {
    const other = nestedShape(value[i], `${path}[${i}]`);
    if (other.length !== inner.length || other.some((d, k) => d !== inner[k])) {
      throw new ConvkitError(
        'tensor',
        'data',
        `nested arrays must be rectangular: ${path}[0] has shape ${formatShape(inner)} but ${path}[${i}] has ${formatShape(other)}`,
      );
    }
  }
  return [value.length, ...inner];
}

function flatten(value: NestedArray, out: number[]): void {
  if (typeof value === 'number') out.push(value);
  else for (const v of value) flatten(v, out);
}

/**
 * Makes a tensor from a Float32Array, a flat array (with `shape`) or nested arrays
 * (shape inferred, or checked against `shape`). A Float32Array is copied.
 *
 * @example
 * const x = tensor([[1, 2], [3, 4]]);          // shape [2, 2]
 * const y = tensor([1, 2, 3, 4, 5, 6], [1, 2, 3]);
 */
export function tensor(data: Float32Array | readonly number[] | NestedArray, shape?: Shape): Tensor {
  let values: Float32Array;
  let inferred: number[];
  if (data instanceof Float32Array) {
    values = data.slice();
    inferred = [values.length];
  } else if (ArrayBuffer.isView(data)) {
    values = Float32Array.from(data as unknown as ArrayLike<number>);
    inferred = [values.length];
  } else {
    inferred = nestedShape(data as NestedArray);
    const flat: number[] = [];
    flatten(data as NestedArray, flat);
    values = Float32Array.from(flat);
  }
  if (shape === undefined) return new Tensor(values, inferred);
  const target = checkShape('tensor', 'shape', shape);
  if (inferred.length > 1 && sizeOf(target) === values.length && !(inferred.length === target.length && inferred.every((d, i) => d === target[i]))) {
    throw new ConvkitError('tensor', 'shape', `nested data has shape ${formatShape(inferred)} but shape ${formatShape(target)} was given`);
  }
  if (sizeOf(target) !== values.length) {
    throw new ConvkitError('tensor', 'shape', `shape ${formatShape(target)} needs ${sizeOf(target)} values, data has ${values.length}`);
  }
  return new Tensor(values, target);
}

/** All-zero tensor. */
export function zeros(shape: Shape): Tensor {
  const s = checkShape('zeros', 'shape', shape);
  return new Tensor(new Float32Array(sizeOf(s)), s);
}

/** All-one tensor. */
export function ones(shape: Shape): Tensor {
  return full(shape, 1);
}

/** Tensor filled with one value. */
export function full(shape: Shape, value: number): Tensor {
  const s = checkShape('full', 'shape', shape);
  return new Tensor(new Float32Array(sizeOf(s)).fill(value), s);
}

/** Options of the random constructors. */
export interface RandomOptions {
  /** Seed of the generator; the same seed gives the same values everywhere. Default 0. */
  seed?: number;
}

/** Standard-normal values from a seeded generator. */
export function randn(shape: Shape, options: RandomOptions = {}): Tensor {
  const s = checkShape('randn', 'shape', shape);
  const rng = new Random(options.seed ?? 0);
  const out = new Float32Array(sizeOf(s));
  for (let i = 0; i < out.length; i++) out[i] = rng.normal();
  return new Tensor(out, s);
}

/** Uniform values in `[low, high)` from a seeded generator. */
export function rand(shape: Shape, options: RandomOptions & { low?: number; high?: number } = {}): Tensor {
  const s = checkShape('rand', 'shape', shape);
  const rng = new Random(options.seed ?? 0);
  const low = options.low ?? 0;
  const high = options.high ?? 1;
  const out = new Float32Array(sizeOf(s));
  for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * rng.uniform();
  return new Tensor(out, s);
}

/** `0, 1, ..., n-1` (optionally reshaped), handy for hand-checkable examples. */
export function arange(n: number, shape?: Shape): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new ConvkitError('arange', 'n', `n must be a non-negative integer, got ${describeValue(n)}`);
  const t = new Tensor(Float32Array.from({ length: n }, (_, i) => i), [n]);
  return shape ? t.reshape(shape) : t;
}
