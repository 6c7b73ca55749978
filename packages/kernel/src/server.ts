import { Worker } from 'worker_threads';
import { join } from 'path';
import { Router } from 'zeromq';
import { backend, backendFeatures, numThreads } from '@convkit/core';
import { CORE_VERSION } from './version';
import { ConnectionInfo, endpoint } from './protocol/connection';
import { Message, PROTOCOL_VERSION, Signer, WireError, decode, encode, headerMicros } from './protocol/message';
import { complete } from './exec/complete';
import { inspectAt } from './exec/inspect';
import { CellSyntaxError, checkSyntax } from './exec/transpile';
import { Session, isInterrupt } from './exec/session';
import { MimeBundle, toMimeBundle } from './display/bundle';
import type { ControlCommand, ControlEvent } from './protocol/control_worker';
import type { IopubCommand, IopubEvent } from './protocol/iopub_worker';
import { SendQueue } from './protocol/send_queue';

type Content = Record<string, unknown>;

// Protocol 5.2+ counts cursor positions in Unicode code points; JavaScript strings in UTF-16 units.
function utf16Offset(code: string, cursorPos: unknown): number {
  if (cursorPos === undefined || cursorPos === null) return code.length;
  return [...code].slice(0, Math.max(0, Number(cursorPos) || 0)).join('').length;
}

function codePointOffset(code: string, utf16: number): number {
  return [...code.slice(0, utf16)].length;
}

/** Where replies to one channel go. */
interface Sender {
  send(frames: Buffer[]): Promise<void>;
}

/** Replies on the control channel go through the thread that owns its socket. */
class ControlSender implements Sender {
  constructor(private readonly worker: Worker) {}
  send(frames: Buffer[]): Promise<void> {
    const command: ControlCommand = { kind: 'send', frames };
    this.worker.postMessage(command);
    return Promise.resolve();
  }
}

/**
 * The kernel: Jupyter messaging protocol 5.3 over zeromq. Shell requests run one after another.
 * Two channels live on their own threads, so they answer while a cell keeps the main thread
 * busy: heartbeats, and control — whose interrupt_request raises the flag every loop of a cell
 * checks (kernel.json says `interrupt_mode: message`; a SIGINT still interrupts too).
 */
export class KernelServer {
  private readonly signer: Signer;
  private readonly session = `convkit-${process.pid}-${Date.now()}`;
  private readonly shell = new Router();
  private readonly stdin = new Router();
  private iopub: Worker | null = null;
  // iopub messages the IOPub thread has not yet confirmed as sent, by id.
  private readonly iopubWaiting = new Map<number, () => void>();
  private iopubIds = 0;
  private readonly shellQueue = new SendQueue(this.shell, (error) => this.runtime.log(`send failed: ${String(error)}`));
  private readonly stdinQueue = new SendQueue(this.stdin, (error) => this.runtime.log(`send failed: ${String(error)}`));
  // The cell's pending `input()`: answered by an input_reply on the stdin channel.
  private pendingInput: { resolve(value: string): void; reject(error: Error): void } | null = null;
  private heartbeat: Worker | null = null;
  private control: Worker | null = null;
  /** [0]: pending interrupt (the cell sequence number [1] when raised, plus 1); shared with the control thread. */
  private readonly interruptFlag = new Int32Array(new SharedArrayBuffer(16), 0, 2);
  private readonly runtime: Session;
  private parent: Message | null = null;
  private readonly history: { line: number; input: string; output: string | null }[] = [];
  private closing = false;

  constructor(private readonly info: ConnectionInfo) {
    this.signer = new Signer(info.key, info.signature_scheme);
    this.runtime = new Session({
      stream: (name, text) => this.stream(name, text),
      display: (bundle, id, update) => this.display(bundle, id, update),
      clear: (wait) => void this.publish('clear_output', { wait }),
      input: (prompt, password) => this.requestInput(prompt, password),
    }, process.cwd(), this.interruptFlag);
  }

  async start(): Promise<void> {
    const at = (port: number) => endpoint(this.info, port);
    await Promise.all([
      this.shell.bind(at(this.info.shell_port)),
      this.stdin.bind(at(this.info.stdin_port)),
      this.startIopub(at(this.info.iopub_port)),
    ]);
    this.heartbeat = new Worker(join(__dirname, 'protocol', 'heartbeat_worker.js'), { workerData: { address: at(this.info.hb_port) } });
    this.heartbeat.unref();
    await this.startControl(at(this.info.control_port));
    process.on('SIGINT', () => this.runtime.interrupt());
    // Exit with the process that started us (as ipykernel's parent poller does).
    const parentPid = process.ppid;
    setInterval(() => {
      if (process.ppid !== parentPid) void this.shutdown();
    }, 1000).unref();
    process.on('uncaughtException', (error) => {
      // A timer of an interrupted cell stops at its first check: that is what the user asked for.
      if (!isInterrupt(error)) this.stream('stderr', `Uncaught ${this.runtime.describeError(error)}\n`);
    });
    process.on('unhandledRejection', (reason) => this.stream('stderr', `Unhandled promise rejection: ${this.runtime.describeError(reason)}\n`));
    void this.serveStdin();
    await this.serveShell();
  }

