// Implicit im2col: packs a block of the unfolded input ("column matrix") straight into the
// GEMM's B panels, so the full unfolded matrix (kH·kW times the input) is never stored.
//
// Row r of the column matrix is kernel tap (c, ky, kx) = (r / (kH·kW), ...); column j is
// output position (oy, ox) = (j / outW, j % outW). Its value is the input at
// (c, oy·strideH − padTop + ky·dilationH, ox·strideW − padLeft + kx·dilationW), or 0 outside.

import { NR } from './tiles';
import { H, W, KH, KW, SH, SW, DH, DW, PT, PL, OW } from './geometry';
import { LOCALS, BASE_X_AT, BASE_Y_AT } from './locals';

/** Packs rows [p0, p0+kc) × columns [j0, j0+nc) of the column matrix of `x` (one image's channels). */
export function packCols(x: usize, p0: i32, kc: i32, j0: i32, nc: i32, dst: usize): void {
  const taps = KH * KW;
  // Per panel: the input row/column each of its NR output positions starts from.
  const BASE_Y = LOCALS + BASE_Y_AT;
  const BASE_X = LOCALS + BASE_X_AT;
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = min(NR, nc - jp);
    const j = j0 + jp;
    let oy = j / OW;
    let ox = j - oy * OW;
    // The panel's columns lie in one output row: a tap then reads NR inputs SW apart.
    const oneRow = cols == NR && ox + NR <= OW;
    for (let q = 0; q < NR; q++) {
      if (q < cols) {
        store<i32>(BASE_Y + <usize>q * 4, oy * SH - PT);
        store<i32>(BASE_X + <usize>q * 4, ox * SW - PL);
      } else {
        store<i32>(BASE_Y + <usize>q * 4, -0x40000000); // never inside the image
        store<i32>(BASE_X + <usize>q * 4, 0);
      }
      if (++ox == OW) { ox = 0; oy++; }
    }
    const y0 = load<i32>(BASE_Y);
    const x0 = load<i32>(BASE_X);
    let out = dst + <usize>(jp * kc) * 4;
    let c = p0 / taps;
    let t = p0 - c * taps;
    let ky = t / KW;
    let kx = t - ky * KW;
    for (let p = 0; p < kc; p++) {
      const dy = ky * DH;
      const dx = kx * DW;
      const iy = y0 + dy;
      const ix = x0 + dx;
      const plane = x + <usize>(c * H * W) * 4;
      if (oneRow && <u32>iy < <u32>H && ix >= 0 && ix + (NR - 1) * SW < W) {
        const src = plane + <usize>(iy * W + ix) * 4;
        if (SW == 1) {
          v128.store(out, v128.load(src));
          v128.store(out, v128.load(src, 16), 16);
        } else if (SW == 2) {
          const a = v128.load(src), b = v128.load(src, 16), c2 = v128.load(src, 32), d = v128.load(src, 48);
          v128.store(out, v128.shuffle<f32>(a, b, 0, 2, 4, 6));
          v128.store(out, v128.shuffle<f32>(c2, d, 0, 2, 4, 6), 16);
        } else {
          const step = <usize>SW * 4;
          let s = src;
          for (let q = 0; q < NR; q++) { store<f32>(out + <usize>q * 4, load<f32>(s)); s += step; }
        }
      } else {
        for (let q = 0; q < NR; q++) {
          const yy = load<i32>(BASE_Y + <usize>q * 4) + dy;
          const xx = load<i32>(BASE_X + <usize>q * 4) + dx;
          let v: f32 = 0;
          if (<u32>yy < <u32>H && <u32>xx < <u32>W) v = load<f32>(plane + <usize>(yy * W + xx) * 4);
          store<f32>(out + <usize>q * 4, v);
        }
      }
      out += NR * 4;
      if (++kx == KW) { kx = 0; if (++ky == KH) { ky = 0; c++; } }
    }
  }
}
