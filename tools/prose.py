"""What a page says in words: its prose, read with markdown-it-py, each piece where it stands.

    spans(path, text)      # every piece of prose: running text, inline code, maths, headings...
    readable(path, text)   # the page with all but its prose blanked (offsets and lines kept)

One reader for every check of prose (the stated values of tools/claims.py, the terms of
tools/terms.py, the spelling of tools/spelling.py, the glossary's first uses), so they agree on
what is prose. Pages are Python-Markdown with Material's extensions; markdown-it-py reads them as
CommonMark with the plugins for what the site uses: front matter, admonitions (`!!!`, `???`),
`$…$` maths and tables. Each piece keeps its offsets in the page (for `make update-outputs`,
which rewrites quoted numbers in place) and the section it belongs to: the text under a heading,
or one item of a list whose items show code (an exercise and its solution).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from tools.pages import PageError

# Kinds of span. Running text includes table cells, list items and admonition bodies.
TEXT, LINK, ALT, CODE, MATH, HEADING, TITLE, DESCRIPTION, HTML, COMMENT = (
    "text",
    "link",  # the text of a link
    "alt",  # an image's alternative text
    "code",  # inline code
    "math",  # $…$ or $$…$$
    "heading",
    "title",  # an admonition's title
    "description",  # the front matter's description
    "html",  # text between the tags of an HTML block (a table written in HTML)
    "comment",  # an HTML comment: not shown, but it may carry markup (tools/claims.py)
)
# What a reader reads: spelling and terms check these (inline code, comments are not prose).
READ = frozenset({TEXT, LINK, ALT, MATH, HEADING, TITLE, DESCRIPTION, HTML})
# Tags inside a block of HTML that do not end it (a table cell's <code> or <em>).
INLINE_TAGS = frozenset({"a", "abbr", "b", "br", "code", "em", "i", "kbd", "small", "span"})
INLINE_TAGS |= {"strong", "sub", "sup"}
HEADING_ATTRS = re.compile(r"\s*\{[:\s]*[#.][^}\n]*\}\s*$")  # `## Title { #anchor }`
# The end of a link or image, after its text: `](address "title")` or `][reference]`.
LINK_END = re.compile(r'\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)|\]\[[^\]]*\]|\]')


@dataclass(frozen=True)
class Span:
    kind: str
    text: str  # as written in the page (escapes included)
    start: int  # offsets in the page
    end: int
    line: int  # 1-based
    section: str  # "by-hand" (a heading's anchor, or its number), "exercises/2" (a list item)
    # The block it stands in, numbered in page order: a paragraph, a heading, one table cell, a
    # list item's paragraph, an admonition's title, the description. Its spans read as one text.
    block: int = 0


@dataclass(frozen=True)
class Section:
    key: str
    line: int  # where it starts
    title: str
    fences: tuple[int, ...] = ()  # the lines of its code and output blocks


@cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    md.use(front_matter_plugin).use(admon_plugin)
    md.use(attrs_plugin)  # attr_list after a link, `[Start](…){ .md-button }`: not prose
    return md.use(dollarmath_plugin, allow_space=True, allow_digits=True, double_inline=True)


class Locator:
    """Finds each token's text in the page, in order: markdown-it gives lines, not columns."""

    def __init__(self, path: Path, text: str) -> None:
        self.path, self.text = path, text
        self.lines = [0]
        for found in re.finditer("\n", text):
            self.lines.append(found.end())
        self.cursor = 0

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.lines, offset)

    def at_line(self, line: int) -> None:
        """Move to the start of a 0-based line (a block's first line), never backwards."""
        self.cursor = max(self.cursor, self.lines[min(line, len(self.lines) - 1)])

    def find(self, content: str) -> tuple[int, int]:
        start = self.text.find(content, self.cursor)
        if start >= 0:
            self.cursor = start + len(content)
            return start, self.cursor
        # Escapes (`\*`), entities (`&amp;`) and line breaks are read as other characters.
        pattern = "".join(
            r"\s+" if char.isspace() else rf"(?:\\?{re.escape(char)}|&#?\w+;)" for char in content
        )
        found = re.compile(pattern).search(self.text, self.cursor)
        if not found:
            line = self.line_of(self.cursor)
            raise PageError(
                self.path,
                line,
                f"cannot locate the prose {content!r} in the page (tools/prose.py)",
                "write it without HTML entities, or report the construct as a tools/prose.py bug",
            )
        self.cursor = found.end()
        return found.span()

    def skip_past(self, literal: str) -> None:
        found = self.text.find(literal, self.cursor)
        if found >= 0:
            self.cursor = found + len(literal)

    def skip(self, pattern: re.Pattern) -> None:
        found = pattern.search(self.text, self.cursor)
        if found:
            self.cursor = found.end()


