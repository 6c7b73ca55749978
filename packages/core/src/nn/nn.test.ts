import { ConvkitError } from '../errors';
import { rejects } from '../testing/rejects';
import { conv2d } from '../ops/conv2d';
import { separableConv2d } from '../ops/separable_conv2d';
import { maxAbsDiff } from '../tensor/compare';
import { randn, tensor } from '../tensor/create';
import { manualSeed } from '../tensor/random';
import { summary } from '../summary/summary';
import * as nn from './index';

// Parameter counts below are hand-computed from torch.nn's definitions, e.g.
// torch.nn.Conv2d(3, 8, 3) has 8·3·3·3 + 8 = 224 parameters.
describe('parameter counts (hand-computed, as torch.nn)', () => {
  test.each([
    ['Conv2d(3, 8, 3)', () => new nn.Conv2d(3, 8, 3), 224],
    ['Conv2d(3, 8, 3, bias false)', () => new nn.Conv2d(3, 8, 3, { bias: false }), 216],
    ['Conv2d(4, 8, [3, 5], groups 2)', () => new nn.Conv2d(4, 8, [3, 5], { groups: 2 }), 8 * 2 * 15 + 8],
    ['DepthwiseConv2d(3, 3, multiplier 2)', () => new nn.DepthwiseConv2d(3, 3, { multiplier: 2 }), 6 * 9 + 6],
    ['PointwiseConv2d(3, 5)', () => new nn.PointwiseConv2d(3, 5), 15 + 5],
    ['BatchNorm2d(16)', () => new nn.BatchNorm2d(16), 32],
    ['Linear(1024, 1000)', () => new nn.Linear(1024, 1000), 1025000],
  ])('%s', (_name, make, expected) => {
    expect(make().parameterCount).toBe(expected);
  });
});

describe("the article's examples", () => {
  test('3×8×8 input, 3×3×3 filter: standard gives 1 channel, depthwise 3', () => {
    expect(summary(new nn.Conv2d(3, 1, 3, { bias: false }), [1, 3, 8, 8]).outputShape).toEqual([1, 1, 6, 6]);
    expect(summary(new nn.DepthwiseConv2d(3, 3, { bias: false }), [1, 3, 8, 8]).outputShape).toEqual([1, 3, 6, 6]);
    expect(new nn.Conv2d(3, 1, 3, { bias: false }).parameterCount).toBe(27);
  });

  test('separable 27 + 9 = 36 parameters vs standard 81 for 3 outputs', () => {
    const sep = summary(new nn.SeparableConv2d(3, 3, 3, { bias: false }), [1, 3, 8, 8]);
    expect(sep.rows.map((r) => r.params)).toEqual([27, 9]);
    expect(sep.totalParams).toBe(36);
    expect(summary(new nn.Conv2d(3, 3, 3, { bias: false }), [1, 3, 8, 8]).totalParams).toBe(81);
    // 6×6 outputs: depthwise 3·36·9 = 972, pointwise 3·36·3 = 324 multiply-adds.
    expect(sep.totalMacs).toBe(972 + 324);
  });

  test('10 → 20 channels, 7×7: 9,800 vs 690 parameters', () => {
    expect(new nn.Conv2d(10, 20, 7, { bias: false }).parameterCount).toBe(9800);
    expect(new nn.SeparableConv2d(10, 20, 7, { bias: false }).parameterCount).toBe(690);
  });

  test('12×12×3 image, 5×5 kernel, 256 outputs: 1,228,800 vs 53,952 multiplications', () => {
    expect(summary(new nn.Conv2d(3, 256, 5, { bias: false }), [1, 3, 12, 12]).totalMacs).toBe(1228800);
    expect(summary(new nn.SeparableConv2d(3, 256, 5, { bias: false }), [1, 3, 12, 12]).totalMacs).toBe(53952);
  });
});

