import { AsyncLocalStorage } from 'async_hooks';
import { createRequire } from 'module';
import { pathToFileURL } from 'url';
import { join } from 'path';
import { Console } from 'console';
import { Writable } from 'stream';
import { Script } from 'vm';
import * as core from '@convkit/core';
import { heatmap } from '../display/heatmap';
import { MimeBundle, toMimeBundle } from '../display/bundle';
import { AFTER_AWAIT, CellSyntaxError, DYNAMIC_IMPORT, INTERRUPT_CHECK, compileCell } from './transpile';
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

// Marks display handles so a cell ending in `display(x)` does not also show the handle
// (IPython's display() returns None for the same reason).
const HANDLE = Symbol('convkit.displayHandle');

function isDisplayHandle(value: unknown): boolean {
  return typeof value === 'object' && value !== null && HANDLE in value;
}

const INTERRUPTED = 'KeyboardInterrupt';

/** One execution of a cell; interrupting it marks it for good. */
interface CellRun {
  /** Increases with every execution (execution counts may repeat). */
  seq: number;
  /** When the client sent the execute_request (µs since the epoch, its clock), if known. */
  sentAt: bigint | undefined;
  cancelled: boolean;
}

// Which cell the running code belongs to, across awaits and timers.
const cellContext = new AsyncLocalStorage<CellRun>();

function interruptError(): Error {
  return Object.assign(new Error('interrupted'), { name: INTERRUPTED });
}

