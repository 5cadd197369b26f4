"""Every lesson as a Jupyter notebook per language, generated from its page (`make notebooks`).

    python -m tools.notebooks              # regenerate every notebook, run in real kernels
    python -m tools.notebooks docs/es/lessons/graph.md docs/en/lessons/graph.md   # just these
    python -m tools.notebooks --check      # change nothing; exit 1 naming each drifted cell

Never edit a notebook by hand: edit the page or the snippet module and regenerate. What a
notebook holds is tools/notebook_build.py's; running it, tools/notebook_kernel.py's; whether the
committed one drifted from its page, tools/notebook_drift.py's (also a check of each page).
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from tools import notebook_drift
from tools.notebook_build import build_notebook, lesson_pages, notebook_path
from tools.notebook_kernel import execute
from tools.pages import DOCS, display, parse_page


def committed(page_path: Path) -> nbformat.NotebookNode | None:
    path = notebook_path(page_path)
    return nbformat.read(path, as_version=4) if path.exists() else None


def generate_all(pages: list[Path]) -> list[nbformat.NotebookNode]:
    """Notebooks built one by one (building runs the page in this process: one at a time), then
    executed two kernels at a time (each spends most of its time importing torch). Each keeps
    its committed answers where they are still right (tools/checker_cell.py)."""
    built = [build_notebook(parse_page(path), committed=committed(path)) for path in pages]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(execute, built, [path.parent for path in pages]))


def write(notebook: nbformat.NotebookNode, path: Path) -> bool:
    """Write the notebook if it changed; True when it did."""
    text = nbformat.writes(notebook) + "\n"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report drift, change nothing")
    parser.add_argument("pages", nargs="*", type=Path, help="lesson pages (default: all)")
    args = parser.parse_args(argv)
    pages = args.pages or lesson_pages()
    if args.check:
        problems = [p for page in pages for p in notebook_drift.problems(parse_page(page))]
        print("\n".join(problems))
        return 1 if problems else 0
    notebooks = generate_all(pages)
    for page, notebook in zip(pages, notebooks, strict=True):
        if write(notebook, notebook_path(page)):
            print(f"updated: {display(notebook_path(page))}")
    if not args.pages:
        orphans = set(DOCS.glob("*/notebooks/*.ipynb")) - {notebook_path(p) for p in lesson_pages()}
        for orphan in sorted(orphans):  # a lesson was renamed or removed
            orphan.unlink()
            print(f"removed: {display(orphan)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
