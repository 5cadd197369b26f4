"""Every lesson as a Jupyter notebook per language, generated from its page (`make notebooks`).

    python -m tools.notebooks              # regenerate every notebook, run in real kernels
    python -m tools.notebooks docs/es/lessons/graph.md docs/en/lessons/graph.md   # just these
    python -m tools.notebooks --check      # change nothing; exit 1 naming each drifted notebook

A notebook's Markdown cells are its page's prose, its code cells the page's snippet sections, and
its outputs come from executing it in a real Jupyter kernel (nbclient + ipykernel). Never edit a
notebook by hand: edit the page or the snippet module and regenerate.

Cells the page does not have, each named by its cell id:
- `short-tracebacks`: `%xmode Minimal`, so an error shows its type and message as the lesson
  does, not 50 lines of torch internals (only where a cell raises on purpose).
- `exercise-checker`: defines `check_exercise(number, answer)` (in Spanish notebooks
  `comprobar_ejercicio(number, respuesta)`: tools/languages.py), holding the verified answers.
- `exercise-N-attempt` and `exercise-N-check`: for each exercise whose solution binds `answer`
  (`respuesta`; a value or a tensor), a cell for the learner's attempt and one that says
  "correct" or what differs. The expected answers come from running the page
  (tools.pages.run), never typed.
A page's code blocks are the cells `code-K` (K: the block's index on the page); a block in the
solution of exercise N is `exercise-N-code-K`.
"""

from __future__ import annotations

import argparse
import ast
import base64
import contextlib
import io
import json
import math
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import nbformat

from tools.languages import ENGLISH, LANGUAGE, LANGUAGES, SPANISH
from tools.pages import (
    DOCS,
    ELIDED_FRAMES,
    TRACEBACK_HEADER,
    Page,
    display,
    elide_frames,
    parse_page,
    run,
    site_config,
)

ADMONITION = re.compile(
    r'^(?P<indent> *)(?:\?\?\?\+?|!!!) +(?P<kind>\w+)(?: +"(?P<title>[^"]*)")? *$'
)
HEADING_ATTRS = re.compile(r"^(#{1,6} .*?)[ \t]*\{[^}\n]*\}[ \t]*$")
LIST_ITEM = re.compile(r"^(?P<number>\d+)\.\s")
# A relative link or image (`](graph.md#x)`, `](../assets/g.svg)`): absolute in a notebook.
RELATIVE_LINK = re.compile(r"\]\((?P<target>[^)\s:#/][^)\s:#]*)(?P<anchor>#[^)\s]*)?\)")
# Outputs name files by paths that differ between machines and runs: ipykernel's temporary
# cell files, and wherever the virtual environment lives.
MACHINE_PATHS = [
    (re.compile(r"/tmp/ipykernel_\d+/\d+\.py"), "<ipython-input>"),
    (re.compile(r"/[^\s'\"]*?/site-packages/"), ".../site-packages/"),
]
WARNING_LINE = re.compile(r"^.*?:\d+: (?P<warning>\w+: .*)$")
QUALIFIED_EXCEPTION = re.compile(r"^(?:[A-Za-z_]\w*\.)+(?=\w*(?:Error|Exception|Warning): )")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
RAISES = "raises-exception"  # the standard Jupyter tag for a cell that raises on purpose
SHORT_TRACEBACKS = "short-tracebacks"
CHECKER = "exercise-checker"
CODE_ID = re.compile(r"^(?:exercise-(?P<exercise>\d+)-)?code-(?P<example>\d+)$")
SELF_CHECK_ID = re.compile(r"^exercise-(?P<exercise>\d+)-(?P<role>attempt|check)$")
PLACEHOLDER = "{answer} = ..."  # with the language's answer name (tools/languages.py)
# JupyterLab shows these cells folded, as the lesson folds its solutions; Colab shows a cell with
# `cellView: form` and a `# @title` line as its title alone.
FOLDED = {"jupyter": {"source_hidden": True}}
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}
# What a kernel adds (its Python's version) differs between machines: the generator's is kept.
METADATA = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}

