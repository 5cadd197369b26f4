"""Checks of the glossary (docs/<lang>/glossary.md), run by tests/test_glossary.py.

An entry is a `###` heading, `### Tensor hoja (*leaf tensor*) { #leaf-tensor }`, whose parentheses
give the term in the other language (a term written as code, `### `grad_fn` { #grad-fn }`, is the
same in both), followed by its definition. Two checks, each returning problems that name the file
and the fix:

- entry_problems: every entry names its other-language term and links to a page under lessons/;
- first_use_problems: the first time the Spanish lessons (in mkdocs.yml's nav order) use a term,
  its English term follows in parentheses: "tensor hoja (*leaf tensor*)", and the entry links to
  that lesson; an entry no lesson uses is a problem too. Only prose counts:
  front matter, headings, code blocks, inline code, maths and link texts are skipped. Matching is
  case-insensitive and by whole words, so an inflected form ("tensores hoja") is not a use;
- order_problems: the entries are in the alphabetical order of the glossary's language;
- missing_problems: every term a lesson defines, in bold with its English term after it
  ("la **pérdida** (*loss*)"), has an entry.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tools import prose
from tools.pages import DOCS, MKDOCS_YML, display, read_fences, read_headings, site_config

ENTRY_LEVEL = 3
NAME = "glossary.md"  # docs/<lang>/glossary.md
TERM = re.compile(r"^(?P<term>[^(]+?)\s*\(\s*\*(?P<other>[^*]+)\*\s*\)$")
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
# The prose a first use counts in: not headings, admonition titles, inline code, maths or
# link texts (often another page's title).
FIRST_USE_PROSE = frozenset({prose.TEXT, prose.ALT, prose.HTML})


@dataclass
class Entry:
    term: str  # as the heading shows it: "Tensor hoja", or "`grad_fn`"
    other: str | None  # the term in the other language, from the heading's parentheses
    anchor: str | None
    line: int
    body: str  # the definition: the text up to the next heading

    @property
    def is_code(self) -> bool:
        return self.term.startswith("`")


def entries(glossary: Path) -> list[Entry]:
    text = glossary.read_text(encoding="utf-8")
    lines = text.splitlines()
    headings = read_headings(text, read_fences(glossary, text))
    found = []
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        if heading.level != ENTRY_LEVEL:
            continue
        named = TERM.match(heading.title)
        body = "\n".join(lines[heading.line : following.line - 1 if following else len(lines)])
        term, other = (named["term"], named["other"]) if named else (heading.title, None)
        found.append(Entry(term.strip(), other, heading.anchor, heading.line, body))
    return found


def entry_problems(glossary: Path) -> list[str]:
    """Each entry gives its other-language term (unless it is code) and links to a lesson."""
    problems = []
    for entry in entries(glossary):
        where = f"{display(glossary)}:{entry.line}"
        if entry.other is None and not entry.is_code:
            problems.append(
                f"{where}: entry '{entry.term}' does not give the term in the other language; "
                f"fix: write the heading as `### {entry.term} (*<other-language term>*) "
                f"{{ #{entry.anchor or 'an-english-id'} }}`"
            )
        targets = [found["target"] for found in LINK.finditer(entry.body)]
        lessons = [t for t in targets if re.fullmatch(r"lessons/[\w-]+\.md(#[\w-]+)?", t)]
        if not lessons:
            problems.append(
                f"{where}: entry '{entry.term}' links to no lesson; fix: link the lesson that "
                "introduces it, e.g. [Title](lessons/<page>.md#<heading-anchor>)"
            )
        for target in lessons:
            if not (glossary.parent / target.partition("#")[0]).is_file():
                problems.append(
                    f"{where}: entry '{entry.term}' links to {target}, which does not exist; "
                    "fix: correct the link"
                )
    return problems


def plain(term: str) -> str:
    """A term without its emphasis, lower case: "Operación *in situ*" is "operación in situ"."""
    return term.replace("*", "").lower()


def pair_problems(spanish: Path, english: Path) -> list[str]:
    """The two glossaries hold the same entries (by anchor), each naming the other's term: the
    parentheses of one are the heading of the other, "Registrar (*track*)" / "Track (*registrar*)"
    (where both use the same word, "Hook (*gancho*)", the parentheses are a gloss)."""
    theirs = {entry.anchor: entry for entry in entries(english)}
    mine = {entry.anchor: entry for entry in entries(spanish)}
    problems = []
    for anchor, entry in mine.items():
        other = theirs.get(anchor)
        if other is None:
            problems.append(
                f"{display(spanish)}:{entry.line}: entry '{entry.term}' {{ #{anchor} }} has no "
                f"entry with that anchor in {display(english)}; fix: add it there, translated"
            )
            continue
        if plain(entry.term) == plain(other.term):
            continue  # the same word in both ("Hook (*gancho*)"): the parentheses are a gloss
        for one, two, path in ((entry, other, english), (other, entry, spanish)):
            named = plain(one.other or one.term)
            if not one.is_code and named != plain(two.term):
                problems.append(
                    f"{display(path)}:{two.line}: entry '{two.term}' {{ #{anchor} }} is named "
                    f"'{one.other}' in {display(spanish if path == english else english)}:"
                    f"{one.line}; fix: make the term in parentheses of one glossary the heading of "
                    "the other (one of them is wrong)"
                )
            elif one.is_code and one.term != two.term:
                problems.append(
                    f"{display(path)}:{two.line}: entry {two.term} {{ #{anchor} }} is "
                    f"{one.term} in the other glossary; fix: name the same code in both"
                )
    problems += [
        f"{display(english)}:{entry.line}: entry '{entry.term}' {{ #{anchor} }} has no entry with "
        f"that anchor in {display(spanish)}; fix: add it there, or remove it"
        for anchor, entry in theirs.items()
        if anchor not in mine
    ]
    return problems


def nav_lessons(lang: str = "es", docs: Path = DOCS, mkdocs_yml: Path = MKDOCS_YML) -> list[Path]:
    """The lesson pages of one language, in the order of mkdocs.yml's nav."""

    def flatten(items) -> list[str]:
        if isinstance(items, str):
            return [items]
        if isinstance(items, dict):
            return [page for value in items.values() for page in flatten(value)]
        return [page for item in items for page in flatten(item)]

    nav = site_config(mkdocs_yml)["nav"]
    return [docs / lang / page for page in flatten(nav) if page.startswith("lessons/")]