def sections(path: Path, text: str) -> list[Section]:
    """The page's sections in order (see `spans`): first what precedes the title (the front
    matter), then the title's, then one per heading and per list item that shows code."""
    return list(_read(path, text)[1])


def spans(path: Path, text: str) -> list[Span]:
    """Every piece of prose of the page, in order."""
    return list(_read(path, text)[0])


@cache
def _cached(path: Path, text: str) -> tuple[tuple[Span, ...], tuple[Section, ...]]:
    found, parts = _parse(path, text)
    return tuple(found), tuple(parts)


def _read(path: Path, text: str) -> tuple[tuple[Span, ...], tuple[Section, ...]]:
    return _cached(Path(path), text)


def _parse(path: Path, text: str) -> tuple[list[Span], list[Section]]:
    tokens = parser().parse(text)
    where = Locator(path, text)
    found: list[Span] = []
    parts = [Section("", 1, "")]
    heading: str = ""
    item_depth = 0  # how deep inside a list item that is a section of its own
    items = 0
    kind_stack: list[str] = []
    fences: dict[str, list[int]] = {}
    number = 0  # of the block being read

    def add(kind: str, start: int, end: int) -> None:
        if start >= end:
            return
        last = found[-1] if found else None
        joined = last and last.kind == kind == TEXT and last.block == number
        if joined and not text[last.end : start].strip(" \t\n>"):  # a line break: one text
            found[-1] = Span(
                kind, text[last.start : end], last.start, end, last.line, last.section, number
            )
            return
        line = where.line_of(start)
        found.append(Span(kind, text[start:end], start, end, line, parts[-1].key, number))

    for index, token in enumerate(tokens):
        if token.map:
            where.at_line(token.map[0])
        if token.type in ("front_matter", "math_block", "html_block", "inline"):
            number += 1
        if token.type == "front_matter":
            description = front_description(text)
            if description:
                add(DESCRIPTION, *description)
            where.at_line(token.map[1])
        elif token.type == "heading_open":
            inline = tokens[index + 1]
            anchor = re.search(r"#([\w-]+)", inline.content)
            heading = anchor[1] if anchor else str(len(parts))
            title = HEADING_ATTRS.sub("", inline.content)
            parts.append(Section(heading, token.map[0] + 1, title))
            items = 0
            kind_stack.append(HEADING)
        elif token.type == "heading_close":
            kind_stack.pop()
        elif token.type == "admonition_title_open":
            kind_stack.append(TITLE)
        elif token.type == "admonition_title_close":
            kind_stack.pop()
        elif token.type == "list_item_open":
            if item_depth:
                item_depth += 1
            elif shows_code(tokens, index):
                items += 1
                item_depth = 1
                parts.append(Section(f"{heading}/{items}", token.map[0] + 1, heading))
        elif token.type == "list_item_close" and item_depth:
            item_depth -= 1
            if not item_depth:  # back in the heading's own section
                previous = next(p for p in reversed(parts) if p.key == heading)
                parts.append(Section(heading, previous.line, previous.title))
        elif token.type == "fence":
            fences.setdefault(parts[-1].key, []).append(token.map[0] + 1)
            where.at_line(token.map[1])
        elif token.type == "math_block":
            start, end = where.find(token.content.strip())
            add(MATH, start, end)
        elif token.type == "html_block":
            # Its source lines as written: token.content loses a list item's indentation.
            where.at_line(token.map[0])
            block_start = where.cursor
            block_end = where.lines[token.map[1]] if token.map[1] < len(where.lines) else len(text)
            inside_code = False
            block = text[block_start:block_end]
            for piece in re.finditer(r"<!--.*?-->|<[^>]*>|[^<]+", block, re.DOTALL):
                chunk = piece.group()
                start, end = block_start + piece.start(), block_start + piece.end()
                if chunk.startswith("<!--"):
                    add(COMMENT, start, end)
                elif chunk.startswith("<"):
                    tag = re.match(r"</?\s*([a-zA-Z][\w-]*)", chunk)
                    number += bool(tag) and tag[1].lower() not in INLINE_TAGS
                    inside_code = chunk.lower() == "<code>" or (
                        inside_code and chunk.lower() != "</code>"
                    )
                elif chunk.strip():
                    lead = len(chunk) - len(chunk.lstrip())
                    add(CODE if inside_code else HTML, start + lead, start + len(chunk.rstrip()))
            where.cursor = block_end
        elif token.type == "inline":
            inline_spans(token, kind_stack[-1] if kind_stack else TEXT, where, add)
    return found, merge(parts, fences)


