"""The build keeps what it computed in .cache/ (tools/mkdocs_hooks.py: rendered pages,
highlighted code, formulas, search entries), and that never hides a problem: a page with a broken
link fails the strict build, rendered or taken from the cache."""

import shutil
import subprocess
import sys

from tools.pages import ROOT


def test_a_cached_page_still_fails_the_strict_build(tmp_path):
    for name in ("docs", "snippets", "overrides", "tools", ".cache"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    page = tmp_path / "docs" / "es" / "lessons" / "graph.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Roto](nowhere.md)\n", "utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")]
    for build in ("rendered", "from the cache"):
        result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
        printed = result.stdout + result.stderr
        assert result.returncode == 1, build
        assert "contains a link 'nowhere.md', but the target" in printed, build
        assert "Aborted with 1 warnings in strict mode!" in printed, build
    assert (tmp_path / ".cache" / "pages.json").exists()
