import { checkTensor } from '../ops/conv_options';
import { ConvkitError, checkInteger, checkOptionNames, formatShape } from '../errors';
import { Shape } from '../tensor/shape';
import { Tensor } from '../tensor/tensor';
import { Module, ModuleOptions } from './module';
import { WeightedModule, checkBiasFlag } from './weighted';

/** Options of `nn.Linear`. */
export interface LinearOptions extends ModuleOptions {
  /** Default true. */
  bias?: boolean;
}

/** Fully connected layer `y = x·Wᵀ + b`, weight `[out, in]`, torch's initialisation. */
export class Linear extends WeightedModule {
  readonly type = 'Linear';
  readonly inFeatures: number;
  readonly outFeatures: number;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super(options);
    checkOptionNames('nn.Linear', options, ['seed', 'bias']);
    this.inFeatures = checkInteger('nn.Linear', 'inFeatures', inFeatures, 1);
    this.outFeatures = checkInteger('nn.Linear', 'outFeatures', outFeatures, 1);
    this.initWeightAndBias([outFeatures, inFeatures], inFeatures, checkBiasFlag('nn.Linear', 'bias', options.bias));
  }

  private rows(inputShape: Shape): number {
    const last = inputShape[inputShape.length - 1];
    if (inputShape.length < 1 || inputShape.length > 2 || last !== this.inFeatures) {
      throw new ConvkitError(this.type, 'input', `input must have shape [N, ${this.inFeatures}] or [${this.inFeatures}], got ${formatShape(inputShape)}`);
    }
    return inputShape.length === 2 ? inputShape[0] : 1;
  }

  override outputShape(inputShape: Shape): number[] {
    this.rows(inputShape);
    return [...inputShape.slice(0, -1), this.outFeatures];
  }

  override ownMacs(inputShape: Shape): number {
    return this.rows(inputShape) * this.inFeatures * this.outFeatures;
  }

  override forward(x: Tensor): Tensor {
    checkTensor(this.type, 'x', x);
    const n = this.rows(x.shape);
    const w = this.weight.data;
    const b = this.bias?.data;
    const out = new Float32Array(n * this.outFeatures);
    for (let r = 0; r < n; r++) {
      for (let o = 0; o < this.outFeatures; o++) {
        let sum = b ? b[o] : 0;
        for (let i = 0; i < this.inFeatures; i++) sum += x.data[r * this.inFeatures + i] * w[o * this.inFeatures + i];
        out[r * this.outFeatures + o] = sum;
      }
    }
    return new Tensor(out, this.outputShape(x.shape));
  }

  override describe(): string {
    return `in=${this.inFeatures}, out=${this.outFeatures}`;
  }
}

/** Flattens all axes but the batch: `[N, C, H, W]` → `[N, C·H·W]`. */
export class Flatten extends Module {
  readonly type = 'Flatten';

  override outputShape(inputShape: Shape): number[] {
    if (inputShape.length < 2) {
      throw new ConvkitError(this.type, 'input', `input must have a batch axis and at least one more, got ${formatShape(inputShape)}`);
    }
    return [inputShape[0], inputShape.slice(1).reduce((a, b) => a * b, 1)];
  }

  override forward(x: Tensor): Tensor {
    checkTensor(this.type, 'x', x);
    return x.reshape(this.outputShape(x.shape));
  }
}
