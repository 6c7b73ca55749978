import { ConvkitError } from '../errors';
import { rejects } from '../testing/rejects';
import { randn, tensor } from '../tensor/create';
import { conv2d } from './conv2d';
import { depthwiseConv2d } from './depthwise_conv2d';
import { factorizeKernel } from './factorize_kernel';
import { pad2d } from './pad';
import { pointwiseConv2d } from './pointwise_conv2d';
import { separableConv2d } from './separable_conv2d';

const x = randn([1, 3, 8, 8]);
const w = randn([4, 3, 3, 3]);

describe('conv2d rejects bad input, naming it', () => {
  test.each<[string, () => unknown, string, RegExp]>([
    ['input rank', () => conv2d(randn([8, 8]), w), 'x', /x must have rank 3 \[C, H, W\] or 4 \[N, C, H, W\], got rank 2 \[8, 8\]/],
    ['weight rank', () => conv2d(x, randn([4, 3, 3])), 'weight', /weight must have rank 4 .*got rank 3 \[4, 3, 3\]/],
    ['not a tensor', () => conv2d([1, 2, 3] as never, w), 'x', /x must be a Tensor, got \[1, 2, 3\]/],
    ['channel mismatch', () => conv2d(x, randn([4, 2, 3, 3])), 'weight', /weight.shape\[1\] must be input channels \/ groups = 3\/1 = 3, got weight \[4, 2, 3, 3\] for input \[1, 3, 8, 8\]/],
    ['groups not dividing channels', () => conv2d(x, w, { groups: 2 }), 'groups', /input channels \(3\) must be divisible by groups \(2\)/],
    ['groups not dividing outputs', () => conv2d(randn([1, 4, 8, 8]), randn([3, 2, 3, 3]), { groups: 2 }), 'groups', /output channels \(weight.shape\[0\] = 3\) must be divisible by groups \(2\)/],
    ['kernel larger than padded input', () => conv2d(randn([1, 3, 4, 4]), randn([1, 3, 7, 7]), { padding: 1 }), 'weight', /kernel \(7×7 after dilation\) is larger than the padded input \(6×6\)/],
    ['dilated kernel too large', () => conv2d(randn([1, 3, 4, 4]), w, { dilation: 2 }), 'weight', /kernel \(5×5 after dilation\) is larger than the padded input \(4×4\)/],
    ['NaN stride', () => conv2d(x, w, { stride: NaN }), 'stride', /stride must be an integer >= 1, got NaN/],
    ['zero stride', () => conv2d(x, w, { stride: [1, 0] }), 'stride[1]', /stride\[1\] must be an integer >= 1, got 0/],
    ['fractional padding', () => conv2d(x, w, { padding: 1.5 }), 'padding', /padding must be an integer >= 0, got 1.5/],
    ['negative dilation', () => conv2d(x, w, { dilation: -1 }), 'dilation', /dilation must be an integer >= 1, got -1/],
    ['bad padding array', () => conv2d(x, w, { padding: [1, 2, 3] as never }), 'padding', /padding must be an integer, \[padH, padW\], \[top, bottom, left, right\], 'valid' or 'same', got \[1, 2, 3\]/],
    ['same with stride', () => conv2d(x, w, { padding: 'same', stride: 2 }), 'padding', /padding='same' needs stride 1 \(as in PyTorch\), got stride \[2, 2\]/],
    ['unknown padding mode', () => conv2d(x, w, { paddingMode: 'mirror' as never }), 'paddingMode', /paddingMode must be one of 'zeros', 'reflect', 'replicate', 'circular', got "mirror"/],
    ['unknown option', () => conv2d(x, w, { strides: 2 } as never), 'options.strides', /unknown option "strides"; expected one of bias, stride/],
    ['bias shape', () => conv2d(x, w, { bias: randn([3]) }), 'bias', /bias must have shape \[4\] \(one per output channel\), got \[3\]/],
    ['reflect pad too large', () => conv2d(randn([1, 3, 3, 3]), randn([1, 3, 3, 3]), { padding: 3, paddingMode: 'reflect' }), 'padding', /reflect padding must be smaller than the input/],
  ])('%s', (_name, fn, argument, message) => rejects(fn, argument, message));
});

describe('the other ops reject bad input, naming it', () => {
  test('depthwise weight shape', () => {
    rejects(() => depthwiseConv2d(x, randn([4, 1, 3, 3])), 'weight', /weight must be \[C·multiplier, 1, kH, kW\] with C = 3 input channels, got \[4, 1, 3, 3\]/);
    rejects(() => depthwiseConv2d(x, randn([3, 1, 3, 3]), { groups: 3 } as never), 'options.groups', /groups is fixed/);
  });
  test('pointwise weight shape', () => {
    rejects(() => pointwiseConv2d(x, randn([4, 3, 3, 3])), 'weight', /weight must be \[outC, inC\] or \[outC, inC, 1, 1\], got \[4, 3, 3, 3\]/);
  });
  test('separable shapes', () => {
    rejects(() => separableConv2d(x, randn([3, 1, 3, 3]), randn([4, 5, 1, 1])), 'pointwiseWeight', /pointwiseWeight must take the 3 depthwise output channels \(\[outC, 3\] or \[outC, 3, 1, 1\]\), got \[4, 5, 1, 1\]/);
  });
  test('pad2d limits as torch', () => {
    rejects(() => pad2d(randn([1, 1, 2, 2]), { top: 3, bottom: 0, left: 0, right: 0 }, 'circular'), 'padding', /circular padding must be at most the input size/);
  });
  test('factorizeKernel needs a 2-D kernel', () => {
    expect(() => factorizeKernel(randn([3, 3, 3]))).toThrow(ConvkitError);
    expect(() => factorizeKernel(tensor([[NaN, 1], [1, 1]]))).toThrow(/NaN|finite/);
  });
});

describe('hand-computed values', () => {
  test('a 3×3 box filter over a 4×4 ramp', () => {
    // x[i][j] = 4i + j; the 3×3 sum around (1,1) is 9·x[1][1] = 45, etc.
    const ramp = tensor(Array.from({ length: 16 }, (_, i) => i), [1, 1, 4, 4]);
    const y = conv2d(ramp, tensor(new Array(9).fill(1), [1, 1, 3, 3]));
    expect(Array.from(y.data)).toEqual([45, 54, 81, 90]);
  });
  test('Sobel Gx factors exactly into [1 2 1]ᵀ · [-1 0 1]', () => {
    const f = factorizeKernel(tensor([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]));
    expect(Array.from(f.column.data)).toEqual([1, 2, 1]);
    expect(Array.from(f.row.data)).toEqual([-1, 0, 1]);
    expect(f.rank).toBe(1);
    expect(f.relativeError).toBe(0);
  });
});