TEXT = {
    "es": {
        "note": (
            "*Cuaderno generado a partir de la lección [{title}]({url}); las salidas se "
            "verificaron con PyTorch {torch}. Para obtener los mismos números: "
            "`pip install torch=={base} numpy`.*"
        ),
        "short_tracebacks": (
            "# Errores breves, como en la lección: solo el tipo y el mensaje.\n"
            "# Para ver la traza completa, ejecuta %xmode Context.\n"
            "%xmode Minimal"
        ),
        "how_to_check": (
            "Ejecuta primero la celda del comprobador. En cada ejercicio con comprobación, "
            f"escribe tu intento en su celda, guarda el resultado en `{SPANISH.answer}` y ejecuta "
            "la celda siguiente: dice si es correcto o qué difiere de la respuesta verificada."
        ),
        "attempt": (
            f"# Tu intento: escribe aquí tu código y guarda el resultado en `{SPANISH.answer}`.\n"
            + PLACEHOLDER.format(answer=SPANISH.answer)
        ),
        "checker_title": "Comprobador de los ejercicios (ejecútalo; no hace falta leerlo)",
        "messages": {
            "correct": "¡Correcto!",
            "missing": (
                "Aún no hay respuesta: escribe tu código en la celda de arriba, guarda el "
                f"resultado en `{SPANISH.answer}` y vuelve a ejecutar esta celda."
            ),
            "wrong": "Todavía no: {}",
            "unknown": "El ejercicio {} no tiene comprobación.",
            "type": "`{where}` es de tipo `{got}`; el de la solución es de tipo `{want}`.",
            "item": (
                "`{where}` es un tensor; el de la solución es un número de Python: "
                "prueba con `.item()`."
            ),
            "shape": "`{where}` tiene forma {got}; el de la solución, {want}.",
            "dtype": "`{where}` tiene dtype {got}; el de la solución, {want}.",
            "grad": "`{where}` tiene requires_grad={got}; el de la solución, requires_grad={want}.",
            "values": (
                "`{where}` difiere del de la solución en {count} de {total} valores; el primero, "
                "en la posición {index}: {got} en vez de {want}."
            ),
            "value": "`{where}` vale {got}; el de la solución, {want}.",
            "length": "`{where}` tiene {got} elementos; el de la solución, {want}.",
            "keys": "`{where}` tiene las claves {got}; el de la solución, {want}.",
        },
    },
    "en": {
        "note": (
            "*Notebook generated from the lesson [{title}]({url}); its outputs were verified "
            "with PyTorch {torch}. To get the same numbers: `pip install torch=={base} numpy`.*"
        ),
        "short_tracebacks": (
            "# Short errors, as in the lesson: just the type and the message.\n"
            "# To see the full traceback, run %xmode Context.\n"
            "%xmode Minimal"
        ),
        "how_to_check": (
            "Run the checker cell first. In each exercise with a check, write your attempt in "
            f"its cell, store the result in `{ENGLISH.answer}` and run the next cell: it says "
            "whether it is correct or what differs from the verified answer."
        ),
        "attempt": (
            f"# Your attempt: write your code here and store the result in `{ENGLISH.answer}`.\n"
            + PLACEHOLDER.format(answer=ENGLISH.answer)
        ),
        "checker_title": "Exercise checker (run it; no need to read it)",
        "messages": {
            "correct": "Correct!",
            "missing": (
                "No answer yet: write your code in the cell above, store the result in "
                f"`{ENGLISH.answer}` and run this cell again."
            ),
            "wrong": "Not yet: {}",
            "unknown": "Exercise {} has no check.",
            "type": "`{where}` is a `{got}`; the solution's is a `{want}`.",
            "item": "`{where}` is a tensor; the solution's is a Python number: try `.item()`.",
            "shape": "`{where}` has shape {got}; the solution's has shape {want}.",
            "dtype": "`{where}` has dtype {got}; the solution's has dtype {want}.",
            "grad": "`{where}` has requires_grad={got}; the solution's has requires_grad={want}.",
            "values": (
                "`{where}` differs from the solution's in {count} of {total} values; the "
                "first, at index {index}: {got} instead of {want}."
            ),
            "value": "`{where}` is {got}; the solution's is {want}.",
            "length": "`{where}` has {got} elements; the solution's has {want}.",
            "keys": "`{where}` has the keys {got}; the solution's has {want}.",
        },
    },
}

