"""What a notebook's code cells show, compared with what their page shows.

A kernel sends printed text and warnings on two streams and names an exception without its
module; a page shows them in one block, as Python prints them. These functions put both in the
form they can be compared in.
"""

from __future__ import annotations

import re

import nbformat

from tools.notebook_build import example_index
from tools.pages import ELIDED_FRAMES, TRACEBACK_HEADER, Page, elide_frames

WARNING_LINE = re.compile(r"^.*?:\d+: (?P<warning>\w+: .*)$")
QUALIFIED_EXCEPTION = re.compile(r"^(?:[A-Za-z_]\w*\.)+(?=\w*(?:Error|Exception|Warning): )")
WARNING = re.compile(r"^\w+Warning: ")


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


def notebook_outputs(notebook: nbformat.NotebookNode) -> dict[int, str]:
    """Page example index -> what its cell shows."""
    return {
        index: shown(cell) for cell in notebook.cells if (index := example_index(cell)) is not None
    }


def page_outputs(page: Page) -> dict[int, str]:
    return {
        index: elide_frames(e.output.body) if e.output else ""
        for index, e in enumerate(page.examples)
    }


def streams(output: str) -> tuple[list[str], list[str]]:
    """Printed lines and warning lines apart: a kernel sends them on two streams whose relative
    order is not kept, so only the order within each is compared."""
    # Jupyter names an exception without its module (GradcheckError, not torch.autograd....).
    lines = [QUALIFIED_EXCEPTION.sub("", line) for line in output.splitlines()]
    return [x for x in lines if not WARNING.match(x)], [x for x in lines if WARNING.match(x)]
