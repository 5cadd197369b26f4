"""Guards that tests of code cannot give: spelling, lint, and translations kept up to date.

Each guard runs on the real tree, and on a bad fixture to show it fails with a useful message.
"""

import datetime
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools import spelling
from tools.installed import HUNSPELL, require
from tools.outputs import updated_text
from tools.pages import ROOT, Expander, parse_page
from tools.translations import changes_since, mark, recorded, stale_problems

FIXTURES = Path(__file__).parent / "fixtures"
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


# Spelling: hunspell and its dictionaries come from Debian's packages (.ci/run installs them).


@pytest.fixture
def hunspell():
    require(spelling.available(), HUNSPELL)


# Every page's own check `...::spelling` (tools/page_checks.py) spells it; here, the speller.


@pytest.mark.usefixtures("hunspell")
@pytest.mark.parametrize(
    ("lang", "page", "expected"),
    [
        ("en", "misspelt.md", ["2: descriptoin", "7: gradeints", "9: titel"]),
        ("es", "mal-escrito.md", ["2: descripcion", "7: trackee", "9: Solucion"]),
    ],
)
def test_misspelt_words_fail_naming_file_line_and_word(lang, page, expected):
    """In the description, the prose and an admonition title; not in code or maths."""
    found = spelling.problems(lang, [FIXTURES / "spelling" / page])
    assert [problem.split("\n")[0] for problem in found] == [
        f"tests/fixtures/spelling/{page}:{word}" for word in expected
    ]
    assert f"fix: correct it, or add it to tests/wordlist-{lang}.txt" in found[0]


# Lint and format.


def test_code_is_linted_and_formatted():
    check, form = (
        run(str(BIN / "ruff"), "check", "."),
        run(str(BIN / "ruff"), "format", "--check", "."),
    )
    assert check.returncode == 0, f"{check.stdout}\nfix: `make format`, then fix what remains"
    assert form.returncode == 0, f"{form.stdout}\nfix: `make format`"


def test_lint_error_fails_naming_file_and_rule():
    fixture = "tests/fixtures/lint/unused_import.py"
    result = run(str(BIN / "ruff"), "check", "--output-format", "concise", fixture)
    assert result.returncode == 1
    assert f"{fixture}:3:8: F401 [*] `os` imported but unused" in result.stdout


# Translations: each English page records the version of its Spanish original (every English
# page's own check `...::translation`); here, the record.


def test_changed_spanish_page_makes_its_translation_stale(tmp_path):
    for lang in ("es", "en"):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "page.md").write_text("# Título\n\nUna frase.\n", encoding="utf-8")
    [problem] = stale_problems(tmp_path)
    assert "records no Spanish version" in problem
    mark(tmp_path / "en" / "page.md", tmp_path)
    assert stale_problems(tmp_path) == []
    (tmp_path / "es" / "page.md").write_text("# Título\n\nOtra frase.\n", encoding="utf-8")
    [problem] = stale_problems(tmp_path)
    assert (
        f"{tmp_path / 'en' / 'page.md'} translates an older {tmp_path / 'es' / 'page.md'}"
        in problem
    )
    assert f"make mark-translated PAGE={tmp_path / 'en' / 'page.md'}" in problem


