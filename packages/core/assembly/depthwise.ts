// Depthwise convolution, one input channel at a time: the channel is copied once into a
// zero-bordered scratch plane (so the inner loops need no bounds checks), then each of its
// `multiplier` output channels is computed 4 output columns per SIMD vector. 3×3 kernels
// with dilation 1 and stride 1 or 2 (MobileNet's) have unrolled kernels with the weights in
// registers and aligned loads (shifted columns are shuffles); other shapes take a general loop.
//
// Rows are written whole vectors at a time, so the last vector of a row may spill up to 7
// values into the next row, which is computed (overwritten) next; the last row of a plane
// is clipped, so planes (which threads share out) never touch each other.

import { H, W, KH, KW, SH, SW, DH, DW, PT, PL, OH, OW } from './geometry';
import { store8 } from './locals';
import { madd } from './simd';

/** Bytes of scratch `depthwise` needs for the padded plane. */
export function depthwiseScratchBytes(): i32 {
  return (paddedHeight() * paddedWidth() + 16) * 4;
}

// One spare row: the two-row 3×3 kernel reads a row past the last one for an odd OH.
function paddedHeight(): i32 {
  return (OH - 1) * SH + (KH - 1) * DH + 2;
}

// Wide enough for the last 8-column block of a row to read past the last output column.
// A multiple of 4, so every padded row starts 16-byte aligned.
function paddedWidth(): i32 {
  return (((OW + 7) & ~7) * SW + (KW - 1) * DW + 8 + 3) & ~3;
}

/** Copies plane `x` (H×W) into `pad` (HP×WP) shifted by the top/left padding, zeros elsewhere. */
function padPlane(x: usize, pad: usize, hp: i32, wp: i32): void {
  memory.fill(pad, 0, <usize>(hp * wp) * 4);
  const y0 = max(0, -PT), y1 = min(H, hp - PT);
  const x0 = max(0, -PL), x1 = min(W, wp - PL);
  if (x1 <= x0) return;
  for (let y = y0; y < y1; y++) {
    memory.copy(pad + <usize>((y + PT) * wp + x0 + PL) * 4, x + <usize>(y * W + x0) * 4, <usize>(x1 - x0) * 4);
  }
}

// Reads 4 values `stride` floats apart starting at `p` (stride 1 or 2 as vectors).
// @ts-ignore: decorator
@inline function load4(p: usize, stride: i32): v128 {
  if (stride == 1) return v128.load(p);
  if (stride == 2) return v128.shuffle<f32>(v128.load(p), v128.load(p, 16), 0, 2, 4, 6);
  const s = <usize>stride * 4;
  let v = f32x4.splat(load<f32>(p));
  v = f32x4.replace_lane(v, 1, load<f32>(p + s));
  v = f32x4.replace_lane(v, 2, load<f32>(p + 2 * s));
  return f32x4.replace_lane(v, 3, load<f32>(p + 3 * s));
}

/**
 * Output channels [c·multiplier, (c+1)·multiplier) of input channel `x` (one H×W plane):
 * weights `w` (multiplier × KH × KW), per-channel bias at `bias` (or 0), outputs `out`
 * (multiplier planes of OH×OW). `scratch` holds `depthwiseScratchBytes()`.
 */
export function depthwise(x: usize, w: usize, bias: usize, out: usize, multiplier: i32, scratch: usize): void {
  const hp = paddedHeight(), wp = paddedWidth();
  const pad = (scratch + 15) & ~(<usize>15);
  padPlane(x, pad, hp, wp);
  const taps = KH * KW;
  for (let m = 0; m < multiplier; m++) {
    const wm = w + <usize>(m * taps) * 4;
    const b: f32 = bias ? load<f32>(bias + <usize>m * 4) : 0;
    const om = out + <usize>(m * OH * OW) * 4;
    const dense3x3 = KH == 3 && KW == 3 && DH == 1 && DW == 1;
    if (dense3x3 && SW == 1 && SH == 1) dw3x3s1(pad, wp, wm, b, om);
    else if (dense3x3 && SW == 2) dw3x3s2(pad, wp, wm, b, om);
    else dwGeneral(pad, wp, wm, b, om);
  }
}

// Adds input row `p` (aligned; columns 2·ox .. 2·ox + 11) times kernel row (k0, k1, k2) to
// `acc` for four stride-2 outputs: even, odd and even-shifted-by-one columns, by shuffles.
// @ts-ignore: decorator
@inline function tapRowS2(acc: v128, p: usize, k0: v128, k1: v128, k2: v128): v128 {
  const a = v128.load(p), b = v128.load(p, 16), c = v128.load(p, 32);
  const even = v128.shuffle<f32>(a, b, 0, 2, 4, 6);
  acc = madd(k0, even, acc);
  acc = madd(k1, v128.shuffle<f32>(a, b, 1, 3, 5, 7), acc);
  return madd(k2, v128.shuffle<f32>(even, c, 1, 2, 3, 4), acc);
}

