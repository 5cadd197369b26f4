"""Every value a page's prose states is bound: printed where it is said, and said in both languages.

    python -m tools.claims                  # check every page; exit 1 naming each unbound value
    python -m tools.claims docs/es/lessons/graph.md ...

A stated value is, in the prose (read by tools/prose.py: running text, tables, admonitions,
exercise solutions, maths, inline code, alternative texts, the description; not headings):

- a number of any size, with its sign: `3.5410`, `−0.8`, `2`, `$2^{-22}$`, `$2.3842 \\cdot
  10^{-7}$`, a coefficient in a formula (`$\\frac{1}{3} \\cdot 2$`); after `\\approx` or `≈` it may
  be the printed value rounded to the digits it shows;
- `True`, `False` or `None`;
- a shape: `(3, 1)`, "three rows and one column", "3×3";
- inline code holding a value: `` `[[1., 2., 3.]]` ``, `` `retain_graph=True` ``.

Each must be (b) printed by an output block of its own section (the text under a heading, or one
exercise of a list whose items show code), or written in that section's included code; inline
code as written, `True`/`False`/`None` printed. A page without code (the glossary, the home page)
binds a section to the sections its links point to. And (a) the two languages of a page state
the same values in the same order, section by section. In a section that prints all of `True`,
`False` and `None`, a literal must be on the output line the prose names, or printed by the
expression it names (tools/printed_lines.py); inline code in a heading states nothing.

Not values: a version after "PyTorch", "torch" or "Python" (it must be the installed one), and
counts: an integer in digits, in running text, followed by a word other than the language's
`value_words` (tools/languages.py): "3 values", "10 steps", "32 ejemplos". Anything else that is
stated but printed nowhere is marked where it stands, with a reason, and counted by `make bench`:

    the derivative at 0<!-- unchecked: a point of the domain, not a result -->

The comment follows the value with no space (a reader would see the space before a comma) and
exempts it (all values of the maths or inline code right before it). `make update-outputs`
rewrites stated numbers it can pair with their new printed values (tools/numbers.py).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import platform
import re
import sys
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from tools import printed_lines, prose
from tools.languages import LANGUAGE
from tools.pages import Page, all_pages, display, language, parse_page

# Prose may write a minus sign (U+2212) or multiplication sign (U+00D7) as such.
MINUS, TIMES = "\u2212", "\u00d7"
SIGN = rf"(?P<sign>[-{MINUS}])?"
# Not inside a word, a subscript or an exponent: `x_12`, `x^{10}`, `Backward0` are not numbers.
BEFORE = r"(?<![\w.^])(?<!\^\{)(?<!_\{)"
QUOTE = re.compile(
    BEFORE
    + rf"(?:(?P<approx>(?:\\approx|≈)\s*)(?=[-{MINUS}\d]))?"
    + r"(?P<number>"
    + SIGN
    + rf"(?:(?P<mantissa>\d+(?:\.\d+)?)\s*(?P<times>\\cdot|\\times|·|{TIMES})\s*10\^"
    + rf"(?:\{{(?P<exp>[-{MINUS}]?\d+)\}}|(?P<exp1>\d))"
    + rf"|(?P<base>\d+)\^(?:\{{(?P<power>[-{MINUS}]?\d+)\}}|(?P<power1>\d))"
    + r"|(?P<plain>\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)))"
    + r"(?![\w.]*\d)"
)
VERSION = re.compile(r"\b(?P<name>PyTorch|torch|Python)\s+(?P<version>\d+(?:\.\d+)+)")
# A number as Python prints it: `3.5410`, `-7.1511e-05`, `1.` (a float tensor), `3` (a size).
PRINTED = re.compile(r"(?<![\w.])-?(?:\d+\.?\d*)(?:e[-+]\d+)?(?![\w.]*\d)")
LITERAL = re.compile(r"(?<![\w.])(?:True|False|None)(?![\w])")
# In running text, a literal written as code without backticks (descriptions cannot have them):
# `requires_grad_(False)`, `create_graph=True` name code, they state no value.
NAMED_LITERAL = re.compile(r"(?<![\w.=(])(?:True|False|None)(?![\w)])")
# A shape written as such: 3×3, 32 × 64; `(3, 1)` is one only after the word (tools/languages.py).
SHAPE = re.compile(r"(?<![\w.])(\d+)\s*×\s*(\d+)(?!\w)")
SIZE = re.compile(r"torch\.Size\(\[(?P<dims>[\d, ]*)\]\)")
EXEMPT = re.compile(r"<!--\s*unchecked:\s*(?P<reason>\S.*?)\s*-->", re.DOTALL)
ELSEWHERE = re.compile(r"<!--\s*printed in (?P<sections>#[\w/-]+(?:,\s*#[\w/-]+)*)\s*-->")
HEADING_LINE = re.compile(r" {0,3}#{1,6}\s")  # inline code or maths in a heading states nothing
RUNNING = {prose.TEXT, prose.LINK, prose.ALT, prose.TITLE, prose.DESCRIPTION, prose.HTML}
STATED = RUNNING | {prose.MATH, prose.CODE}
FIX = (
    "fix: state what this section prints (print a value derived by hand in this section's "
    "code too); if the outputs changed, `make update-outputs` rewrites the numbers it can "
    "pair; if another section prints it, write `<!-- printed in #<section> -->` right after "
    "it; if it is no result of the code, `<!-- unchecked: <why> -->`"
)


@dataclass(frozen=True)
class Claim:
    """A value the prose states."""

    kind: str  # "number", "literal" (True/False/None), "shape" or "code" (inline code)
    text: str  # as written: "2.3842 \cdot 10^{-7}", "True", "three rows and one column"
    value: object  # Decimal, "True", (3, 1), or the inline code with its spaces normalised
    start: int
    end: int
    line: int
    section: str
    span: prose.Span
    signed: bool = False  # a number written with its sign
    approx: bool = False  # after \approx: may be a printed value rounded to its digits
    form: str = "plain"  # a number's notation: "plain", "scientific", "power" or "version"
    rule: str | None = None  # why (b) does not apply: "count", "reference" or "formula"
    exempt: str | None = None  # the reason of its `<!-- unchecked: ... -->`
    printed_in: tuple[str, ...] = ()  # the sections its `<!-- printed in #a, #b -->` names

    def matches(self, printed: Decimal) -> bool:
        if self.value == printed:
            return True
        if not self.approx or printed.is_zero() or not printed.is_finite():
            return False
        return printed.quantize(Decimal(1).scaleb(self.value.as_tuple().exponent)) == self.value

    @property
    def shown(self) -> str:
        return " ".join(self.text.split())


def number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(MINUS, "-"))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def printed_numbers(text: str) -> list[Decimal]:
    return [v for found in PRINTED.finditer(text) if (v := number(found.group())) is not None]


def number_claims(span: prose.Span, lang: str) -> list[Claim]:
    versions = {m.start("version") for m in VERSION.finditer(span.text)}
    found = []
    for quote in QUOTE.finditer(span.text):
        sign = -1 if quote["sign"] else 1
        if quote["mantissa"]:
            exponent = int((quote["exp"] or quote["exp1"]).replace(MINUS, "-"))
            value, form = Decimal(quote["mantissa"]).scaleb(exponent), "scientific"
        elif quote["base"]:
            power = int((quote["power"] or quote["power1"]).replace(MINUS, "-"))
            value, form = Decimal(quote["base"]) ** power, "power"
        else:
            value = number(quote["plain"])
            form = "version" if quote.start("plain") in versions else "plain"
        rule = count_rule(span.text, quote, lang) if span.kind in RUNNING else None
        start = span.start + quote.start("number")
        found.append(
            Claim(
                "number",
                quote.group("number"),
                sign * value,
                start,
                span.start + quote.end(),
                span.line + span.text.count("\n", 0, quote.start()),
                span.section,
                span,
                signed=bool(quote["sign"]),
                approx=bool(quote["approx"]),
                form=form,
                rule=rule,
            )
        )
    return found


def count_rule(text: str, quote: re.Match, lang: str) -> str | None:
    """ "count" for an integer in digits followed by a word that is not one of the words that may
    follow a value ("is 2 and", "vale 2 y"): "3 values", "32 ejemplos"; "reference" for a
    numbered part's number, after one of the language's `labels`: "exercise 3"."""
    if quote["sign"] or not quote["plain"] or not quote["plain"].isdigit():
        return None
    before = re.search(r"(\w+)[ \t\n]+$", text[: quote.start()])
    if before and before[1].lower() in LANGUAGE[lang].labels:
        return "reference"
    following = re.match(r"[ \t\n]+(\w+)", text[quote.end() :])
    word = following[1].lower() if following else ""
    counted = bool(word) and not word[0].isdigit() and word not in LANGUAGE[lang].value_words
    return "count" if counted else None


def is_formula_constant(claim: Claim) -> bool:
    """In maths, an integer below 10 without a decimal point: a coefficient, a denominator, a
    bound of a sum, a component of a basis vector (`$\\frac{1}{3} \\cdot 2y_i$`)."""
    integer = claim.text.lstrip("-" + MINUS).isdigit()
    return claim.form == "plain" and integer and abs(claim.value) < 10


def is_literal(code: str) -> bool:
    """Inline code that is a value as Python writes or prints it: `0.5`, `[[1., 2., 3.]]`,
    `(3, 1)`, `tensor([2., 2., 2.])`, `torch.Size([3, 1])`; not code that computes one."""
    if "..." in code:
        return False  # a schematic: {"SGD": [...]}
    inner = re.fullmatch(r"(?:tensor|torch\.Size)\((.*)\)", code, re.DOTALL)
    values = re.sub(r",\s*(?:grad_fn|requires_grad|dtype)=.*$", "", inner[1]) if inner else code
    try:
        ast.literal_eval(values)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False
    return True


def shape_claims(span: prose.Span, lang: str) -> list[Claim]:
    """Shapes in words ("three rows and one column") and written as (3, 1) or 3×3."""
    words = LANGUAGE[lang]
    numeral = "|".join(sorted(words.numbers, key=len, reverse=True)) + r"|\d+"
    in_words = re.compile(
        rf"\b(?P<rows>{numeral})\s+(?:{words.rows})\s+(?:{words.and_})\s+"
        rf"(?P<columns>{numeral})\s+(?:{words.columns})\b",
        re.IGNORECASE,
    )
    found = []
    for shape in in_words.finditer(span.text):
        value = tuple(as_integer(shape[name], words.numbers) for name in ("rows", "columns"))
        found.append(claim_at(span, shape, "shape", value))
    named = re.compile(rf"\b(?:{words.shape})\s+`?(\((\d+),\s*(\d+)\))", re.IGNORECASE)
    for shape in [*SHAPE.finditer(span.text), *named.finditer(span.text)]:
        value = tuple(int(group) for group in shape.groups()[-2:])
        found.append(claim_at(span, shape, "shape", value))
    return found


def shape_of(nested) -> tuple[int, ...]:
    return (len(nested), *shape_of(nested[0])) if isinstance(nested, list) and nested else ()


def printed_shapes(text: str) -> set[tuple[int, ...]]:
    """The shapes of the tensors a text prints, and the sizes it prints (`torch.Size([3, 1])`)."""
    found = {tuple(int(d) for d in m["dims"].split(",") if d.strip()) for m in SIZE.finditer(text)}
    for start in (m.end() for m in re.finditer(r"\btensor\(\s*(?=\[)", text)):
        depth, end = 0, start
        while end < len(text):
            depth += {"[": 1, "]": -1}.get(text[end], 0)
            if depth == 0:
                break
            end += 1
        # Every element as 0, so that nan, inf and 1.5410e-05 read as Python.
        nested = re.sub(r"[^\[\],\s]+", "0", text[start : end + 1])
        with contextlib.suppress(ValueError, SyntaxError):
            found.add(shape_of(ast.literal_eval(nested)))
    return found


def as_integer(word: str, numbers: dict[str, int]) -> int:
    return int(word) if word.isdigit() else numbers[word.lower()]


def claim_at(span: prose.Span, found: re.Match, kind: str, value: object) -> Claim:
    start = span.start + found.start()
    line = span.line + span.text.count("\n", 0, found.start())
    end = span.start + found.end()
    return Claim(kind, found.group(), value, start, end, line, span.section, span)


def span_claims(span: prose.Span, lang: str) -> list[Claim]:
    if span.kind == prose.CODE:
        value = " ".join(span.text.split())
        whole = re.match(r"(?s).*", span.text)
        if LITERAL.fullmatch(value):
            return [claim_at(span, whole, "literal", value)]
        return [claim_at(span, whole, "code", value)] if is_literal(value) else []
    found = number_claims(span, lang)
    alone = [c.text for c in found] == [span.text.strip()]  # `$-4$` is a value, not a formula
    if span.kind == prose.MATH and not alone:  # a formula's own constants: (a) binds them
        found = [replace(c, rule="formula") if is_formula_constant(c) else c for c in found]
    if span.kind != prose.MATH:
        found += [
            claim_at(span, m, "literal", m.group()) for m in NAMED_LITERAL.finditer(span.text)
        ]
    shapes = shape_claims(span, lang)
    if shapes:  # the numbers of a shape are the shape
        inside = [range(s.start, s.end) for s in shapes]
        found = [c for c in found if not any(c.start in r for r in inside)] + shapes
    return sorted(found, key=lambda claim: claim.start)


def claims(path: Path, text: str) -> list[Claim]:
    """Every value the page's prose states, in order, with its exemption if marked."""
    lang = language(path) or "en"
    spans = prose.spans(path, text)
    lines = text.splitlines()
    found = [
        claim
        for span in spans
        if span.kind in STATED and not HEADING_LINE.match(lines[span.line - 1])
        for claim in span_claims(span, lang)
    ]
    for comment in (s for s in spans if s.kind == prose.COMMENT):
        exempt, elsewhere = EXEMPT.search(comment.text), ELSEWHERE.search(comment.text)
        before = [c for c in found if c.end <= comment.start]
        if not (exempt or elsewhere) or not before:
            continue
        last = before[-1]
        if last.span.kind in (prose.MATH, prose.CODE):  # the whole maths or code before it
            marked = [c for c in before if c.span == last.span]
        else:
            marked = [last]
        for claim in marked:
            found[found.index(claim)] = replace(
                claim,
                exempt=exempt["reason"] if exempt else None,
                printed_in=tuple(re.findall(r"#([\w/-]+)", elsewhere["sections"]))
                if elsewhere
                else (),
            )
    return found


