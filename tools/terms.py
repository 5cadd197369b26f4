"""One term per concept: what a reader reads uses none of the variants STYLE.md bans.

    python -m tools.terms     # pages, snippet modules, notebook messages; exit 1 naming each

Read: every page's prose, glossary included (tools/prose.py: running text, headings, admonition
titles, descriptions, maths; not code, inline code, addresses or anchors); the
comments, docstrings and printed strings of every snippet module (as tools/code_language.py
reads them), in the module's language; the notebooks' messages (tools/notebook_text.py's `TEXT`,
imported: the strings a learner's notebook gets), in theirs; the labels of the pictures under
docs/<lang>/assets/ (what tools/graphs.py and tools/walks.py draw), in the folder's language.
Inline code is never checked.

Two kinds of rule, both listed in STYLE.md:
- Its term table (English | Español | Not in English | No en español). A variant is a word or
  phrase matched as whole words, in any case unless it has a capital letter (then it bans that
  spelling: "vector-Jacobiano"); in double quotes, exactly as written ("boolean", not
  "Boolean"); a trailing `*` matches any ending. The glossary's entry headings may name a
  variant on purpose ("Hook (*gancho*)"): the table does not read that gloss.
- PATTERNS below: what a regular expression can check precisely (italic `out` and a word `loss`
  in maths, a hyphen-minus before a number, "any more" ending a clause).
"""

from __future__ import annotations

import dataclasses
import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from tools import prose
from tools.code_language import INLINE_CODE, texts
from tools.languages import LANGUAGES
from tools.pages import DOCS, ROOT, Piece, all_pages, display, language
from tools.spelling import MATHS

STYLE = ROOT / "STYLE.md"
SNIPPETS = ROOT / "snippets"
COLUMNS = {"en": (0, 2), "es": (1, 3)}  # language: (preferred column, banned column)
# A glossary entry names the other language's term in parentheses: "### Hook (*gancho*)".
GLOSSARY_ENTRY = re.compile(r"^###\s.*$", re.MULTILINE)
GLOSS = re.compile(r"\(\*[^()\n]*\*\)")
FORMAT_FIELD = re.compile(r"\{[^{}\n]*\}")  # `{where}` in a notebook message: filled in later


@dataclass
class Rule:
    lang: str
    variant: str
    preferred: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Pattern:
    """A rule of STYLE.md that a regular expression checks precisely."""

    langs: tuple[str, ...]
    scope: str  # "maths" (inside $…$) or "text" (outside it)
    kinds: tuple[str, ...]  # of Text: "page", "code", "message"
    regex: re.Pattern
    problem: str
    fix: str


PATTERNS = [
    Pattern(
        LANGUAGES,
        "maths",
        ("page", "message"),
        re.compile(r"(?<![\\A-Za-z{])out(?![A-Za-z}])"),
        "writes out in italics, as a product o·u·t",
        r"write $\mathrm{out}$",
    ),
    Pattern(
        LANGUAGES,
        "maths",
        ("page", "message"),
        re.compile(
            r"\\(?:mathrm|mathit|text|operatorname)\{loss\}|(?<![\\A-Za-z{])loss(?![A-Za-z}])"
        ),
        "names the loss with a word",
        "write $L$",
    ),
    Pattern(
        LANGUAGES,
        "text",
        ("page", "message"),
        re.compile(r"(?<![\w.\-])-\d[\d.]*"),
        "has a hyphen for a minus sign",
        "write it in maths, ${used}$, which shows a real minus sign",
    ),
    Pattern(
        ("en",),
        "text",
        ("page", "code", "message"),
        re.compile(r"\bany\s+more(?=\s*(?:[.,;:!?)]|$))", re.IGNORECASE | re.MULTILINE),
        "is British spelling for the adverb",
        "write anymore",
    ),
]


