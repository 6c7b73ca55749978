import { ConvkitError, checkOptionNames } from '../errors';
import { Pair, checkTensor, resolvePair } from '../ops/conv_options';
import { Shape } from '../tensor/shape';
import { Tensor } from '../tensor/tensor';
import { Module, checkImageShape, unbatch } from './module';

/** Options of `nn.AvgPool2d`. */
export interface AvgPool2dOptions {
  /** Default: the kernel size. */
  stride?: Pair;
  /** Zero padding on each side, default 0; padded zeros count in the mean (torch's `count_include_pad=True`). */
  padding?: Pair;
}

/** Average pooling over `k×k` windows, `torch.nn.AvgPool2d`. No parameters, no MACs counted. */
export class AvgPool2d extends Module {
  readonly type = 'AvgPool2d';
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];

  constructor(kernelSize: Pair, options: AvgPool2dOptions = {}) {
    super();
    const op = 'nn.AvgPool2d';
    checkOptionNames(op, options, ['stride', 'padding']);
    this.kernelSize = resolvePair(op, 'kernelSize', kernelSize, 1, 1);
    this.stride = resolvePair(op, 'stride', options.stride ?? this.kernelSize, 1, 1);
    this.padding = resolvePair(op, 'padding', options.padding ?? 0, 0, 0);
    if (this.padding[0] * 2 > this.kernelSize[0] || this.padding[1] * 2 > this.kernelSize[1]) {
      throw new ConvkitError(op, 'padding', `padding must be at most half the kernel size (${this.kernelSize.join('×')}), got ${this.padding.join(', ')}`);
    }
  }

  override outputShape(inputShape: Shape): number[] {
    const { batched, unbatched } = checkImageShape(this.type, inputShape);
    const [n, c, h, w] = batched;
    const oh = Math.floor((h + 2 * this.padding[0] - this.kernelSize[0]) / this.stride[0]) + 1;
    const ow = Math.floor((w + 2 * this.padding[1] - this.kernelSize[1]) / this.stride[1]) + 1;
    if (oh < 1 || ow < 1) {
      throw new ConvkitError(this.type, 'input', `input ${h}×${w} (padded ${h + 2 * this.padding[0]}×${w + 2 * this.padding[1]}) is smaller than the pooling window ${this.kernelSize.join('×')}`);
    }
    return unbatch([n, c, oh, ow], unbatched);
  }

  override forward(x: Tensor): Tensor {
    checkTensor(this.type, 'x', x);
    const outShape = this.outputShape(x.shape);
    const [n, c, h, w] = checkImageShape(this.type, x.shape).batched;
    const [oh, ow] = outShape.slice(-2);
    const [kh, kw] = this.kernelSize;
    const [sh, sw] = this.stride;
    const [ph, pw] = this.padding;
    const out = new Float32Array(n * c * oh * ow);
    const area = kh * kw;
    for (let p = 0; p < n * c; p++) {
      const src = p * h * w;
      for (let i = 0; i < oh; i++) {
        for (let j = 0; j < ow; j++) {
          let sum = 0;
          for (let a = 0; a < kh; a++) {
            const y = i * sh - ph + a;
            if (y < 0 || y >= h) continue;
            for (let b = 0; b < kw; b++) {
              const xx = j * sw - pw + b;
              if (xx >= 0 && xx < w) sum += x.data[src + y * w + xx];
            }
          }
          out[(p * oh + i) * ow + j] = sum / area;
        }
      }
    }
    return new Tensor(out, outShape);
  }

  override describe(): string {
    return `kernel_size=${this.kernelSize.join('×')}, stride=${this.stride.join('×')}`;
  }
}

/** Mean over each channel's whole plane: `[N, C, H, W]` → `[N, C, 1, 1]` (torch `AdaptiveAvgPool2d(1)`). */
export class GlobalAvgPool2d extends Module {
  readonly type = 'GlobalAvgPool2d';

  override outputShape(inputShape: Shape): number[] {
    const { batched, unbatched } = checkImageShape(this.type, inputShape);
    return unbatch([batched[0], batched[1], 1, 1], unbatched);
  }

  override forward(x: Tensor): Tensor {
    checkTensor(this.type, 'x', x);
    const [n, c, h, w] = checkImageShape(this.type, x.shape).batched;
    const out = new Float32Array(n * c);
    const plane = h * w;
    for (let p = 0; p < n * c; p++) {
      let sum = 0;
      for (let i = 0; i < plane; i++) sum += x.data[p * plane + i];
      out[p] = sum / plane;
    }
    return new Tensor(out, this.outputShape(x.shape));
  }
}
