"""No build ever shows a previous build's result: after any change, a build that follows others
(warm) writes exactly the site a build from scratch writes (cold: a fresh copy, a fresh process),
and builds write nothing outside their sites.

The builds are of a small fixture site (tests/fixtures/build/: two languages, a lesson with code,
an output, formulas and a solution, and its notebook page) with this repository's mkdocs.yml and a
copy of tools/ (a test changes the hooks' code), never the developer's tree. One change per hole
reproduced in shared/reviews/2026-12-03/architecture.md, made one after the other as a session of
`mkdocs serve` would see them (one process, the hooks loaded once, the config read again for
each rebuild), and, for the hooks' own code, by the next `mkdocs build`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from filelock import FileLock
from mkdocs.config import load_config

from conftest import shared_folder
from tools.bench import serve_reloads
from tools.languages import LANGUAGE, LANGUAGES
from tools.notebook_build import build_notebook
from tools.pages import ROOT, Expander, parse_page

FIXTURE = Path(__file__).parent / "fixtures" / "build"
# An edit to the lesson's code, made in both languages' modules as an author makes it.
SNIPPETS = [
    (f"snippets/{lang}/lessons/demo.py", "total = sum([1, 2, 3])", "total = sum([1, 2, 3, 4])")
    for lang in LANGUAGES
]
# A Pygments whose HTML differs (the class of a name), as after an upgrade.
UPGRADE = "import pygments.token as t; t.STANDARD_TYPES[t.Name] = 'upgraded'"
# First, in a new process (MkDocs loads hooks once per process): an output block's title markup.
HOOK = (
    "tools/hooks/build_once.py",
    '<span class="filename">{title}</span>',
    '<span class="filename changed">{title}</span>',
)
# Then, under `mkdocs serve`: (name, [(file, old, new)], whether Pygments is upgraded).
STEPS = [
    (
        "highlight-option",
        [
            (
                "base.yml",
                "  - pymdownx.highlight\n",
                "  - pymdownx.highlight:\n      linenums: true\n",
            )
        ],
        False,
    ),
    ("pygments", [], True),
    ("snippet", SNIPPETS, False),
]
SERVE = f"""
import json, logging, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.basicConfig(format="%(levelname)s %(message)s")
logging.getLogger("mkdocs").setLevel(logging.INFO)  # as `mkdocs serve` logs
config = load_config("mkdocs.yml", site_dir="site-serve")
config.plugins.on_startup(command="serve", dirty=False)
build(config)
for name, edits, upgrade in json.loads(sys.argv[1]):
    for path, old, new in edits:
        with open(path, encoding="utf-8") as file:
            text = file.read()
        assert old in text, (path, old)
        with open(path, "w", encoding="utf-8") as file:
            file.write(text.replace(old, new))
    if upgrade:
        {UPGRADE}
    build(load_config("mkdocs.yml", site_dir="site-" + name))
