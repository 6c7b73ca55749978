#!/usr/bin/env node
// Builds packages/jupyterlab as a prebuilt (federated) JupyterLab 4 extension into
// packages/jupyterlab/labextension — the folder a pip-installed JupyterLab loads from
// share/jupyter/labextensions/@convkit/jupyterlab. Uses @jupyterlab/builder against the core
// package description that @jupyterlab/core-meta ships (JupyterLab 4.6.4's shared singletons).
const { execFileSync } = require('child_process');
const { copyFileSync, mkdirSync, mkdtempSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

const root = join(__dirname, '..');
const ext = join(root, 'packages', 'jupyterlab');
const core = mkdtempSync(join(tmpdir(), 'convkit-core-'));
mkdirSync(core, { recursive: true });
copyFileSync(require.resolve('@jupyterlab/core-meta/core.package.json', { paths: [root] }), join(core, 'package.json'));
const started = Date.now();
const mode = process.argv.includes('--development') ? ['--development'] : [];
try {
  execFileSync(process.execPath, [require.resolve('@jupyterlab/builder/lib/build-labextension.js', { paths: [root] }), '--core-path', core, ...mode, ext], {
    stdio: 'inherit',
    cwd: ext,
  });
} finally {
  rmSync(core, { recursive: true, force: true });
}
console.log(`[labextension] built packages/jupyterlab/labextension in ${((Date.now() - started) / 1000).toFixed(1)} s`);
