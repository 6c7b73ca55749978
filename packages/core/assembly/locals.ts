// Small per-thread scratch (edge tiles, packing coordinates, transform temporaries). Every
// instance of the module — one per thread, all sharing one memory — gets its own area,
// set by `setLocals` before its first kernel call; globals are per instance.
export let LOCALS: usize = 0;

/** Bytes each thread's locals area needs. */
export const LOCALS_BYTES: i32 = 512;

export function setLocals(at: usize): void {
  LOCALS = (at + 15) & ~(<usize>15);
}

// Offsets of the areas the kernels use.
export const EDGE_ROW_AT: usize = 0; // gemm.ts: C's part of an edge tile row (8 floats)
export const BASE_Y_AT: usize = 32; // pack_cols.ts: per-column input rows (8 i32)
export const BASE_X_AT: usize = 64; // pack_cols.ts: per-column input columns (8 i32)
export const T_AT: usize = 96; // winograd.ts: G·g for four kernels (12 vectors)
export const EDGE_AT: usize = 288; // store8: a spilled output block (8 floats)

/**
 * Stores the 8 floats of (lo, hi) at `at`, or only the first `count` of them when fewer fit
 * (through the thread's spill area, since SIMD has no partial store).
 */
// @ts-ignore: decorator
@inline export function store8(at: usize, lo: v128, hi: v128, count: i32): void {
  if (count >= 8) {
    v128.store(at, lo);
    v128.store(at, hi, 16);
    return;
  }
  const edge = LOCALS + EDGE_AT;
  v128.store(edge, lo);
  v128.store(edge, hi, 16);
  for (let j = 0; j < count; j++) store<f32>(at + <usize>j * 4, load<f32>(edge + <usize>j * 4));
}
