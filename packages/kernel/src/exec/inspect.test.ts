/**
 * Inspection (Shift+Tab): signatures and TSDoc of the runtime's and the kernel's globals, of
 * members of live instances (through their class, also inside `nn` / `models`), and of what the
 * compiler sees in the cell — nothing is run.
 */
import * as core from '@convkit/core';
import { classPath, documentation, inspectAt } from './inspect';
import { CellTypeChecker } from './typecheck';

const g = globalThis as Record<string, unknown>;
Object.assign(g, core);
const checker = new CellTypeChecker(process.cwd(), Object.keys(core));

/** Inspects with the cursor at `|` (or at the end). */
function inspect(code: string): string | null {
  const cursor = code.includes('|') ? code.indexOf('|') : code.length;
  return inspectAt(code.replace('|', ''), cursor);
}

describe("the kernel's own globals", () => {
  test('heatmap: signature and TSDoc from display/heatmap', () => {
    const text = inspect('heatmap') ?? '';
    expect(text).toContain('heatmap(values: Tensor | NestedArray, options?: HeatmapOptions): HeatmapView');
    expect(text).toContain('A heatmap of a tensor');
    expect(text).toContain('@example heatmap(conv2d(x, w)');
    expect(text).not.toContain('[Function');
  }, 60_000);

  test('display, clearOutput, input: signatures with the session’s option types, and docs', () => {
    expect(inspect('display')).toMatch(/^display\(value: unknown, options\?: DisplayOptions\): DisplayHandle\n\nShows `value`/);
    expect(inspect('clearOutput')).toMatch(/^clearOutput\(wait\?: boolean\): void\n\nClears/);
    expect(inspect('input')).toMatch(/^input\(prompt\?: string, options\?: InputOptions\): Promise<string>\n\nAsks the front end/);
    expect(inspect('disp|lay(tensor([1]))')).toMatch(/^display\(/);
  });
});

describe('the runtime', () => {
  test('exports, namespaces, classes and their members (inherited too)', () => {
    expect(inspect('conv2d')).toMatch(/^conv2d\(x: Tensor, weight: Tensor, options\?: Conv2dOptions\): Tensor/);
    expect(inspect('new nn.Con|v2d(3, 8, 3)')).toMatch(/^new nn\.Conv2d\(inChannels: number/);
    expect(documentation(['nn', 'Conv2d', 'forward'])).toBe('nn.Conv2d.forward(x: Tensor): Tensor\n\nRuns the layer.');
    expect(documentation(['Tensor', 'reshape'])).toContain('Tensor.reshape(shape: readonly number[]): Tensor');
    expect(classPath('Tensor')).toEqual(['Tensor']);
    expect(classPath('Conv2d')).toEqual(['nn', 'Conv2d']);
    expect(classPath('Sequential')).toEqual(['nn', 'Sequential']);
  });

  test('a member of a live layer: through its class in nn', () => {
    g.layer = new core.nn.Conv2d(3, 8, 3);
    expect(inspect('layer.forward')).toBe('nn.Conv2d.forward(x: Tensor): Tensor\n\nRuns the layer.');
    expect(inspect('layer.bias')).toContain('nn.Conv2d.bias: Tensor | null');
    expect(inspect('layer.inChannels')).toContain('nn.Conv2d.inChannels: number');
    g.net = core.models.mobilenetV1();
    expect(inspect('net.namedParameters')).toContain('All parameters with dotted names');
  });

  test('a live value: its type, a view and its class docs', () => {
    g.t = core.tensor([1, 2, 3]);
    const text = inspect('t') ?? '';
    expect(text).toMatch(/^t: Tensor\n\nTensor \{/);
    expect(text).toContain('new Tensor(data: Float32Array');
  });
});

describe('what the compiler sees in the cell', () => {
  test('a member of a call result, not the global of that name', () => {
    expect(inspect('tensor([1]).reshape')).toContain('Tensor.reshape(shape: readonly number[]): Tensor');
    expect(inspect('tensor([1]).conv2d')).toBeNull();
  });

  test('inside the parentheses of a call: the function or class called', () => {
    expect(inspect('conv2d(randn([1, 3, 8, 8]), ')).toMatch(/^conv2d\(x: Tensor, weight: Tensor/);
    expect(inspect('new nn.Conv2d(3, |)')).toMatch(/^new nn\.Conv2d\(inChannels/);
    expect(inspect('tensor([1]).reshape([1, ')).toContain('reshape(shape: readonly number[]): Tensor');
    expect(inspect('conv2d(x, w)  ')).toBeNull();
  });

  test('names the cell declares, and names from cells run before', () => {
    expect(inspect('const q = randn([2]);\nq')).toBe('q: Tensor');
    checker.remember('const earlier = new nn.Linear(4, 2);');
    expect(inspect('earlier.forward')).toBe('Linear.forward(x: Tensor): Tensor\n\nRuns the layer.');
    // A function from a cell that ran: its signature and TSDoc rather than `[Function: scale]`.
    checker.remember('/** Doubles a tensor. */\nfunction scale(t: Tensor, k = 2): Tensor { return t.map((v) => v * k); }');
    g.scale = () => undefined;
    expect(inspect('scale')).toBe('scale(t: Tensor, k?: number): Tensor\n\nDoubles a tensor.');
  });

  test('unknown names: nothing', () => {
    expect(inspect('notDefinedAnywhere')).toBeNull();
    expect(inspect('   ')).toBeNull();
  });
});
