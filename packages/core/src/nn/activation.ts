import { checkTensor } from '../ops/conv_options';
import { Shape } from '../tensor/shape';
import { Tensor } from '../tensor/tensor';
import { Module } from './module';

/** `max(0, x)`, element-wise. */
export class ReLU extends Module {
  readonly type: string = 'ReLU';
  protected readonly cap: number = Infinity;

  override outputShape(inputShape: Shape): number[] {
    return [...inputShape];
  }

  override forward(x: Tensor): Tensor {
    checkTensor(this.type, 'x', x);
    // A plain loop, not Tensor.map: activations are a large share of a model's time.
    const cap = this.cap;
    const src = x.data;
    const out = new Float32Array(src.length);
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      out[i] = v > 0 ? (v < cap ? v : cap) : v === v ? 0 : v; // NaN stays NaN, as in torch
    }
    return new Tensor(out, x.shape);
  }
}

/** `min(max(0, x), 6)`, the activation of MobileNet v1/v2. */
export class ReLU6 extends ReLU {
  override readonly type: string = 'ReLU6';
  protected override readonly cap: number = 6;
}