def words(phrase: str) -> str:
    """A regex for the phrase as whole words, across line breaks, in any case."""
    return r"(?<![\w-])" + r"\s+".join(map(re.escape, phrase.split())) + r"(?![\w-])"


def first_use_problems(glossary: Path, lessons: list[Path]) -> list[str]:
    """The first use of each Spanish term in the lessons is followed by "(*english term*)"."""
    pending = {entry.term.replace("*", ""): entry for entry in entries(glossary) if entry.other}
    problems = []
    for lesson in lessons:
        text = prose.readable(lesson, lesson.read_text(encoding="utf-8"), FIRST_USE_PROSE)
        for term, entry in list(pending.items()):
            used = re.search(words(term), text, re.IGNORECASE)
            if not used:
                continue
            del pending[term]
            if not any(
                target.partition("#")[0] == f"lessons/{lesson.name}"
                for target in (found["target"] for found in LINK.finditer(entry.body))
            ):
                problems.append(
                    f"{display(glossary)}:{entry.line}: entry '{term}' does not link to "
                    f"lessons/{lesson.name}, the first lesson that uses it; fix: link it there"
                )
            followed = re.compile(r"\s*\(\s*" + words(entry.other), re.IGNORECASE)
            same_word = term.lower() == entry.other.lower()  # «tensor (*tensor*)» tells nothing
            if not same_word and not followed.match(text, used.end()):
                line = text.count("\n", 0, used.start()) + 1
                found = " ".join(used.group().split())
                problems.append(
                    f"{display(lesson)}:{line}: first use of '{term}' in the lessons has no "
                    f"English term after it; fix: write '{found} (*{entry.other}*)' here "
                    f"(the term is defined in {display(glossary)}:{entry.line})"
                )
    for term, entry in pending.items():  # never used: a glossary of the course defines none
        problems.append(
            f"{display(glossary)}:{entry.line}: entry '{term}' is used by no lesson; fix: use "
            f"it in the lesson that teaches it, as '{term.lower()} (*{entry.other}*)' the first "
            "time, or remove the entry"
        )
    return problems + unused_code_entries(glossary, lessons)


