/**
 * C[M×N] (+)= A[M×K] · B[K×N], all row-major, with explicit offsets so callers can
 * work on slices of larger buffers without copying.
 *
 * Blocked over K and N so a panel of B stays in cache while rows of A stream past;
 * the innermost loop runs along contiguous rows of B and C (vectorisable by the JIT).
 * Four rows of C are updated at once to reuse each loaded value of B four times.
 */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  aOffset: number,
  b: Float32Array,
  bOffset: number,
  c: Float32Array,
  cOffset: number,
  accumulate: boolean,
): void {
  if (!accumulate) c.fill(0, cOffset, cOffset + m * n);
  const KB = 128;
  const NB = 512;
  for (let k0 = 0; k0 < k; k0 += KB) {
    const k1 = Math.min(k, k0 + KB);
    for (let n0 = 0; n0 < n; n0 += NB) {
      const n1 = Math.min(n, n0 + NB);
      let i = 0;
      for (; i + 4 <= m; i += 4) {
        const a0 = aOffset + i * k;
        const a1 = a0 + k;
        const a2 = a1 + k;
        const a3 = a2 + k;
        const c0 = cOffset + i * n;
        const c1 = c0 + n;
        const c2 = c1 + n;
        const c3 = c2 + n;
        for (let p = k0; p < k1; p++) {
          const v0 = a[a0 + p];
          const v1 = a[a1 + p];
          const v2 = a[a2 + p];
          const v3 = a[a3 + p];
          const bRow = bOffset + p * n;
          for (let j = n0; j < n1; j++) {
            const bv = b[bRow + j];
            c[c0 + j] += v0 * bv;
            c[c1 + j] += v1 * bv;
            c[c2 + j] += v2 * bv;
            c[c3 + j] += v3 * bv;
          }
        }
      }
      for (; i < m; i++) {
        const aRow = aOffset + i * k;
        const cRow = cOffset + i * n;
        for (let p = k0; p < k1; p++) {
          const v = a[aRow + p];
          const bRow = bOffset + p * n;
          for (let j = n0; j < n1; j++) c[cRow + j] += v * b[bRow + j];
        }
      }
    }
  }
}