"""


def project(folder: Path) -> Path:
    """The fixture site as a project of its own: its docs and snippets, this repository's
    mkdocs.yml (inherited, with the fixture's nav), overrides/ and a copy of tools/; the lesson's
    notebooks made by tools/notebook_build.py (not run: the page shows their cells)."""
    shutil.copytree(FIXTURE, folder)
    shutil.copytree(ROOT / "tools", folder / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", folder / "base.yml")
    nav = "INHERIT: base.yml\nnav:\n  - Inicio: index.md\n  - lessons/demo.md\n"
    (folder / "mkdocs.yml").write_text(nav, encoding="utf-8")
    expander = Expander(FIXTURE / "snippets")
    for lang in LANGUAGES:
        page = parse_page(FIXTURE / "docs" / lang / "lessons" / "demo.md", expander=expander)
        notebooks = folder / "docs" / lang / "notebooks"
        notebooks.mkdir()
        nbformat.write(build_notebook(page), notebooks / "demo.ipynb")
        shutil.copy(ROOT / "docs" / lang / "notebooks" / ".meta.yml", notebooks)
    return folder


def edit(folder: Path, path: str, old: str, new: str) -> None:
    text = (folder / path).read_text(encoding="utf-8")
    assert old in text, f"{path} no longer holds {old!r}: update the test"
    (folder / path).write_text(text.replace(old, new), encoding="utf-8")


def run(folder: Path, *arguments: str) -> None:
    """Python in the project folder (snippets' base_path is relative to it)."""
    result = subprocess.run(
        [sys.executable, *arguments], cwd=folder, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def files(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if "__pycache__" not in p.parts}


@pytest.fixture(scope="session")
def warm(tmp_path_factory) -> Path:
    """The fixture project after a `mkdocs build`, a change to a hook and another `mkdocs build`
    (site-hook), then a `mkdocs serve` session that rebuilt after each step (site-<step>)."""
    shared = shared_folder(tmp_path_factory)
    folder = shared / "build-warm"
    with FileLock(shared / "build-warm.lock"):
        if not (folder / "written.txt").exists():
            shutil.rmtree(folder, ignore_errors=True)
            project(folder)
            before = files(folder)
            run(folder, "-m", "mkdocs", "build", "--strict", "-d", "site-first")
            edit(folder, *HOOK)
            run(folder, "-m", "mkdocs", "build", "--strict", "-d", "site-hook")
            run(folder, "-c", SERVE, json.dumps(STEPS))
            written = {p for p in files(folder) - before if not p.parts[0].startswith("site-")}
            (folder / "written.txt").write_text("\n".join(sorted(map(str, written))))
    return folder


def cold(tmp_path: Path, steps: int) -> Path:
    """The fixture project with the hook's change and the first `steps` steps, built once."""
    folder = project(tmp_path / "cold")
    edit(folder, *HOOK)
    for _, edits, _ in STEPS[:steps]:
        for change in edits:
            edit(folder, *change)
    upgraded = any(upgrade for _, _, upgrade in STEPS[:steps])
    launch = ["-c", f"{UPGRADE}; from mkdocs.__main__ import cli; cli()"] if upgraded else []
    run(folder, *(launch or ["-m", "mkdocs"]), "build", "--strict", "-d", "site")
    return folder / "site"


def differences(warm: Path, cold: Path) -> str:
    result = subprocess.run(["diff", "-r", warm, cold], capture_output=True, text=True, check=False)
    return result.stdout + result.stderr


def lesson(site: Path, lang: str = "es") -> str:
    return (site / LANGUAGE[lang].site_prefix / "lessons" / "demo" / "index.html").read_text(
        "utf-8"
    )


def test_a_change_to_the_hooks_code_shows_on_the_next_build(warm, tmp_path):
    site = cold(tmp_path, 0)
    assert '<span class="filename changed">Salida</span>' in lesson(site)
    assert differences(warm / "site-hook", site) == ""


def test_a_highlight_option_shows_on_the_next_build(warm, tmp_path):
    site = cold(tmp_path, 1)
    assert 'class="linenos"' in lesson(site)
    assert differences(warm / "site-highlight-option", site) == ""


def test_a_pygments_upgrade_shows_on_the_next_build(warm, tmp_path):
    site = cold(tmp_path, 2)
    assert 'class="upgraded"' in lesson(site)
    assert differences(warm / "site-pygments", site) == ""


def test_a_snippet_edited_under_serve_shows_on_both_languages_pages(warm, tmp_path):
    for lang in LANGUAGES:
        assert '<span class="mi">4</span><span class="p">])' in lesson(warm / "site-snippet", lang)
    assert differences(warm / "site-snippet", cold(tmp_path, 3)) == ""


def test_builds_write_nothing_but_their_sites(warm):
    assert (warm / "written.txt").read_text(encoding="utf-8") == ""


def test_make_serve_shows_a_snippet_edit_on_both_languages_pages(tmp_path):
    """A real `mkdocs serve` (what `make serve` runs) of the fixture project: saving a line in
    both languages' modules of the lesson shows on both its pages (tools/bench.py times it)."""
    folder = project(tmp_path / "serve")
    edits = []
    for path, old, _ in SNIPPETS:
        lines = (folder / path).read_text(encoding="utf-8").splitlines()
        edits.append((folder / path, lines.index(old) + 1))
    pages = [f"{LANGUAGE[lang].site_prefix}lessons/demo/" for lang in LANGUAGES]
    assert serve_reloads(folder, edits, pages, repetitions=1, timeout=120)


def test_make_serve_watches_the_code_and_the_templates():
    """Besides docs/ and mkdocs.yml, which `mkdocs serve` always watches."""
    watched = {Path(path) for path in load_config(str(ROOT / "mkdocs.yml")).watch}
    assert {ROOT / "snippets", ROOT / "overrides"} <= watched