# The learner's kernel runs this (with the messages and answers filled in): everything but
# the checker function (`check_exercise`, `comprobar_ejercicio`) stays local, so the lesson's own
# names are untouched.
CHECKER_CODE = '''\
# @title {title}
def {check}(number, {answer}):
    """Say whether `{answer}` is the verified answer of exercise `number`, or what differs."""
    import base64
    import math

    import torch

    text = {messages}

    def T(dtype, shape, data, requires_grad=False):  # a tensor, bit for bit
        raw = bytearray(base64.b64decode(data))
        dtype = getattr(torch, dtype)
        flat = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
        return flat.reshape(shape).clone().requires_grad_(requires_grad)

    class Obj:  # an object compared by the name of its type, e.g. a grad_fn node
        def __init__(self, name):
            self.name = name

    expected = {expected}

    def show(value):
        return f"{{value:.6g}}" if isinstance(value, float) else repr(value)

    def same(got, want):
        if isinstance(want, (float, complex)) or isinstance(got, (float, complex)):
            return got == want or abs(got - want) <= 1e-5 + 1e-4 * abs(want) or (
                got != got and want != want
            )
        return got == want

    def compare(got, want, where):
        def say(key, **values):
            return text[key].format(where=where, **values)

        got_type, want_type = type(got).__name__, type(want).__name__
        if isinstance(want, Obj):
            return None if got_type == want.name else say("type", got=got_type, want=want.name)
        if isinstance(want, torch.Tensor):
            if not isinstance(got, torch.Tensor):
                return say("type", got=got_type, want="Tensor")
            if got.shape != want.shape:
                return say("shape", got=tuple(got.shape), want=tuple(want.shape))
            if got.dtype != want.dtype:
                return say("dtype", got=got.dtype, want=want.dtype)
            if got.requires_grad != want.requires_grad:
                return say("grad", got=got.requires_grad, want=want.requires_grad)
            got, want = got.detach(), want.detach()
            if want.is_floating_point() or want.is_complex():
                close = torch.isclose(got, want, rtol=1e-4, atol=1e-5, equal_nan=True)
            else:
                close = got == want
            if bool(close.all()):
                return None
            if want.dim() == 0:
                return say("value", got=show(got.item()), want=show(want.item()))
            wrong = (~close).nonzero()
            first = tuple(wrong[0].tolist())
            got, want = show(got[first].item()), show(want[first].item())
            count, total, index = len(wrong), close.numel(), list(first)
            return say("values", count=count, total=total, index=index, got=got, want=want)
        if isinstance(want, (tuple, list)):
            if not isinstance(got, (tuple, list)):
                return say("type", got=got_type, want=want_type)
            if len(got) != len(want):
                return say("length", got=len(got), want=len(want))
            for index, (got_item, want_item) in enumerate(zip(got, want)):
                problem = compare(got_item, want_item, f"{{where}}[{{index}}]")
                if problem:
                    return problem
            return None
        if isinstance(want, dict):
            if not isinstance(got, dict):
                return say("type", got=got_type, want=want_type)
            if set(got) != set(want):
                return say("keys", got=sorted(got, key=repr), want=sorted(want, key=repr))
            for key in want:
                problem = compare(got[key], want[key], f"{{where}}[{{key!r}}]")
                if problem:
                    return problem
            return None
        single = isinstance(got, torch.Tensor) and got.numel() == 1
        if isinstance(want, (int, float, complex)) and not isinstance(want, bool):
            if single:
                return say("item")
            if not isinstance(got, (int, float, complex)) or isinstance(got, bool):
                return say("type", got=got_type, want=want_type)
        elif type(got) is not type(want):
            return say("item") if single and isinstance(want, bool) else say(
                "type", got=got_type, want=want_type
            )
        if not same(got, want):
            return say("value", got=show(got), want=show(want))
        return None

    if number not in expected:
        print(text["unknown"].format(number))
    elif {answer} is ...:
        print(text["missing"])
    else:
        problem = compare({answer}, expected[number], "{answer}")
        print(text["correct"] if problem is None else text["wrong"].format(problem))
'''


@dataclass
class Exercise:
    number: int
    insert_line: int  # 0-based line where the attempt and check cells go (before the solution)
    examples: list[int] = field(default_factory=list)  # indices into page.examples


def lesson_pages(docs: Path = DOCS) -> list[Path]:
    return sorted(docs.glob("*/lessons/*.md"))


def notebook_path(page_path: Path) -> Path:
    """docs/<lang>/lessons/graph.md -> docs/<lang>/notebooks/graph.ipynb"""
    return page_path.parent.parent / "notebooks" / page_path.with_suffix(".ipynb").name


