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
    const cap = this.cap;
    return x.map((v) => (v > 0 ? (v < cap ? v : cap) : v === v ? 0 : v));
  }
}

/** `min(max(0, x), 6)`, the activation of MobileNet v1/v2. */
export class ReLU6 extends ReLU {
  override readonly type: string = 'ReLU6';
  protected override readonly cap: number = 6;
}
