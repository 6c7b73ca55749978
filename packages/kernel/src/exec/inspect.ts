import { dirname, join } from 'path';
import { inspect as utilInspect } from 'util';
import type * as TS from 'typescript';
import { lookupPath } from './complete';

let checkerCache: { ts: typeof TS; checker: TS.TypeChecker; exports: Map<string, TS.Symbol> } | null | undefined;

/** Loads the runtime's declaration files with the TypeScript compiler (once, on first use). */
function coreDeclarations() {
  if (checkerCache !== undefined) return checkerCache;
  try {
    const ts = require('typescript') as typeof TS;
    const entry = join(dirname(require.resolve('@convkit/core/package.json')), 'lib', 'index.d.ts');
    const program = ts.createProgram([entry], { noEmit: true, skipLibCheck: true, types: [] });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    const exports = new Map<string, TS.Symbol>();
    if (moduleSymbol) for (const s of checker.getExportsOfModule(moduleSymbol)) exports.set(s.getName(), s);
    checkerCache = { ts, checker, exports };
  } catch {
    checkerCache = null;
  }
  return checkerCache;
}

function resolveAlias(ts: typeof TS, checker: TS.TypeChecker, s: TS.Symbol): TS.Symbol {
  return s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
}

/** Signature and TSDoc of a runtime export such as `conv2d`, `nn.Conv2d` or `Tensor.reshape`. */
export function documentation(path: string[]): string | null {
  const d = coreDeclarations();
  if (!d || path.length === 0) return null;
  const { ts, checker } = d;
  let symbol = d.exports.get(path[0]);
  for (const part of path.slice(1)) {
    if (!symbol) return null;
    const s: TS.Symbol = resolveAlias(ts, checker, symbol);
    symbol = s.exports?.get(part as TS.__String) ?? s.members?.get(part as TS.__String) ?? checker.getExportsOfModule(s).find((e) => e.getName() === part);
  }
  if (!symbol) return null;
  const s = resolveAlias(ts, checker, symbol);
  const decl = s.valueDeclaration ?? s.declarations?.[0];
  if (!decl) return null;
  const type = checker.getTypeOfSymbolAtLocation(s, decl);
  const name = path.join('.');
  let signatures: string[] = [];
  if (s.flags & ts.SymbolFlags.Class) {
    signatures = type.getConstructSignatures().map((sig) => `new ${name}${checker.signatureToString(sig)}`);
  } else if (type.getCallSignatures().length) {
    signatures = type.getCallSignatures().map((sig) => `${name}${checker.signatureToString(sig)}`);
  } else if (s.flags & (ts.SymbolFlags.ValueModule | ts.SymbolFlags.NamespaceModule)) {
    signatures = [`namespace ${name}: ${checker.getExportsOfModule(s).map((e) => e.getName()).join(', ')}`];
  } else {
    signatures = [`${name}: ${checker.typeToString(type)}`];
  }
  const doc = ts.displayPartsToString(s.getDocumentationComment(checker));
  const tags = s.getJsDocTags(checker).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`);
  return [...signatures, '', doc, ...(tags.length ? ['', ...tags] : [])].join('\n').trim();
}

/** The dotted name around the cursor, e.g. `nn.Conv2d` in `new nn.Con|v2d(`. */
export function nameAt(code: string, cursor: number): string[] {
  const left = /[\w$.]*$/.exec(code.slice(0, cursor))?.[0] ?? '';
  const right = /^[\w$]*/.exec(code.slice(cursor))?.[0] ?? '';
  return (left + right).split('.').filter(Boolean);
}

/** `inspect_request`: the runtime's docs, else the value's type and a short view of it. */
export function inspectAt(code: string, cursor: number): string | null {
  const path = nameAt(code, cursor);
  if (!path.length) return null;
  const direct = documentation(path);
  if (direct) return direct;
  const value = lookupPath(path);
  // An instance of a runtime class: document the member through its class.
  if (path.length >= 2) {
    const owner = lookupPath(path.slice(0, -1)) as { constructor?: { name?: string } } | undefined;
    const cls = owner?.constructor?.name;
    if (cls) {
      const doc = documentation([cls, path[path.length - 1]]);
      if (doc) return doc;
    }
  }
  if (value === undefined) return null;
  const ctor = (value as { constructor?: { name?: string } } | null)?.constructor?.name;
  const classDoc = ctor ? documentation([ctor]) : null;
  const view = utilInspect(value, { depth: 1, maxArrayLength: 20, breakLength: 100 });
  return [`${path.join('.')}: ${ctor ?? typeof value}`, '', view.length > 2000 ? view.slice(0, 2000) + '…' : view, ...(classDoc ? ['', classDoc] : [])].join('\n');
}
