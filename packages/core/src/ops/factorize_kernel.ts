import { ConvkitError, formatShape } from '../errors';
import { svd } from '../linalg/svd';
import { tensorFromNested } from '../tensor/create';
import { NestedArray, Tensor } from '../tensor/tensor';

/** What `factorizeKernel` finds out about a 2-D kernel. */
export interface KernelFactorization {
  /** Numerical rank: singular values above `max(kH, kW) · ε(float32) · σ₁`. */
  rank: number;
  /** Singular values, descending. */
  singularValues: number[];
  /** `[kH]` column of the best rank-1 approximation `column · rowᵀ`. */
  column: Tensor;
  /** `[kW]` row of the best rank-1 approximation. */
  row: Tensor;
  /** `column · rowᵀ`, `[kH, kW]`. */
  approximation: Tensor;
  /** `‖K − column·rowᵀ‖_F / ‖K‖_F` (0 for a zero kernel). */
  relativeError: number;
  /** True when the kernel is (numerically) rank 1 — it can run as two 1-D passes. */
  separable: boolean;
}

const FLOAT32_EPS = 1.1920928955078125e-7;

/**
 * Spatially separable kernels: splits a 2-D kernel into its best rank-1 approximation
 * `column · rowᵀ` via the SVD (Eckart–Young), reporting the numerical rank and the error.
 * When the kernel is exactly an outer product of float32 values (every integer or dyadic
 * rank-1 kernel), the factors are read off the kernel itself and reproduce it bit for bit:
 * integer kernels give integer factors with a column whose entries share no common divisor and
 * whose first non-zero entry is positive, e.g. Sobel Gx gives `[1, 2, 1]ᵀ · [-1, 0, 1]`.
 * Otherwise the pair comes from the SVD, scaled so the column's smallest significant entry is ±1.
 *
 * @param kernel `[kH, kW]` tensor or nested arrays
 */
export function factorizeKernel(kernel: Tensor | NestedArray): KernelFactorization {
  const op = 'factorizeKernel';
  const k = kernel instanceof Tensor ? kernel : tensorFromNested(op, 'kernel', kernel);
  if (k.rank !== 2) throw new ConvkitError(op, 'kernel', `kernel must have rank 2 [kH, kW], got ${formatShape(k.shape)}`);
  const [m, n] = k.shape;
  if (m === 0 || n === 0) throw new ConvkitError(op, 'kernel', `kernel must not be empty, got ${formatShape(k.shape)}`);
  for (let i = 0; i < k.size; i++) {
    if (!Number.isFinite(k.data[i])) throw new ConvkitError(op, 'kernel', `kernel must be finite, found ${k.data[i]} at flat index ${i}`);
  }
  const { u, s, v } = svd(k.data, m, n);
  const sigma = s[0];
  const tol = Math.max(m, n) * FLOAT32_EPS * sigma;
  const rank = sigma === 0 ? 0 : s.filter((x) => x > tol).length;
  let column: Float64Array = new Float64Array(m);
  let row: Float64Array = new Float64Array(n);
  const exact = rank === 1 ? exactRankOne(k.data, m, n) : undefined;
  if (exact) {
    ({ column, row } = exact);
  } else if (sigma > 0) {
    const u0 = u[0];
    const biggest = Math.max(...u0.map(Math.abs));
    const significant = [...u0].filter((x) => Math.abs(x) > 1e-6 * biggest);
    const scale = Math.min(...significant.map(Math.abs)) * Math.sign(significant[0]);
    // `+ 0` turns -0 into 0 so printed factors read cleanly.
    column = u0.map((x) => x / scale + 0);
    row = v[0].map((x) => x * sigma * scale + 0);
  }
  const approximation = new Float32Array(m * n);
  let residual = 0;
  let total = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const a = column[i] * row[j];
      approximation[i * n + j] = a;
      const kij = k.data[i * n + j];
      residual += (kij - a) * (kij - a);
      total += kij * kij;
    }
  }
  return {
    rank,
    singularValues: Array.from(s),
    column: new Tensor(Float32Array.from(column), [m]),
    row: new Tensor(Float32Array.from(row), [n]),
    approximation: new Tensor(approximation, [m, n]),
    relativeError: total === 0 ? 0 : Math.sqrt(residual / total),
    separable: rank <= 1,
  };
}

/** Outer product `column · rowᵀ`: the `[kH, kW]` kernel of a spatially separable filter. */
export function outer(column: Tensor, row: Tensor): Tensor {
  if (column.rank !== 1) throw new ConvkitError('outer', 'column', `column must have rank 1, got ${formatShape(column.shape)}`);
  if (row.rank !== 1) throw new ConvkitError('outer', 'row', `row must have rank 1, got ${formatShape(row.shape)}`);
  const m = column.size;
  const n = row.size;
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = column.data[i] * row.data[j];
  return new Tensor(out, [m, n]);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Reads an exact rank-1 factorisation off the kernel, or returns undefined. The column is the
 * kernel's column holding its largest entry, divided by the gcd of its entries (integer columns)
 * or by its smallest non-zero magnitude (others), with the first non-zero entry made positive;
 * the row is a kernel row divided by one column entry. Accepted only if `column · rowᵀ`
 * reproduces every float32 entry exactly.
 */
function exactRankOne(data: Float32Array, m: number, n: number): { column: Float64Array; row: Float64Array } | undefined {
  let pivot = 0;
  for (let i = 1; i < data.length; i++) if (Math.abs(data[i]) > Math.abs(data[pivot])) pivot = i;
  const j0 = pivot % n;
  const col = Float64Array.from({ length: m }, (_, i) => data[i * n + j0]);
  const nonZero = [...col].filter((x) => x !== 0);
  const integer = nonZero.every((x) => Number.isInteger(x) && Math.abs(x) < 2 ** 31);
  const divisor = integer ? nonZero.reduce((g, x) => gcd(g, Math.abs(x)), 0) : Math.min(...nonZero.map(Math.abs));
  const scale = divisor * Math.sign(nonZero[0]);
  const column = col.map((x) => x / scale + 0);
  let i0 = 0;
  for (let i = 1; i < m; i++) if (Math.abs(column[i]) > Math.abs(column[i0])) i0 = i;
  const row = Float64Array.from({ length: n }, (_, j) => data[i0 * n + j] / column[i0] + 0);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const a = column[i] * row[j];
      if (a !== data[i * n + j] || Math.fround(column[i]) !== column[i] || Math.fround(row[j]) !== row[j]) return undefined;
    }
  }
  return { column, row };
}
