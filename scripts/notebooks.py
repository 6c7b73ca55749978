#!/usr/bin/python3
"""Executes the tutorial notebooks headless on the convkit kernel and exports HTML reports.

  /usr/bin/python3 scripts/notebooks.py            execute notebooks/*.ipynb, fail on any error
  /usr/bin/python3 scripts/notebooks.py --html     also write reports/<name>.html

Uses Debian's nbclient / nbconvert (real Jupyter clients) and installs the kernelspec into a
temporary JUPYTER_PATH, so nothing outside the repo is touched. Executed notebooks go to
reports/executed/ (not committed). Exit status 1 if any cell produced

  - an error output,
  - output on stderr (console.error, warnings), unless the cell's metadata allows it:
    {"convkit": {"allow_stderr": true}} (set by notebooks/tools/make_notebooks.py),
  - a display without a static fallback (a report would show nothing for it),

or if a notebook's source has a code line longer than MAX_CODE_LINE characters (a report shows
it in a box the reader has to scroll sideways) or TeX math in a markdown cell (the reports load
no MathJax, see below); or, with --html, if an exported report has an SVG with nothing drawn in
it (inline, or as an <img> data URI), an output area with nothing in it, or a reference to a
file:// URL: nbconvert's sanitiser strips SVG children (jupyter/nbconvert#1849), so a chart can
be exported blank with no error anywhere.

Reports use nbconvert's `lab` template, extended (REPORT_TEMPLATE) to drop its RequireJS and
MathJax <script> tags (Debian points them at file:///usr/share/javascript/..., which a reader's
browser does not have; no notebook here uses widgets, JavaScript outputs or TeX) and to let long
code and output lines scroll sideways instead of being cut off (and wrap when printed).
"""
import argparse
import base64
import glob
import os
import re
import subprocess
import sys
import tempfile
import time

import jinja2
import lxml.etree
import lxml.html
import nbformat
from nbclient import NotebookClient

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENDOR_TYPES = ("application/vnd.convkit.tensor+json", "application/vnd.convkit.heatmap+json")
STATIC_TYPES = ("image/png", "image/svg+xml", "text/html")
# Longest code line a notebook may have (notebooks/tools/nb.py enforces the same when generating).
MAX_CODE_LINE = 100
# TeX math in markdown ($…$, $$…$$, \(…\), \[…\]) outside code spans: shown raw without MathJax.
TEX_MATH = re.compile(r"\$[^$\n]+\$|\\\(|\\\[")

# nbconvert's lab template without the RequireJS/MathJax <script> tags (Debian's file:///
# URLs are 404s in a reader's browser), and with long lines scrolling instead of cut off: the lab
# template hides overflow on the input area and CodeMirror's stylesheet on .CodeMirror.
REPORT_TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_css -%}
<style type="text/css">
/* convkit reports: long lines scroll sideways instead of being cut off, and wrap on paper */
.jp-InputArea-editor .highlight pre,
.jp-OutputArea-output pre {
  overflow-x: auto;
}
@media print {
  .jp-InputArea-editor .highlight pre,
  .jp-OutputArea-output pre {
    white-space: pre-wrap;
  }
}
</style>
{%- endblock html_head_css -%}
"""


def install_kernelspec(prefix):
    subprocess.run(["node", os.path.join(ROOT, "packages/kernel/lib/main.js"), "install", "--prefix", prefix],
                   check=True, stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")


def allows_stderr(cell):
    return bool(cell.get("metadata", {}).get("convkit", {}).get("allow_stderr"))


def source_problems(nb):
    """Code lines too long to read in a report, and TeX math that no report renders."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            for number, line in enumerate(cell.source.split("\n"), 1):
                if len(line) > MAX_CODE_LINE:
                    found.append(f"cell {index} line {number}: {len(line)} characters, over {MAX_CODE_LINE} "
                                 f"(wrap it in notebooks/tools/make_notebooks.py): {line[:60]}…")
        elif cell.cell_type == "markdown":
            prose = re.sub(r"```.*?```|`[^`\n]*`", "", cell.source, flags=re.S)
            math = TEX_MATH.search(prose)
            if math:
                found.append(f"cell {index}: TeX math {math.group(0)[:40]!r} in markdown; reports load no MathJax "
                             "(write it with Unicode, e.g. k², or in a code span)")
    return found