def lesson_problems(lesson: Path, glossary: Path, lessons: list[Path]) -> list[str]:
    """What first_use_problems and missing_problems say about one lesson (`make check` runs it
    as the lesson's `glossary-use`): its first uses, and an entry that should link it."""
    if lesson not in lessons:
        return [f"{display(lesson)}: not in mkdocs.yml's nav; fix: add it to its part"]
    found = first_use_problems(glossary, lessons) + missing_problems(glossary, [lesson])
    return [problem for problem in found if f"lessons/{lesson.name}" in problem.split(";")[0]]


def unused_code_entries(glossary: Path, lessons: list[Path]) -> list[str]:
    """Entries written as code (`grad_fn`) appear, as code, in some lesson."""
    texts = [lesson.read_text(encoding="utf-8") for lesson in lessons]
    return [
        f"{display(glossary)}:{entry.line}: entry {entry.term} is used by no lesson; fix: use it "
        "in the lesson that teaches it, or remove the entry"
        for entry in entries(glossary)
        if entry.is_code and not any(entry.term.strip("`") in text for text in texts)
    ]


# A term a lesson defines: in bold, its English term right after it, "**pérdida** (*loss*)".
DEFINED = re.compile(r"\*\*(?P<term>[^*]+)\*\*\s*\(\s*\*(?P<other>[^*]+)\*\s*\)")


def sort_key(term: str, lang: str) -> str:
    """The term as the language's alphabetical order compares it: letter by letter, with case,
    accents, backticks, spaces and punctuation aside ("Inference tensor" before "In-place
    operation"), and in Spanish «ñ» after «n». Written here: no collation library is installed
    (PyICU needs the ICU C library; the locale module needs system locales)."""
    text = unicodedata.normalize("NFD", term.replace("`", "").replace("*", "").lower())
    if lang == "es":
        text = text.replace("n\u0303", "n\uffff")  # ñ: after every n..., before o
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9\uffff]+", "", text)


def order_problems(glossary: Path, lang: str) -> list[str]:
    """The entries follow the alphabetical order of the glossary's language."""
    found = entries(glossary)
    return [
        f"{display(glossary)}:{after.line}: entry '{after.term}' comes after '{before.term}' "
        f"(line {before.line}), out of alphabetical order; fix: move it before that entry"
        for before, after in itertools.pairwise(found)
        if sort_key(after.term, lang) < sort_key(before.term, lang)
    ]


def missing_problems(glossary: Path, lessons: list[Path]) -> list[str]:
    """Each term a lesson defines in bold with its English term ("**lote** (*batch*)") has a
    glossary entry of that name."""
    have = {" ".join(entry.term.replace("*", "").lower().split()) for entry in entries(glossary)}
    problems = []
    for lesson in lessons:
        text = lesson.read_text(encoding="utf-8")
        for found in DEFINED.finditer(text):
            term = " ".join(found["term"].split())
            if term.lower() not in have:
                line = text.count("\n", 0, found.start()) + 1
                problems.append(
                    f"{display(lesson)}:{line}: the lesson defines '{term}' "
                    f"(*{found['other']}*), which {display(glossary)} lacks; fix: add the entry "
                    f"`### {term[:1].upper()}{term[1:]} (*{found['other']}*)`, linking this lesson"
                )
    return problems
