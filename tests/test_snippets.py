"""Every snippet module runs on its own, as `python snippets/<lang>/lessons/<page>.py`, prints
what its page shows, in order, and writes nothing to stderr but the warnings its page shows.

What a module run alone prints is compared with its page's output blocks, joined in page order,
as a reader running the file would see them: an error the page shows as a traceback is caught
outside the section markers and printed as its last line (`RuntimeError: message`, the class
without its module: `GradcheckError: ...` for `torch.autograd.gradcheck.GradcheckError`); a warning
goes to stderr, so it is left out of stdout (the stderr check below asks that the page shows it).
Blank lines are not compared: an error message caught outside the markers may end with one.
"""

import re
from pathlib import Path

import pytest

from tools.forked import Forker
from tools.pages import DOCS, ROOT, TRACEBACK_HEADER, Expander, display, elide_frames, parse_page

MODULES = sorted((ROOT / "snippets").rglob("*.py"))
# Python shows a warning as "file:line: Category: message", then the line of code, indented.
WARNING = re.compile(r"^.+:\d+: (?P<warning>\w+Warning: .*)$")
SHOWN_WARNING = re.compile(r"^\w+Warning: ")
FIXTURES = Path(__file__).parent / "fixtures"


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


def standalone_output(page: Path, expander: Expander | None = None) -> str:
    """What the page's module prints when run alone, according to the page (see above)."""
    shown = []
    for example in parse_page(page, expander=expander).examples:
        if example.output is None:
            continue
        lines = elide_frames(example.output.body).splitlines()
        if TRACEBACK_HEADER in lines:  # caught outside the markers: its last line is printed
            head = lines.index(TRACEBACK_HEADER)
            error = re.sub(r"^(?:\w+\.)+(?=\w+:)", "", lines[head + 2])  # the class's own name
            lines = [*lines[:head], error, *lines[head + 3 :]]
        shown += [line for line in lines if not SHOWN_WARNING.match(line)]
    return "\n".join(shown)


def standalone_problems(module: Path, stdout: str, page: Path, expander=None) -> list[str]:
    """The first place where the module run alone prints something other than its page shows."""
    expected = [line for line in standalone_output(page, expander).splitlines() if line.strip()]
    printed = [line for line in stdout.splitlines() if line.strip()]
    if expected == printed:
        return []
    first = next(
        (i for i, (a, b) in enumerate(zip(expected, printed, strict=False)) if a != b),
        min(len(expected), len(printed)),
    )
    return [
        f"{display(module)}: run alone, its printed line {first + 1} (blank lines aside) is "
        f"{printed[first] if first < len(printed) else 'missing'!r}, where {display(page)} shows "
        f"{expected[first] if first < len(expected) else 'nothing more'!r} (its output blocks in "
        "order)\n  fix: keep the code outside the section markers from changing what the page "
        'shows (print an error caught there as `print(f"RuntimeError: {error}")`), and show '
        "the sections on the page in the module's order"
    ]


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
    page = DOCS / module.relative_to(ROOT / "snippets").with_suffix(".md")
    assert standalone_problems(module, stdout, page) == []
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


def test_a_module_that_prints_other_values_alone_fails(forker, tmp_path):
    """M35: code outside the markers changes what the module prints after it."""
    module = FIXTURES / "snippets" / "en" / "lessons" / "demo.py"
    page = FIXTURES / "docs" / "en" / "lessons" / "demo.md"
    expander = Expander(FIXTURES / "snippets")
    code, stdout, _ = forker.run(module)
    assert code == 0
    assert standalone_problems(module, stdout, page, expander) == []
    changed = tmp_path / "demo.py"
    text = module.read_text(encoding="utf-8")
    marker = "# --8<-- [start:quiet]"
    changed.write_text(text.replace(marker, f"values.mul_(2)\n\n{marker}"), encoding="utf-8")
    code, stdout, _ = forker.run(changed)
    [problem] = standalone_problems(changed, stdout, page, expander)
    assert problem.startswith(
        f"{changed}: run alone, its printed line 3 (blank lines aside) is 'tensor(4.)', where "
        "tests/fixtures/docs/en/lessons/demo.md shows 'tensor(2.)' (its output blocks in order)"
    )
    assert "\n  fix: keep the code outside the section markers" in problem
