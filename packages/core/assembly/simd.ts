// a·b + c on four lanes: one fused multiply-add where the module is built with relaxed SIMD
// (the "relaxed" variants, used where the engine validates them), a multiply and an add
// otherwise. Fused or not may differ by platform in the last bit — within every tolerance the
// tests state — but never between the threads of one machine.
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}