def test_regenerating_outputs_never_makes_a_translation_stale(tmp_path):
    """The record covers what a translator translates: not the output blocks, their date, or
    the numbers the prose quotes from them, which `make update-outputs` writes in both languages."""
    expander = Expander(FIXTURES / "snippets")
    shutil.copytree(FIXTURES / "docs", tmp_path, dirs_exist_ok=True)
    spanish = tmp_path / "es" / "lessons" / "demo.md"
    without = re.sub(r"\n```text title=\"Salida\"\n.*?```\n", "", spanish.read_text(), flags=re.S)
    spanish.write_text(without + "\nUn tercio es 0.3333.\n", encoding="utf-8")  # a quoted number
    mark(tmp_path / "en" / "lessons" / "demo.md", tmp_path, expander)
    assert stale_problems(tmp_path, expander) == []
    unresolved = []
    regenerated = updated_text(parse_page(spanish, expander=expander), unresolved)
    assert regenerated.count('```text title="Salida"') == 4  # the outputs are back, dated
    assert "outputs_date:" in regenerated
    spanish.write_text(regenerated.replace("0.3333", "0.3334"), encoding="utf-8")
    assert stale_problems(tmp_path, expander) == []
    english = tmp_path / "en" / "lessons" / "demo.md"  # the English is not stale either
    mark(english, tmp_path, expander)
    english.write_text(english.read_text() + "\nA third is 0.3333.\n", encoding="utf-8")
    mark(english, tmp_path, expander)
    regenerated_en = updated_text(parse_page(english, expander=expander))
    english.write_text(regenerated_en.replace("0.3333", "0.3334"), encoding="utf-8")
    assert stale_problems(tmp_path, expander) == []
    spanish.write_text(regenerated.replace("Un tercio", "Una tercera parte"), encoding="utf-8")
    [problem] = stale_problems(tmp_path, expander)  # a change of wording must be translated
    assert "translates an older" in problem


def test_english_edited_after_it_was_marked_is_seen(tmp_path):
    """M11: the English reversed in meaning, the Spanish untouched, must be re-marked on purpose."""
    for lang, sentence in (
        ("es", "Sin error: no borra el grafo."),
        ("en", "No error: the graph stays."),
    ):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "page.md").write_text(f"# T\n\n{sentence}\n", encoding="utf-8")
    english = tmp_path / "en" / "page.md"
    mark(english, tmp_path, today=datetime.date(2026, 12, 3))
    text = english.read_text(encoding="utf-8")
    assert text.startswith("---\ntranslation_of: ")
    assert "\ntranslated_text: " in text
    assert "\ntranslated_on: 2026-12-03\n---\n" in text
    assert stale_problems(tmp_path) == []
    english.write_text(
        text.replace("No error: the graph stays.", "The same error: the graph goes.")
    )
    [problem] = stale_problems(tmp_path)
    assert problem.startswith(
        f"{english}:1: changed since it was marked as the translation of "
        f"{tmp_path / 'es' / 'page.md'}"
    )
    assert (
        f"fix: if the English is right (the Spanish says the same), record it deliberately "
        f"with `make mark-translated PAGE={english}`" in problem
    )
    mark(english, tmp_path)
    assert stale_problems(tmp_path) == []


def test_an_english_edit_shows_what_changed_since_it_was_marked():
    """On a committed page, the message shows the English lines changed since it was marked."""
    english = ROOT / "docs" / "en" / "lessons" / "backward.md"
    text = english.read_text(encoding="utf-8")
    old = "No error this time. `backward()` doesn't delete the graph"
    assert old in text
    edited = text.replace(old, "The same error. `backward()` deletes the graph", 1)
    shown = changes_since(english, recorded(text, "translated_text"), text=edited)
    assert shown.startswith("; what changed since then (")
    assert "-        No error this time. `backward()` doesn't delete the graph" in shown
    assert "+        The same error. `backward()` deletes the graph" in shown


# A missing program fails with its fix, or is skipped on purpose (tools/installed.py).


def test_a_missing_program_fails_with_the_install_command(monkeypatch):
    monkeypatch.delenv(HUNSPELL.variable, raising=False)
    with pytest.raises(pytest.fail.Exception) as failed:
        require(False, HUNSPELL)
    assert str(failed.value) == (
        "hunspell with its es_ES and en_US dictionaries is not installed\n  fix: apt-get install "
        "hunspell hunspell-es hunspell-en-us (.ci/run does it), or set SKIP_SPELLING=1 to skip "
        "these tests on purpose"
    )
    monkeypatch.setenv(HUNSPELL.variable, "1")
    with pytest.raises(pytest.skip.Exception, match=r"\(SKIP_SPELLING is set\)"):
        require(False, HUNSPELL)
    require(True, HUNSPELL)  # installed: nothing to say
