import { execFileSync } from 'child_process';
import { closeSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { basename, delimiter, join, resolve } from 'path';
import { Canvas } from './display/png';
import { colorAt } from '@convkit/schema';

/** Where `install` writes the kernelspec. */
export type InstallTarget = { kind: 'user' } | { kind: 'sys-prefix' } | { kind: 'prefix'; path: string };

/** A failed install, with a message for the command line (no stack trace). */
export class InstallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstallError';
    this.stack = message;
  }
}

/**
 * The `sys.prefix` of the Python that runs Jupyter, where `jupyter kernelspec install
 * --sys-prefix` would write (a virtualenv's or conda env's folder, `/usr` for Debian's Jupyter):
 * `$CONVKIT_SYS_PREFIX` if set; else asked of the Python in the `#!` line of the `jupyter`
 * command on the PATH; else of `python3` (then `python`) on the PATH. Throws an `InstallError`
 * when no Python answers.
 */
export function sysPrefix(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CONVKIT_SYS_PREFIX) return resolve(env.CONVKIT_SYS_PREFIX);
  const failures: string[] = [];
  const jupyter = jupyterPython(env);
  for (const python of [...(jupyter ? [jupyter] : []), 'python3', 'python']) {
    try {
      const out = execFileSync(python, ['-c', 'import sys; print(sys.prefix)'], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
      const prefix = out.trim();
      if (prefix) return prefix;
      failures.push(`${python} printed no sys.prefix`);
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stderr?: string };
      failures.push(e.code === 'ENOENT' ? `${python}: not found` : `${python}: ${(e.stderr || e.message).trim().split('\n').pop()}`);
    }
  }
  throw new InstallError(
    `install --sys-prefix: no Python told its sys.prefix (${failures.join('; ')}). Put the Python that runs Jupyter ` +
      'on the PATH, or set CONVKIT_SYS_PREFIX to its sys.prefix, or install with --prefix DIR or --user.',
  );
}

/** The Python in the `#!` line of the `jupyter` command on the PATH (`#!/usr/bin/python3`, `#!/usr/bin/env python3`). */
export function jupyterPython(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, 'jupyter');
    let line: string;
    try {
      if (!statSync(file).isFile()) continue;
      const fd = openSync(file, 'r');
      try {
        const head = Buffer.alloc(256);
        line = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8').split('\n')[0];
      } finally {
        closeSync(fd);
      }
    } catch {
      continue;
    }
    // The first `jupyter` on the PATH is the one that runs; a shim or a binary tells nothing.
    const words = /^#!(.*)$/.exec(line.trim())?.[1].trim().split(/\s+/) ?? [];
    const python = basename(words[0] ?? '') === 'env' ? words.slice(1).find((w) => !w.startsWith('-') && !w.includes('=')) : words[0];
    return python && /^python[\d.]*$/.test(basename(python)) ? python : undefined;
  }
  return undefined;
}

/** Jupyter's data directory for a target (`…/share/jupyter`, or the user data dir). */
export function dataDir(target: InstallTarget, env: NodeJS.ProcessEnv = process.env): string {
  if (target.kind === 'prefix') return join(resolve(target.path), 'share', 'jupyter');
  if (target.kind === 'sys-prefix') return join(sysPrefix(env), 'share', 'jupyter');
  const xdg = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return process.platform === 'darwin' ? join(homedir(), 'Library', 'Jupyter') : join(xdg, 'jupyter');
}

/** The logo: a 3×3 depthwise filter grid on the Viridis scale. */
function logo(size: number): Uint8Array {
  const c = new Canvas(size, size, [255, 255, 255]);
  const cell = Math.floor(size / 3);
  const weights = [0.1, 0.6, 0.1, 0.6, 1, 0.6, 0.1, 0.6, 0.1];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = Math.min(2, Math.floor(y / cell)) * 3 + Math.min(2, Math.floor(x / cell));
      const border = x % cell === 0 || y % cell === 0;
      c.set(x, y, border ? [255, 255, 255] : colorAt('Viridis', weights[i]));
    }
  }
  return c.toPng();
}

/** Writes `kernels/convkit/{kernel.json, logos}`; returns the directory. */
export function installKernelspec(target: InstallTarget, mainScript = join(__dirname, 'main.js'), env: NodeJS.ProcessEnv = process.env): string {
  const dir = join(dataDir(target, env), 'kernels', 'convkit');
  mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [process.execPath, resolve(mainScript), 'run', '{connection_file}'],
    display_name: 'convkit (TypeScript)',
    language: 'typescript',
    // Interrupts come as interrupt_request on the control channel, served on its own thread, so
    // they reach loops that run after an await (a SIGINT cannot: the main thread is busy).
    interrupt_mode: 'message',
    metadata: { debugger: false },
  };
  writeFileSync(join(dir, 'kernel.json'), JSON.stringify(spec, null, 2) + '\n');
  writeFileSync(join(dir, 'logo-32x32.png'), logo(32));
  writeFileSync(join(dir, 'logo-64x64.png'), logo(64));
  return dir;
}
