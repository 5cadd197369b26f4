"""Every snippet module runs on its own, as `python snippets/<lang>/lessons/<page>.py`, prints
something, and writes nothing to stderr but the warnings its page shows."""

import re
from pathlib import Path

import pytest

from tools.forked import Forker
from tools.pages import DOCS, ROOT, parse_page

MODULES = sorted((ROOT / "snippets").rglob("*.py"))
# Python shows a warning as "file:line: Category: message", then the line of code, indented.
WARNING = re.compile(r"^.+:\d+: (?P<warning>\w+Warning: .*)$")


@pytest.fixture(scope="module")
def forker():
    with Forker() as forker:
        yield forker


def shown_on_page(module: Path) -> str:
    """Every output block of the module's page (snippets/<lang>/lessons/<name>.py is shown on
    docs/<lang>/lessons/<name>.md), joined."""
    page = DOCS / module.relative_to(ROOT / "snippets").with_suffix(".md")
    return "\n".join(
        example.output.body for example in parse_page(page).examples if example.output is not None
    )


def unexpected_stderr(stderr: str, shown: str) -> list[str]:
    """Lines of stderr that are not a warning the pages show (nor the code line Python prints
    after each warning)."""
    unexpected, after_warning = [], False
    for line in stderr.splitlines():
        found = WARNING.match(line)
        if found and found["warning"] in shown:
            after_warning = True
            continue
        if after_warning and line.startswith("  "):
            after_warning = False
            continue
        unexpected.append(line)
    return unexpected


def test_there_is_a_module_per_lesson_and_language():
    modules = {m.relative_to(ROOT / "snippets").with_suffix("") for m in MODULES}
    pages = {p.relative_to(DOCS).with_suffix("") for p in DOCS.glob("*/lessons/*.md")}
    assert modules == pages


@pytest.mark.parametrize("module", MODULES, ids=lambda m: str(m.relative_to(ROOT / "snippets")))
def test_module_runs_on_its_own(forker, module):
    code, stdout, stderr = forker.run(module)
    assert code == 0, f"{module.relative_to(ROOT)} failed:\n{stderr}"
    assert stdout.strip(), f"{module.relative_to(ROOT)} printed nothing"
    unexpected = unexpected_stderr(stderr, shown_on_page(module))
    assert not unexpected, (
        f"{module.relative_to(ROOT)} wrote to stderr what its page does not show:\n"
        + "\n".join(unexpected)
        + "\nfix: show the warning on the page (tools/pages.py prints it in the output block), "
        "or stop the code from raising it"
    )


def test_unexpected_stderr_is_caught():
    shown = "tensor([1.])\nUserWarning: shown on purpose"
    stderr = (
        "/a/b.py:3: UserWarning: shown on purpose\n  warnings.warn('shown on purpose')\n"
        "/a/b.py:9: DeprecationWarning: not shown\n  old()\n"
        "some other message\n"
    )
    assert unexpected_stderr(stderr, shown) == [
        "/a/b.py:9: DeprecationWarning: not shown",
        "  old()",
        "some other message",
    ]
