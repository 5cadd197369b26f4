"""Every lesson as a Jupyter notebook per language, generated from its page (`make notebooks`).

    python -m tools.notebooks           # regenerate docs/<lang>/notebooks/*.ipynb in real kernels
    python -m tools.notebooks --check   # change nothing; exit 1 naming each notebook that drifted

A notebook's Markdown cells are its page's prose, its code cells the page's snippet sections, and
its outputs come from executing it in a real Jupyter kernel (nbclient + ipykernel). Never edit a
notebook by hand: edit the page or the snippet module and regenerate.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tools.pages import (
    DOCS,
    ELIDED_FRAMES,
    FRONT_MATTER,
    LANGUAGES,
    TRACEBACK_HEADER,
    Page,
    display,
    elide_frames,
    parse_page,
    site_config,
)

ADMONITION = re.compile(
    r'^(?P<indent> *)(?:\?\?\?\+?|!!!) +(?P<kind>\w+)(?: +"(?P<title>[^"]*)")? *$'
)
HEADING_ATTRS = re.compile(r"^(#{1,6} .*?)[ \t]*\{[^}\n]*\}[ \t]*$", re.MULTILINE)
# A relative link or image (`](graph.md#x)`, `](../assets/g.svg)`): absolute in a notebook.
RELATIVE_LINK = re.compile(r"\]\((?P<target>[^)\s:#/][^)\s:#]*)(?P<anchor>#[^)\s]*)?\)")
# Outputs name files by paths that differ between machines and runs: ipykernel's temporary
# cell files, and wherever the virtual environment lives.
MACHINE_PATHS = [
    (re.compile(r"/tmp/ipykernel_\d+/\d+\.py"), "<ipython-input>"),
    (re.compile(r"/[^\s'\"]*?/site-packages/"), ".../site-packages/"),
]
WARNING_LINE = re.compile(r"^.*?:\d+: (?P<warning>\w+: .*)$")
QUALIFIED_EXCEPTION = re.compile(r"^(?:[A-Za-z_]\w*\.)+(?=\w*(?:Error|Exception|Warning): )")
RAISES = "raises-exception"  # the standard Jupyter tag for a cell that raises on purpose
NOTE = {
    "es": (
        "*Cuaderno generado a partir de la lección [{title}]({url}); las salidas se verificaron "
        "con PyTorch {torch}. Para obtener los mismos números: `pip install torch=={base} numpy`.*"
    ),
    "en": (
        "*Notebook generated from the lesson [{title}]({url}); its outputs were verified with "
        "PyTorch {torch}. To get the same numbers: `pip install torch=={base} numpy`.*"
    ),
}


def lesson_pages(docs: Path = DOCS) -> list[Path]:
    return sorted(docs.glob("*/lessons/*.md"))


def notebook_path(page_path: Path) -> Path:
    """docs/<lang>/lessons/graph.md -> docs/<lang>/notebooks/graph.ipynb"""
    return page_path.parent.parent / "notebooks" / page_path.with_suffix(".ipynb").name


def page_url(site_url: str, lang: str, relative: str) -> str:
    """Absolute URL of a page or file, so links work in Jupyter and Colab too."""
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    if not relative.endswith(".md"):  # an image or other file, served as it is
        return f"{site_url.rstrip('/')}/{prefix}{relative}"
    path = relative.removesuffix(".md").removesuffix("index")
    return f"{site_url.rstrip('/')}/{prefix}{path}{'/' if path else ''}"


def language_root(page: Page) -> Path:
    """docs/<lang>/ (or a fixture's <lang>/ folder) above the page."""
    path = page.path.resolve()
    return Path(*path.parts[: path.parts.index(page.lang) + 1])


def markdown_cell(text: str, page: Page, site_url: str) -> str:
    """The page's Markdown as Jupyter shows it: no MkDocs attributes, admonitions or .md links."""
    text = HEADING_ATTRS.sub(r"\1", FRONT_MATTER.sub("", text, count=1))
    lines, out, dedent_from = text.splitlines(), [], None
    for line in lines:
        found = ADMONITION.match(line)
        if found:  # `??? success "Solución"` -> **Solución**; its body loses one level of indent
            title = found["title"] or found["kind"].capitalize()
            out.append(f"{found['indent']}**{title}**")
            dedent_from = len(found["indent"])
            continue
        indent = len(line) - len(line.lstrip(" "))
        if dedent_from is not None and line.strip() and indent <= dedent_from:
            dedent_from = None
        if dedent_from is not None and line.startswith(" " * (dedent_from + 4)):
            line = line[4:]
        out.append(line)
    text = textwrap.dedent("\n".join(out)).strip("\n")
    here = Path(page.path).parent

    def absolute(found: re.Match) -> str:
        target = (here / found["target"]).resolve().relative_to(language_root(page))
        return f"]({page_url(site_url, page.lang, str(target))}{found['anchor'] or ''})"

    return RELATIVE_LINK.sub(absolute, text)


def build_notebook(page: Page, config: dict | None = None) -> nbformat.NotebookNode:
    """The page as an unexecuted notebook: prose, then each code block, in page order."""
    config = config or site_config()
    site_url, extra = config["site_url"], config["extra"]
    cells, position = [], 0
    title = next((h.title for h in page.headings if h.level == 1), page.path.stem)
    relative = str(page.path.resolve().relative_to(language_root(page)))
    note = NOTE[page.lang].format(
        title=title.replace("`", ""),
        url=page_url(site_url, page.lang, relative),
        torch=extra["torch_version"],
        base=extra["torch_version"].split("+")[0],
    )
    for example in page.examples:
        cells.append(nbformat.v4.new_markdown_cell(page.text[position : example.code.start]))
        code = "\n\n".join(piece.code for piece in example.pieces)
        cell = nbformat.v4.new_code_cell(code)
        if example.output is not None and TRACEBACK_HEADER in example.output.body:
            cell.metadata["tags"] = [RAISES]
        cells.append(cell)
        position = example.end
    cells.append(nbformat.v4.new_markdown_cell(page.text[position:]))
    for cell in cells:
        if cell.cell_type == "markdown":
            cell.source = markdown_cell(cell.source, page, site_url)
    cells = [cell for cell in cells if cell.source.strip()]
    # The note goes right after the title, which is the first line of the first cell.
    title_line, _, rest = cells[0].source.partition("\n")
    cells[0].source = "\n\n".join(part for part in (title_line, note, rest.strip()) if part)
    for index, cell in enumerate(cells):
        cell.id = f"cell-{index}"  # stable ids keep regenerated notebooks byte-identical
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    return notebook


def portable(text: str) -> str:
    for pattern, replacement in MACHINE_PATHS:
        text = pattern.sub(replacement, text)
    return text


def normalize(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Merge split streams and drop what changes between machines and runs (file paths)."""
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for output in cell.outputs:
            if output.output_type == "error":
                output.traceback = [portable(line) for line in output.traceback]
            if output.output_type == "stream":
                output.text = portable(output.text)
                if merged and merged[-1].output_type == "stream" and merged[-1].name == output.name:
                    merged[-1].text += output.text
                    continue
            merged.append(output)
        cell.outputs = merged
    return notebook


def execute(notebook: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=300,
        allow_errors=False,  # only cells tagged raises-exception may raise
        record_timing=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    # The kernel process's own stderr only says that it talks over local TCP unencrypted; what
    # the code prints, warnings included, reaches the notebook through Jupyter's messages.
    return normalize(client.execute(stderr=subprocess.DEVNULL))


def shown(cell: nbformat.NotebookNode) -> str:
    """A code cell's outputs the way a page shows them (see tools/pages.py: Run.shown)."""
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream" and output.name == "stdout":
            parts.append(output.text)
        elif output.output_type == "stream":  # stderr: warnings, shown as `UserWarning: ...`
            for line in output.text.splitlines():
                found = WARNING_LINE.match(line)
                if found:
                    parts.append(found["warning"] + "\n")
        elif output.output_type == "error":
            parts.append(f"{TRACEBACK_HEADER}\n{ELIDED_FRAMES}\n{output.ename}: {output.evalue}\n")
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.data.get("text/plain", "") + "\n")
    return "".join(parts).rstrip("\n")


def notebook_outputs(notebook: nbformat.NotebookNode) -> list[str]:
    return [shown(cell) for cell in notebook.cells if cell.cell_type == "code"]


def page_outputs(page: Page) -> list[str]:
    return [elide_frames(e.output.body) if e.output else "" for e in page.examples]


def generate(page_path: Path) -> nbformat.NotebookNode:
    page = parse_page(page_path)
    return execute(build_notebook(page), cwd=page_path.parent)


def streams(output: str) -> tuple[list[str], list[str]]:
    """Printed lines and warning lines apart: a kernel sends them on two streams whose relative
    order is not kept, so only the order within each is compared."""
    # Jupyter names an exception without its module (GradcheckError, not torch.autograd....).
    lines = [QUALIFIED_EXCEPTION.sub("", line) for line in output.splitlines()]
    warning = re.compile(r"^\w+Warning: ")
    return [x for x in lines if not warning.match(x)], [x for x in lines if warning.match(x)]


def kernel_problems(page: Page, executed: nbformat.NotebookNode) -> list[str]:
    """Where a notebook executed in a kernel printed something other than its page shows."""
    problems = []
    cells = [c for c in executed.cells if c.cell_type == "code"]
    for example, cell, expected in zip(page.examples, cells, page_outputs(page), strict=True):
        if streams(shown(cell)) != streams(expected):
            problems.append(
                f"{display(page.path)}:{example.code.line}: in a Jupyter kernel this block "
                f"prints\n{shown(cell)}\nbut the page shows\n{expected}\nfix: make the snippet "
                "print the same in both (e.g. a bare expression on its last line is displayed "
                "by Jupyter only), then run `make update-outputs`"
            )
    return problems


def drift_problems(page_path: Path, config: dict | None = None) -> list[str]:
    """What differs between a committed notebook and its page, without running a kernel."""
    path, fix = notebook_path(page_path), "run `make notebooks` (never edit a notebook by hand)"
    if not path.exists():
        return [f"{display(path)} is missing for {display(page_path)}; fix: {fix}"]
    page = parse_page(page_path)
    committed = nbformat.read(path, as_version=4)
    expected = build_notebook(page, config)
    problems = []
    sources = [(c.cell_type, c.source) for c in committed.cells]
    if sources != [(c.cell_type, c.source) for c in expected.cells]:
        problems.append(f"{display(path)}: its cells differ from {display(page_path)}; fix: {fix}")
    if [streams(o) for o in notebook_outputs(committed)] != [
        streams(o) for o in page_outputs(page)
    ]:
        problems.append(
            f"{display(path)}: its outputs differ from those verified on {display(page_path)}; "
            f"fix: {fix}"
        )
    return problems


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
        problems = [problem for page in pages for problem in drift_problems(page)]
        print("\n".join(problems))
        return 1 if problems else 0
    # Two kernels at a time: each one spends most of its time importing torch.
    with ThreadPoolExecutor(max_workers=2) as pool:
        notebooks = list(pool.map(generate, pages))
    for page, notebook in zip(pages, notebooks, strict=True):
        if write(notebook, notebook_path(page)):
            print(f"updated: {display(notebook_path(page))}")
    orphans = set(DOCS.glob("*/notebooks/*.ipynb")) - {notebook_path(p) for p in lesson_pages()}
    for orphan in sorted(orphans):  # a lesson was renamed or removed
        orphan.unlink()
        print(f"removed: {display(orphan)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
