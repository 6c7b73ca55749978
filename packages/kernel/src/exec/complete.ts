import { Session } from './session';

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

/** `complete_request`: globals (the runtime first), keywords, names in the cell, or members after a dot. */
export function complete(code: string, cursor: number): { matches: string[]; cursor_start: number; cursor_end: number } {
  const before = code.slice(0, cursor);
  const member = /((?:[A-Za-z_$][\w$]*\.)+)([A-Za-z_$][\w$]*)?$/.exec(before);
  if (member) {
    const path = member[1].slice(0, -1).split('.');
    const prefix = member[2] ?? '';
    const matches = memberNames(lookupPath(path)).filter((n) => n.startsWith(prefix));
    return { matches, cursor_start: cursor - prefix.length, cursor_end: cursor };
  }
  const word = /[A-Za-z_$][\w$]*$/.exec(before);
  const prefix = word ? word[0] : '';
  const inCell = [...code.matchAll(/\b(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
  const pool = new Set([...Session.preloaded, ...inCell, ...Object.getOwnPropertyNames(globalThis).filter((n) => !n.startsWith('__')), ...KEYWORDS]);
  const matches = [...pool].filter((n) => n.startsWith(prefix)).sort((a, b) => {
    const rank = (n: string) => (Session.preloaded.includes(n) ? 0 : 1);
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  return { matches, cursor_start: cursor - prefix.length, cursor_end: cursor };
}
