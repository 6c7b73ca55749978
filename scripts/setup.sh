#!/usr/bin/env bash
# Sets up a fresh machine for convkit: Debian packages (Jupyter's Python side, PyTorch as
# the test oracle, Chromium for browser tests), npm packages from the lockfile, and the build.
# Idempotent: skips what is already there. Run from anywhere inside the repo.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3-jupyter-server python3-jupyterlab-server python3-ipykernel
  python3-nbclient python3-nbconvert jupyter-nbconvert python3-jupyter-kernel-test python3-jupyter-console
  python3-torch python3-numpy
  chromium fonts-dejavu-core
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "[setup] installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "[setup] Debian packages present"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] npm ci"
  # onnxruntime-node (a bench peer) bundles its CPU binaries; where npm runs its install script,
  # that script would fetch CUDA ones from GitHub, which is not reachable here.
  ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm ci --no-audit --no-fund --loglevel=error
else
  echo "[setup] node_modules up to date"
fi

echo "[setup] building"
npm run build --silent
# The front end and the extension are rebuilt when missing, when a source they are built from is
# newer than the extension (renderers, schema, the formatter, the app), or on request.
lab_stale() {
  [ ! -f packages/lab-app/static/bundle.js ] || [ ! -f packages/jupyterlab/labextension/package.json ] && return 0
  [ -n "$(find packages/renderers/src packages/renderers/style packages/jupyterlab/src packages/schema/src packages/core/src/tensor/format.ts \
    packages/lab-app/src packages/lab-app/build.js packages/lab-app/package.json packages/lab-app/templates \
    -newer packages/jupyterlab/labextension/package.json -print -quit 2>/dev/null)" ]
}
if lab_stale || [ -n "${CONVKIT_REBUILD_LAB:-}" ]; then
  echo "[setup] building the JupyterLab front end and the convkit extension (~1 min)"
  npm run build:lab --silent
fi
echo "[setup] done"
