// Serves the control channel on its own thread. An interrupt_request must reach a cell even
// while the main thread is stuck in a synchronous loop (after an `await`, where SIGINT's
// watchdog no longer applies): this thread raises the shared interrupt flag that every loop of
// a cell checks, answers at once, and hands every other control message to the main thread.
import { parentPort, workerData } from 'worker_threads';
import { Router } from 'zeromq';
import { Message, Signer, WireError, decode, encode, headerMicros } from './message';
import { SendQueue } from './send_queue';

/** What the control thread tells the main thread. */
export type ControlEvent =
  | { kind: 'interrupt' }
  | { kind: 'message'; msg: Message }
  | { kind: 'log'; text: string }
  | { kind: 'bound' };

/** What the main thread tells the control thread. */
export type ControlCommand = { kind: 'send'; frames: Uint8Array[] } | { kind: 'close' };

interface ControlWorkerData {
  address: string;
  key: string;
  scheme: string;
  session: string;
  /** Int32 [0]: the pending interrupt, [1]: the latest execution's sequence number; BigInt64 at byte 8: when the client sent the interrupt (µs). */
  flag: SharedArrayBuffer;
}

const data = workerData as ControlWorkerData;
const socket = new Router();
const signer = new Signer(data.key, data.scheme);
const flag = new Int32Array(data.flag, 0, 2);
const sentAt = new BigInt64Array(data.flag, 8, 1);

function post(event: ControlEvent): void {
  parentPort?.postMessage(event);
}

const queue = new SendQueue(socket, (error) => post({ kind: 'log', text: `control send failed: ${String(error)}` }));

parentPort?.on('message', (command: ControlCommand) => {
  if (command.kind === 'send') void queue.send(command.frames.map((f) => Buffer.from(f)));
  else if (command.kind === 'close') {
    // Close before the thread ends: zeromq aborts the process if a thread dies with a socket open.
    void queue.drained().finally(() => {
      socket.close();
      parentPort?.close();
    });
  }
});

async function main(): Promise<void> {
  await socket.bind(data.address);
  post({ kind: 'bound' });
  for await (const frames of socket) {
    let msg;
    try {
      msg = decode(frames as Buffer[], signer);
    } catch (error) {
      post({ kind: 'log', text: error instanceof WireError ? `rejected a control message: ${error.message}` : `bad control message: ${String(error)}` });
      continue;
    }
    if (msg.header.msg_type === 'interrupt_request') {
      // When the client sent it (0 if unknown), then the latest execution's sequence number + 1:
      // a cell the client sent after this interrupt is not interrupted by it.
      Atomics.store(sentAt, 0, headerMicros(msg.header) ?? 0n);
      Atomics.store(flag, 0, Atomics.load(flag, 1) + 1);
      void queue.send(encode(signer, 'interrupt_reply', { status: 'ok' }, msg, data.session, msg.identities));
      post({ kind: 'interrupt' });
    } else {
      // Decoded and verified here once; the main thread takes it as it is.
      post({ kind: 'message', msg });
    }
  }
}

main().catch((error) => {
  if (!socket.closed) post({ kind: 'log', text: `control channel stopped: ${String(error)}` });
});