# --- What a section prints and holds -----------------------------------------------------


@dataclass
class Bound:
    """What a section shows: its output blocks and its included code (without comments)."""

    printed: str = ""
    code: str = ""

    def numbers(self) -> list[Decimal]:
        return printed_numbers(self.printed) + printed_numbers(self.code)

    def holds(self, claim: Claim) -> bool:
        if claim.kind == "number":
            return any(claim.matches(value) for value in self.numbers())
        if claim.kind == "literal":
            return re.search(rf"(?<![\w.]){claim.value}(?!\w)", self.printed) is not None
        if claim.kind == "shape":
            return claim.value in printed_shapes(self.printed)
        flat = " ".join((self.printed + "\n" + self.code).split())
        return claim.value in flat


def bounds(page: Page) -> dict[str, Bound]:
    """Each section's output blocks and included code."""
    owner = {
        line: section.key
        for section in prose.sections(page.path, page.text)
        for line in section.fences
    }
    found: dict[str, Bound] = {}
    for example in page.examples:
        bound = found.setdefault(owner.get(example.code.line, ""), Bound())
        code = "\n".join(piece.code for piece in example.pieces)
        bound.code += "\n" + "\n".join(line.split("#", 1)[0] for line in code.splitlines())
        if example.output is not None:
            bound.printed += "\n" + example.output.body
    return found


