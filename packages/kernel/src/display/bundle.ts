import { inspect } from 'util';
import { Tensor, formatTensor } from '@convkit/core';
import { TENSOR_MIME, buildTensorBundle, colorRange } from '@convkit/schema';
import { escapeHtml } from './html';
import { panelPng } from './png';

/** A Jupyter MIME bundle: MIME type → data. */
export type MimeBundle = Record<string, unknown>;

const HOOK = Symbol.for('jupyter.mimebundle');

function tensorHtml(t: Tensor, stats: ReturnType<typeof buildTensorBundle>['stats']): string {
  const fmt = (v: number | null) => (v === null ? '–' : Number(v.toPrecision(5)).toString());
  const facts = `shape [${t.shape.join(', ')}] · float32 · min ${fmt(stats.min)} · max ${fmt(stats.max)} · mean ${fmt(stats.mean)} · std ${fmt(stats.std)}` +
    (stats.nanCount ? ` · NaN ${stats.nanCount}` : '') + (stats.infCount ? ` · ±Inf ${stats.infCount}` : '');
  let thumbs = '';
  if ((t.rank === 3 || t.rank === 4) && t.size > 0) {
    const [h, w] = t.shape.slice(-2);
    const planes = t.size / (h * w);
    const shown = Math.min(planes, 16);
    const [lo, hi] = colorRange(t.data, stats.min !== null && stats.min < 0 && (stats.max ?? 0) > 0);
    const imgs: string[] = [];
    for (let i = 0; i < shown; i++) {
      const png = panelPng(t.data.subarray(i * h * w, (i + 1) * h * w), h, w, lo < 0 ? 'RdBu' : 'Viridis', lo, hi);
      imgs.push(`<img title="plane ${i}" style="image-rendering:pixelated;height:64px" src="data:image/png;base64,${png}"/>`);
    }
    thumbs = `<div style="display:flex;gap:4px;flex-wrap:wrap;margin-top:4px">${imgs.join('')}${planes > shown ? `<span>… ${planes - shown} more</span>` : ''}</div>`;
  }
  return `<div class="convkit-tensor-static"><div style="font-family:monospace">Tensor ${escapeHtml(facts)}</div><pre>${escapeHtml(formatTensor(t.data, t.shape))}</pre>${thumbs}</div>`;
}

/**
 * The MIME bundle a value displays as: its own `[Symbol.for('jupyter.mimebundle')]()` bundle,
 * the tensor type with HTML and text fallbacks for a `Tensor`, or `util.inspect` text.
 */
export function toMimeBundle(value: unknown): MimeBundle {
  if (value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as Record<symbol, unknown>)[HOOK] === 'function') {
    const bundle: unknown = (value as Record<symbol, () => unknown>)[HOOK]();
    if (bundle === null || typeof bundle !== 'object' || Array.isArray(bundle)) {
      throw new TypeError(`[Symbol.for('jupyter.mimebundle')]() must return an object mapping MIME types to data, got ${bundle === null ? 'null' : Array.isArray(bundle) ? 'an array' : typeof bundle}`);
    }
    if ('text/plain' in bundle) return bundle as MimeBundle;
    const text = String(value);
    return { ...bundle, 'text/plain': text === '[object Object]' ? inspect(value, { depth: 2, breakLength: 100 }) : text };
  }
  if (value instanceof Tensor) {
    const bundle = buildTensorBundle(value.shape, value.data);
    return { [TENSOR_MIME]: bundle, 'text/html': tensorHtml(value, bundle.stats), 'text/plain': formatTensor(value.data, value.shape) };
  }
  if (typeof value === 'string') return { 'text/plain': inspect(value) };
  return { 'text/plain': inspect(value, { depth: 3, maxArrayLength: 100, breakLength: 100 }) };
}