/** Whether an error is an interrupt (a cell's code that was stopped), e.g. from a timer of an interrupted cell. */
export function isInterrupt(error: unknown): boolean {
  return error instanceof Error && error.name === INTERRUPTED;
}
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
  private readonly interruptFlag: Int32Array;
  /** When the client sent the pending interrupt (µs), written by the control thread; 0 if unknown. */
  private readonly interruptSentAt: BigInt64Array;
  /** The cell being executed (between execute_request and its reply). */
  private current: CellRun | null = null;
  /** Some cell was interrupted: code resuming after an await must look at which cell it belongs to. */
  private anyCancelled = false;
  /** Executions so far (CellRun.seq). */
  private runs = 0;
  /** An interrupt was taken in the synchronous code running now: loop checks look too, until it ends. */
  private hot = false;
  // Sources of the cells run so far, to show their lines in tracebacks of later cells.
  private readonly sources = new Map<number, string>();
  /** Type-check every cell, not only those starting with `// @ts-check` (env CONVKIT_TYPECHECK=1). */
  readonly checkAll = process.env.CONVKIT_TYPECHECK === '1';

  /**
   * @param interruptFlag over a shared buffer of 16 bytes: `[0]` is raised (to `[1]` + 1: `[1]` is
   *   the sequence number of the latest execution, written here), and a BigInt64 at byte 8 set to
   *   when the client sent the interrupt, by whoever serves interrupts — another thread, so
   *   that a loop on this one sees it; every loop and function of a cell checks it.
   */
  constructor(output: SessionOutput, cwd = process.cwd(), interruptFlag = new Int32Array(new SharedArrayBuffer(16), 0, 2)) {
    this.output = output;
    this.interruptFlag = interruptFlag;
    this.interruptSentAt = new BigInt64Array(interruptFlag.buffer, 8, 1);
    this.requireFromNotebook = createRequire(join(cwd, '__convkit_cell__.js'));
    this.typeChecker = new CellTypeChecker(cwd, Object.keys(core));
    this.installGlobals(cwd);
  }

  private installGlobals(cwd: string): void {
    const g = globalThis as Record<string, unknown>;
    for (const [name, value] of Object.entries(core)) g[name] = value;
    g.heatmap = heatmap;
    g.display = (value: unknown, options: DisplayOptions = {}): DisplayHandle => {
      const displayId = options.displayId ?? `convkit-${process.pid}-${++displayCounter}`;
      this.output.display(toMimeBundle(value), displayId, false);
      const handle: DisplayHandle = { displayId, update: (next: unknown) => this.output.display(toMimeBundle(next), displayId, true) };
      return Object.defineProperty(handle, HANDLE, { value: true });
    };
    const flag = this.interruptFlag;
    const slow = (): void => {
      if (flag[0] !== 0) {
        // A raised interrupt belongs to the cell whose code runs now (its own, or a timer it
        // started), else to the cell being executed — unless that cell started after it.
        const raisedDuring = flag[0] - 1;
        flag[0] = 0;
        const target = cellContext.getStore() ?? this.current;
        if (!this.predates(raisedDuring, target)) {
          this.cancel(target);
          // Until this stretch of synchronous code ends, every check asks: a `catch` that
          // swallowed the first throw must not keep its loop going.
          this.hot = true;
          queueMicrotask(() => {
            this.hot = false;
          });
        }
      }
      if (cellContext.getStore()?.cancelled) throw interruptError();
    };
    g[INTERRUPT_CHECK] = (): void => {
      // A plain read, not Atomics.load (far dearer in a tight loop: 1e8 empty iterations take
      // 1.5× as long as unchecked with it, 5.5× with Atomics). It cannot be hoisted out of a
      // loop: the branch may write the same memory and throw.
      if (flag[0] !== 0 || this.hot) slow();
    };
    // After an await, an interrupted cell stops: it does not resume when what it awaited settles.
    g[AFTER_AWAIT] = <T>(value: T): T => {
      if (flag[0] !== 0 || this.anyCancelled) slow();
      return value;
    };
    // Not `import()` in this file: TypeScript compiles that to require() for CommonJS output.
    const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
    g[DYNAMIC_IMPORT] = async (spec: string): Promise<unknown> => {
      if (spec === '@convkit/core') return core;
      if (spec.startsWith('node:')) return dynamicImport(spec);
      let resolved: string;
      try {
        resolved = this.requireFromNotebook.resolve(spec);
      } catch {
        // ESM-only packages may have no `require` export condition; let Node's ESM resolver try from the notebook's folder.
        return dynamicImport(pathToFileURL(join(cwd, spec.startsWith('.') || spec.startsWith('/') ? spec : `node_modules/${spec}`)).href);
      }
      return dynamicImport(resolved.startsWith('/') ? pathToFileURL(resolved).href : resolved);
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

  /**
   * Interrupts the cell being executed, from the event loop: on SIGINT, or when the control
   * thread's interrupt is still raised because no check took it (the cell awaits). An awaiting
   * cell's promise rejects now; its code throws at its next check.
   */
  interrupt(): void {
    const raised = Atomics.exchange(this.interruptFlag, 0, 0);
    if (raised !== 0 && this.predates(raised - 1, this.current)) return;
    this.cancel(this.current);
  }

  // Whether an interrupt raised while execution `raisedDuring` was the latest is older than
  // `run`: `run` started later, or its client sent it after the interrupt (channels have no
  // common order, so a cell sent right after an interrupt can start before the interrupt lands).
  private predates(raisedDuring: number, run: CellRun | null | undefined): boolean {
    if (!run) return false;
    if (run.seq > raisedDuring) return true;
    const interruptSentAt = Atomics.load(this.interruptSentAt, 0);
    return interruptSentAt !== 0n && run.sentAt !== undefined && interruptSentAt <= run.sentAt;
  }

  // Marks a cell interrupted: its awaiting promise rejects now, its code throws at its next check.
  private cancel(cell: CellRun | null | undefined): void {
    if (!cell || cell.cancelled) return;
    cell.cancelled = true;
    this.anyCancelled = true;
    if (cell === this.current) this.interruptRejector?.(interruptError());
  }

  /** An error as a cell's failed result (for a failure after the cell ran, e.g. its display hook). */
  failure(error: unknown, code: string): CellResult {
    return this.errorResult(error, code, `[cell ${this.executionCount}]`);
  }

  /** A thrown value as text for stderr: the message and the cells' frames, without the kernel's own. */
  describeError(error: unknown): string {
    if (!(error instanceof Error)) return String(error);
    const { ename, evalue, traceback } = this.errorResult(error, '', '[cell 0]') as { ename: string; evalue: string; traceback: string[] };
    return [`${ename}: ${evalue}`, ...traceback.slice(1)].join('\n');
  }

  /**
   * Runs one cell; never throws.
   *
   * @param sentAt when the client sent the cell (µs since the epoch, from its execute_request's
   *   header), to tell an interrupt it sent before this cell from one meant for it
   */
  async execute(code: string, sentAt?: bigint): Promise<CellResult> {
    const n = ++this.executionCount;
    const filename = `[cell ${n}]`;
    this.sources.set(n, code);
    // Interrupts raised from now on are meant for this cell (the control thread reads [1]).
    const seq = ++this.runs;
    Atomics.store(this.interruptFlag, 1, seq);
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
    const run: CellRun = { seq, sentAt, cancelled: false };
    this.current = run;
    try {
      if (compiled.prelude) new Script(compiled.prelude, { filename: `${filename} declarations` }).runInThisContext();
      const interrupted = new Promise<never>((_, reject) => {
        this.interruptRejector = reject;
      });
      const script = new Script(compiled.body, { filename });
      // The cell's code, its awaits' continuations and its timers carry `run` (AsyncLocalStorage).
      const promise = cellContext.run(run, () => script.runInThisContext({ breakOnSigint: true })) as Promise<unknown>;
      const value = await Promise.race([promise, interrupted]);
      this.typeChecker.remember(code);
      return { status: 'ok', value, hasValue: value !== undefined && !isDisplayHandle(value) };
    } catch (error) {
      return this.errorResult(error, code, filename);
    } finally {
      this.interruptRejector = null;
      this.current = null;
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
    const traceback = [`\x1b[31m${ename}\x1b[0m: ${evalue}`];
    for (const frame of String(e.stack ?? '').split('\n').slice(1)) {
      const m = /\[cell (\d+)\]:(\d+):(\d+)/.exec(frame);
      let line: string | null = null;
      if (m) {
        const cell = Number(m[1]);
        const ln = Number(m[2]);
        const source = `[cell ${cell}]` === filename ? code : this.sources.get(cell);
        const text = source?.split('\n')[ln - 1];
        if (text !== undefined) line = `[cell ${cell}]` === filename ? `  at cell line ${ln}: ${text.trim()}` : `  at cell [${cell}] line ${ln}: ${text.trim()}`;
      } else if (!/node:|[\\/]kernel[\\/]lib[\\/]|[\\/]node_modules[\\/](zeromq|sucrase)[\\/]/.test(frame)) {
        line = frame;
      }
      // One line per frame, and no repeats (a display hook's frames repeat the calling line).
      if (line !== null && line !== traceback[traceback.length - 1]) traceback.push(line);
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
