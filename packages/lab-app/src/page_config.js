// Reads the server's page configuration (the JSON in #jupyter-config-data) before any
// JupyterLab package is loaded: the bundle's public path and the federated extensions depend on it.
let config = null;

export function pageOption(name) {
  if (config === null) {
    const el = document.getElementById('jupyter-config-data');
    config = el ? JSON.parse(el.textContent || '{}') : {};
  }
  return config[name] || '';
}
