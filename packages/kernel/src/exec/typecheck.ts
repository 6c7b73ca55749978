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
// The kernel's own globals as a module (their signatures and docs), imported by GLOBALS_FILE.
const KERNEL_FILE = '__convkit_kernel__.d.ts';
// The cell being completed or inspected.
const CURRENT_FILE = '__convkit_current__.ts';

/** The globals the kernel adds next to the runtime's exports. */
export const KERNEL_GLOBALS: readonly string[] = ['display', 'heatmap', 'clearOutput', 'input'];

/** A program with a cell in it, for completion and inspection (see `CellTypeChecker.analyze`). */
export interface CellAnalysis {
  ts: typeof TS;
  program: TS.Program;
  checker: TS.TypeChecker;
  /** The cell's source file. */
  source: TS.SourceFile;
}

/**
 * Type-checks cells against the runtime's declarations and the cells run before: each earlier
 * cell is a script in one virtual program (scripts share the global scope, as cells do), the
 * preloaded names come from @convkit/core's and the kernel's own `.d.ts` files. The compiler is
 * loaded on first use (~1 s) and its program reused (~0.1–0.3 s a cell after that).
 */
export class CellTypeChecker {
  /** The checker made last (the kernel's session's): completion and inspection see its cells. */
  static active: CellTypeChecker | undefined;

  private readonly cells: string[] = [];
  private program: TS.Program | undefined;
  private analysisProgram: TS.Program | undefined;
  private readonly dir: string;

  constructor(cwd: string, private readonly runtimeNames: readonly string[]) {
    this.dir = resolve(cwd);
    CellTypeChecker.active = this;
  }

  /** Adds a cell that ran, so later cells see its declarations. */
  remember(code: string): void {
    this.cells.push(code);
  }

