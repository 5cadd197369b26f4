"""The error index (docs/<lang>/errors.md): every error and warning message the lessons show.

A lesson shows a message in an output block: the last line of an elided traceback
(`RuntimeError: ...`) or a warning (`UserWarning: ...`). The index explains each one. Its
explanations are prose written by hand, in each language; its messages and links are not: each
entry is a marker naming the message, then the part `make update-outputs` writes from the lessons'
verified outputs, then the explanation:

    <!-- message: RuntimeError: Mismatch in shape: grad_output[0] has a shape of … -->
    ### `Mismatch in shape: grad_output[0] has a shape of` { #mismatch-in-shape-... }   (written)
    ```message title="Salida"                                                           (written)
    RuntimeError: Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and ...
    ```
    Aparece en:                                                                         (written)

    - [Lección, Sección](lessons/non-scalar.md#anchor)                                 (written)
    <!-- end message -->

    **Qué significa.** ... **Cómo se arregla.** ...                                      (by hand)

The marker's message is a template: `…` stands for any text, so one entry (one explanation)
covers the variants of a message, each shown verbatim. A message is its first line: the data a
message carries on further lines (gradcheck's Jacobians) stays on the lesson.

`problems` says what is wrong, each problem tied to the file it concerns: a message no entry
explains (the lesson), an entry no lesson shows or without an explanation (the index), an entry
whose written part is stale (the index, and each lesson it concerns). tools/page_checks.py runs
them as doc tests of each page; tools/outputs.py rewrites the written parts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tools.glossary import nav_lessons
from tools.languages import LANGUAGE
from tools.pages import (
    DOCS,
    ELIDED_FRAMES,
    MKDOCS_YML,
    TRACEBACK_HEADER,
    Expander,
    Page,
    display,
    language,
    parse_page,
)

INDEX = "errors.md"
FENCE_LANG = "message"  # tools/pages.py lets a ```message block stand outside an example
WILDCARD = "…"
MARKER = re.compile(
    r"^<!-- message: (?P<template>.+?) -->\n(?P<written>.*?)^<!-- end message -->\n",
    re.MULTILINE | re.DOTALL,
)
WARNING = re.compile(r"^[A-Z]\w*Warning: .+$")
SEPARATOR = "\u203a"  # between a lesson's title and a section's, in an entry's links
SHORT_HEADING = 60  # a first sentence shorter than this takes the next one along
HEADING_LENGTH = 110  # an entry's heading: the message's first words, cut at a word
SLUG_WORDS = (
    6  # an entry's anchor: its heading's first words, more if an earlier entry's begin alike
)


@dataclass(frozen=True)
class Shown:
    """One message, shown by one output block of a lesson."""

    message: str  # its first line, verbatim: "RuntimeError: grad can be implicitly created ..."
    page: Path
    line: int  # of the output block
    anchor: str  # the section it is in
    link_text: str  # "Lesson title", a separator, "Section title"


@dataclass
class Entry:
    template: str
    line: int  # of the marker
    start: int  # offsets of the written part
    end: int
    explanation: str  # the prose after the end marker, up to the next entry or heading
    shown: list[Shown] = field(default_factory=list)

    def matches(self, message: str) -> bool:
        pieces = map(re.escape, self.template.split(WILDCARD))
        return re.fullmatch(".+?".join(pieces), message, re.DOTALL) is not None


def messages(body: str) -> list[str]:
    """The first line of each warning and of the error in an output block, in order."""
    lines = body.splitlines()
    end = lines.index(TRACEBACK_HEADER) if TRACEBACK_HEADER in lines else len(lines)
    found = [line for line in lines[:end] if WARNING.match(line)]
    rest = lines[end + 1 :]
    while rest and (rest[0] == ELIDED_FRAMES or rest[0].startswith(" ")):
        rest.pop(0)
    return found + rest[:1]


def lessons(docs: Path, lang: str, mkdocs_yml: Path = MKDOCS_YML) -> list[Path]:
    """A language's lessons, in the navigation's order (any outside it last, by name)."""
    in_nav = [page for page in nav_lessons(lang, docs, mkdocs_yml) if page.exists()]
    return in_nav + sorted(set((docs / lang / "lessons").glob("*.md")) - set(in_nav))


def shown_in(page: Page) -> list[Shown]:
    title = next((h.title for h in page.headings if h.level == 1), page.path.stem)
    found = []
    for example in page.examples:
        if example.output is None:
            continue
        section = [h for h in page.headings if h.level > 1 and h.line < example.output.line]
        heading = section[-1] if section else None
        anchor = heading.anchor if heading and heading.anchor else ""
        # A numbered section ("1. Una salida que no es un escalar") without its number, which
        # would read as a value the linked section states (tools/claims.py).
        section = re.sub(r"^\d+\.\s+", "", heading.title) if heading else ""
        text = f"{title} {SEPARATOR} {section}" if heading else title
        for message in messages(example.output.body):
            found.append(Shown(message, page.path, example.output.line, anchor, text))
    return found


def read_index(path: Path, text: str) -> list[Entry]:
    entries = []
    for found in MARKER.finditer(text):
        after = text[found.end() :]
        stop = re.search(r"^(?:#{1,6} |<!-- message: )", after, re.MULTILINE)
        explanation = after[: stop.start() if stop else len(after)]
        entries.append(
            Entry(
                template=found["template"],
                line=text.count("\n", 0, found.start()) + 1,
                start=found.start("written"),
                end=found.end("written"),
                explanation=explanation.strip(),
            )
        )
    return entries


def written_spans(text: str) -> list[tuple[int, int]]:
    """Where an index's written parts are: like output blocks, not what a translator
    translates (tools/translations.py leaves them out)."""
    return [(found.start("written"), found.end("written")) for found in MARKER.finditer(text)]


def slug(template: str) -> str:
    """An entry's anchor when no other entry begins with the same words: see `anchors`."""
    return anchors([template])[0]


