import { ConvkitError, describeValue, formatShape } from '../errors';
import { Module } from '../nn/module';
import { escapeXml } from '../render/escape';
import { Shape, checkShape, sizeOf } from '../tensor/shape';

/** One layer of a summary: a module without children. */
export interface SummaryRow {
  /** Dotted path in the model, e.g. `block1.depthwise`. */
  name: string;
  /** Layer class, e.g. `DepthwiseConv2d`. */
  type: string;
  /** Nesting depth (0 for direct children of the summarised module). */
  depth: number;
  inputShape: number[];
  outputShape: number[];
  /** Learnable values of this layer. */
  params: number;
  /** Multiply-adds of this layer for the summary's input (see `count/conv_count.ts`). */
  macs: number;
  /** Bytes of this layer's float32 output. */
  activationBytes: number;
}

const COLUMNS = ['Layer (type)', 'Output Shape', 'Param #', 'Mult-Adds', 'Output size'] as const;

/** What `summary` returns: per-layer rows, totals, and table renderings. */
export class ModelSummary {
  readonly rows: readonly SummaryRow[];
  readonly inputShape: readonly number[];
  readonly outputShape: readonly number[];
  readonly totalParams: number;
  /** All parameters here are learnable; kept for parity with torchinfo / Keras. */
  readonly trainableParams: number;
  readonly totalMacs: number;
  readonly inputBytes: number;
  readonly paramBytes: number;
  /** Sum of every layer's output size in bytes (float32). */
  readonly activationBytes: number;

  constructor(rows: SummaryRow[], inputShape: number[], outputShape: number[]) {
    this.rows = rows;
    this.inputShape = inputShape;
    this.outputShape = outputShape;
    this.totalParams = rows.reduce((a, r) => a + r.params, 0);
    this.trainableParams = this.totalParams;
    this.totalMacs = rows.reduce((a, r) => a + r.macs, 0);
    this.inputBytes = 4 * sizeOf(inputShape);
    this.paramBytes = 4 * this.totalParams;
    this.activationBytes = rows.reduce((a, r) => a + r.activationBytes, 0);
  }

  private table(): string[][] {
    return this.rows.map((r) => [
      `${'  '.repeat(r.depth)}${r.name} (${r.type})`,
      formatShape(r.outputShape),
      r.params.toLocaleString('en-US'),
      r.macs.toLocaleString('en-US'),
      formatBytes(r.activationBytes),
    ]);
  }

  private footer(): [string, string][] {
    return [
      ['Total params', this.totalParams.toLocaleString('en-US')],
      ['Trainable params', this.trainableParams.toLocaleString('en-US')],
      ['Total mult-adds', humanCount(this.totalMacs)],
      ['Input size', formatBytes(this.inputBytes)],
      ['Forward pass size (all outputs)', formatBytes(this.activationBytes)],
      ['Params size', formatBytes(this.paramBytes)],
      ['Estimated total size', formatBytes(this.inputBytes + this.activationBytes + this.paramBytes)],
    ];
  }

  /** A fixed-width table like torchinfo's. */
  toString(): string {
    const header = [...COLUMNS];
    const body = this.table();
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ');
    const rule = (ch: string) => ch.repeat(widths.reduce((a, w) => a + w, 0) + 3 * (widths.length - 1));
    return [rule('='), line(header), rule('='), ...body.map(line), rule('='), ...this.footer().map(([k, v]) => `${k}: ${v}`), rule('=')].join('\n');
  }

  /** An HTML table; every string is escaped. */
  toHtml(): string {
    const th = COLUMNS.map((h) => `<th>${h}</th>`).join('');
    const rows = this.table()
      .map((cells, i) => {
        const depth = this.rows[i].depth;
        const first = `<td style="text-align:left;padding-left:${0.5 + depth}em">${escapeXml(cells[0].trim())}</td>`;
        return `<tr>${first}${cells.slice(1).map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`;
      })
      .join('\n');
    const foot = this.footer()
      .map(([k, v]) => `<tr><th colspan="${COLUMNS.length - 1}" style="text-align:left">${escapeXml(k)}</th><td>${escapeXml(v)}</td></tr>`)
      .join('\n');
    return `<table class="convkit-summary">\n<thead><tr>${th}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n<tfoot>\n${foot}\n</tfoot>\n</table>`;
  }

  /** Rich display in Jupyter: an HTML table with a plain-text fallback. */
  [Symbol.for('jupyter.mimebundle')](): Record<string, string> {
    return { 'text/plain': this.toString(), 'text/html': this.toHtml() };
  }
}

function humanCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(2)} K`;
  return String(n);
}

/** Bytes in decimal units, as torchinfo: `288 B`, `1.15 kB`, `16.06 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(2)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(2)} kB`;
  return `${bytes} B`;
}

/**
 * Per-layer output shapes, parameters and multiply-adds of a module for an input shape, in
 * the manner of torchinfo's `summary` / Keras' `model.summary()`. Computed from shapes alone:
 * no data flows and no weights are allocated.
 *
 * @param inputShape `[N, C, H, W]` (or whatever the first layer takes); default: the model's own
 *   `inputShape` (`models.mobilenetV1({ resolution })` has one)
 */
export function summary(module: Module, inputShape?: Shape): ModelSummary {
  if (!(module instanceof Module)) {
    throw new ConvkitError('summary', 'module', `module must be a layer (nn.Module), got ${describeValue(module)}`);
  }
  const given = inputShape ?? module.inputShape;
  if (given === undefined) {
    throw new ConvkitError('summary', 'inputShape', `inputShape is needed (e.g. [1, 3, 224, 224]): ${module.type} has no inputShape of its own`);
  }
  const shape = checkShape('summary', 'inputShape', given);
  const rows: SummaryRow[] = [];
  const walk = (m: Module, name: string, depth: number, input: number[]): number[] => {
    const children = m.children();
    if (children.length === 0) {
      const output = m.outputShape(input);
      const params = m.ownParameters().reduce((a, [, p]) => a + p.size, 0);
      rows.push({ name, type: m.type, depth, inputShape: input, outputShape: output, params, macs: m.ownMacs(input), activationBytes: 4 * sizeOf(output) });
      return output;
    }
    let current = input;
    for (const [childName, child] of children) {
      current = walk(child, name ? `${name}.${childName}` : childName, name ? depth + 1 : depth, current);
    }
    return current;
  };
  const output = walk(module, '', 0, shape);
  return new ModelSummary(rows, shape, output);
}
