import { decodeFloat32 } from './encoding';
import { SCHEMA_VERSION } from './mime';
import { COLOR_SCALES } from './colors';
import { EncodedFloat32, HeatmapBundle, TensorBundle } from './types';

/** A bundle that does not follow the schema; `path` says where, e.g. `panels[2].values`. */
export class BundleError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'BundleError';
    this.path = path;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) throw new BundleError(path, `expected an object, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`);
  return v;
}
function int(v: unknown, path: string, min = 0): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new BundleError(path, `expected an integer >= ${min}, got ${JSON.stringify(v)}`);
  return v;
}
function optString(v: unknown, path: string): void {
  if (v !== undefined && typeof v !== 'string') throw new BundleError(path, `expected a string, got ${typeof v}`);
}
function optNumber(v: unknown, path: string): void {
  if (v !== undefined && v !== null && typeof v !== 'number') throw new BundleError(path, `expected a number, got ${typeof v}`);
}
function version(v: unknown, path: string): void {
  if (v !== SCHEMA_VERSION) throw new BundleError(path, `unsupported schema version ${JSON.stringify(v)} (this renderer reads version ${SCHEMA_VERSION})`);
}

/** Decodes and checks an encoded array; returns its values. */
export function decodeArray(v: unknown, path: string, expectedLength?: number): Float32Array {
  const e = obj(v, path);
  int(e.length, `${path}.length`);
  if (typeof e.data !== 'string') throw new BundleError(`${path}.data`, 'expected a base64 string');
  let values: Float32Array;
  try {
    values = decodeFloat32(e as unknown as EncodedFloat32);
  } catch (error) {
    throw new BundleError(path, (error as Error).message);
  }
  if (expectedLength !== undefined && values.length !== expectedLength) {
    throw new BundleError(path, `expected ${expectedLength} values, got ${values.length}`);
  }
  return values;
}

/** Checks a `application/vnd.convkit.tensor+json` bundle and decodes its values (if sent). */
export function validateTensorBundle(value: unknown): { bundle: TensorBundle; values: Float32Array | null } {
  const b = obj(value, 'tensor');
  version(b.version, 'tensor.version');
  if (!Array.isArray(b.shape)) throw new BundleError('tensor.shape', 'expected an array of sizes');
  b.shape.forEach((d, i) => int(d, `tensor.shape[${i}]`));
  if (b.dtype !== 'float32') throw new BundleError('tensor.dtype', `expected "float32", got ${JSON.stringify(b.dtype)}`);
  optString(b.name, 'tensor.name');
  const stats = obj(b.stats, 'tensor.stats');
  for (const k of ['min', 'max', 'mean', 'std']) optNumber(stats[k], `tensor.stats.${k}`);
  int(stats.nanCount, 'tensor.stats.nanCount');
  int(stats.infCount, 'tensor.stats.infCount');
  const size = (b.shape as number[]).reduce((a, d) => a * d, 1);
  const values = b.values === undefined ? null : decodeArray(b.values, 'tensor.values', size);
  return { bundle: b as unknown as TensorBundle, values };
}

/** Checks a `application/vnd.convkit.heatmap+json` bundle and decodes every panel. */
export function validateHeatmapBundle(value: unknown): { bundle: HeatmapBundle; panels: Float32Array[] } {
  const b = obj(value, 'heatmap');
  version(b.version, 'heatmap.version');
  optString(b.title, 'heatmap.title');
  optString(b.xLabel, 'heatmap.xLabel');
  optString(b.yLabel, 'heatmap.yLabel');
  optNumber(b.zmin, 'heatmap.zmin');
  optNumber(b.zmax, 'heatmap.zmax');
  if (typeof b.colorscale !== 'string' || !(COLOR_SCALES as readonly string[]).includes(b.colorscale)) {
    throw new BundleError('heatmap.colorscale', `expected one of ${COLOR_SCALES.join(', ')}, got ${JSON.stringify(b.colorscale)}`);
  }
  if (typeof b.diverging !== 'boolean') throw new BundleError('heatmap.diverging', 'expected a boolean');
  if (typeof b.sharedScale !== 'boolean') throw new BundleError('heatmap.sharedScale', 'expected a boolean');
  int(b.columns, 'heatmap.columns', 1);
  if (b.panelSize !== undefined) int(b.panelSize, 'heatmap.panelSize', 16);
  if (!Array.isArray(b.panels) || b.panels.length === 0) throw new BundleError('heatmap.panels', 'expected a non-empty array');
  const panels = b.panels.map((p, i) => {
    const path = `heatmap.panels[${i}]`;
    const panel = obj(p, path);
    const h = int(panel.height, `${path}.height`, 1);
    const w = int(panel.width, `${path}.width`, 1);
    optString(panel.title, `${path}.title`);
    if (panel.channel !== undefined) int(panel.channel, `${path}.channel`);
    return decodeArray(panel.values, `${path}.values`, h * w);
  });
  return { bundle: b as unknown as HeatmapBundle, panels };
}
