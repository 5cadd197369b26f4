"""A code comment that wraps on a narrow screen goes on under its own start, not at the block's
left edge, where it would read as code at the wrong indentation (a MkDocs hook, mkdocs.yml
`hooks:`).

The stylesheet wraps comments (a phone scrolls sideways for code alone). CSS can't know where on
its line an inline element starts, so this hook writes each comment's column into it
(`style="--column: 8"`), and the stylesheet makes the comment a box as wide as the rest of the
line: its lines then start where its first line starts.
"""

from __future__ import annotations

import html
import re

PRE = re.compile(r"(?P<open><pre\b[^>]*>)(?P<code>.*?)</pre>", re.DOTALL)
PIECE = re.compile(r"<[^>]*>|[^<]+")
COMMENT = re.compile(r'<span class="(?:c|c1|ch|cm|cs)">')  # Pygments' comment classes


def with_columns(code: str) -> str:
    """The highlighted HTML of a code block, each comment that starts after column 0 marked
    with its column: the characters before it on its line."""
    pieces, column = [], 0
    for piece in PIECE.findall(code):
        if piece.startswith("<"):
            if column and COMMENT.fullmatch(piece):
                piece = f'{piece[:-1]} style="--column: {column}">'
        else:
            text = html.unescape(piece)
            line_start = text.rfind("\n") + 1
            column = len(text) - line_start if line_start else column + len(text)
        pieces.append(piece)
    return "".join(pieces)


def on_page_content(content, page, config, files):
    return PRE.sub(lambda m: m["open"] + with_columns(m["code"]) + "</pre>", content)
