/**
 * The one error type convkit throws for bad input. Its message always names the
 * argument, what was expected and what came, e.g.
 * `conv2d: weight must have rank 4 [outC, inC/groups, kH, kW], got rank 3 [8, 3, 3]`.
 */
export class ConvkitError extends Error {
  /** The function or layer that rejected the input, e.g. `conv2d`. */
  readonly op: string;
  /** The argument at fault, e.g. `weight` or `options.stride`. */
  readonly argument: string;

  constructor(op: string, argument: string, message: string) {
    super(`${op}: ${message}`);
    this.name = 'ConvkitError';
    this.op = op;
    this.argument = argument;
  }
}

/** Formats a shape the way messages print it: `[1, 3, 8, 8]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Formats any value for an error message, briefly and without throwing. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? typeof value : text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return typeof value;
  }
}

/** Throws unless `value` is an integer within `[min, max]`. */
export function checkInteger(op: string, argument: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new ConvkitError(op, argument, `${argument} must be an integer ${range}, got ${describeValue(value)}`);
  }
  return value;
}

/** Rejects unknown option names, which would otherwise be silently ignored (a typo like `strides`). */
export function checkOptionNames(op: string, options: object | undefined, allowed: readonly string[]): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object') {
    throw new ConvkitError(op, 'options', `options must be an object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new ConvkitError(op, `options.${key}`, `unknown option ${JSON.stringify(key)}; expected one of ${allowed.join(', ')}`);
    }
  }
}
