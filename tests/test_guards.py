"""Guards that tests of code cannot give: spelling, lint, and translations kept up to date.

Each guard runs on the real tree, and on a bad fixture to show it fails with a useful message.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools import spelling
from tools.pages import ROOT
from tools.translations import mark, stale_problems

FIXTURES = Path(__file__).parent / "fixtures"
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


# Spelling: hunspell and its dictionaries come from Debian's packages (.ci/run installs them).

needs_hunspell = pytest.mark.skipif(
    not spelling.available() and not os.environ.get("CI"),
    reason="hunspell with es_ES and en_US is not installed "
    "(apt-get install hunspell hunspell-es hunspell-en-us; .ci/run does it, and CI never skips)",
)


@needs_hunspell
@pytest.mark.parametrize("lang", ["es", "en"])
def test_prose_is_spelt_correctly(lang):
    found = spelling.problems(lang)
    assert not found, "\n".join(found)


@needs_hunspell
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


# Translations: each English page records the version of its Spanish original.


def test_translations_are_up_to_date():
    assert stale_problems() == []


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
