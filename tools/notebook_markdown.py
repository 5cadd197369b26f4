"""A lesson's Markdown as a notebook's Markdown cells: what Jupyter and Colab can show.

MkDocs' additions go (front matter, heading attributes, the exercises' marks); an admonition
becomes its bold title; relative links become absolute, so they work wherever the notebook is
opened.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from unittest import mock

from tools.exercises import ADMONITION, MARK
from tools.languages import DEFAULT
from tools.pages import Page, site_config

HEADING_ATTRS = re.compile(r"^(#{1,6} .*?)[ \t]*\{[^}\n]*\}[ \t]*$")
# A relative link or image (`](graph.md#x)`, `](../assets/g.svg)`): absolute in a notebook.
RELATIVE_LINK = re.compile(r"\]\((?P<target>[^)\s:#/][^)\s:#]*)(?P<anchor>#[^)\s]*)?\)")


def notebook_site_url() -> str:
    """The site_url notebooks link to: mkdocs.yml's default, whatever SITE_URL says.

    A notebook is committed, so its links cannot follow the deploying fork's address; on the
    site, a notebook page has its lesson's own links (tools/hooks/notebook_pages.py)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")}
    with mock.patch.dict(os.environ, environment, clear=True):
        return site_config()["site_url"]


def page_url(site_url: str, lang: str, relative: str) -> str:
    """Absolute URL of a page or file, so links work in Jupyter and Colab too."""
    prefix = "" if lang == DEFAULT else f"{lang}/"
    if not relative.endswith(".md"):  # an image or other file, served as it is
        return f"{site_url.rstrip('/')}/{prefix}{relative}"
    path = relative.removesuffix(".md").removesuffix("index")
    return f"{site_url.rstrip('/')}/{prefix}{path}{'/' if path else ''}"


def language_root(page: Page) -> Path:
    """docs/<lang>/ (or a fixture's <lang>/ folder) above the page."""
    path = page.path.resolve()
    return Path(*path.parts[: path.parts.index(page.lang) + 1])


def markdown_lines(page: Page, site_url: str) -> list[str]:
    """The page's lines as Jupyter shows them, one for one (so page offsets still apply): no
    front matter, MkDocs attributes or exercise marks; an admonition becomes its bold title, its
    body loses a level of indent; relative links are absolute."""
    lines = page.text.splitlines()
    front = len(page.text[: page.text.find("\n---\n", 4) + 5].splitlines()) if page.meta else 0
    out, dedent_from = [], None
    here = Path(page.path).parent

    def absolute(found: re.Match) -> str:
        target = (here / found["target"]).resolve().relative_to(language_root(page))
        return f"]({page_url(site_url, page.lang, str(target))}{found['anchor'] or ''})"

    for number, line in enumerate(lines):
        if number < front or MARK.match(line):
            out.append("")
            continue
        found = ADMONITION.match(line)
        if found:  # `??? success "Solución"` -> **Solución**
            title = found["title"] or found["kind"].capitalize()
            out.append(f"{found['indent']}**{title}**")
            dedent_from = len(found["indent"])
            continue
        indent = len(line) - len(line.lstrip(" "))
        if dedent_from is not None and line.strip() and indent <= dedent_from:
            dedent_from = None
        if dedent_from is not None and line.startswith(" " * (dedent_from + 4)):
            line = line[4:]
        line = HEADING_ATTRS.sub(r"\1", line)
        out.append(RELATIVE_LINK.sub(absolute, line))
    return out


def markdown_source(lines: list[str]) -> str:
    """A Markdown cell's text. A cell that starts inside an indented block (a solution's
    explanation after its code cell) is dedented: on its own, Jupyter would show it as code."""
    lines = list(lines)
    while lines and not lines[0].strip():
        lines.pop(0)
    run_end = next(
        (i for i, line in enumerate(lines) if line.strip() and not line.startswith(" ")),
        len(lines),
    )
    indents = [len(line) - len(line.lstrip(" ")) for line in lines[:run_end] if line.strip()]
    cut = min(indents, default=0)
    lines[:run_end] = [line[cut:] for line in lines[:run_end]]
    # One blank line between blocks, where a mark left a line empty (`markdown_lines`).
    return re.sub(r"\n\s*\n(?:\s*\n)+", "\n\n", "\n".join(lines)).strip("\n")
