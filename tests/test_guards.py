"""Guards that tests of code cannot give: spelling, lint, and translations kept up to date.

Each guard runs on the real tree, and on a bad fixture to show it fails with a useful message.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.pages import ROOT
from tools.translations import mark, stale_problems

FIXTURES = Path(__file__).parent / "fixtures"
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


# Spelling: hunspell and its dictionaries come from Debian's packages (.ci/run installs them).

HUNSPELL = shutil.which("hunspell") and all(
    Path(f"/usr/share/hunspell/{d}.dic").exists() for d in ("es_ES", "en_US")
)
needs_hunspell = pytest.mark.skipif(
    not HUNSPELL and not os.environ.get("CI"),
    reason="hunspell with es_ES and en_US is not installed "
    "(apt-get install hunspell hunspell-es hunspell-en-us; .ci/run does it, and CI never skips)",
)


def spelling(lang: str, *sources: Path) -> subprocess.CompletedProcess:
    command = [str(BIN / "pyspelling"), "-c", ".pyspelling.yml", "-s", "hunspell", "-n", lang]
    for source in sources:
        command += ["-S", str(source.relative_to(ROOT))]
    return run(*command)


@needs_hunspell
@pytest.mark.parametrize("lang", ["es", "en"])
def test_prose_is_spelt_correctly(lang):
    result = spelling(lang)
    assert result.returncode == 0, (
        f"{result.stdout}{result.stderr}\nfix: correct the words above in docs/{lang}/, or add "
        f"a real term to tests/wordlist-{lang}.txt"
    )


@needs_hunspell
@pytest.mark.parametrize(
    ("lang", "page", "word"),
    [("en", "misspelt.md", "gradeints"), ("es", "mal-escrito.md", "trackee")],
)
def test_misspelt_word_fails_naming_file_and_word(lang, page, word):
    result = spelling(lang, FIXTURES / "spelling" / page)
    assert result.returncode == 1
    assert f"tests/fixtures/spelling/{page}" in result.stdout
    assert result.stdout.count(word) == 1  # in the prose; the same word in code is not checked


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
