import { ConvkitError, describeValue } from '../errors';
import { Shape } from '../tensor/shape';
import { Tensor } from '../tensor/tensor';
import { Module } from './module';
import { Parameter } from './parameter';

/** A layer with a weight and an optional bias, initialised as torch does for Conv and Linear. */
export abstract class WeightedModule extends Module {
  private weightParam: Parameter | undefined;
  private biasParam: Parameter | null = null;

  /** Registers `weight` (and `bias` unless disabled), both uniform in ±1/√fanIn like torch. */
  protected initWeightAndBias(weightShape: Shape, fanIn: number, bias: boolean): void {
    const bound = 1 / Math.sqrt(fanIn);
    this.weightParam = this.addParameter('weight', weightShape, { kind: 'uniform', bound });
    this.biasParam = bias ? this.addParameter('bias', [weightShape[0]], { kind: 'uniform', bound }) : null;
  }

  /** The weight; allocated on first access. */
  get weight(): Tensor {
    return (this.weightParam as Parameter).tensor;
  }
  set weight(value: Tensor) {
    (this.weightParam as Parameter).set(this.type, 'weight', value);
  }

  /** `[out]`, or null for a layer built with `bias: false`. */
  get bias(): Tensor | null {
    return this.biasParam ? this.biasParam.tensor : null;
  }
  set bias(value: Tensor | null) {
    if (!this.biasParam) throw new ConvkitError(this.type, 'bias', 'this layer was built with bias: false');
    if (value === null) throw new ConvkitError(this.type, 'bias', 'bias must be a Tensor; build the layer with bias: false instead');
    this.biasParam.set(this.type, 'bias', value);
  }

  /** Shape of the weight, known without allocating it. */
  protected get weightShape(): readonly number[] {
    return (this.weightParam as Parameter).shape;
  }
}

/** Checks a layer's `bias` flag: a boolean or absent. */
export function checkBiasFlag(op: string, argument: string, value: unknown): boolean {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new ConvkitError(op, argument, `${argument} must be true or false, got ${describeValue(value)}`);
  }
  return value !== false;
}
