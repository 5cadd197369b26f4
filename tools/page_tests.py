"""The pages as Sybil doc tests: one test per code block, then one per check of the page.

conftest.py collects every page under docs/ with `PageSybil`. A test is named after the snippet
section it runs, `docs/en/lessons/graph.md::add`; a check of the page after the check
(tools/page_checks.py), `...::stated-values`. Reading a page is tools/pages.py's job, the checks
are tools/page_checks.py's: this module only wires them into Sybil.
"""

from __future__ import annotations

from pathlib import Path

from sybil import Region, Sybil

from tools.page_checks import CHECKS
from tools.pages import Example, Expander, PageError, check, parse_page, run


class PageSybil(Sybil):
    """Sybil for the site's pages, with test ids that name what each test runs."""

    def __init__(self, expander: Expander | None = None, **options) -> None:
        super().__init__(parsers=[page_parser(expander)], patterns=["*.md"], **options)

    def identify(self, example) -> str:
        parsed = example.region.parsed
        if not isinstance(parsed, Example):
            return parsed  # the name of a check, or of a page that cannot be read
        name = parsed.pieces[0].target.partition(":")[2]
        same = [
            other
            for _, region in example.document.regions
            if isinstance(other := region.parsed, Example)
            and other.pieces[0].target == parsed.pieces[0].target
            and other.start <= parsed.start
        ]
        return name if len(same) == 1 else f"{name}#{len(same)}"


def page_parser(expander: Expander | None = None):
    """One region per example (a code block and its output block), then one per page check."""

    def evaluate(sybil_example) -> str | None:
        example: Example = sybil_example.parsed
        return check(example, run(example, sybil_example.namespace))

    def parse(document):
        try:
            page = parse_page(Path(document.path), document.text, expander)
        except PageError as error:  # the page's one test fails with the message, no traceback
            message = str(error)
            yield Region(0, 0, "unreadable-page", lambda _: message)
            return
        for example in page.examples:
            yield Region(example.start, example.end, example, evaluate)

        end = len(document.text)
        for name, page_check in CHECKS.items():
            yield Region(end, end, name, evaluator(page_check, page))

    return parse


def evaluator(page_check, page):
    def evaluate(_) -> str | None:
        return "\n".join(page_check(page)) or None

    return evaluate
