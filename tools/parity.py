"""Checks that keep the two languages and the snippet modules in step.

Each check returns a list of problems, empty when all is well; each problem names the file and
the fix. tests/test_parity.py runs them on the real pages and on broken fixtures.
"""

from __future__ import annotations

import re
from pathlib import Path

from tools import glossary
from tools.languages import LANGUAGE, LANGUAGES
from tools.pages import DOCS, Page, display, parse_page, sections


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
        return [([unlocalized(i) for i in e.includes], e.code.line) for e in page.examples]

    def blocks(page: Page) -> list:
        return [(e.output is not None, (e.output or e.code).line) for e in page.examples]

    def anchors(page: Page) -> list:
        if page.path.name == glossary.NAME:  # each language's alphabetical order: the same entries
            entries = [h for h in page.headings if h.level == glossary.ENTRY_LEVEL]
            return sorted(((h.level, h.anchor), h.line) for h in entries)
        return [((h.level, h.anchor), h.line) for h in page.headings]

    problems = [
        problem
        for label, items in [
            ("snippet includes", includes),
            ("output blocks (True: the example has one)", blocks),
            ("heading anchors", anchors),
        ]
        for problem in _first_difference(label, es, en, items(es), items(en))
    ]
    return problems or printed_value_problems(es, en)


# What the two languages' outputs must share: numbers (tensors' included), True/False/None,
# nan/inf, and names of code, which are spelt alike in both: a name with `_`, `.` or a digit
# (`grad_fn`, `torch.float64`, `MulBackward0`) or a capital inside (`RuntimeError`,
# `UserWarning`). Words of the labels a module prints ("paso"/"step") may differ.
PRINTED = re.compile(
    r"(?P<word>[^\W\d]\w*(?:\.\w+)*)|(?P<number>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)"
)
KEYWORDS = {"True", "False", "None", "nan", "inf"}


def printed_values(text: str) -> list[tuple[str, int]]:
    """The values an output block shows, each with its line in the block (0-based)."""
    values = []
    for number, line in enumerate(text.splitlines()):
        for found in PRINTED.finditer(line):
            word = found["word"]
            code = word and (
                word in KEYWORDS or re.search(r"[_.\d]", word) or re.search(r".[A-Z]", word)
            )
            if found["number"] or code:
                values.append((found.group(), number))
    return values


def _value_at(example, values: list[tuple[str, int]], index: int) -> str:
    where = display(example.path)
    if index >= len(values):
        return f"{where}:{example.output.line}: the block prints only {len(values)}"
    value, line = values[index]
    return f"{where}:{example.output.line + 1 + line} prints {value}"


def printed_value_problems(es: Page, en: Page) -> list[str]:
    """Each output block prints the same values in both languages, in the same order; the
    words around them (labels, messages the lesson's code prints) are the page's language."""
    for ours, theirs in zip(es.examples, en.examples, strict=True):
        if ours.output is None or theirs.output is None:
            continue
        left, right = printed_values(ours.output.body), printed_values(theirs.output.body)
        if [v for v, _ in left] == [v for v, _ in right]:
            continue
        index = next(
            (i for i, (a, b) in enumerate(zip(left, right, strict=False)) if a[0] != b[0]),
            min(len(left), len(right)),
        )
        lesson = es.path.stem
        return [
            f"the two languages' outputs print different values, #{index + 1} of the block: "
            f"{_value_at(ours, left, index)}, {_value_at(theirs, right, index)}; fix: the two "
            "modules must print the same "
            "values (only the words of labels and messages are translated): make the code "
            f"the same, then run `make update-outputs LESSON={lesson}`"
        ]
    return []


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
    """docs/<lang>/lessons/graph.md is the page of snippets/<lang>/lessons/graph.py, the module
    in the page's language: the include target "<lang>/lessons/graph.py"."""
    relative = page.path.resolve().relative_to(docs.resolve())
    return relative.with_suffix(".py").as_posix()


def unlocalized(target: str) -> str:
    """An include target without its language folder: "es/lessons/graph.py:add" and
    "en/lessons/graph.py:add" are both "lessons/graph.py:add" (the two pages' same include)."""
    first, _, rest = target.partition("/")
    return rest if first in LANGUAGES else target


def layout_problems(page: Page, docs: Path = DOCS) -> list[str]:
    """A page includes only its own module, and titles code blocks with it (its description is
    the page check `description`, tools/descriptions.py)."""
    module, problems = mirror_module(page, docs), []
    for example in page.examples:
        where = f"{display(page.path)}:{example.code.line}"
        for piece in example.pieces:
            if piece.target.partition(":")[0] != module:
                problems.append(
                    f'{where}: includes "{piece.target}"; fix: a page includes only '
                    f"its own module, in its own language: {module} (move the code there)"
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


def home_link_problems(home: Path, lesson: str | None = None) -> list[str]:
    """Each lesson of the home page's language (or just `lesson`, a file name) is linked from it
    by its `# title`."""
    links = {
        target: " ".join(text.split())
        for text, target in re.findall(
            r"\[([^\]]+)\]\((lessons/[\w-]+\.md)\)", home.read_text(encoding="utf-8")
        )
    }
    found = []
    for page in sorted((home.parent / "lessons").glob(lesson or "*.md")):
        title = next(h.title for h in parse_page(page).headings if h.level == 1)
        shown = links.get(f"lessons/{page.name}")
        if shown != title:
            found.append(
                f"{display(home)}: the link to lessons/{page.name} reads {shown!r}, but the "
                f"lesson's title is {title!r}; fix: link it by its title, in its part"
            )
    return found
