// Winograd F(2×2, 3×3) for 3×3, stride-1, undilated convolutions (Lavin & Gray, "Fast
// Algorithms for Convolutional Neural Networks", 2016): each 2×2 block of outputs ("tile")
// comes from a 4×4 input window with 16 multiplies per input channel instead of 36, so
// the GEMMs do 2.25× fewer multiply-adds. Per output channel o and input channel c:
//   U = G·g·Gᵀ (weights, 4×4),  V = Bᵀ·d·B (input window, 4×4),  Y = Aᵀ·(Σ_c U ⊙ V)·A (2×2)
// with G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1], Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1],
// Aᵀ = [1 1 1 0; 0 1 −1 −1]. The sum over c for each of the 16 positions ξ is a GEMM:
// M_ξ[O × tiles] = U_ξ[O × C] · V_ξ[C × tiles].
//
// Tiles are processed in chunks of whole tile rows, four tiles per SIMD vector; a chunk's
// tile row is padded to a multiple of 4 tiles (the extra tiles read zero padding and their
// outputs are dropped).

import { H, W, PT, PL, OH, OW } from './geometry';
import { gemm } from './gemm';
import { LOCALS, T_AT, store8 } from './locals';

/** Tile columns per tile row, rounded up to whole vectors. */
export function winogradTileCols(): i32 {
  return (((OW + 1) >> 1) + 3) & ~3;
}

/** Tile rows. */
export function winogradTileRows(): i32 {
  return (OH + 1) >> 1;
}

/**
 * U[ξ][o][c] for weights `w` [O][C][3][3] (`count` = O·C kernels), kernels [from, to):
 * four (o, c) pairs per vector (their kernels are 36 consecutive floats, gathered lane by
 * lane), so each U_ξ is written as whole vectors.
 */
export function winogradWeights(w: usize, count: i32, from: i32, to: i32, u: usize): void {
  const plane = <usize>count * 4;
  const T = LOCALS + T_AT; // t = G·g for the pairs in flight
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const g = w + <usize>(i * 9) * 4;
    const dst = u + <usize>i * 4;
    // t = G·g, by columns j of the kernels: rows g_j, ½(g_j + g_3+j + g_6+j), ½(g_j − g_3+j + g_6+j), g_6+j.
    for (let j = 0; j < 3; j++) {
      const g0 = gather(g + <usize>j * 4), g1 = gather(g + <usize>(3 + j) * 4), g2 = gather(g + <usize>(6 + j) * 4);
      const half = f32x4.splat(0.5);
      v128.store(T + <usize>j * 16, g0);
      v128.store(T + <usize>(3 + j) * 16, f32x4.mul(half, f32x4.add(f32x4.add(g0, g1), g2)));
      v128.store(T + <usize>(6 + j) * 16, f32x4.mul(half, f32x4.add(f32x4.sub(g0, g1), g2)));
      v128.store(T + <usize>(9 + j) * 16, g2);
    }
    // U = t·Gᵀ, row by row.
    for (let r = 0; r < 4; r++) {
      const t0 = v128.load(T + <usize>(r * 3) * 16), t1 = v128.load(T + <usize>(r * 3 + 1) * 16), t2 = v128.load(T + <usize>(r * 3 + 2) * 16);
      const half = f32x4.splat(0.5);
      const row = dst + <usize>(r * 4) * plane;
      v128.store(row, t0);
      v128.store(row + plane, f32x4.mul(half, f32x4.add(f32x4.add(t0, t1), t2)));
      v128.store(row + 2 * plane, f32x4.mul(half, f32x4.add(f32x4.sub(t0, t1), t2)));
      v128.store(row + 3 * plane, t2);
    }
  }
  for (; i < to; i++) {
    const g = w + <usize>(i * 9) * 4;
    const dst = u + <usize>i * 4;
    for (let j = 0; j < 3; j++) {
      const g0 = load<f32>(g + <usize>j * 4), g1 = load<f32>(g + <usize>(3 + j) * 4), g2 = load<f32>(g + <usize>(6 + j) * 4);
      store<f32>(T + <usize>j * 4, g0);
      store<f32>(T + <usize>(3 + j) * 4, 0.5 * (g0 + g1 + g2));
      store<f32>(T + <usize>(6 + j) * 4, 0.5 * (g0 - g1 + g2));
      store<f32>(T + <usize>(9 + j) * 4, g2);
    }
    for (let r = 0; r < 4; r++) {
      const t0 = load<f32>(T + <usize>(r * 3) * 4), t1 = load<f32>(T + <usize>(r * 3 + 1) * 4), t2 = load<f32>(T + <usize>(r * 3 + 2) * 4);
      const row = dst + <usize>(r * 4) * plane;
      store<f32>(row, t0);
      store<f32>(row + plane, 0.5 * (t0 + t1 + t2));
      store<f32>(row + 2 * plane, 0.5 * (t0 - t1 + t2));
      store<f32>(row + 3 * plane, t2);
    }
  }
}

