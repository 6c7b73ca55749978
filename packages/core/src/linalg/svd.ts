/** Result of `svd`: `A = U · diag(s) · Vᵀ` with `s` descending. */
export interface Svd {
  /** m×r, column-major by singular vector: `u[i]` is the i-th left singular vector (length m). */
  u: Float64Array[];
  s: Float64Array;
  /** `v[i]` is the i-th right singular vector (length n). */
  v: Float64Array[];
}

/**
 * Thin singular value decomposition of a small dense m×n matrix (row-major), by one-sided
 * Jacobi rotations in float64 — accurate to near machine precision, which is what rank
 * decisions on small kernels need. Cost O(r·n²·m) per sweep; fine for kernels, not for
 * large matrices.
 */
export function svd(a: ArrayLike<number>, m: number, n: number): Svd {
  if (m < n) {
    // Work on the transpose so columns are the short side, then swap U and V.
    const t = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = a[i * n + j];
    const r = svd(t, n, m);
    return { u: r.v, s: r.s, v: r.u };
  }
  // Columns of W start as columns of A; V accumulates the rotations.
  const w: Float64Array[] = Array.from({ length: n }, (_, j) => Float64Array.from({ length: m }, (_, i) => a[i * n + j]));
  const v: Float64Array[] = Array.from({ length: n }, (_, j) => {
    const e = new Float64Array(n);
    e[j] = 1;
    return e;
  });
  const eps = 2.220446049250313e-16;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        const wp = w[p];
        const wq = w[q];
        for (let i = 0; i < m; i++) {
          alpha += wp[i] * wp[i];
          beta += wq[i] * wq[i];
          gamma += wp[i] * wq[i];
        }
        if (Math.abs(gamma) <= eps * Math.sqrt(alpha * beta) || gamma === 0) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = wp[i];
          const y = wq[i];
          wp[i] = c * x - s * y;
          wq[i] = s * x + c * y;
        }
        const vp = v[p];
        const vq = v[q];
        for (let i = 0; i < n; i++) {
          const x = vp[i];
          const y = vq[i];
          vp[i] = c * x - s * y;
          vq[i] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const norms = w.map((col) => Math.hypot(...col));
  const order = norms.map((_, i) => i).sort((i, j) => norms[j] - norms[i]);
  const s = Float64Array.from(order, (i) => norms[i]);
  const u = order.map((i) => {
    const col = w[i];
    const norm = norms[i];
    return norm > 0 ? col.map((x) => x / norm) : new Float64Array(m);
  });
  return { u, s, v: order.map((i) => v[i]) };
}
