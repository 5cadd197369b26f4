"""A lesson page as a Jupyter notebook, before it runs: its cells, their ids and metadata.

A notebook's Markdown cells are its page's prose (tools/notebook_markdown.py), its code cells the
page's snippet sections. Cells the page does not have, each named by its cell id:
- `short-tracebacks`: `%xmode Minimal`, so an error shows its type and message as the lesson
  does, not 50 lines of torch internals (only where a cell raises on purpose).
- `exercise-checker`: defines the checker (`comprobar_ejercicio` / `check_exercise`, from
  tools/languages.py), holding the verified answers (tools/checker_cell.py).
- `exercise-N-attempt` and `exercise-N-check`: for each exercise whose solution binds its answer
  (tools/exercises.py), a cell for the learner's attempt and one that says whether it is right.
  The expected answers come from running the page, never typed.
A page's code blocks are the cells `code-K` (K: the block's index on the page); a block in the
solution of exercise N is `exercise-N-code-K`. Solutions are folded, code and explanation.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

from tools.checker_cell import cell_source, committed_literals, keep_committed
from tools.exercises import answer_name, exercises, line_of, run_exercises
from tools.languages import LANGUAGE
from tools.notebook_markdown import (
    language_root,
    markdown_lines,
    markdown_source,
    notebook_site_url,
    page_url,
)
from tools.notebook_text import TEXT
from tools.pages import DOCS, TRACEBACK_HEADER, Page, site_config

RAISES = "raises-exception"  # the standard Jupyter tag for a cell that raises on purpose
SHORT_TRACEBACKS = "short-tracebacks"
CHECKER = "exercise-checker"
HOW_TO_CHECK = "exercise-how-to-check"
CODE_ID = re.compile(r"^(?:exercise-(?P<exercise>\d+)-)?code-(?P<example>\d+)$")
SELF_CHECK_ID = re.compile(r"^exercise-(?P<exercise>\d+)-(?P<role>attempt|check)$")
# JupyterLab shows these cells folded, as the lesson folds its solutions; Colab shows a cell with
# `cellView: form` and a `# @title` line as its title alone.
FOLDED = {"jupyter": {"source_hidden": True}}
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
# What a kernel adds (its Python's version) differs between machines: the generator's is kept.
METADATA = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}


def lesson_pages(docs: Path = DOCS) -> list[Path]:
    return sorted(docs.glob("*/lessons/*.md"))


def notebook_path(page_path: Path) -> Path:
    """docs/<lang>/lessons/graph.md -> docs/<lang>/notebooks/graph.ipynb"""
    return page_path.parent.parent / "notebooks" / page_path.with_suffix(".ipynb").name


def example_index(cell: nbformat.NotebookNode) -> int | None:
    """The page index of the code block a cell holds; None for the notebook's own cells."""
    found = CODE_ID.match(cell.get("id", "")) if cell.cell_type == "code" else None
    return int(found["example"]) if found else None


def solution_of(cell: nbformat.NotebookNode) -> int | None:
    """The exercise whose solution a code cell holds, if any."""
    found = CODE_ID.match(cell.get("id", "")) if cell.cell_type == "code" else None
    return int(found["exercise"]) if found and found["exercise"] else None


def self_check(cell: nbformat.NotebookNode) -> tuple[int, str] | None:
    """(exercise number, "attempt" or "check") for a self-check cell, else None."""
    found = SELF_CHECK_ID.match(cell.get("id", ""))
    return (int(found["exercise"]), found["role"]) if found else None


def checker_cell(
    page: Page, answers: dict[int, object], committed: nbformat.NotebookNode | None
) -> nbformat.NotebookNode:
    """The checker, holding the committed notebook's answers where they are still right."""
    text, lang = TEXT[page.lang], LANGUAGE[page.lang]
    old = next((c.source for c in (committed or {}).get("cells", []) if c.get("id") == CHECKER), "")
    asked = {e.number: e.asked for e in exercises(page) if e.asked and e.number in answers}
    source = cell_source(
        text.checker_title,
        lang.check,
        answer_name(page),
        text.messages,
        keep_committed(answers, committed_literals(old)),
        asked,
    )
    cell = nbformat.v4.new_code_cell(source)
    cell.id, cell.metadata = CHECKER, {"cellView": "form", **FOLDED}
    return cell


