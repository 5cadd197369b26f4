"""`mkdocs build --strict` passes with zero warnings, and the built site is what readers need."""

import html as html_lib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
import torch

from tools.pages import DOCS, LANGUAGES, parse_page, site_config

SPANISH = sorted(p.relative_to(DOCS / "es") for p in (DOCS / "es").rglob("*.md"))


def url_dir(relative: Path) -> Path:
    """docs/<lang>/lessons/graph.md (or .ipynb) is served at lessons/graph/index.html."""
    return Path() if relative.name == "index.md" else relative.with_suffix("")


def html_path(site: Path, lang: str, relative: Path) -> Path:
    prefix = Path() if lang == "es" else Path(lang)
    return site / prefix / url_dir(relative) / "index.html"


def test_stamp_matches_installed_torch():
    stamped = site_config()["extra"]["torch_version"]
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
    assert f'/edit/main/docs/{lang}/{relative}" title=' in html  # "edit this page"
    description = re.search(r'<meta name="description" content="([^"]*)"', html)[1]
    assert html_lib.unescape(description) == parse_page(DOCS / lang / relative).meta["description"]
    # The switcher leads to the same page in the other language.
    for other in LANGUAGES:
        target = html_path(site, other, relative).parent
        here = html_path(site, lang, relative).parent
        href = os.path.relpath(target, here).replace(os.sep, "/")
        href = "./" if href == "." else href + "/"
        assert f'<a href="{href}" hreflang="{other}"' in html


def test_no_third_party_requests_from_html(site):
    # What a browser fetches: scripts, images, stylesheets and icons (not canonical/alternate).
    external = re.compile(
        r'<(?:script|img|iframe)[^>]+src="(?:https?:)?//'
        r'|<link(?![^>]*rel="(?:canonical|alternate)")[^>]+href="(?:https?:)?//',
        re.IGNORECASE,
    )
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not external.search(html), page
        for host in ("fonts.googleapis", "fonts.gstatic", "cdnjs.", "unpkg.com", "jsdelivr"):
            assert host not in html, (page, host)
        assert '<script src="">' not in html, page


NOTEBOOKS = sorted(p.relative_to(DOCS / "es") for p in (DOCS / "es").glob("notebooks/*.ipynb"))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("relative", NOTEBOOKS, ids=str)
def test_notebook_page_is_rendered_and_downloadable(site, lang, relative):
    # mkdocs-static-i18n once made mkdocs-jupyter write the raw JSON as the page (its issue 198).
    page = html_path(site, lang, relative)
    html = page.read_text(encoding="utf-8")
    assert html.lstrip().startswith("<!doctype html>")
    assert f'<html lang="{lang}"' in html
    committed = nbformat.read(DOCS / lang / relative, as_version=4)
    code = [cell for cell in committed.cells if cell.cell_type == "code"]
    assert len(re.findall(r'class="jp-Cell jp-CodeCell[^"]*" id="cell-id=', html)) == len(code)
    printed = [out.text for cell in code for out in cell.outputs if out.output_type == "stream"]
    assert printed, "a lesson's notebook shows outputs"
    assert html_lib.escape(printed[0].splitlines()[0], quote=False) in html  # rendered too
    assert "$" not in re.sub(r"<(script|style|pre)[^>]*>.*?</\1>", "", html, flags=re.DOTALL)
    download = page.parent / relative.name
    assert nbformat.read(download, as_version=4) == committed
    nbformat.validate(nbformat.read(download, as_version=4))
    lesson = html_path(site, lang, Path("lessons") / relative.with_suffix(".md").name)
    assert f'href="../../notebooks/{relative.stem}/{relative.name}"' in lesson.read_text("utf-8")


def test_404_page_exists_and_loads_assets_from_the_deployed_path(site):
    # A 404 is served at any depth, so its links are absolute, from site_url's path.
    html = (site / "404.html").read_text(encoding="utf-8")
    path = urlsplit(site_config()["site_url"]).path
    assert f'href="{path}assets/stylesheets/' in html
    assert f'src="{path}assets/javascripts/' in html
