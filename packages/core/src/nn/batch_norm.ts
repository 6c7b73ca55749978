import { checkTensor } from '../ops/conv_options';
import { ConvkitError, checkInteger, checkOptionNames, describeValue } from '../errors';
import { Shape } from '../tensor/shape';
import { Tensor } from '../tensor/tensor';
import { Module, ModuleOptions, checkImageShape } from './module';

/** Options of `nn.BatchNorm2d`. */
export interface BatchNorm2dOptions extends ModuleOptions {
  /** Added to the variance, default 1e-5 (torch). */
  eps?: number;
}

/**
 * Batch normalisation in inference mode (`torch.nn.BatchNorm2d(C).eval()`):
 * `y = (x − runningMean) / √(runningVar + eps) · weight + bias`. Learnable: weight, bias
 * (2·C parameters); running statistics are buffers, not parameters, as in torch.
 */
export class BatchNorm2d extends Module {
  readonly type = 'BatchNorm2d';
  readonly channels: number;
  readonly eps: number;
  /** Per-channel mean used at inference; zeros until set. */
  runningMean: Float32Array;
  /** Per-channel variance used at inference; ones until set. */
  runningVar: Float32Array;
  private readonly weightParam;
  private readonly biasParam;

  constructor(channels: number, options: BatchNorm2dOptions = {}) {
    super(options);
    this.channels = checkInteger('nn.BatchNorm2d', 'channels', channels, 1);
    checkOptionNames('nn.BatchNorm2d', options, ['seed', 'eps']);
    const eps = options.eps ?? 1e-5;
    if (typeof eps !== 'number' || !Number.isFinite(eps) || eps < 0) {
      throw new ConvkitError('nn.BatchNorm2d', 'eps', `eps must be a finite number >= 0, got ${describeValue(eps)}`);
    }
    this.eps = eps;
    this.weightParam = this.addParameter('weight', [channels], { kind: 'constant', value: 1 });
    this.biasParam = this.addParameter('bias', [channels], { kind: 'constant', value: 0 });
    this.runningMean = new Float32Array(channels);
    this.runningVar = new Float32Array(channels).fill(1);
  }

  get weight(): Tensor {
    return this.weightParam.tensor;
  }
  set weight(value: Tensor) {
    this.weightParam.set(this.type, 'weight', value);
  }
  get bias(): Tensor {
    return this.biasParam.tensor;
  }
  set bias(value: Tensor) {
    this.biasParam.set(this.type, 'bias', value);
  }

  override outputShape(inputShape: Shape): number[] {
    checkImageShape(this.type, inputShape, this.channels);
    return [...inputShape];
  }

  override forward(x: Tensor): Tensor {
    checkTensor(this.type, 'x', x);
    const { batched } = checkImageShape(this.type, x.shape, this.channels);
    const [n, c, h, w] = batched;
    const src = x.data;
    const out = new Float32Array(src.length);
    const plane = h * w;
    const gamma = this.weight.data;
    const beta = this.bias.data;
    for (let ch = 0; ch < c; ch++) {
      const scale = gamma[ch] / Math.sqrt(this.runningVar[ch] + this.eps);
      const shift = beta[ch] - this.runningMean[ch] * scale;
      for (let b = 0; b < n; b++) {
        const base = (b * c + ch) * plane;
        for (let i = base; i < base + plane; i++) out[i] = src[i] * scale + shift;
      }
    }
    return new Tensor(out, x.shape);
  }

  override describe(): string {
    return `${this.channels}, eps=${this.eps}`;
  }
}