  /** The type errors of `code` (a cell about to run). */
  check(code: string, hasGlobal: (name: string) => boolean): CellDiagnostic[] {
    const ts = typescript();
    const current = join(this.dir, `__convkit_cell_${this.cells.length}__.ts`);
    const files = this.files(current, code, true); // newest declarations win, as when the cells run
    this.program = virtualProgram(ts, files, this.program);
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

  /**
   * A program holding `code` (a cell being edited, not run) and the cells run before, for the
   * types at a position in it. Nothing is run, and the checker checks only what it is asked.
   * Where cells declare a name again, the newest declaration wins, as when they run: `code`
   * first, then the earlier cells newest first (the checker gives a name declared in several
   * scripts the type of its first declaration). An earlier cell with the text of `code` (the
   * cell being re-run) is left out.
   */
  analyze(code: string): CellAnalysis {
    const ts = typescript();
    const current = join(this.dir, CURRENT_FILE);
    const files = this.files(current, code, true);
    const program = (this.analysisProgram = virtualProgram(ts, files, this.analysisProgram));
    return { ts, program, checker: program.getTypeChecker(), source: program.getSourceFile(current) as TS.SourceFile };
  }

  // The virtual files: the preloaded globals, the earlier cells (of identical ones the newest)
  // and the current cell, last — or first, with the earlier cells newest first (`newestFirst`).
  private files(currentFile: string, code: string, newestFirst = false): Map<string, string> {
    const files = new Map<string, string>();
    files.set(join(this.dir, GLOBALS_FILE), globalsDeclarations(this.runtimeNames));
    files.set(join(this.dir, KERNEL_FILE), kernelDeclarations());
    const last = new Map(this.cells.map((cell, i) => [cell, i]));
    const earlier = this.cells
      .map((cell, i) => [join(this.dir, `__convkit_cell_${i}__.ts`), cell] as const)
      .filter(([, cell], i) => last.get(cell) === i && !(newestFirst && cell === code));
    if (newestFirst) {
      files.set(currentFile, code);
      for (const [file, cell] of earlier.reverse()) files.set(file, cell);
    } else {
      for (const [file, cell] of earlier) files.set(file, cell);
      files.set(currentFile, code);
    }
    return files;
  }
}

let tsModule: typeof TS | undefined;

function typescript(): typeof TS {
  return (tsModule ??= require('typescript') as typeof TS);
}

// Parsed library and declaration files (lib.*.d.ts, @types/node, the runtime's and the
// kernel's .d.ts), shared by every program: the type checks, completion and inspection.
const parsed = new Map<string, TS.SourceFile>();
// Parsed virtual files (cells, the globals), reused while their text is unchanged.
const parsedVirtual = new Map<string, TS.SourceFile>();

function compilerOptions(ts: typeof TS): TS.CompilerOptions {
  return {
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
}

// A program over `files` (virtual, by absolute path) and the declaration files they import.
function virtualProgram(ts: typeof TS, files: Map<string, string>, oldProgram?: TS.Program): TS.Program {
  const options = compilerOptions(ts);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (f) => files.has(resolve(f)) || ts.sys.fileExists(f);
  host.readFile = (f) => files.get(resolve(f)) ?? readFile(f);
  host.getSourceFile = (f, language, onError) => {
    const text = files.get(resolve(f));
    if (text !== undefined) {
      const old = parsedVirtual.get(resolve(f));
      if (old && old.text === text) return old;
      const fresh = ts.createSourceFile(f, text, language, true, ts.ScriptKind.TS);
      parsedVirtual.set(resolve(f), fresh);
      return fresh;
    }
    let file = parsed.get(f);
    if (!file) {
      file = getSourceFile(f, language, onError);
      if (file) parsed.set(f, file);
    }
    return file;
  };
  return ts.createProgram([...files.keys()], options, host, oldProgram);
}

let declarationsCache: { ts: typeof TS; checker: TS.TypeChecker; core: Map<string, TS.Symbol>; kernel: Map<string, TS.Symbol> } | null | undefined;

/**
 * The runtime's exports and the kernel's globals as compiler symbols (for their signatures and
 * docs), from one program made on first use and kept; null when the compiler cannot load them.
 */
export function declarations(): typeof declarationsCache {
  if (declarationsCache !== undefined) return declarationsCache;
  try {
    const ts = typescript();
    const kernelFile = join(resolve(process.cwd()), KERNEL_FILE);
    const program = virtualProgram(ts, new Map([[kernelFile, kernelDeclarations()]]));
    const checker = program.getTypeChecker();
    const exportsOf = (file: string) => {
      const source = program.getSourceFile(file);
      const moduleSymbol = source && checker.getSymbolAtLocation(source);
      return new Map((moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []).map((s) => [s.getName(), s] as const));
    };
    declarationsCache = { ts, checker, core: exportsOf(`${coreEntry()}.d.ts`), kernel: exportsOf(kernelFile) };
  } catch {
    declarationsCache = null;
  }
  return declarationsCache;
}

// The kernel's globals, declared with their docs: `heatmap` is the kernel's own export
// (display/heatmap), the others are made by the session (exec/session has their option types).
function kernelDeclarations(): string {
  const session = JSON.stringify(join(__dirname, 'session'));
  const heatmap = JSON.stringify(join(__dirname, '..', 'display', 'heatmap'));
  return `import type { DisplayHandle, DisplayOptions, InputOptions } from ${session};
export { heatmap } from ${heatmap};
/**
 * Shows \`value\` as an output of the running cell now, as its last value would be shown (a
 * tensor, a heatmap, a summary, a chart, anything with \`[Symbol.for('jupyter.mimebundle')]()\`).
 * Returns a handle whose \`update(value)\` replaces that output in place.
 *
 * @example const h = display(tensor([1, 2]), { displayId: 'progress' }); h.update(tensor([3, 4]))
 */
export declare function display(value: unknown, options?: DisplayOptions): DisplayHandle;
/**
 * Clears the running cell's output; with \`wait\`, not until the next output arrives (no
 * flicker when a loop redraws).
 */
export declare function clearOutput(wait?: boolean): void;
/**
 * Asks the front end for a line of text (Jupyter's stdin channel) and resolves to it; rejects
 * where the front end does not accept input. \`password: true\` hides what is typed.
 *
 * @example const name = await input('Your name: ')
 */
export declare function input(prompt?: string, options?: InputOptions): Promise<string>;
`;
}

// The preloaded names, typed from the runtime's and the kernel's declaration files.
function globalsDeclarations(runtimeNames: readonly string[]): string {
  const decl = runtimeNames.filter((name) => !KERNEL_GLOBALS.includes(name)).map((name) => `  const ${name}: typeof core.${name};`);
  return [
    `import type * as core from ${JSON.stringify(coreEntry())};`,
    `import type * as kernel from './${KERNEL_FILE.replace(/\.d\.ts$/, '')}';`,
    'declare global {',
    ...decl,
    // Types of the runtime's classes, for annotations such as `let t: Tensor`.
    ...['Tensor', 'ModelSummary'].filter((n) => runtimeNames.includes(n)).map((n) => `  type ${n} = core.${n};`),
    ...KERNEL_GLOBALS.map((name) => `  const ${name}: typeof kernel.${name};`),
    '}',
    'export {};',
  ].join('\n');
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
