"""Numbers quoted in a page's prose are numbers its code printed, or constants of its code.

    python -m tools.numbers                 # check every page; exit 1 naming each unverified number
    python -m tools.numbers docs/es/lessons/graph.md ...

A page's prose (running text, maths, tables, admonitions, exercise solutions, its description)
may quote a number only if an output block of the same page shows it, or its included code holds
it as a constant (`v = torch.tensor([0.1, 1.0, 0.0001])`). The doc tests check that every output
block is what the code prints, so such a number is what the code printed. A value derived by hand
("$4 \\cdot 3.5410 \\cdot 0.1 = 1.4164$") is printed by the code too.

Checked: every decimal (`3.5410`), every integer from 10 up, powers (`$2^{-22}$`) and scientific
forms (`$2.3842 \\cdot 10^{-7}$`), compared as decimal values (`1.4164` is `1.4164e+00`, `0.1` is
`0.1000`). A number right after `\\approx` or `≈` may be the printed value rounded to the digits
it shows. Versions after "PyTorch", "torch" or "Python" must match the installed ones. Integers
below 10 are not checked: they are counts, indices and a formula's coefficients.

`make update-outputs` rewrites the numbers it can pair with their new printed values (`rewrite`);
`problems` names the rest.
"""

from __future__ import annotations

import argparse
import platform
import re
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from tools.pages import ROOT, Page, all_pages, display, parse_page, prose

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


@dataclass
class Quote:
    """A number the prose quotes."""

    text: str  # as written, e.g. "2.3842 \cdot 10^{-7}"
    value: Decimal
    start: int
    end: int
    line: int
    signed: bool  # written with a sign: compared with its sign
    approx: bool  # after \approx: may be a printed value rounded to its digits
    kind: str  # "plain", "scientific", "power" or "version"

    @property
    def checked(self) -> bool:
        return (
            self.kind != "plain"
            or self.value != self.value.to_integral_value()
            or "." in self.text
            or abs(self.value) >= 10
        )

    def matches(self, printed: Decimal) -> bool:
        mine, theirs = (self.value, printed) if self.signed else (abs(self.value), abs(printed))
        if mine == theirs:
            return True
        if not self.approx or theirs.is_zero() or not theirs.is_finite():
            return False
        return theirs.quantize(Decimal(1).scaleb(mine.as_tuple().exponent)) == mine


def number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(MINUS, "-"))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def printed_numbers(text: str) -> list[Decimal]:
    return [value for found in PRINTED.finditer(text) if (value := number(found.group()))]


def quotes(path: Path, text: str) -> list[Quote]:
    """Every number the page's prose quotes, checked or not."""
    plain_text = prose(path, text)
    found_quotes = []
    versions = {m.start("version") for m in VERSION.finditer(plain_text)}
    for found in QUOTE.finditer(plain_text):
        sign = -1 if found["sign"] else 1
        if found["mantissa"]:
            exponent = int((found["exp"] or found["exp1"]).replace(MINUS, "-"))
            value, kind = Decimal(found["mantissa"]).scaleb(exponent), "scientific"
        elif found["base"]:
            power = int((found["power"] or found["power1"]).replace(MINUS, "-"))
            value, kind = Decimal(found["base"]) ** power, "power"
        else:
            value = number(found["plain"])
            kind = "version" if found.start("plain") in versions else "plain"
        start = found.start("number")
        found_quotes.append(
            Quote(
                text=text[start : found.end()],
                value=sign * value,
                start=start,
                end=found.end(),
                line=text.count("\n", 0, start) + 1,
                signed=bool(found["sign"]),
                approx=bool(found["approx"]),
                kind=kind,
            )
        )
    return found_quotes


def version_problem(quote: Quote, text: str) -> str | None:
    name = next(m["name"] for m in VERSION.finditer(text) if m.start("version") == quote.start)
    if name == "Python":
        installed = platform.python_version()
    else:
        import torch

        installed = torch.__version__
    wanted = installed.split("+")[0].split(".")
    if quote.text.split(".") == wanted[: len(quote.text.split("."))]:
        return None
    return f"says version {quote.text}, but {installed} is installed"


def constants(page: Page) -> list[Decimal]:
    """Numbers written in the page's included code: hyper-parameters, inputs, tolerances."""
    code = "\n".join(piece.code for example in page.examples for piece in example.pieces)
    code = "\n".join(line.split("#", 1)[0] for line in code.splitlines())  # not comments
    return printed_numbers(code)


def output_bodies(page: Page) -> list[str | None]:
    return [example.output.body if example.output else None for example in page.examples]


def tokens(bodies: list[str | None]) -> list[list[str]]:
    return [[m.group() for m in PRINTED.finditer(body or "")] for body in bodies]