// 3×3, stride 2 (MobileNet's down-sampling layers): aligned loads, weights in registers.
function dw3x3s2(pad: usize, wp: i32, w: usize, b: f32, out: usize): void {
  const w0 = v128.load32_splat(w), w1 = v128.load32_splat(w, 4), w2 = v128.load32_splat(w, 8);
  const w3 = v128.load32_splat(w, 12), w4 = v128.load32_splat(w, 16), w5 = v128.load32_splat(w, 20);
  const w6 = v128.load32_splat(w, 24), w7 = v128.load32_splat(w, 28), w8 = v128.load32_splat(w, 32);
  const bv = f32x4.splat(b);
  const row = <usize>wp * 4;
  for (let oy = 0; oy < OH; oy++) {
    const p0 = pad + <usize>(oy * SH) * row;
    const o = out + <usize>(oy * OW) * 4;
    for (let ox = 0; ox < OW; ox += 4) {
      const q = p0 + <usize>(2 * ox) * 4;
      let acc = tapRowS2(bv, q, w0, w1, w2);
      acc = tapRowS2(acc, q + row, w3, w4, w5);
      acc = tapRowS2(acc, q + 2 * row, w6, w7, w8);
      if (ox + 4 <= OW) v128.store(o + <usize>ox * 4, acc);
      else storeRow8(o + <usize>ox * 4, acc, acc, oy, ox);
    }
  }
}

// Columns c+1..c+4 and c+2..c+5 from the aligned vectors of columns c..c+3 and c+4..c+7.
// @ts-ignore: decorator
@inline function shift1(a: v128, b: v128): v128 {
  return v128.shuffle<f32>(a, b, 1, 2, 3, 4);
}
// @ts-ignore: decorator
@inline function shift2(a: v128, b: v128): v128 {
  return v128.shuffle<f32>(a, b, 2, 3, 4, 5);
}

// Adds input row `p` (aligned, columns ox..ox+7) times kernel row (k0, k1, k2) to `acc`.
// @ts-ignore: decorator
@inline function tapRow(acc: v128, p: usize, k0: v128, k1: v128, k2: v128): v128 {
  const a = v128.load(p), b = v128.load(p, 16);
  acc = madd(k0, a, acc);
  acc = madd(k1, shift1(a, b), acc);
  return madd(k2, shift2(a, b), acc);
}

// 3×3, stride 1: two output rows per pass share their middle input rows; every input vector
// is an aligned load (the shifted ones are shuffles), the 9 weights stay in registers.
function dw3x3s1(pad: usize, wp: i32, w: usize, b: f32, out: usize): void {
  const w0 = v128.load32_splat(w), w1 = v128.load32_splat(w, 4), w2 = v128.load32_splat(w, 8);
  const w3 = v128.load32_splat(w, 12), w4 = v128.load32_splat(w, 16), w5 = v128.load32_splat(w, 20);
  const w6 = v128.load32_splat(w, 24), w7 = v128.load32_splat(w, 28), w8 = v128.load32_splat(w, 32);
  const bv = f32x4.splat(b);
  const row = <usize>wp * 4;
  const ld = <usize>OW * 4;
  for (let oy = 0; oy < OH; oy += 2) {
    const two = oy + 1 < OH;
    const p0 = pad + <usize>oy * row;
    const o = out + <usize>oy * ld;
    for (let ox = 0; ox < OW; ox += 4) {
      const q = p0 + <usize>ox * 4;
      let top = tapRow(bv, q, w0, w1, w2);
      let bottom = tapRow(bv, q + row, w0, w1, w2);
      top = tapRow(top, q + row, w3, w4, w5);
      bottom = tapRow(bottom, q + 2 * row, w3, w4, w5);
      top = tapRow(top, q + 2 * row, w6, w7, w8);
      bottom = tapRow(bottom, q + 3 * row, w6, w7, w8);
      const at = o + <usize>ox * 4;
      if (ox + 4 <= OW) {
        v128.store(at, top);
        if (two) v128.store(at + ld, bottom);
      } else {
        // The rows' last, partial vector (fewer than 4 columns; only the first half is used).
        store8(at, top, top, OW - ox);
        if (two) store8(at + ld, bottom, bottom, OW - ox);
      }
    }
  }
}

function dwGeneral(pad: usize, wp: i32, w: usize, b: f32, out: usize): void {
  const row = <usize>wp * 4;
  const sw = SW;
  for (let oy = 0; oy < OH; oy++) {
    const top = pad + <usize>(oy * SH) * row;
    const o = out + <usize>(oy * OW) * 4;
    for (let ox = 0; ox < OW; ox += 4) {
      let acc = f32x4.splat(b);
      let wk = w;
      for (let ky = 0; ky < KH; ky++) {
        let p = top + <usize>(ky * DH) * row + <usize>(ox * sw) * 4;
        for (let kx = 0; kx < KW; kx++) {
          acc = madd(v128.load32_splat(wk), load4(p, sw), acc);
          p += <usize>DW * 4;
          wk += 4;
        }
      }
      if (oy + 1 < OH || ox + 4 <= OW) v128.store(o + <usize>ox * 4, acc);
      else storeRow8(o + <usize>ox * 4, acc, acc, oy, ox);
    }
  }
}

// Stores 8 outputs at column ox of row oy (at `o`), clipped to the end of the plane: values
// past the row's end land on later rows, which are computed (overwritten) afterwards.
// @ts-ignore: decorator
@inline function storeRow8(o: usize, lo: v128, hi: v128, oy: i32, ox: i32): void {
  store8(o, lo, hi, min(8, (OH - oy) * OW - ox));
}
