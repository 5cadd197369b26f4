"""The code a page shows speaks the page's language: its comments, docstrings and strings.

A Spanish page shows snippets/es/lessons/<name>.py and an English page snippets/en/...: what a
reader reads in them (comments, docstrings, printed labels, messages) is in the page's language,
in the sections the page shows and in the rest of the module too (its docstring, the comments
between sections), since a learner opens the file. For each comment and string of the modules a
page includes (section markers aside), the words hunspell's dictionary of
the page's language does not know are counted, and so are those the other language's dictionary
does not know: when the other language fits better, the text is in the wrong language. The bare
dictionaries decide that, since the wordlists hold the other language's terms the prose quotes
("pérdida (*loss*)"). Otherwise a word that the page's dictionary and the lessons' wordlist
(tools/spelling.py) do not know is misspelt.

Read: every comment; docstrings; strings a reader sees printed (arguments of `print`, f-strings
and the strings inside their fields). A string the code uses as data (`"mean"`, `"SGD"`,
`warnings.simplefilter("always")`) is not text: a one-word string anywhere else is skipped.
Words that are code (`x.grad`, `backward()`, `float32`, a name the section uses) are skipped too.
"""

from __future__ import annotations

import ast
import io
import keyword
import re
import tokenize
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tools import spelling
from tools.languages import LANGUAGE, LANGUAGES
from tools.pages import Page, Piece, display
from tools.same_code import marker

# A word of prose: letters only, not touching a digit, `_`, or maths (`d(a**n)/da`, `x=1`).
WORD = re.compile(r"(?<![\w/*^=(\[])[^\W\d_]{2,}(?![\w/*^=(\[\]])")
CAMEL_CASE = re.compile(r"[a-z][A-Z]")  # a code name, MulBackward, PyTorch
INLINE_CODE = re.compile(r"`[^`]*`")
DATA = re.compile(r"[\w.\-]*")  # a string that is one word or name: "mean", "reduce-overhead"


@dataclass(frozen=True)
class Text:
    """A comment or a string of the code a page shows."""

    file: Path
    line: int
    kind: str  # "comment" or "string"
    text: str


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstrings (and bare string statements) of a section."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def _printed(tree: ast.AST) -> set[int]:
    """ids of the string constants a reader sees printed as they are: `print`'s arguments, and a
    fallback inside an f-string's field (`f"{value._op or 'leaf'}"`), `x if c else "none"`;
    not strings the code looks things up with (`print(d["eps"])`)."""

    def shown(node: ast.AST) -> set[int]:
        if isinstance(node, (ast.BoolOp, ast.IfExp)):
            parts = node.values if isinstance(node, ast.BoolOp) else [node.body, node.orelse]
            return {found for part in parts for found in shown(part)}
        return {id(node)} if isinstance(node, ast.Constant) else set()

    printed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "print":
                printed |= {found for argument in node.args for found in shown(argument)}
        elif isinstance(node, ast.FormattedValue):
            printed |= shown(node.value)
    return printed


def texts(piece: Piece) -> list[Text]:
    """Every comment of a section (or module), its docstrings, and the strings a reader sees
    printed or reads as text (see the module's docstring); not section markers."""
    found = []
    offset = piece.first_line - 1
    for token in tokenize.generate_tokens(io.StringIO(piece.code).readline):
        if token.type == tokenize.COMMENT and not marker(token.string):
            comment = token.string.lstrip("#").strip()
            found.append(Text(piece.file, offset + token.start[0], "comment", comment))
    tree = ast.parse(piece.code)
    docstrings, printed = _docstrings(tree), _printed(tree)
    literal_parts = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    for node in ast.walk(tree):
        line = offset + getattr(node, "lineno", 0)
        if isinstance(node, ast.JoinedStr):
            literal = " ".join(v.value for v in node.values if isinstance(v, ast.Constant))
            found.append(Text(piece.file, line, "string", literal))
        elif not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        elif id(node) in docstrings:
            found.append(Text(piece.file, line, "docstring", node.value))
        elif id(node) in literal_parts:
            continue  # read with its f-string
        elif id(node) in printed or not DATA.fullmatch(node.value):
            found.append(Text(piece.file, line, "string", node.value))
    return sorted(found, key=lambda text: text.line)


@cache
def module_names(module: Path) -> frozenset[str]:
    """The names a snippet module uses: code, when a comment names them (`out`, `backward`)."""
    source = module.read_text(encoding="utf-8")
    return frozenset(
        token.string
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.NAME and not keyword.iskeyword(token.string)
    )


def words(text: str, names: frozenset[str]) -> list[str]:
    """The words of a comment or string, without code (`x.grad`, `float32`, a name in use)."""
    text = INLINE_CODE.sub(" ", text)
    text = spelling.CODE_WORD.sub(" ", text)
    return [
        word for word in WORD.findall(text) if word not in names and not CAMEL_CASE.search(word)
    ]


def problems(page: Page) -> list[str]:
    """Each comment and string of the page's code in the page's language, and spelt right."""
    lang = page.lang
    if lang is None or not page.examples:
        return []
    other = next(code for code in LANGUAGES if code != lang)
    items = []
    modules = dict.fromkeys(piece.file for example in page.examples for piece in example.pieces)
    for module in modules:
        whole = Piece(display(module), module, 1, module.read_text(encoding="utf-8"))
        names = module_names(module)
        # Code names are words of comments and docstrings, not of what the code prints.
        items += [
            (text, words(text.text, names if text.kind != "string" else frozenset()))
            for text in texts(whole)
        ]
    vocabulary = {word for _, found in items for word in found}
    bare = {code: spelling.unknown_words(code, vocabulary, False) for code in (lang, other)}
    misspelt = spelling.unknown_words(lang, vocabulary)
    own, foreign = LANGUAGE[lang].name, LANGUAGE[other].name
    found = []
    for text, text_words in items:
        ours = [word for word in text_words if word in bare[lang]]
        theirs = [word for word in text_words if word in bare[other]]
        missing = [word for word in text_words if word in misspelt]
        where = f"{display(text.file)}:{text.line}"
        if ours and len(theirs) < len(ours):
            found.append(
                f"{where}: this {text.kind} is {foreign}, but the page is {own}: "
                f"{text.text!r}; fix: write it in {own} (the page {display(page.path)} shows "
                f"{display(text.file)}), then run `make check LESSON={page.path.stem}`"
            )
        elif missing:
            found.append(
                f"{where}: misspelt in a {text.kind}: {', '.join(missing)}; fix: correct it, or "
                f"add it to {display(spelling.WORDLISTS[lang])} if it is a real term"
            )
    return found
