import { rejects } from '../testing/rejects';
import { conv2dMacsFor, conv2dParams, separableCostRatio, separableParams } from './conv_count';

// Hand-computed: the article's 10→20 layer with 7×7 kernels; MobileNet's eq. 5.
describe('closed-form counts', () => {
  test('the article: 10 → 20 channels, 7×7 kernels', () => {
    expect(conv2dParams({ inChannels: 10, outChannels: 20, kernelSize: 7, bias: false })).toBe(9800);
    expect(separableParams(10, 20, 7)).toBe(10 * 49 + 10 * 20); // 690
    expect(conv2dParams({ inChannels: 4, outChannels: 8, kernelSize: [3, 5], groups: 2 })).toBe(8 * 2 * 15 + 8);
    expect(conv2dMacsFor({ inChannels: 3, outChannels: 1, kernelSize: 3 }, 6, 6)).toBe(36 * 27);
    expect(separableCostRatio(256, 3)).toBeCloseTo(1 / 256 + 1 / 9, 15);
  });

  test.each([
    ['groups not dividing', () => conv2dParams({ inChannels: 3, outChannels: 4, kernelSize: 3, groups: 2 }), 'groups', /inChannels \(3\) and outChannels \(4\) must be divisible by groups \(2\)/],
    ['NaN output size', () => conv2dMacsFor({ inChannels: 3, outChannels: 4, kernelSize: 3 }, NaN, 2), 'outHeight', /outHeight must be an integer >= 0, got NaN/],
    ['fractional kernel', () => conv2dParams({ inChannels: 3, outChannels: 4, kernelSize: 2.5 }), 'kernelSize', /got 2\.5/],
    ['spec typo', () => conv2dParams({ inChannels: 3, outChannels: 4, kernel: 3 } as never), 'options.kernel', /unknown option "kernel"/],
    ['separable NaN', () => separableParams(NaN, 2, 3), 'inChannels', /inChannels must be an integer >= 1, got NaN/],
    ['ratio N = 0', () => separableCostRatio(0, 3), 'outChannels', /got 0/],
  ])('%s is an error', (_name, fn, argument, pattern) => {
    rejects(fn, argument, pattern);
  });
});
