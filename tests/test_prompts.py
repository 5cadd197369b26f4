"""The home page tells readers where to paste the lessons' blocks, and every block pastes there.

Jupyter, IPython and the interactive interpreter of Python 3.13 and later take a pasted block
whole, as the doc tests run it. The classic interpreter (Python 3.12 and older) reads a paste a
line at a time and ends a class or function at its first blank line: a block with blank lines
inside a body fails there with IndentationError, and the home page must not send readers there.
"""

from __future__ import annotations

import ast
import codeop
import contextlib
import io
import sys
import warnings

import pytest

from tools import prompts
from tools.page_checks import CHECKS
from tools.pages import DOCS, LANGUAGES, parse_page

LESSONS = sorted((DOCS / LANGUAGES[0] / "lessons").glob("*.md"))


def blocks(lesson) -> list[tuple[str, str]]:
    """(where, code) of each code block of a lesson, its includes expanded."""
    page = parse_page(lesson)
    return [
        (f"{lesson.relative_to(DOCS)}:{example.code.line}", piece_code(example))
        for example in page.examples
    ]


def piece_code(example) -> str:
    return "\n".join(piece.code for piece in example.pieces)


def classic_prompt_error(code: str) -> str | None:
    """What the classic interpreter says when `code` is pasted into it, line by line: it runs a
    statement as soon as it is complete, and a blank line completes a compound one (codeop is
    what it compiles with). Only compiled, never run."""
    compile_line = codeop.CommandCompiler()
    pending: list[str] = []
    for line in [*code.splitlines(), ""]:
        if not pending and not line.strip():
            continue
        pending.append(line)
        try:
            complete = compile_line("\n".join(pending), "<stdin>", "single")
        except SyntaxError as error:
            return f"{type(error).__name__}: {error.msg} at {line.strip()[:40]!r}"
        if complete is not None:
            pending = []
    return None


def whole_block_error(code: str) -> str | None:
    try:
        compile(code, "<cell>", "exec")
    except SyntaxError as error:
        return f"{type(error).__name__}: {error.msg}"
    return None


def home_page(lang: str, change=None):
    path = DOCS / lang / "index.md"
    text = path.read_text(encoding="utf-8")
    return parse_page(path, change(text) if change else text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_sends_readers_to_prompts_that_take_a_block_whole(lang):
    # The home page's own doc test runs it: `docs/es/index.md::prompts`.
    assert CHECKS["prompts"] is prompts.problems
    assert prompts.problems(home_page(lang)) == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda text: text.replace("`python3.13`", "Python 3.13"), "no longer names `python3.13`"),
        (lambda text: text.replace("IPython", "IPy"), "no longer names IPython"),
        (lambda text: text.replace("`python3.13`", "`python`"), "classic `python` prompt"),
        (lambda text: text.replace("{ #setup }", "{ #install }"), "no section"),
    ],
)
def test_a_home_page_naming_the_wrong_prompts_fails(lang, change, named):
    found = prompts.problems(home_page(lang, change))
    assert any(named in problem and "docs/" + lang + "/index.md" in problem for problem in found)
    assert all("fix:" in problem for problem in found)


def test_only_the_home_page_is_checked_for_prompts():
    lesson = LESSONS[0]
    text = lesson.read_text(encoding="utf-8") + "\n## Setup { #setup }\n\nUse `python`.\n"
    assert prompts.problems(parse_page(lesson, text)) == []


def test_every_block_pastes_whole():
    problems = [
        f"{where}: {error}"
        for lesson in LESSONS
        for where, code in blocks(lesson)
        if (error := whole_block_error(code))
    ]
    assert problems == []


def classic_failures() -> list[str]:
    return [
        f"{where}: {error}"
        for lesson in LESSONS
        for where, code in blocks(lesson)
        if (error := classic_prompt_error(code))
    ]


def repl_echoes(code: str, namespace: dict) -> list[str]:
    """What Python 3.13's interpreter shows of `code` pasted whole, beyond what it prints: it
    runs every statement but the last as a module, the last as interactive input, which shows
    the value of each expression statement in it (CPython's Lib/_pyrepl/console.py, runsource;
    this machine's Python is older, so the rule is copied, not run). Runs the code."""
    tree = ast.parse(code)
    shown: list[str] = []
    hook = sys.displayhook
    sys.displayhook = lambda value: value is None or shown.append(repr(value))
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for statement in tree.body:
                last = statement is tree.body[-1]
                wrapper = ast.Interactive([statement]) if last else ast.Module([statement], [])
                exec(compile(wrapper, "<input>", "single" if last else "exec"), namespace)
    except Exception:  # a block that fails on purpose stops there, as in the interpreter
        pass
    finally:
        sys.displayhook = hook
    return shown


def repl_echoes_by_block() -> dict[str, tuple[ast.stmt, list[str]]]:
    """Each lesson block that Python 3.13's interpreter shows more of: its last statement and
    what it shows. A lesson's blocks run in order, in one namespace, as the reader pastes them."""
    found = {}
    for lesson in LESSONS:
        namespace = {"__name__": "__main__"}
        for where, code in blocks(lesson):
            if shown := repl_echoes(code, namespace):
                found[where] = (ast.parse(code).body[-1], shown)
    return found


def test_the_interpreter_shows_more_only_where_the_home_page_says():
    # docs/<lang>/index.md#setup: only a block ending in a `for` loop or a `with` block shows
    # more in the interpreter, like `tensor([0., 0., 0., 0.])` after accumulation's zero_().
    echoes = repl_echoes_by_block()
    elsewhere = [
        where for where, (last, _) in echoes.items() if not isinstance(last, ast.For | ast.With)
    ]
    assert elsewhere == [], "these blocks show more in the interpreter; update the home page"
    [(_, shown)] = [echo for where, echo in echoes.items() if "accumulation.md" in where]
    assert shown == ["tensor([0., 0., 0., 0.])"] * 3
    for lang in LANGUAGES:
        assert "`tensor([0., 0., 0., 0.])`" in prompts.setup_section(home_page(lang).text)


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("x = 2\nx\nx + 1\n", ["3"]),  # only the last statement shows its value
        ("for i in range(2):\n    i\n", ["0", "1"]),
        ("with contextlib.nullcontext():\n    7\n    None\n", ["7"]),
        ("x = 1\nprint(x)\n", []),
        ("1 / 0\n5\n", []),  # stops at the error, as the block's own output shows
    ],
)
def test_the_interpreter_is_simulated_as_it_shows_values(code, shown):
    assert repl_echoes(code, {"contextlib": contextlib}) == shown


def test_the_classic_prompt_rejects_what_the_home_page_warns_of():
    # The reason the home page names other prompts: some blocks cannot be pasted into the
    # classic one. If none remained, the home page could say `python` again.
    failures = classic_failures()
    # docs/<lang>/index.md#setup names both ways a block fails there.
    assert any("IndentationError: unexpected indent" in failure for failure in failures)
    assert any("SyntaxError: invalid syntax" in failure for failure in failures)


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("class A:\n    x = 1\n\n    def f(self):\n        return 1\n", "IndentationError"),
        ("for i in range(2):\n    print(i)\nprint('done')\n", "SyntaxError"),
        ("def f():\n    return 1\n\n\nprint(f())\n", None),
        ("x = 1\n\ny = 2\n", None),
    ],
)
def test_the_classic_prompt_is_simulated_as_it_behaves(code, error):
    found = classic_prompt_error(code)
    assert (found is None) == (error is None), found
    assert (found or "").startswith(error or ""), found
