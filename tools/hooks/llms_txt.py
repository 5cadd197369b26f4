"""/llms.txt and /en/llms.txt (llmstxt.org): every page of a language in reading order, by section.

Not mkdocs-llmstxt (0.5.1): it writes one llms.txt at the site's root per build, so with
static-i18n the English build overwrites the Spanish one; its page list cannot tell the languages
apart; and it would bring four more dependencies for these few lines.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

REPOSITORY = str(Path(__file__).resolve().parents[2])
if REPOSITORY not in sys.path:  # MkDocs loads a hook by its path (tools/hooks/__init__.py)
    sys.path.insert(0, REPOSITORY)

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from tools.hooks.i18n import building, outermost, page_language
from tools.languages import LANGUAGE, LANGUAGES

# For one build, as each language's build goes: its navigation, (section, page URL) in reading
# order; each page's (title, description); the original's site name and description.
NAV_ORDER: dict[str, list[tuple[str, str]]] = {}
PAGE_INFO: dict[tuple[str, str], tuple[str, str]] = {}
DEFAULT_TEXTS: dict[str, str] = {}


@event_priority(100)  # before static-i18n (-100) reconfigures the first build for its language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if outermost(config):
        NAV_ORDER.clear()
        PAGE_INFO.clear()
        DEFAULT_TEXTS.update(name=config.site_name, description=config.site_description or "")
    return config


@event_priority(-200)  # after static-i18n (-100) translated the section titles
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    order = NAV_ORDER.setdefault(building(config), [])
    order.clear()

    def walk(items: list, section: str) -> None:
        for item in items:
            if item.is_page:
                order.append((section, item.url))
            elif item.is_section:
                walk(item.children, item.title)

    walk(nav.items, "")
    return nav


def on_page_context(
    context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    PAGE_INFO[page_language(page), page.url] = (page.title, page.meta.get("description", ""))
    return context


@event_priority(-200)  # after static-i18n (-100) built every language
def on_post_build(config: MkDocsConfig) -> None:
    if not outermost(config):
        return
    languages = {language.locale: language for language in config.plugins["i18n"].config.languages}
    site_url = config.site_url.rstrip("/") + "/"
    for lang in LANGUAGES:
        name = languages[lang].site_name or DEFAULT_TEXTS["name"]
        description = languages[lang].site_description or DEFAULT_TEXTS["description"]
        lines = [f"# {name}", "", f"> {' '.join(description.split())}"]
        section = None
        for part, url in NAV_ORDER.get(lang, []):
            title, summary = PAGE_INFO.get((lang, url), (url, ""))
            title = html.unescape(re.sub(r"<[^>]+>", "", title))
            if part != section or not part:  # a page outside the sections is a section alone
                lines += ["", f"## {part or title}", ""]
                section = part
            entry = f"- [{title}]({site_url}{url})"
            lines.append(entry + (f": {summary}" if summary else ""))
        target = Path(config.site_dir) / LANGUAGE[lang].site_prefix / "llms.txt"
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
