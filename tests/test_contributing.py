"""The README's "Add a lesson" and "Change a lesson" work, in the order written.

On a scratch copy of the repository, the test writes what a contributor writes (the fixture lesson
in fixtures/new-lesson/, the README's own example `detach-vs-clone`) and runs the commands the
README gives, read from the README itself, so the two cannot drift apart. It ends with what
`make test` would check of that lesson: its doc tests, its translation record, its notebooks and
its parity, all green.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.pages import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "new-lesson"
NAME = "detach-vs-clone"  # the README's example
SKIPPED = ("make test",)  # the whole suite: this test stands for it, for the one lesson
README_LESSON = "graph"  # the lesson "Change a lesson" names in its commands


def steps(section: str) -> dict[int, list[str]]:
    """The commands of each numbered step of a README section: its ```bash lines, or else
    its inline `make ...` commands."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    text = readme.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    text = re.split(r"\n\n(?=[^\s\d])", text.split("\n1. ", 1)[1])[0]  # the list, not after
    text = "1. " + text
    found = {}
    for number, body in re.findall(r"^(\d+)\. (.*?)(?=^\d+\. |\Z)", text, re.M | re.S):
        blocks = re.findall(r"```bash\n(.*?)```", body, re.S)
        lines = [line.split("#")[0].strip() for block in blocks for line in block.splitlines()]
        lines = lines or re.findall(r"`(make [^`]+)`", body)
        found[int(number)] = [line for line in lines if line and line not in SKIPPED]
    return found


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A copy of the working tree (without git, the site, caches), sharing the .venv."""
    copy = tmp_path / "repository"
    ignore = shutil.ignore_patterns(".git", ".venv", "site", ".cache", "screenshots", "__pycache__")
    shutil.copytree(ROOT, copy, ignore=ignore, dirs_exist_ok=True)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    installed = (ROOT / ".venv" / ".installed").stat().st_mtime - 1  # make: nothing to install
    os.utime(copy / "pyproject.toml", (installed, installed))
    return copy


def run(scratch: Path, command: str, lesson: str = NAME) -> str:
    command = command.replace(f"LESSON={README_LESSON}", f"LESSON={lesson}")
    result = subprocess.run(command, shell=True, cwd=scratch, capture_output=True, text=True)
    assert result.returncode == 0, f"`{command}` failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def green(scratch: Path) -> None:
    """What `make test` checks of the lesson besides its doc tests (the README's `make check`
    runs those): its translation record, its notebooks, its parity."""
    pages = [f"docs/{lang}/lessons/{NAME}.md" for lang in ("es", "en")]
    run(scratch, f".venv/bin/python -m tools.translations {pages[1]}")
    run(scratch, f".venv/bin/python -m tools.notebooks --check {' '.join(pages)}")
    check = (
        "from tools.pages import parse_page; from tools.parity import parity_problems; "
        f"import sys; sys.exit('\\n'.join(parity_problems(*map(parse_page, {pages!r}))) or None)"
    )
    run(scratch, f'{sys.executable} -c "{check}"')


def test_adding_then_changing_a_lesson_by_the_readme_ends_green(scratch):
    commands = steps("Add a lesson")
    assert sorted(commands) == [1, 2, 3, 4, 5, 6], "the README's steps changed: update this test"
    # 1. Code: the Spanish module, copied by the README's command to the English one, which the
    # contributor then translates; 2. Spanish page, 3. English page.
    modules = {
        lang: scratch / "snippets" / lang / "lessons" / f"{NAME}.py" for lang in ("es", "en")
    }
    shutil.copy(FIXTURE / "es.py", modules["es"])
    assert commands[1], "step 1 gives the command that makes the English module"
    for command in commands[1]:
        run(scratch, command)
    assert modules["en"].read_text(encoding="utf-8") == modules["es"].read_text(encoding="utf-8")
    shutil.copy(FIXTURE / "en.py", modules["en"])  # its comments and labels translated
    for lang in ("es", "en"):
        shutil.copy(FIXTURE / f"{lang}.md", scratch / "docs" / lang / "lessons" / f"{NAME}.md")
    for step in (2, 3):
        for command in commands[step]:
            run(scratch, command)
    # 4. Navigation: the nav, and a link by its title on each home page, in its part.
    config = scratch / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    entry = f"- lessons/graph.md\n      - lessons/{NAME}.md\n"
    config.write_text(text.replace("- lessons/graph.md\n", entry, 1), encoding="utf-8")
    titles = {
        "es": ("`detach()` frente a `clone()`", "qué copia sigue en el grafo."),
        "en": ("`detach()` versus `clone()`", "which copy stays in the graph."),
    }
    for lang, (title, what) in titles.items():
        home = scratch / "docs" / lang / "index.md"
        text = home.read_text(encoding="utf-8")
        after = text.index("\n3. [", text.index("](lessons/graph.md)"))
        link = f"\n3. [{title}](lessons/{NAME}.md): {what}"
        home.write_text(text[:after] + link + text[after:], encoding="utf-8")
    # 5. Outputs and notebooks, 6. Check.
    for step in (4, 5, 6):
        for command in commands[step]:
            run(scratch, command)
    spanish = (scratch / "docs" / "es" / "lessons" / f"{NAME}.md").read_text(encoding="utf-8")
    assert spanish.count('```text title="Salida"') == 2  # written by step 5
    green(scratch)

    # Then "Change a lesson", on the lesson just added: a sentence, in both languages.
    commands = steps("Change a lesson")
    assert sorted(commands) == [1, 2, 3, 4, 5], "the README's steps changed: update this test"
    pages = {lang: scratch / "docs" / lang / "lessons" / f"{NAME}.md" for lang in ("es", "en")}

    def edit(lang: str, old: str, new: str) -> None:
        text = pages[lang].read_text(encoding="utf-8")
        assert old in text
        pages[lang].write_text(text.replace(old, new, 1), encoding="utf-8")

    # 1. The Spanish page and the code, in both modules; 2. their outputs, by the README's other
    # way: pytest's --update-outputs (its last paragraph; `make update-outputs` ran when the
    # lesson was added).
    edit("es", "comparte la memoria", "comparte la memoria con el original")
    for module in modules.values():
        code = module.read_text(encoding="utf-8")
        module.write_text(code.replace("print(detached.requires_grad)", "print(detached.is_leaf)"))
    assert commands[2] == [f"make update-outputs LESSON={README_LESSON}"]
    both = " ".join(str(page.relative_to(scratch)) for page in pages.values())
    run(scratch, f".venv/bin/pytest -q -p no:cacheprovider {both} --update-outputs")
    assert "\nTrue\n```" in pages["es"].read_text(encoding="utf-8")
    run(scratch, f".venv/bin/pytest -q -p no:cacheprovider {pages['es']}")  # still green
    edit("en", "shares the memory", "shares the memory with the original")  # 3. English
    for step in (3, 4, 5):
        for command in commands[step]:
            run(scratch, command)
    green(scratch)
