"""What the hooks ask of static-i18n (mkdocs.yml `plugins: i18n`), which builds one language at a
time: `mkdocs build` builds the original, and static-i18n builds each other language inside that
build (nested builds, same config). The languages themselves are tools/languages.py's."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from tools.languages import DEFAULT


def outermost(config: MkDocsConfig) -> bool:
    """Whether this is the outermost build: in on_config, a `mkdocs build` (or a `mkdocs serve`
    rebuild) starts, and per-build state is cleared; in an on_post_build that runs after
    static-i18n's (priority below -100), every language has been built."""
    return not config.plugins["i18n"].building


def building(config: MkDocsConfig) -> str:
    """The language being built."""
    return config.plugins["i18n"].current_language or DEFAULT


def page_language(page: Page) -> str:
    """docs/<lang>/...: a page is in the language of its folder (mkdocs.yml: no fallback)."""
    return page.file.src_uri.split("/", 1)[0]


def configured(config: MkDocsConfig) -> list[str]:
    """mkdocs.yml's languages, the default first."""
    found = config.plugins["i18n"].config.languages
    default = [language.locale for language in found if getattr(language, "default", False)]
    return default + [language.locale for language in found if language.locale not in default]
