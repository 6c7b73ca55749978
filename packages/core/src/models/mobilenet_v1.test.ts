import { summary } from '../summary/summary';
import { mobilenetV1 } from './mobilenet_v1';

// Outside references: Howard et al. 2017 (arXiv 1704.04861), Tables 4, 6 and 7, which give
// parameters to 0.1 M and multiply-adds to 1 M; and Keras' `MobileNet(alpha=1.0)`
// `count_params()` = 4,253,864 (conv + FC weights, FC bias and BatchNorm's 4 values per
// channel: gamma, beta, moving mean, moving variance).
const M = 1e6;
function paperCount(shape: number[], options: Parameters<typeof mobilenetV1>[0]) {
  const s = summary(mobilenetV1(options), shape);
  return { params: s.totalParams / M, macs: s.totalMacs / M, summary: s };
}

describe('MobileNet v1 against the paper', () => {
  // The paper's figures are rounded; we compare at their precision: params to ±0.05 M,
  // mult-adds to ±0.1 % (the paper's 4866 M for the standard net is 1 M below ours: it
  // evidently leaves out the 1.02 M of the classifier there but not in the 569 M).
  const cases: [string, number[], Parameters<typeof mobilenetV1>[0], number, number][] = [
    ['separable 1.0-224', [1, 3, 224, 224], {}, 4.2, 569],
    ['standard 1.0-224', [1, 3, 224, 224], { variant: 'standard' }, 29.3, 4866],
    ['alpha 0.75', [1, 3, 224, 224], { alpha: 0.75 }, 2.6, 325],
    ['alpha 0.5', [1, 3, 224, 224], { alpha: 0.5 }, 1.3, 149],
    ['alpha 0.25', [1, 3, 224, 224], { alpha: 0.25 }, 0.5, 41],
    ['resolution 192', [1, 3, 192, 192], { resolution: 192 }, 4.2, 418],
    ['resolution 160', [1, 3, 160, 160], { resolution: 160 }, 4.2, 290],
    ['resolution 128', [1, 3, 128, 128], { resolution: 128 }, 4.2, 186],
  ];
  test.each(cases)('%s', (_name, shape, options, params, macs) => {
    const got = paperCount(shape, options);
    expect(Math.abs(got.params - params)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(got.macs - macs) / macs).toBeLessThanOrEqual(0.001 + 0.5 / macs);
  });

  test('matches Keras count_params() exactly once BatchNorm running statistics are added', () => {
    const s = summary(mobilenetV1(), [1, 3, 224, 224]);
    const bnChannels = s.rows.filter((r) => r.type === 'BatchNorm2d').reduce((a, r) => a + r.params / 2, 0);
    expect(s.totalParams + 2 * bnChannels).toBe(4253864);
  });

  test('the paper: 1×1 convolutions hold 94.86% of mult-adds and 74.59% of parameters', () => {
    const s = summary(mobilenetV1(), [1, 3, 224, 224]);
    const learned = s.rows.filter((r) => r.type !== 'BatchNorm2d');
    const share = (type: string, key: 'macs' | 'params') =>
      learned.filter((r) => r.type === type).reduce((a, r) => a + r[key], 0) / learned.reduce((a, r) => a + r[key], 0);
    expect(share('PointwiseConv2d', 'macs')).toBeCloseTo(0.9486, 3);
    expect(share('PointwiseConv2d', 'params')).toBeCloseTo(0.7459, 3);
    expect(share('Linear', 'params')).toBeCloseTo(0.2433, 3);
  });

  test('shape flow ends in [1, classes] and names follow the architecture table', () => {
    const s = summary(mobilenetV1({ classes: 10 }), [1, 3, 224, 224]);
    expect(s.outputShape).toEqual([1, 10]);
    expect(s.rows[0]).toMatchObject({ name: 'conv1.conv', type: 'Conv2d', outputShape: [1, 32, 112, 112] });
    expect(s.rows.find((r) => r.name === 'block13.pointwise')?.outputShape).toEqual([1, 1024, 7, 7]);
  });

  test('counting allocates no weights', () => {
    const model = mobilenetV1();
    summary(model, [1, 3, 224, 224]);
    expect(model.isMaterialized).toBe(false);
  });

  test('bad options are named', () => {
    expect(() => mobilenetV1({ alpha: 0 })).toThrow(/alpha must be a number in \(0, 4\], got 0/);
    expect(() => mobilenetV1({ variant: 'dense' as 'standard' })).toThrow(/variant must be 'separable' or 'standard', got "dense"/);
  });
});

describe('mobilenetV1 options', () => {
  test('bad options name the option', () => {
    expect(() => mobilenetV1({ alfa: 0.5 } as never)).toThrow('mobilenetV1: unknown option "alfa"; expected one of alpha, resolution, classes, variant, seed');
    expect(() => mobilenetV1({ classes: 0 })).toThrow('mobilenetV1: classes must be an integer >= 1, got 0');
    expect(() => mobilenetV1({ resolution: 100.5 })).toThrow(/resolution must be an integer >= 32, got 100.5/);
  });
  test('the resolution sets the input shape summaries use by default', () => {
    expect(mobilenetV1({ resolution: 160 }).inputShape).toEqual([1, 3, 160, 160]);
    expect(Math.round(summary(mobilenetV1({ resolution: 160 })).totalMacs / 1e6)).toBe(291); // paper: 290 (290.68 truncated)
  });
});
