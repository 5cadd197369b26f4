"""The page check `colons`: at most one colon per sentence, in both languages (STYLE.md).

A sentence is tools/sentences.py's: a list item, a table cell, a heading and the description
are sentences of their own, and code, maths, link addresses and heading anchors are not prose.
Colons that are not punctuation do not count either: between digits (a ratio, a time, `1:2`),
in an address (`https://`), or inside a link's text, which names another page by its title
("see [Gradients accumulate: `grad.zero_()`](accumulation.md)").
"""

from __future__ import annotations

import re

from tools import prose
from tools.pages import Page, display
from tools.sentences import Sentence, sentences

MOST = 1
COLON = re.compile(r"(?<!\d):(?!//)|:(?!\d|//)")  # not between digits, not in an address
SHOWN = 160  # characters of the sentence a message quotes


def colons(sentence: Sentence) -> list[int]:
    """Where the sentence's punctuation colons are (offsets in its text)."""
    return [
        found.start()
        for found in COLON.finditer(sentence.text)
        if sentence.kind_at(found.start()) != prose.LINK
    ]


def problems(page: Page) -> list[str]:
    found = []
    for sentence in sentences(page.path, page.text):
        count = len(colons(sentence))
        if count > MOST:
            shown = sentence.shown
            shown = shown if len(shown) <= SHOWN else shown[: SHOWN - 1] + "…"
            found.append(
                f"{display(page.path)}:{sentence.line}: a sentence with {count} colons: "
                f"«{shown}»\n  fix: at most one colon per sentence (STYLE.md); end the sentence "
                "at one of them with a full stop, or make one a comma or a semicolon"
            )
    return found
