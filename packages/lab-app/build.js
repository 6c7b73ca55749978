#!/usr/bin/env node
// Builds the JupyterLab front end into packages/lab-app/static: the app bundle (a module
// federation host sharing @jupyterlab/* and @lumino/* with prebuilt extensions), plus the
// settings schemas and themes of the bundled extensions. `npm run build:lab` uses `--development`
// (it builds in ~20 s instead of ~130 s); both modes are usable.
const path = require('path');
const fs = require('fs');
const webpack = require('webpack');
const { merge } = require('webpack-merge');
const { Build } = require('@jupyterlab/builder');
const baseConfig = require('@jupyterlab/builder/lib/webpack.config.base');

const here = __dirname;
const pkg = require('./package.json');
const core = require('@jupyterlab/core-meta/core.package.json');
const development = process.argv.includes('--development');
const buildDir = path.join(here, 'build');
const staticDir = path.join(here, 'static');
fs.rmSync(buildDir, { recursive: true, force: true });
fs.rmSync(staticDir, { recursive: true, force: true });
fs.mkdirSync(buildDir, { recursive: true });

// The app module: import every bundled extension, then those the server lists as federated.
const extensions = pkg.jupyterlab.extensions;
const imports = extensions.map((name, i) => `import * as ext${i} from '${name}';`).join('\n');
fs.writeFileSync(
  path.join(buildDir, 'app.js'),
  `import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';
${imports}
import './style.js';

function pluginsOf(module) {
  const exported = module && module.__esModule !== undefined && 'default' in module ? module.default : module;
  return Array.isArray(exported) ? exported : [exported];
}

async function fromContainer(scope, name) {
  const factory = await window._JUPYTERLAB[scope].get(name);
  return factory();
}

export async function main(federated) {
  const plugins = [${extensions.map((_, i) => `...pluginsOf(ext${i})`).join(', ')}];
  const mimeExtensions = [];
  for (const data of federated) {
    try {
      if (data.extension) plugins.push(...pluginsOf(await fromContainer(data.name, data.extension)));
      if (data.mimeExtension) mimeExtensions.push(...pluginsOf(await fromContainer(data.name, data.mimeExtension)));
      if (data.style) await fromContainer(data.name, data.style);
    } catch (error) {
      console.error('convkit lab: extension ' + data.name + ' failed to load', error);
    }
  }
  const disabled = PageConfig.Extension.disabled.map((d) => d.raw);
  const lab = new JupyterLab({ mimeExtensions, disabled: { matches: [], patterns: disabled } });
  lab.registerPlugins(plugins.filter((p) => !PageConfig.Extension.isDisabled(p.id)));
  window.jupyterapp = lab;
  await lab.start();
  await lab.restored;
  document.body.dataset.convkitLabReady = 'true';
}
`,
);

// Asset configs copy schemas and themes, and write build/style.js importing extension styles.
const assetConfigs = Build.ensureAssets({ packageNames: extensions, output: buildDir, schemaOutput: staticDir, themeOutput: staticDir });

// Share what JupyterLab 4.6.4 shares, with its singletons, so prebuilt extensions run here.
const shared = {};
const ranges = { ...core.resolutions, ...core.dependencies };
for (const [name, range] of Object.entries(ranges)) {
  try {
    require.resolve(`${name}/package.json`, { paths: [here] });
  } catch {
    continue;
  }
  shared[name] = { requiredVersion: range, singleton: core.jupyterlab.singletonPackages.includes(name) };
}

// @microsoft/fast-foundation 2.50.0 (the newest 2.x, which @jupyter/web-components 0.16.7's
// `^2.49.4` resolves to) has a design-token regression (microsoft/fast#7057): Store.delete() now
// notifies, DesignTokenNode.appendChild/removeChild re-hydrate every token, and binding observers
// swallow errors. A jp-toolbar's derived fill colour then creates token nodes for its parent while
// being evaluated, and derived tokens (accent-palette <-> accent-fill-rest, …) end up observing
// each other; on JupyterLab's theme change (applyJupyterTheme sets tokens on <body>) they re-derive
// each other without end: "Maximum call stack size exceeded" caught and retried, so the tab hangs
// or runs out of memory in a good share of runs. Bundle (and share, as the singleton every
// prebuilt extension gets) 2.49.x, pinned as a devDependency of this package.
const fastFoundation = path.dirname(require.resolve('@microsoft/fast-foundation/package.json', { paths: [here] }));
const fastFoundationVersion = require(path.join(fastFoundation, 'package.json')).version;
if (!/^2\.49\./.test(fastFoundationVersion)) {
  throw new Error(`[lab-app] expected @microsoft/fast-foundation 2.49.x next to packages/lab-app, found ${fastFoundationVersion} in ${fastFoundation}`);
}

const config = merge(baseConfig, {
  mode: development ? 'development' : 'production',
  devtool: development ? 'source-map' : false,
  entry: [path.join(here, 'src', 'public_path.js'), path.join(here, 'src', 'bootstrap.js')],
  resolve: { alias: { './app': path.join(buildDir, 'app.js'), '@microsoft/fast-foundation': fastFoundation } },
  output: { path: staticDir, filename: 'bundle.js', chunkFilename: '[name].[contenthash].js', library: { type: 'var', name: ['_JUPYTERLAB', 'CORE_OUTPUT'] } },
  plugins: [
    new webpack.container.ModuleFederationPlugin({
      name: 'CORE_FEDERATION',
      library: { type: 'var', name: ['_JUPYTERLAB', 'CORE_LIBRARY_FEDERATION'] },
      shared,
    }),
  ],
  performance: { hints: false },
});

const started = Date.now();
webpack([config, ...assetConfigs], (error, stats) => {
  if (error || stats.hasErrors()) {
    console.error(error || stats.toString({ all: false, errors: true, errorDetails: true }));
    process.exit(1);
  }
  fs.writeFileSync(path.join(staticDir, 'build-info.json'), JSON.stringify({ built: new Date().toISOString(), mode: config.mode }));
  // Defaults for this app (jupyterlab_server reads settings/overrides.json): no "Jupyter news?"
  // toast and no update check — the app is built from pinned packages and may run offline.
  fs.mkdirSync(path.join(staticDir, 'settings'), { recursive: true });
  fs.writeFileSync(
    path.join(staticDir, 'settings', 'overrides.json'),
    JSON.stringify({ '@jupyterlab/apputils-extension:notification': { fetchNews: 'false', checkForUpdates: false } }, null, 2) + '\n',
  );
  console.log(`[lab-app] built ${path.relative(process.cwd(), staticDir)} (${config.mode}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