// Element k of four consecutive 3×3 kernels (9 floats apart), as one vector.
// @ts-ignore: decorator
@inline function gather(p: usize): v128 {
  let v = f32x4.splat(load<f32>(p));
  v = f32x4.replace_lane(v, 1, load<f32>(p, 36));
  v = f32x4.replace_lane(v, 2, load<f32>(p, 72));
  return f32x4.replace_lane(v, 3, load<f32>(p, 108));
}


/** Bytes of the zero-bordered plane the input transform reads from. */
export function winogradPadBytes(): i32 {
  return (paddedRows() * paddedCols() + 16) * 4;
}

function paddedRows(): i32 {
  return 2 * winogradTileRows() + 2;
}

function paddedCols(): i32 {
  return 2 * winogradTileCols() + 2 + 8;
}

/**
 * V[ξ][c][t] for input channels `x` (c planes of H×W), tile rows [ty0, ty0 + rows):
 * tile t of the chunk is (ty0 + t / tileCols, t % tileCols).
 */
export function winogradInput(x: usize, c: i32, ty0: i32, rows: i32, v: usize, pad: usize): void {
  const tileCols = winogradTileCols();
  const tc = rows * tileCols;
  const wp = paddedCols();
  const rowBytes = <usize>wp * 4;
  const xi = <usize>(c * tc) * 4; // distance between V_ξ and V_ξ+1
  for (let ch = 0; ch < c; ch++) {
    padRows(x + <usize>(ch * H * W) * 4, pad, 2 * ty0, 2 * rows + 2, wp);
    let dst = v + <usize>(ch * tc) * 4;
    for (let r = 0; r < rows; r++) {
      let src = pad + <usize>(2 * r) * rowBytes;
      for (let tx = 0; tx < tileCols; tx += 4) {
        // d[i][j] for four tiles: window row i, column j of tiles tx..tx+3 (input columns 2t + j).
        let s = src;
        const a0 = v128.load(s), a1 = v128.load(s, 16), b0 = v128.load(s, 8), b1 = v128.load(s, 24);
        const d00 = v128.shuffle<f32>(a0, a1, 0, 2, 4, 6), d01 = v128.shuffle<f32>(a0, a1, 1, 3, 5, 7);
        const d02 = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6), d03 = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
        s += rowBytes;
        const e0 = v128.load(s), e1 = v128.load(s, 16), f0 = v128.load(s, 8), f1 = v128.load(s, 24);
        const d10 = v128.shuffle<f32>(e0, e1, 0, 2, 4, 6), d11 = v128.shuffle<f32>(e0, e1, 1, 3, 5, 7);
        const d12 = v128.shuffle<f32>(f0, f1, 0, 2, 4, 6), d13 = v128.shuffle<f32>(f0, f1, 1, 3, 5, 7);
        s += rowBytes;
        const g0 = v128.load(s), g1 = v128.load(s, 16), h0 = v128.load(s, 8), h1 = v128.load(s, 24);
        const d20 = v128.shuffle<f32>(g0, g1, 0, 2, 4, 6), d21 = v128.shuffle<f32>(g0, g1, 1, 3, 5, 7);
        const d22 = v128.shuffle<f32>(h0, h1, 0, 2, 4, 6), d23 = v128.shuffle<f32>(h0, h1, 1, 3, 5, 7);
        s += rowBytes;
        const k0 = v128.load(s), k1 = v128.load(s, 16), l0 = v128.load(s, 8), l1 = v128.load(s, 24);
        const d30 = v128.shuffle<f32>(k0, k1, 0, 2, 4, 6), d31 = v128.shuffle<f32>(k0, k1, 1, 3, 5, 7);
        const d32 = v128.shuffle<f32>(l0, l1, 0, 2, 4, 6), d33 = v128.shuffle<f32>(l0, l1, 1, 3, 5, 7);
        // Bᵀ·d (rows): [d0 − d2, d1 + d2, d2 − d1, d1 − d3]
        const t00 = f32x4.sub(d00, d20), t01 = f32x4.sub(d01, d21), t02 = f32x4.sub(d02, d22), t03 = f32x4.sub(d03, d23);
        const t10 = f32x4.add(d10, d20), t11 = f32x4.add(d11, d21), t12 = f32x4.add(d12, d22), t13 = f32x4.add(d13, d23);
        const t20 = f32x4.sub(d20, d10), t21 = f32x4.sub(d21, d11), t22 = f32x4.sub(d22, d12), t23 = f32x4.sub(d23, d13);
        const t30 = f32x4.sub(d10, d30), t31 = f32x4.sub(d11, d31), t32 = f32x4.sub(d12, d32), t33 = f32x4.sub(d13, d33);
        // (Bᵀ·d)·B (columns), stored as V_ξ with ξ = 4·row + column.
        let o = dst;
        storeRow(o, t00, t01, t02, t03, xi); o += 4 * xi;
        storeRow(o, t10, t11, t12, t13, xi); o += 4 * xi;
        storeRow(o, t20, t21, t22, t23, xi); o += 4 * xi;
        storeRow(o, t30, t31, t32, t33, xi);
        src += 32; // four tiles = eight input columns
        dst += 16;
      }
    }
  }
}

