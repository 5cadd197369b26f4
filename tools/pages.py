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
from pymdownx.snippets import SnippetMissingError

ROOT = Path(__file__).resolve().parent.parent
MKDOCS_YML = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
LANGUAGES = ("es", "en")
OUTPUT_TITLES = {"es": "Salida", "en": "Output"}
TRACEBACK_HEADER = "Traceback (most recent call last):"
ELIDED_FRAMES = "  ..."

FENCE_OPEN = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})\s*(?P<info>.*?)\s*$")
INCLUDE = re.compile(r'^\s*--8<--\s+"(?P<target>[^"]+)"\s*$')
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*$")
ANCHOR = re.compile(r"#(?P<id>[\w-]+)")
SECTION_START = "# --8<-- [start:{}]"
FRONT_MATTER = re.compile(r"^---\n(.*?)\n---\n", re.DOTALL)


class PageError(Exception):
    """A page that cannot be read as intended: says where, what, and how to fix it."""

    def __init__(self, path: Path, line: int, problem: str, fix: str) -> None:
        super().__init__(f"{display(path)}:{line}: {problem}\n  fix: {fix}")


def display(path: Path) -> str:
    """A path as a reader types it: relative to the repository when inside it."""
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


@dataclass
class Fence:
    lang: str
    info: str
    indent: str
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
        return next((part for part in self.path.parts if part in LANGUAGES), None)


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
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    fences, index = [], 0
    while index < len(lines):
        opened = FENCE_OPEN.match(lines[index].rstrip("\n"))
        if not opened:
            index += 1
            continue
        indent, marker, info = opened["indent"], opened["fence"], opened["info"]
        close = re.compile(rf"^{indent}{re.escape(marker[0])}{{{len(marker)},}}\s*$")
        end = next(
            (j for j in range(index + 1, len(lines)) if close.match(lines[j].rstrip("\n"))), None
        )
        if end is None:
            raise PageError(
                path, index + 1, "code fence is never closed", f"add a closing {marker}"
            )
        body_lines = [
            raw[len(indent) :] if raw.startswith(indent) else raw.lstrip(" ")
            for raw in lines[index + 1 : end]
        ]
        lang = re.match(r"\{?\s*\.?([\w+-]*)", info).group(1)
        fences.append(
            Fence(
                lang=lang,
                info=info,
                indent=indent,
                body="".join(body_lines).rstrip("\n"),
                line=index + 1,
                start=offsets[index],
                end=offsets[end] + len(lines[end].rstrip("\n")),
                body_start=offsets[index + 1],
                body_end=offsets[end],
            )
        )
        index = end + 1
    return fences


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


def section_first_line(file: Path, section: str) -> int:
    """Line number of the first line inside `section`, so tracebacks point into the snippet file."""
    marker = SECTION_START.format(section)
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() == marker:
            return number + 1
    return 1


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
    """The page's YAML front matter; MkDocs would silently ignore it if it did not parse."""
    front = FRONT_MATTER.match(text)
    if not front:
        return {}
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


def parse_page(path: Path, text: str | None = None, expander: Expander | None = None) -> Page:
    path = Path(path)
    text = path.read_text(encoding="utf-8") if text is None else text
    expander = expander or default_expander()
    fences = read_fences(path, text)
    page = Page(path, text, read_meta(path, text), headings=read_headings(text, fences))
    previous: Fence | None = None
    for fence in fences:
        follows = previous is not None and not text[previous.end : fence.start].strip()
        if fence.lang in ("py", "python3", "pycon"):
            raise PageError(
                path,
                fence.line,
                f"```{fence.lang} fence is never run by the tests",
                "use ```python with an include of a snippet section",
            )
        if fence.lang == "python":
            page.examples.append(Example(path, fence, read_pieces(path, fence, expander), None))
        elif fence.lang == "text":
            if not (follows and previous.lang == "python"):
                raise PageError(
                    path,
                    fence.line,
                    "output block does not follow a python block",
                    "put the ```text output right after the code that prints it",
                )
            page.examples[-1].output = fence
        previous = fence
    return page


def run(example: Example, namespace: dict) -> Run:
    """Execute an example as a reader pasting it into Python would, capturing stdout.

    Warnings are shown in the output where they happen, as `UserWarning: message` (Python would
    print them to stderr with a path that differs on every machine).
    """
    captured = io.StringIO()

    def show(message, category, filename, lineno, file=None, line=None):
        print(f"{category.__name__}: {message}", file=captured)

    with contextlib.redirect_stdout(captured), warnings.catch_warnings():
        warnings.simplefilter("default")  # as in a fresh interpreter: once per place
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
    expected = elide_frames(example.output.body)
    if not result.shown:
        return (
            f"{where}: the page shows an output block at line {example.output.line} "
            f"but the code prints nothing\nfix: {update}"
        )
    if expected == result.shown:
        return None
    diff = "\n".join(
        difflib.unified_diff(
            expected.splitlines(),
            result.shown.splitlines(),
            f"shown at line {example.output.line}",
            "printed by the code",
            lineterm="",
        )
    )
    details = (
        f"\n{result.full_traceback()}" if result.error and TRACEBACK_HEADER not in expected else ""
    )
    return f"{where}: the output block is stale:\n{diff}{details}\nfix: {update}"


def sybil_parser(expander: Expander | None = None):
    """A Sybil parser: one region per example (code block and its output block)."""
    from sybil import Region

    def evaluate(sybil_example) -> str | None:
        example: Example = sybil_example.parsed
        return check(example, run(example, sybil_example.namespace))

    def parse(document):
        page = parse_page(Path(document.path), document.text, expander)
        for example in page.examples:
            yield Region(example.start, example.end, example, evaluate)

    return parse


def all_pages(docs: Path = DOCS) -> list[Path]:
    """Every page of every language: lessons, home and glossary (tools/notebooks.py has the
    lessons alone)."""
    return sorted(docs.glob("*/**/*.md"))
