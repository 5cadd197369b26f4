"""Each English page records which version of its Spanish original it translates, and itself.

    python -m tools.translations                         # list stale translations; exit 1 if any
    python -m tools.translations docs/en/x.md            # just this page
    python -m tools.translations --mark docs/en/x.md     # after updating x.md: record it as current

The record, in the English page's front matter (written by `make mark-translated`):

    translation_of: <hash>    # the Spanish page it translates
    translated_text: <hash>   # the English page as marked
    translated_on: 2026-12-03

Each hash covers what a translator writes: the page without what `make update-outputs` writes
in both languages (output blocks, the numbers the prose states from them, `outputs_date`), the
record itself, and the markup of stated values (`<!-- printed in ... -->`, tools/claims.py). So
regenerating outputs never makes a translation stale, while a change of the Spanish, or an
edit of the English after it was marked, does: each needs a deliberate `make mark-translated`.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import hashlib
import re
import subprocess
import sys
from pathlib import Path

from tools import errors, numbers
from tools.pages import DOCS, FRONT_MATTER, ROOT, Expander, Page, display, parse_page

KEY, OWN, DATE = "translation_of", "translated_text", "translated_on"
# Written by tools/outputs.py and by `mark`, or markup of stated values: not translated text.
GENERATED = re.compile(
    rf"^(?:outputs_date|{KEY}|{OWN}|{DATE}):.*\n|[ \t]?<!--\s*(?:printed in|unchecked:).*?-->",
    re.MULTILINE,
)
MAX_DIFF_LINES = 20
RECORD_LINES = re.compile(rf"^(?:{KEY}|{OWN}|{DATE}):.*\n", re.MULTILINE)


def translated_text(page: Page) -> str:
    """The page as a translator sees it: generated parts cut out, quoted numbers masked."""
    cuts = [(e.code.end, e.output.end, "") for e in page.examples if e.output is not None]
    cuts += [(c.start, c.end, "#") for c in numbers.rewritable(page)]
    cuts += [(start, end, "") for start, end in errors.written_spans(page.text)]  # errors.md
    text = page.text
    for start, end, replacement in sorted(cuts, reverse=True):
        text = text[:start] + replacement + text[end:]
    return GENERATED.sub("", text)


def source_hash(page: Path, text: str | None = None, expander: Expander | None = None) -> str:
    """The hash of a page's translated text (see the module's docstring)."""
    text = translated_text(parse_page(page, text, expander))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def changes_since(
    page: Path, recorded: str, expander: Expander | None = None, text: str | None = None
) -> str:
    """What changed in a page (or in `text`, its new version) since the version whose hash is
    `recorded`, found in git history (generated parts left out), as a short diff."""
    path = page.resolve()
    if not path.is_relative_to(ROOT):
        return ""
    relative = str(path.relative_to(ROOT))
    log = git("log", "--format=%h", "--", relative).split()
    for commit in log:
        try:
            old = git("show", f"{commit}:{relative}")
            if source_hash(page, old) != recorded:
                continue
            before = translated_text(parse_page(page, old)).splitlines()
        except Exception:  # an old version whose includes no longer exist: look further back
            continue
        now = translated_text(parse_page(page, text, expander)).splitlines()
        return f"; what changed since then ({commit}):\n{short_diff(before, now, commit)}"
    return ""


def short_diff(before: list[str], now: list[str], label: str) -> str:
    diff = list(difflib.unified_diff(before, now, label, "now", n=0, lineterm=""))[2:]
    shown = "\n".join(f"    {line}" for line in diff[:MAX_DIFF_LINES])
    more = (
        f"\n    ... ({len(diff) - MAX_DIFF_LINES} more lines)" if len(diff) > MAX_DIFF_LINES else ""
    )
    return f"{shown}{more}"


def git(*args: str) -> str:
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return result.stdout if result.returncode == 0 else ""


def spanish_of(english: Path, docs: Path = DOCS) -> Path:
    return docs / "es" / english.resolve().relative_to((docs / "en").resolve())


def recorded(english_text: str, key: str = KEY) -> str | None:
    """A value of the record (`translation_of` unless `key` says otherwise), or None."""
    front = FRONT_MATTER.match(english_text)
    found = (
        re.search(rf"^{key}:[ \t]*(?P<value>\S*)[ \t]*$", front.group(1), re.M) if front else None
    )
    return found["value"] if found else None


def stale_problems(
    docs: Path = DOCS, expander: Expander | None = None, pages: list[Path] | None = None
) -> list[str]:
    """Each English page (of `pages`, default all) whose record is not its Spanish page's."""
    problems = []
    for english in pages or sorted((docs / "en").rglob("*.md")):
        spanish = spanish_of(english, docs)
        if not spanish.exists():
            continue  # tools/parity.py reports pages missing in one language
        text = english.read_text(encoding="utf-8")
        mark_it = f"`make mark-translated PAGE={display(english)}`"
        of, own = recorded(text), recorded(text, OWN)
        if of != source_hash(spanish, expander=expander):
            what = "records no Spanish version" if of is None else "translates an older"
            changed = changes_since(spanish, of, expander) if of else ""
            problems.append(
                f"{display(english)} {what} {display(spanish)}{changed}\n  fix: bring the "
                f"English up to date, then run {mark_it}"
            )
        elif own != source_hash(english, expander=expander):
            changed = changes_since(english, own, expander) if own else ""
            what = "records no version of itself" if own is None else "changed since it was marked"
            problems.append(
                f"{display(english)}:1: {what} as the translation of {display(spanish)}{changed}"
                f"\n  fix: if the English is right (the Spanish says the same), record it "
                f"deliberately with {mark_it}; if not, undo the edit"
            )
    return problems


def mark(
    english: Path,
    docs: Path = DOCS,
    expander: Expander | None = None,
    today: datetime.date | None = None,
) -> None:
    """Record the English page as the translation of its Spanish page as they are now."""
    text = RECORD_LINES.sub("", english.read_text(encoding="utf-8"))
    front = text[4:] if text.startswith("---\n") else f"---\n\n{text}"
    own = source_hash(english, f"---\n{front}", expander)  # the record is not hashed
    record = (
        f"{KEY}: {source_hash(spanish_of(english, docs), expander=expander)}\n"
        f"{OWN}: {own}\n"
        f"{DATE}: {(today or datetime.date.today()).isoformat()}\n"
    )
    english.write_text(f"---\n{record}{front}", encoding="utf-8")


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
