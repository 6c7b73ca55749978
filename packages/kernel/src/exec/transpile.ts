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

// Sucrase silently drops value namespaces (`namespace NS { export const a = 1 }`); cells that
// declare one go through TypeScript's own transpiler, which emits them (slower: ~10 ms a cell).
const NAMESPACE = /(^|[;{}\n])\s*(export\s+)?(namespace|module)\s+[A-Za-z_$][\w$.]*\s*\{/;

function viaTypeScript(source: string): string {
  const ts = require('typescript') as typeof import('typescript');
  const out = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true, removeComments: false },
    reportDiagnostics: true,
  });
  const error = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error) {
    const e = new SyntaxError(ts.flattenDiagnosticMessageText(error.messageText, '\n')) as SyntaxError & { pos?: number };
    e.pos = error.start;
    throw e;
  }
  return out.outputText.replace(/\n\/\/# sourceMappingURL=.*$/, '');
}

/** Strips TypeScript (sucrase; keeps line numbers and unused imports) and parses the result. */
function toJavaScript(source: string): { code: string; ast: AnyNode } {
  let code: string;
  try {
    code = NAMESPACE.test(source) ? viaTypeScript(source) : transform(source, { transforms: ['typescript'], keepUnusedImports: true, disableESTransforms: true }).code;
  } catch (error) {
    const e = error as Error & { loc?: { line: number; column: number }; pos?: number };
    const pos = e.pos ?? source.length;
    const [line, column] = e.loc ? [e.loc.line, e.loc.column + 1] : lineColumn(source, pos);
    // A template literal or block comment left open is unfinished input, wherever it starts.
    const open = /Unterminated (template|comment)/i.test(e.message);
    throw new CellSyntaxError(e.message.replace(/\s*\(\d+:\d+\)$/, ''), line, column, open || pos >= source.trimEnd().length);
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
  toJavaScriptOrObject(source);
}

/**
 * A cell that starts with `{` and parses as an expression in parentheses is an object literal,
 * not a block, as in Node's REPL: `{ a: 1, b: 2 }` shows the object.
 */
function toJavaScriptOrObject(source: string): { code: string; ast: AnyNode } {
  if (/^\s*\{/.test(source) && !/;\s*$/.test(source)) {
    try {
      return toJavaScript(`(${source}\n)`);
    } catch {
      // not an expression: a block statement
    }
  }
  return toJavaScript(source);
}

/** The global function every loop iteration and function call of a cell calls: it throws when an interrupt is pending. */
export const INTERRUPT_CHECK = '__convkit_check';
/** Wraps every `await x` of a cell: the same check once the awaited value has arrived; returns it. */
export const AFTER_AWAIT = '__convkit_after_await';
/** Replaces `import(` in cells: resolves the specifier from the notebook's folder. */
export const DYNAMIC_IMPORT = '__convkit_dynamic_import';

const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/**
 * Puts an interrupt check at the top of every loop body and function body and after every
 * `await`, so a loop or a deep recursion stops on an interrupt even when it runs after an
 * `await` (where a SIGINT cannot reach it: the event loop is busy), and an interrupted cell does
 * not resume when what it awaited settles. Insertions stay on their lines, so positions in
 * errors hold.
 */
export function instrument(code: string, ast: AnyNode): string {
  // Sorted by position; at one position, closings first (innermost first), then openings
  // (outermost first), then replacements: `for (…) f = () => v` gets `…v)}`, not `…v})`.
  const edits: { start: number; end: number; text: string; order: number }[] = [];
  const open = (at: number, text: string, depth: number) => edits.push({ start: at, end: at, text, order: 1e6 + depth });
  const close = (at: number, text: string, depth: number) => edits.push({ start: at, end: at, text, order: -depth });
  const check = `${INTERRUPT_CHECK}();`;
  const visit = (node: AnyNode, depth: number): void => {
    if (LOOPS.has(node.type)) {
      const body = node.body as AnyNode;
      if (body.type === 'BlockStatement') open(body.start + 1, check, depth);
      else open(body.start, `{${check}`, depth), close(body.end, '}', depth);
    } else if (FUNCTIONS.has(node.type)) {
      const body = node.body as AnyNode;
      if (body.type === 'BlockStatement') open(body.start + 1, check, depth);
      else open(body.start, `(${INTERRUPT_CHECK}(), `, depth), close(body.end, ')', depth);
    } else if (node.type === 'AwaitExpression') {
      // An interrupted cell must not go on when what it awaited settles.
      open(node.start, `${AFTER_AWAIT}(`, depth), close(node.end, ')', depth);
    } else if (node.type === 'ImportExpression') {
      // import() resolves from the notebook's folder, as static imports do.
      edits.push({ start: node.start, end: node.source.start, text: `${DYNAMIC_IMPORT}(`, order: 2e6 });
    }
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof c.type === 'string') visit(c, depth + 1);
      } else if (child && typeof child === 'object' && typeof child.type === 'string') {
        visit(child, depth + 1);
      }
    }
  };
  visit(ast, 0);
  return applyEdits(code, edits);
}

