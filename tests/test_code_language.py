"""The code a page shows speaks the page's language (tools/code_language.py).

Each page's `code-language` doc test checks the real pages (tools/page_checks.py), every page
of both languages. Here the detector is fed the fixture pages (comments and labels in their
language), then broken copies of their modules: the review's M27 (a Spanish comment shown on the
English page), an English label on the Spanish page, English outside the sections the page shows
(the module's docstring, a comment between sections), a misspelt comment.
"""

import shutil
from pathlib import Path

import pytest

from tools import code_language, spelling
from tools.installed import HUNSPELL, require
from tools.pages import Expander, parse_page

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def hunspell():
    require(spelling.available(), HUNSPELL)


@pytest.fixture
def lesson(tmp_path) -> Path:
    """A copy of the fixture pages and their modules, to break."""
    shutil.copytree(FIXTURES / "docs", tmp_path / "docs")
    shutil.copytree(FIXTURES / "snippets", tmp_path / "snippets")
    return tmp_path


def problems(root: Path, lang: str, old: str = "", new: str = "") -> list[str]:
    module = root / "snippets" / lang / "lessons" / "demo.py"
    text = module.read_text(encoding="utf-8")
    assert old in text
    module.write_text(text.replace(old, new, 1), encoding="utf-8")
    page = root / "docs" / lang / "lessons" / "demo.md"
    return code_language.problems(parse_page(page, expander=Expander(root / "snippets")))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_fixture_pages_speak_their_language(lesson, lang):
    assert problems(lesson, lang) == []


def test_spanish_comment_on_the_english_page_fails(lesson):
    """The review's M27: a Spanish comment in the code the English page shows."""
    [problem] = problems(
        lesson, "en", "# twice each value", "# el gradiente se acumula en cada paso"
    )
    module = lesson / "snippets" / "en" / "lessons" / "demo.py"
    assert problem == (
        f"{module}:18: this comment is Spanish, but the page is English: 'el gradiente se "
        f"acumula en cada paso'; fix: write it in English (the page "
        f"{lesson}/docs/en/lessons/demo.md shows {module}), then run `make check LESSON=demo`"
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "kind"),
    [
        ('print("después del aviso")', 'print("after the warning")', 29, "string"),
        ('"los valores son inventados"', '"values are made up"', 28, "string"),
        ("# el doble de cada valor", "# twice each value", 18, "comment"),
        ('print("después del aviso")', 'print(f"step {1}: loss")', 29, "string"),
        ('print("después del aviso")', 'print("exact")', 29, "string"),
        ('print("después del aviso")', "print(f\"{values.grad or 'leaf'}\")", 29, "string"),
        (
            "doubled = values * 2",
            '"""Twice each value, as a new tensor."""\ndoubled = values * 2',
            18,
            "docstring",
        ),
    ],
    ids=[
        "label",
        "warning",
        "comment",
        "f-string-label",
        "one-word-label",
        "fallback",
        "docstring",
    ],
)
def test_english_on_the_spanish_page_fails(lesson, old, new, line, kind):
    """An English label (the review's «step 0: loss 19.0499», «exact», 'leaf'), warning,
    comment or docstring in the code the Spanish page shows."""
    [problem] = problems(lesson, "es", old, new)
    module = lesson / "snippets" / "es" / "lessons" / "demo.py"
    assert problem.startswith(f"{module}:{line}: this {kind} is English, but the page is Spanish: ")
    assert "fix: write it in Spanish" in problem


@pytest.mark.parametrize(
    "new",
    [
        'warnings.simplefilter("always")\nprint("después del aviso")',  # a string used as data
        'print("después del aviso", values.sum(dim=0))',
        'print("después de `backward()` y de x.grad")',  # code in a label
        'print("después del aviso")  # y el aviso, una vez',
    ],
)
def test_code_and_data_in_a_spanish_module_pass(lesson, new):
    assert problems(lesson, "es", 'print("después del aviso")', new) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "kind"),
    [
        (
            '"""Módulo de tests/test_machinery.py: el de las páginas de prueba en español."""',
            '"""The module of tests/test_machinery.py for the Spanish test pages."""',
            1,
            "docstring",
        ),
        (
            "try:\n",
            "# The error is the lesson: the page shows the traceback.\ntry:\n",
            10,
            "comment",
        ),
    ],
    ids=["module-docstring", "comment-between-sections"],
)
def test_english_outside_the_sections_fails(lesson, old, new, line, kind):
    """A learner who opens the Spanish module reads its docstring and the comments between
    sections too."""
    [problem] = problems(lesson, "es", old, new)
    module = lesson / "snippets" / "es" / "lessons" / "demo.py"
    assert problem.startswith(f"{module}:{line}: this {kind} is English, but the page is Spanish: ")


def test_section_markers_are_not_text(lesson):
    assert problems(lesson, "es", "# --8<-- [start:loud]", "# --8<-- [ start : loud ]") == []


def test_misspelt_comment_fails(lesson):
    [problem] = problems(lesson, "en", "# twice each value", "# twice each vaule")
    assert problem.startswith(f"{lesson}/snippets/en/lessons/demo.py:18: misspelt in a comment: ")
    assert "vaule; fix: correct it, or add it to tests/wordlist-en.txt if it is a real term" in (
        problem
    )
