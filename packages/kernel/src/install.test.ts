/**
 * `convkit-kernel install`: where each target writes (`--sys-prefix` asks the Python that runs
 * Jupyter for its sys.prefix, as `jupyter kernelspec install --sys-prefix` does), with fake
 * `jupyter` / `python3` commands on the PATH.
 */
import { spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// The logo's PNG encoder is an ES module that jest does not load; the CLI test below writes real PNGs.
jest.mock('fast-png', () => ({ encode: () => new Uint8Array([0x89, 0x50, 0x4e, 0x47]) }));
import { InstallError, dataDir, installKernelspec, jupyterPython, sysPrefix } from './install';

let tmp = '';
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'convkit-install-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** An executable script `dir/name`: its `#!` line, then `body`. */
function script(dir: string, name: string, firstLine: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `${firstLine}\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A fake Python that answers `sys.prefix` with `prefix` (and checks it was asked that). */
function fakePython(dir: string, name: string, prefix: string): string {
  return script(dir, name, '#!/bin/sh', `case "$2" in *sys.prefix*) echo "${prefix}" ;; *) exit 3 ;; esac`);
}

describe('--sys-prefix', () => {
  test("asks the Python in the jupyter command's #! line", () => {
    const bin = join(tmp, 'bin');
    const envBin = join(tmp, 'env', 'bin');
    mkdirSync(bin);
    mkdirSync(envBin, { recursive: true });
    const envPython = fakePython(envBin, 'python3.12', '/opt/jupyter-env');
    fakePython(bin, 'python3', '/elsewhere');
    script(bin, 'jupyter', `#!${envPython}`, 'print("jupyter")');
    const env = { PATH: `${bin}:/usr/bin:/bin` };
    expect(jupyterPython(env)).toBe(envPython);
    expect(sysPrefix(env)).toBe('/opt/jupyter-env');
    expect(dataDir({ kind: 'sys-prefix' }, env)).toBe('/opt/jupyter-env/share/jupyter');
  });

  test('#!/usr/bin/env python3 means python3 on the PATH', () => {
    fakePython(tmp, 'python3', '/venv');
    script(tmp, 'jupyter', '#!/usr/bin/env python3', '');
    const env = { PATH: `${tmp}:/usr/bin:/bin` };
    expect(jupyterPython(env)).toBe('python3');
    expect(sysPrefix(env)).toBe('/venv');
  });

  test('without a jupyter command (or with a shim), asks python3 on the PATH', () => {
    fakePython(tmp, 'python3', '/from/python3');
    expect(sysPrefix({ PATH: tmp })).toBe('/from/python3');
    script(tmp, 'jupyter', '#!/usr/bin/env bash', 'exec something "$@"');
    expect(jupyterPython({ PATH: tmp })).toBeUndefined();
    expect(sysPrefix({ PATH: `${tmp}:/usr/bin:/bin` })).toBe('/from/python3');
  });

  test('python when there is no python3', () => {
    fakePython(tmp, 'python', '/from/python');
    expect(sysPrefix({ PATH: tmp })).toBe('/from/python');
  });

  test('CONVKIT_SYS_PREFIX overrides', () => {
    fakePython(tmp, 'python3', '/from/python3');
    expect(sysPrefix({ PATH: tmp, CONVKIT_SYS_PREFIX: '/my/prefix' })).toBe('/my/prefix');
  });

  test('no Python: a clear error, no guess', () => {
    const call = () => sysPrefix({ PATH: tmp });
    expect(call).toThrow(InstallError);
    expect(call).toThrow(/no Python told its sys.prefix \(python3: not found; python: not found\).*CONVKIT_SYS_PREFIX.*--prefix DIR or --user/);
    script(tmp, 'python3', '#!/bin/sh', 'echo "broken install" >&2; exit 1');
    expect(call).toThrow(/python3: broken install/);
  });

  test('writes the kernelspec under the prefix Python names', () => {
    const prefix = join(tmp, 'env');
    fakePython(tmp, 'python3', prefix);
    const dir = installKernelspec({ kind: 'sys-prefix' }, '/k/main.js', { PATH: tmp });
    expect(dir).toBe(join(prefix, 'share', 'jupyter', 'kernels', 'convkit'));
    const spec = JSON.parse(readFileSync(join(dir, 'kernel.json'), 'utf8'));
    expect(spec.argv).toEqual([process.execPath, '/k/main.js', 'run', '{connection_file}']);
    expect(spec.language).toBe('typescript');
    expect(existsSync(join(dir, 'logo-64x64.png'))).toBe(true);
  });
});

test('--prefix and --user', () => {
  expect(dataDir({ kind: 'prefix', path: '/p' })).toBe('/p/share/jupyter');
  if (process.platform === 'linux') expect(dataDir({ kind: 'user' }, { XDG_DATA_HOME: '/xdg' })).toBe('/xdg/jupyter');
});

describe('the command line (built kernel)', () => {
  const MAIN = join(__dirname, '..', 'lib', 'main.js');

  test('install --sys-prefix with CONVKIT_SYS_PREFIX', () => {
    const r = spawnSync(process.execPath, [MAIN, 'install', '--sys-prefix'], { env: { ...process.env, CONVKIT_SYS_PREFIX: tmp }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(join(tmp, 'share', 'jupyter', 'kernels', 'convkit'));
    const png = readFileSync(join(tmp, 'share', 'jupyter', 'kernels', 'convkit', 'logo-32x32.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  test('install --sys-prefix without a Python: exit 1 with the message, no stack trace', () => {
    const r = spawnSync(process.execPath, [MAIN, 'install', '--sys-prefix'], { env: { PATH: tmp }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^convkit-kernel: install --sys-prefix: no Python told its sys.prefix/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
