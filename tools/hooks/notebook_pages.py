"""Each committed notebook (docs/<lang>/notebooks/graph.ipynb) is also a page of the site
(notebooks/graph/), with the .ipynb beside it for download: what a reader finds before opening
it in Jupyter or Colab. No kernel runs at build time.

The page is its lesson's Markdown (the notebook's prose is the lesson's: tools/notebook_build.py)
with each code block as the notebook's cell shows it, its outputs as the lesson shows outputs
(tools.notebook_outputs.shown), and the notebook's own cells where the notebook has them: the
exercise checker (folded), and before each solution the cells for the reader's attempt and its
check. So headings keep their anchors, links and formulas work as on the lesson, and each
solution stays folded inside its exercise's list item until the reader opens it.

A notebook is its lesson's companion, not a lesson of its own: it is added with MkDocs' public
`File.generated`, outside the reading order (a lesson's previous/next never detour through its
notebook, which repeats it). On a notebook page the sidebar highlights its lesson, and the footer
leads back to the lesson and on to the page after it, as a reader who came from the lesson
expects.
"""

from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

REPOSITORY = str(Path(__file__).resolve().parents[2])
if REPOSITORY not in sys.path:  # MkDocs loads a hook by its path (tools/hooks/__init__.py)
    sys.path.insert(0, REPOSITORY)

import nbformat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from tools.exercises import exercises, line_of
from tools.hooks.i18n import building, outermost
from tools.languages import LANGUAGE
from tools.notebook_build import CHECKER, HOW_TO_CHECK, SHORT_TRACEBACKS, example_index
from tools.notebook_markdown import RELATIVE_LINK
from tools.notebook_outputs import shown
from tools.pages import parse_page

# For one build: each notebook page's file and its lesson's page, by the page's src_uri.
NOTEBOOKS: dict[str, File] = {}
LESSONS: dict[str, Page] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if outermost(config):
        NOTEBOOKS.clear()
        LESSONS.clear()
    return config


@event_priority(-200)  # after static-i18n's on_files (-100), which rebuilds every File
def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = building(config)
    for notebook in [f for f in files if f.src_uri.startswith(f"{lang}/notebooks/")]:
        if not notebook.src_uri.endswith(".ipynb"):
            continue
        name = posixpath.basename(notebook.src_uri).removesuffix(".ipynb")
        lesson = Path(config.docs_dir) / lang / "lessons" / f"{name}.md"
        folder = posixpath.join(posixpath.dirname(notebook.dest_uri), name)  # (en/)notebooks/graph
        content = notebook_markdown(lesson, Path(notebook.abs_src_path))
        page = File.generated(
            config,
            f"{lang}/notebooks/{name}.md",
            content=content,
            inclusion=InclusionLevel.NOT_IN_NAV,
        )
        page.dest_uri = f"{folder}/index.html"
        page.edit_uri = f"{lang}/lessons/{name}.md"  # "edit this page" edits what it is made of
        files.remove(notebook)
        files.append(page)
        download = f"{folder}/{name}.ipynb"  # beside the page: notebooks/graph/graph.ipynb
        files.append(File.generated(config, download, abs_src_path=notebook.abs_src_path))
        NOTEBOOKS[page.src_uri] = page
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    lessons = {page.file.src_uri: page for page in nav.pages}
    for src_uri in NOTEBOOKS:
        lesson = lessons.get(src_uri.replace("/notebooks/", "/lessons/"))
        if lesson is not None:
            LESSONS[src_uri] = lesson
    return nav


