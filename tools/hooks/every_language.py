"""Refuse to build a site whose languages differ from tools/languages.py's, or with a page missing
in one language.

Without it, MkDocs says only that a nav entry "is not found in the documentation files", without
naming the language, and static-i18n skips the page in that language.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPOSITORY = str(Path(__file__).resolve().parents[2])
if REPOSITORY not in sys.path:  # MkDocs loads a hook by its path (tools/hooks/__init__.py)
    sys.path.insert(0, REPOSITORY)

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from tools.hooks.i18n import configured, outermost
from tools.languages import LANGUAGES
from tools.parity import missing_pages


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not outermost(config):  # checked once per build, not again per language
        return config
    if configured(config) != list(LANGUAGES):
        raise PluginError(
            f"mkdocs.yml builds the languages {configured(config)} (the default first), "
            f"tools/languages.py defines {list(LANGUAGES)}; fix: make them the same"
        )
    problems = missing_pages(Path(config.docs_dir))
    if problems:
        raise PluginError("\n".join(problems))
    return config
