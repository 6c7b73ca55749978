/* global __webpack_init_sharing__, __webpack_share_scopes__ */
// Loads every prebuilt (federated) extension the server lists — exactly how a pip-installed
// JupyterLab 4 loads extensions from share/jupyter/labextensions — then starts the app.
import { pageOption } from './page_config';

function addScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${url}`));
    script.async = true;
    script.src = url;
    document.head.appendChild(script);
  });
}

async function initContainer(data) {
  await addScript(`${pageOption('fullLabextensionsUrl')}/${data.name}/${data.load}`);
  // Share this app's singletons (lumino, @jupyterlab/*) with the extension's container.
  await __webpack_init_sharing__('default');
  await window._JUPYTERLAB[data.name].init(__webpack_share_scopes__.default);
}

(async () => {
  const federated = pageOption('federated_extensions') || [];
  const results = await Promise.allSettled(federated.map(initContainer));
  results.forEach((r) => r.status === 'rejected' && console.error(r.reason));
  const { main } = await import('./app');
  if (document.readyState === 'complete') await main(federated);
  else window.addEventListener('load', () => main(federated));
})();
