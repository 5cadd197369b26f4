"""What every page's template (overrides/main.html) reads beyond Material's own context: the
language switcher leading to the same page, hreflang and Open Graph tags, and which Spanish page
an English page translates. (The dates under a title are tools/hooks/reader.py's.)"""

from __future__ import annotations

import sys
from pathlib import Path

REPOSITORY = str(Path(__file__).resolve().parents[2])
if REPOSITORY not in sys.path:  # MkDocs loads a hook by its path (tools/hooks/__init__.py)
    sys.path.insert(0, REPOSITORY)

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from tools.hooks.i18n import page_language
from tools.languages import DEFAULT, LANGUAGE


@event_priority(-100)  # after static-i18n (50), which resets the switcher on every page
def on_page_context(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    # static-i18n points the switcher of home and generated pages at the other language's home,
    # by absolute URLs that break under a sub-path. Every page exists in every language at the
    # same path (every_language.py), so link to it; Material's `url` filter makes it relative.
    # (static-i18n sets `config.extra.alternate` as an attribute, which templates read first.)
    lang = page_language(page)
    path = page.url.removeprefix(LANGUAGE[lang].site_prefix)
    site_url = config.site_url.rstrip("/") + "/"
    alternates = getattr(config.extra, "alternate", None) or []
    hreflang = []
    for alternate in alternates:
        prefix = LANGUAGE[alternate["lang"]].site_prefix
        alternate["link"] = f"{prefix}{path}" or "./"
        hreflang.append((alternate["lang"], f"{site_url}{prefix}{path}"))
    hreflang.append(("x-default", f"{site_url}{path}"))
    context["page_lang"] = lang
    context["is_home"] = path == ""
    context["hreflang"] = hreflang
    context["og_locale"] = LANGUAGE[lang].og_locale
    context["og_alternate_locales"] = [LANGUAGE[code].og_locale for code, _ in hreflang[:-1]]
    if lang != DEFAULT and page.meta.get("translation_of"):
        original = "../" * page.url.count("/") + path
        context["translation"] = {"hash": page.meta["translation_of"], "url": original or "./"}
    return context