def problems_of(nb):
    found = source_problems(nb)
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {index}: {out.get('ename')}: {out.get('evalue')}")
            if out.get("output_type") == "stream" and out.get("name") == "stderr" and not allows_stderr(cell):
                text = out.get("text", "").strip().replace("\n", " | ")
                found.append(f"cell {index}: output on stderr (allow it with cell metadata "
                             f"{{\"convkit\": {{\"allow_stderr\": true}}}}): {text[:300]}")
            data = out.get("data", {})
            if any(t in data for t in VENDOR_TYPES) and not any(t in data for t in STATIC_TYPES):
                found.append(f"cell {index}: a convkit display without a static fallback ({', '.join(data)})")
    return found


# What counts as "something drawn" inside an SVG.
SVG_DRAWING = {"rect", "path", "line", "polyline", "polygon", "circle", "ellipse", "image", "use", "text"}
# Elements that show something in an output area even without text.
VISIBLE = ("img", "svg", "table", "canvas", "iframe", "video", "audio", "object", "embed")


def svg_draws(svg_root):
    return any(isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1].lower() in SVG_DRAWING for el in svg_root.iter())


def report_problems(html):
    """Blank SVGs, empty output areas and file:// references in an exported HTML report."""
    found = []
    doc = lxml.html.document_fromstring(html)
    for el in doc.xpath("//*[@src or @href]"):
        url = (el.get("src") or el.get("href") or "").strip()
        if url.lower().startswith("file:"):
            found.append(f"report: <{el.tag}> refers to {url[:80]} (a reader's browser cannot load it)")
    for n, svg in enumerate(doc.iter("svg"), 1):
        if not svg_draws(svg):
            found.append(f"report: inline <svg> #{n} has no drawing elements (sanitised away?)")
    for n, img in enumerate(doc.iter("img"), 1):
        src = img.get("src", "").strip()
        if not src:
            found.append(f"report: <img> #{n} ({img.get('alt', '')[:60]!r}) has no src (sanitised away?)")
        elif src.startswith("data:image/svg+xml;base64,"):
            try:
                svg = lxml.etree.fromstring(base64.b64decode(src.split(",", 1)[1]))
            except Exception as error:  # noqa: BLE001 - any decoding or XML error is a broken chart
                found.append(f"report: <img> #{n} has an SVG data URI that does not parse: {error}")
                continue
            if not svg_draws(svg):
                found.append(f"report: <img> #{n} is an SVG with no drawing elements")
    # Output areas: JupyterLab template (jp-OutputArea-output), classic/basic (output_subarea).
    areas = doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' jp-OutputArea-output ')"
                      " or contains(concat(' ', normalize-space(@class), ' '), ' output_subarea ')]")
    for area in areas:
        if area.text_content().strip() or any(True for tag in VISIBLE for _ in area.iter(tag)):
            continue
        prompt = area.getparent().xpath(".//*[contains(@class, 'OutputPrompt') or contains(@class, 'output_prompt')]")
        label = prompt[0].text_content().replace("\xa0", " ").strip() if prompt and prompt[0].text_content().strip() else "an output"
        found.append(f"report: {label} has an empty output area ({area.get('data-mime-type') or area.get('class')})")
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
            if args.html:
                from nbconvert import HTMLExporter
                exporter = HTMLExporter(extra_loaders=[jinja2.DictLoader({"convkit-report.html.j2": REPORT_TEMPLATE})],
                                        template_file="convkit-report.html.j2")
                body, _ = exporter.from_notebook_node(nb)
                with open(os.path.join(out_dir, f"{name}.html"), "w") as f:
                    f.write(body)
                problems += report_problems(body)
            status = "FAILED" if problems else "ok"
            print(f"[{n}/{len(paths)}] {name}: {status} in {time.time() - started:.1f} s", flush=True)
            for p in problems:
                print(f"    {p}", flush=True)
            if args.html:
                print(f"    report: reports/{name}.html ({len(body) // 1024} kB)", flush=True)
            failures += bool(problems)
    print(f"{len(paths) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
