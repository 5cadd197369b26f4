"""The two languages' snippet modules of a lesson hold the same code (tools/same_code.py).

The real lessons are checked by each page's `same-code` doc test (tools/page_checks.py); here the
guard is fed a fixture pair (fixtures/same-code/) whose comments, docstrings and printed labels
are translated, then broken copies of its English module, one difference each.
"""

import shutil
from pathlib import Path

import pytest
from sybil.example import SybilFailure

from tools.page_tests import PageSybil
from tools.pages import Expander
from tools.same_code import differences, tokens

FIXTURES = Path(__file__).parent / "fixtures"
ES = FIXTURES / "same-code" / "es" / "steps.py"
EN = FIXTURES / "same-code" / "en" / "steps.py"
SHOWN = {"es": "tests/fixtures/same-code/es/steps.py", "en": "tests/fixtures/same-code/en/steps.py"}


def broken(tmp_path: Path, old: str, new: str, path: Path = EN) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    copy = tmp_path / path.parent.name / path.name
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def test_translated_comments_strings_and_answer_name_pass():
    """Comments, the docstring, labels in f-strings and a longer Spanish label (wrapped by the
    formatter, with a trailing comma) differ; `respuesta` is `answer`."""
    es, en = ES.read_text(encoding="utf-8"), EN.read_text(encoding="utf-8")
    assert "pérdida {loss.item():.4f}" in es
    assert "respuesta," in es  # the formatter's trailing comma, not in the English
    assert es != en
    assert differences(ES, EN, "steps") == []


@pytest.mark.parametrize(
    ("old", "new", "es_side", "en_side"),
    [
        ("w -= 0.1 * w.grad", "w -= 0.2 * w.grad", ":12 has 0.1", ":12 has 0.2"),
        (
            "    loss.backward()",
            "    total = loss\n    total.backward()",
            ":10 has loss",
            ":10 has total",
        ),
        (
            "{loss.item():.4f}",
            "{loss.item():.3f}",
            ':14 has f"paso {step}: pérdida {loss.item():.4f}"',
            ':14 has f"step {step}: loss {loss.item():.3f}"',
        ),
        (
            "{step}: loss {loss.item():.4f}",
            "{loss.item():.4f}: step {step}",
            ':14 has f"paso {step}: pérdida {loss.item():.4f}"',
            ':14 has f"step {loss.item():.4f}: step {step}"',
        ),
        (
            "# --8<-- [end:train]\n\n# --8<-- [start:exercise]\n",
            "\n",
            ":15 has # --8<-- [end:train]",
            ":16 has the end of an indented block",
        ),
        ("answer = w", "respuesta = w", ":19 has respuesta", ":19 has respuesta"),
        ("pairs = (w.item(),)", "pairs = (w.item())", ":18 has ,", ":18 has )"),
        ('"the weight after three steps:", answer', "answer", ':21 has "el peso', ":20 has answer"),
    ],
    ids=[
        "number",
        "renamed-variable",
        "f-string-format",
        "f-string-fields-reordered",
        "missing-section",
        "spanish-answer-name-in-english",
        "one-tuple",
        "printed-argument-removed",
    ],
)
def test_code_that_differs_fails_naming_both_files_lines_and_the_fix(
    tmp_path, old, new, es_side, en_side
):
    english = broken(tmp_path, old, new)
    [problem] = differences(ES, english, "steps")
    assert problem.startswith(f"the two languages' code differs: {SHOWN['es']}{es_side}"), problem
    assert f"{english}{en_side}" in problem
    assert "; fix: make the code the same in both modules, keeping the Spanish as the original" in (
        problem
    )
    assert "`respuesta`/`answer`" in problem
    assert problem.endswith("then run `make check LESSON=steps`")


def test_english_name_in_the_spanish_module_fails(tmp_path):
    spanish = broken(tmp_path, "respuesta = w", "answer = w", ES)
    [problem] = differences(spanish, EN, "steps")
    assert f"{spanish}:19 has answer, {SHOWN['en']}:19 has answer;" in problem


def test_a_module_that_ends_early_is_named(tmp_path):
    spanish = tmp_path / "steps.py"
    spanish.write_text(ES.read_text(encoding="utf-8") + "print(pairs)\n", encoding="utf-8")
    [problem] = differences(spanish, EN, "steps")
    assert f"{spanish}:25 has print, {SHOWN['en']} ends (its last code is at line 21);" in problem


def test_formatting_a_longer_string_changes_nothing():
    one = 'print("a", x)\nt = (1,)\n'
    wrapped = 'print(\n    "una etiqueta más larga",\n    x,\n)\nt = (\n    1,\n)\n'
    assert tokens(one, "en") == tokens(wrapped, "es")
    assert tokens('y = ("a" "b")\n', "en") == tokens('y = "ab"\n', "es")
    assert tokens("t = (1,)\n", "en") != tokens("t = (1)\n", "es")
    assert tokens("return (1,)\n", "en") != tokens("return (1)\n", "es")


# As a check of one page: `make check LESSON=x` runs it on both pages of the lesson.


def page_failures(page: Path, snippets: Path) -> dict[str, str]:
    document = PageSybil(Expander(snippets)).parse(page)
    failed = {}
    for example in document.examples():
        try:
            example.evaluate()
        except SybilFailure as failure:
            parsed = example.region.parsed
            failed[parsed if isinstance(parsed, str) else parsed.pieces[0].target] = str(failure)
    return failed


def test_each_page_of_a_lesson_whose_modules_differ_fails(tmp_path):
    shutil.copytree(FIXTURES / "docs", tmp_path / "docs")
    shutil.copytree(FIXTURES / "snippets", tmp_path / "snippets")
    module = tmp_path / "snippets" / "en" / "lessons" / "demo.py"
    text = module.read_text(encoding="utf-8")
    # The same tensor, other code: the outputs agree, the code does not.
    module.write_text(text.replace("torch.arange(3.0) / 3", "torch.arange(3.0) / 3.0"), "utf-8")
    for lang in ("es", "en"):
        page = tmp_path / "docs" / lang / "lessons" / "demo.md"
        failed = page_failures(page, tmp_path / "snippets")
        assert list(failed) == ["same-code"], failed
        assert (
            f"{tmp_path}/snippets/es/lessons/demo.py:6 has 3, "
            f"{tmp_path}/snippets/en/lessons/demo.py:6 has 3.0" in failed["same-code"]
        )
        assert "make check LESSON=demo" in failed["same-code"]


def test_a_missing_twin_module_fails(tmp_path):
    shutil.copytree(FIXTURES / "docs", tmp_path / "docs")
    shutil.copytree(FIXTURES / "snippets", tmp_path / "snippets")
    (tmp_path / "snippets" / "es" / "lessons" / "demo.py").unlink()
    page = tmp_path / "docs" / "en" / "lessons" / "demo.md"
    failed = page_failures(page, tmp_path / "snippets")
    assert (
        f"\n{tmp_path}/snippets/es/lessons/demo.py is missing: the other language's module of "
        f"{tmp_path}/snippets/en/lessons/demo.py; fix: copy" in failed["same-code"]
    )
