import { Shape, stridesOf } from './shape';

/** Options for the numpy-like text view. */
export interface FormatOptions {
  /** Above this many elements, each axis shows only its first and last `edgeItems`. */
  threshold?: number;
  edgeItems?: number;
  /** Significant digits. */
  precision?: number;
}

type NumberStyle = 'integer' | 'fixed' | 'scientific';

/** One style for the whole tensor, as numpy does: integers, fixed decimals, or scientific. */
function chooseStyle(data: ArrayLike<number>): NumberStyle {
  let allIntegers = true;
  let maxAbs = 0;
  let minAbs = Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) continue;
    const a = Math.abs(v);
    if (!Number.isInteger(v)) allIntegers = false;
    if (a > maxAbs) maxAbs = a;
    if (a > 0 && a < minAbs) minAbs = a;
  }
  if (allIntegers && maxAbs < 1e8) return 'integer';
  if (maxAbs >= 1e8 || (minAbs < 1e-4 && maxAbs / minAbs >= 1e3)) return 'scientific';
  return 'fixed';
}

function formatNumber(v: number, precision: number, style: NumberStyle): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (style === 'integer') return `${v}.`;
  if (style === 'scientific') return v.toExponential(precision);
  return v.toFixed(precision);
}

/**
 * numpy / PyTorch style text of a row-major array: nested brackets, columns aligned,
 * `...` in place of the middle of long axes.
 */
export function formatTensor(data: ArrayLike<number>, shape: Shape, options: FormatOptions = {}): string {
  const threshold = options.threshold ?? 1000;
  const edge = options.edgeItems ?? 3;
  const precision = options.precision ?? 4;
  const summarise = data.length > threshold;
  const strides = stridesOf(shape);
  const style = chooseStyle(data);
  const header = `tensor(shape=[${shape.join(', ')}], dtype=float32)`;
  if (shape.length === 0) return `${header}\n${formatNumber(data[0], precision, style)}`;

  // First pass: the strings of every shown element, to align columns.
  const shownIndices = (n: number): (number | null)[] =>
    summarise && n > 2 * edge
      ? [...Array.from({ length: edge }, (_, i) => i), null, ...Array.from({ length: edge }, (_, i) => n - edge + i)]
      : Array.from({ length: n }, (_, i) => i);
  let width = 0;
  const collect = (dim: number, offset: number): void => {
    for (const i of shownIndices(shape[dim])) {
      if (i === null) continue;
      const o = offset + i * strides[dim];
      if (dim === shape.length - 1) width = Math.max(width, formatNumber(data[o], precision, style).length);
      else collect(dim + 1, o);
    }
  };
  collect(0, 0);

  const render = (dim: number, offset: number, indent: number): string => {
    const parts: string[] = [];
    if (dim === shape.length - 1) {
      for (const i of shownIndices(shape[dim])) {
        parts.push(i === null ? '...' : formatNumber(data[offset + i * strides[dim]], precision, style).padStart(width));
      }
      return `[${parts.join(', ')}]`;
    }
    for (const i of shownIndices(shape[dim])) {
      parts.push(i === null ? '...' : render(dim + 1, offset + i * strides[dim], indent + 1));
    }
    const newlines = '\n'.repeat(Math.max(1, shape.length - dim - 1));
    return `[${parts.join(`,${newlines}${' '.repeat(indent + 1)}`)}]`;
  };
  return `${header}\n${render(0, 0, 0)}`;
}