def notebook_site_url() -> str:
    """The site_url notebooks link to: mkdocs.yml's default, whatever SITE_URL says.

    A notebook is committed, so its links cannot follow the deploying fork's address; on the
    site itself they become relative links (tools/mkdocs_hooks.py)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")}
    with mock.patch.dict(os.environ, environment, clear=True):
        return site_config()["site_url"]


def page_url(site_url: str, lang: str, relative: str) -> str:
    """Absolute URL of a page or file, so links work in Jupyter and Colab too."""
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    if not relative.endswith(".md"):  # an image or other file, served as it is
        return f"{site_url.rstrip('/')}/{prefix}{relative}"
    path = relative.removesuffix(".md").removesuffix("index")
    return f"{site_url.rstrip('/')}/{prefix}{path}{'/' if path else ''}"


def language_root(page: Page) -> Path:
    """docs/<lang>/ (or a fixture's <lang>/ folder) above the page."""
    path = page.path.resolve()
    return Path(*path.parts[: path.parts.index(page.lang) + 1])


def line_of(text: str, offset: int) -> int:
    """0-based index of the line holding `offset`."""
    return text.count("\n", 0, offset)


def exercises(page: Page) -> list[Exercise]:
    """The numbered items of the page's `{ #exercises }` section, with the examples in each."""
    start = next((h for h in page.headings if h.anchor == "exercises"), None)
    if start is None:
        return []
    end = next(
        (h.line - 1 for h in page.headings if h.line > start.line and h.level <= start.level),
        len(page.text.splitlines()),
    )
    lines = page.text.splitlines()
    items = [
        (i, int(m["number"])) for i in range(start.line, end) if (m := LIST_ITEM.match(lines[i]))
    ]
    found = []
    for position, (first, number) in enumerate(items):
        last = items[position + 1][0] if position + 1 < len(items) else end
        inside = [
            k
            for k, example in enumerate(page.examples)
            if first <= line_of(page.text, example.start) < last
        ]
        if not inside:
            continue
        code_line = line_of(page.text, page.examples[inside[0]].start)
        solution = next((i for i in range(first, code_line) if ADMONITION.match(lines[i])), None)
        found.append(Exercise(number, code_line if solution is None else solution, inside))
    return found


def language(lang: str | None):
    """The facts of a page's language (tools/languages.py); English for a page outside one."""
    return LANGUAGE.get(lang or "", ENGLISH)


def exercise_answers(page: Page) -> dict[int, object]:
    """Exercise number -> the `answer` (`respuesta`) its solution binds, from running the page top
    to bottom in one namespace as the doc tests do (an exercise that binds none is left out)."""
    by_example = {k: exercise for exercise in exercises(page) for k in exercise.examples}
    name = language(page.lang).answer
    namespace: dict = {}
    answers = {}
    for index, example in enumerate(page.examples):
        exercise = by_example.get(index)
        if exercise is not None and index == exercise.examples[0]:
            namespace.pop(name, None)
        run(example, namespace)
        if exercise is not None and index == exercise.examples[-1] and name in namespace:
            answers[exercise.number] = namespace[name]
    return answers


def literal(value: object) -> str:
    """Python source that the checker cell turns back into `value` (tensors bit for bit)."""
    import torch

    if isinstance(value, torch.Tensor):
        tensor = value.detach().cpu().resolve_conj().resolve_neg().contiguous()
        raw = tensor.reshape(-1).view(torch.uint8).numpy().tobytes() if tensor.numel() else b""
        dtype = str(tensor.dtype).removeprefix("torch.")
        grad = ", requires_grad=True" if value.requires_grad else ""
        return f'T("{dtype}", {tuple(tensor.shape)!r}, "{base64.b64encode(raw).decode()}"{grad})'
    if isinstance(value, torch.Size):
        return f"torch.Size({list(value)!r})"
    if isinstance(value, torch.dtype):
        return str(value)
    if isinstance(value, torch.device):
        return f"torch.device({str(value)!r})"
    if isinstance(value, float) and not math.isfinite(value):
        return f'float("{value}")'
    if value is None or isinstance(value, (bool, int, float, complex, str)):
        return repr(value)
    if isinstance(value, tuple):
        return "(" + "".join(f"{literal(item)}, " for item in value).rstrip(" ") + ")"
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    return f"Obj({type(value).__name__!r})"


def checker_source(lang: str, answers: dict[int, str]) -> str:
    """The checker cell, holding each exercise's answer as a literal (see `literal`)."""
    text = TEXT[lang]
    expected = "{\n" + "".join(f"        {n}: {v},\n" for n, v in answers.items()) + "    }"
    messages = "{\n" + "".join(f"        {k!r}: {v!r},\n" for k, v in text["messages"].items())
    return CHECKER_CODE.format(
        title=text["checker_title"],
        messages=messages + "    }",
        expected=expected,
        check=language(lang).check,
        answer=language(lang).answer,
    )


def committed_literals(notebook: nbformat.NotebookNode | None) -> dict[int, str]:
    """Exercise number -> its answer's literal, as a committed notebook's checker cell holds it."""
    cell = next((c for c in (notebook or {}).get("cells", []) if c.get("id") == CHECKER), None)
    try:
        tree = ast.parse(cell.source) if cell is not None else None
    except SyntaxError:
        return {}  # edited by hand: nothing kept, so it differs from the generator's
    for node in ast.walk(tree) if tree else ():
        targets = [getattr(target, "id", "") for target in getattr(node, "targets", [])]
        if targets == ["expected"] and isinstance(node.value, ast.Dict):
            return {
                key.value: ast.get_source_segment(cell.source, value)
                for key, value in zip(node.value.keys, node.value.values, strict=True)
                if isinstance(key, ast.Constant)
            }
    return {}


def answer_literals(
    lang: str, answers: dict[int, object], committed: dict[int, str]
) -> dict[int, str]:
    """Each answer as a literal; where the committed one is what the checker itself calls
    correct for this run's answer, the committed one. The last bit of a float differs between
    CPUs: a notebook generated on one machine must not drift, or be rewritten, on another."""
    literals = {}
    for number, answer in answers.items():
        literals[number] = literal(answer)
        kept = committed.get(number)
        if kept is not None and kept != literals[number]:
            namespace: dict = {}
            with contextlib.redirect_stdout(io.StringIO()) as said:
                try:
                    exec(checker_source(lang, {number: kept}), namespace)
                    namespace[LANGUAGE[lang].check](number, answer)
                except Exception:  # a literal edited by hand into one that cannot be read
                    continue
            if said.getvalue() == TEXT[lang]["messages"]["correct"] + "\n":
                literals[number] = kept
    return literals


def markdown_lines(page: Page, site_url: str) -> list[str]:
    """The page's lines as Jupyter shows them, one for one (so page offsets still apply): no
    front matter or MkDocs attributes; an admonition becomes its bold title, its body loses a
    level of indent; relative links are absolute."""
    lines = page.text.splitlines()
    front = len(page.text[: page.text.find("\n---\n", 4) + 5].splitlines()) if page.meta else 0
    out, dedent_from = [], None
    here = Path(page.path).parent

    def absolute(found: re.Match) -> str:
        target = (here / found["target"]).resolve().relative_to(language_root(page))
        return f"]({page_url(site_url, page.lang, str(target))}{found['anchor'] or ''})"

    for number, line in enumerate(lines):
        if number < front:
            out.append("")
            continue
        found = ADMONITION.match(line)
        if found:  # `??? success "Solución"` -> **Solución**
            title = found["title"] or found["kind"].capitalize()
            out.append(f"{found['indent']}**{title}**")
            dedent_from = len(found["indent"])
            continue
        indent = len(line) - len(line.lstrip(" "))
        if dedent_from is not None and line.strip() and indent <= dedent_from:
            dedent_from = None
        if dedent_from is not None and line.startswith(" " * (dedent_from + 4)):
            line = line[4:]
        line = HEADING_ATTRS.sub(r"\1", line)
        out.append(RELATIVE_LINK.sub(absolute, line))
    return out


def markdown_source(lines: list[str]) -> str:
    """A Markdown cell's text. A cell that starts inside an indented block (a solution's
    explanation after its code cell) is dedented: on its own, Jupyter would show it as code."""
    lines = list(lines)
    while lines and not lines[0].strip():
        lines.pop(0)
    run_end = next(
        (i for i, line in enumerate(lines) if line.strip() and not line.startswith(" ")),
        len(lines),
    )
    indents = [len(line) - len(line.lstrip(" ")) for line in lines[:run_end] if line.strip()]
    cut = min(indents, default=0)
    lines[:run_end] = [line[cut:] for line in lines[:run_end]]
    return "\n".join(lines).strip("\n")


def build_notebook(
    page: Page, config: dict | None = None, committed: nbformat.NotebookNode | None = None
) -> nbformat.NotebookNode:
    """The page as an unexecuted notebook: prose, then each code block, in page order, with the
    self-check cells of its exercises. The checker keeps the `committed` notebook's answers
    where the checker finds them equal to this run's (`answer_literals`)."""
    config = config or site_config()
    extra, lang = config["extra"], page.lang
    text = TEXT.get(lang, TEXT["en"])
    site_url = notebook_site_url()
    lines = markdown_lines(page, site_url)
    found = exercises(page)
    answers = exercise_answers(page) if found else {}
    in_exercise = {k: exercise.number for exercise in found for k in exercise.examples}

    # (line, order, cells to insert, first line after them)
    inserts: list[tuple[int, int, list, int]] = []
    if answers:
        heading = next(h for h in page.headings if h.anchor == "exercises")
        literals = answer_literals(lang, answers, committed_literals(committed))
        checker = nbformat.v4.new_code_cell(checker_source(lang, literals))
        checker.id, checker.metadata = CHECKER, {"cellView": "form", **FOLDED}
        how = nbformat.v4.new_markdown_cell(text["how_to_check"])
        how.id = "exercise-how-to-check"
        inserts.append((heading.line, 0, [how, checker], heading.line))
    for exercise in found:
        if exercise.number not in answers:
            continue
        attempt = nbformat.v4.new_code_cell(text["attempt"])
        attempt.id = f"exercise-{exercise.number}-attempt"
        names = language(lang)
        check = nbformat.v4.new_code_cell(f"{names.check}({exercise.number}, {names.answer})")
        check.id = f"exercise-{exercise.number}-check"
        inserts.append((exercise.insert_line, 1, [attempt, check], exercise.insert_line))
    for index, example in enumerate(page.examples):
        cell = nbformat.v4.new_code_cell("\n\n".join(piece.code for piece in example.pieces))
        number = in_exercise.get(index)
        cell.id = f"code-{index}" if number is None else f"exercise-{number}-code-{index}"
        if number is not None:
            cell.metadata.update(FOLDED)
        if example.output is not None and TRACEBACK_HEADER in example.output.body:
            cell.metadata["tags"] = [RAISES]
        end = line_of(page.text, example.end) + 1
        inserts.append((line_of(page.text, example.start), 2, [cell], end))

    cells, position = [], 0
    for line, _, inserted, after in sorted(inserts, key=lambda i: (i[0], i[1])):
        cells.append(nbformat.v4.new_markdown_cell(markdown_source(lines[position:line])))
        cells.extend(inserted)
        position = after
    cells.append(nbformat.v4.new_markdown_cell(markdown_source(lines[position:])))
    cells = [cell for cell in cells if cell.source.strip()]

    # The title and the note open the notebook; then, if a cell raises on purpose, the cell that
    # keeps errors as short as on the lesson.
    title = next((h.title for h in page.headings if h.level == 1), page.path.stem)
    relative = str(page.path.resolve().relative_to(language_root(page)))
    note = text["note"].format(
        title=title.replace("`", ""),
        url=page_url(site_url, lang, relative),
        torch=extra["torch_version"],
        base=extra["torch_version"].split("+")[0],
    )
    title_line, _, rest = cells[0].source.partition("\n")
    opening = [nbformat.v4.new_markdown_cell(f"{title_line}\n\n{note}")]
    opening[0].id = "title"
    if any(RAISES in cell.metadata.get("tags", []) for cell in cells):
        short = nbformat.v4.new_code_cell(text["short_tracebacks"])
        short.id = SHORT_TRACEBACKS
        opening.append(short)
    cells[0].source = rest.strip("\n")
    cells = opening + [cell for cell in cells if cell.source.strip()]
    markdown = 0
    for cell in cells:  # the rest of the Markdown cells, numbered in order
        if cell.cell_type == "markdown" and cell.id not in ("title", "exercise-how-to-check"):
            cell.id = f"text-{markdown}"
            markdown += 1
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = json.loads(json.dumps(METADATA))
    return notebook


def example_index(cell: nbformat.NotebookNode) -> int | None:
    """The page index of the code block a cell holds; None for the notebook's own cells."""
    found = CODE_ID.match(cell.get("id", "")) if cell.cell_type == "code" else None
    return int(found["example"]) if found else None


def self_check(cell: nbformat.NotebookNode) -> tuple[int, str] | None:
    """(exercise number, "attempt" or "check") for a self-check cell, else None."""
    found = SELF_CHECK_ID.match(cell.get("id", ""))
    return (int(found["exercise"]), found["role"]) if found else None


def portable(text: str) -> str:
    for pattern, replacement in MACHINE_PATHS:
        text = pattern.sub(replacement, text)
    return text


def normalize(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Merge split streams and drop what changes between machines and runs (file paths); the
    self-check cells are left empty, as the learner finds them."""
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if self_check(cell):
            cell.outputs, cell.execution_count = [], None
        merged = []
        for output in cell.outputs:
            if output.output_type == "error":
                output.traceback = [portable(line) for line in output.traceback]
            if output.output_type == "stream":
                output.text = portable(output.text)
                if merged and merged[-1].output_type == "stream" and merged[-1].name == output.name:
                    merged[-1].text += output.text
                    continue
            merged.append(output)
        cell.outputs = merged
    return notebook


def client(notebook: nbformat.NotebookNode, cwd: Path):
    """Runs a notebook as Jupyter's "Run all" and `jupyter nbconvert --execute` do: in the kernel
    its metadata names, stopping at the first error in a cell not tagged raises-exception."""
    from nbclient import NotebookClient  # not imported by the site build (tools/mkdocs_hooks.py)

    from tools import kernels

    return NotebookClient(
        notebook,
        # A real ipykernel, forked from a process that imported torch once (tools/kernels.py);
        # tests/test_notebooks.py also runs a committed notebook in a fresh one, as "Run all".
        kernel_manager_class=kernels.shared().kernel_manager_class,
        timeout=300,
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": str(cwd)}},
    )


def execute(notebook: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    # The kernel process's own stderr only says that it talks over local TCP unencrypted; what
    # the code prints, warnings included, reaches the notebook through Jupyter's messages.
    executed = normalize(client(notebook, cwd).execute(stderr=subprocess.DEVNULL))
    executed.metadata = nbformat.from_dict(json.loads(json.dumps(METADATA)))
    return executed


def error_text(output: nbformat.NotebookNode) -> str:
    return ANSI.sub("", "\n".join(output.traceback)).rstrip("\n")


def shown(cell: nbformat.NotebookNode) -> str:
    """A code cell's outputs the way a page shows them (see tools/pages.py: Run.shown)."""
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream" and output.name == "stdout":
            parts.append(output.text)
        elif output.output_type == "stream":  # stderr: warnings, shown as `UserWarning: ...`
            for line in output.text.splitlines():
                found = WARNING_LINE.match(line)
                if found:
                    parts.append(found["warning"] + "\n")
        elif output.output_type == "error":
            parts.append(f"{TRACEBACK_HEADER}\n{ELIDED_FRAMES}\n{output.ename}: {output.evalue}\n")
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.data.get("text/plain", "") + "\n")
    return "".join(parts).rstrip("\n")


def notebook_outputs(notebook: nbformat.NotebookNode) -> dict[int, str]:
    """Page example index -> what its cell shows."""
    return {
        index: shown(cell) for cell in notebook.cells if (index := example_index(cell)) is not None
    }


def page_outputs(page: Page) -> dict[int, str]:
    return {
        index: elide_frames(e.output.body) if e.output else ""
        for index, e in enumerate(page.examples)
    }


def generate(page_path: Path) -> nbformat.NotebookNode:
    page = parse_page(page_path)
    return execute(build_notebook(page), cwd=page_path.parent)


def committed(page_path: Path) -> nbformat.NotebookNode | None:
    path = notebook_path(page_path)
    return nbformat.read(path, as_version=4) if path.exists() else None


def generate_all(pages: list[Path]) -> list[nbformat.NotebookNode]:
    """Notebooks built one by one (building runs the page in this process: one at a time), then
    executed two kernels at a time (each spends most of its time importing torch)."""
    built = [build_notebook(parse_page(path), committed=committed(path)) for path in pages]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(execute, built, [path.parent for path in pages]))


