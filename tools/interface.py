"""Each language's interface strings in mkdocs.yml: complete, and written in that language.

The Spanish ones are the top level's (`site_name`, `extra`, the palette's toggle names, the nav's
section names); the English ones, the i18n plugin's `en` entry (`site_name`, `extra`, `theme`,
`nav_translations`). An English key missing from `extra` would show the Spanish text on English
pages; a Spanish word in an English text (or the reverse) is a word the language's hunspell
dictionary does not know (tests/test_site.py checks them with tools/spelling.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from tools.pages import MKDOCS_YML, site_config

NOT_TEXT = {"torch_version"}  # extra's values that are not words a reader reads
# `code` and $maths$ in a text, written as pages write them (the walk figures' texts, shown as
# HTML by tools/hooks/walk_figures.py).
CODE_OR_MATHS = re.compile(r"`[^`]+`|\$[^$]+\$")
# Not words: what overrides/main.html fills in ({hash}, {link}), file extensions (.ipynb), and
# code and maths.
NOT_WORDS = re.compile(rf"\{{\w+\}}|\.\w+\b|{CODE_OR_MATHS.pattern}")


def flatten(value, key: str = "") -> dict[str, str]:
    if isinstance(value, dict):
        return {
            k: v
            for name, item in value.items()
            if name not in NOT_TEXT
            for k, v in flatten(item, f"{key}.{name}" if key else str(name)).items()
        }
    if isinstance(value, list):
        return {
            k: v for i, item in enumerate(value) for k, v in flatten(item, f"{key}.{i}").items()
        }
    return {key: value} if isinstance(value, str) else {}


def palette_names(theme: dict) -> dict[str, str]:
    return {
        f"theme.palette.{i}.toggle.name": scheme["toggle"]["name"]
        for i, scheme in enumerate(theme.get("palette") or [])
        if "toggle" in scheme
    }


def strings(mkdocs_yml: Path = MKDOCS_YML) -> dict[str, dict[str, str]]:
    """{lang: {key: text}} for each language's interface strings."""
    config = site_config(mkdocs_yml)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    english = next(x for x in i18n["languages"] if x["locale"] == "en")
    sections = [next(iter(item)) for item in config["nav"] if isinstance(item, dict)]
    spanish = {
        "site_name": config["site_name"],
        "site_description": config["site_description"],
        **{f"extra.{k}": v for k, v in flatten(config["extra"]).items()},
        **palette_names(config["theme"]),
        **{f"nav.{name}": name for name in sections},
    }
    return {
        "es": spanish,
        "en": {
            "site_name": english["site_name"],
            "site_description": english["site_description"],
            **{f"extra.{k}": v for k, v in flatten(english.get("extra", {})).items()},
            **palette_names(english.get("theme", {})),
            **{f"nav.{k}": v for k, v in english.get("nav_translations", {}).items()},
        },
    }


def words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", NOT_WORDS.sub(" ", text)))


def missing(found: dict[str, dict[str, str]]) -> list[str]:
    """Spanish keys the English does not give (its pages would show the Spanish text)."""
    return sorted(set(found["es"]) - set(found["en"]))


def problems(unknown, mkdocs_yml: Path = MKDOCS_YML) -> list[str]:
    """Each string with a word its language does not know (`unknown(lang, words)` is
    tools/spelling.py's `unknown_words`), and each English string missing."""
    found = strings(mkdocs_yml)
    lines = mkdocs_yml.read_text(encoding="utf-8").splitlines()
    result = []
    english_from = next((n for n, row in enumerate(lines) if "locale: en" in row), 0)
    for lang, texts in found.items():
        start = english_from if lang == "en" else 0  # the English texts are the i18n plugin's
        strange = unknown(lang, {w for text in texts.values() for w in words(text)})
        for key, text in texts.items():
            bad = sorted(words(text) & strange)
            if not bad:
                continue
            line = next((n for n, row in enumerate(lines[start:], start + 1) if text in row), 1)
            result.append(
                f"{mkdocs_yml.name}:{line}: the {lang} interface text {key} ({text!r}) has words "
                f"its language does not know: {', '.join(bad)}\n  fix: write it in that language "
                "(or add a real term to tests/wordlist-<lang>.txt)"
            )
    result += [
        f"{mkdocs_yml.name}: the English interface texts lack {key}: English pages show the "
        "Spanish one\n  fix: add it to the i18n plugin's `en` entry"
        for key in missing(found)
        if key.startswith("extra.") or key.startswith("theme.")
    ]
    return result
