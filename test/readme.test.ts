/**
 * Runs every ```ts example in README.md against the built packages. A line ending in
 * `// => expected` is checked: the expression on its left must print as `expected`
 * (JSON for arrays, numbers and booleans; the plain string otherwise).
 */
import { transformSync } from '@swc/core';
import { readFileSync } from 'fs';
import { join } from 'path';
import { createContext, runInContext } from 'vm';

const README = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const blocks = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

interface Check {
  line: number;
  actual: string;
  expected: string;
}

function instrument(source: string): string {
  return source
    .split('\n')
    .map((line, i) => {
      const m = /^(\s*)(.+?);?\s*\/\/ => (.*)$/.exec(line);
      if (!m) return line;
      return `${m[1]}__check(${i + 1}, (${m[2]}), ${JSON.stringify(m[3].trim())});`;
    })
    .join('\n');
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

describe('README examples', () => {
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  blocks.forEach((block, index) => {
    it(`example ${index + 1} runs and prints what it says`, () => {
      const { code } = transformSync(instrument(block), {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      const checks: Check[] = [];
      const context = createContext({
        require,
        exports: {},
        console,
        __check: (line: number, value: unknown, expected: string) => checks.push({ line, actual: show(value), expected }),
      });
      runInContext(code, context);
      const expectedCount = block.split('\n').filter((l) => l.includes('// => ')).length;
      expect(checks).toHaveLength(expectedCount);
      for (const c of checks) expect(`line ${c.line}: ${c.actual}`).toBe(`line ${c.line}: ${c.expected}`);
    });
  });
});
