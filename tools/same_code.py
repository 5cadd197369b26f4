"""The two languages' snippet modules of a lesson hold the same code, token for token.

snippets/es/lessons/graph.py and snippets/en/lessons/graph.py may differ only where a reader's
language shows: comments and the text of string literals (docstrings, printed labels). Everything
else must be equal: names, numbers, operators, layout of blocks, section markers, and the
replacement fields of f-strings (`{loss:.4f}`), so both print the same values. The names an
exercise binds (`respuesta`/`answer`, tools/languages.py) are the one translated identifier.

Compared with Python's own tokenizer, after three normalizations that a formatter may make when
a translated string is longer than the original (so neither is code a reader would call
different): adjacent string literals are one string, a comma before a closing bracket is dropped
unless it makes a one-element tuple, and parentheses around a lone string are dropped.
"""

from __future__ import annotations

import ast
import io
import keyword
import tokenize
from dataclasses import dataclass
from pathlib import Path

from pymdownx.snippets import SnippetPreprocessor

from tools.languages import LANGUAGE, LANGUAGES
from tools.pages import Page, display

SKIPPED = {tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
OPENING, CLOSING = "([{", ")]}"
STRUCTURE = {  # how a message names the tokens of a block's structure
    tokenize.NEWLINE: "the end of a statement",
    tokenize.INDENT: "an indented block",
    tokenize.DEDENT: "the end of an indented block",
}
STRING_SHAPES = ("''", "b''", "f'")  # what string_shape() makes of a string


@dataclass(frozen=True)
class Token:
    text: str  # what must be equal in both languages
    line: int  # where it is, for the message
    shown: str  # what the message shows of it

    def __eq__(self, other) -> bool:
        return isinstance(other, Token) and self.text == other.text

    def __hash__(self) -> int:
        return hash(self.text)


def neutral_names(lang: str) -> dict[str, str]:
    """The identifiers each language spells its own way, mapped to one neutral spelling."""
    language = LANGUAGE[lang]
    return {language.answer: "<answer>", language.check: "<check>"}


def marker(comment: str) -> str | None:
    """A section marker as pymdownx.snippets reads it ("start:add"), or None for a comment."""
    found = SnippetPreprocessor.RE_SNIPPET_SECTION.match(comment) if "8<-" in comment else None
    if found is None or found["escape"]:
        return None
    return f"{found['type'].lower()}:{found['name']}"


def _without_strings(node: ast.AST) -> str:
    """An expression's source with every string literal blanked: its text may be translated."""

    class Blank(ast.NodeTransformer):
        def visit_Constant(self, constant: ast.Constant) -> ast.Constant:
            return ast.Constant("…") if isinstance(constant.value, str) else constant

    return ast.unparse(Blank().visit(node))


def _fields(joined: ast.JoinedStr) -> list[str]:
    """The replacement fields of an f-string, `{expression!conversion:spec}`, spec included."""
    fields = []
    for part in joined.values:
        if isinstance(part, ast.FormattedValue):
            conversion = "" if part.conversion == -1 else f"!{chr(part.conversion)}"
            spec = ""
            if part.format_spec is not None:
                spec = ":" + "".join(
                    v.value if isinstance(v, ast.Constant) else "{" + _fields_of(v) + "}"
                    for v in part.format_spec.values
                )
            fields.append("{" + _without_strings(part.value) + conversion + spec + "}")
    return fields


def _fields_of(value: ast.FormattedValue) -> str:
    return "".join(_fields(ast.JoinedStr(values=[value])))[1:-1]


def string_shape(literals: list[str]) -> str:
    """What a string (adjacent literals joined) must share with its translation: whether it is
    bytes, and its f-string fields in order; not its text."""
    node = ast.parse("(" + " ".join(literals) + ")", mode="eval").body
    if isinstance(node, ast.Constant):
        return "b''" if isinstance(node.value, bytes) else "''"
    return "f'" + "".join(_fields(node)) + "'"


def tokens(source: str, lang: str) -> list[Token]:
    """The module's code as the tokens both languages must share."""
    names = neutral_names(lang)
    raw = [
        t for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type not in SKIPPED
    ]
    found: list[Token] = []
    index = 0
    while index < len(raw):
        token = raw[index]
        line = token.start[0]
        if token.type == tokenize.COMMENT:
            section = marker(token.string)
            if section:
                found.append(Token(f"# {section}", line, token.string.strip()))
            index += 1
        elif token.type == tokenize.STRING:
            literals = []
            while index < len(raw) and raw[index].type in (tokenize.STRING, tokenize.COMMENT):
                if raw[index].type == tokenize.STRING:
                    literals.append(raw[index].string)
                index += 1
            shape = string_shape(literals)
            shown = literals[0] if len(literals[0]) <= 80 else literals[0][:77] + "..."
            found.append(Token(shape, line, shown))
        elif token.type == tokenize.NAME:
            found.append(Token(names.get(token.string, token.string), line, token.string))
            index += 1
        else:
            shown = STRUCTURE.get(token.type, token.string)
            found.append(Token(token.string or tokenize.tok_name[token.type], line, shown))
            index += 1
    return _formatting_removed(found)


def _formatting_removed(found: list[Token]) -> list[Token]:
    """Drop what a formatter adds or removes when a line gets longer: a trailing comma (not a
    one-element tuple's) and parentheses around a lone string."""
    dropped = set()
    for position, token in enumerate(found):
        after = found[position + 1].text if position + 1 < len(found) else ""
        if token.text == "," and after in CLOSING and after and not _one_tuple(found, position):
            dropped.add(position)
    kept = [token for position, token in enumerate(found) if position not in dropped]
    dropped = set()
    for position in range(len(kept) - 2):
        lone = (
            kept[position].text == "("
            and kept[position + 1].text.startswith(STRING_SHAPES)
            and kept[position + 2].text == ")"
            and not _called(kept, position)
        )
        if lone:
            dropped |= {position, position + 2}
    return [token for position, token in enumerate(kept) if position not in dropped]


def _called(found: list[Token], opening: int) -> bool:
    """Whether the bracket at `opening` is a call's or a subscript's (after a name or bracket)."""
    before = found[opening - 1].text if opening else ""
    name = before.isidentifier() and not keyword.iskeyword(before)
    return name or before in (")", "]")


def _one_tuple(found: list[Token], comma: int) -> bool:
    """Whether the comma before a `)` is what makes `(x,)` a tuple."""
    depth, position = 0, comma - 1
    while position >= 0:
        text = found[position].text
        if text in CLOSING:
            depth += 1
        elif text in OPENING:
            if depth == 0:
                return text == "(" and not _called(found, position)
            depth -= 1
        elif text == "," and depth == 0:
            return False
        position -= 1
    return False


def differences(es: Path, en: Path, lesson: str) -> list[str]:
    """The first place where the two modules' code differs, naming both files and lines."""
    ours = tokens(es.read_text(encoding="utf-8"), "es")
    theirs = tokens(en.read_text(encoding="utf-8"), "en")
    if ours == theirs:
        return []
    index = next(
        (i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b),
        min(len(ours), len(theirs)),
    )

    def side(path: Path, found: list[Token]) -> str:
        if index >= len(found):
            return f"{display(path)} ends (its last code is at line {found[-1].line})"
        return f"{display(path)}:{found[index].line} has {found[index].shown}"

    answer = "/".join(f"`{LANGUAGE[code].answer}`" for code in LANGUAGES)
    check = "/".join(f"`{LANGUAGE[code].check}`" for code in LANGUAGES)
    return [
        f"the two languages' code differs: {side(es, ours)}, {side(en, theirs)}; fix: make the "
        "code the same in both modules, keeping the Spanish as the original (only comments and "
        f"the text of strings may differ, and the names {answer} and {check}; f-string fields "
        f"such as {{loss:.4f}} stay the same), then run `make check LESSON={lesson}`"
    ]


def twin(module: Path, lang: str) -> tuple[Path, Path]:
    """(Spanish module, English module) of a lesson, from one of them: snippets/<lang>/..."""
    parts = list(module.parts)
    where = len(parts) - 1 - parts[::-1].index(lang)
    other = next(code for code in LANGUAGES if code != lang)
    swapped = Path(*parts[:where], other, *parts[where + 1 :])
    return (module, swapped) if lang == LANGUAGES[0] else (swapped, module)


def problems(page: Page) -> list[str]:
    """The page's module and its other language's twin hold the same code."""
    if page.lang is None:
        return []
    modules = sorted({piece.file for example in page.examples for piece in example.pieces})
    found = []
    for module in modules:
        if page.lang not in module.parts:
            continue  # an include of another language's module: layout_problems names it
        es, en = twin(module, page.lang)
        missing = next((path for path in (es, en) if not path.exists()), None)
        if missing is not None:
            found.append(
                f"{display(missing)} is missing: the other language's module of "
                f"{display(module)}; fix: copy {display(module)} there and translate its "
                "comments and strings"
            )
        else:
            found += differences(es, en, page.path.stem)
    return found
