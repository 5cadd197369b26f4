"""Each English page records which version of its Spanish original it translates.

    python -m tools.translations                         # list stale translations; exit 1 if any
    python -m tools.translations docs/en/x.md            # just this page
    python -m tools.translations --mark docs/en/x.md     # after updating x.md: record it as current

The record is `translation_of: <hash>` in the English page's front matter, a hash of what a
translator translates: the Spanish page without what `make update-outputs` writes in both
languages (output blocks, the numbers the prose quotes from them, the `outputs_date`), so
regenerating outputs never makes a translation stale.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import re
import subprocess
import sys
from pathlib import Path

from tools import numbers
from tools.pages import DOCS, FRONT_MATTER, ROOT, Expander, Page, display, parse_page

KEY = "translation_of"
GENERATED = re.compile(r"^outputs_date:.*\n", re.MULTILINE)  # written by tools/outputs.py
MAX_DIFF_LINES = 20
RECORD = re.compile(rf"^{KEY}:\s*(?P<hash>\S*)\s*$", re.MULTILINE)


def translated_text(page: Page) -> str:
    """The page as a translator sees it: generated parts cut out, quoted numbers masked."""
    cuts = [(e.code.end, e.output.end, "") for e in page.examples if e.output is not None]
    cuts += [(c.start, c.end, "#") for c in numbers.rewritable(page)]
    text = page.text
    for start, end, replacement in sorted(cuts, reverse=True):
        text = text[:start] + replacement + text[end:]
    return GENERATED.sub("", text)


def source_hash(spanish: Path, text: str | None = None, expander: Expander | None = None) -> str:
    text = translated_text(parse_page(spanish, text, expander))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def changes_since(spanish: Path, recorded: str) -> str:
    """What a translator has to translate: the Spanish page's changes since the version the
    record names, found in git history (generated parts left out), as a short diff."""
    path = spanish.resolve()
    if not path.is_relative_to(ROOT):
        return ""
    relative = str(path.relative_to(ROOT))
    log = git("log", "--format=%h", "--", relative).split()
    for commit in log:
        try:
            old = git("show", f"{commit}:{relative}")
            if source_hash(spanish, old) != recorded:
                continue
            before = translated_text(parse_page(spanish, old)).splitlines()
        except Exception:  # an old version whose includes no longer exist: look further back
            continue
        now = translated_text(parse_page(spanish)).splitlines()
        diff = list(difflib.unified_diff(before, now, commit, "now", n=0, lineterm=""))[2:]
        shown = "\n".join(f"    {line}" for line in diff[:MAX_DIFF_LINES])
        more = (
            f"\n    ... ({len(diff) - MAX_DIFF_LINES} more lines)"
            if len(diff) > MAX_DIFF_LINES
            else ""
        )
        return f"; what changed since the translated version ({commit}):\n{shown}{more}"
    return ""


def git(*args: str) -> str:
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return result.stdout if result.returncode == 0 else ""


def spanish_of(english: Path, docs: Path = DOCS) -> Path:
    return docs / "es" / english.resolve().relative_to((docs / "en").resolve())


def recorded_hash(english_text: str) -> str | None:
    front = FRONT_MATTER.match(english_text)
    found = RECORD.search(front.group(1)) if front else None
    return found["hash"] if found else None


def stale_problems(
    docs: Path = DOCS, expander: Expander | None = None, pages: list[Path] | None = None
) -> list[str]:
    """Each English page (of `pages`, default all) whose record is not its Spanish page's."""
    problems = []
    for english in pages or sorted((docs / "en").rglob("*.md")):
        spanish = spanish_of(english, docs)
        if not spanish.exists():
            continue  # tools/parity.py reports pages missing in one language
        recorded = recorded_hash(english.read_text(encoding="utf-8"))
        if recorded != source_hash(spanish, expander=expander):
            what = "records no Spanish version" if recorded is None else "translates an older"
            changed = changes_since(spanish, recorded) if recorded else ""
            problems.append(
                f"{display(english)} {what} {display(spanish)}{changed}\n  fix: bring the "
                f"English up to date, then run `make mark-translated PAGE={display(english)}`"
            )
    return problems


def mark(english: Path, docs: Path = DOCS, expander: Expander | None = None) -> None:
    text = english.read_text(encoding="utf-8")
    line = f"{KEY}: {source_hash(spanish_of(english, docs), expander=expander)}"
    if recorded_hash(text) is not None:
        text = RECORD.sub(line, text, count=1)
    elif text.startswith("---\n"):
        text = f"---\n{line}\n{text[4:]}"
    else:
        text = f"---\n{line}\n---\n\n{text}"
    english.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mark", action="store_true", help="record the pages as up to date")
    parser.add_argument("pages", nargs="*", type=Path, help="English pages (default: all)")
    args = parser.parse_args(argv)
    if args.mark:
        for english in args.pages:
            mark(english)
            print(
                f"marked: {display(english)} translates the current {display(spanish_of(english))}"
            )
    problems = stale_problems(pages=[page.resolve() for page in args.pages] or None)
    print("\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
