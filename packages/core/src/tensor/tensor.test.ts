import { rejects } from '../testing/rejects';
import { allClose, maxAbsDiff } from './compare';
import { arange, full, ones, rand, randn, tensor, zeros } from './create';
import { initialSeed, manualSeed } from './random';
import { Tensor } from './tensor';

describe('tensor()', () => {
  test('from nested arrays, a flat array with a shape, or a Float32Array (copied)', () => {
    const nested = tensor([[[1, 2, 3], [4, 5, 6]]]);
    expect(nested.shape).toEqual([1, 2, 3]);
    expect(Array.from(nested.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tensor([1, 2, 3, 4, 5, 6], [1, 2, 3]).get(0, 1, 2)).toBe(6);
    const source = Float32Array.from([1, 2, 3, 4]);
    const t = tensor(source, [2, 2]);
    source[0] = 99;
    expect(t.get(0, 0)).toBe(1);
    expect(tensor(Float64Array.from([0.5, 1.5])).data).toEqual(Float32Array.from([0.5, 1.5]));
    expect(tensor(3).shape).toEqual([]);
    expect(tensor(3).get()).toBe(3);
  });

  test('values are float32 (rounded like torch.tensor(..., dtype=float32))', () => {
    expect(tensor([0.1]).get(0)).toBe(Math.fround(0.1));
    expect(tensor([0.1]).dtype).toBe('float32');
  });

  test('errors name the argument, the expected and the actual value', () => {
    rejects(() => tensor([[1, 2], [3]]), 'data', /nested arrays must be rectangular: data\[0\] has shape \[2\] but data\[1\] has \[1\]/);
    rejects(() => tensor([[1, 2], [3, 'x' as unknown as number]]), 'data', /data\[1\]\[1\] must be a number or an array, got "x"/);
    rejects(() => tensor([1, 2, 3], [2, 2]), 'shape', /shape \[2, 2\] needs 4 values, data has 3/);
    rejects(() => tensor([[1, 2], [3, 4]], [4, 1]), 'shape', /nested data has shape \[2, 2\] but shape \[4, 1\] was given/);
    rejects(() => tensor([1, 2], [2.5]), 'shape', /shape must hold non-negative integers, got \[2\.5\]/);
    rejects(() => zeros([2, NaN]), 'shape', /shape must hold non-negative integers, got \[2, NaN\]/);
    rejects(() => ones([-1]), 'shape', /got \[-1\]/);
    rejects(() => zeros('3' as unknown as number[]), 'shape', /shape must be an array of non-negative integers, got "3"/);
    rejects(() => zeros([1e6, 1e6]), 'shape', /shape \[1000000, 1000000\] has 1\.000e\+12 elements; at most 2147483647/);
    rejects(() => full([2], 'a' as unknown as number), 'value', /value must be a number, got "a"/);
    rejects(() => arange(2.5), 'n', /n must be a non-negative integer, got 2\.5/);
    rejects(() => new Tensor(new Float32Array(3), [2, 2]), 'data', /data has 3 values but shape \[2, 2\] needs 4/);
  });
});

describe('zeros, ones, full, arange', () => {
  test('fill values and shapes', () => {
    expect(Array.from(zeros([2, 2]).data)).toEqual([0, 0, 0, 0]);
    expect(Array.from(ones([3]).data)).toEqual([1, 1, 1]);
    expect(Array.from(full([2], -2.5).data)).toEqual([-2.5, -2.5]);
    expect(arange(6, [2, 3]).toArray()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(zeros([0, 3]).size).toBe(0);
  });
});

describe('randn and rand', () => {
  test('a seed gives the same values every time; different seeds give different values', () => {
    expect(randn([16], { seed: 5 }).data).toEqual(randn([16], { seed: 5 }).data);
    expect(randn([16], { seed: 5 }).data).not.toEqual(randn([16], { seed: 6 }).data);
    expect(rand([16], { seed: 5 }).data).toEqual(rand([16], { seed: 5 }).data);
  });

  test('without a seed, values come from the default generator, which advances (torch.randn)', () => {
    manualSeed(42);
    const a = randn([8]);
    const b = randn([8]);
    expect(a.data).not.toEqual(b.data);
    manualSeed(42);
    expect(randn([8]).data).toEqual(a.data);
    expect(initialSeed()).toBe(42);
  });

  test('moments: 100 000 normals have mean ≈ 0 and variance ≈ 1; uniforms stay in [low, high)', () => {
    const x = randn([100_000], { seed: 1 }).data;
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
    // Standard errors: 1/√n ≈ 0.003 for the mean, √(2/n) ≈ 0.0045 for the variance; 5σ bounds.
    expect(Math.abs(mean)).toBeLessThan(0.016);
    expect(Math.abs(variance - 1)).toBeLessThan(0.023);
    const u = rand([10_000], { seed: 2, low: -3, high: 5 }).data;
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...u)).toBeLessThan(5);
  });

  test('bad seeds and options are errors, not a silent seed 0', () => {
    rejects(() => randn([2], { seed: 1.5 }), 'options.seed', /options.seed must be an integer in \[0, 4294967295\], got 1\.5/);
    rejects(() => randn([2], { seed: NaN }), 'options.seed', /got NaN/);
    rejects(() => randn([2], { seed: 2 ** 32 }), 'options.seed', /got 4294967296/);
    rejects(() => randn([2], { Seed: 3 } as never), 'options.Seed', /unknown option "Seed"; expected one of seed/);
    rejects(() => randn([2], 7 as never), 'options', /options must be an object, got 7/);
    rejects(() => rand([2], { low: 2, high: 1 }), 'options.high', /low < high, got low=2, high=1/);
    rejects(() => rand([2], { low: NaN }), 'options.high', /got low=NaN/);
    rejects(() => manualSeed(-1), 'seed', /seed must be an integer in \[0, 4294967295\], got -1/);
  });
});

