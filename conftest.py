"""Sybil runs every code block of every page under docs/ and checks the output block after it.

Reading and checking pages live in tools/ (tools/doctest.py wires them into Sybil), shared with
`make update-outputs`. `pytest docs/es/lessons/graph.md --update-outputs` rewrites the output
blocks of just the pages it ran, instead of failing on them.
"""

import pytest

from tools.doctest import PageSybil
from tools.pages import DOCS

pytest_collect_file = PageSybil(path=str(DOCS)).pytest()


def pytest_addoption(parser):
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite the output blocks (and quoted numbers) of the pages that ran",
    )


def pytest_assertrepr_compare(op, left, right):
    """A check's problems compared with []: show each whole, file, line and fix hint included
    (pytest would shorten each to a line, cutting the hint in the middle)."""
    problems = isinstance(left, list) and left and all(isinstance(p, str) for p in left)
    if op == "==" and right == [] and problems:
        return [f"{len(left)} problem(s):", *"\n".join(left).splitlines()]
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.suffix == ".md":
            # A page's blocks share one namespace: with pytest-xdist they run in one worker.
            item.add_marker(pytest.mark.xdist_group(str(item.path)))
    if config.getoption("update_outputs"):
        pages = sorted({item.path for item in items if item.path.suffix == ".md"})
        items[:] = [item for item in items if item.path.suffix != ".md"]
        config.pluginmanager.register(UpdateOutputs(pages), "update-outputs")


class UpdateOutputs:
    """Instead of running the selected pages' blocks, rewrite their outputs from a real run."""

    def __init__(self, pages):
        self.pages = pages

    def pytest_sessionfinish(self, session):
        from tools.outputs import main

        status = main([str(page) for page in self.pages])
        if status or session.exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
            session.exitstatus = status