def merged(parts) -> Bound:
    whole = Bound()
    for part in parts:
        whole.printed += part.printed
        whole.code += part.code
    return whole


def linked_bounds(page: Page, span: prose.Span) -> Bound:
    """What the sections a code-less page links to show: the glossary states what lessons print."""
    section = [s for s in prose.spans(page.path, page.text) if s.section == span.section]
    start, end = section[0].start, section[-1].end
    shown = []
    for target in re.findall(r"\]\(([^)\s#]+\.md)(?:#([\w-]+))?\)", page.text[start:end]):
        linked = (page.path.parent / target[0]).resolve()
        if not linked.is_file():
            continue  # tools/links.py reports it
        shown += [
            bound
            for key, bound in bounds(parse_page(linked)).items()
            if not target[1] or key == target[1] or key.startswith(f"{target[1]}/")
        ]
    return merged(shown)


def outputs(page: Page) -> list[tuple[str, int, list[printed_lines.Printed]]]:
    """Each output block: its section, where it ends, its lines with what printed them."""
    owner = {
        line: section.key
        for section in prose.sections(page.path, page.text)
        for line in section.fences
    }
    found = []
    for example in page.examples:
        if example.output is None:
            continue
        code = "\n".join(piece.code for piece in example.pieces)
        lines = printed_lines.printed_lines(code, example.output.body)
        found.append((owner.get(example.code.line, ""), example.output.end, lines))
    return found


