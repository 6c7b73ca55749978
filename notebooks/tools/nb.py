"""Tiny helper to write the tutorial notebooks from readable Python lists.

The notebooks are committed with outputs cleared: `npm run notebooks` executes them and
`npm run reports` renders HTML, so committed files never hold stale or untrusted outputs.
Run `/usr/bin/python3 notebooks/tools/make_notebooks.py` after editing the sources there.
"""
import json

# Longest code line allowed: reports and narrow windows show longer ones in a scrolling box, so a
# reader sees a cut-off line. scripts/notebooks.py checks the same limit (MAX_CODE_LINE).
MAX_CODE_LINE = 100


def md(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text.strip("\n")}


def code(text, allow_stderr=False):
    """A code cell. allow_stderr=True lets it write to stderr (console.error, warnings) without
    failing `npm run notebooks` (scripts/notebooks.py reads metadata.convkit.allow_stderr)."""
    metadata = {"convkit": {"allow_stderr": True}} if allow_stderr else {}
    source = text.strip("\n")
    for number, line in enumerate(source.split("\n"), 1):
        if len(line) > MAX_CODE_LINE:
            raise ValueError(f"code line {number} has {len(line)} characters (at most {MAX_CODE_LINE}): {line}")
    return {"cell_type": "code", "metadata": metadata, "execution_count": None, "outputs": [], "source": source}


def write(path, title, cells):
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"name": "convkit", "display_name": "convkit (TypeScript)", "language": "typescript"},
            "language_info": {"name": "typescript", "file_extension": ".ts", "mimetype": "text/typescript"},
            "title": title,
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    for i, c in enumerate(nb["cells"]):
        c["id"] = f"cell-{i:02d}"
    with open(path, "w") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")
