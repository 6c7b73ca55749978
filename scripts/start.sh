#!/usr/bin/env bash
# The main job: set up, then open the tutorial notebooks in JupyterLab 4 with the convkit
# kernel and the convkit renderer extension, on 127.0.0.1 (prints the URL with its token).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${CONVKIT_PORT:-8888}"

bash scripts/setup.sh

# Everything Jupyter needs lives in .jupyter-prefix/ inside the checkout: the kernelspec, and
# the prebuilt extension where a pip-installed JupyterLab would look for it.
PREFIX="$PWD/.jupyter-prefix"
node packages/kernel/lib/main.js install --prefix "$PREFIX"
mkdir -p "$PREFIX/share/jupyter/labextensions/@convkit"
ln -sfn "$PWD/packages/jupyterlab/labextension" "$PREFIX/share/jupyter/labextensions/@convkit/jupyterlab"
export JUPYTER_PATH="$PREFIX/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export CONVKIT_LABEXTENSIONS="$PREFIX/share/jupyter/labextensions"
export CONVKIT_LAB_STATE="$PREFIX/lab-state"

TOKEN="${CONVKIT_TOKEN:-$(node -e "process.stdout.write(require('crypto').randomBytes(16).toString('hex'))")}"
ROOT_FLAG=()
[ "$(id -u)" -eq 0 ] && ROOT_FLAG=(--allow-root)

echo
echo "  convkit: open http://127.0.0.1:${PORT}/lab/tree/01-depthwise-convolution.ipynb?token=${TOKEN}"
echo "  (JupyterLab 4 with the convkit kernel and renderers; notebooks in notebooks/; Ctrl+C stops)"
echo
cd notebooks
exec /usr/bin/python3 ../packages/lab-app/convkit_lab.py --ServerApp.ip=127.0.0.1 --ServerApp.port="$PORT" \
  --ServerApp.port_retries=0 --ServerApp.token="$TOKEN" --ServerApp.open_browser=False "${ROOT_FLAG[@]}"
