// One thread's share of a convolution: the entry points JavaScript calls, on the main
// thread and on workers alike, each for its own range of output columns, channels or
// Winograd chunks. Geometry (setGeometry) and locals (setLocals) are set on each instance first.

import { H, W, KH, KW, OH, OW } from './geometry';
import { gemm } from './gemm';
import { depthwise } from './depthwise';
import { winogradChunk, winogradTileRows } from './winograd';
import { madd } from './simd';

/**
 * Output columns [j0, j1) of every image and group of a (grouped) convolution by GEMM:
 * weights [o][c/groups·KH·KW] times the (implicit, unless `direct`) column matrix.
 * `direct` marks a 1×1, stride-1, unpadded convolution whose input is the matrix itself.
 */
export function convGemm(x: usize, w: usize, bias: usize, out: usize, batch: i32, c: i32, o: i32, groups: i32, direct: bool, j0: i32, j1: i32, scratch: usize): void {
  const plane = OH * OW;
  const cg = c / groups, og = o / groups;
  const kSize = cg * KH * KW;
  for (let n = 0; n < batch; n++) {
    for (let g = 0; g < groups; g++) {
      const xg = x + <usize>((n * c + g * cg) * H * W) * 4;
      const oc = g * og;
      gemm(
        og, j1 - j0, kSize,
        w + <usize>(oc * kSize) * 4, kSize,
        direct ? xg + <usize>j0 * 4 : xg, plane, !direct, j0,
        out + <usize>((n * o + oc) * plane + j0) * 4, plane,
        bias ? bias + <usize>oc * 4 : 0, scratch,
      );
    }
  }
}

/** Input channels [c0, c1) of every image of a depthwise convolution (all their multiplier outputs). */
export function depthwiseRange(x: usize, w: usize, bias: usize, out: usize, batch: i32, c: i32, multiplier: i32, c0: i32, c1: i32, scratch: usize): void {
  const plane = OH * OW;
  const taps = KH * KW;
  for (let n = 0; n < batch; n++) {
    for (let ch = c0; ch < c1; ch++) {
      const oc = ch * multiplier;
      depthwise(
        x + <usize>((n * c + ch) * H * W) * 4, w + <usize>(oc * taps) * 4, bias ? bias + <usize>oc * 4 : 0,
        out + <usize>((n * c * multiplier + oc) * plane) * 4, multiplier, scratch,
      );
    }
  }
}

/** Winograd chunks first, first + step, ... (of `chunkRows` tile rows each) of every image. */
export function winogradRange(x: usize, c: i32, o: i32, u: usize, bias: usize, out: usize, batch: i32, chunkRows: i32, first: i32, step: i32, v: usize, m: usize, pad: usize, scratch: usize): void {
  const tileRows = winogradTileRows();
  const chunks = (tileRows + chunkRows - 1) / chunkRows;
  for (let n = 0; n < batch; n++) {
    for (let q = first; q < chunks; q += step) {
      const ty0 = q * chunkRows;
      winogradChunk(x + <usize>(n * c * H * W) * 4, c, o, u, ty0, min(chunkRows, tileRows - ty0), bias, out + <usize>(n * o * OH * OW) * 4, v, m, pad, scratch);
    }
  }
}

/**
 * Columns [j0, j1) of a 1×1, stride-1, unpadded convolution with few input channels
 * (c ≤ SMALL_K): each output plane is streamed once, 8 values per step, from the c input
 * planes — packing for a GEMM would cost more than the few multiply-adds per output.
 */
export function pointwiseSmallK(x: usize, w: usize, bias: usize, out: usize, batch: i32, c: i32, o: i32, j0: i32, j1: i32): void {
  const plane = OH * OW;
  const vecEnd = j0 + ((j1 - j0) & ~7);
  for (let n = 0; n < batch; n++) {
    const xn = x + <usize>(n * c * plane) * 4;
    for (let oc = 0; oc < o; oc++) {
      const b: f32 = bias ? load<f32>(bias + <usize>oc * 4) : 0;
      const wo = w + <usize>(oc * c) * 4;
      const dst = out + <usize>((n * o + oc) * plane) * 4;
      let j = j0;
      for (; j < vecEnd; j += 8) {
        let lo = f32x4.splat(b), hi = lo;
        let src = xn + <usize>j * 4;
        for (let ch = 0; ch < c; ch++) {
          const wv = v128.load32_splat(wo + <usize>ch * 4);
          lo = madd(wv, v128.load(src), lo);
          hi = madd(wv, v128.load(src, 16), hi);
          src += <usize>plane * 4;
        }
        v128.store(dst + <usize>j * 4, lo);
        v128.store(dst + <usize>j * 4, hi, 16);
      }
      for (; j < j1; j++) {
        let acc = b;
        for (let ch = 0; ch < c; ch++) acc += load<f32>(wo + <usize>ch * 4) * load<f32>(xn + <usize>(ch * plane + j) * 4);
        store<f32>(dst + <usize>j * 4, acc);
      }
    }
  }
}
