"""Read a lesson page into its examples, run them, and compare what they print.

A page is Markdown. Each ```python fence holds only `--8<--` include lines naming a section of
the page's snippet module; a ```text fence right after it shows what that code prints. The doc
tests (conftest.py), `make update-outputs` (tools/outputs.py) and the parity tests all read pages
through this module, so they cannot disagree about what a page contains.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import re
import traceback
import warnings
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import markdown
import yaml
from mkdocs.utils.meta import YAML_RE, get_data
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from pymdownx.snippets import SnippetMissingError, SnippetPreprocessor
from sybil.parsers.abstract.lexers import strip_prefix
from sybil.parsers.markdown.lexers import FENCE
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer as FenceLexer

from tools.languages import LANGUAGE, LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
MKDOCS_YML = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
# Fences a page may hold besides code (```python, includes only) and its outputs.
OTHER_LANGUAGES = {
    "bash": "a shell command to type, such as the install line",
    "message": "an error or warning message the error index quotes (tools/errors.py writes it)",
}
TRACEBACK_HEADER = "Traceback (most recent call last):"
ELIDED_FRAMES = "  ..."

INCLUDE = re.compile(r'^\s*--8<--\s+"(?P<target>[^"]+)"\s*$')
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*$")
ANCHOR = re.compile(r"#(?P<id>[\w-]+)")
FRONT_MATTER = YAML_RE  # front matter as MkDocs finds it: `---`, YAML lines, `---` (or `...`)


class PageError(Exception):
    """A page that cannot be read as intended: says where, what, and how to fix it."""

    def __init__(self, path: Path, line: int, problem: str, fix: str) -> None:
        super().__init__(f"{display(path)}:{line}: {problem}\n  fix: {fix}")


@cache  # messages name the same few files many times; resolving asks the file system each time
def display(path: Path) -> str:
    """A path as a reader types it: relative to the repository when inside it."""
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


@dataclass
class Fence:
    lang: str  # lower case: "python" for ```python, ```Python and ```{.python}
    info: str
    marker: str  # ``` or ~~~ (or longer)
    prefix: str  # what precedes the opening marker on its line: spaces, "> ", "-   "
    indent: str  # what precedes each line of the body: the prefix, a list marker as spaces
    body: str
    line: int  # 1-based line of the opening fence
    start: int  # character offsets in the page: opening fence to end of closing fence
    end: int
    body_start: int
    body_end: int

    @property
    def title(self) -> str | None:
        found = re.search(r'title="([^"]*)"', self.info)
        return found.group(1) if found else None


@dataclass
class Piece:
    """The code of one include, as MkDocs shows it, and where it lives in its snippet file."""

    target: str
    file: Path
    first_line: int
    code: str


@dataclass
class Example:
    path: Path
    code: Fence
    pieces: list[Piece]
    output: Fence | None

    @property
    def start(self) -> int:
        return self.code.start

    @property
    def end(self) -> int:
        return (self.output or self.code).end

    @property
    def includes(self) -> list[str]:
        return [piece.target for piece in self.pieces]


@dataclass
class Heading:
    level: int
    title: str
    anchor: str | None
    line: int


@dataclass
class Page:
    path: Path
    text: str
    meta: dict = field(default_factory=dict)
    examples: list[Example] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)

    @property
    def lang(self) -> str | None:
        return language(self.path)


def language(path: Path) -> str | None:
    """es or en, from docs/<lang>/...; None for a page outside such a folder."""
    return next((part for part in Path(path).parts if part in LANGUAGES), None)


def output_title(path: Path) -> str:
    """The title of output blocks on a page: "Salida" in Spanish, "Output" otherwise."""
    return LANGUAGE[language(path) or "en"].output_title


@dataclass
class Run:
    """What an example printed, and the error it raised, if any."""

    stdout: str
    error: BaseException | None = None

    @property
    def shown(self) -> str:
        """The output as a page shows it: traceback frames elided, the last line verbatim."""
        text = self.stdout
        if self.error is not None:
            last = "".join(traceback.format_exception_only(self.error))
            text += f"{TRACEBACK_HEADER}\n{ELIDED_FRAMES}\n{last}"
        return text.rstrip("\n")

    def full_traceback(self) -> str:
        return "".join(traceback.format_exception(self.error)) if self.error else ""


def site_config(path: Path = MKDOCS_YML) -> dict:
    """mkdocs.yml as MkDocs reads it, with `!ENV [NAME, default]` values resolved."""
    from mkdocs.utils import yaml_load

    with open(path, encoding="utf-8") as file:
        return yaml_load(file)


def snippet_config() -> dict:
    """The pymdownx.snippets options of mkdocs.yml, so pages are expanded as MkDocs does."""
    config = site_config()
    for extension in config["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            return dict(extension["pymdownx.snippets"])
    raise LookupError(f"{display(MKDOCS_YML)} does not configure pymdownx.snippets")


class Expander:
    """Expands `--8<--` lines with the pymdownx.snippets preprocessor MkDocs itself uses."""

    def __init__(self, base_path: Path | None = None) -> None:
        config = snippet_config()
        bases = [Path(base_path)] if base_path else [ROOT / b for b in config["base_path"]]
        config["base_path"] = [str(base) for base in bases]
        self.bases = bases
        md = markdown.Markdown(
            extensions=["pymdownx.snippets"],
            extension_configs={
                "pymdownx.snippets": config,
            },
        )
        self.preprocessor = md.preprocessors["snippet"]

    def expand(self, line: str) -> list[str]:
        return self.preprocessor.run([line])

    def locate(self, relative: str) -> Path | None:
        return next((b / relative for b in self.bases if (b / relative).is_file()), None)


@cache
def default_expander() -> Expander:
    return Expander()


def read_fences(path: Path, text: str) -> list[Fence]:
    """Every fenced block, wherever Markdown allows one: indented (spaces or tabs), in a list
    item (`-   ```python`), in a quote (`> ```python`), with backticks or tildes. Found with
    Sybil's own fence lexer; a fence inside another fence is part of that fence's body."""
    openings: list[re.Match] = []
    fences: list[Fence] = []
    for found in FENCE.finditer(text):
        closed = next(
            (i for i, o in enumerate(openings) if FenceLexer.match_closes_existing(found, o)), None
        )
        if closed is None:
            openings.append(found)
            continue
        opening = openings[closed]
        del openings[closed:]
        if not openings:  # an outermost fence; those inside it are its text
            fences.append(make_fence(text, opening, found))
    if openings:
        line = text.count("\n", 0, openings[0].start()) + 1
        raise PageError(
            path, line, "code fence is never closed", f"add a closing {openings[0]['fence']}"
        )
    return fences


def make_fence(text: str, opening: re.Match, closing: re.Match) -> Fence:
    prefix, info = opening["prefix"], opening["trailing"].strip()
    body_start = opening.end() + 1
    # What starts each line of the body: a list item's marker counts as its width in spaces.
    indent = re.sub(r"(?:[-*+]|\d+[.)])(?=[ \t])", lambda m: " " * len(m.group()), prefix)
    body = strip_prefix(text[body_start : closing.start()], prefix)
    found = re.match(r"\{?\s*\.?([\w+-]*)", info)
    return Fence(
        lang=found.group(1).lower(),
        info=info,
        marker=opening["fence"],
        prefix=prefix,
        indent=indent,
        body=body.rstrip("\n"),
        line=text.count("\n", 0, opening.start()) + 1,
        start=opening.start(),
        end=closing.end(),
        body_start=body_start,
        body_end=closing.start(),
    )


def read_headings(text: str, fences: list[Fence]) -> list[Heading]:
    headings, offset = [], 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        inside = any(f.start <= offset < f.end for f in fences)
        offset += len(line)
        found = None if inside else HEADING.match(line.rstrip("\n"))
        if found:
            anchor = ANCHOR.search(found["attrs"] or "")
            headings.append(
                Heading(
                    len(found["hashes"]), found["title"], anchor["id"] if anchor else None, number
                )
            )
    return headings


def sections(module: Path) -> dict[str, int]:
    """Each section a snippet module starts, with the line of its start marker. Markers are
    recognised exactly as pymdownx.snippets does (`# --8<-- [start:x]`, `#--8<-- [ start : x ]`,
    `// -8<- [start:x]`...); an escaped one (`;--8<--`) is not a marker."""
    found = {}
    for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), start=1):
        marker = SnippetPreprocessor.RE_SNIPPET_SECTION.match(line) if "8<-" in line else None
        if marker and not marker["escape"] and marker["type"].lower() == "start":
            found.setdefault(marker["name"], number)
    return found


def section_first_line(file: Path, section: str) -> int:
    """Line number of the first line inside `section`, so tracebacks point into the snippet file."""
    return sections(file).get(section, 0) + 1


def read_pieces(path: Path, fence: Fence, expander: Expander) -> list[Piece]:
    pieces = []
    for offset, line in enumerate(fence.body.splitlines(), start=1):
        if not line.strip():
            continue
        included = INCLUDE.match(line)
        if not included:
            raise PageError(
                path,
                fence.line + offset,
                "Python typed inline in a page",
                "move this code into the page's snippet module and include a named section: "
                '--8<-- "lessons/<page>.py:<section>"',
            )
        target = included["target"]
        relative, _, section = target.partition(":")
        if not section:
            raise PageError(
                path,
                fence.line + offset,
                f'include "{target}" names no section',
                f'include a named section, e.g. "{relative}:<section>"',
            )
        file = expander.locate(relative)
        if file is None:
            raise PageError(
                path,
                fence.line + offset,
                f'snippet file "{relative}" does not exist',
                f"create it under {', '.join(map(display, expander.bases))} or correct the include",
            )
        try:
            code = "\n".join(expander.expand(line))
        except SnippetMissingError as error:
            raise PageError(
                path,
                fence.line + offset,
                f'cannot include "{target}": {error}',
                f"add `# --8<-- [start:{section}]` and `# --8<-- [end:{section}]` around the code "
                f"in {display(file)}, or correct the include",
            ) from None
        pieces.append(Piece(target, file, section_first_line(file, section), code))
    if not pieces:
        raise PageError(path, fence.line, "empty python block", "include a snippet section")
    return pieces


def read_meta(path: Path, text: str) -> dict:
    """The page's front matter as MkDocs reads it (mkdocs.utils.meta), which silently ignores
    front matter that does not parse: here that is an error."""
    meta = get_data(text)[1]
    front = FRONT_MATTER.match(text)
    if meta or not front:
        return meta
    try:
        meta = yaml.safe_load(front.group(1)) or {}
    except yaml.YAMLError as error:
        raise PageError(
            path,
            1,
            f"front matter is not valid YAML ({error.problem})",
            'quote the value, e.g. description: "a: b"',
        ) from None
    if not isinstance(meta, dict):
        raise PageError(path, 1, "front matter is not a mapping", "write `key: value` lines")
    return meta


def parse_page(
    path: Path, text: str | None = None, expander: Expander | None = None, includes: bool = True
) -> Page:
    """The page read: front matter, headings, examples. With `includes=False` only where its
    blocks are, without reading the snippet files (each example's `pieces` is empty)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if text is None else text
    expander = expander or (default_expander() if includes else None)
    fences = read_fences(path, text)
    page = Page(path, text, read_meta(path, text), headings=read_headings(text, fences))
    title = output_title(path)
    previous: Fence | None = None
    for fence in fences:
        # Right after a code block (nothing but blank lines or quote markers between), a block
        # that is not code itself shows what the code printed, whatever its language: checked.
        after_code = (
            previous is not None
            and bool(page.examples)
            and page.examples[-1].code is previous
            and not re.sub(r"[\s>]", "", text[previous.end : fence.start])
        )
        if after_code and not is_python(fence.lang):
            page.examples[-1].output = fence
        elif is_python(fence.lang):
            if fence.lang != "python" or not fence.marker.startswith("`"):
                raise PageError(
                    path,
                    fence.line,
                    f"{fence.marker}{fence.info} is a Python block the tests do not run",
                    "write it as ```python, holding only includes of snippet sections",
                )
            pieces = read_pieces(path, fence, expander) if expander else []
            page.examples.append(Example(path, fence, pieces, None))
        elif fence.lang == "text":
            raise PageError(
                path,
                fence.line,
                "output block does not follow a python block",
                f'put the ```text title="{title}" block right after the code that prints it',
            )
        elif fence.lang not in OTHER_LANGUAGES:
            allowed = ", ".join(f"```{lang} ({why})" for lang, why in OTHER_LANGUAGES.items())
            raise PageError(
                path,
                fence.line,
                f"{fence.marker}{fence.info} is neither code the tests run nor an output block",
                f"code goes in ```python blocks of includes, what it prints in the block right "
                f"after it; other blocks may be {allowed}",
            )
        previous = fence
    return page


@cache
def is_python(lang: str) -> bool:
    """Whether the highlighter shows a fence of this language as Python (py3, ipython, pycon…)."""
    if lang in ("py", "python", "python3", "py3", "ipython", "ipython3", "pycon"):
        return True
    try:
        name = get_lexer_by_name(lang).name
    except ClassNotFound:
        return False
    return re.match(r"I?Python|NumPy|Cython", name) is not None


def run(example: Example, namespace: dict) -> Run:
    """Execute an example as a reader pasting it into Python would, capturing stdout.

    Warnings are shown in the output where they happen, as `UserWarning: message` (Python would
    print them to stderr with a path that differs on every machine).
    """
    captured = io.StringIO()

    def show(message, category, filename, lineno, file=None, line=None):
        print(f"{category.__name__}: {message}", file=captured)

    namespace.setdefault("__name__", "__main__")  # the code runs as a script's, or a notebook's
    with contextlib.redirect_stdout(captured), warnings.catch_warnings():
        # As a fresh interpreter filters them (whatever pytest set): each warning once per place,
        # deprecations only when the code itself, `__main__`, triggers them.
        warnings.resetwarnings()
        warnings.simplefilter("default")
        for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning):
            warnings.filterwarnings("ignore", category=category)
        warnings.filterwarnings("ignore", category=ResourceWarning)
        warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")
        warnings.showwarning = show
        try:
            for piece in example.pieces:
                # Blank lines in front keep line numbers equal to the snippet file's.
                source = "\n" * (piece.first_line - 1) + piece.code
                exec(compile(source, str(piece.file), "exec"), namespace)
        except Exception as error:
            return Run(captured.getvalue(), error)
    return Run(captured.getvalue())