  // The control socket lives on its own thread (see protocol/control_worker.ts).
  private async startControl(address: string): Promise<void> {
    const worker = new Worker(join(__dirname, 'protocol', 'control_worker.js'), {
      workerData: { address, key: this.info.key, scheme: this.info.signature_scheme, session: this.session, flag: this.interruptFlag.buffer },
    });
    this.control = worker;
    const sender = new ControlSender(worker);
    worker.on('message', (event: ControlEvent) => {
      if (event.kind === 'interrupt') {
        // Still raised: no loop has taken it yet (the cell awaits, or nothing runs).
        if (Atomics.load(this.interruptFlag, 0) !== 0) this.runtime.interrupt();
      } else if (event.kind === 'log') {
        this.runtime.log(event.text);
      } else if (event.kind === 'message') {
        // Verified on the control thread; structured cloning made its Buffers Uint8Arrays.
        const msg: Message = { ...event.msg, identities: event.msg.identities.map((f) => Buffer.from(f)), buffers: event.msg.buffers.map((f) => Buffer.from(f)) };
        this.handle(msg, sender).catch((error) => this.runtime.log(`handler failed: ${String(error)}`));
      }
    });
    worker.on('error', (error) => this.runtime.log(`control thread failed: ${String(error)}`));
    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (event: ControlEvent) => {
        if (event.kind === 'bound') resolve();
      });
    });
  }

  // Shell requests, one after another.
  private async serveShell(): Promise<void> {
    const socket = this.shell;
    for await (const frames of socket) {
      let msg: Message;
      try {
        msg = decode(frames as Buffer[], this.signer);
      } catch (error) {
        this.runtime.log(error instanceof WireError ? `rejected a message: ${error.message}` : `bad message: ${String(error)}`);
        continue;
      }
      await this.handle(msg, this.shellQueue).catch((error) => this.runtime.log(`handler failed: ${String(error)}`));
      if (this.closing) break;
    }
  }

  // input_reply messages answer the pending input(); anything else on stdin is ignored.
  private async serveStdin(): Promise<void> {
    for await (const frames of this.stdin) {
      let msg: Message;
      try {
        msg = decode(frames as Buffer[], this.signer);
      } catch (error) {
        this.runtime.log(error instanceof WireError ? `rejected a stdin message: ${error.message}` : `bad stdin message: ${String(error)}`);
        continue;
      }
      if (msg.header.msg_type === 'input_reply' && this.pendingInput) {
        const pending = this.pendingInput;
        this.pendingInput = null;
        pending.resolve(String(msg.content.value ?? ''));
      }
      if (this.closing) break;
    }
  }

  // Sends input_request to the front end of the running cell (same identity as its shell
  // socket), if its execute_request allowed stdin.
  private requestInput(prompt: string, password: boolean): Promise<string> {
    const parent = this.parent;
    if (!parent || parent.header.msg_type !== 'execute_request') return Promise.reject(new Error('input(): no cell is running'));
    if (parent.content.allow_stdin === false) {
      return Promise.reject(new Error('input(): this front end does not accept input (its execute_request had allow_stdin: false)'));
    }
    if (this.pendingInput) return Promise.reject(new Error('input(): an input() is already waiting for an answer'));
    this.flushStream();
    const answer = new Promise<string>((resolve, reject) => {
      this.pendingInput = { resolve, reject };
      void this.stdinQueue.send(encode(this.signer, 'input_request', { prompt, password }, parent, this.session, parent.identities));
    });
    // Rejected after an interrupt, when nothing awaits it any more: not an unhandled rejection.
    answer.catch(() => undefined);
    return answer;
  }

  // Like ipykernel (whose IOPub also has its own thread), a reply does not wait for the outputs
  // before it to be on the wire: front ends finish a request on both its reply and the idle
  // status, which IOPub sends after the outputs.
  private reply(queue: Sender, request: Message, type: string, content: Content): Promise<void> {
    return queue.send(encode(this.signer, type, content, request, this.session, request.identities));
  }

  // Resolves once the IOPub thread has the message on the wire (or holds it for a front end
  // still subscribing).
  private publish(type: string, content: Content, parent: Message | null = this.parent): Promise<void> {
    const frames = encode(this.signer, type, content, parent, this.session, [Buffer.from(`kernel.${type}`)]);
    if (!this.iopub) return Promise.resolve();
    const id = ++this.iopubIds;
    const command: IopubCommand = { kind: 'send', frames, id };
    this.iopub.postMessage(command);
    return new Promise((resolve) => this.iopubWaiting.set(id, resolve));
  }

  private status(state: 'busy' | 'idle' | 'starting', parent: Message): Promise<void> {
    return this.publish('status', { execution_state: state }, parent);
  }

  // Text goes to the IOPub thread at once; it coalesces bursts into a message every 50 ms.
  private stream(name: 'stdout' | 'stderr', text: string): void {
    const command: IopubCommand = { kind: 'stream', name, text, parent: this.parent?.header ?? null };
    this.iopub?.postMessage(command);
  }

  private flushStream(): void {
    const command: IopubCommand = { kind: 'flush' };
    this.iopub?.postMessage(command);
  }

  private async startIopub(address: string): Promise<void> {
    const worker = new Worker(join(__dirname, 'protocol', 'iopub_worker.js'), {
      workerData: { address, key: this.info.key, scheme: this.info.signature_scheme, session: this.session },
    });
    this.iopub = worker;
    const bound = new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (event: IopubEvent) => {
        if (event.kind === 'bound') resolve();
      });
    });
    worker.on('message', (event: IopubEvent) => {
      if (event.kind === 'bound') return;
      if (event.kind === 'sent') {
        this.iopubWaiting.get(event.id)?.();
        this.iopubWaiting.delete(event.id);
      } else {
        this.runtime.log(event.text);
      }
    });
    worker.on('error', (error) => this.runtime.log(`iopub thread failed: ${String(error)}`));
    await bound;
  }

  // (The IOPub thread sends pending stream text before any other message: output stays in order.)
  private display(bundle: MimeBundle, displayId: string | undefined, update: boolean): void {
    void this.publish(update ? 'update_display_data' : 'display_data', { data: bundle, metadata: {}, transient: displayId ? { display_id: displayId } : {} });
  }

  private async handle(msg: Message, queue: Sender): Promise<void> {
    const type = msg.header.msg_type;
    void this.status('busy', msg);
    try {
      switch (type) {
        case 'kernel_info_request':
          await this.reply(queue, msg, 'kernel_info_reply', this.kernelInfo());
          break;
        case 'execute_request':
          await this.execute(msg, queue);
          break;
        case 'is_complete_request':
          await this.reply(queue, msg, 'is_complete_reply', this.isComplete(String(msg.content.code ?? '')));
          break;
        case 'complete_request': {
          const code = String(msg.content.code ?? '');
          const r = complete(code, utf16Offset(code, msg.content.cursor_pos));
          const cursor = { cursor_start: codePointOffset(code, r.cursor_start), cursor_end: codePointOffset(code, r.cursor_end) };
          await this.reply(queue, msg, 'complete_reply', { status: 'ok', ...r, ...cursor, metadata: {} });
          break;
        }
        case 'inspect_request': {
          const code = String(msg.content.code ?? '');
          const text = inspectAt(code, utf16Offset(code, msg.content.cursor_pos));
          await this.reply(queue, msg, 'inspect_reply', { status: 'ok', found: text !== null, data: text === null ? {} : { 'text/plain': text }, metadata: {} });
          break;
        }
        case 'history_request':
          await this.reply(queue, msg, 'history_reply', { status: 'ok', history: this.historyFor(msg.content) });
          break;
        case 'comm_info_request':
          await this.reply(queue, msg, 'comm_info_reply', { status: 'ok', comms: {} });
          break;
        case 'comm_open':
          // No comm targets: close it so the front end does not wait.
          await this.publish('comm_close', { comm_id: msg.content.comm_id, data: {} }, msg);
          break;
        case 'comm_msg':
        case 'comm_close':
          break;
        case 'interrupt_request':
          this.runtime.interrupt();
          await this.reply(queue, msg, 'interrupt_reply', { status: 'ok' });
          break;
        case 'shutdown_request':
          await this.reply(queue, msg, 'shutdown_reply', { status: 'ok', restart: Boolean(msg.content.restart) });
          await this.status('idle', msg);
          await this.shutdown();
          return;
        default:
          this.runtime.log(`unhandled message type ${type}`);
      }
    } finally {
      if (!this.closing) await this.status('idle', msg);
    }
  }

  private kernelInfo(): Content {
    return {
      status: 'ok',
      protocol_version: PROTOCOL_VERSION,
      implementation: 'convkit',
      implementation_version: CORE_VERSION,
      language_info: {
        name: 'typescript',
        version: require('typescript/package.json').version as string,
        mimetype: 'text/typescript',
        file_extension: '.ts',
        codemirror_mode: { name: 'javascript', typescript: true },
        pygments_lexer: 'typescript',
      },
      banner: `convkit ${CORE_VERSION} — TypeScript on Node ${process.version} with @convkit/core preloaded; convolutions on ${backend()} [${backendFeatures().join(', ')}], ${numThreads()} thread(s)`,
      help_links: [{ text: 'convkit README', url: 'https://github.com/convkit/convkit#readme' }],
    };
  }

  private isComplete(code: string): Content {
    if (!code.trim()) return { status: 'complete' };
    try {
      checkSyntax(code);
      return { status: 'complete' };
    } catch (error) {
      if (error instanceof CellSyntaxError) return error.atEnd ? { status: 'incomplete', indent: '  ' } : { status: 'invalid' };
      return { status: 'unknown' };
    }
  }

  private async execute(msg: Message, queue: Sender): Promise<void> {
    const code = String(msg.content.code ?? '');
    const silent = Boolean(msg.content.silent);
    const storeHistory = msg.content.store_history !== false && !silent;
    this.parent = msg;
    const count = this.runtime.executionCount + (storeHistory ? 1 : 0);
    if (!silent) void this.publish('execute_input', { code, execution_count: count });
    const result = await this.runtime.execute(code, headerMicros(msg.header));
    // An input() the cell no longer waits for (interrupted) must not catch a later reply.
    this.pendingInput?.reject(new Error('input(): the cell ended'));
    this.pendingInput = null;
    if (!storeHistory) this.runtime.executionCount--;
    const n = this.runtime.executionCount;
    let outcome = result;
    let data: MimeBundle | null = null;
    if (outcome.status === 'ok' && outcome.hasValue && !silent) {
      try {
        data = toMimeBundle(outcome.value);
      } catch (error) {
        // A value whose display hook fails is the cell's error, not a kernel failure.
        outcome = this.runtime.failure(error, code);
      }
    }
    if (outcome.status === 'ok') {
      if (data) void this.publish('execute_result', { execution_count: n, data, metadata: {} });
      if (storeHistory) this.history.push({ line: n, input: code, output: data ? String(data['text/plain'] ?? '') : null });
      await this.reply(queue, msg, 'execute_reply', { status: 'ok', execution_count: n, payload: [], user_expressions: {} });
    } else {
      const { ename, evalue, traceback } = outcome;
      if (storeHistory) this.history.push({ line: n, input: code, output: null });
      void this.publish('error', { ename, evalue, traceback });
      await this.reply(queue, msg, 'execute_reply', { status: 'error', execution_count: n, ename, evalue, traceback });
    }
  }

  private historyFor(c: Content): unknown[] {
    const withOutput = Boolean(c.output);
    const row = (h: { line: number; input: string; output: string | null }) => [1, h.line, withOutput ? [h.input, h.output] : h.input];
    const kind = c.hist_access_type;
    if (kind === 'tail') return this.history.slice(-Number(c.n ?? 10)).map(row);
    if (kind === 'range') {
      const start = Number(c.start ?? 0);
      const stop = c.stop === undefined || c.stop === null ? Infinity : Number(c.stop);
      return this.history.filter((h) => h.line >= start && h.line < stop).map(row);
    }
    if (kind === 'search') {
      const glob = String(c.pattern ?? '*');
      const re = new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
      let hits = this.history.filter((h) => re.test(h.input));
      if (c.unique) hits = hits.filter((h, i) => hits.findIndex((o) => o.input === h.input) === i);
      if (c.n) hits = hits.slice(-Number(c.n));
      return hits.map(row);
    }
    return [];
  }

  /** Closes sockets and exits. */
  async shutdown(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const stop = async (worker: Worker | null, message: unknown) => {
      if (!worker) return;
      const exited = new Promise((r) => worker.once('exit', r));
      worker.postMessage(message);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 500))]);
    };
    const close: ControlCommand & IopubCommand = { kind: 'close' };
    await Promise.all([stop(this.heartbeat, 'close'), stop(this.control, close), stop(this.iopub, close)]);
    for (const s of [this.shell, this.stdin]) s.close();
    process.exit(0);
  }
}
