import { ConvkitError, checkOptionNames, describeValue, formatShape } from '../errors';
import { Random, checkSeed, defaultRandom } from './random';
import { Shape, checkShape, sizeOf } from './shape';
import { NestedArray, Tensor } from './tensor';

/** Infers the shape of nested arrays and checks they are rectangular. */
function nestedShape(op: string, value: NestedArray, path: string): number[] {
  if (typeof value === 'number') return [];
  if (!Array.isArray(value)) {
    throw new ConvkitError(op, path.replace(/\[.*$/, ''), `${path} must be a number or an array, got ${describeValue(value)}`);
  }
  if (value.length === 0) return [0];
  const inner = nestedShape(op, value[0], `${path}[0]`);
  for (let i = 1; i < value.length; i++) {
    const other = nestedShape(op, value[i], `${path}[${i}]`);
    if (other.length !== inner.length || other.some((d, k) => d !== inner[k])) {
      throw new ConvkitError(
        op,
        path.replace(/\[.*$/, ''),
        `nested arrays must be rectangular: ${path}[0] has shape ${formatShape(inner)} but ${path}[${i}] has ${formatShape(other)}`,
      );
    }
  }
  return [value.length, ...inner];
}

/** @internal A tensor from nested number arrays, with errors under `op` naming `argument`. */
export function tensorFromNested(op: string, argument: string, data: NestedArray): Tensor {
  const shape = nestedShape(op, data, argument);
  const flat: number[] = [];
  flatten(data, flat);
  return new Tensor(Float32Array.from(flat), shape);
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
    const t = tensorFromNested('tensor', 'data', data as NestedArray);
    values = t.data;
    inferred = [...t.shape];
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

/** Largest tensor: 2³¹ − 1 elements (8 GiB of float32), below every engine's typed-array limit. */
const MAX_ELEMENTS = 2 ** 31 - 1;

/** A zeroed Float32Array for a shape, or a clear error when it is too large to allocate. */
export function allocate(op: string, shape: Shape): Float32Array {
  const n = sizeOf(shape);
  if (n > MAX_ELEMENTS) {
    throw new ConvkitError(op, 'shape', `shape ${formatShape(shape)} has ${n.toExponential(3)} elements; at most ${MAX_ELEMENTS} (8 GiB of float32) fit in one tensor`);
  }
  try {
    return new Float32Array(n);
  } catch (e) {
    throw new ConvkitError(op, 'shape', `could not allocate ${formatShape(shape)} (${(4 * n / 2 ** 30).toFixed(2)} GiB of float32): ${(e as Error).message}`);
  }
}

/** All-zero tensor. */
export function zeros(shape: Shape): Tensor {
  const s = checkShape('zeros', 'shape', shape);
  return new Tensor(allocate('zeros', s), s);
}

/** All-one tensor. */
export function ones(shape: Shape): Tensor {
  return full(shape, 1);
}

/** Tensor filled with one value. */
export function full(shape: Shape, value: number): Tensor {
  const s = checkShape('full', 'shape', shape);
  if (typeof value !== 'number') throw new ConvkitError('full', 'value', `value must be a number, got ${describeValue(value)}`);
  return new Tensor(allocate('full', s).fill(value), s);
}

/** Options of the random constructors. */
export interface RandomOptions {
  /**
   * Seed (an integer in [0, 2³² − 1]) of a private generator: the same seed gives the same values
   * everywhere. Without one, values come from the default generator, which advances with each
   * call (reseed it with `manualSeed`), as `torch.randn` does.
   */
  seed?: number;
}

/** Options of `rand`. */
export interface UniformOptions extends RandomOptions {
  /** Lower bound (inclusive), default 0. */
  low?: number;
  /** Upper bound (exclusive), default 1; must be greater than `low`. */
  high?: number;
}

function generatorFor(op: string, options: RandomOptions, names: readonly string[]): Random {
  checkOptionNames(op, options, names);
  return options.seed === undefined ? defaultRandom() : new Random(checkSeed(op, options.seed, 'options.seed'));
}

/**
 * Standard-normal values (Box–Muller over a 32-bit generator).
 *
 * @example
 * randn([2, 3], { seed: 1 });   // the same values in every process and browser
 * randn([2, 3]);                // the next values of the default generator (see `manualSeed`)
 */
export function randn(shape: Shape, options: RandomOptions = {}): Tensor {
  const s = checkShape('randn', 'shape', shape);
  const rng = generatorFor('randn', options, ['seed']);
  const out = allocate('randn', s);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal();
  return new Tensor(out, s);
}

/** Uniform values in `[low, high)`; see `randn` for seeding. */
export function rand(shape: Shape, options: UniformOptions = {}): Tensor {
  const s = checkShape('rand', 'shape', shape);
  const rng = generatorFor('rand', options, ['seed', 'low', 'high']);
  const low = options.low ?? 0;
  const high = options.high ?? 1;
  if (typeof low !== 'number' || typeof high !== 'number' || !Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    throw new ConvkitError('rand', 'options.high', `low and high must be finite numbers with low < high, got low=${describeValue(low)}, high=${describeValue(high)}`);
  }
  const out = allocate('rand', s);
  for (let i = 0; i < out.length; i++) out[i] = low + (high - low) * rng.uniform();
  return new Tensor(out, s);
}

/** `0, 1, ..., n-1` (optionally reshaped), handy for hand-checkable examples. */
export function arange(n: number, shape?: Shape): Tensor {
  if (!Number.isInteger(n) || n < 0) throw new ConvkitError('arange', 'n', `n must be a non-negative integer, got ${describeValue(n)}`);
  const t = new Tensor(Float32Array.from({ length: n }, (_, i) => i), [n]);
  return shape ? t.reshape(shape) : t;
}
