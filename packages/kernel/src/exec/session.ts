import { createRequire } from 'module';
import { join } from 'path';
import { Console } from 'console';
import { Writable } from 'stream';
import { Script } from 'vm';
import * as core from '@convkit/core';
import { heatmap } from '../display/heatmap';
import { MimeBundle, toMimeBundle } from '../display/bundle';
import { CellSyntaxError, compileCell } from './transpile';
import { CellDiagnostic, CellTypeChecker, wantsTypeCheck } from './typecheck';

/** What the session asks its host (the protocol server) to send. */
export interface SessionOutput {
  stream(name: 'stdout' | 'stderr', text: string): void;
  display(bundle: MimeBundle, displayId: string | undefined, update: boolean): void;
  /** Clears the cell's output (`wait`: when the next output arrives). */
  clear(wait: boolean): void;
  /** Asks the front end for a line of text (the stdin channel); rejects where it cannot. */
  input?(prompt: string, password: boolean): Promise<string>;
}

/** Options of `input()`. */
export interface InputOptions {
  /** Hide what is typed (a password field in JupyterLab). */
  password?: boolean;
}

/** The outcome of one cell. */
export type CellResult =
  | { status: 'ok'; value: unknown; hasValue: boolean }
  | { status: 'error'; ename: string; evalue: string; traceback: string[] };

/** Options of `display()`. */
export interface DisplayOptions {
  /** Id to update this output later with `handle.update(value)`. */
  displayId?: string;
}

/** What `display()` returns: a handle to replace the output in place. */
export interface DisplayHandle {
  displayId: string;
  update(value: unknown): void;
}

const INTERRUPTED = 'KeyboardInterrupt';
let displayCounter = 0;

/**
 * Runs cells in this process's global scope, so objects made by cells and by the runtime share
 * one realm (`instanceof Float32Array` holds across them). Every export of `@convkit/core` is a
 * global, with `display` and `heatmap`; `console` and `process.stdout` go to the cell's output.
 */
export class Session {
  executionCount = 0;
  private output: SessionOutput;
  private interruptRejector: ((error: Error) => void) | null = null;
  private readonly requireFromNotebook: NodeRequire;
  private readonly originalStderr = process.stderr.write.bind(process.stderr);
  private readonly typeChecker: CellTypeChecker;
  /** Type-check every cell, not only those starting with `// @ts-check` (env CONVKIT_TYPECHECK=1). */
  readonly checkAll = process.env.CONVKIT_TYPECHECK === '1';

  constructor(output: SessionOutput, cwd = process.cwd()) {
    this.output = output;
    this.requireFromNotebook = createRequire(join(cwd, '__convkit_cell__.js'));
    this.typeChecker = new CellTypeChecker(cwd, Object.keys(core));
    this.installGlobals();
  }

  /** Names the runtime puts in scope, for completion. */
  static readonly preloaded: readonly string[] = [...Object.keys(core), 'display', 'heatmap', 'clearOutput', 'input'];

