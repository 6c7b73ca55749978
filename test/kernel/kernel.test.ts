/**
 * The convkit kernel against real Jupyter clients: Jupyter's conformance suite
 * (python3-jupyter-kernel-test) and an end-to-end run with nbclient / jupyter_client
 * (see e2e.py). The kernelspec is installed into a temporary JUPYTER_PATH.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const PYTHON = '/usr/bin/python3';
let prefix = '';
let env: NodeJS.ProcessEnv = {};

beforeAll(() => {
  prefix = mkdtempSync(join(tmpdir(), 'convkit-kernelspec-'));
  execFileSync(process.execPath, [join(ROOT, 'packages/kernel/lib/main.js'), 'install', '--prefix', prefix]);
  env = { ...process.env, JUPYTER_PATH: join(prefix, 'share', 'jupyter'), PYTHONUNBUFFERED: '1' };
});
afterAll(() => rmSync(prefix, { recursive: true, force: true }));

function runPython(script: string): { status: number | null; output: string } {
  const r = spawnSync(PYTHON, [join(__dirname, script)], { env, cwd: __dirname, encoding: 'utf8', timeout: 150_000 });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

test('passes Jupyter kernel conformance tests (jupyter_kernel_test)', () => {
  const { status, output } = runPython('conformance.py');
  if (status !== 0) throw new Error(output);
  expect(output).toMatch(/OK/);
}, 160_000);

test('end to end with nbclient: state, errors, displays, interrupts, signatures', () => {
  const { status, output } = runPython('e2e.py');
  if (status !== 0) throw new Error(output);
  const metrics = /METRICS (.*)/.exec(output);
  if (metrics) console.log(`kernel metrics: ${metrics[1]}`);
}, 160_000);
