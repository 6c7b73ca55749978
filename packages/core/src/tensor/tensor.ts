import { ConvkitError, describeValue, formatShape } from '../errors';
import { Shape, checkShape, sizeOf, stridesOf } from './shape';
import { formatTensor } from './format';

/** Nested number arrays, as `tensor()` accepts and `toArray()` returns. */
export type NestedArray = number | NestedArray[];

/**
 * A dense float32 tensor, row-major. Images are NCHW (`[N, C, H, W]`) or CHW (`[C, H, W]`).
 * Tensors are immutable by convention: ops return new tensors and never write to their inputs.
 */
export class Tensor {
  /** Sizes, outermost first. */
  readonly shape: readonly number[];
  /** The values, row-major; `data.length === size`. */
  readonly data: Float32Array;

  constructor(data: Float32Array, shape: Shape) {
    const checked = checkShape('Tensor', 'shape', shape);
    if (!(data instanceof Float32Array)) {
      throw new ConvkitError('Tensor', 'data', `data must be a Float32Array, got ${describeValue(data)}`);
    }
    if (data.length !== sizeOf(checked)) {
      throw new ConvkitError(
        'Tensor',
        'data',
        `data has ${data.length} values but shape ${formatShape(checked)} needs ${sizeOf(checked)}`,
      );
    }
    this.shape = Object.freeze(checked);
    this.data = data;
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Always `'float32'`. */
  get dtype(): 'float32' {
    return 'float32';
  }

  /** Value at a full index, e.g. `t.get(0, 2, 3, 4)`; negative indices count from the end. */
  get(...index: number[]): number {
    return this.data[this.offsetOf(index, 'get')];
  }

  /** Flat offset of a full index. */
  offsetOf(index: readonly number[], op = 'offsetOf'): number {
    if (index.length !== this.rank) {
      throw new ConvkitError(op, 'index', `index must have ${this.rank} entries for shape ${formatShape(this.shape)}, got ${index.length}`);
    }
    const strides = stridesOf(this.shape);
    let offset = 0;
    for (let i = 0; i < index.length; i++) {
      let k = index[i];
      const n = this.shape[i];
      if (!Number.isInteger(k) || k < -n || k >= n) {
        throw new ConvkitError(op, 'index', `index ${i} must be an integer in [${-n}, ${n - 1}], got ${describeValue(k)}`);
      }
      if (k < 0) k += n;
      offset += k * strides[i];
    }
    return offset;
  }

  /** Same values, new shape; one dimension may be `-1` (inferred). Shares no memory. */
  reshape(shape: readonly number[]): Tensor {
    if (!Array.isArray(shape)) throw new ConvkitError('reshape', 'shape', `shape must be an array of sizes, got ${describeValue(shape)}`);
    const dims = shape.slice();
    const free = dims.indexOf(-1);
    if (dims.lastIndexOf(-1) !== free) {
      throw new ConvkitError('reshape', 'shape', `only one dimension can be -1 (inferred), got ${formatShape(shape)}`);
    }
    if (free >= 0) {
      const known = dims.reduce((p, d, i) => (i === free ? p : p * d), 1);
      if (known === 0 || this.size % known !== 0) {
        throw new ConvkitError('reshape', 'shape', `cannot reshape ${formatShape(this.shape)} (${this.size} values) to ${formatShape(shape)}`);
      }
      dims[free] = this.size / known;
    }
    if (dims.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < 0)) {
      throw new ConvkitError('reshape', 'shape', `shape must hold non-negative integers (and at most one -1), got ${describeValue(shape)}`);
    }
    const checked = checkShape('reshape', 'shape', dims);
    if (sizeOf(checked) !== this.size) {
      throw new ConvkitError('reshape', 'shape', `cannot reshape ${formatShape(this.shape)} (${this.size} values) to ${formatShape(shape)} (${sizeOf(checked)} values)`);
    }
    return new Tensor(this.data.slice(), checked);
  }