def streams(output: str) -> tuple[list[str], list[str]]:
    """Printed lines and warning lines apart: a kernel sends them on two streams whose relative
    order is not kept, so only the order within each is compared."""
    # Jupyter names an exception without its module (GradcheckError, not torch.autograd....).
    lines = [QUALIFIED_EXCEPTION.sub("", line) for line in output.splitlines()]
    warning = re.compile(r"^\w+Warning: ")
    return [x for x in lines if not warning.match(x)], [x for x in lines if warning.match(x)]


def kernel_problems(page: Page, executed: nbformat.NotebookNode) -> list[str]:
    """Where a notebook executed in a kernel printed something other than its page shows."""
    problems = []
    printed, expected = notebook_outputs(executed), page_outputs(page)
    for index, example in enumerate(page.examples):
        if index not in printed:
            problems.append(f"{display(page.path)}:{example.code.line}: no notebook cell runs it")
        elif streams(printed[index]) != streams(expected[index]):
            problems.append(
                f"{display(page.path)}:{example.code.line}: in a Jupyter kernel this block "
                f"prints\n{printed[index]}\nbut the page shows\n{expected[index]}\nfix: make the "
                "snippet print the same in both (e.g. a bare expression on its last line is "
                "displayed by Jupyter only), then run `make update-outputs`"
            )
    return problems