// @ts-ignore: decorator
@inline function storeRow(o: usize, t0: v128, t1: v128, t2: v128, t3: v128, xi: usize): void {
  v128.store(o, f32x4.sub(t0, t2));
  v128.store(o + xi, f32x4.add(t1, t2));
  v128.store(o + 2 * xi, f32x4.sub(t2, t1));
  v128.store(o + 3 * xi, f32x4.sub(t1, t3));
}

/** Copies input rows [y0 − PT, y0 − PT + rows) of plane `x` into `pad`, zero outside the image. */
function padRows(x: usize, pad: usize, y0: i32, rows: i32, wp: i32): void {
  memory.fill(pad, 0, <usize>(rows * wp) * 4);
  const c0 = max(0, -PL), c1 = min(W, wp - PL);
  if (c1 <= c0) return;
  for (let r = 0; r < rows; r++) {
    const y = y0 + r - PT;
    if (y < 0 || y >= H) continue;
    memory.copy(pad + <usize>(r * wp + c0 + PL) * 4, x + <usize>(y * W + c0) * 4, <usize>(c1 - c0) * 4);
  }
}

/**
 * Y = Aᵀ·M·A for output channels [0, o) of tile rows [ty0, ty0 + rows), from M[ξ][o][t]
 * (t over the chunk's tiles); adds bias[o] (when `bias` is non-zero) and writes out (o planes).
 */
