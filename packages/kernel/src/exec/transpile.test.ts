import { runInThisContext } from 'vm';
import { AFTER_AWAIT, CellSyntaxError, DYNAMIC_IMPORT, INTERRUPT_CHECK, checkSyntax, compileCell } from './transpile';

// Runs compiled cells the way the session does: prelude, then body, in Node's main context
// (jest's own context is a vm sandbox, whose global object treats defined properties differently).
const mainGlobal = runInThisContext('globalThis') as Record<string, unknown>;
mainGlobal.__convkit_import = (spec: string, asDefault: boolean) => (asDefault ? `default of ${spec}` : { a: `a of ${spec}` });
mainGlobal[INTERRUPT_CHECK] = () => undefined;
mainGlobal[AFTER_AWAIT] = (v: unknown) => v;
mainGlobal[DYNAMIC_IMPORT] = (spec: string) => Promise.resolve({ from: spec });

async function runCells(cells: string[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const cell of cells) {
    const c = compileCell(cell);
    runInThisContext(c.prelude);
    results.push(await runInThisContext(c.body));
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
    const err = await (runInThisContext(c.prelude), runInThisContext(c.body, { filename: 'cell' })).catch((e: Error) => e);
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
  test('a const is read-only until its cell is run again; let stays writable', async () => {
    const r = await runCells(['const k = 1;\nlet m = 1;', 'm = 2;\nm', 'const k = 3;\nk']);
    expect(r).toEqual([undefined, 2, 3]);
    // (errors come from Node's main context, so match messages, not jest-realm classes)
    await expect(runCells(['const k = 1;', 'k = 2;'])).rejects.toThrow(/Cannot assign to read only property 'k'/);
    await expect(runCells(['const { a, b } = { a: 1, b: 2 };', 'b = 5;'])).rejects.toThrow(/read only|read-only/);
    await expect(runCells(['undeclared = 5;'])).rejects.toThrow(/undeclared is not defined/);
  });
  test('a cell that is an object literal shows the object (as in the Node REPL); a block stays a block', async () => {
    expect(await runCells(['{ a: 1, b: [2] }'])).toEqual([{ a: 1, b: [2] }]);
    expect(await runCells(['{ const inner = 1; }'])).toEqual([undefined]);
  });
  test('every loop body and function body checks for an interrupt, on the same lines', () => {
    const c = compileCell('for (;;) x++;\nwhile (a) { b(); }\nconst f = () => 1;\nfunction g() { do y(); while (z); }');
    expect(c.body.match(new RegExp(INTERRUPT_CHECK, 'g'))?.length).toBe(5);
    expect(c.body.split('\n').length).toBe(5); // four cell lines + the closing line
  });
  test('an interrupt raised during a loop that runs after an await stops it', async () => {
    let calls = 0;
    mainGlobal[INTERRUPT_CHECK] = () => {
      if (++calls === 1000) throw Object.assign(new Error('interrupted'), { name: 'KeyboardInterrupt' });
    };
    try {
      await expect(runCells(['await Promise.resolve();\nfor (;;) {}'])).rejects.toThrow('interrupted');
      expect(calls).toBe(1000);
    } finally {
      mainGlobal[INTERRUPT_CHECK] = () => undefined;
    }
  });
  test('an open template literal or block comment is unfinished input', () => {
    for (const cell of ['const s = `abc', '/* comment', 'function f() {']) {
      try {
        checkSyntax(cell);
        throw new Error(`${cell} parsed`);
      } catch (e) {
        expect((e as CellSyntaxError).atEnd).toBe(true);
      }
    }
  });
  test('a value namespace (which sucrase would drop) is emitted', async () => {
    expect(await runCells(['namespace Geometry {\n  export const side = 3;\n}\nGeometry.side * 2'])).toEqual([6]);
  });
  test('checks nest correctly where a loop body and an arrow body end together (no semicolon)', async () => {
    const cells = ['let f: () => number;\nfor (const v of [1, 2]) f = () => v', 'f()', 'let i = 2, g: any;\nwhile (i--) g = (x: number) => (y: number) => x + y', 'g(1)(2)', 'let h: any;\ndo h = () => 1\nwhile (false)', 'h()'];
    expect(await runCells(cells)).toEqual([undefined, 2, undefined, 3, undefined, 1]);
  });
  test('every await is followed by a check; import() goes through the kernel', async () => {
    const c = compileCell("const a = await Promise.resolve(1) + 1;\nconst m = await import('pkg');");
    expect(c.body).toContain(`${AFTER_AWAIT}(await Promise.resolve(1)) + 1`);
    expect(c.body).toContain(`${DYNAMIC_IMPORT}('pkg')`);
    expect(await runCells(["const a2 = await Promise.resolve(1) + 1;\nconst m2: any = await import('pkg');\n[a2, m2.from]"])).toEqual([[2, 'pkg']]);
  });
  test('export default of an anonymous function or class evaluates it', async () => {
    const [f] = await runCells(['export default function () { return 7; }']);
    expect(f).toBeUndefined();
    expect(() => compileCell('export default class {}')).not.toThrow();
  });
});

