"""One term per concept: the prose uses none of the variants STYLE.md's term table bans.

    python -m tools.terms            # check every page; exit 1 naming each banned variant

STYLE.md's table has four columns: English | Español | Not in English | No en español. A variant
is a word or phrase matched as whole words, in any case unless it has a capital letter (then it
bans that spelling: "vector-Jacobiano"); a trailing `*` matches any ending.
Prose is what a reader reads (headings, admonition titles and descriptions included), not code,
inline code, addresses or anchors. The glossary's entry headings may name a variant on purpose
("Hook (*gancho*)"), so they are not checked.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from tools import prose
from tools.pages import ROOT, all_pages, display

STYLE = ROOT / "STYLE.md"
COLUMNS = {"en": (0, 2), "es": (1, 3)}  # language: (preferred column, banned column)


@dataclass
class Rule:
    lang: str
    variant: str
    preferred: str
    pattern: re.Pattern


def rules(style: Path = STYLE) -> list[Rule]:
    """The banned variants of STYLE.md's term table, each with the term to use instead."""
    found = []
    for line in style.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 4 or set(cells[0]) <= {"-", " "}:
            continue
        for lang, (preferred, banned) in COLUMNS.items():
            for variant in filter(None, (v.strip() for v in cells[banned].split(","))):
                words = r"\s+".join(re.escape(word) for word in variant.rstrip("*").split())
                ending = r"\w*" if variant.endswith("*") else ""
                flags = 0 if variant != variant.lower() else re.IGNORECASE
                pattern = re.compile(rf"(?<![\w-]){words}{ending}(?![\w-])", flags)
                found.append(Rule(lang, variant, cells[preferred], pattern))
    return [rule for rule in found if rule.preferred not in ("English", "Español")]


def problems(pages: list[Path], style: Path = STYLE) -> list[str]:
    table = rules(style)
    found = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        # The glossary's entry headings may name a variant on purpose.
        kinds = prose.READ - {prose.HEADING} if path.name == "glossary.md" else prose.READ
        readable = prose.readable(path, text, kinds)
        lang = next((part for part in path.parts if part in COLUMNS), None)
        matches = [
            (used, rule)
            for rule in table
            if rule.lang == lang
            for used in rule.pattern.finditer(readable)
        ]
        reported: list[range] = []
        for used, rule in sorted(matches, key=lambda m: m[0].start() - m[0].end()):  # longest first
            if any(used.start() in span for span in reported):
                continue  # inside a longer variant already reported ("dejar de rastrear")
            reported.append(range(used.start(), used.end()))
            line = readable.count("\n", 0, used.start()) + 1
            message = (
                f"{display(path)}:{line}: '{' '.join(used.group().split())}' is not the site's "
                f"term (STYLE.md bans '{rule.variant}')\n  fix: write {rule.preferred}"
            )
            found.append(((display(path), used.start()), message))
    return [message for _, message in sorted(found)]


def main() -> int:
    found = problems(all_pages())
    print("\n".join(found))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
