import type * as TS from 'typescript';
import * as core from '@convkit/core';
import { CellTypeChecker, KERNEL_GLOBALS } from './typecheck';

// The names every cell sees (as the session's `Session.preloaded`).
const PRELOADED: readonly string[] = [...Object.keys(core), ...KERNEL_GLOBALS];

const KEYWORDS = ['await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'default', 'delete', 'do', 'else', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'let', 'new', 'null', 'return', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'undefined', 'var', 'void', 'while', 'yield', 'interface', 'type', 'enum', 'as', 'readonly'];

/** Follows a dotted path of plain property names from the global object; no code is run. */
export function lookupPath(path: string[]): unknown {
  let value: unknown = globalThis;
  for (const part of path) {
    if (value === null || value === undefined) return undefined;
    try {
      value = (value as Record<string, unknown>)[part];
    } catch {
      return undefined;
    }
  }
  return value;
}

/** Property names of a value along its prototype chain, without internals. */
export function memberNames(value: unknown): string[] {
  const names = new Set<string>();
  let o: unknown = value;
  for (let depth = 0; o !== null && o !== undefined && o !== Object.prototype && o !== Function.prototype && depth < 8; depth++) {
    for (const n of Object.getOwnPropertyNames(o)) if (!n.startsWith('_') && n !== 'constructor' && !/^\d+$/.test(n)) names.add(n);
    o = Object.getPrototypeOf(o);
  }
  return [...names].sort();
}

// An object made by a class (not a plain object, a namespace, a function or a primitive).
function isInstance(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto !== null && proto !== Object.prototype;
}

/** The result of `complete`: names to put in place of `code.slice(cursor_start, cursor_end)`. */
export interface Completion {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
}

/**
 * `complete_request`: globals (the runtime first), keywords, names in the cell, or members after
 * a dot. After any expression but a dotted path of names (`tensor([1]).`, `new nn.Conv2d(3, 8,
 * 3).`, `x[0].`, a name the cell declares but has not run yet) the members of its type, from the
 * TypeScript compiler over the runtime's declarations and the cells run so far; nothing is run.
 * After a dotted path (`nn.`, `layer.`), the members of the live value — for an instance of a
 * class whose type the compiler knows, its type's public members.
 */
export function complete(code: string, cursor: number): Completion {
  const before = code.slice(0, cursor);
  const member = /\.\s*([A-Za-z_$][\w$]*)?$/.exec(before);
  // Not the last dot of a spread (`...xs`).
  if (member && before[member.index - 1] !== '.') {
    const prefix = member[1] ?? '';
    const range = { cursor_start: cursor - prefix.length, cursor_end: cursor };
    const object = before.slice(0, member.index);
    // A dotted path of names (not itself after a dot, as `f().a.` or `a?.b.` are).
    const path = /(?:^|[^\w$.])((?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*)$/.exec(object);
    const value = path ? lookupPath(path[1].split('.')) : undefined;
    let names: string[];
    if (value === undefined || value === null) names = typeMemberNames(code, member.index);
    else if (isInstance(value)) {
      // An instance (a tensor, a layer): its type's public members when the compiler knows the
      // type — declared in this cell (the value is the one from before it), or of the value's
      // class in a cell that ran — else every member the value has.
      const typed = typeMembers(code, member.index);
      const ctor = (value as { constructor?: { name?: string } }).constructor?.name;
      names = typed.names.length && (typed.declaredInCell || typed.typeName === ctor) ? typed.names : memberNames(value);
    } else names = memberNames(value);
    return { matches: names.filter((n) => n.startsWith(prefix) && (prefix.startsWith('_') || !n.startsWith('_'))), ...range };
  }
  const word = /[A-Za-z_$][\w$]*$/.exec(before);
  const prefix = word ? word[0] : '';
  const inCell = [...code.matchAll(/\b(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
  const pool = new Set([...PRELOADED, ...inCell, ...Object.getOwnPropertyNames(globalThis).filter((n) => !n.startsWith('__')), ...KEYWORDS]);
  const matches = [...pool].filter((n) => n.startsWith(prefix)).sort((a, b) => {
    const rank = (n: string) => (PRELOADED.includes(n) ? 0 : 1);
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  return { matches, cursor_start: cursor - prefix.length, cursor_end: cursor };
}

let fallbackChecker: CellTypeChecker | undefined;

/** The kernel session's checker (it knows the cells run so far), or one of our own without cells. */
export function activeChecker(): CellTypeChecker {
  return CellTypeChecker.active ?? (fallbackChecker ??= new CellTypeChecker(process.cwd(), Object.keys(core)));
}

/**
 * The members of the type of the expression before the dot at `dot` in `code`, public ones only,
 * sorted; none when the compiler cannot tell the type (`any`, an unknown name, a syntax error
 * that hides the expression) or cannot load.
 */
export function typeMemberNames(code: string, dot: number): string[] {
  return typeMembers(code, dot).names;
}

// The member names, the name of the type (its class or interface) they are of, and whether the
// expression's first name is declared in the cell itself.
function typeMembers(code: string, dot: number): { names: string[]; typeName?: string; declaredInCell?: boolean } {
  try {
    const { ts, checker, source } = activeChecker().analyze(code);
    const access = propertyAccessAt(ts, source, dot);
    if (!access) return { names: [] };
    const type = checker.getTypeAtLocation(access.expression);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return { names: [] };
    const apparent = checker.getApparentType(checker.getNonNullableType(type));
    const names = new Set<string>();
    for (const p of checker.getAugmentedPropertiesOfType(apparent)) {
      const name = p.getName();
      // Public members, and private/protected ones where they are accessible (`this.` in a class).
      const hidden = (p.declarations ?? []).some((d) => ts.getCombinedModifierFlags(d) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected));
      if (/^[A-Za-z_$][\w$]*$/.test(name) && (!hidden || checker.isValidPropertyAccess(access, name))) names.add(name);
    }
    let root: TS.Expression = access.expression;
    while (ts.isPropertyAccessExpression(root)) root = root.expression;
    const declaredInCell = ts.isIdentifier(root) && Boolean(checker.getSymbolAtLocation(root)?.declarations?.some((d) => d.getSourceFile() === source));
    return { names: [...names].sort(), typeName: apparent.getSymbol()?.getName(), declaredInCell };
  } catch {
    return { names: [] };
  }
}

/** The property access `expr.name` (or `expr?.name`) whose dot is at `dot`, if any. */
export function propertyAccessAt(ts: typeof TS, source: TS.SourceFile, dot: number): TS.PropertyAccessExpression | undefined {
  const text = source.text;
  let found: TS.PropertyAccessExpression | undefined;
  const visit = (node: TS.Node): void => {
    if (found || dot < node.pos || dot >= node.end) return;
    if (ts.isPropertyAccessExpression(node) && node.expression.end <= dot && /^\s*\??$/.test(text.slice(node.expression.end, dot))) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
