"""Checks about one page, run as that page's own doc tests.

`make check LESSON=graph` runs the doc tests of the lesson's two pages, so whatever `make test`
would say about one lesson belongs here, as a check of its page: a function that takes the page
(tools.pages.Page) and returns its problems, each naming the file, the line and the fix (an empty
list when all is well). tools/page_tests.py makes each check a Sybil region at the end of the
page, named after it: `docs/es/lessons/graph.md::prose-numbers`.

A check may read other files that belong to the page (its twin in the other language, its
notebook, the home page's link to it); checks across the whole site stay in tests/.
"""

from __future__ import annotations

from collections.abc import Callable

from tools import numbers, same_code
from tools.pages import Page


def prose_numbers(page: Page) -> list[str]:
    return numbers.problems(page, numbers.committed_outputs(page))


CHECKS: dict[str, Callable[[Page], list[str]]] = {
    "prose-numbers": prose_numbers,
    "same-code": same_code.problems,
}