describe('forward equals the functional ops with the layer weights', () => {
  const x = randn([2, 4, 9, 9], { seed: 5 });
  test('Conv2d', () => {
    const layer = new nn.Conv2d(4, 6, 3, { stride: 2, padding: 1, seed: 1 });
    expect(maxAbsDiff(layer.forward(x), conv2d(x, layer.weight, { stride: 2, padding: 1, bias: layer.bias }))).toBe(0);
  });
  test('SeparableConv2d', () => {
    const layer = new nn.SeparableConv2d(4, 5, 3, { padding: 'same', seed: 2 });
    const ref = separableConv2d(x, layer.depthwise.weight, layer.pointwise.weight, { padding: 'same', bias: layer.pointwise.bias });
    expect(maxAbsDiff(layer.forward(x), ref)).toBe(0);
    expect(layer.outputShape(x.shape)).toEqual([2, 5, 9, 9]);
  });
  test('BatchNorm2d in inference mode: (x − mean)/√(var + eps)·γ + β by hand', () => {
    const bn = new nn.BatchNorm2d(1, { eps: 0 });
    bn.runningMean[0] = 1;
    bn.runningVar[0] = 4;
    bn.weight = tensor([3]);
    bn.bias = tensor([0.5]);
    expect(Array.from(bn.forward(tensor([5, 1, -1], [1, 1, 1, 3])).data)).toEqual([6.5, 0.5, -2.5]);
  });
  test('ReLU6, pools, Flatten, Linear by hand', () => {
    expect(Array.from(new nn.ReLU6().forward(tensor([-1, 3, 9])).data)).toEqual([0, 3, 6]);
    const img = tensor([[[1, 2], [3, 4]]]);
    expect(Array.from(new nn.GlobalAvgPool2d().forward(img).data)).toEqual([2.5]);
    expect(Array.from(new nn.AvgPool2d(2, { stride: 1, padding: 1 }).forward(img).data)).toEqual([0.25, 0.75, 0.5, 1, 2.5, 1.5, 0.75, 1.75, 1]);
    const fc = new nn.Linear(2, 1);
    fc.weight = tensor([[2, -1]]);
    expect(fc.forward(tensor([[3, 4]])).get(0, 0)).toBeCloseTo(2 + (fc.bias?.get(0) ?? 0), 6);
    expect(new nn.Flatten().outputShape([2, 3, 4, 5])).toEqual([2, 60]);
  });
});

describe('initialisation', () => {
  test('seeded, torch-like bound ±1/√fan_in, lazy', () => {
    const a = new nn.Conv2d(8, 4, 3, { seed: 7 });
    expect(a.isMaterialized).toBe(false);
    const w = a.weight;
    expect(a.isMaterialized).toBe(true);
    const bound = 1 / Math.sqrt(8 * 9);
    expect(Math.max(...Array.from(w.data).map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...Array.from(w.data).map(Math.abs))).toBeGreaterThan(0.9 * bound);
    expect(maxAbsDiff(new nn.Conv2d(8, 4, 3, { seed: 7 }).weight, w)).toBe(0);
  });
  test('equal layers in a Sequential get different weights', () => {
    const seq = new nn.Sequential(new nn.Conv2d(2, 2, 3), new nn.Conv2d(2, 2, 3));
    const [[, first], [, second]] = seq.children() as [string, nn.Conv2d][];
    expect(maxAbsDiff(first.weight, second.weight)).toBeGreaterThan(0);
  });
});

describe('bad input is named', () => {
  test('wrong channel count', () => {
    const layer = new nn.Conv2d(3, 4, 3);
    expect(() => layer.forward(randn([1, 5, 8, 8]))).toThrow(ConvkitError);
    expect(() => layer.forward(randn([1, 5, 8, 8]))).toThrow('Conv2d: input must have 3 channels (shape [N, 3, H, W]), got [1, 5, 8, 8]');
    expect(() => summary(layer, [1, 3])).toThrow(/input must have shape \[C, H, W\] or \[N, C, H, W\], got \[1, 3\]/);
  });
  test('bad sizes and weights', () => {
    expect(() => new nn.Conv2d(3, 4, 0)).toThrow(/kernelSize must be an integer >= 1, got 0/);
    expect(() => new nn.Conv2d(3, 4, 3, { groups: 2 })).toThrow(/divisible by groups \(2\)/);
    expect(() => new nn.Conv2d(3.5, 4, 3)).toThrow(/inChannels must be an integer >= 1, got 3.5/);
    const layer = new nn.Conv2d(3, 4, 3);
    expect(() => {
      layer.weight = randn([4, 3, 5, 5]);
    }).toThrow('Conv2d: weight must be a Tensor of shape [4, 3, 3, 3], got [4, 3, 5, 5]');
    expect(() => new nn.Linear(4, 2).forward(randn([1, 5]))).toThrow('Linear: input must have shape [N, 4] or [4], got [1, 5]');
  });
});

