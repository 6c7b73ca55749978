// GEMM tile sizes: the micro-kernel computes MR×NR of C; KC×NC blocks of B and MC×KC
// blocks of A are packed so they stay in cache (see gemm.ts).
export const MR = 4;
export const NR = 8;
export const KC = 320;
export const NC = 512;
export const MC = 64;
