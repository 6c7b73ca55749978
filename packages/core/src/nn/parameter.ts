import { ConvkitError, formatShape } from '../errors';
import { Random } from '../tensor/random';
import { Shape, sizeOf } from '../tensor/shape';
import { Tensor } from '../tensor/tensor';

/** How a parameter's first values are made: torch's defaults. */
export type Initializer =
  | { kind: 'uniform'; bound: number }
  | { kind: 'constant'; value: number };

/**
 * A learnable tensor whose shape is known up front but whose values are made only when first
 * read, so building and counting a large model allocates no weight memory.
 */
export class Parameter {
  readonly shape: readonly number[];
  private value: Tensor | undefined;
  private readonly init: Initializer;
  private readonly seedOf: () => number;

  constructor(shape: Shape, init: Initializer, seedOf: () => number) {
    this.shape = Object.freeze([...shape]);
    this.init = init;
    this.seedOf = seedOf;
  }

  /** Number of values. */
  get size(): number {
    return sizeOf(this.shape);
  }

  /** Whether values have been allocated. */
  get isMaterialized(): boolean {
    return this.value !== undefined;
  }

  /** The values, made on first access from the owning layer's seed. */
  get tensor(): Tensor {
    if (this.value === undefined) {
      const data = new Float32Array(this.size);
      if (this.init.kind === 'constant') {
        data.fill(this.init.value);
      } else {
        const rng = new Random(this.seedOf());
        const b = this.init.bound;
        for (let i = 0; i < data.length; i++) data[i] = (2 * rng.uniform() - 1) * b;
      }
      this.value = new Tensor(data, this.shape);
    }
    return this.value;
  }

  /** Replaces the values; the shape must match. */
  set(op: string, argument: string, value: Tensor): void {
    if (!(value instanceof Tensor) || value.shape.length !== this.shape.length || value.shape.some((d, i) => d !== this.shape[i])) {
      const got = value instanceof Tensor ? formatShape(value.shape) : String(value);
      throw new ConvkitError(op, argument, `${argument} must be a Tensor of shape ${formatShape(this.shape)}, got ${got}`);
    }
    this.value = value;
  }
}
