// Echoes heartbeats on its own thread, so a long synchronous cell does not look like a dead kernel.
import { parentPort, workerData } from 'worker_threads';
import { Reply } from 'zeromq';

const socket = new Reply();

parentPort?.on('message', (message) => {
  // Close the socket before the thread ends: zeromq aborts the process if a thread dies with it open.
  if (message === 'close') {
    socket.close();
    parentPort?.close();
  }
});

async function main(): Promise<void> {
  await socket.bind(workerData.address as string);
  for await (const frames of socket) await socket.send(frames);
}

main().catch((error) => {
  if (!socket.closed) process.stderr.write(`convkit kernel: heartbeat stopped: ${String(error)}\n`);
});
