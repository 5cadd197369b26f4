"""Whether a committed notebook is still what `make notebooks` makes of its page, without a kernel.

A check of one page (tools/page_checks.py), so `make check LESSON=graph` catches a hand-edited
notebook. Each problem names the notebook's cell (its id), what differs in it and the fix. The
outputs are compared with those the page shows, which its doc tests verify; the checker's
answers, with this run's answers, as the checker itself compares them (tools/checker_cell.py).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import nbformat

from tools import checker
from tools.checker_cell import committed_literals, decode
from tools.exercises import run_exercises
from tools.notebook_build import (
    CHECKER,
    RAISES,
    build_notebook,
    example_index,
    notebook_path,
    self_check,
    solution_of,
)
from tools.notebook_outputs import page_outputs, shown, streams
from tools.notebook_text import TEXT
from tools.pages import DOCS, Page, display

MAX_DIFF_LINES = 8


def fix(page: Page) -> str:
    return f"run `make notebooks LESSON={page.path.stem}` (never edit a notebook by hand)"


def problems(page: Page, docs: Path = DOCS) -> list[str]:
    """What differs between a lesson's committed notebook and the lesson: cells (ids, sources,
    metadata), the notebook's metadata, and the outputs. Pages other than the lessons under
    `docs` (the home page, the glossary, a test's fixture) have no notebook."""
    if page.path.resolve().parent != docs.resolve() / str(page.lang) / "lessons":
        return []
    path = notebook_path(page.path)
    if not path.exists():
        return [f"{display(path)} is missing for {display(page.path)}; fix: {fix(page)}"]
    try:
        committed = nbformat.read(path, as_version=4)
    except Exception as error:  # JSON broken by hand
        return [f"{display(path)} cannot be read ({error}); fix: {fix(page)}"]
    expected = build_notebook(page, committed=committed)
    found = []
    if committed.metadata != expected.metadata:
        found.append(
            f"{display(path)}: its metadata {dict(committed.metadata)} differ from the "
            f"generator's {dict(expected.metadata)} (a kernelspec names the kernel to run it "
            f"in); fix: {fix(page)}"
        )
    found += cell_problems(page, committed, expected)
    return found


def cell_problems(
    page: Page, committed: nbformat.NotebookNode, expected: nbformat.NotebookNode
) -> list[str]:
    path = display(notebook_path(page.path))
    have = [(cell.get("id"), cell.cell_type) for cell in committed.cells]
    want = [(cell.get("id"), cell.cell_type) for cell in expected.cells]
    if have != want:
        return [f"{path}: {cells_differ(have, want)}; fix: {fix(page)}"]
    found = []
    outputs = page_outputs(page)
    for cell, wanted in zip(committed.cells, expected.cells, strict=True):
        where = f"{path}: cell `{cell.id}`"
        index = example_index(cell)
        if index is not None:
            where += f" ({display(page.path)}:{page.examples[index].code.line})"
        if cell.source != wanted.source:
            found.append(f"{where} differs from the page:\n{source_diff(page, cell, wanted)}")
        if cell.metadata != wanted.metadata:
            found.append(
                f"{where} has metadata {dict(cell.metadata)}, the generator gives "
                f"{dict(wanted.metadata)} (the `{RAISES}` tag lets a cell that fails on purpose "
                "not stop Run all; solutions are folded)"
            )
        if cell.cell_type != "code":
            continue
        if self_check(cell) or solution_of(cell) is not None:
            if cell.outputs:
                found.append(
                    f"{where} has an output: a learner's notebook shows neither a self-check's "
                    "nor a solution's output before they run it"
                )
        elif index is not None and streams(shown(cell)) != streams(outputs[index]):
            diff = difflib.unified_diff(
                outputs[index].splitlines(),
                shown(cell).splitlines(),
                "the page",
                "the notebook",
                lineterm="",
            )
            found.append(f"{where} shows other output than the page:\n" + indent(list(diff)))
    return [f"{problem}\nfix: {fix(page)}" for problem in found]


def cells_differ(have: list[tuple], want: list[tuple]) -> str:
    """The first place where the notebook's cells are not the generator's, by id."""
    matcher = difflib.SequenceMatcher(a=have, b=want, autojunk=False)
    tag, i1, i2, j1, j2 = next(op for op in matcher.get_opcodes() if op[0] != "equal")
    names = lambda cells: ", ".join(f"`{id_}` ({kind})" for id_, kind in cells)  # noqa: E731
    if tag == "delete":
        return f"cell {names(have[i1:i2])} is not one the page gives"
    if tag == "insert":
        return f"cell {names(want[j1:j2])}, which the page gives, is missing"
    return f"where the page gives cell {names(want[j1:j2])}, it has {names(have[i1:i2])}"


def source_diff(page: Page, cell: nbformat.NotebookNode, wanted: nbformat.NotebookNode) -> str:
    """What differs in a cell's source; in the checker cell, which exercise's answer."""
    if cell.get("id") == CHECKER:
        answers = run_exercises(page).answers
        have, want = committed_literals(cell.source), committed_literals(wanted.source)
        said = []
        for number in sorted(set(have) | set(want)):
            if have.get(number) == want.get(number):
                continue
            if number not in have or number not in want:
                said.append(
                    f"exercise {number}'s answer is {'missing' if number in want else 'extra'}"
                )
                continue
            try:
                value = decode(have[number])
            except Exception as error:
                said.append(f"exercise {number}'s answer cannot be read ({error})")
                continue
            reply = checker.verdict(number, value, answers, {}, TEXT["en"].messages)
            said.append(
                f"exercise {number}'s answer is not this run's, as the checker says: {reply}"
            )
        if said:
            return indent(said)
    diff = difflib.unified_diff(
        wanted.source.splitlines(),
        cell.source.splitlines(),
        "the page",
        "the notebook",
        n=0,
        lineterm="",
    )
    return indent(list(diff))


def indent(lines: list[str]) -> str:
    more = len(lines) - MAX_DIFF_LINES
    shown = [f"    {line}" for line in lines[:MAX_DIFF_LINES]]
    return "\n".join(shown + ([f"    ... ({more} more lines)"] if more > 0 else []))
