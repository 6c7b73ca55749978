#!/usr/bin/env bash
# The main job: set up, install the convkit kernel, and open the tutorial notebooks in a
# Jupyter front end on 127.0.0.1 (prints the URL with its token).
#
# Front end today: Debian's Jupyter Notebook 6 (the JupyterLab 4 host with the convkit
# renderers is not built yet). Outputs show through their static fallbacks (PNG heatmaps,
# HTML tables), the same as in exported reports.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${CONVKIT_PORT:-8888}"

bash scripts/setup.sh

# Kernelspec in a private Jupyter data dir inside the checkout (nothing outside is touched).
PREFIX="$PWD/.jupyter-prefix"
node packages/kernel/lib/main.js install --prefix "$PREFIX"
export JUPYTER_PATH="$PREFIX/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export JUPYTER_CONFIG_DIR="$PWD/.jupyter-prefix/config"
mkdir -p "$JUPYTER_CONFIG_DIR"

TOKEN="${CONVKIT_TOKEN:-$(node -e "process.stdout.write(require('crypto').randomBytes(16).toString('hex'))")}"
ROOT_FLAG=()
[ "$(id -u)" -eq 0 ] && ROOT_FLAG=(--allow-root)

echo
echo "  convkit: open http://127.0.0.1:${PORT}/tree?token=${TOKEN}"
echo "  (notebooks in notebooks/, kernel \"convkit (TypeScript)\"; Ctrl+C stops the server)"
echo
exec /usr/bin/jupyter-notebook --no-browser --ip=127.0.0.1 --port="$PORT" --port-retries=0 \
  --NotebookApp.token="$TOKEN" --notebook-dir="$PWD/notebooks" "${ROOT_FLAG[@]}"
