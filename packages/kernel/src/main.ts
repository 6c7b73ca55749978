#!/usr/bin/env node
/**
 * convkit-kernel — a Jupyter kernel for TypeScript with @convkit/core preloaded.
 *
 *   convkit-kernel install [--user | --sys-prefix | --prefix DIR]   write the kernelspec
 *   convkit-kernel run CONNECTION_FILE                               run (Jupyter does this)
 */
import './v8_flags'; // first: before @convkit/core compiles its kernels
import { InstallTarget, installKernelspec } from './install';
import { readConnectionFile } from './protocol/connection';
import { KernelServer } from './server';

const USAGE = `usage:
  convkit-kernel install [--user | --sys-prefix | --prefix DIR]
  convkit-kernel run CONNECTION_FILE`;

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'install') {
    let target: InstallTarget = { kind: 'user' };
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '--user') target = { kind: 'user' };
      else if (rest[i] === '--sys-prefix') target = { kind: 'sys-prefix' };
      else if (rest[i] === '--prefix' && rest[i + 1]) target = { kind: 'prefix', path: rest[++i] };
      else {
        process.stderr.write(`unknown install option ${rest[i]}\n${USAGE}\n`);
        return 2;
      }
    }
    process.stdout.write(`installed kernelspec "convkit" in ${installKernelspec(target)}\n`);
    return 0;
  }
  if (command === 'run' && rest.length === 1) {
    const server = new KernelServer(readConnectionFile(rest[0]));
    await server.start();
    return 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return command === '--help' || command === '-h' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error) => {
    process.stderr.write(`convkit-kernel: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
