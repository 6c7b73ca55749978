// Publishes on the IOPub channel from its own thread, so that what a cell prints or displays
// reaches the front end while the cell still runs — also during a long synchronous loop, when
// the main thread's event loop (and a zeromq send there) would wait for the cell to end.
// Stream text is coalesced here: one message per stream every 50 ms, flushed before anything else.
// The socket is an XPUB, which sees subscriptions: until a front end has subscribed (it may still
// be connecting when it sends its first cell, as `jupyter console` does), messages are held for
// up to HOLD_MS instead of being dropped, so that cell's outputs and idle status still arrive.
import { parentPort, workerData } from 'worker_threads';
import { XPublisher } from 'zeromq';
import { Header, Message, Signer, encode } from './message';
import { SendQueue } from './send_queue';

/** What the main thread tells the IOPub thread. */
export type IopubCommand =
  | { kind: 'send'; frames: Uint8Array[]; id: number }
  | { kind: 'stream'; name: 'stdout' | 'stderr'; text: string; parent: Header | null }
  | { kind: 'flush' }
  | { kind: 'close' };

/** What it answers: the socket is bound, a message is on the wire (for `send`), or a problem to log. */
export type IopubEvent = { kind: 'bound' } | { kind: 'sent'; id: number } | { kind: 'log'; text: string };

interface IopubWorkerData {
  address: string;
  key: string;
  scheme: string;
  session: string;
}

const STREAM_INTERVAL_MS = 50;
const data = workerData as IopubWorkerData;
const HOLD_MS = 5000;
const socket = new XPublisher();
let subscribed = false;
let boundAt = 0;
const held: Buffer[][] = [];
const signer = new Signer(data.key, data.scheme);
let pending: { name: 'stdout' | 'stderr'; text: string; parent: Header | null } | null = null;
let timer: NodeJS.Timeout | null = null;

function post(event: IopubEvent): void {
  parentPort?.postMessage(event);
}

const queue = new SendQueue(socket, (error) => post({ kind: 'log', text: `iopub send failed: ${String(error)}` }));

// Sends, or holds while nobody has subscribed yet (see above); `then` runs once sent or held.
function send(frames: Buffer[], then?: () => void): void {
  if (!subscribed && Date.now() - boundAt < HOLD_MS) {
    held.push(frames);
    then?.();
    return;
  }
  void queue.send(frames).then(then);
}

function flush(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  const p = pending;
  pending = null;
  if (!p || !p.text) return;
  const parent = p.parent ? ({ header: p.parent } as Message) : null;
  send(encode(signer, 'stream', { name: p.name, text: p.text }, parent, data.session, [Buffer.from('kernel.stream')]));
}

const ready = socket.bind(data.address).then(() => {
  boundAt = Date.now();
});

// Subscriptions arrive as frames: 1 then the topic (subscribe), 0 then the topic (unsubscribe).
// Without the verbose option only the first subscription to a topic and the last
// unsubscription come through, so this is "someone listens".
async function watchSubscriptions(): Promise<void> {
  await ready;
  for await (const [frame] of socket) {
    if (frame[0] === 1 && !subscribed) {
      subscribed = true;
      for (const frames of held.splice(0)) send(frames);
    } else if (frame[0] === 0) {
      subscribed = false;
    }
  }
}
void watchSubscriptions().catch((error) => {
  if (!socket.closed) post({ kind: 'log', text: `iopub subscriptions: ${String(error)}` });
});
// The kernel answers no request before IOPub is bound: a front end's first outputs must not be lost.
void ready.then(() => post({ kind: 'bound' }));

parentPort?.on('message', (command: IopubCommand) => {
  void ready.then(() => {
    if (command.kind === 'stream') {
      if (pending && (pending.name !== command.name || pending.parent?.msg_id !== command.parent?.msg_id)) flush();
      pending = { name: command.name, text: (pending?.text ?? '') + command.text, parent: command.parent };
      if (!timer) timer = setTimeout(flush, STREAM_INTERVAL_MS);
    } else if (command.kind === 'send') {
      flush();
      send(command.frames.map((f) => Buffer.from(f)), () => post({ kind: 'sent', id: command.id }));
    } else if (command.kind === 'flush') {
      flush();
    } else {
      flush();
      // Close before the thread ends: zeromq aborts the process if a thread dies with a socket open.
      void queue.drained().finally(() => {
        socket.close();
        parentPort?.close();
      });
    }
  });
});

ready.catch((error) => post({ kind: 'log', text: `iopub channel failed: ${String(error)}` }));