def elide_frames(shown: str) -> str:
    """Collapse traceback frames to one `  ...` line: a page may show them or not."""
    lines = shown.splitlines()
    if TRACEBACK_HEADER not in lines:
        return shown.rstrip("\n")
    head = lines.index(TRACEBACK_HEADER)
    rest = lines[head + 1 :]
    while rest and rest[0].startswith(" "):
        rest.pop(0)
    return "\n".join([*lines[:head], TRACEBACK_HEADER, ELIDED_FRAMES, *rest])


def check(example: Example, result: Run) -> str | None:
    """None when the page shows exactly what the example printed; else what is wrong and the fix."""
    where = f"{display(example.path)}:{example.code.line}"
    update = "if the new output is right, run `make update-outputs`"
    if example.output is None:
        if result.error is not None:
            return (
                f"{where}: the code raised an error the page does not show:\n"
                f"{result.full_traceback()}fix: correct the snippet, or {update} to show it"
            )
        if result.stdout:
            return (
                f"{where}: the code prints output the page does not show:\n{result.stdout}"
                f"fix: {update}"
            )
        return None
    output = example.output
    title = output_title(example.path)
    untitled = (output.marker, output.info) != ("```", f'text title="{title}"')
    label = (
        f"\n(the output block at line {output.line} is {output.marker}{output.info}; "
        f'`make update-outputs` writes it as ```text title="{title}")'
        if untitled
        else ""
    )
    expected = elide_frames(output.body)
    if not result.shown:
        return (
            f"{where}: the page shows an output block at line {output.line} "
            f"but the code prints nothing{label}\nfix: {update}"
        )
    if expected == result.shown and not untitled:
        return None
    if expected == result.shown:
        return f"{where}: the output block is right but not titled as one{label}\nfix: {update}"
    diff = "\n".join(
        difflib.unified_diff(
            expected.splitlines(),
            result.shown.splitlines(),
            f"shown at line {output.line}",
            "printed by the code",
            lineterm="",
        )
    )
    details = (
        f"\n{result.full_traceback()}" if result.error and TRACEBACK_HEADER not in expected else ""
    )
    return f"{where}: the output block is stale:\n{diff}{details}{label}\nfix: {update}"


def all_pages(docs: Path = DOCS) -> list[Path]:
    """Every page of every language: lessons, home and glossary (tools/notebooks.py has the
    lessons alone)."""
    return sorted(docs.glob("*/**/*.md"))
