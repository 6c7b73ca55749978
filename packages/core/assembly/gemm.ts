// C[M×N] = A[M×K] · B[K×N] (+ bias per row of C), all row-major float32, SIMD.
//
// Classic packed GEMM: B is copied block by block (KC × NC) into panels of 8 columns and
// A (KC columns at a time) into panels of 4 rows, so the 4×8 micro-kernel reads both
// strictly sequentially; its 8 accumulators stay in registers for a whole KC block.
// Pointers are byte offsets into linear memory; the caller provides the scratch space.

import { packCols } from './pack_cols';
import { MR, NR, KC, NC, MC } from './tiles';
import { LOCALS, EDGE_ROW_AT, store8 } from './locals';
import { madd } from './simd';

/** Bytes of scratch `gemm` needs for packing. */
export function gemmScratchBytes(m: i32): i32 {
  const mc = min(m, MC);
  const mPanels = (mc + MR - 1) / MR;
  return (mPanels * MR * KC + NC * KC) * 4 + 64;
}

/** Packs rows [i0, i0+mc) × cols [p0, p0+kc) of A into panels of MR rows, zero-padded. */
function packA(a: usize, lda: i32, i0: i32, mc: i32, p0: i32, kc: i32, dst: usize): void {
  for (let ip = 0; ip < mc; ip += MR) {
    const rows = min(MR, mc - ip);
    const panel = dst + <usize>(ip * kc) * 4;
    for (let r = 0; r < MR; r++) {
      if (r < rows) {
        const src = a + <usize>((i0 + ip + r) * lda + p0) * 4;
        for (let p = 0; p < kc; p++) store<f32>(panel + <usize>(p * MR + r) * 4, load<f32>(src + <usize>p * 4));
      } else {
        for (let p = 0; p < kc; p++) store<f32>(panel + <usize>(p * MR + r) * 4, 0);
      }
    }
  }
}

/** Packs rows [p0, p0+kc) × cols [j0, j0+nc) of B into panels of NR columns, zero-padded. */
function packB(b: usize, ldb: i32, p0: i32, kc: i32, j0: i32, nc: i32, dst: usize): void {
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = min(NR, nc - jp);
    let out = dst + <usize>(jp * kc) * 4;
    let src = b + <usize>(p0 * ldb + j0 + jp) * 4;
    const step = <usize>ldb * 4;
    if (cols == NR) {
      for (let p = 0; p < kc; p++) {
        v128.store(out, v128.load(src));
        v128.store(out, v128.load(src, 16), 16);
        out += NR * 4;
        src += step;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let j = 0; j < NR; j++) store<f32>(out + <usize>j * 4, j < cols ? load<f32>(src + <usize>j * 4) : 0);
        out += NR * 4;
        src += step;
      }
    }
  }
}

// One row of a finished tile: adds the bias (first K block) or what C holds (later blocks),
// then stores the `cols` valid columns.
// @ts-ignore: decorator
@inline function writeRow(dst: usize, v0: v128, v1: v128, cols: i32, first: bool, bias: usize, row: i32): void {
  if (first) {
    if (bias) {
      const b = v128.load32_splat(bias + <usize>row * 4);
      v0 = f32x4.add(v0, b);
      v1 = f32x4.add(v1, b);
    }
  } else {
    // C's valid columns (all 8, or the edge tile's few through the spill area).
    let c = dst;
    if (cols < NR) {
      c = LOCALS + EDGE_ROW_AT;
      for (let j = 0; j < cols; j++) store<f32>(c + <usize>j * 4, load<f32>(dst + <usize>j * 4));
    }
    v0 = f32x4.add(v0, v128.load(c));
    v1 = f32x4.add(v1, v128.load(c, 16));
  }
  store8(dst, v0, v1, cols);
}

/**
 * The 4×8 micro-kernel: C[row0.., j..] = packed A panel (4 rows) · packed B panel (8 columns)
 * over kc steps, with 8 accumulators, two B vectors and one broadcast A value in registers.
 * (A 6×8 kernel, 15 of x86-64's 16 SIMD registers, measured ~30 % slower in V8: spills.)
 */
function micro(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, rows: i32, cols: i32, first: bool, bias: usize, row0: i32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = madd(a, b0, c00);
    c01 = madd(a, b1, c01);
    a = v128.load32_splat(pa, 4);
    c10 = madd(a, b0, c10);
    c11 = madd(a, b1, c11);
    a = v128.load32_splat(pa, 8);
    c20 = madd(a, b0, c20);
    c21 = madd(a, b1, c21);
    a = v128.load32_splat(pa, 12);
    c30 = madd(a, b0, c30);
    c31 = madd(a, b1, c31);
    pa += MR * 4;
    pb += NR * 4;
  }
  const ld = <usize>ldc * 4;
  writeRow(c, c00, c01, cols, first, bias, row0);
  if (rows > 1) writeRow(c + ld, c10, c11, cols, first, bias, row0 + 1);
  if (rows > 2) writeRow(c + 2 * ld, c20, c21, cols, first, bias, row0 + 2);
  if (rows > 3) writeRow(c + 3 * ld, c30, c31, cols, first, bias, row0 + 3);
}

/**
 * C = A·B (+ bias[i] on row i when `bias` is non-zero). `lda`, `ldc` are row strides in
 * elements. B is either a row-major matrix with row stride `ldb` or, when `implicitCols`
 * is set, columns [col0, col0 + n) of the column matrix of the convolution input at `b`
 * (see pack_cols.ts).
 */
export function gemm(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, implicitCols: bool, col0: i32, c: usize, ldc: i32, bias: usize, scratch: usize): void {
  const packedA = (scratch + 15) & ~(<usize>15);
  const mPanels = (min(m, MC) + MR - 1) / MR;
  const packedB = packedA + <usize>(mPanels * MR * KC) * 4;
  if (k == 0) {
    for (let i = 0; i < m; i++) {
      const b0: f32 = bias ? load<f32>(bias + <usize>i * 4) : 0;
      for (let j = 0; j < n; j++) store<f32>(c + <usize>(i * ldc + j) * 4, b0);
    }
    return;
  }
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = min(NC, n - j0);
    // K blocks of equal size (at most KC): no short last block that reloads C for little work.
    const kBlocks = (k + KC - 1) / KC;
    const kStep = (k + kBlocks - 1) / kBlocks;
    for (let p0 = 0; p0 < k; p0 += kStep) {
      const kc = min(kStep, k - p0);
      if (implicitCols) packCols(b, p0, kc, col0 + j0, nc, packedB);
      else packB(b, ldb, p0, kc, j0, nc, packedB);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = min(MC, m - i0);
        packA(a, lda, i0, mc, p0, kc, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = min(NR, nc - jr);
          const pb = packedB + <usize>(jr * kc) * 4;
          for (let ir = 0; ir < mc; ir += MR) {
            const rows = min(MR, mc - ir);
            const pa = packedA + <usize>(ir * kc) * 4;
            const cAt = c + <usize>((i0 + ir) * ldc + j0 + jr) * 4;
            micro(kc, pa, pb, cAt, ldc, rows, cols, p0 == 0, bias, i0 + ir);
          }
        }
      }
    }
  }
}
