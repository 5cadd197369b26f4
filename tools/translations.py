"""Each English page records which version of its Spanish original it translates.

    python -m tools.translations                         # list stale translations; exit 1 if any
    python -m tools.translations --mark docs/en/x.md     # after updating x.md: record it as current

The record is `translation_of: <hash>` in the English page's front matter, a hash of what a
translator translates: the Spanish page without what `make update-outputs` writes in both
languages (output blocks, the numbers the prose quotes from them, the `outputs_date`), so
regenerating outputs never makes a translation stale.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

from tools import numbers
from tools.pages import DOCS, FRONT_MATTER, Page, display, parse_page

KEY = "translation_of"
GENERATED = re.compile(r"^outputs_date:.*\n", re.MULTILINE)  # written by tools/outputs.py
RECORD = re.compile(rf"^{KEY}:\s*(?P<hash>\S*)\s*$", re.MULTILINE)


def translated_text(page: Page) -> str:
    """The page as a translator sees it: generated parts cut out, quoted numbers masked."""
    cuts = [(e.code.end, e.output.end, "") for e in page.examples if e.output is not None]
    cuts += [(q.start, q.end, "#") for q in numbers.quotes(page.path, page.text) if q.checked]
    text = page.text
    for start, end, replacement in sorted(cuts, reverse=True):
        text = text[:start] + replacement + text[end:]
    return GENERATED.sub("", text)


def source_hash(spanish: Path) -> str:
    text = translated_text(parse_page(spanish))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def spanish_of(english: Path, docs: Path = DOCS) -> Path:
    return docs / "es" / english.resolve().relative_to((docs / "en").resolve())


def recorded_hash(english_text: str) -> str | None:
    front = FRONT_MATTER.match(english_text)
    found = RECORD.search(front.group(1)) if front else None
    return found["hash"] if found else None


def stale_problems(docs: Path = DOCS) -> list[str]:
    problems = []
    for english in sorted((docs / "en").rglob("*.md")):
        spanish = spanish_of(english, docs)
        if not spanish.exists():
            continue  # tools/parity.py reports pages missing in one language
        recorded = recorded_hash(english.read_text(encoding="utf-8"))
        if recorded != source_hash(spanish):
            what = "records no Spanish version" if recorded is None else "translates an older"
            problems.append(
                f"{display(english)} {what} {display(spanish)}"
                + (" (it changed since)" if recorded else "")
                + f"; fix: bring the English up to date (see `git log -p {display(spanish)}`), "
                f"then run `make mark-translated PAGE={display(english)}`"
            )
    return problems


def mark(english: Path, docs: Path = DOCS) -> None:
    text = english.read_text(encoding="utf-8")
    line = f"{KEY}: {source_hash(spanish_of(english, docs))}"
    if recorded_hash(text) is not None:
        text = RECORD.sub(line, text, count=1)
    elif text.startswith("---\n"):
        text = f"---\n{line}\n{text[4:]}"
    else:
        text = f"---\n{line}\n---\n\n{text}"
    english.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mark", nargs="+", type=Path, metavar="PAGE", help="English pages")
    args = parser.parse_args(argv)
    for english in args.mark or []:
        mark(english)
        print(f"marked: {display(english)} translates the current {display(spanish_of(english))}")
    problems = stale_problems()
    print("\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
