import { runInNewContext } from 'vm';
import { CellSyntaxError, compileCell } from './transpile';

// Runs compiled cells the way the session does: prelude, then body, in one shared context.
async function runCells(cells: string[]): Promise<unknown[]> {
  const context: Record<string, unknown> = { __convkit_import: (spec: string, asDefault: boolean) => (asDefault ? `default of ${spec}` : { a: `a of ${spec}` }) };
  const results: unknown[] = [];
  for (const cell of cells) {
    const c = compileCell(cell);
    runInNewContext(c.prelude, context);
    results.push(await runInNewContext(c.body, context));
  }
  return results;
}

describe('compileCell', () => {
  test('state persists across cells; cells can be re-run (const redeclared)', async () => {
    const r = await runCells(['const x: number = 2;\nlet y = x + 1;', 'x * y', 'const x = 10;', 'x']);
    expect(r).toEqual([undefined, 6, undefined, 10]);
  });
  test('functions are hoisted and global; classes and destructuring persist', async () => {
    const r = await runCells(['const v = f(2);\nfunction f(n: number) { return n * 3; }\nclass A { k = 1 }\nconst { p, q: [r1] } = { p: 1, q: [5] };', '[v, f(1), new A().k, p, r1]']);
    expect(r[1]).toEqual([6, 3, 1, 1, 5]);
  });
  test('top-level await and the last expression as the result', async () => {
    const r = await runCells(['const w = await Promise.resolve(7);\nw + 1']);
    expect(r).toEqual([8]);
  });
  test('imports bind globals for later cells, even when unused in their own cell', async () => {
    const r = await runCells(["import d, { a as b } from 'pkg';\nimport * as ns from 'other';", '[d, b, ns.a]']);
    expect(r[1]).toEqual(['default of pkg', 'a of pkg', 'a of other']);
  });
  test('line numbers are kept: an error on line 3 reports line 3', async () => {
    const c = compileCell('const a = 1;\nconst b = 2;\nnull.boom;');
    const err = await (runInNewContext(`var a, b;`, {}), runInNewContext(c.body, {}, { filename: 'cell' })).catch((e: Error) => e);
    expect(String((err as Error).stack)).toMatch(/cell:3:/);
  });
  test('syntax errors carry a position and say whether more input could finish them', () => {
    expect(() => compileCell('function f() {')).toThrow(CellSyntaxError);
    try {
      compileCell('function f() {');
    } catch (e) {
      expect((e as CellSyntaxError).atEnd).toBe(true);
    }
    try {
      compileCell('const = 1;\nmore()');
    } catch (e) {
      expect((e as CellSyntaxError).atEnd).toBe(false);
      expect((e as CellSyntaxError).line).toBe(1);
    }
  });
});
