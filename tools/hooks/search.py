"""Search finds pages of the reader's language only, and never shows an exercise's solution.

Material builds one search index for the whole site, so results mix languages (its issue 271):
once every language is built, the index is split into one per language, and a page's search is
pointed at its language's index. A solution (a `??? success` block, folded until the reader
opens it) is marked `data-search-exclude`, which Material's search leaves out of the index; a
notebook page repeats its lesson, so docs/<lang>/notebooks/.meta.yml leaves it out whole.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPOSITORY = str(Path(__file__).resolve().parents[2])
if REPOSITORY not in sys.path:  # MkDocs loads a hook by its path (tools/hooks/__init__.py)
    sys.path.insert(0, REPOSITORY)

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from tools.hooks.i18n import outermost, page_language
from tools.languages import DEFAULT, LANGUAGE, LANGUAGES

SOLUTION = re.compile(r'<details class="success"(?=[\s>])')
# Markup whose text is all search keeps: highlighted code's <span>s, and formulas' MathML.
MARKUP = {
    re.compile(r"<pre\b.*?</pre>", re.DOTALL): re.compile(r"</?span\b[^>]*>"),
    re.compile(r"<math\b.*?</math>", re.DOTALL): re.compile(r"<[^>]*>"),
}
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">.*?"base": ")([^"]*)(")')


SHOWN: dict[str, str] = {}  # a page's HTML while the search plugin reads its copy


def searchable(html: str) -> str:
    """What Material's search reads of a page: its HTML with solutions marked to be left out,
    and without the markup of highlighted code and formulas (the same text, and the same index:
    tests/test_hooks.py; a quarter of the time to read)."""
    for element, markup in MARKUP.items():
        html = element.sub(lambda found, markup=markup: markup.sub("", found.group()), html)
    return SOLUTION.sub(r"\g<0> data-search-exclude", html)


@event_priority(10)  # just before Material's search plugin (0) reads page.content
def give_search_its_copy(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    SHOWN[page.url] = page.content
    page.content = searchable(page.content)
    return context


@event_priority(-10)  # once it has read it: the reader's page is unchanged
def take_it_back(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    page.content = SHOWN.pop(page.url)
    return context


on_page_context = CombinedEvent(give_search_its_copy, take_it_back)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # Material's search fetches the index under its base, the site's root: another language's
    # page gets its language's root instead.
    prefix = LANGUAGE[page_language(page)].site_prefix
    if not prefix:
        return output
    return CONFIG_BASE.sub(lambda m: f"{m[1]}{m[2]}/{prefix.rstrip('/')}/{m[3]}", output, count=1)


@event_priority(-200)  # after static-i18n (-100) built every language and merged their index
def on_post_build(config: MkDocsConfig) -> None:
    if not outermost(config):  # a language's build inside the first: the index is not complete
        return
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    others = tuple(LANGUAGE[lang].site_prefix for lang in LANGUAGES if lang != DEFAULT)
    for lang in LANGUAGES:
        prefix = LANGUAGE[lang].site_prefix
        docs = [
            {**doc, "location": doc["location"].removeprefix(prefix)}
            for doc in index["docs"]
            if (
                doc["location"].startswith(prefix)
                if prefix
                else not doc["location"].startswith(others)
            )
        ]
        target = Path(config.site_dir) / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        language_index = {"config": {**index["config"], "lang": [lang]}, "docs": docs}
        target.write_text(json.dumps(language_index, ensure_ascii=False), encoding="utf-8")
