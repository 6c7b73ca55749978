import { ConvkitError, checkInteger, checkOptionNames, describeValue } from '../errors';
import { BatchNorm2d } from '../nn/batch_norm';
import { ReLU } from '../nn/activation';
import { Conv2d, DepthwiseConv2d, PointwiseConv2d } from '../nn/conv';
import { Flatten, Linear } from '../nn/linear';
import { Module } from '../nn/module';
import { GlobalAvgPool2d } from '../nn/pool';
import { Sequential } from '../nn/sequential';

/** Options of `models.mobilenetV1`. */
export interface MobileNetV1Options {
  /** Width multiplier α: every layer gets `floor(α·channels)` channels. Default 1. */
  alpha?: number;
  /**
   * Input side in pixels (the resolution multiplier ρ·224), default 224. The model's `inputShape`
   * becomes `[1, 3, resolution, resolution]`, which `summary(model)` uses when given no shape.
   */
  resolution?: number;
  /** Classifier outputs. Default 1000. */
  classes?: number;
  /** `'separable'` (the paper) or `'standard'` (each separable block as one full 3×3 conv). Default `'separable'`. */
  variant?: 'separable' | 'standard';
  /** Seed of the initial weights (allocated only when used). Default: drawn from the default generator (`manualSeed`). */
  seed?: number;
}

/** The 13 depthwise-separable blocks of Table 1 (Howard et al. 2017): [output channels, stride]. */
export const MOBILENET_V1_BLOCKS: ReadonlyArray<readonly [number, 1 | 2]> = [
  [64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2],
  [512, 1], [512, 1], [512, 1], [512, 1], [512, 1],
  [1024, 2], [1024, 1],
];

function convBnRelu(conv: Module, channels: number): Sequential {
  return new Sequential({ conv, bn: new BatchNorm2d(channels), relu: new ReLU() });
}

/**
 * MobileNet v1 from the paper's architecture table (arXiv 1704.04861, Table 1): a 3×3 stride-2
 * stem, 13 depthwise-separable blocks (3×3 depthwise + BN + ReLU, 1×1 pointwise + BN + ReLU),
 * global average pooling and a fully connected classifier. Convolutions have no bias (batch
 * norm follows). Built lazily: counting it allocates no weights.
 *
 * Layer names: `conv1`, `block{i}.depthwise`, `block{i}.pointwise` (separable) or
 * `block{i}.conv` (standard), `pool`, `flatten`, `fc`.
 */
export function mobilenetV1(options: MobileNetV1Options = {}): Sequential {
  checkOptionNames('mobilenetV1', options, ['alpha', 'resolution', 'classes', 'variant', 'seed']);
  const alpha = options.alpha ?? 1;
  if (typeof alpha !== 'number' || !(alpha > 0) || alpha > 4) {
    throw new ConvkitError('mobilenetV1', 'alpha', `alpha must be a number in (0, 4], got ${describeValue(alpha)}`);
  }
  const variant = options.variant ?? 'separable';
  if (variant !== 'separable' && variant !== 'standard') {
    throw new ConvkitError('mobilenetV1', 'variant', `variant must be 'separable' or 'standard', got ${describeValue(variant)}`);
  }
  const resolution = options.resolution ?? 224;
  if (!Number.isInteger(resolution) || resolution < 32) {
    throw new ConvkitError('mobilenetV1', 'resolution', `resolution must be an integer >= 32, got ${describeValue(resolution)}`);
  }
  const classes = checkInteger('mobilenetV1', 'classes', options.classes ?? 1000, 1);
  const width = (c: number) => Math.max(1, Math.floor(c * alpha));
  const layers: Record<string, Module> = {};
  let channels = width(32);
  layers.conv1 = convBnRelu(new Conv2d(3, channels, 3, { stride: 2, padding: 1, bias: false }), channels);
  MOBILENET_V1_BLOCKS.forEach(([out, stride], i) => {
    const next = width(out);
    layers[`block${i + 1}`] =
      variant === 'separable'
        ? new Sequential({
            depthwise: new DepthwiseConv2d(channels, 3, { stride, padding: 1, bias: false }),
            bn1: new BatchNorm2d(channels),
            relu1: new ReLU(),
            pointwise: new PointwiseConv2d(channels, next, { bias: false }),
            bn2: new BatchNorm2d(next),
            relu2: new ReLU(),
          })
        : new Sequential({ conv: new Conv2d(channels, next, 3, { stride, padding: 1, bias: false }), bn: new BatchNorm2d(next), relu: new ReLU() });
    channels = next;
  });
  layers.pool = new GlobalAvgPool2d();
  layers.flatten = new Flatten();
  layers.fc = new Linear(channels, classes);
  const model = new Sequential(layers, options.seed === undefined ? {} : { seed: options.seed });
  model.inputShape = [1, 3, resolution, resolution];
  return model;
}