def on_page_context(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    src = page.file.src_uri
    name = posixpath.basename(src).removesuffix(".md")
    repo, branch = repository(config)
    colab = repo.replace("https://github.com/", "https://colab.research.google.com/github/")
    docs = Path(config.docs_dir).name
    notebook = src.replace("/lessons/", "/notebooks/")
    if notebook != src and notebook in NOTEBOOKS:  # a lesson: its notebook, as a page, a file
        context["notebook_links"] = {  # and in Colab
            "view": f"../../notebooks/{name}/",
            "download": f"../../notebooks/{name}/{name}.ipynb",
            "colab": f"{colab}/blob/{branch}/{docs}/{notebook.removesuffix('.md')}.ipynb",
        }
    elif src in NOTEBOOKS:
        context["notebook_links"] = {
            "lesson": f"../../lessons/{name}/",
            "download": f"{name}.ipynb",
            "colab": f"{colab}/blob/{branch}/{docs}/{src.removesuffix('.md')}.ipynb",
        }
        lesson = LESSONS.get(src)
        if lesson is not None:
            page.previous_page, page.next_page = lesson, lesson.next_page
            lesson.active = True  # highlighted in the sidebar (its sections open) for this page
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    lesson = LESSONS.get(page.file.src_uri)
    if lesson is not None:
        lesson.active = False
    return output


def repository(config: MkDocsConfig) -> tuple[str, str]:
    """(repository URL, branch) of "edit this page", e.g. edit_uri `edit/main/docs/`."""
    branch = (config.edit_uri or "edit/main/").strip("/").split("/")[1]
    return config.repo_url.rstrip("/"), branch


# --- The page's Markdown ----------------------------------------------------------------------


def notebook_markdown(lesson: Path, notebook_path: Path) -> str:
    """The notebook page: the lesson's Markdown, each code block replaced by its notebook cell
    (code, then outputs), the notebook's own cells inserted where the notebook has them."""
    page = parse_page(lesson, includes=False)  # where the blocks are; the code is the cells'
    lang = LANGUAGE[page.lang]
    # The committed notebook, read without validating it again (tests/test_notebooks.py does).
    cells = nbformat.reader.reads(notebook_path.read_text(encoding="utf-8")).cells
    by_id = {cell.get("id"): cell for cell in cells}
    by_example = {index: cell for cell in cells if (index := example_index(cell)) is not None}
    lines = page.text.splitlines()
    # line -> blocks to put before it, at its indentation; (first, last) line -> its cell
    before: dict[int, list[str]] = {}
    replaced: dict[int, tuple[int, str]] = {}
    for index, example in enumerate(page.examples):
        if index not in by_example:
            raise PluginError(
                f"{notebook_path}: no cell holds the code block of {lesson}:{example.code.line}; "
                f"fix: make notebooks LESSON={lesson.stem}"
            )
        first, last = line_of(page.text, example.start), line_of(page.text, example.end)
        # Titled as on the lesson: the reader sees where the code lives (and it is highlighted
        # once for both pages: tools/hooks/build_once.py).
        cell = by_example[index]
        replaced[first] = (last, cell_blocks(cell, lang.output_title, example.code.title))
    if page.examples and SHORT_TRACEBACKS in by_id:  # errors kept short, before the first code
        first = line_of(page.text, page.examples[0].start)  # (not above the lesson's intro)
        before.setdefault(first, []).append(cell_blocks(by_id[SHORT_TRACEBACKS], lang.output_title))
    heading = next((h for h in page.headings if h.anchor == "exercises"), None)
    if heading is not None and CHECKER in by_id:  # under the heading, as in the notebook
        how = by_id[HOW_TO_CHECK].source if HOW_TO_CHECK in by_id else ""
        before.setdefault(heading.line, []).extend([how, checker_block(by_id[CHECKER])])
    for exercise in exercises(page):  # the reader's attempt and its check, before the solution
        attempt = [by_id.get(f"exercise-{exercise.number}-{role}") for role in ("attempt", "check")]
        if all(attempt):
            before.setdefault(exercise.insert_line, []).append(
                "\n\n".join(cell_blocks(cell, lang.output_title) for cell in attempt)
            )

    out: list[str] = []
    number = 0
    while number < len(lines):
        line = lines[number]
        indent = re.match(r"[ \t]*", line).group()
        for block in before.get(number, []):
            out += ["", *indented(block, indent), ""]
        if number in replaced:
            last, block = replaced[number]
            out += indented(block, indent)
            number = last + 1
            continue
        # The lesson's links are relative to lessons/; this page is in notebooks/.
        out.append(RELATIVE_LINK.sub(from_notebooks, line))
        number += 1
    return "\n".join(out) + "\n"


def from_notebooks(found: re.Match) -> str:
    target = posixpath.normpath(posixpath.join("../lessons", found["target"]))
    return f"]({target}{found['anchor'] or ''})"


def cell_blocks(cell: nbformat.NotebookNode, output_title: str, title: str | None = None) -> str:
    """A code cell as a code block, and what it shows as an output block after it."""
    blocks = [fence(cell.source, f'python title="{title}"' if title else "python")]
    output = shown(cell)
    if output:
        blocks.append(fence(output, f'text title="{output_title}"'))
    return "\n\n".join(blocks)


def checker_block(cell: nbformat.NotebookNode) -> str:
    """The checker folded, as JupyterLab and Colab show it, under its `# @title` (Colab's form
    title); plain text, since highlighted it weighed 20 KB a page."""
    title = cell.source.partition("\n")[0].removeprefix("# @title ").split(" (")[0]
    return f'??? note "{title}"\n\n' + "\n".join(indented(fence(cell.source, "text"), "    "))


def fence(code: str, info: str) -> str:
    ticks = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", code))])
    return f"{ticks}{info}\n{code}\n{ticks}"


def indented(block: str, indent: str) -> list[str]:
    return [f"{indent}{line}" if line.strip() else "" for line in block.split("\n")]
