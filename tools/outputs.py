"""Rewrite every output block of the pages from a real run (`make update-outputs`).

    python -m tools.outputs           # rewrite stale output blocks, the torch version stamp,
                                      # the pictures drawn from real objects (tools/graphs.py)
                                      # and the backward walks' figures (tools/walks.py)
    python -m tools.outputs --check   # change nothing; exit 1 naming each stale file
    python -m tools.outputs --snippets tests/fixtures/snippets tests/fixtures/docs/*/*/*.md

Each page runs top to bottom in a fresh namespace, as a reader pasting its blocks would.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

import torch

from tools import errors, graphs, numbers, parity, walks
from tools.languages import LANGUAGES
from tools.pages import (
    FRONT_MATTER,
    MKDOCS_YML,
    Expander,
    Page,
    all_pages,
    display,
    output_title,
    parse_page,
    run,
)

DATE_KEY = "outputs_date"
STAMP = re.compile(r"^(?P<key>\s*torch_version:\s*).*$", re.MULTILINE)


def indented(indent: str, shown: str) -> str:
    """Each line behind the indent; a blank one keeps only the indent's quote markers."""
    return "".join(
        f"{indent}{line}\n" if line else f"{indent.rstrip()}\n" for line in shown.splitlines()
    )


def output_fence(prefix: str, indent: str, title: str, shown: str) -> str:
    """An output block as `make update-outputs` writes it, and as the doc tests require it."""
    return f'{prefix}```text title="{title}"\n{indented(indent, shown)}{indent}```'


def updated_text(
    page: Page, unresolved: list[str] | None = None, today: datetime.date | None = None
) -> str:
    """The page's text with every output block showing what its code prints now, and the
    numbers its prose quotes from them rewritten to match (tools/numbers.py). Numbers that
    cannot be rewritten are appended to `unresolved`."""
    today = today or datetime.date.today()
    namespace: dict = {}
    edits = []  # (start, end, replacement), applied back to front
    new_bodies = []
    for example in page.examples:
        shown = run(example, namespace).shown
        new_bodies.append(shown or None)
        code, output = example.code, example.output
        title = output_title(page.path)
        if output is not None and shown:
            fence = output_fence(output.prefix, output.indent, title, shown)
            if page.text[output.start : output.end] != fence:
                edits.append((output.start, output.end, fence))
        elif output is not None:  # nothing printed any more: drop the block and the gap before it
            edits.append((code.end, output.end, ""))
        elif shown:
            gap = f"\n{code.indent.rstrip()}\n"
            edits.append(
                (code.end, code.end, gap + output_fence(code.indent, code.indent, title, shown))
            )
    prose_edits, problems = numbers.rewrite(page, new_bodies)
    if unresolved is not None:
        unresolved += problems
    text = page.text
    for start, end, replacement in sorted(edits + prose_edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    undated = DATE_KEY not in page.meta and any(e.output for e in page.examples)
    return dated(text, today) if text != page.text or undated else text


def dated(text: str, day: datetime.date) -> str:
    """The page with `outputs_date: <day>` in its front matter: each page shows when its outputs
    last changed, and that only changes when they do (a clean tree stays clean)."""
    line = f"{DATE_KEY}: {day.isoformat()}"
    front = FRONT_MATTER.match(text)
    if front is None:
        return f"---\n{line}\n---\n\n{text}"
    head = front.group(1).rstrip("\n")
    if re.search(rf"^{DATE_KEY}:", head, re.MULTILINE):
        head = re.sub(rf"^{DATE_KEY}:.*$", line, head, count=1, flags=re.MULTILINE)
    else:
        head = f"{head}\n{line}"
    return f"---\n{head}\n---\n{text[front.end() :]}"


def updated_config(text: str) -> str:
    return STAMP.sub(lambda m: m["key"] + torch.__version__, text, count=1)


def stale_files(
    pages: list[Path], expander: Expander | None = None, unresolved: list[str] | None = None
) -> list[tuple[Path, str]]:
    """(file, its up-to-date text) for each page, and mkdocs.yml, whose outputs are stale."""
    targets = [
        (path, updated_text(parse_page(path, expander=expander), unresolved)) for path in pages
    ]
    targets.append((MKDOCS_YML, updated_config(MKDOCS_YML.read_text(encoding="utf-8"))))
    return [(path, text) for path, text in targets if path.read_text(encoding="utf-8") != text]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale files, change nothing")
    parser.add_argument("--snippets", type=Path, help="snippet folder (default: mkdocs.yml's)")
    parser.add_argument("pages", nargs="*", type=Path, help="pages to update (default: all)")
    args = parser.parse_args(argv)

    expander = Expander(args.snippets) if args.snippets else None
    # Regenerating one language's page leaves its twin stale, or missing: say so first.
    missing = [] if args.snippets else parity.missing_pages()
    for problem in missing:
        print(f"missing: {problem}")
    unresolved: list[str] = []
    stale = stale_files(args.pages or all_pages(), expander, unresolved)
    if args.snippets is None:  # the real lessons, not the test fixtures
        # Pictures drawn from a lesson's real graph: all, or those of the lessons given.
        lessons = {page.stem for page in args.pages if page.parent.name == "lessons"}
        stale += graphs.stale_pictures(lessons if args.pages else None)
        stale += walks.stale_figures(lessons if args.pages else None)
    write(stale, args.check)
    unexplained: list[str] = []
    if args.snippets is None:  # the error index, from the lessons' outputs as now written
        indexes = errors.stale_indexes()
        write(indexes, args.check)
        stale += indexes
        unexplained = [
            problem
            for lang in LANGUAGES
            for _, problem in errors.problems(errors.read(lang=lang))
            if "does not explain" in problem
        ]
    for problem in unresolved:  # the outputs are written; these numbers need a person
        print(f"prose: {problem}")
    for problem in unexplained:  # and these messages, an explanation
        print(f"errors: {problem}")
    return 1 if (args.check and stale) or unresolved or unexplained or missing else 0


def write(stale: list[tuple[Path, str]], check: bool) -> None:
    for path, text in stale:
        if check:
            print(f"stale: {display(path)} (run `make update-outputs`)")
        else:
            path.write_text(text, encoding="utf-8")
            print(f"updated: {display(path)}")


if __name__ == "__main__":
    sys.exit(main())
