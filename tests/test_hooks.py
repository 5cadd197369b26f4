"""The MkDocs hooks (tools/hooks/) unit by unit, and the behaviour of the libraries they rely on,
pinned: what they do must not change silently with a new pymdownx, Pygments or Material."""

from __future__ import annotations

import re
import subprocess
import sys
from types import SimpleNamespace

import markdown
import nbformat
import pygments
import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.exceptions import PluginError
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from tools.hooks import build_once, code_comments, maths, notebook_pages, reader, search
from tools.notebook_build import CHECKER, SHORT_TRACEBACKS, notebook_path
from tools.pages import DOCS, ROOT, read_fences, site_config

# --- Each code block highlighted once (build_once.py) -----------------------------------------

BLOCKS = """
```python title="snippets/a.py"
x = 1  # a "comment" & <tag>
```

```text title="Salida"

  tensor([1., 2.]) 'quoted' & <b>	tab
UserWarning: "careful"

```

```text
no title
```

```python hl_lines="2"
a = 1
b = 2
```

```{.python .extra #an-id data-x="1"}
print("attributes")
```

1. An item

    ??? success "Solución"

        ```python title="snippets/a.py"
        x = 1  # a "comment" & <tag>
        ```

        ```text title="Salida"
        tensor([1., 2.]) 'quoted' & <b>
        ```
"""
EXTENSIONS = ["attr_list", "admonition", "pymdownx.details", "pymdownx.superfences"]


def rendered(highlight: dict, memo: bool) -> str:
    """BLOCKS as Markdown renders them with these pymdownx.highlight options, with or without
    the hook's custom fence."""
    configs = {"pymdownx.highlight": dict(highlight)}
    if memo:
        config = SimpleNamespace(
            mdx_configs=configs, plugins={"i18n": SimpleNamespace(building=False)}
        )
        build_once.on_config(config)
    md = markdown.Markdown(
        extensions=[*EXTENSIONS, "pymdownx.highlight"], extension_configs=configs
    )
    return md.convert(BLOCKS)


@pytest.mark.parametrize(
    "highlight",
    [{}, {"linenums": True}, {"line_spans": "__span", "anchor_linenums": True}],
    ids=["site", "linenums", "line-anchors"],
)
def test_highlighting_each_block_once_gives_the_html_superfences_gives(highlight):
    # The custom fence "*" asks superfences' own highlighter (or, for an output block with the
    # site's options, writes what it writes): the HTML is the same, option for option.
    assert rendered(highlight, memo=True) == rendered(highlight, memo=False)


def test_an_output_block_is_not_run_through_pygments_only_with_the_sites_options():
    config = SimpleNamespace(
        mdx_configs={"pymdownx.highlight": {}}, plugins={"i18n": SimpleNamespace(building=False)}
    )
    build_once.on_config(config)
    assert build_once.HIGHLIGHTED.plain
    config.mdx_configs["pymdownx.highlight"] = {"linenums": True}
    build_once.on_config(config)
    assert not build_once.HIGHLIGHTED.plain


# --- Search reads less, finds the same, and never a solution (search.py) ------------------------


def index(html: str) -> list[dict]:
    found = SearchIndex(lang=["es"], separator=" ", pipeline=[], fields={})
    page = SimpleNamespace(content=html, toc=[], url="lessons/graph/", meta={}, title="T")
    found.add_entry_from_context(page)
    return found.entries


