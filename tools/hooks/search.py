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
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from tools.hooks.i18n import outermost, page_language
from tools.languages import DEFAULT, LANGUAGE, LANGUAGES

SOLUTION = re.compile(r'<details class="success"(?=[\s>])')
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">.*?"base": ")([^"]*)(")')


@event_priority(100)  # before the search plugin reads the page (on_page_context)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Material removes the attribute from the page once it has read it.
    return SOLUTION.sub(r'\g<0> data-search-exclude="solution"', html)


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