  /**
   * Index along the first axis: `t.at(i)` of a `[N, C, H, W]` tensor is the `[C, H, W]` image i,
   * of a `[C, H, W]` tensor the `[H, W]` channel i.
   */
  at(i: number): Tensor {
    if (this.rank === 0) throw new ConvkitError('at', 'tensor', 'cannot index a scalar tensor');
    const n = this.shape[0];
    if (!Number.isInteger(i) || i < -n || i >= n) {
      throw new ConvkitError('at', 'index', `index must be an integer in [${-n}, ${n - 1}], got ${describeValue(i)}`);
    }
    const k = i < 0 ? i + n : i;
    const inner = this.shape.slice(1);
    const step = sizeOf(inner);
    return new Tensor(this.data.slice(k * step, (k + 1) * step), inner);
  }

  /**
   * Channel `c` of a `[C, H, W]` or `[N, C, H, W]` tensor, keeping the channel axis
   * (`[1, H, W]` or `[N, 1, H, W]`). Negative `c` counts from the end.
   */
  channel(c: number): Tensor {
    const channels = this.channelCount('channel');
    if (!Number.isInteger(c) || c < -channels || c >= channels) {
      throw new ConvkitError('channel', 'c', `c must be an integer in [${-channels}, ${channels - 1}], got ${describeValue(c)}`);
    }
    const k = c < 0 ? c + channels : c;
    return this.sliceChannels(k, k + 1);
  }

  /**
   * Channels `start … end − 1` of a `[C, H, W]` or `[N, C, H, W]` tensor, like `x[:, start:end]`
   * in PyTorch (negative bounds count from the end; `end` defaults to C).
   */
  sliceChannels(start: number, end?: number): Tensor {
    const channels = this.channelCount('sliceChannels');
    const bound = (name: string, v: number) => {
      if (!Number.isInteger(v) || v < -channels || v > channels) {
        throw new ConvkitError('sliceChannels', name, `${name} must be an integer in [${-channels}, ${channels}], got ${describeValue(v)}`);
      }
      return v < 0 ? v + channels : v;
    };
    const from = bound('start', start);
    const to = bound('end', end ?? channels);
    if (to <= from) {
      throw new ConvkitError('sliceChannels', 'end', `end must be after start (an empty slice is almost always a mistake), got start=${start}, end=${end ?? channels} of ${channels} channels`);
    }
    const chAxis = this.rank - 3;
    const n = this.rank === 4 ? this.shape[0] : 1;
    const plane = this.shape[chAxis + 1] * this.shape[chAxis + 2];
    const count = to - from;
    const out = new Float32Array(n * count * plane);
    for (let b = 0; b < n; b++) {
      out.set(this.data.subarray((b * channels + from) * plane, (b * channels + to) * plane), b * count * plane);
    }
    const shape = this.shape.slice();
    shape[chAxis] = count;
    return new Tensor(out, shape);
  }

  private channelCount(op: string): number {
    if (this.rank !== 3 && this.rank !== 4) {
      throw new ConvkitError(op, 'tensor', `tensor must be [C, H, W] or [N, C, H, W], got ${formatShape(this.shape)}`);
    }
    return this.shape[this.rank - 3];
  }

  /** Nested arrays of numbers, like `torch.Tensor.tolist()`. */
  toArray(): NestedArray {
    const build = (dim: number, offset: number, strides: number[]): NestedArray => {
      if (dim === this.rank) return this.data[offset];
      const out: NestedArray[] = [];
      for (let i = 0; i < this.shape[dim]; i++) out.push(build(dim + 1, offset + i * strides[dim], strides));
      return out;
    };
    return build(0, 0, stridesOf(this.shape));
  }

  /** A copy that owns its memory. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  /** Elementwise map into a new tensor. */
  map(fn: (value: number, index: number) => number): Tensor {
    const out = new Float32Array(this.size);
    for (let i = 0; i < out.length; i++) out[i] = fn(this.data[i], i);
    return new Tensor(out, this.shape);
  }

  /** numpy-like text, truncated for large tensors. */
  toString(): string {
    return formatTensor(this.data, this.shape);
  }
}