def test_search_reads_the_same_text_and_leaves_solutions_out(site):
    html = (site / "lessons" / "graph" / "index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split(">", 1)[1].split("</article>", 1)[0]
    solution = re.search(r'<details class="success">.*?</details>', article, re.DOTALL).group()
    assert "<math" in article  # formulas and highlighted code, whose markup search skips
    assert '<span class="n">' in article
    marked = search.SOLUTION.sub(r"\g<0> data-search-exclude", article)
    assert index(search.searchable(article)) == index(marked)
    assert index(marked) != index(article)  # the solutions were in it
    solution_words = re.sub(r"<[^>]+>", " ", solution).split()[-6:]
    assert " ".join(solution_words) not in str(index(marked))


# --- Notebook pages (notebook_pages.py) ---------------------------------------------------------


def test_a_notebook_page_keeps_exercises_and_folded_solutions_in_their_list_items():
    lesson = DOCS / "es" / "lessons" / "graph.md"
    text = notebook_pages.notebook_markdown(lesson, notebook_path(lesson))
    lines = text.splitlines()
    solution = lines.index('    ??? success "Solución"')
    notebook = nbformat.read(notebook_path(lesson), as_version=4)
    first_line = next(c.source for c in notebook.cells if c.id == "exercise-1-attempt")
    attempt = lines.index("    " + first_line.splitlines()[0])
    assert lines[attempt - 1].startswith("    ```python")
    item = next(line for line in reversed(lines[:attempt]) if line[:1].strip())
    assert item.startswith("1. ")  # in the first exercise's list item, before its solution
    assert attempt < solution
    assert lines[solution + 2].startswith('        ```python title="snippets/')  # inside the fold
    assert re.search(r'^\?\?\? note "Comprobador de los ejercicios"$', text, re.MULTILINE)
    assert not re.search(r"ol-start|\]\(https://", text)
    assert "](../lessons/backward.md)" in text  # the lesson's links, from notebooks/


def test_a_notebook_page_shows_every_cell_once():
    lesson = DOCS / "es" / "lessons" / "backward.md"
    notebook = nbformat.read(notebook_path(lesson), as_version=4)
    text = notebook_pages.notebook_markdown(lesson, notebook_path(lesson))
    codes = [fence.body for fence in read_fences(lesson, text) if fence.lang == "python"]
    cells = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    checker = [cell.source for cell in notebook.cells if cell.get("id") == CHECKER]
    assert sorted(codes) == sorted(source for source in cells if source not in checker)


def test_the_short_tracebacks_cell_comes_after_the_lessons_opening():
    lesson = DOCS / "en" / "lessons" / "backward.md"
    notebook = nbformat.read(notebook_path(lesson), as_version=4)
    short = next(cell.source for cell in notebook.cells if cell.id == SHORT_TRACEBACKS)
    text = notebook_pages.notebook_markdown(lesson, notebook_path(lesson))
    first = read_fences(lesson, text)[0]
    assert first.body == short  # the first code, as in the notebook
    opening = text[text.index("\n# ") : first.start]
    assert len(re.sub(r"\s", "", opening)) > 200  # after the title and the lesson's first lines


def test_a_notebook_that_lacks_a_cell_fails_naming_the_fix(tmp_path):
    lesson = DOCS / "es" / "lessons" / "graph.md"
    notebook = nbformat.read(notebook_path(lesson), as_version=4)
    notebook.cells = [cell for cell in notebook.cells if cell.id != "code-1"]
    broken = tmp_path / "graph.ipynb"
    nbformat.write(notebook, broken)
    with pytest.raises(PluginError, match=r"graph.md:\d+; fix: make notebooks LESSON=graph"):
        notebook_pages.notebook_markdown(lesson, broken)


# --- Formulas and dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tex", "parts"),
    [
        ("a = b + c = d", ["a ", "= b + c ", "= d"]),
        (r"x_{i=1} \leq y", [r"x_{i=1} ", r"\leq y"]),
        (r"\left( a = b \right)", [r"\left( a = b \right)"]),
        (r"a \neq b", ["a ", r"\neq b"]),
    ],
)
def test_a_long_inline_formula_may_break_before_each_relation(tex, parts):
    assert maths.relation_parts(tex) == parts


# --- The build reads lessons and notebooks; it never runs them --------------------------------

IMPORTS_TORCH = """
import importlib.util, sys
for path in sys.argv[1:]:
    spec = importlib.util.spec_from_file_location(path, path)  # as MkDocs loads a hook
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
print("torch" in sys.modules)
"""


def test_no_hook_imports_torch():
    """Importing torch was a fifth of a cold build (tools/exercises.py and tools/checker_cell.py
    imported tools/checker.py at the top): the modules the hooks use import it where they judge."""
    hooks = [str(ROOT / path) for path in site_config()["hooks"]]
    assert len(hooks) > 5
    found = subprocess.run(
        [sys.executable, "-c", IMPORTS_TORCH, *hooks], capture_output=True, text=True, cwd=ROOT
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "False", "a hook imports torch; run python -X importtime"


def test_a_comment_is_given_its_column_so_that_its_wrapped_lines_stay_under_it():
    """Pygments' HTML, escapes counted as the one character the reader sees (`<`)."""
    code = "def f(x):\n    # why\n    return x < 1  # a comparison\n# no indent\n"
    marked = code_comments.with_columns(pygments.highlight(code, PythonLexer(), HtmlFormatter()))
    assert re.findall(r'style="--column: (\d+)">#', marked) == ["4", "18"]
    assert '<span class="c1"># no indent</span>' in marked


# --- Reading times of the home page's parts (reader.py) ---------------------------------------


def test_only_a_section_listing_a_whole_part_gets_its_reading_time():
    """A section that links one lesson in passing is no part: it once read "1 lecciones"."""

    def lesson(name, minutes):
        return SimpleNamespace(url=f"lessons/{name}/", is_page=True, reading_minutes=minutes)

    first, second, third = lesson("a", 10), lesson("b", 20), lesson("c", 30)
    part = SimpleNamespace(is_section=True, children=[first, second])
    other = SimpleNamespace(is_section=True, children=[third])
    nav = SimpleNamespace(pages=[first, second, third], items=[part, other])
    home = SimpleNamespace(
        url="",
        content='<h2 id="before">Before</h2><p><a href="lessons/a/">a</a></p>'
        '<h2 id="part">Part</h2><ul><li><a href="lessons/a/">a</a></li>'
        '<li><a href="lessons/b/">b</a></li></ul><h2 id="glossary">More</h2>'
        '<p><a href="glossary/">glossary</a></p>',
    )
    texts = {"part_time": "{count} lessons, about {time}", "minutes": "{minutes} min"}
    times = re.findall(
        r'<h2 id="(\w+)">\w+</h2><p class="part-time">([^<]*)',
        reader.with_part_times(home, nav, texts),
    )
    assert times == [("part", "2 lessons, about 30 min")]