def line_bounds(page: Page, claim: Claim, shown: list | None = None):
    """For `True`/`False`/`None`: the text of the output line(s) the prose says print it (see
    tools/printed_lines.py) and how it says so, the surest first; none if it names neither."""
    if claim.kind != "literal" or not page.examples:
        return
    spans = [s for s in prose.spans(page.path, page.text) if s.block == claim.span.block]
    start, end = (spans[0].start, spans[-1].end) if spans else (claim.start, claim.end)
    ends = list(printed_lines.SENTENCE_END.finditer(page.text, start, claim.start))
    sentence_start = ends[-1].end() if ends else start
    after = printed_lines.SENTENCE_END.search(page.text, claim.end, end)
    sentence = page.text[sentence_start : after.end() if after else end]
    lang = language(page.path) or "en"
    shown = outputs(page) if shown is None else shown
    section = [p for key, _, lines in shown if key == claim.section for p in lines]
    before = [lines for key, stop, lines in shown if key == claim.section and stop <= start]

    def nth(line: int | None) -> str | None:
        index = line - 1 if line and line > 0 else line
        ok = before and index is not None and -len(before[-1]) <= index < len(before[-1])
        return before[-1][index].line if ok else None

    if (text := nth(printed_lines.ordinal(lang, sentence, ""))) is not None:
        yield text, "the output line the sentence names is"
    codes = [
        s.text
        for s in spans
        if s.kind == prose.CODE
        and sentence_start <= s.start < claim.start
        and not LITERAL.fullmatch(" ".join(s.text.split()))
    ]
    if codes:
        expression = " ".join(codes[-1].split())
        if (text := printed_lines.by_expression(expression, section)) is not None:
            yield text, f"the print arguments naming `{expression}` show"
    earlier = page.text[start:sentence_start]
    if (text := nth(printed_lines.ordinal(lang, sentence, earlier))) is not None:
        yield text, "the output line its paragraph names is"


