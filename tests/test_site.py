"""`mkdocs build --strict` passes with zero warnings, and the built site is what readers need."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import yaml

from tools.pages import DOCS, LANGUAGES, MKDOCS_YML, ROOT

SPANISH = sorted(p.relative_to(DOCS / "es") for p in (DOCS / "es").rglob("*.md"))


def url_dir(relative: Path) -> Path:
    """docs/<lang>/lessons/graph.md is served at lessons/graph/index.html."""
    return Path() if relative.name == "index.md" else relative.with_suffix("")


def html_path(site: Path, lang: str, relative: Path) -> Path:
    prefix = Path() if lang == "es" else Path(lang)
    return site / prefix / url_dir(relative) / "index.html"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert build.returncode == 0, build.stderr
    warnings = [line for line in build.stderr.splitlines() if not line.startswith("INFO")]
    assert warnings == []
    return site


def test_stamp_matches_installed_torch():
    stamped = yaml.safe_load(MKDOCS_YML.read_text(encoding="utf-8"))["extra"]["torch_version"]
    assert stamped == torch.__version__, (
        f"mkdocs.yml says outputs were verified with torch {stamped}, but {torch.__version__} is "
        "installed; run `make update-outputs` and review the diff"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("relative", SPANISH, ids=str)
def test_page_is_built_in_its_language(site, lang, relative):
    html = html_path(site, lang, relative).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    label = {"es": "Salidas verificadas con", "en": "Outputs verified with"}[lang]
    assert re.search(rf"{label} PyTorch\s*<code>{re.escape(torch.__version__)}</code>", html)
    assert "--8<--" not in html  # every include was expanded
    # The switcher leads to the same page in the other language.
    for other in LANGUAGES:
        target = html_path(site, other, relative).parent
        here = html_path(site, lang, relative).parent
        href = os.path.relpath(target, here).replace(os.sep, "/")
        href = "./" if href == "." else href + "/"
        assert f'<a href="{href}" hreflang="{other}"' in html


def test_no_third_party_requests_from_html(site):
    external = re.compile(r'<(?:link|script|img)[^>]+(?:href|src)="(?:https?:)?//', re.I)
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not external.search(html), page
        assert "fonts.googleapis" not in html, page
        assert "fonts.gstatic" not in html, page
