"""The home page's setup section sends readers to prompts that take a pasted block whole.

Jupyter, IPython and the interactive interpreter of Python 3.13 and later take a pasted block
whole, as the doc tests run it. The classic interpreter (Python 3.12 and older) reads a paste a
line at a time and ends a class or function at its first blank line, so the home page names the
others and never the bare `python` prompt (tests/test_prompts.py shows which blocks fail there).
A check of the home page (tools/page_checks.py), so `make check`'s page tests and an edit of
index.md alone catch it: `docs/es/index.md::prompts`.
"""

from __future__ import annotations

import re

from tools.pages import DOCS, Page, display

# What the home page's setup section names, in both languages, as where to paste the blocks.
WHOLE_BLOCK_PROMPTS = ("Jupyter", "IPython", "`python3.13`")
SETUP_ANCHOR = "{ #setup }"
CLASSIC_PROMPT = re.compile(r"`python`")


def setup_section(text: str) -> str | None:
    """The setup section of a home page's Markdown, up to the next heading of its level."""
    if SETUP_ANCHOR not in text:
        return None
    return text.split(SETUP_ANCHOR, 1)[1].split("\n## ", 1)[0]


def is_home_page(page: Page) -> bool:
    return page.lang is not None and page.path.resolve() == (DOCS / page.lang / "index.md")


def problems(page: Page) -> list[str]:
    """The home page's setup section names every prompt that takes a block whole, and not the
    classic `python` one."""
    if not is_home_page(page):
        return []
    where = display(page.path)
    setup = setup_section(page.text)
    if setup is None:
        return [f"{where}: no section `{SETUP_ANCHOR}`\n  fix: keep the setup section's anchor"]
    found = []
    missing = [prompt for prompt in WHOLE_BLOCK_PROMPTS if prompt not in setup]
    if missing:
        found.append(
            f"{where}, section #setup, no longer names {', '.join(missing)}\n  fix: name every "
            f"prompt that takes a pasted block whole: {', '.join(WHOLE_BLOCK_PROMPTS)}"
        )
    if CLASSIC_PROMPT.search(setup):
        found.append(
            f"{where}, section #setup, sends readers to the classic `python` prompt, which ends a "
            "function at its first blank line\n  fix: name `python3.13` (or Jupyter, IPython) "
            "instead; tests/test_prompts.py lists the blocks that fail in the classic prompt"
        )
    return found