def build_notebook(
    page: Page, config: dict | None = None, committed: nbformat.NotebookNode | None = None
) -> nbformat.NotebookNode:
    """The page as an unexecuted notebook: prose, then each code block, in page order, with the
    self-check cells of its exercises. `committed`: the notebook as it is, whose answers the
    checker keeps where they are still right (tools/checker_cell.py)."""
    config = config or site_config()
    extra, lang = config["extra"], page.lang
    text, name = TEXT[lang], answer_name(page)
    site_url = notebook_site_url()
    lines = markdown_lines(page, site_url)
    found = exercises(page)
    checked = {e.number for e in found if e.no_check is None}
    answers = {
        n: a for n, a in (run_exercises(page).answers if found else {}).items() if n in checked
    }
    in_exercise = {k: exercise.number for exercise in found for k in exercise.examples}

    # (line, order, cells to insert, first line after them)
    inserts: list[tuple[int, int, list, int]] = []
    if answers:
        heading = next(h for h in page.headings if h.anchor == "exercises")
        how = nbformat.v4.new_markdown_cell(text.how_to_check.format(answer=name))
        how.id = HOW_TO_CHECK
        inserts.append(
            (heading.line, 0, [how, checker_cell(page, answers, committed)], heading.line)
        )
    folded = []  # (first, last) lines of the solutions' prose
    for exercise in found:
        if exercise.solution is not None:  # its explanation, after the code, is a cell of its own
            inserts.append((exercise.end_line, 3, [], exercise.end_line))
            folded.append((exercise.solution + 1, exercise.end_line))
        if exercise.number not in answers:
            continue
        attempt = nbformat.v4.new_code_cell(text.attempt.format(answer=name))
        attempt.id = f"exercise-{exercise.number}-attempt"
        check = nbformat.v4.new_code_cell(f"{LANGUAGE[lang].check}({exercise.number}, {name})")
        check.id = f"exercise-{exercise.number}-check"
        inserts.append((exercise.insert_line, 1, [attempt, check], exercise.insert_line))
    for index, example in enumerate(page.examples):
        cell = nbformat.v4.new_code_cell("\n\n".join(piece.code for piece in example.pieces))
        number = in_exercise.get(index)
        cell.id = f"code-{index}" if number is None else f"exercise-{number}-code-{index}"
        if number is not None:
            cell.metadata.update(json.loads(json.dumps(FOLDED)))
        if example.output is not None and TRACEBACK_HEADER in example.output.body:
            cell.metadata["tags"] = [RAISES]
        end = line_of(page.text, example.end) + 1
        inserts.append((line_of(page.text, example.start), 2, [cell], end))

    cells, position = [], 0

    def prose(first: int, last: int) -> None:
        cell = nbformat.v4.new_markdown_cell(markdown_source(lines[first:last]))
        if any(start <= first and last <= end for start, end in folded):
            cell.metadata.update(json.loads(json.dumps(FOLDED)))
        cells.append(cell)

    for line, _, inserted, after in sorted(inserts, key=lambda i: (i[0], i[1])):
        prose(position, line)
        cells.extend(inserted)
        position = max(position, after)
    prose(position, len(lines))
    cells = [cell for cell in cells if cell.source.strip()]

    # The title and the note open the notebook; then, if a cell raises on purpose, the cell that
    # keeps errors as short as on the lesson.
    title = next((h.title for h in page.headings if h.level == 1), page.path.stem)
    relative = str(page.path.resolve().relative_to(language_root(page)))
    note = text.note.format(
        title=title.replace("`", ""),
        url=page_url(site_url, lang, relative),
        torch=extra["torch_version"],
        base=extra["torch_version"].split("+")[0],
    )
    title_line, _, rest = cells[0].source.partition("\n")
    opening = [nbformat.v4.new_markdown_cell(f"{title_line}\n\n{note}")]
    opening[0].id = "title"
    if any(RAISES in cell.metadata.get("tags", []) for cell in cells):
        short = nbformat.v4.new_code_cell(text.short_tracebacks)
        short.id = SHORT_TRACEBACKS
        opening.append(short)
    cells[0].source = rest.strip("\n")
    cells = opening + [cell for cell in cells if cell.source.strip()]
    markdown = 0
    for cell in cells:  # the rest of the Markdown cells, numbered in order
        if cell.cell_type == "markdown" and cell.id not in ("title", HOW_TO_CHECK):
            cell.id = f"text-{markdown}"
            markdown += 1
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = json.loads(json.dumps(METADATA))
    return notebook