def merge(parts: list[Section], fences: dict[str, list[int]]) -> list[Section]:
    """One entry per section key (a heading's text resumes after its exercises' list)."""
    seen: dict[str, Section] = {}
    for part in parts:
        lines = tuple(fences.get(part.key, ()))
        seen.setdefault(part.key, Section(part.key, part.line, part.title, lines))
    return list(seen.values())


def shows_code(tokens, index: int) -> bool:
    """Whether the list item opened at `index` holds a code block (an exercise's solution)."""
    depth = 0
    for token in tokens[index:]:
        depth += token.nesting
        if token.type == "fence":
            return True
        if depth == 0:
            return False
    return False


def inline_spans(token, kind: str, where: Locator, add) -> None:
    link = False
    for child in token.children or []:
        if child.type == "text":
            start, end = where.find(child.content)
            if kind == HEADING:  # the anchor is not prose
                trimmed = HEADING_ATTRS.search(where.text, start, end)
                end = trimmed.start() if trimmed and trimmed.end() == end else end
            add(LINK if link and kind == TEXT else kind, start, end)
        elif child.type == "code_inline":
            where.skip_past(child.markup)
            start = where.cursor
            close = where.text.find(child.markup, start)
            add(CODE, start, close)
            where.cursor = close + len(child.markup)
        elif child.type in ("math_inline", "math_inline_double"):
            start, end = where.find(child.markup + child.content + child.markup)
            add(MATH, start + len(child.markup), end - len(child.markup))
        elif child.type == "html_inline" and child.content.startswith("<!--"):
            add(COMMENT, *where.find(child.content))
        elif child.type == "html_inline":
            where.find(child.content)
        elif child.type == "link_open":
            link = True
        elif child.type == "link_close":
            link = False
            where.skip(LINK_END)
        elif child.type == "image":
            where.skip_past("![")
            for alt in child.children or []:
                if alt.type == "text":
                    add(ALT, *where.find(alt.content))
            where.skip(LINK_END)


def front_description(text: str) -> tuple[int, int] | None:
    """Offsets of the front matter's `description:` value, without its quotes."""
    front = re.match(r"^---\n(.*?)\n---\n", text, re.DOTALL)
    if not front:
        return None
    found = re.search(r"^description:[ \t]*(.*)$", front.group(1), re.MULTILINE)
    if not found:
        return None
    start, end = front.start(1) + found.start(1), front.start(1) + found.end(1)
    raw = text[start:end]
    if raw[:1] in "\"'" and raw[-1:] == raw[:1]:
        start, end = start + 1, end - 1
    try:
        yaml.safe_load(raw)
    except yaml.YAMLError:
        return None  # tools/pages.py reports front matter that does not parse
    return start, end


def readable(path: Path, text: str, kinds: frozenset[str] = READ) -> str:
    """The page with everything but the spans of `kinds` blanked; offsets and lines unchanged."""
    kept = [" "] * len(text)
    for found in re.finditer("\n", text):
        kept[found.start()] = "\n"
    for span in spans(path, text):
        if span.kind in kinds:
            kept[span.start : span.end] = text[span.start : span.end]
    return "".join(kept)


@dataclass(frozen=True)
class Image:
    alt: str
    src: str
    line: int


def images(text: str) -> list[Image]:
    """Every image of the page, written in Markdown (`![alt](src)`) or in HTML (`<img>`)."""
    found = []
    for token in parser().parse(text):
        if token.type == "inline":
            found += [
                Image(child.content, child.attrs.get("src", ""), token.map[0] + 1)
                for child in token.children or []
                if child.type == "image"
            ]
        if token.type in ("html_block", "inline"):
            for tag in re.finditer(r"<img\b[^>]*>", token.content):
                alt = re.search(r'\balt="([^"]*)"', tag.group())
                src = re.search(r'\bsrc="([^"]*)"', tag.group())
                line = token.map[0] + 1 + token.content.count("\n", 0, tag.start())
                found.append(Image(alt[1] if alt else "", src[1] if src else "", line))
    return found
