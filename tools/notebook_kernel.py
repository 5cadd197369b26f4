"""Running a notebook in a real Jupyter kernel (nbclient + ipykernel), as "Run all" does.

`make notebooks` executes each generated notebook and keeps the outputs a learner sees before
trying anything: the lesson's, not the self-checks' or the solutions'. tests/test_notebooks.py
runs each lesson's notebook as a learner who solved every exercise would (`solved`), and checks
that every cell, solutions included, prints what the page shows (`kernel_problems`).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import nbformat

from tools.notebook_build import METADATA, self_check, solution_of
from tools.notebook_outputs import notebook_outputs, page_outputs, streams
from tools.pages import Page, display

# Outputs name files by paths that differ between machines and runs: ipykernel's temporary
# cell files, and wherever the virtual environment lives.
MACHINE_PATHS = [
    (re.compile(r"/tmp/ipykernel_\d+/\d+\.py"), "<ipython-input>"),
    (re.compile(r"/[^\s'\"]*?/site-packages/"), ".../site-packages/"),
]


def portable(text: str) -> str:
    for pattern, replacement in MACHINE_PATHS:
        text = pattern.sub(replacement, text)
    return text


def normalize(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Merge split streams and drop what changes between machines and runs (file paths). The
    self-check cells are left empty, as the learner finds them, and so are the solutions: the
    learner sees a solution's output by running it."""
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if self_check(cell) or solution_of(cell) is not None:
            cell.outputs, cell.execution_count = [], None
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


def client(notebook: nbformat.NotebookNode, cwd: Path):
    """Runs a notebook as Jupyter's "Run all" and `jupyter nbconvert --execute` do: in the kernel
    its metadata names, stopping at the first error in a cell not tagged raises-exception."""
    from nbclient import NotebookClient  # not imported by the site build (tools/hooks/)

    from tools import kernels

    return NotebookClient(
        notebook,
        # A real ipykernel, forked from a process that imported torch once (tools/kernels.py);
        # tests/test_notebooks.py also runs a committed notebook in a fresh one, as "Run all".
        kernel_manager_class=kernels.shared().kernel_manager_class,
        timeout=300,
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": str(cwd)}},
    )


def execute(notebook: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    # The kernel process's own stderr only says that it talks over local TCP unencrypted; what
    # the code prints, warnings included, reaches the notebook through Jupyter's messages.
    executed = normalize(client(notebook, cwd).execute(stderr=subprocess.DEVNULL))
    executed.metadata = nbformat.from_dict(json.loads(json.dumps(METADATA)))
    return executed


def kernel_problems(page: Page, executed: nbformat.NotebookNode) -> list[str]:
    """Where a notebook executed in a kernel printed something other than its page shows."""
    problems = []
    printed, expected = notebook_outputs(executed), page_outputs(page)
    for index, example in enumerate(page.examples):
        if index not in printed:
            problems.append(f"{display(page.path)}:{example.code.line}: no notebook cell runs it")
        elif streams(printed[index]) != streams(expected[index]):
            problems.append(
                f"{display(page.path)}:{example.code.line}: in a Jupyter kernel this block "
                f"prints\n{printed[index]}\nbut the page shows\n{expected[index]}\nfix: make the "
                "snippet print the same in both (e.g. a bare expression on its last line is "
                "displayed by Jupyter only), then run `make update-outputs`"
            )
    return problems


def solved(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as a learner who solved every exercise runs it: the solution's cells stand
    where the attempt cell was (its only code, `answer = ...`, is what a learner replaces), so
    each check cell runs right after the solution, in the state the lesson left."""
    solved = nbformat.from_dict(notebook)
    solutions: dict[int, list] = {}
    for cell in solved.cells:
        if (number := solution_of(cell)) is not None:
            solutions.setdefault(number, []).append(cell)
    checked = {
        role[0] for cell in solved.cells if (role := self_check(cell)) and role[1] == "attempt"
    }
    cells = []
    for cell in solved.cells:
        role = self_check(cell)
        if role and role[1] == "attempt":
            cells.extend(solutions.get(role[0], []))
            continue
        if solution_of(cell) in checked:
            continue  # already placed before its check
        cells.append(cell)
    solved.cells = cells
    return solved