def problems(page: Page, previous: list[str | None] | None = None) -> list[str]:
    """Each checked number of the page's prose that no output or code constant of it shows.

    `previous` are the page's output blocks as last committed: when a number was printed there,
    the message says what the same place prints now.
    """
    printed = [number(t) for block in tokens(output_bodies(page)) for t in block]
    known = [value for value in printed if value is not None] + constants(page)
    found = []
    for quote in quotes(page.path, page.text):
        where = f"{display(page.path)}:{quote.line}"
        if quote.kind == "version":
            problem = version_problem(quote, page.text)
            if problem:
                found.append(f"{where}: the prose {problem}; fix: correct it")
            continue
        if not quote.checked or any(quote.matches(value) for value in known):
            continue
        now = now_printed(quote, previous, page)
        found.append(
            f"{where}: the prose quotes {quote.text}, but no output block of this page prints it "
            f"and its code does not hold it{now}\n  fix: quote what the code prints (print a "
            "value derived by hand too); if the outputs are stale, `make update-outputs` "
            "rewrites the numbers it can pair with their new values"
        )
    return found


def now_printed(quote: Quote, previous: list[str | None] | None, page: Page) -> str:
    """ "; the output block at line N printed X when last committed, and prints Y now"."""
    if previous is None:
        return ""
    outputs = [example.output for example in page.examples]
    for old, new, output in zip(
        tokens(previous), tokens(output_bodies(page)), outputs, strict=False
    ):
        if len(old) != len(new) or output is None:
            continue
        for token, fresh in zip(old, new, strict=True):
            if (value := number(token)) is not None and quote.matches(value):
                return (
                    f"; the output block at line {output.line} printed {token} when last "
                    f"committed, and the run now prints {fresh} there"
                )
    return ""


def committed_outputs(page: Page) -> list[str | None] | None:
    """The page's output blocks at git HEAD, if the page is committed and still parses."""
    path = Path(page.path).resolve()
    if not path.is_relative_to(ROOT):
        return None
    relative = path.relative_to(ROOT)
    shown = subprocess.run(
        ["git", "show", f"HEAD:{relative}"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if shown.returncode != 0:
        return None
    try:
        return output_bodies(parse_page(page.path, shown.stdout))
    except Exception:  # e.g. an include that no longer exists: no hint, the check still runs
        return None


def rewrite(
    page: Page, new_bodies: list[str | None]
) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Edits (start, end, text) that bring the prose's numbers in line with new output blocks,
    and a message for each number that cannot be paired with a single new value."""
    before, after = tokens(output_bodies(page)), tokens(new_bodies)
    new_bodies = [body or "" for body in new_bodies]
    fixed = constants(page)
    edits, unresolved = [], []
    for quote in quotes(page.path, page.text):
        if not quote.checked or quote.kind in ("version", "power"):
            continue
        if any(quote.matches(value) for value in fixed):
            continue  # a constant of the code: it does not change with the run
        places = [
            (index, position, token)
            for index, block in enumerate(before)
            for position, token in enumerate(block)
            if (value := number(token)) is not None and quote.matches(value)
        ]
        if not places:
            continue  # `problems` reports it
        new = set()
        for index, position, token in places:
            if index < len(after) and len(after[index]) == len(before[index]):
                new.add((token, after[index][position]))
            else:
                new.add((token, None))
        replacements = {replacement(quote, old, fresh) for old, fresh in new}
        if len(replacements) == 1 and None not in replacements:
            text = replacements.pop()
            if text != quote.text:
                edits.append((quote.start, quote.end, text))
        elif not any(quote.matches(value) for value in printed_numbers("\n".join(new_bodies))):
            unresolved.append(
                f"{display(page.path)}:{quote.line}: cannot rewrite {quote.text} in the prose "
                "(printed in several places that now differ, or in a block whose shape "
                "changed); fix: write the new value by hand"
            )
    return edits, unresolved


def replacement(quote: Quote, old: str, fresh: str | None) -> str | None:
    """The quote rewritten for a new printed value, in the quote's own notation."""
    if fresh is None:
        return None
    before, after = number(old), number(fresh)
    if before == after:
        return quote.text  # unchanged: keep the prose's own digits ("0.8" for 0.8000)
    if not quote.signed and before < 0:  # the prose quoted a magnitude ("y₃ is 0.1788 below 0")
        if after > 0:
            return None
        after = -after
    if quote.approx:
        after = after.quantize(Decimal(1).scaleb(quote.value.as_tuple().exponent))
    if quote.kind == "scientific":
        written = QUOTE.match(quote.text)
        digits = len(written["mantissa"].partition(".")[2])
        mantissa, _, exponent = f"{after:.{digits}e}".partition("e")
        return f"{mantissa} {written['times']} 10^{{{int(exponent)}}}"
    return f"{after:f}"  # as written: 3.5410 keeps its zero, 1.4164e+00 reads 1.4164


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path, help="pages to check (default: all)")
    args = parser.parse_args(argv)
    found = []
    for path in args.pages or all_pages():
        page = parse_page(path)
        found += problems(page, committed_outputs(page))
    print("\n".join(found))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