export function winogradOutput(m: usize, o: i32, ty0: i32, rows: i32, bias: usize, out: usize): void {
  const tileCols = winogradTileCols();
  const tc = rows * tileCols;
  const xi = <usize>(o * tc) * 4;
  for (let oc = 0; oc < o; oc++) {
    const b = bias ? v128.load32_splat(bias + <usize>oc * 4) : f32x4.splat(0);
    const plane = out + <usize>(oc * OH * OW) * 4;
    let src = m + <usize>(oc * tc) * 4;
    for (let r = 0; r < rows; r++) {
      const y = 2 * (ty0 + r);
      for (let tx = 0; tx < tileCols; tx += 4) {
        // Aᵀ·M (rows): s0 = M0 + M1 + M2, s1 = M1 − M2 − M3, per column j.
        let p = src;
        const m00 = v128.load(p), m01 = v128.load(p + xi), m02 = v128.load(p + 2 * xi), m03 = v128.load(p + 3 * xi); p += 4 * xi;
        const m10 = v128.load(p), m11 = v128.load(p + xi), m12 = v128.load(p + 2 * xi), m13 = v128.load(p + 3 * xi); p += 4 * xi;
        const m20 = v128.load(p), m21 = v128.load(p + xi), m22 = v128.load(p + 2 * xi), m23 = v128.load(p + 3 * xi); p += 4 * xi;
        const m30 = v128.load(p), m31 = v128.load(p + xi), m32 = v128.load(p + 2 * xi), m33 = v128.load(p + 3 * xi);
        const s00 = f32x4.add(f32x4.add(m00, m10), m20), s01 = f32x4.add(f32x4.add(m01, m11), m21);
        const s02 = f32x4.add(f32x4.add(m02, m12), m22), s03 = f32x4.add(f32x4.add(m03, m13), m23);
        const s10 = f32x4.sub(f32x4.sub(m10, m20), m30), s11 = f32x4.sub(f32x4.sub(m11, m21), m31);
        const s12 = f32x4.sub(f32x4.sub(m12, m22), m32), s13 = f32x4.sub(f32x4.sub(m13, m23), m33);
        // (Aᵀ·M)·A (columns) + bias: y_r0 = s0 + s1 + s2, y_r1 = s1 − s2 − s3.
        const y00 = f32x4.add(f32x4.add(f32x4.add(s00, s01), s02), b);
        const y01 = f32x4.add(f32x4.sub(f32x4.sub(s01, s02), s03), b);
        const y10 = f32x4.add(f32x4.add(f32x4.add(s10, s11), s12), b);
        const y11 = f32x4.add(f32x4.sub(f32x4.sub(s11, s12), s13), b);
        // Interleave the tiles' two columns: outputs 2tx .. 2tx + 7 of rows y and y + 1.
        const x0 = 2 * tx;
        writeOut(plane, y, x0, v128.shuffle<f32>(y00, y01, 0, 4, 1, 5), v128.shuffle<f32>(y00, y01, 2, 6, 3, 7));
        if (y + 1 < OH) writeOut(plane, y + 1, x0, v128.shuffle<f32>(y10, y11, 0, 4, 1, 5), v128.shuffle<f32>(y10, y11, 2, 6, 3, 7));
        src += 16;
      }
    }
  }
}

// Eight outputs of row y from column x0, clipped to the plane's width.
// @ts-ignore: decorator
@inline function writeOut(plane: usize, y: i32, x0: i32, lo: v128, hi: v128): void {
  store8(plane + <usize>(y * OW + x0) * 4, lo, hi, OW - x0);
}


/**
 * One chunk of tile rows: input transform, 16 GEMMs, output transform. `u` holds U (from
 * `winogradWeights`), `v` and `m` the chunk's V and M, `scratch` the GEMM's packing space.
 */
export function winogradChunk(x: usize, c: i32, o: i32, u: usize, ty0: i32, rows: i32, bias: usize, out: usize, v: usize, m: usize, pad: usize, scratch: usize): void {
  const tc = rows * winogradTileCols();
  winogradInput(x, c, ty0, rows, v, pad);
  for (let xi = 0; xi < 16; xi++) {
    gemm(o, tc, c, u + <usize>(xi * o * c) * 4, c, v + <usize>(xi * c * tc) * 4, tc, false, 0, m + <usize>(xi * o * tc) * 4, tc, 0, scratch);
  }
  winogradOutput(m, o, ty0, rows, bias, out);
}