def solved(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as a learner who solved every exercise runs it: the solution's cells stand
    where the attempt cell was (its only code, `answer = ...`, is what a learner replaces), so
    each check cell runs right after the solution, in the state the lesson left."""
    solved = nbformat.from_dict(notebook)
    solutions: dict[int, list] = {}
    for cell in solved.cells:
        found = CODE_ID.match(cell.get("id", "")) if cell.cell_type == "code" else None
        if found and found["exercise"]:
            solutions.setdefault(int(found["exercise"]), []).append(cell)
    checked = {
        role[0] for cell in solved.cells if (role := self_check(cell)) and role[1] == "attempt"
    }
    cells = []
    for cell in solved.cells:
        role = self_check(cell)
        if role and role[1] == "attempt":
            cells.extend(solutions.get(role[0], []))
            continue
        found = CODE_ID.match(cell.get("id", "")) if cell.cell_type == "code" else None
        if found and found["exercise"] and int(found["exercise"]) in checked:
            continue  # already placed before its check
        cells.append(cell)
    solved.cells = cells
    return solved


def checker_messages(lang: str) -> dict[str, str]:
    return TEXT.get(lang, TEXT["en"])["messages"]


def drift_problems(page_path: Path, config: dict | None = None) -> list[str]:
    """What differs between a committed notebook and its page, without running a kernel: cells
    (ids, sources, tags and other metadata), the notebook's metadata, and the outputs."""
    path, fix = notebook_path(page_path), "run `make notebooks` (never edit a notebook by hand)"
    if not path.exists():
        return [f"{display(path)} is missing for {display(page_path)}; fix: {fix}"]
    page = parse_page(page_path)
    committed = nbformat.read(path, as_version=4)
    expected = build_notebook(page, config, committed)
    problems = []
    if committed.metadata != expected.metadata:
        problems.append(
            f"{display(path)}: its metadata {dict(committed.metadata)} differ from the "
            f"generator's {dict(expected.metadata)} (a kernelspec names the kernel to run it "
            f"in); fix: {fix}"
        )
    committed_cells = [(c.cell_type, c.get("id"), c.source) for c in committed.cells]
    if committed_cells != [(c.cell_type, c.get("id"), c.source) for c in expected.cells]:
        problems.append(f"{display(path)}: its cells differ from {display(page_path)}; fix: {fix}")
    else:
        for cell, wanted in zip(committed.cells, expected.cells, strict=True):
            if cell.metadata != wanted.metadata:
                problems.append(
                    f"{display(path)}: cell {cell.id} has metadata {dict(cell.metadata)}, the "
                    f"generator gives {dict(wanted.metadata)} (the `{RAISES}` tag lets a cell "
                    f"that fails on purpose not stop Run all); fix: {fix}"
                )
            if self_check(cell) and cell.outputs:
                problems.append(
                    f"{display(path)}: cell {cell.id} should have no output; fix: {fix}"
                )
    printed, verified = notebook_outputs(committed), page_outputs(page)
    if {k: streams(v) for k, v in printed.items()} != {k: streams(v) for k, v in verified.items()}:
        problems.append(
            f"{display(path)}: its outputs differ from those verified on {display(page_path)}; "
            f"fix: {fix}"
        )
    return problems


def write(notebook: nbformat.NotebookNode, path: Path) -> bool:
    """Write the notebook if it changed; True when it did."""
    text = nbformat.writes(notebook) + "\n"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report drift, change nothing")
    parser.add_argument("pages", nargs="*", type=Path, help="lesson pages (default: all)")
    args = parser.parse_args(argv)
    pages = args.pages or lesson_pages()
    if args.check:
        problems = [problem for page in pages for problem in drift_problems(page)]
        print("\n".join(problems))
        return 1 if problems else 0
    notebooks = generate_all(pages)
    for page, notebook in zip(pages, notebooks, strict=True):
        if write(notebook, notebook_path(page)):
            print(f"updated: {display(notebook_path(page))}")
    if not args.pages:
        orphans = set(DOCS.glob("*/notebooks/*.ipynb")) - {notebook_path(p) for p in lesson_pages()}
        for orphan in sorted(orphans):  # a lesson was renamed or removed
            orphan.unlink()
            print(f"removed: {display(orphan)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