def version_problem(claim: Claim) -> str | None:
    name = next(m["name"] for m in VERSION.finditer(claim.span.text) if m["version"] == claim.text)
    if name == "Python":
        installed = platform.python_version()
    else:
        import torch

        installed = torch.__version__
    wanted = installed.split("+")[0].split(".")
    if claim.text.split(".") == wanted[: len(claim.text.split("."))]:
        return None
    return f"says version {claim.text}, but {installed} is installed"


def bound_of(page: Page, claim: Claim, sections: dict[str, Bound]) -> Bound:
    """What a stated value may be: what its section (and those its comment names) shows; for the
    description, what the page shows; on a page without code, what the sections it links show."""
    if claim.printed_in:
        return merged(sections.get(k, Bound()) for k in (claim.section, *claim.printed_in))
    if claim.span.kind == prose.DESCRIPTION:
        return merged(sections.values())
    if not page.examples:
        return linked_bounds(page, claim.span)
    return sections.get(claim.section, Bound())


def every_literal(text: str) -> bool:
    return all(printed_lines.shows(text, value) for value in printed_lines.LITERALS)


def literal_problem(page: Page, claim: Claim, bound: Bound, lines: list) -> str | None:
    """A `True`/`False`/`None` its section prints: bound to the line that prints it, where the
    prose names that line or its expression; it must be, where the section prints all three."""
    if not every_literal(bound.printed) or not page.examples:
        return None
    tight = () if claim.printed_in else line_bounds(page, claim, lines)
    for text, how in tight:
        if every_literal(text):
            continue
        if printed_lines.shows(text, claim.value):
            return None
        shown = " ".join(text.split())
        return (
            f"{how} `{shown}`\n  fix: state what that line prints (or name the expression or "
            "the line that prints what you state)"
        )
    return (
        "its section prints True, False and None, so any of them would pass here\n  fix: "
        "name what prints it, as inline code before it in the sentence (`x.is_leaf` is "
        "`True`), or the output line (the second line shows `True`), see "
        "tools/printed_lines.py; if it is no result of the code, `<!-- unchecked: <why> -->`"
    )


