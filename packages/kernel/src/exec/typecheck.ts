import { dirname, join, resolve } from 'path';
import type * as TS from 'typescript';

/** One type error in a cell, 1-based line and column. */
export interface CellDiagnostic {
  line: number;
  column: number;
  code: number;
  message: string;
}

/** A cell asks to be type-checked with `// @ts-check` as its first non-blank line. */
export function wantsTypeCheck(code: string): boolean {
  return /^\s*\/\/\s*@ts-check\b/.test(code);
}

// Diagnostics that notebook cells raise by design: top-level await in a script, and the same
// declaration in a re-run cell or in two cells (cells share one global scope and may redefine).
const IGNORED = new Set([1375, 1378, 1431, 1432, 2300, 2393, 2451, 2813, 2814]);
// "Cannot find name 'x'": ignored when `x` exists at run time (imported or made by an earlier cell
// in a way the checker cannot follow), so only names that really are missing are reported.
const CANNOT_FIND_NAME = new Set([2304, 2552]);

const GLOBALS_FILE = '__convkit_globals__.d.ts';

/**
 * Type-checks cells against the runtime's declarations and the cells run before: each earlier
 * cell is a script in one virtual program (scripts share the global scope, as cells do), the
 * preloaded names come from @convkit/core's and the kernel's own `.d.ts` files. The compiler is
 * loaded on first use (~1 s) and its program reused (~0.1–0.3 s a cell after that).
 */
export class CellTypeChecker {
  private readonly cells: string[] = [];
  private ts: typeof TS | null = null;
  private program: TS.Program | undefined;
  private readonly dir: string;
  // Parsed library and declaration files (lib.*.d.ts, the runtime's .d.ts), kept across checks.
  private readonly parsed = new Map<string, TS.SourceFile>();

  constructor(cwd: string, private readonly runtimeNames: readonly string[]) {
    this.dir = resolve(cwd);
  }

  /** Adds a cell that ran, so later cells see its declarations. */
  remember(code: string): void {
    this.cells.push(code);
  }

  /** The type errors of `code` (a cell about to run). */
  check(code: string, hasGlobal: (name: string) => boolean): CellDiagnostic[] {
    const ts = (this.ts ??= require('typescript') as typeof TS);
    const files = new Map<string, string>();
    files.set(join(this.dir, GLOBALS_FILE), this.globals());
    this.cells.forEach((cell, i) => files.set(join(this.dir, `__convkit_cell_${i}__.ts`), cell));
    const current = join(this.dir, `__convkit_cell_${this.cells.length}__.ts`);
    files.set(current, code);

    const options: TS.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      esModuleInterop: true,
      types: nodeTypes() ? ['node'] : [],
      typeRoots: nodeTypes() ? [nodeTypes() as string] : [],
      // `import ... from '@convkit/core'` in a cell means the runtime the kernel runs.
      paths: { '@convkit/core': [coreEntry()] },
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.fileExists = (f) => files.has(resolve(f)) || ts.sys.fileExists(f);
    host.readFile = (f) => files.get(resolve(f)) ?? readFile(f);
    host.getSourceFile = (f, language, onError) => {
      const text = files.get(resolve(f));
      if (text !== undefined) {
        // An earlier cell's file is unchanged from the last check: reuse its parse.
        const old = this.program?.getSourceFile(f);
        return old && old.text === text ? old : ts.createSourceFile(f, text, language, true, ts.ScriptKind.TS);
      }
      let parsed = this.parsed.get(f);
      if (!parsed) {
        parsed = getSourceFile(f, language, onError);
        if (parsed) this.parsed.set(f, parsed);
      }
      return parsed;
    };
    this.program = ts.createProgram([...files.keys()], options, host, this.program);
    const source = this.program.getSourceFile(current);
    if (!source) return [];
    const diagnostics = [...this.program.getSyntacticDiagnostics(source), ...this.program.getSemanticDiagnostics(source)];
    const result: CellDiagnostic[] = [];
    for (const d of diagnostics) {
      if (IGNORED.has(d.code) || d.start === undefined) continue;
      if (CANNOT_FIND_NAME.has(d.code)) {
        const name = /'([^']+)'/.exec(ts.flattenDiagnosticMessageText(d.messageText, '\n'))?.[1];
        if (name && hasGlobal(name)) continue;
      }
      const { line, character } = source.getLineAndCharacterOfPosition(d.start);
      result.push({ line: line + 1, column: character + 1, code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') });
    }
    return result;
  }

  // The preloaded names, typed from the runtime's and the kernel's declaration files.
  private globals(): string {
    const coreTypes = coreEntry();
    const session = join(__dirname, 'session');
    const heatmap = join(__dirname, '..', 'display', 'heatmap');
    const decl = this.runtimeNames
      .filter((name) => !['display', 'heatmap', 'clearOutput', 'input'].includes(name))
      .map((name) => `  const ${name}: typeof core.${name};`);
    return [
      `import type * as core from ${JSON.stringify(coreTypes)};`,
      `import type { DisplayHandle, DisplayOptions } from ${JSON.stringify(session)};`,
      `import type { heatmap as heatmapFn } from ${JSON.stringify(heatmap)};`,
      'declare global {',
      ...decl,
      // Types of the runtime's classes, for annotations such as `let t: Tensor`.
      ...['Tensor', 'ModelSummary'].filter((n) => this.runtimeNames.includes(n)).map((n) => `  type ${n} = core.${n};`),
      '  function display(value: unknown, options?: DisplayOptions): DisplayHandle;',
      '  const heatmap: typeof heatmapFn;',
      '  function clearOutput(wait?: boolean): void;',
      '  function input(prompt?: string, options?: { password?: boolean }): Promise<string>;',
      '}',
      'export {};',
    ].join('\n');
  }
}

// The runtime's declarations (lib/index.d.ts), without the extension.
function coreEntry(): string {
  return join(dirname(require.resolve('@convkit/core/package.json')), 'lib', 'index');
}

let nodeTypesDir: string | null | undefined;

// The folder holding @types/node, where installed (for `process`, `require`, timers in cells).
function nodeTypes(): string | null {
  if (nodeTypesDir !== undefined) return nodeTypesDir;
  try {
    nodeTypesDir = dirname(dirname(require.resolve('@types/node/package.json')));
  } catch {
    nodeTypesDir = null;
  }
  return nodeTypesDir;
}
