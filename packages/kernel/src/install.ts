import { mkdirSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { join, resolve } from 'path';
import { Canvas } from './display/png';
import { colorAt } from '@convkit/schema';

/** Where `install` writes the kernelspec. */
export type InstallTarget = { kind: 'user' } | { kind: 'sys-prefix' } | { kind: 'prefix'; path: string };

/** Jupyter's data directory for a target (`…/share/jupyter`, or the user data dir). */
export function dataDir(target: InstallTarget): string {
  if (target.kind === 'prefix') return join(resolve(target.path), 'share', 'jupyter');
  if (target.kind === 'sys-prefix') return join(process.env.CONVKIT_SYS_PREFIX ?? '/usr/local', 'share', 'jupyter');
  const xdg = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
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
export function installKernelspec(target: InstallTarget, mainScript = join(__dirname, 'main.js')): string {
  const dir = join(dataDir(target), 'kernels', 'convkit');
  mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [process.execPath, resolve(mainScript), 'run', '{connection_file}'],
    display_name: 'convkit (TypeScript)',
    language: 'typescript',
    interrupt_mode: 'signal',
    metadata: { debugger: false },
  };
  writeFileSync(join(dir, 'kernel.json'), JSON.stringify(spec, null, 2) + '\n');
  writeFileSync(join(dir, 'logo-32x32.png'), logo(32));
  writeFileSync(join(dir, 'logo-64x64.png'), logo(64));
  return dir;
}
