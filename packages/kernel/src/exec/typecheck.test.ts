/**
 * Opt-in type checking of cells (`// @ts-check`, or CONVKIT_TYPECHECK=1 for every cell), through
 * the real Session (the built kernel, in a fresh Node: the session takes over the process's
 * console and globals) and the real TypeScript compiler, with the runtime's and earlier cells'
 * declarations in scope.
 */
import { execFileSync } from 'child_process';
import { join } from 'path';

const SESSION = join(__dirname, '..', '..', 'lib', 'exec', 'session.js');

interface Result {
  status: 'ok' | 'error';
  value?: unknown;
  text?: string;
}

/** Runs `cells` in one fresh session; returns each cell's outcome. */
function runCells(cells: string[], env: Record<string, string> = {}): Result[] {
  const script = `
    const { Session } = require(${JSON.stringify(SESSION)});
    const fs = require('fs');
    (async () => {
      const session = new Session({ stream() {}, display() {}, clear() {} });
      const results = [];
      for (const code of ${JSON.stringify(cells)}) {
        const r = await session.execute(code);
        results.push(r.status === 'ok' ? { status: 'ok', value: r.value } : { status: 'error', text: r.ename + ': ' + r.evalue + '\\n' + r.traceback.join('\\n') });
      }
      fs.writeSync(1, JSON.stringify(results));
      process.exit(0);
    })();`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env } }));
}

describe('type-checked cells', () => {
  const results = runCells([
    /* 0 */ 'const tx = randn([1, 3, 8, 8], { seed: 1 });\nconst tk: number = 3;',
    /* 1 */ "// @ts-check\nconst ty: Tensor = conv2d(tx, randn([4, 3, tk, tk]), { padding: 'same' });\nconst layer = new nn.Conv2d(3, 8, 3);\nawait Promise.resolve(ty.shape)",
    /* 2 */ "// @ts-check\nvar tcRan = 'yes';\nconst bad: number = 'three';",
    /* 3 */ 'typeof tcRan',
    /* 4 */ '// @ts-check\nconv2d(tx, 5);',
    /* 5 */ '// @ts-check\nconv2d(tx, tx, { paddding: 1 });',
    /* 6 */ '// @ts-check\nnotDefinedAnywhere + 1',
    /* 7 */ 'globalThis.madeAtRunTime = 2;',
    /* 8 */ '// @ts-check\nmadeAtRunTime',
    /* 9 */ "let loose: number = 1;\n(loose as unknown as string).length",
  ]);

  test('a well-typed cell runs, seeing the runtime and earlier cells', () => {
    expect(results[0].status).toBe('ok');
    expect(results[1]).toEqual({ status: 'ok', value: [1, 4, 8, 8] });
  });

  test('a type error stops the cell before it runs, at its line and column', () => {
    expect(results[2].status).toBe('error');
    expect(results[2].text).toContain("TSError: line 3: Type 'string' is not assignable to type 'number'.");
    expect(results[2].text).toContain('cell line 3, column 7');
    expect(results[3]).toEqual({ status: 'ok', value: 'undefined' });
  });

  test('runtime API misuse is caught from the declarations', () => {
    expect(results[4].text).toContain("Argument of type 'number' is not assignable to parameter of type 'Tensor'");
    expect(results[5].text).toMatch(/paddding/);
  });

  test('unknown names are errors; names that exist at run time are not', () => {
    expect(results[6].text).toContain("Cannot find name 'notDefinedAnywhere'");
    expect(results[7].status).toBe('ok');
    expect(results[8]).toEqual({ status: 'ok', value: 2 });
  });

  test('cells without the comment are not checked', () => {
    expect(results[9].status).toBe('ok');
  });

  test('CONVKIT_TYPECHECK=1 checks every cell', () => {
    const [r] = runCells(['const everywhere: string = 1;'], { CONVKIT_TYPECHECK: '1' });
    expect(r.text).toContain("Type 'number' is not assignable to type 'string'");
  });
});
