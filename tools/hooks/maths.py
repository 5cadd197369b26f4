"""Formulas become MathML when the site is built, which browsers render natively: no maths script
or font is fetched at page load, and pages work offline. pymdownx.arithmatex (generic mode) marks
them; each distinct formula is converted once per build (both languages show it)."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

REPOSITORY = str(Path(__file__).resolve().parents[2])
if REPOSITORY not in sys.path:  # MkDocs loads a hook by its path (tools/hooks/__init__.py)
    sys.path.insert(0, REPOSITORY)

from latex2mathml.converter import convert
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from tools.hooks.i18n import outermost

# pymdownx.arithmatex (generic mode) wraps $...$ as \(...\) and $$...$$ as \[...\].
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>',
    re.DOTALL,
)
DISPLAY = {"[": "block", "(": "inline"}
RELATION = re.compile(r"\\(?:approx|neq|leq|geq|le|ge|to)(?![A-Za-z])|[=<>]")
UNBREAKABLE = re.compile(r"\\(?:left|right|begin|end|big|Big)")

CONVERTED: dict[tuple[str, str], str] = {}  # (TeX, display) -> MathML, for one build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if outermost(config):
        CONVERTED.clear()
    return config


@event_priority(100)  # before the search plugin reads the page
def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    def replace(found: re.Match) -> str:
        tex, display = html.unescape(found["tex"]), DISPLAY[found["open"]]
        try:
            return mathml(tex, display)
        except Exception as error:
            message = f"{page.file.src_uri}: cannot render formula {tex!r}: {error}"
            raise PluginError(message) from error

    return MATH.sub(replace, html_text)


def marked(tex: str) -> str:
    """An inline formula in HTML a hook writes (tools/hooks/walk_figures.py), marked as
    pymdownx.arithmatex marks `$tex$` on a page, for on_page_content to convert."""
    return f'<span class="arithmatex">\\({html.escape(tex)}\\)</span>'


def mathml(tex: str, display: str) -> str:
    if display == "block":  # scrolls sideways on a narrow screen, as code does
        return f'<div class="math-display">{converted(tex, display)}</div>'
    # A browser never breaks a line inside a formula: a long one is cut where TeX would break
    # it, before each top-level relation, with a line break opportunity there.
    return "<wbr>".join(converted(part, display) for part in relation_parts(tex))


def converted(tex: str, display: str) -> str:
    if (tex, display) not in CONVERTED:
        CONVERTED[tex, display] = convert(tex, display=display)
    return CONVERTED[tex, display]


def relation_parts(tex: str) -> list[str]:
    """`a = b + c = d` -> ["a", "= b + c", "= d"]: cut before each relation outside braces."""
    if UNBREAKABLE.search(tex):
        return [tex]
    parts, start, depth = [], 0, 0
    for index, char in enumerate(tex):
        depth += {"{": 1, "}": -1}.get(char, 0)
        cut = depth == 0 and tex[start:index].strip() and tex[index - 1] != "\\"
        if cut and RELATION.match(tex, index):
            parts.append(tex[start:index])
            start = index
    parts.append(tex[start:])
    return parts
