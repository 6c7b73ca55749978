/**
 * Tab completion: members of a call's result type from the TypeScript compiler (nothing is run),
 * members of live values for dotted paths, and no global names after a dot.
 */
import * as core from '@convkit/core';
import { complete } from './complete';
import { CellTypeChecker } from './typecheck';

const g = globalThis as Record<string, unknown>;
// The kernel's session would: the runtime's exports as globals, a checker that knows the cells run.
Object.assign(g, core);
const checker = new CellTypeChecker(process.cwd(), Object.keys(core));

/** The matches with the cursor at the end of `code` (or at `|`). */
function matches(code: string): string[] {
  const cursor = code.includes('|') ? code.indexOf('|') : code.length;
  return complete(code.replace('|', ''), cursor).matches;
}

describe('after a call, new, an index or a literal: the members of its type', () => {
  test('tensor([1]). gives the Tensor members, not the globals', () => {
    const first = performance.now();
    const m = matches('tensor([1]).');
    const firstMs = performance.now() - first;
    expect(m).toEqual(expect.arrayContaining(['reshape', 'shape', 'data', 'sliceChannels', 'channel', 'get', 'size']));
    expect(m).not.toContain('conv2d');
    expect(m).not.toContain('allClose');
    expect(m).not.toContain('channelCount'); // private
    const warm = performance.now();
    matches('randn([2]).');
    console.log(`completion by type: first ${firstMs.toFixed(0)} ms (loads the compiler), warm ${(performance.now() - warm).toFixed(0)} ms`);
  }, 60_000);

  test('new nn.Conv2d(3,4,3). gives the public members of Conv2d, inherited ones too', () => {
    const m = matches('new nn.Conv2d(3,4,3).');
    expect(m).toEqual(expect.arrayContaining(['forward', 'inChannels', 'outChannels', 'kernelSize', 'weight', 'bias', 'macs', 'parameterCount', 'namedParameters']));
    for (const hidden of ['plan', 'shapeOptions', 'seedValue', 'childList', 'addParameter', 'initWeightAndBias', 'weightParam']) expect(m).not.toContain(hidden);
  });

  test('a typed prefix filters the members and sets the replaced range', () => {
    expect(complete('tensor([1]).sh', 14)).toEqual({ matches: ['shape'], cursor_start: 12, cursor_end: 14 });
    expect(matches('tensor([1]).res|hape')).toEqual(['reshape']);
  });

  test('chains, line breaks, optional chaining, indexing, the kernel globals', () => {
    expect(matches('tensor([1])\n  .reshape([1, 1])\n  .sh')).toEqual(['shape']);
    expect(matches('new nn.Conv2d(3, 4, 3).forward(randn([1, 3, 8, 8])).resh')).toEqual(['reshape']);
    expect(matches('const maybe = Math.random() > 2 ? tensor([1]) : undefined;\nmaybe?.sha')).toEqual(['shape']);
    expect(matches('[tensor([1])][0].sha')).toEqual(['shape']);
    expect(matches("'abc'.toUpper")).toEqual(['toUpperCase']);
    expect(matches('heatmap([[1, 2]]).')).toEqual(['bundle', 'gridPng', 'html', 'toString']);
    expect(matches('summary(new nn.ReLU(), [1, 3, 4, 4]).total')).toEqual(['totalMacs', 'totalParams']);
  });

  test('a name the cell declares but has not run yet', () => {
    expect(matches('const q = randn([2]);\nq.resh')).toEqual(['reshape']);
    expect(matches('function f(t: Tensor) {\n  return t.sha|\n}')).toEqual(['shape']);
    // Private members inside their class only.
    expect(matches('class Counter {\n  private count = 0;\n  bump() { this.cou| }\n}')).toEqual(['count']);
    expect(matches('class Counter2 {\n  private count = 0;\n}\nnew Counter2().cou')).toEqual([]);
  });

  test('names from the cells run before', () => {
    checker.remember('const dwLayer = new nn.DepthwiseConv2d(3, 3, { multiplier: 2 });');
    expect(matches('dwLayer.multi')).toEqual(['multiplier']);
    expect(matches('dwLayer.forward(randn([1, 3, 8, 8])).sha')).toEqual(['shape']);
  });

  test('a name declared again: the newest declaration, as when the cells run', () => {
    checker.remember('const again = tensor([1]);');
    checker.remember('const again = new nn.ReLU();');
    expect(matches('again.forw')).toEqual(['forward']);
    expect(matches('const again = new nn.Flatten();\nagain.desc')).toEqual(['describe']);
  });

  test('nothing when the type is unknown, and never the global names', () => {
    expect(matches('notDefinedAnywhere().')).toEqual([]);
    expect(matches('(JSON.parse("{}") as any).')).toEqual([]);
    expect(matches('1.')).toEqual([]);
    expect(matches("'not code, a string: tensor([1]).")).toEqual([]);
  });

  test('the cell is never run', () => {
    expect(matches('(globalThis.completionRanIt = 1, tensor([1])).sha')).toEqual(['shape']);
    expect(g.completionRanIt).toBeUndefined();
  });
});

describe('after a dotted path of names: the live value', () => {
  test('namespaces and globals', () => {
    expect(matches('nn.Con')).toEqual(['Conv2d']);
    expect(matches('new nn.Sep')).toEqual(['SeparableConv2d']);
    expect(matches('models.mob')).toEqual(['mobilenetV1']);
  });

  test('a plain value from a cell', () => {
    g.settings = { alpha: 1, beta: { gamma: 2 } };
    expect(matches('settings.')).toEqual(['alpha', 'beta']);
    expect(matches('settings.beta.g')).toEqual(['gamma']);
  });

  test('an instance whose type a run cell declares: its public members', () => {
    g.convLayer = new core.nn.Conv2d(3, 8, 3);
    checker.remember('const convLayer = new nn.Conv2d(3, 8, 3);');
    const m = matches('convLayer.');
    expect(m).toEqual(expect.arrayContaining(['forward', 'weight', 'inChannels']));
    expect(m).not.toContain('childList');
  });

  test('an instance the cell declares again: the members of its new type', () => {
    g.redeclared = core.tensor([1]);
    checker.remember('const redeclared = tensor([1]);');
    expect(matches('redeclared.sha')).toEqual(['shape']);
    expect(matches('const redeclared = new nn.ReLU();\nredeclared.forw')).toEqual(['forward']);
  });

  test('an instance of another class than the cells declare (an `any` assigned later): the value', () => {
    checker.remember('var changed = tensor([1]);');
    g.changed = new core.nn.ReLU();
    expect(matches('changed.forw')).toEqual(['forward']);
    expect(matches('changed.sha')).toEqual([]);
  });

  test('an instance the compiler cannot type: every member it has', () => {
    g.untypedLayer = new core.nn.ReLU();
    expect(matches('untypedLayer.forw')).toEqual(['forward']);
  });

  test('global names without a dot; not after a spread', () => {
    expect(matches('depthwiseC')).toEqual(['depthwiseConv2d']);
    expect(matches('[...tens')).toEqual(expect.arrayContaining(['tensor']));
  });
});