describe('indexing, reshape and channels', () => {
  const x = arange(2 * 3 * 2 * 2, [2, 3, 2, 2]);

  test('get with negative indices; at; reshape with one -1', () => {
    expect(x.get(1, 2, 1, 1)).toBe(23);
    expect(x.get(-1, -1, -1, -1)).toBe(23);
    expect(x.at(1).shape).toEqual([3, 2, 2]);
    expect(x.reshape([4, -1]).shape).toEqual([4, 6]);
    rejects(() => x.get(2, 0, 0, 0), 'index', /index 0 must be an integer in \[-2, 1\], got 2/);
    rejects(() => x.get(0, 0), 'index', /index must have 4 entries for shape \[2, 3, 2, 2\], got 2/);
    rejects(() => x.reshape([-1, -1]), 'shape', /only one dimension can be -1 \(inferred\), got \[-1, -1\]/);
    rejects(() => x.reshape([5, -1]), 'shape', /cannot reshape \[2, 3, 2, 2\] \(24 values\) to \[5, -1\]/);
    rejects(() => x.reshape([-2, 12]), 'shape', /non-negative integers \(and at most one -1\), got \[-2, 12\]/);
  });

  test('channel(c) and sliceChannels(start, end) keep the channel axis, like x[:, c:c+1] and x[:, start:end]', () => {
    expect(x.channel(1).shape).toEqual([2, 1, 2, 2]);
    expect(Array.from(x.channel(1).data)).toEqual([4, 5, 6, 7, 16, 17, 18, 19]);
    expect(x.channel(-1).data).toEqual(x.channel(2).data);
    const s = x.sliceChannels(1, 3);
    expect(s.shape).toEqual([2, 2, 2, 2]);
    expect(Array.from(s.data)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23]);
    expect(x.sliceChannels(-2).data).toEqual(s.data);
    expect(x.at(0).sliceChannels(0, 1).shape).toEqual([1, 2, 2]);
    rejects(() => x.channel(3), 'c', /c must be an integer in \[-3, 2\], got 3/);
    rejects(() => x.sliceChannels(2, 1), 'end', /end must be after start/);
    rejects(() => arange(4, [2, 2]).channel(0), 'tensor', /tensor must be \[C, H, W\] or \[N, C, H, W\], got \[2, 2\]/);
  });
});

describe('allClose and maxAbsDiff (torch.allclose semantics)', () => {
  const t = (...v: number[]) => tensor(v);

  test('defaults rtol 1e-5, atol 1e-8, as torch', () => {
    expect(allClose(t(1, 2), t(1, 2))).toBe(true);
    // |a − b| = 5e-7 > 1e-8 + 1e-5·0 → not close (torch.allclose(tensor([0.]), tensor([5e-7])) is False)
    expect(allClose(t(0), t(5e-7))).toBe(false);
    // 1 + 5e-6 vs 1: |a − b| ≈ 5e-6 ≤ 1e-8 + 1e-5 → close
    expect(allClose(t(1 + 5e-6), t(1))).toBe(true);
    expect(allClose(t(0), t(5e-7), { atol: 1e-6 })).toBe(true);
  });

  test('infinities and NaN as torch: equal infinities are close; NaN only with equalNan', () => {
    expect(allClose(t(Infinity), t(Infinity))).toBe(true);
    expect(allClose(t(Infinity), t(-Infinity))).toBe(false);
    expect(allClose(t(NaN), t(NaN))).toBe(false);
    expect(allClose(t(NaN), t(NaN), { equalNan: true })).toBe(true);
    expect(allClose(t(NaN), t(1), { equalNan: true })).toBe(false);
    expect(maxAbsDiff(t(1, NaN), t(1, 2))).toBeNaN();
    expect(maxAbsDiff(t(1, -2), t(1.5, 2))).toBe(4);
  });

  test('bad input is an error', () => {
    rejects(() => allClose(t(1, 2), t(1)), 'b', /a and b must have the same shape, got \[2\] and \[1\]/);
    rejects(() => allClose(t(1), t(1), { tol: 1 } as never), 'options.tol', /unknown option "tol"; expected one of rtol, atol, equalNan/);
    rejects(() => allClose(t(1), t(1), { rtol: -1 }), 'options.rtol', /rtol must be a finite number >= 0, got -1/);
    rejects(() => maxAbsDiff(t(1), [1] as never), 'b', /b must be a Tensor, got \[1\]/);
  });
});
