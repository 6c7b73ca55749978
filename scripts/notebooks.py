#!/usr/bin/python3
"""Executes the tutorial notebooks headless on the convkit kernel and exports HTML reports.

  /usr/bin/python3 scripts/notebooks.py            execute notebooks/*.ipynb, fail on any error
  /usr/bin/python3 scripts/notebooks.py --html     also write reports/<name>.html

Uses Debian's nbclient / nbconvert (real Jupyter clients) and installs the kernelspec into a
temporary JUPYTER_PATH, so nothing outside the repo is touched. Executed notebooks go to
reports/executed/ (not committed). Exit status 1 if any cell produced an error output or
a display without a static fallback (a report would show nothing for it).
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENDOR_TYPES = ("application/vnd.convkit.tensor+json", "application/vnd.convkit.heatmap+json")
STATIC_TYPES = ("image/png", "image/svg+xml", "text/html")


def install_kernelspec(prefix):
    subprocess.run(["node", os.path.join(ROOT, "packages/kernel/lib/main.js"), "install", "--prefix", prefix],
                   check=True, stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")


def problems_of(nb):
    found = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {index}: {out.get('ename')}: {out.get('evalue')}")
            data = out.get("data", {})
            if any(t in data for t in VENDOR_TYPES) and not any(t in data for t in STATIC_TYPES):
                found.append(f"cell {index}: a convkit display without a static fallback ({', '.join(data)})")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--html", action="store_true", help="export HTML reports to reports/")
    parser.add_argument("--timeout", type=int, default=600, help="per-cell timeout in seconds")
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/*.ipynb)")
    args = parser.parse_args()
    paths = args.notebooks or sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
    out_dir = os.path.join(ROOT, "reports")
    os.makedirs(os.path.join(out_dir, "executed"), exist_ok=True)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="convkit-jupyter-") as prefix:
        install_kernelspec(prefix)
        for n, path in enumerate(paths, 1):
            name = os.path.splitext(os.path.basename(path))[0]
            nb = nbformat.read(path, as_version=4)
            started = time.time()
            print(f"[{n}/{len(paths)}] {name}: executing {len(nb.cells)} cells ...", flush=True)
            client = NotebookClient(nb, timeout=args.timeout, kernel_name="convkit", allow_errors=True,
                                    resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
            client.on_cell_executed = lambda cell, cell_index, **_: print(f"    cell {cell_index} done", flush=True) if cell.cell_type == "code" else None
            client.execute()
            nbformat.write(nb, os.path.join(out_dir, "executed", f"{name}.ipynb"))
            problems = problems_of(nb)
            status = "FAILED" if problems else "ok"
            print(f"[{n}/{len(paths)}] {name}: {status} in {time.time() - started:.1f} s", flush=True)
            for p in problems:
                print(f"    {p}", flush=True)
            failures += bool(problems)
            if args.html:
                from nbconvert import HTMLExporter
                body, _ = HTMLExporter().from_notebook_node(nb)
                with open(os.path.join(out_dir, f"{name}.html"), "w") as f:
                    f.write(body)
                print(f"    report: reports/{name}.html", flush=True)
    print(f"{len(paths) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
