"""The home page tells readers where to paste the lessons' blocks, and every block pastes there.

Jupyter, IPython and the interactive interpreter of Python 3.13 and later take a pasted block
whole, as the doc tests run it. The classic interpreter (Python 3.12 and older) reads a paste a
line at a time and ends a class or function at its first blank line: a block with blank lines
inside a body fails there with IndentationError, and the home page must not send readers there.
"""

from __future__ import annotations

import codeop
import re

import pytest

from tools.pages import DOCS, LANGUAGES, parse_page

LESSONS = sorted((DOCS / LANGUAGES[0] / "lessons").glob("*.md"))
# What the home page's setup section names, in both languages, as where to paste the blocks.
WHOLE_BLOCK_PROMPTS = ["Jupyter", "IPython", "`python3.13`"]


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


def setup_section(lang: str) -> str:
    text = (DOCS / lang / "index.md").read_text(encoding="utf-8")
    return text.split("{ #setup }", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_sends_readers_to_prompts_that_take_a_block_whole(lang):
    setup = setup_section(lang)
    missing = [prompt for prompt in WHOLE_BLOCK_PROMPTS if prompt not in setup]
    assert not missing, f"docs/{lang}/index.md, section #setup, no longer names {missing}"
    assert not re.search(r"`python`", setup), (
        f"docs/{lang}/index.md sends readers to the classic `python` prompt, where "
        f"{len(classic_failures())} blocks fail; name the prompts that take a block whole"
    )


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


def test_the_classic_prompt_rejects_what_the_home_page_warns_of():
    # The reason the home page names other prompts: some blocks cannot be pasted into the
    # classic one. If none remained, the home page could say `python` again.
    assert classic_failures(), "every block now pastes into the classic prompt"


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
