"""Each English page records which version of its Spanish original it translates.

    python -m tools.translations                         # list stale translations; exit 1 if any
    python -m tools.translations --mark docs/en/x.md     # after updating x.md: record it as current

The record is `translation_of: <hash>` in the English page's front matter, a hash of the Spanish
page without its output blocks (those are regenerated in both languages by `make update-outputs`,
which is not a change to translate).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

from tools.pages import DOCS, FRONT_MATTER, display, parse_page

KEY = "translation_of"
RECORD = re.compile(rf"^{KEY}:\s*(?P<hash>\S*)\s*$", re.MULTILINE)


def source_hash(spanish: Path) -> str:
    page = parse_page(spanish)
    text = page.text
    for example in reversed(page.examples):
        if example.output is not None:
            text = text[: example.output.body_start] + text[example.output.body_end :]
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
