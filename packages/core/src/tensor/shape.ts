import { ConvkitError, describeValue, formatShape } from '../errors';

/** A tensor shape: non-negative integer sizes, outermost first (row-major). */
export type Shape = readonly number[];

/** Number of elements of a shape (1 for a scalar `[]`). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** Validates a shape: every dimension a non-negative integer. */
export function checkShape(op: string, argument: string, shape: unknown): number[] {
  if (!Array.isArray(shape)) {
    throw new ConvkitError(op, argument, `${argument} must be an array of non-negative integers, got ${describeValue(shape)}`);
  }
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new ConvkitError(op, argument, `${argument} must hold non-negative integers, got ${describeValue(shape)}`);
    }
  }
  return shape.slice() as number[];
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function checkSameShape(op: string, a: Shape, b: Shape, nameA = 'a', nameB = 'b'): void {
  if (!shapesEqual(a, b)) {
    throw new ConvkitError(op, nameB, `${nameA} and ${nameB} must have the same shape, got ${formatShape(a)} and ${formatShape(b)}`);
  }
}
