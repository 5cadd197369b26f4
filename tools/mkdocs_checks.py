"""MkDocs hook (mkdocs.yml `hooks:`): refuse to build a site with a page missing in a language.

Without it, MkDocs says only that a nav entry "is not found in the documentation files", without
naming the language, and static-i18n skips the page in that language.
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

NAMES = {"es": "Spanish", "en": "English"}


def on_config(config):
    docs = Path(config.docs_dir)
    languages = [language.locale for language in config.plugins["i18n"].config.languages]
    pages = {
        lang: {p.relative_to(docs / lang) for p in (docs / lang).rglob("*.md")}
        for lang in languages
    }
    problems = [
        f"docs/{lang}/{page} is missing: the {NAMES.get(lang, lang)} page of docs/{other}/{page}; "
        f"fix: translate docs/{other}/{page} into it (same file name, headings' anchors and "
        "includes), or remove the page from every language and from the nav"
        for lang in languages
        for other in languages
        for page in sorted(pages[other] - pages[lang])
    ]
    if problems:
        raise PluginError("\n".join(problems))
    return config
