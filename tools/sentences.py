"""The sentences of a page's prose, for checks of how it is written (tools/colons.py).

What a sentence is here:
- each block of prose (tools/prose.py's `block`: a paragraph, a heading, a list item's
  paragraph, one table cell, an admonition's title, the description) is read on its own, so a
  list item or a table cell is at least one sentence of its own, never part of the one before;
- inside a block, a sentence ends at `.`, `?`, `!` or `…` (and any closing quotes or brackets
  after it) followed by a space and what can start a sentence: a capital letter, `¿`, `¡`, an
  opening quote or bracket, a digit, or code or maths (`x.grad` ... written in backticks);
- only prose is kept: inline code, maths, link addresses, HTML comments and heading anchors are
  not text, so their colons and full stops (`x[:, 0]`, `$a:b$`, `x.grad`) are nobody's. Each
  stands in the sentence as one `CODE` mark, so a sentence may start with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tools import prose

CODE = "\N{OBJECT REPLACEMENT CHARACTER}"  # where code or maths stood, inside a sentence
# What a sentence is made of: link texts are titles of other pages, read as names (see
# tools/colons.py); everything else a reader reads, maths and inline code aside.
PROSE = prose.READ - {prose.MATH}
END = re.compile(
    rf"""[.?!…]["'”»)\]*_]*      # the end of a sentence, with what closes after it
    (?=\s+[¿¡«"“'(\[*_]*[\w{CODE}])  # then a space and the start of the next one""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Sentence:
    text: str  # the prose as written, line breaks included, code and maths each a CODE mark
    line: int  # where it starts, 1-based
    kinds: tuple[tuple[int, str], ...]  # (offset in text, kind of span) where each piece starts

    @property
    def shown(self) -> str:
        """The sentence on one line, as a message quotes it."""
        return " ".join(self.text.replace(CODE, "`…`").split())

    def kind_at(self, offset: int) -> str:
        """The kind of span (tools/prose.py) the character at `offset` of the text comes from."""
        found = prose.TEXT
        for start, kind in self.kinds:  # in order; a piece may start before the sentence
            if start > offset:
                break
            found = kind
        return found


def blocks(path: Path, text: str) -> list[list[prose.Span]]:
    """The page's spans of prose grouped by block, in order."""
    grouped: dict[int, list[prose.Span]] = {}
    for span in prose.spans(path, text):
        if span.kind in PROSE or span.kind in (prose.CODE, prose.MATH):
            grouped.setdefault(span.block, []).append(span)
    return list(grouped.values())


def sentences(path: Path, text: str) -> list[Sentence]:
    """Every sentence of the page's prose, in order."""
    found: list[Sentence] = []
    for spans in blocks(path, text):
        if all(span.kind in (prose.CODE, prose.MATH) for span in spans):
            continue  # a block of code or maths only: no sentence
        joined, kinds, lines, previous = "", [], [], None
        for span in spans:
            piece = CODE if span.kind in (prose.CODE, prose.MATH) else span.text
            between = text[previous.end : span.start] if previous else ""
            gap = " " if re.search(r"\s", between) else ""  # markup between: `, $, ](…)
            previous = span
            kinds.append((len(joined) + len(gap), span.kind))
            lines.append((len(joined) + len(gap), span.line, span.start))
            joined += gap + piece
        found += split(joined, kinds, lines, text)
    return found


def split(joined: str, kinds: list, lines: list, text: str) -> list[Sentence]:
    """A block's text cut into sentences, each with its line in the page."""
    found, start = [], 0
    for end in [found_end.end() for found_end in END.finditer(joined)] + [len(joined)]:
        piece = joined[start:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            at = start + lead
            found.append(
                Sentence(
                    piece.strip(),
                    line_at(at, lines, joined, text),
                    tuple((offset - at, kind) for offset, kind in kinds if offset <= end),
                )
            )
        start = end
    return found


def line_at(offset: int, lines: list, joined: str, text: str) -> int:
    """The page line of the character at `offset` of a block's joined text."""
    line = lines[0][1]
    for start, span_line, span_start in lines:
        if start > offset:
            break
        line = span_line + text.count("\n", span_start, span_start + offset - start)
    return line
