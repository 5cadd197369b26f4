"""Checks that keep the two languages and the snippet modules in step.

Each check returns a list of problems, empty when all is well; each problem names the file and
the fix. tests/test_parity.py runs them on the real pages and on broken fixtures.
"""

from __future__ import annotations

from pathlib import Path

from tools.languages import LANGUAGE, LANGUAGES
from tools.pages import DOCS, Page, display, sections


def missing_pages(docs: Path = DOCS) -> list[str]:
    """Every page exists in every language, under the same file name."""
    found = {
        lang: {p.relative_to(docs / lang) for p in (docs / lang).rglob("*.md")}
        for lang in LANGUAGES
    }
    problems = []
    for lang in LANGUAGES:
        for other in LANGUAGES:
            for relative in sorted(found[other] - found[lang]):
                problems.append(
                    f"{display(docs / lang / relative)} is missing: the {LANGUAGE[lang].name} "
                    f"page of {display(docs / other / relative)}; fix: translate it (same file "
                    "name, "
                    "headings' anchors and includes)"
                )
    return problems


def _first_difference(label: str, es: Page, en: Page, left: list, right: list) -> list[str]:
    """The first item that differs; `left` and `right` hold (value, line) pairs."""
    if [value for value, _ in left] == [value for value, _ in right]:
        return []
    pairs = enumerate(zip(left, right, strict=False))
    index = next((i for i, (a, b) in pairs if a[0] != b[0]), min(len(left), len(right)))

    def side(page: Page, items: list) -> str:
        if index >= len(items):
            return f"{display(page.path)} has nothing there"
        value, line = items[index]
        return f"{display(page.path)}:{line} has {value!r}"

    return [
        f"the two languages differ in their {label}, #{index + 1}: {side(es, left)}, "
        f"{side(en, right)}; fix: make the two pages match, keeping the Spanish as the original "
        "(for outputs, run `make update-outputs`)"
    ]


def parity_problems(es: Page, en: Page) -> list[str]:
    """The two languages run the same code, show the same outputs and share heading anchors."""

    def includes(page: Page) -> list:
        return [(e.includes, e.code.line) for e in page.examples]

    def outputs(page: Page) -> list:
        return [(e.output and e.output.body, (e.output or e.code).line) for e in page.examples]

    def anchors(page: Page) -> list:
        return [((h.level, h.anchor), h.line) for h in page.headings]

    return [
        problem
        for label, items in [
            ("snippet includes", includes),
            ("output blocks", outputs),
            ("heading anchors", anchors),
        ]
        for problem in _first_difference(label, es, en, items(es), items(en))
    ]


def anchor_problems(page: Page) -> list[str]:
    """Headings below the title carry an explicit anchor, so links work in both languages."""
    problems, seen = [], set()
    for heading in page.headings:
        where = f"{display(page.path)}:{heading.line}"
        if heading.level > 1 and heading.anchor is None:
            problems.append(
                f"{where}: heading '{heading.title}' has no explicit anchor; fix: "
                "end it with { #an-english-id }, the same in both languages"
            )
        elif heading.anchor in seen:
            problems.append(f"{where}: anchor #{heading.anchor} is used twice; fix: rename one")
        seen.add(heading.anchor)
    return problems


def mirror_module(page: Page, docs: Path = DOCS) -> str:
    """docs/<lang>/lessons/graph.md is the page of snippets/lessons/graph.py."""
    relative = page.path.resolve().relative_to(docs.resolve()).parts[1:]
    return str(Path(*relative).with_suffix(".py"))


def layout_problems(page: Page, docs: Path = DOCS) -> list[str]:
    """A page has a description, includes only its own module, and titles code blocks with it."""
    module, problems = mirror_module(page, docs), []
    if not str(page.meta.get("description", "")).strip():
        problems.append(
            f"{display(page.path)}:1: no description for link previews and search "
            "engines; fix: add `description: ...` to the front matter"
        )
    for example in page.examples:
        where = f"{display(page.path)}:{example.code.line}"
        for piece in example.pieces:
            if piece.target.partition(":")[0] != module:
                problems.append(
                    f'{where}: includes "{piece.target}"; fix: a page includes only '
                    f"its own module, {module} (move the code there)"
                )
            if example.code.title != display(piece.file):
                problems.append(
                    f'{where}: code block title is "{example.code.title}"; fix: '
                    f'title="{display(piece.file)}"'
                )
    return problems


def unused_sections(pages: list[Page], snippets: Path) -> list[str]:
    """Every snippet module has a page, and every section of it is shown on that page."""
    used = {
        (piece.file.resolve(), piece.target.partition(":")[2])
        for page in pages
        for example in page.examples
        for piece in example.pieces
    }
    problems = []
    for module in sorted(snippets.rglob("*.py")):
        names = sections(module)
        if not names:
            problems.append(
                f"{display(module)}: has no snippet sections, so no page shows its code; fix: "
                "wrap each piece a page shows in `# --8<-- [start:name]` ... "
                "`# --8<-- [end:name]` and include it, or delete the module"
            )
        for name, line in names.items():
            if (module.resolve(), name) not in used:
                problems.append(
                    f"{display(module)}:{line}: section '{name}' is on no page; fix: include "
                    "it in the lesson's pages or delete it"
                )
    return problems
