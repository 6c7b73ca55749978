// The largest magnitude in an array, or NaN if it holds a NaN (Infinity if it holds one): the
// backend's guard before Winograd, whose transforms would turn an Inf input into NaN outputs
// (Inf − Inf) and can overflow sooner than a direct convolution.

// @ts-ignore: decorator
@inline function larger(m: f32, v: f32): f32 {
  // NaN sticks: once m is NaN neither test is true.
  return v > m || v != v ? v : m;
}

export function maxAbs(p: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let i = 0;
  // f32x4.max propagates NaN.
  for (; i + 4 <= n; i += 4) acc = f32x4.max(acc, f32x4.abs(v128.load(p + (<usize>i << 2))));
  let m = larger(larger(f32x4.extract_lane(acc, 0), f32x4.extract_lane(acc, 1)), larger(f32x4.extract_lane(acc, 2), f32x4.extract_lane(acc, 3)));
  for (; i < n; i++) m = larger(m, Mathf.abs(load<f32>(p + (<usize>i << 2))));
  return m;
}
