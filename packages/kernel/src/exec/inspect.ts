import { inspect as utilInspect } from 'util';
import type * as TS from 'typescript';
import { activeChecker, lookupPath } from './complete';
import { declarations } from './typecheck';

function resolveAlias(ts: typeof TS, checker: TS.TypeChecker, s: TS.Symbol): TS.Symbol {
  return s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
}

// A member of a namespace or class: an export, a static, or an instance member (inherited too).
function memberOf(ts: typeof TS, checker: TS.TypeChecker, owner: TS.Symbol, name: string): TS.Symbol | undefined {
  const s = resolveAlias(ts, checker, owner);
  const own = s.exports?.get(name as TS.__String);
  if (own) return own;
  if (s.flags & ts.SymbolFlags.Class) {
    const member = checker.getPropertyOfType(checker.getDeclaredTypeOfSymbol(s), name);
    if (member) return member;
  }
  if (s.flags & ts.SymbolFlags.Module) return checker.getExportsOfModule(s).find((e) => e.getName() === name);
  return undefined;
}

// As declared: `options?: Conv2dOptions`, not `options?: Conv2dOptions | undefined`.
function signature(checker: TS.TypeChecker, sig: TS.Signature, decl: TS.Declaration): string {
  return checker.signatureToString(sig, sig.declaration ?? decl);
}

