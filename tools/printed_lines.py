"""Which output line a stated `True`/`False`/`None` is about (tools/claims.py binds it there).

A section that prints all three literals would print any literal the prose could be changed to,
so for a literal stated in such a section the section is not enough: the prose must say which
line prints it, in one of two ways.

- It names the expression, as the last inline code before it in its sentence: "`x.is_leaf` is
  `True`", "`torch.equal` returns `True`", "has no `grad_fn` (`None`)". The literal must then be
  printed by an argument of a `print` call of the section whose code contains that expression.
  Only calls that map one to one onto output lines count: the block's `print` calls are
  statements of its code (at the top or inside `with`), without keywords, and the output block
  has one line per call (warnings left out). An argument's own words on the line are known when
  the line starts (or ends) with bare literals, one per argument; otherwise the rest of the line.
- It names the line: "the first line", "the second line" ("la primera línea", ...), in the same
  sentence or an earlier one of its paragraph (then "The second shows ..." continues the count),
  counted in the nearest output block before the paragraph.

The line its sentence names comes first, then the expression, then the line its paragraph
named; one whose lines show all three literals does not count. A literal bound by none fails.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from tools.languages import LANGUAGE

LITERALS = ("True", "False", "None")
WARNING = re.compile(r"^\w*Warning: ")  # on stderr, shown in the output block
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


@dataclass
class Printed:
    """One output line and, when known, which argument of its `print` call printed which text."""

    line: str
    args: list[tuple[str, str]]  # (the argument's source, the text it printed on the line)


def shows(text: str, value: str) -> bool:
    return re.search(rf"(?<![\w.]){value}(?!\w)", text) is not None


def prints(code: str) -> list[ast.Call] | None:
    """The block's `print` calls in the order they run, or None if that order is not sure."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    found: list[ast.Call] = []

    def statements(body) -> bool:
        for node in body:
            call = node.value if isinstance(node, ast.Expr) else None
            if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "print":
                if call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
                    return False
                found.append(call)
            elif isinstance(node, ast.With) and not statements(node.body):
                return False
        return True

    if not statements(tree.body):
        return None
    calls = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(getattr(n, "func", None), "id", None) == "print"
    ]
    return found if len(calls) == len(found) else None


def printed_lines(code: str, output: str) -> list[Printed]:
    """The output's lines, each with what each argument of its `print` call printed."""
    lines = [line for line in output.splitlines() if line.strip() and not WARNING.match(line)]
    calls = prints(code)
    if calls is None or len(calls) != len(lines):
        return [Printed(line, []) for line in lines]
    found = []
    for call, line in zip(calls, lines, strict=True):
        sources = [ast.unparse(arg) for arg in call.args]
        words = line.split()
        left = 0
        while left < min(len(words), len(sources)) and words[left] in LITERALS:
            left += 1
        right = 0
        while (
            right < min(len(words), len(sources)) - left
            and words[len(words) - 1 - right] in LITERALS
        ):
            right += 1
        args = [(sources[i], words[i]) for i in range(left)]
        middle = sources[left : len(sources) - right]
        rest = " ".join(words[left : len(words) - right])
        args += [(source, rest) for source in middle]
        args += [
            (sources[len(sources) - right + i], words[len(words) - right + i]) for i in range(right)
        ]
        found.append(Printed(line, args))
    return found


def by_expression(expression: str, lines: list[Printed]) -> str | None:
    """What the arguments naming `expression` print, or None if no mapped argument names it."""
    texts = [text for line in lines for source, text in line.args if expression in source]
    return "\n".join(texts) if texts else None


def ordinal(lang: str, sentence: str, earlier: str) -> int | None:
    """The output line a sentence names ("the second line"), or, if it names none, the one its
    paragraph named before it, counting on ("The second shows ...")."""
    words = LANGUAGE[lang].line_ordinals
    line_word = LANGUAGE[lang].line_word.format(o=f"({'|'.join(words)})")
    named = list(re.finditer(line_word, sentence, re.IGNORECASE))
    if named:
        return words[named[0][1].lower()] if len({m[1].lower() for m in named}) == 1 else None
    context = f"{earlier} {sentence}"
    before = list(re.finditer(line_word, earlier, re.IGNORECASE))
    if not before:
        return None
    next_one = LANGUAGE[lang].next_one.format(o=f"({'|'.join(words)})")
    later = [
        m for m in re.finditer(next_one, context, re.IGNORECASE) if m.start() > before[-1].start()
    ]
    return words[(later[-1] if later else before[-1])[1].lower()]