@dataclass(frozen=True)
class Text:
    """Something a reader reads, in one language, and where it is. Offsets are the same in
    `text`, `words` and `maths`."""

    file: Path
    line: int  # of its first line
    lang: str
    kind: str  # "page", "code" or "message"
    text: str  # what the term table reads: code and format fields blanked
    words: str  # the same without maths, for the patterns of running text
    maths: tuple[tuple[int, str], ...]  # each formula: its offset, its source without the `$`
    label: str = ""  # which message: TEXT['es']['how_to_check']
    search_from: int | None = None  # a message's place: the line its words are on, from here

    @classmethod
    def of(cls, file: Path, line: int, lang: str, kind: str, text: str, **more) -> Text:
        """A text that is not a page: its maths found by its `$…$`."""
        maths = tuple((m.start(), m.group().strip("$")) for m in MATHS.finditer(text))
        return cls(file, line, lang, kind, text, MATHS.sub(blank, text), maths, **more)

    def line_of(self, offset: int, used: str) -> int:
        if self.search_from is None:
            return self.line + self.text.count("\n", 0, offset)
        lines = self.file.read_text(encoding="utf-8").splitlines()
        word = re.compile(rf"(?<!\w){re.escape(used)}(?!\w)")  # not in `short_tracebacks=`
        return next(
            (n for n in range(self.search_from, len(lines) + 1) if word.search(lines[n - 1])),
            self.line,
        )

    @property
    def where(self) -> str:
        return display(self.file)


def rules(style: Path = STYLE) -> list[Rule]:
    """The banned variants of STYLE.md's term table, each with the term to use instead."""
    found = []
    for line in style.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 4 or set(cells[0]) <= {"-", " "}:
            continue
        for lang, (preferred, banned) in COLUMNS.items():
            for variant in filter(None, (v.strip() for v in cells[banned].split(","))):
                exact = len(variant) > 2 and variant[0] == variant[-1] == '"'
                bare = variant.strip('"') if exact else variant
                words = r"\s+".join(re.escape(word) for word in bare.rstrip("*").split())
                ending = r"\w*" if bare.endswith("*") else ""
                flags = 0 if exact or bare != bare.lower() else re.IGNORECASE
                pattern = re.compile(rf"(?<![\w-]){words}{ending}(?![\w-])", flags)
                found.append(Rule(lang, bare, cells[preferred], pattern))
    return [rule for rule in found if rule.preferred not in ("English", "Español")]


def blank(found: re.Match) -> str:
    return re.sub(r"[^\n]", " ", found.group())


def page_texts(pages: list[Path]) -> list[Text]:
    """Each page's prose (page_text)."""
    return [page_text(path, path.read_text(encoding="utf-8")) for path in pages]


def page_text(path: Path, text: str) -> Text:
    """A page's prose, as tools/prose.py reads it; the other language's term that a glossary
    entry names in parentheses left out of what the table reads."""
    maths = tuple(
        (span.start, span.text) for span in prose.spans(path, text) if span.kind == prose.MATH
    )
    words = prose.readable(path, text, prose.READ - {prose.MATH})
    table = prose.readable(path, text)
    if path.name == "glossary.md":
        for heading in GLOSSARY_ENTRY.finditer(text):
            for gloss in GLOSS.finditer(text, heading.start(), heading.end()):
                table = table[: gloss.start()] + blank(gloss) + table[gloss.end() :]
    return Text(path, 1, language(path) or "", "page", table, words, maths)


def snippet_modules(snippets: Path = SNIPPETS) -> list[Path]:
    return sorted(path for lang in LANGUAGES for path in (snippets / lang).rglob("*.py"))


def code_texts(modules: list[Path]) -> list[Text]:
    """The comments, docstrings and printed strings of each module, in its language."""
    found = []
    for module in modules:
        whole = Piece(display(module), module, 1, module.read_text(encoding="utf-8"))
        lang = language(module) or ""
        found += [
            Text.of(module, text.line, lang, "code", INLINE_CODE.sub(blank, text.text))
            for text in texts(whole)
        ]
    return found


