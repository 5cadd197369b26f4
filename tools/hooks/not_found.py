"""The 404 page speaks the language of the address it is served at. Static hosts such as GitHub
Pages serve only the root 404.html for every missing address, so that page carries every
language's texts and overrides/404.html shows those of the address."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

REPOSITORY = str(Path(__file__).resolve().parents[2])
if REPOSITORY not in sys.path:  # MkDocs loads a hook by its path (tools/hooks/__init__.py)
    sys.path.insert(0, REPOSITORY)

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.utils.templates import TemplateContext

from tools.hooks.i18n import building, outermost
from tools.languages import DEFAULT, LANGUAGE

DEFAULT_TEXTS: dict[str, object] = {}  # the original's texts, which other languages' builds replace
RENDERED: dict[str, str] = {}  # the 404 page as each language's build rendered it


@event_priority(100)  # before static-i18n (-100) reconfigures the first build for its language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if outermost(config):
        RENDERED.clear()
        DEFAULT_TEXTS["not_found"] = dict(config.extra.get("not_found") or {})
        DEFAULT_TEXTS["palette"] = [palette_name(p) for p in config.theme["palette"]]
    return config


def on_template_context(
    context: TemplateContext, template_name: str, config: MkDocsConfig
) -> TemplateContext:
    if template_name != "404.html":
        return context
    # Served at any address, so its switcher leads to each language's home (the page-relative
    # links static-i18n left from the last page rendered would lead anywhere).
    for alternate in getattr(config.extra, "alternate", None) or []:
        alternate["link"] = LANGUAGE[alternate["lang"]].site_prefix
    found = []
    for language in config.plugins["i18n"].config.languages:
        extra, theme = language.extra or {}, language.theme or {}
        palette = [palette_name(p) for p in theme.get("palette", [])]
        found.append(
            {
                "code": language.locale,
                "prefix": LANGUAGE[language.locale].site_prefix,
                "site_name": language.site_name or config.site_name,
                "texts": extra.get("not_found") or DEFAULT_TEXTS["not_found"],
                "palette": palette or DEFAULT_TEXTS["palette"],
            }
        )
    context["not_found"] = {
        "base": urlsplit(config.site_url).path.rstrip("/"),
        "default": DEFAULT,
        "languages": found,
    }
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    # Each language's build renders 404.html to the site's root; the default language's stays
    # there, another language's goes to its own folder, for hosts that serve the nearest 404.html.
    if template_name != "404.html":
        return output
    lang = building(config)
    RENDERED[lang] = output
    if lang == DEFAULT:
        return output
    target = Path(config.site_dir) / LANGUAGE[lang].site_prefix / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return RENDERED.get(DEFAULT, output)


def palette_name(palette: dict) -> str:
    return palette.get("toggle", {}).get("name", "")