/**
 * Replaces each `[start, end)` of `code` by its text. Edits do not overlap; at one position they
 * go in by `order` (default 0), then in the order given.
 */
function applyEdits(code: string, edits: { start: number; end: number; text: string; order?: number }[]): string {
  if (!edits.length) return code;
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || (a.order ?? 0) - (b.order ?? 0))) {
    out += code.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + code.slice(at);
}

const IMPORT = '__convkit_import';

/**
 * Rewrites a TypeScript cell so that its top-level declarations outlive it: `const`/`let`/
 * `class` become assignments to globals (so re-running a cell may redeclare them; a `const`
 * global is read-only until then),
 * imports become `require`s bound to globals, and the body runs in an async function so
 * top-level `await` works. Every rewrite stays on its original line, so error positions
 * point at the cell's own lines.
 */
export function compileCell(source: string): CompiledCell {
  const { code: plain, ast: plainAst } = toJavaScriptOrObject(source);
  // Interrupt checks go in first (same lines), then the result is parsed again for the rewrite.
  const code = instrument(plain, plainAst);
  const ast = code === plain ? plainAst : (parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true }) as AnyNode);
  const names: string[] = [];
  const hoisted: string[] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  const slice = (n: AnyNode) => code.slice(n.start, n.end);
  const statements: AnyNode[] = ast.body;

  const declaration = (node: AnyNode, start: number, end: number): void => {
    if (node.type === 'VariableDeclaration') {
      const declared: string[] = [];
      const parts = node.declarations.map((d: AnyNode) => {
        boundNames(d.id, declared);
        if (!d.init) return d.id.type === 'Identifier' ? `${d.id.name} = undefined` : '';
        return `(${slice(d.id)} = ${slice(d.init)})`;
      });
      names.push(...declared);
      // const stays const: its global becomes read-only (assigning it throws, the body is strict)
      // until a re-run of the cell declares it again.
      const freeze = node.kind === 'const' && declared.length ? ` ${JSON.stringify(declared)}.forEach((n) => Object.defineProperty(globalThis, n, { writable: false }));` : '';
      edits.push({ start, end, text: parts.filter(Boolean).join(', ') + ';' + freeze });
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
      if (node.declaration && /Declaration$/.test(node.declaration.type) && !node.declaration.id) {
        // `export default function () {}`: nothing to name; the cell evaluates it.
        edits.push({ start: node.start, end: node.end, text: `(${slice(node.declaration)});` });
      } else if (node.declaration && node.declaration.type !== 'Identifier' && /Declaration$/.test(node.declaration.type)) {
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

  const out = applyEdits(code, edits);
  const publish = hoisted.map((n) => `globalThis[${JSON.stringify(n)}] = ${n};`).join(' ');
  const unique = [...new Set(names)];
  // Declared names become writable, configurable globals (not `var`s, which could never be made
  // read-only and writable again), keeping an earlier value until the cell assigns its own.
  const prelude = unique.length
    ? `for (const n of ${JSON.stringify(unique)}) { const d = Object.getOwnPropertyDescriptor(globalThis, n); ` +
      `if (!d || d.configurable) Object.defineProperty(globalThis, n, { value: d && 'value' in d ? d.value : undefined, writable: true, enumerable: true, configurable: true }); }`
    : '';
  return {
    prelude,
    // Strict, as TypeScript modules are: assigning a const or an undeclared name throws.
    body: `(async () => { 'use strict'; ${publish} ${out}\n${returnsValue ? '' : 'return undefined;'}})()`,
    names: unique,
  };
}

/** The acorn parser, for tools that need to look at cells (kept as one import site). */
export const JavaScriptParser = Parser;