def notebook_messages(module: ModuleType | None = None) -> list[Text]:
    """The strings of a module's `TEXT` (tools/notebook_text.py's: what the notebooks say), read
    through an import, as the notebooks get them. A language's table is a dict or a dataclass."""
    if module is None:
        from tools import notebook_text as module
    source = Path(module.__file__)
    lines = source.read_text(encoding="utf-8").splitlines()
    found = []

    def walk(value, keys: list[str], lang: str, start: int) -> None:
        if dataclasses.is_dataclass(value):
            value = {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, [*keys, key], lang, start)
        elif isinstance(value, str):
            text = FORMAT_FIELD.sub(blank, INLINE_CODE.sub(blank, value))
            label = "TEXT" + "".join(f"[{key!r}]" for key in keys)
            found.append(
                Text.of(source, start, lang, "message", text, label=label, search_from=start)
            )

    for lang, table in module.TEXT.items():
        # Where the table opens: its key in TEXT (`"es": {`) or its own name (`SPANISH = ...`).
        names = [name for name, value in vars(module).items() if value is table]
        openings = [rf"[\"']{lang}[\"']\s*:", *(rf"{name}\s*=" for name in names)]
        opening = re.compile(rf"^\s*(?:{'|'.join(openings)})")
        start = next((n for n, line in enumerate(lines, 1) if opening.match(line)), 1)
        walk(table, [lang], lang, start)
    return found


def check(items: list[Text], style: Path = STYLE) -> list[str]:
    """Each banned variant of the table and each pattern found, naming file, line and fix."""
    table = rules(style)
    found = []

    def report(item: Text, start: int, used: str, problem: str, fix: str) -> None:
        line = item.line_of(start, used.splitlines()[0])
        label = f" ({item.label})" if item.label else ""
        shown = " ".join(used.split())
        message = f"{item.where}:{line}{label}: '{shown}' {problem}\n  fix: {fix}"
        found.append(((item.where, line, start), message))

    for item in items:
        matches = [
            (used, rule)
            for rule in table
            if rule.lang == item.lang
            for used in rule.pattern.finditer(item.text)
        ]
        reported: list[range] = []
        for used, rule in sorted(matches, key=lambda m: m[0].start() - m[0].end()):  # longest first
            if any(used.start() in span for span in reported):
                continue  # inside a longer variant already reported ("dejar de rastrear")
            reported.append(range(used.start(), used.end()))
            problem = f"is not the site's term (STYLE.md bans '{rule.variant}')"
            report(item, used.start(), used.group(), problem, f"write {rule.preferred}")
        for rule in PATTERNS:
            if item.lang not in rule.langs or item.kind not in rule.kinds:
                continue
            if rule.scope == "maths":
                hits = [
                    (start, f"${maths}$") for start, maths in item.maths if rule.regex.search(maths)
                ]
            else:
                hits = [(hit.start(), hit.group()) for hit in rule.regex.finditer(item.words)]
            for start, used in hits:
                fix = rule.fix.replace("{used}", used)
                report(item, start, used, f"{rule.problem} (STYLE.md)", fix)
    return [message for _, message in sorted(found)]


# A label of an SVG picture: Graphviz writes one <text> per line of a label.
SVG_TEXT = re.compile(r"<text\b[^>]*>(?P<text>[^<]*)</text>")


def figures(docs: Path = DOCS) -> list[Path]:
    return sorted(path for lang in LANGUAGES for path in (docs / lang / "assets").glob("*.svg"))


def figure_texts(svgs: list[Path]) -> list[Text]:
    """Each picture's labels, one line each, so that "paso hacia / atrás" still reads as one
    phrase; the line is the label's (the fix is in the code that draws it)."""
    found = []
    for svg in svgs:
        labels = [html.unescape(m["text"]) for m in SVG_TEXT.finditer(svg.read_text("utf-8"))]
        found.append(Text.of(svg, 1, language(svg) or "", "figure", "\n".join(labels)))
    return found


def problems(
    pages: list[Path],
    style: Path = STYLE,
    modules: list[Path] | None = None,
    messages: list[Text] | None = None,
    svgs: list[Path] | None = None,
) -> list[str]:
    """Each banned variant or pattern in the pages, the modules' text, the messages and the
    pictures' labels."""
    texts = page_texts(pages) + code_texts(modules or []) + (messages or [])
    return check(texts + figure_texts(svgs or []), style)


def main() -> int:
    found = problems(
        all_pages(), modules=snippet_modules(), messages=notebook_messages(), svgs=figures()
    )
    print("\n".join(found))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
