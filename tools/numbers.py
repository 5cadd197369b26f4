"""After a run, rewrite the numbers a page's prose states to the values its code now prints.

`make update-outputs` (tools/outputs.py) calls `rewrite` with the new output blocks: a number the
prose states (tools/claims.py) that its section printed at one place only, or at several that
all print the same new value, is rewritten in its own notation; the rest are reported for a
person to fix. `committed_outputs` and `now_printed` let tools/claims.py say, for a stated
number no block prints any more, what the same place printed when last committed.
"""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

from tools import claims as stated
from tools.claims import QUOTE, Claim, number, printed_numbers
from tools.pages import ROOT, Page, display, parse_page
from tools.prose import sections


def output_bodies(page: Page) -> list[str | None]:
    return [example.output.body if example.output else None for example in page.examples]


def tokens(bodies: list[str | None]) -> list[list[str]]:
    return [[m.group() for m in stated.PRINTED.finditer(body or "")] for body in bodies]


def section_of_examples(page: Page) -> list[str]:
    """The section (tools/prose.py) of each example of the page."""
    owner = {line: s.key for s in sections(page.path, page.text) for line in s.fences}
    return [owner.get(example.code.line, "") for example in page.examples]


def sections_of(claim: Claim) -> tuple[str, ...]:
    """Where a stated number is printed: its section, and those its comment names."""
    return (claim.section, *claim.printed_in)


def rewritable(page: Page) -> list[Claim]:
    """Stated numbers that follow the outputs: bound by (b), not constants of the code."""
    bounds = stated.bounds(page)

    def constant(claim: Claim) -> bool:
        code = "".join(bounds.get(k, stated.Bound()).code for k in sections_of(claim))
        return any(claim.matches(value) for value in printed_numbers(code))

    return [
        claim
        for claim in stated.claims(page.path, page.text)
        if claim.kind == "number"
        and claim.rule is None
        and claim.form in ("plain", "scientific")
        and not constant(claim)
    ]


def rewrite(
    page: Page, new_bodies: list[str | None]
) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Edits (start, end, text) that bring the prose's numbers in line with new output blocks,
    and a message for each number that cannot be paired with a single new value."""
    before, after = tokens(output_bodies(page)), tokens(new_bodies)
    owners = section_of_examples(page)
    edits, unresolved = [], []
    for claim in rewritable(page):
        where = sections_of(claim)
        places = [
            (index, position, token)
            for index, block in enumerate(before)
            if owners[index] in where
            for position, token in enumerate(block)
            if (value := number(token)) is not None and claim.matches(value)
        ]
        if not places:
            continue  # tools/claims.py reports it
        new = set()
        for index, position, token in places:
            if index < len(after) and len(after[index]) == len(before[index]):
                new.add((token, after[index][position]))
            else:
                new.add((token, None))
        replacements = {replacement(claim, old, fresh) for old, fresh in new}
        if len(replacements) == 1 and None not in replacements:
            text = replacements.pop()
            if text != claim.text:
                edits.append((claim.start, claim.end, text))
        else:
            shown = zip(new_bodies, owners, strict=False)
            now = "\n".join(body or "" for body, owner in shown if owner in where)
            if not any(claim.matches(value) for value in printed_numbers(now)):
                unresolved.append(
                    f"{display(page.path)}:{claim.line}: cannot rewrite {claim.text} in the prose "
                    "(printed in several places that now differ, or in a block whose shape "
                    "changed); fix: write the new value by hand"
                )
    return edits, unresolved


def replacement(claim: Claim, old: str, fresh: str | None) -> str | None:
    """The stated number rewritten for a new printed value, in the prose's own notation."""
    if fresh is None:
        return None
    before, after = number(old), number(fresh)
    if before == after:
        return claim.text  # unchanged: keep the prose's own digits ("0.8" for 0.8000)
    if claim.approx:
        after = after.quantize(Decimal(1).scaleb(claim.value.as_tuple().exponent))
    if claim.form == "scientific":
        written = QUOTE.match(claim.text)
        digits = len(written["mantissa"].partition(".")[2])
        mantissa, _, exponent = f"{abs(after):.{digits}e}".partition("e")
        sign = "-" if after < 0 else ""
        return f"{sign}{mantissa} {written['times']} 10^{{{int(exponent)}}}"
    return f"{after:f}"  # as written: 3.5410 keeps its zero, 1.4164e+00 reads 1.4164


def now_printed(claim: Claim, previous: list[str | None] | None, page: Page) -> str:
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
            if (value := number(token)) is not None and claim.matches(value):
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
