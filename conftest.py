"""Sybil runs every code block of every page under docs/ and checks the output block after it.

Reading and checking pages live in tools/ (tools/page_tests.py wires them into Sybil), shared with
`make update-outputs`. `pytest docs/es/lessons/graph.md --update-outputs` rewrites the output
blocks of just the pages it ran, instead of failing on them.
"""

import pytest

from tools.page_tests import PageSybil
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
    if config.getoption("update_outputs"):
        pages = sorted({item.path for item in items if item.path.suffix == ".md"})
        items[:] = [item for item in items if item.path.suffix != ".md"]
        config.pluginmanager.register(UpdateOutputs(pages), "update-outputs")


def pytest_xdist_make_scheduler(config, log):
    """On several cores (`make test`), a page's blocks run in one worker, since they share a
    namespace; every other test is scheduled on its own."""
    from xdist.scheduler import LoadScopeScheduling

    class PageScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path.endswith(".md") else nodeid

    return PageScheduling(config, log)


class UpdateOutputs:
    """Instead of running the selected pages' blocks, rewrite their outputs from a real run."""

    def __init__(self, pages):
        self.pages = pages

    def pytest_sessionfinish(self, session):
        from tools import notebooks
        from tools.notebook_build import lesson_pages
        from tools.outputs import main

        status = main([str(page) for page in self.pages])
        lessons = [page for page in self.pages if page.resolve() in lesson_pages()]
        if not status and lessons:  # as `make update-outputs LESSON=...`: their notebooks too
            status = notebooks.main([str(page) for page in lessons])
        if status or session.exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
            session.exitstatus = status