  private installGlobals(): void {
    const g = globalThis as Record<string, unknown>;
    for (const [name, value] of Object.entries(core)) g[name] = value;
    g.heatmap = heatmap;
    g.display = (value: unknown, options: DisplayOptions = {}): DisplayHandle => {
      const displayId = options.displayId ?? `convkit-${process.pid}-${++displayCounter}`;
      this.output.display(toMimeBundle(value), displayId, false);
      return { displayId, update: (next: unknown) => this.output.display(toMimeBundle(next), displayId, true) };
    };
    g.clearOutput = (wait = false): void => this.output.clear(Boolean(wait));
    g.input = (prompt = '', options: InputOptions = {}): Promise<string> => {
      if (!this.output.input) return Promise.reject(new Error('input(): this session has no front end to ask'));
      return this.output.input(String(prompt), Boolean(options.password));
    };
    g.__convkit_import = (spec: string, asDefault: boolean): unknown => {
      const mod = (spec === '@convkit/core' ? core : this.requireFromNotebook(spec)) as Record<string, unknown>;
      if (!asDefault) return mod;
      const isModule = mod && (mod.__esModule || Object.prototype.toString.call(mod) === '[object Module]');
      return isModule && 'default' in mod ? mod.default : mod;
    };
    g.require = this.requireFromNotebook;
    const sink = (name: 'stdout' | 'stderr') =>
      new Writable({
        write: (chunk: Buffer | string, _enc, done) => {
          this.output.stream(name, chunk.toString());
          done();
        },
      });
    g.console = new Console({ stdout: sink('stdout'), stderr: sink('stderr'), colorMode: false });
    process.stdout.write = ((chunk: string | Uint8Array) => (this.output.stream('stdout', chunk.toString()), true)) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => (this.output.stream('stderr', chunk.toString()), true)) as typeof process.stderr.write;
  }

  /** Writes to the kernel's real stderr (logs), not to a cell. */
  log(message: string): void {
    this.originalStderr(`[convkit kernel] ${message}\n`);
  }

  /** Breaks an awaiting cell (a running synchronous loop is broken by SIGINT itself). */
  interrupt(): void {
    this.interruptRejector?.(Object.assign(new Error('interrupted'), { name: INTERRUPTED }));
  }

  /** Runs one cell; never throws. */
  async execute(code: string): Promise<CellResult> {
    const n = ++this.executionCount;
    const filename = `[cell ${n}]`;
    let compiled;
    try {
      compiled = compileCell(code);
    } catch (error) {
      if (error instanceof CellSyntaxError) {
        const line = code.split('\n')[error.line - 1] ?? '';
        return {
          status: 'error',
          ename: 'SyntaxError',
          evalue: `${error.message} (line ${error.line}, column ${error.column})`,
          traceback: [`\x1b[31mSyntaxError\x1b[0m: ${error.message}`, `  at line ${error.line}: ${line}`, `  ${' '.repeat(9 + String(error.line).length + error.column)}^`],
        };
      }
      return this.errorResult(error, code, filename);
    }
    if (this.checkAll || wantsTypeCheck(code)) {
      const diagnostics = this.typeCheck(code);
      if (diagnostics.length) return typeErrorResult(diagnostics, code);
    }
    try {
      if (compiled.prelude) new Script(compiled.prelude, { filename: `${filename} declarations` }).runInThisContext();
      const interrupted = new Promise<never>((_, reject) => {
        this.interruptRejector = reject;
      });
      const promise = new Script(compiled.body, { filename }).runInThisContext({ breakOnSigint: true }) as Promise<unknown>;
      const value = await Promise.race([promise, interrupted]);
      this.typeChecker.remember(code);
      return { status: 'ok', value, hasValue: value !== undefined };
    } catch (error) {
      return this.errorResult(error, code, filename);
    } finally {
      this.interruptRejector = null;
    }
  }

  // The checker's errors; a failure of the checker itself is logged and lets the cell run.
  private typeCheck(code: string): CellDiagnostic[] {
    try {
      return this.typeChecker.check(code, (name) => name in globalThis);
    } catch (error) {
      this.log(`type check failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  }

  private errorResult(error: unknown, code: string, filename: string): CellResult {
    const e = error instanceof Error ? error : new Error(String(error));
    const sigint = /Script execution was interrupted by `SIGINT`/.test(e.message);
    const ename = sigint ? INTERRUPTED : e.name || 'Error';
    const evalue = sigint ? 'execution interrupted' : e.message;
    const lines = code.split('\n');
    const traceback = [`\x1b[31m${ename}\x1b[0m: ${evalue}`];
    const escaped = filename.replace(/[[\]]/g, '\\$&');
    for (const frame of String(e.stack ?? '').split('\n').slice(1)) {
      const m = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(frame);
      if (m) {
        const ln = Number(m[1]);
        if (ln <= lines.length) traceback.push(`  at cell line ${ln}: ${(lines[ln - 1] ?? '').trim()}`);
      } else if (!/node:|[\\/]kernel[\\/]lib[\\/]/.test(frame)) {
        traceback.push(frame);
      }
    }
    return { status: 'error', ename, evalue, traceback };
  }

  /** For `display()` from code that runs after its cell finished (timers). */
  setOutput(output: SessionOutput): void {
    this.output = output;
  }
}

// Type errors stop the cell before it runs, each shown at its line with a caret.
function typeErrorResult(diagnostics: CellDiagnostic[], code: string): CellResult {
  const lines = code.split('\n');
  const traceback = [`\x1b[31mTSError\x1b[0m: ${diagnostics.length} type error${diagnostics.length > 1 ? 's' : ''}`];
  for (const d of diagnostics) {
    traceback.push(`  cell line ${d.line}, column ${d.column}: ${d.message} (TS${d.code})`, `    ${lines[d.line - 1] ?? ''}`, `    ${' '.repeat(d.column - 1)}^`);
  }
  const first = diagnostics[0];
  return { status: 'error', ename: 'TSError', evalue: `line ${first.line}: ${first.message}${diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : ''}`, traceback };
}