/** Signatures, TSDoc and tags of a symbol, shown under `name`. */
function describe(ts: typeof TS, checker: TS.TypeChecker, symbol: TS.Symbol, name: string): string | null {
  const s = resolveAlias(ts, checker, symbol);
  const decl = s.valueDeclaration ?? s.declarations?.[0];
  if (!decl) return null;
  const type = checker.getTypeOfSymbolAtLocation(s, decl);
  const doc = ts.displayPartsToString(s.getDocumentationComment(checker));
  // `const heatmap: typeof kernel.heatmap` (how the preloaded globals are declared): the docs of
  // the function or class itself.
  const target = type.getSymbol();
  if (!doc && s.flags & ts.SymbolFlags.Variable && target && target !== s && target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class) && checker.getTypeOfSymbol(target) === type) {
    return describe(ts, checker, target, name);
  }
  let signatures: string[];
  if (s.flags & ts.SymbolFlags.Class) {
    signatures = type.getConstructSignatures().map((sig) => `new ${name}${signature(checker, sig, decl)}`);
  } else if (type.getCallSignatures().length) {
    signatures = type.getCallSignatures().map((sig) => `${name}${signature(checker, sig, decl)}`);
  } else if (s.flags & (ts.SymbolFlags.ValueModule | ts.SymbolFlags.NamespaceModule)) {
    signatures = [`namespace ${name}: ${checker.getExportsOfModule(s).map((e) => e.getName()).join(', ')}`];
  } else {
    signatures = [`${name}: ${checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation)}`];
  }
  const tags = s.getJsDocTags(checker).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`);
  return [...signatures, '', doc, ...(tags.length ? ['', ...tags] : [])].join('\n').trim();
}

/**
 * Signature and TSDoc of a preloaded global or a member of one: a runtime export such as
 * `conv2d`, `nn.Conv2d`, `Tensor.reshape` or `nn.Conv2d.forward` (instance members include
 * inherited ones), or one of the kernel's own globals (`display`, `heatmap`, `clearOutput`,
 * `input`), from the runtime's and the kernel's `.d.ts` files.
 */
export function documentation(path: string[]): string | null {
  const d = declarations();
  if (!d || path.length === 0) return null;
  const { ts, checker } = d;
  let symbol = d.core.get(path[0]) ?? d.kernel.get(path[0]);
  for (const part of path.slice(1)) {
    if (!symbol) return null;
    symbol = memberOf(ts, checker, symbol, part);
  }
  return symbol ? describe(ts, checker, symbol, path.join('.')) : null;
}

let classPaths: Map<string, string[]> | undefined;

/** Where the runtime exports a class of this name: `['Tensor']`, `['nn', 'Conv2d']`, … */
export function classPath(name: string): string[] | undefined {
  const d = declarations();
  if (!d) return undefined;
  if (!classPaths) {
    const { ts, checker } = d;
    const paths = new Map<string, string[]>();
    const isClass = (s: TS.Symbol) => Boolean(resolveAlias(ts, checker, s).flags & ts.SymbolFlags.Class);
    for (const [exported, symbol] of d.core) if (isClass(symbol)) paths.set(exported, [exported]);
    // The classes of the runtime's namespaces (`nn`, `models`), unless a top-level one has the name.
    for (const [exported, symbol] of d.core) {
      const s = resolveAlias(ts, checker, symbol);
      if (!(s.flags & ts.SymbolFlags.ValueModule)) continue;
      for (const member of checker.getExportsOfModule(s)) {
        if (isClass(member) && !paths.has(member.getName())) paths.set(member.getName(), [exported, member.getName()]);
      }
    }
    classPaths = paths;
  }
  return classPaths.get(name);
}

/** The dotted name around the cursor, e.g. `nn.Conv2d` in `new nn.Con|v2d(`. */
export function nameAt(code: string, cursor: number): string[] {
  const left = /[\w$.]*$/.exec(code.slice(0, cursor))?.[0] ?? '';
  const right = /^[\w$]*/.exec(code.slice(cursor))?.[0] ?? '';
  return (left + right).split('.').filter(Boolean);
}

/**
 * Docs of what the TypeScript compiler sees at `cursor` in `code` (the cell after the cells run
 * so far), without running anything: the member in `f(x).member` or `new C().member`, a name
 * the cell declares, or — when the cursor is not on a name — the function or class called in
 * the call around it (`conv2d(x, |`).
 */
export function typeDocumentationAt(code: string, cursor: number): string | null {
  try {
    const { ts, checker, source } = activeChecker().analyze(code);
    // The name under the cursor (or just before it).
    let name: TS.Identifier | undefined;
    const findName = (node: TS.Node): void => {
      if (name || cursor < node.getStart(source) || cursor > node.end) return;
      if (ts.isIdentifier(node) && node.text) name = node;
      else ts.forEachChild(node, findName);
    };
    findName(source);
    if (name) {
      const symbol = checker.getSymbolAtLocation(name);
      if (!symbol) return null;
      const parent = name.parent;
      let label = name.text;
      if (ts.isPropertyAccessExpression(parent) && parent.name === name) {
        const owner = checker.getNonNullableType(checker.getTypeAtLocation(parent.expression));
        const ownerName = owner.getSymbol()?.getName();
        // `Tensor.reshape`; not a module's quoted file name, nor `__type` of an anonymous type.
        label = ownerName && /^[A-Za-z$][\w$]*$/.test(ownerName) ? `${ownerName}.${name.text}` : name.text;
      }
      return describe(ts, checker, symbol, label);
    }
    // Inside the parentheses of a call: the callee.
    let call: TS.CallExpression | TS.NewExpression | undefined;
    const findCall = (node: TS.Node): void => {
      // An unclosed node (`conv2d(x, ` as typed so far) reaches the cursor over blanks.
      if (cursor < node.getStart(source) || (cursor > node.end && source.text.slice(node.end, cursor).trim())) return;
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments && cursor >= node.arguments.pos) {
        // After its `)` is not inside it.
        const closed = node.end > node.arguments.end;
        if (!closed || cursor < node.end) call = node;
      }
      ts.forEachChild(node, findCall);
    };
    findCall(source);
    if (!call) return null;
    const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression;
    const symbol = checker.getSymbolAtLocation(callee);
    return symbol ? describe(ts, checker, symbol, call.expression.getText(source)) : null;
  } catch {
    return null;
  }
}

/**
 * `inspect_request`: the docs of the runtime's and the kernel's globals and their members; for a
 * value in the session, its type, a short view of it and its class's docs; for an instance's
 * member (`layer.forward`), the member's docs from its class; else what the compiler knows.
 */
export function inspectAt(code: string, cursor: number): string | null {
  const path = nameAt(code, cursor);
  const left = /[\w$.]*$/.exec(code.slice(0, cursor))?.[0] ?? '';
  // A member of a call, an index, a literal… (`tensor([1]).reshape`), or no name at all.
  if (!path.length || left.startsWith('.')) return typeDocumentationAt(code, cursor);
  const direct = documentation(path);
  if (direct) return direct;
  const value = lookupPath(path);
  // An instance of a runtime class: document the member through its class.
  if (path.length >= 2) {
    const owner = lookupPath(path.slice(0, -1)) as { constructor?: { name?: string } } | undefined;
    const cls = owner?.constructor?.name;
    const where = cls ? classPath(cls) : undefined;
    if (where) {
      const doc = documentation([...where, path[path.length - 1]]);
      if (doc) return doc;
    }
  }
  if (value === undefined) return typeDocumentationAt(code, cursor);
  // A function or class from a cell: its signature (and TSDoc) says more than `[Function: f]`.
  if (typeof value === 'function') {
    const typed = typeDocumentationAt(code, cursor);
    if (typed) return typed;
  }
  const ctor = (value as { constructor?: { name?: string } } | null)?.constructor?.name;
  const where = ctor ? classPath(ctor) : undefined;
  const classDoc = where ? documentation(where) : null;
  const view = utilInspect(value, { depth: 1, maxArrayLength: 20, breakLength: 100 });
  return [`${path.join('.')}: ${ctor ?? typeof value}`, '', view.length > 2000 ? view.slice(0, 2000) + '…' : view, ...(classDoc ? ['', classDoc] : [])].join('\n');
}