def anchors(templates: Sequence[str]) -> list[str]:
    """Each entry's anchor, in the index's order: the first words of its heading, as an English
    id (the same in every language, since the messages are). Two messages often begin alike
    ("Function … returned an invalid gradient at index …"): an entry whose first words an
    earlier one shares takes words until they differ, and a number if it runs out of words
    first. So an entry added to the index never changes the anchor of one above it, and
    a link that was shared keeps working."""
    found: list[str] = []
    earlier: list[list[str]] = []
    for template in templates:
        words = slug_words(template)
        count = SLUG_WORDS
        while count < len(words) and any(other[:count] == words[:count] for other in earlier):
            count += 1
        anchor, number = "-".join(words[:count]), 1
        while anchor in found:
            number += 1
            anchor = f"{'-'.join(words[:count])}-{number}"
        found.append(anchor)
        earlier.append(words)
    return found


def slug_words(template: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", heading(template).lower()) or ["message"]


def heading(template: str) -> str:
    """The message's first sentence, and the next one while that is short, cut at a word if
    long; a part that varies stays `…`, so the words after it are in the heading too (search
    weighs a heading's words most)."""
    text = template.partition(": ")[2] or template
    sentences = re.split(r"(?<=\.)(?=\s+[A-Z]|[A-Z])", text)
    text = sentences[0]
    for sentence in sentences[1:]:
        if len(text) >= SHORT_HEADING:
            break
        text += sentence
    text = text.strip().rstrip(" .,;:" + WILDCARD)
    if len(text) > HEADING_LENGTH:
        text = text[: text.rindex(" ", 0, HEADING_LENGTH)].rstrip(" .,;:(") + WILDCARD
    return text


def code(text: str) -> str:
    """`text` as inline code, whatever backticks it holds."""
    ticks = "`" * (max(map(len, re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def written(entry: Entry, anchor: str, index: Path, lang: str) -> str:
    """The part of an entry `make update-outputs` writes: heading, messages, links."""
    variants = list(dict.fromkeys(shown.message for shown in entry.shown))
    links = []
    for page, section, text in dict.fromkeys((s.page, s.anchor, s.link_text) for s in entry.shown):
        target = page.relative_to(index.parent).as_posix() + (f"#{section}" if section else "")
        links.append(f"- [{text}]({target})")
    block = "\n".join(variants) if variants else WILDCARD
    # The block is titled as a lesson's output block, which it quotes (so it is styled, and
    # wraps on a phone, as one). The links are a list, not a sentence: the titles they link to
    # have colons of their own.
    return (
        f"### {code(heading(entry.template))} {{ #{anchor} }}\n\n"
        f'```{FENCE_LANG} title="{LANGUAGE[lang].output_title}"\n{block}\n```\n\n'
        f"{LANGUAGE[lang].errors_shown_in}:\n\n" + "\n".join(links or [f"- {WILDCARD}"]) + "\n"
    )


@dataclass
class Index:
    """An index page read against the lessons of its language."""

    path: Path
    text: str
    entries: list[Entry]
    shown: list[Shown]
    unmatched: list[Shown]  # messages no entry explains
    ambiguous: list[tuple[Shown, list[Entry]]]

    def anchor(self, entry: Entry) -> str:
        return anchors([each.template for each in self.entries])[self.entries.index(entry)]

    def written(self, entry: Entry) -> str:
        return written(entry, self.anchor(entry), self.path, language(self.path) or "en")

    @property
    def updated(self) -> str:
        """The page with every entry's written part up to date."""
        text = self.text
        for entry in reversed(self.entries):
            text = text[: entry.start] + self.written(entry) + text[entry.end :]
        return text


def read(
    docs: Path = DOCS,
    lang: str = "es",
    mkdocs_yml: Path = MKDOCS_YML,
    expander: Expander | None = None,
) -> Index:
    """The index of one language, read against the committed outputs of its lessons."""
    path = docs / lang / INDEX
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    entries = read_index(path, text)
    shown = [
        message
        for lesson in lessons(docs, lang, mkdocs_yml)
        for message in shown_in(parse_page(lesson, expander=expander))
    ]
    unmatched, ambiguous = [], []
    for message in shown:
        matching = [entry for entry in entries if entry.matches(message.message)]
        for entry in matching:
            entry.shown.append(message)
        if not matching:
            unmatched.append(message)
        elif len(matching) > 1:
            ambiguous.append((message, matching))
    return Index(path, text, entries, shown, unmatched, ambiguous)


def problems(index: Index) -> list[tuple[Path, str]]:
    """(the file a problem concerns, the problem naming the file, the line and the fix)."""
    where = display(index.path)
    lang = language(index.path) or "en"
    found: list[tuple[Path, str]] = []
    if not index.path.exists() and index.shown:
        found.append((index.path, f"{where} is missing; fix: write the error index"))
        return found
    for shown in index.unmatched:
        found.append(
            (
                shown.page,
                f"{display(shown.page)}:{shown.line}: shows a message {where} does not explain:\n"
                f"  {shown.message}\n  fix: add an entry to {where}, in the group it belongs "
                f"to:\n    <!-- message: {shown.message} -->\n    <!-- end message -->\n"
                f"  followed by what it means and the usual fix, in {LANGUAGE[lang].name} (use "
                f"{WILDCARD} for the parts that vary); then `make update-outputs "
                f"LESSON={shown.page.stem}` writes its message and links",
            )
        )
    for shown, entries in index.ambiguous:
        lines = ", ".join(str(entry.line) for entry in entries)
        found.append(
            (
                index.path,
                f"{where}:{lines}: entries match the same message, shown at "
                f"{display(shown.page)}:{shown.line}:\n  {shown.message}\n  fix: make their "
                "templates specific enough to tell them apart",
            )
        )
    for entry in index.entries:
        if not entry.shown:
            found.append(
                (
                    index.path,
                    f"{where}:{entry.line}: lists a message no lesson shows:\n  {entry.template}"
                    "\n  fix: remove the entry, or correct its template (… stands for any text)",
                )
            )
        if not entry.explanation:
            found.append(
                (
                    index.path,
                    f"{where}:{entry.line}: the entry for this message explains nothing:\n"
                    f"  {entry.template}\n  fix: after its `<!-- end message -->`, say what it "
                    "means and the usual fix",
                )
            )
    for entry in index.entries:
        current = index.text[entry.start : entry.end]
        if entry.shown and current != index.written(entry):
            lessons_of = sorted({s.page for s in entry.shown})
            fix = " ".join(f"make update-outputs LESSON={page.stem}" for page in lessons_of[:1])
            found.append(
                (
                    index.path,
                    f"{where}:{entry.line}: the entry for this message is out of date (its "
                    f"messages or links differ from what the lessons show):\n  {entry.template}"
                    f"\n  fix: run `{fix}` (any lesson's run rewrites the whole index)",
                )
            )
            for page in lessons_of:
                found.append(
                    (
                        page,
                        f"{where}:{entry.line}: its entry for a message this lesson shows is out "
                        f"of date:\n  {entry.template}\n  fix: run `make update-outputs "
                        f"LESSON={page.stem}`",
                    )
                )
    return found


def stale_indexes(docs: Path = DOCS) -> list[tuple[Path, str]]:
    """(index, its up-to-date text) for each language whose index is out of date."""
    stale = []
    for lang in LANGUAGE:
        index = read(docs, lang)
        if index.path.exists() and index.updated != index.text:
            stale.append((index.path, index.updated))
    return stale


def page_problems(
    page: Page, mkdocs_yml: Path = MKDOCS_YML, expander: Expander | None = None
) -> list[str]:
    """The problems about one page, a lesson or the index itself: a doc test of each page, so
    `make check LESSON=x` says when the lesson shows a message the index lacks."""
    path = page.path.resolve()
    lessons_folder = path.parent.name == "lessons"
    if page.lang is None or not (lessons_folder or path.name == INDEX):
        return []  # the home page, the glossary: they show no message
    docs = path.parent.parent.parent if lessons_folder else path.parent.parent
    if not (docs / page.lang / INDEX).exists():
        return []  # a site without an error index (a test fixture); tests/test_errors.py
        # checks that this one has one in every language
    found = problems(cached_read(docs, page.lang, mkdocs_yml, expander))
    return [problem for about, problem in found if about.resolve() == path]


def cached_read(docs: Path, lang: str, mkdocs_yml: Path, expander: Expander | None) -> Index:
    """`read(...)`, once for as long as no page of the language changes: every lesson's doc
    test asks, and each would read them all."""
    files = [*sorted((docs / lang).glob("**/*.md")), mkdocs_yml]
    state = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())
    key = (str(docs.resolve()), lang, str(mkdocs_yml), id(expander))
    if key not in CACHE or CACHE[key][0] != state:
        CACHE[key] = (state, read(docs, lang, mkdocs_yml, expander))
    return CACHE[key][1]


CACHE: dict[tuple, tuple] = {}
