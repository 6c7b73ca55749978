import { Node, Parser, parse } from 'acorn';
import { transform } from 'sucrase';

/** A cell turned into JavaScript that runs in one persistent global scope. */
export interface CompiledCell {
  /** `var a, b;` — the cell's top-level names, declared on the global object first. */
  prelude: string;
  /** An async IIFE returning the value of the cell's last expression (if any). */
  body: string;
  /** Top-level names the cell declares. */
  names: string[];
}

/** A cell that does not parse, with a 1-based line and column in the cell. */
export class CellSyntaxError extends SyntaxError {
  readonly line: number;
  readonly column: number;
  /** True when the error is at the very end: more input could complete it. */
  readonly atEnd: boolean;
  constructor(message: string, line: number, column: number, atEnd: boolean) {
    super(message);
    this.name = 'SyntaxError';
    this.line = line;
    this.column = column;
    this.atEnd = atEnd;
  }
}

type AnyNode = Node & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Names bound by a declaration pattern (`a`, `{ b, c: d }`, `[e, ...f]`). */
function boundNames(pattern: AnyNode, out: string[]): void {
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) boundNames(p.type === 'RestElement' ? p.argument : p.value, out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) if (e) boundNames(e, out);
      break;
    case 'RestElement':
      boundNames(pattern.argument, out);
      break;
    case 'AssignmentPattern':
      boundNames(pattern.left, out);
      break;
  }
}

function lineColumn(code: string, pos: number): [number, number] {
  const before = code.slice(0, pos).split('\n');
  return [before.length, before[before.length - 1].length + 1];
}

/** Strips TypeScript (sucrase; keeps line numbers and unused imports) and parses the result. */
function toJavaScript(source: string): { code: string; ast: AnyNode } {
  let code: string;
  try {
    code = transform(source, { transforms: ['typescript'], keepUnusedImports: true, disableESTransforms: true }).code;
  } catch (error) {
    const e = error as Error & { loc?: { line: number; column: number }; pos?: number };
    const pos = e.pos ?? source.length;
    const [line, column] = e.loc ? [e.loc.line, e.loc.column + 1] : lineColumn(source, pos);
    throw new CellSyntaxError(e.message.replace(/\s*\(\d+:\d+\)$/, ''), line, column, pos >= source.trimEnd().length);
  }
  try {
    const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true }) as AnyNode;
    return { code, ast };
  } catch (error) {
    const e = error as Error & { pos?: number; loc?: { line: number; column: number } };
    const pos = e.pos ?? code.length;
    const [line, column] = e.loc ? [e.loc.line, e.loc.column + 1] : lineColumn(code, pos);
    throw new CellSyntaxError(e.message.replace(/\s*\(\d+:\d+\)$/, ''), line, column, pos >= code.trimEnd().length);
  }
}

/** Checks that a cell parses (for `is_complete`). */
export function checkSyntax(source: string): void {
  toJavaScript(source);
}

const IMPORT = '__convkit_import';

/**
 * Rewrites a TypeScript cell so that its top-level declarations outlive it: `const`/`let`/
 * `class` become assignments to global `var`s (so re-running a cell may redeclare them),
 * imports become `require`s bound to globals, and the body runs in an async function so
 * top-level `await` works. Every rewrite stays on its original line, so error positions
 * point at the cell's own lines.
 */
export function compileCell(source: string): CompiledCell {
  const { code, ast } = toJavaScript(source);
  const names: string[] = [];
  const hoisted: string[] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  const slice = (n: AnyNode) => code.slice(n.start, n.end);
  const statements: AnyNode[] = ast.body;

  const declaration = (node: AnyNode, start: number, end: number): void => {
    if (node.type === 'VariableDeclaration') {
      const parts = node.declarations.map((d: AnyNode) => {
        boundNames(d.id, names);
        if (!d.init) return d.id.type === 'Identifier' ? `${d.id.name} = undefined` : '';
        return `(${slice(d.id)} = ${slice(d.init)})`;
      });
      edits.push({ start, end, text: parts.filter(Boolean).join(', ') + ';' });
    } else if (node.type === 'ClassDeclaration') {
      names.push(node.id.name);
      edits.push({ start, end, text: `${node.id.name} = ${slice(node)};` });
    } else if (node.type === 'FunctionDeclaration') {
      // Kept in place (hoisted inside the body) and published to the global at the top.
      names.push(node.id.name);
      hoisted.push(node.id.name);
      if (start !== node.start) edits.push({ start, end: node.start, text: '' });
    }
  };

  for (const node of statements) {
    if (node.type === 'ImportDeclaration') {
      const spec = JSON.stringify(node.source.value);
      const parts = node.specifiers.map((s: AnyNode) => {
        names.push(s.local.name);
        if (s.type === 'ImportDefaultSpecifier') return `${s.local.name} = ${IMPORT}(${spec}, true)`;
        if (s.type === 'ImportNamespaceSpecifier') return `${s.local.name} = ${IMPORT}(${spec}, false)`;
        const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
        return `${s.local.name} = ${IMPORT}(${spec}, false)[${JSON.stringify(imported)}]`;
      });
      edits.push({ start: node.start, end: node.end, text: (parts.length ? parts.join(', ') : `${IMPORT}(${spec}, false)`) + ';' });
    } else if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration') {
      if (node.declaration && node.declaration.type !== 'Identifier' && /Declaration$/.test(node.declaration.type)) {
        declaration(node.declaration, node.start, node.end);
      } else if (node.declaration) {
        edits.push({ start: node.start, end: node.declaration.start, text: '' });
      } else {
        edits.push({ start: node.start, end: node.end, text: '' });
      }
    } else if (node.type === 'ExportAllDeclaration') {
      edits.push({ start: node.start, end: node.end, text: '' });
    } else {
      declaration(node, node.start, node.end);
    }
  }

  const last = statements[statements.length - 1];
  let returnsValue = false;
  if (last && last.type === 'ExpressionStatement') {
    returnsValue = true;
    edits.push({ start: last.start, end: last.end, text: `return (${slice(last.expression)});` });
  }

  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += code.slice(at, e.start) + e.text;
    at = e.end;
  }
  out += code.slice(at);
  const publish = hoisted.map((n) => `globalThis[${JSON.stringify(n)}] = ${n};`).join(' ');
  const unique = [...new Set(names)];
  return {
    prelude: unique.length ? `var ${unique.join(', ')};` : '',
    body: `(async () => { ${publish} ${out}\n${returnsValue ? '' : 'return undefined;'}})()`,
    names: unique,
  };
}

/** The acorn parser, for tools that need to look at cells (kept as one import site). */
export const JavaScriptParser = Parser;