def unbound(page: Page, hint=None, stated: list[Claim] | None = None, shown=None) -> list[str]:
    """(b): each stated value that its section neither prints nor holds in its code. `hint(claim)`
    may add what the run prints now where the value was printed when last committed; `stated`
    and `shown` (the page's claims and bounds) may be given, as the mutation test does."""
    found = []
    sections = bounds(page) if shown is None else shown
    lines = None
    for claim in claims(page.path, page.text) if stated is None else stated:
        where = f"{display(page.path)}:{claim.line}"
        if claim.form == "version":
            problem = version_problem(claim)
            if problem:
                found.append(f"{where}: the prose {problem}\n  fix: correct it")
            continue
        if claim.exempt or claim.rule or claim.span.kind == prose.HEADING:
            continue
        bound = bound_of(page, claim, sections)
        if bound.holds(claim) and claim.kind == "literal":
            lines = outputs(page) if lines is None else lines
            problem = literal_problem(page, claim, bound, lines)
            if problem:
                found.append(f"{where}: the prose states {claim.shown}, but {problem}")
            continue
        if bound.holds(claim):
            continue
        what = {
            "number": "no output block of this section prints it and its code does not hold it",
            "literal": "no output block of this section prints it",
            "shape": "no output block of this section prints that shape",
            "code": "no output block of this section prints it as written, nor its code",
        }[claim.kind]
        if claim.printed_in:
            named = ", ".join(f"#{key}" for key in claim.printed_in)
            what = f"neither this section nor {named}, which its comment names, shows it"
        elif not page.examples:
            what = "no section it links to shows it"
        now = hint(claim) if hint and claim.kind == "number" else ""
        found.append(f"{where}: the prose states {claim.shown}, but {what}{now}\n  {FIX}")
    return found


def twin(path: Path) -> Path | None:
    """The same page in the other language."""
    lang = language(path)
    if lang is None:
        return None
    parts = list(Path(path).parts)
    index = len(parts) - 1 - parts[::-1].index(lang)
    other = next(code for code in LANGUAGE if code != lang)
    parts[index] = other
    found = Path(*parts)
    return found if found.is_file() else None


def key(claim: Claim) -> tuple:
    return (claim.kind, claim.value)


def differing(
    page: Page,
    other_text: str,
    other: Path,
    mine: list[Claim] | None = None,
    theirs: list[Claim] | None = None,
) -> list[str]:
    """(a): where the two languages of a page state different values, section by section (the
    claims of each side may be given, as the mutation test does)."""
    mine = claims(page.path, page.text) if mine is None else mine
    theirs = claims(other, other_text) if theirs is None else theirs
    keys = [s.key for s in prose.sections(page.path, page.text)]
    found = []
    for section in keys:
        here = [c for c in mine if c.section == section and c.span.kind != prose.HEADING]
        there = [c for c in theirs if c.section == section and c.span.kind != prose.HEADING]
        if [key(c) for c in here] == [key(c) for c in there]:
            continue
        first = next(
            (i for i, (a, b) in enumerate(zip(here, there, strict=False)) if key(a) != key(b)),
            min(len(here), len(there)),
        )
        mine_at = here[first] if first < len(here) else None
        theirs_at = there[first] if first < len(there) else None
        line = mine_at.line if mine_at else (here[-1].line if here else 0)
        other_line = theirs_at.line if theirs_at else (there[-1].line if there else 0)
        said = mine_at.shown if mine_at else "nothing more"
        other_said = theirs_at.shown if theirs_at else "nothing more"
        found.append(
            f"{display(page.path)}:{line}: this section (#{section or 'front matter'}) states "
            f"{said} where {display(other)}:{other_line} states {other_said}; in order, here: "
            f"{', '.join(c.shown for c in here) or 'none'}; there: "
            f"{', '.join(c.shown for c in there) or 'none'}\n  fix: state the same values, in "
            "the same order, in both languages (one of the two is wrong, or one says more)"
        )
    return found


def problems(page: Page, hint=None) -> list[str]:
    """The page's unbound values, and those its twin in the other language states differently."""
    other = twin(page.path)
    found = unbound(page, hint)
    if other is not None:
        found += differing(page, other.read_text(encoding="utf-8"), other)
    return found


def exemptions(path: Path, text: str) -> int:
    return sum(claim.exempt is not None for claim in claims(path, text))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path, help="pages to check (default: all)")
    args = parser.parse_args(argv)
    pages = args.pages or all_pages()
    found = [problem for path in pages for problem in problems(parse_page(path))]
    print("\n".join(found))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