describe('options are checked when a layer is built (as torch.nn), not at its first forward', () => {
  test.each([
    ['a typo', () => new nn.Conv2d(3, 8, 3, { strides: 2 } as never), 'options.strides', /unknown option "strides"; expected one of seed, stride, padding/],
    ['NaN stride', () => new nn.Conv2d(3, 8, 3, { stride: NaN }), 'stride', /stride must be an integer >= 1, got NaN/],
    ['padding mode', () => new nn.Conv2d(3, 8, 3, { paddingMode: 'mirror' as never }), 'paddingMode', /paddingMode must be one of 'zeros', 'reflect', 'replicate', 'circular', got "mirror"/],
    ["'same' with stride 2", () => new nn.Conv2d(3, 8, 3, { padding: 'same', stride: 2 }), 'padding', /padding='same' needs stride 1 \(as in PyTorch\), got stride \[2, 2\]/],
    ['kernelSize [3]', () => new nn.Conv2d(3, 8, [3] as never), 'kernelSize', /kernelSize must be an integer or \[kH, kW\], got \[3\]/],
    ['bias "no"', () => new nn.Conv2d(3, 8, 3, { bias: 'no' as never }), 'bias', /bias must be true or false, got "no"/],
    ['depthwise groups', () => new nn.DepthwiseConv2d(3, 3, { groups: 3 } as never), 'options.groups', /unknown option "groups"/],
    ['pointwise padding', () => new nn.PointwiseConv2d(3, 3, { padding: 1 } as never), 'options.padding', /unknown option "padding"/],
    ['separable typo', () => new nn.SeparableConv2d(3, 8, 3, { depthMultiplier: 2 } as never), 'options.depthMultiplier', /unknown option "depthMultiplier"/],
    ['separable same + stride', () => new nn.SeparableConv2d(3, 8, 3, { padding: 'same', stride: 2 }), 'padding', /padding='same' needs stride 1/],
    ['batch norm eps NaN', () => new nn.BatchNorm2d(4, { eps: NaN }), 'eps', /eps must be a finite number >= 0, got NaN/],
    ['batch norm eps -1', () => new nn.BatchNorm2d(4, { eps: -1 }), 'eps', /got -1/],
    ['linear typo', () => new nn.Linear(4, 2, { bais: false } as never), 'options.bais', /unknown option "bais"/],
    ['pool stride 0', () => new nn.AvgPool2d(2, { stride: 0 }), 'stride', /stride must be an integer >= 1, got 0/],
    ['seed 1.5', () => new nn.Conv2d(3, 8, 3, { seed: 1.5 }), 'options.seed', /options.seed must be an integer in \[0, 4294967295\], got 1.5/],
  ])('%s', (_name, make, argument, pattern) => {
    rejects(make, argument, pattern);
  });

  test('forward of something that is not a tensor is a ConvkitError', () => {
    expect(() => new nn.ReLU().forward([1, 2] as never)).toThrow('ReLU: x must be a Tensor, got [1, 2]');
    expect(() => new nn.Sequential(new nn.ReLU()).forward({} as never)).toThrow(ConvkitError);
  });
});

describe('seeding (torch-like)', () => {
  test('a seeded layer always gets the same weights; unseeded layers draw from the default generator', () => {
    expect(new nn.Conv2d(2, 2, 3, { seed: 9 }).weight.data).toEqual(new nn.Conv2d(2, 2, 3, { seed: 9 }).weight.data);
    manualSeed(3);
    const a = new nn.Conv2d(2, 2, 3).weight;
    const b = new nn.Conv2d(2, 2, 3).weight;
    expect(maxAbsDiff(a, b)).toBeGreaterThan(0);
    manualSeed(3);
    expect(new nn.Conv2d(2, 2, 3).weight.data).toEqual(a.data);
  });

  test('initial weights lie in ±1/√fan_in, as torch.nn.Conv2d (kaiming_uniform with a=√5)', () => {
    const layer = new nn.Conv2d(4, 8, 3, { seed: 1 });
    const bound = 1 / Math.sqrt(4 * 9);
    const w = Array.from(layer.weight.data);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.9 * bound);
  });
});
