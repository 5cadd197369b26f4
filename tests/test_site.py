"""`mkdocs build --strict` passes with zero warnings, and the built site is what readers need."""

import html as html_lib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
import torch
import yaml
from filelock import FileLock

from conftest import build, shared_folder
from tools import errors, interface, links, spelling
from tools.installed import HUNSPELL, require
from tools.pages import DOCS, LANGUAGES, ROOT, parse_page, site_config

SPANISH = sorted(p.relative_to(DOCS / "es") for p in (DOCS / "es").rglob("*.md"))
NOTEBOOKS = sorted(p.relative_to(DOCS / "es") for p in (DOCS / "es").glob("notebooks/*.ipynb"))
CONFIG = site_config()


def url_dir(relative: Path) -> Path:
    """docs/<lang>/lessons/graph.md (or .ipynb) is served at lessons/graph/index.html."""
    return Path() if relative.name == "index.md" else relative.with_suffix("")


def html_path(site: Path, lang: str, relative: Path) -> Path:
    prefix = Path() if lang == "es" else Path(lang)
    return site / prefix / url_dir(relative) / "index.html"


def meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)"', html)
    return html_lib.unescape(found[1]) if found else None


def test_stamp_matches_installed_torch():
    stamped = CONFIG["extra"]["torch_version"]
    assert stamped == torch.__version__, (
        f"mkdocs.yml says outputs were verified with torch {stamped}, but {torch.__version__} is "
        "installed; run `make update-outputs` and review the diff"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("relative", SPANISH, ids=str)
def test_page_is_built_in_its_language(site, lang, relative):
    html = html_path(site, lang, relative).read_text(encoding="utf-8")
    source = parse_page(DOCS / lang / relative)
    assert f'<html lang="{lang}"' in html
    label = {"es": "Salidas verificadas con", "en": "Outputs verified with"}[lang]
    verified = re.search(rf"{label} PyTorch\s*<code>{re.escape(torch.__version__)}</code>", html)
    shows_outputs = any(example.output is not None for example in source.examples)
    shows_outputs |= bool(errors.written_spans(source.text))  # the error index quotes outputs
    assert bool(verified) == shows_outputs  # said where the page shows outputs, only there
    assert "--8<--" not in html  # every include was expanded
    assert f'/edit/main/docs/{lang}/{relative}" title=' in html  # "edit this page"
    description = source.meta["description"]
    assert meta(html, "description") == description
    # The switcher leads to the same page in the other language.
    for other in LANGUAGES:
        target = html_path(site, other, relative).parent
        here = html_path(site, lang, relative).parent
        href = os.path.relpath(target, here).replace(os.sep, "/")
        href = "./" if href == "." else href + "/"
        assert f'<a href="{href}" hreflang="{other}"' in html


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("relative", [*SPANISH, *NOTEBOOKS], ids=str)
def test_page_can_be_shared(site, lang, relative):
    """Open Graph and Twitter card tags, and the same page in each language for search engines
    (hreflang, x-default the Spanish original), all with the deployed address."""
    html = html_path(site, lang, relative).read_text(encoding="utf-8")
    site_url = CONFIG["site_url"]
    path = url_dir(relative).as_posix()
    path = "" if path == "." else f"{path}/"
    canonical = f"{site_url}{'' if lang == 'es' else f'{lang}/'}{path}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert meta(html, "og:url") == canonical
    assert meta(html, "og:title")
    assert meta(html, "og:description") == meta(html, "description")
    assert meta(html, "og:locale") == {"es": "es_ES", "en": "en_US"}[lang]
    assert meta(html, "twitter:card") == "summary"
    alternates = dict(
        re.findall(r'<link rel=" alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    )
    assert alternates == {
        "es": f"{site_url}{path}",
        "en": f"{site_url}en/{path}",
        "x-default": f"{site_url}{path}",
    }
    # Material's script fetches a sitemap.xml beside every rel="alternate" (exactly that value)
    # and reroutes the language switcher through it: none may be left for it.
    assert not re.search(r'<link[^>]*rel="alternate"', html)


# --- No request to another host (issue 13.4) ------------------------------------------------

# Attributes whose URL a browser fetches by itself, wherever they appear.
FETCHED = {"src", "srcset", "poster", "data", "background", "imagesrcset"}
# Kinds of <link> that fetch their href (others, like canonical or alternate, only name a page).
LOADING_LINKS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "mask-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
}
# In an inline script, an address in a string literal: the script may fetch it, or insert an
# element that does (`link.href = "https://fonts.example/..."`). Links a script only navigates
# to are named in `SCRIPT_LINKS_ALLOWED` with the reason.
SCRIPT_URL = re.compile(r"""(['"`])(?P<url>(?:(?:https?|wss?):)?//[^'"`\s]+)\1""", re.IGNORECASE)
CSS_URL = re.compile(
    r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)|@import\s+(['"])(?P<imported>[^'"]*)\3"""
)


def css_urls(css: str) -> list[str]:
    return [m["url"] or m["imported"] for m in CSS_URL.finditer(css)]


class References(HTMLParser):
    """Every URL a browser would fetch by itself from an HTML page, with what asks for it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.in_style = False
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in FETCHED:
                urls = [part.split()[0] for part in value.split(",") if part.strip()]
                urls = urls if "srcset" in name else [value]
                self.found += [(f"<{tag} {name}>", u) for u in urls]
            elif name == "style":
                self.found += [(f"<{tag} style>", u) for u in css_urls(value)]
        attributes = dict(attrs)
        rels = set((attributes.get("rel") or "").lower().split())
        if tag == "link" and rels & LOADING_LINKS and attributes.get("href"):
            self.found.append((f"<link rel={attributes['rel']}>", attributes["href"]))
        if tag in ("image", "use", "feimage") and (
            attributes.get("href") or attributes.get("xlink:href")
        ):
            self.found.append((f"<{tag} href>", attributes.get("href") or attributes["xlink:href"]))
        self.in_style = tag == "style"
        self.in_script = tag == "script" and not attributes.get("src")

    def handle_endtag(self, tag):
        self.in_style = self.in_script = False

    def handle_data(self, data):
        if self.in_style:
            self.found += [("<style>", u) for u in css_urls(data)]
        if self.in_script:
            self.found += [("<script>", m["url"]) for m in SCRIPT_URL.finditer(data)]


def third_party(references) -> list[tuple[str, str]]:
    """The references that leave the site: absolute or protocol-relative URLs."""
    remote = re.compile(r"^\s*(?:(?:https?|ftp|wss?):)?//", re.IGNORECASE)
    return [(where, reference) for where, reference in references if remote.match(reference)]


def page_references(html: str) -> list[tuple[str, str]]:
    parser = References()
    parser.feed(html)
    return parser.found


def test_no_third_party_requests_from_html_or_css(site):
    # The site must work offline and tell no one about its readers: no fonts, scripts, images
    # or styles from elsewhere, however they are asked for.
    problems = []
    for page in site.rglob("*.html"):
        found = third_party(page_references(page.read_text(encoding="utf-8")))
        problems += [f"{page.relative_to(site)}: {where} {url}" for where, url in found]
    for css in site.rglob("*.css"):
        found = third_party([("url()", u) for u in css_urls(css.read_text(encoding="utf-8"))])
        problems += [f"{css.relative_to(site)}: {where} {url}" for where, url in found]
    assert problems == []


def test_the_third_party_check_finds_every_kind_of_reference():
    # Each kind a browser fetches by itself (it found none of these before: issue 13.4).
    html = """
      <link rel="stylesheet" href="https://cdn.example/a.css">
      <link rel="icon" href="//cdn.example/favicon.ico">
      <link rel="preload" as="font" href="https://fonts.example/f.woff2">
      <link rel="canonical" href="https://site.example/page/">
      <img src="https://img.example/a.png" srcset="b.png 1x, https://img.example/c.png 2x">
      <picture><source srcset="https://img.example/d.webp"></picture>
      <video src="https://media.example/v.mp4" poster="https://media.example/p.jpg"></video>
      <audio src="https://media.example/a.mp3"><source src="https://media.example/a.ogg"></audio>
      <embed src="https://media.example/e.swf"><object data="https://media.example/o.pdf"></object>
      <iframe src="https://frame.example/"></iframe><script src="https://js.example/s.js"></script>
      <svg><image href="https://img.example/i.svg"/></svg>
      <div style="background: url('https://img.example/bg.png')"></div>
      <style>@import "https://css.example/i.css"; b { background: url(https://img.example/x.png) }
      </style>
      <script>const l = document.createElement("link"); l.href = 'https://fonts.example/css';
      document.head.append(l); fetch(`//api.example/x`)</script>
      <a href="https://elsewhere.example/">a link is not a request</a>
      <img src="data:image/png;base64,AAAA"><img src="../local.png">
    """
    found = {url for _, url in third_party(page_references(html))}
    assert found == {
        "https://cdn.example/a.css",
        "//cdn.example/favicon.ico",
        "https://fonts.example/f.woff2",
        "https://img.example/a.png",
        "https://img.example/c.png",
        "https://img.example/d.webp",
        "https://media.example/v.mp4",
        "https://media.example/p.jpg",
        "https://media.example/a.mp3",
        "https://media.example/a.ogg",
        "https://media.example/e.swf",
        "https://media.example/o.pdf",
        "https://frame.example/",
        "https://js.example/s.js",
        "https://img.example/i.svg",
        "https://img.example/bg.png",
        "https://css.example/i.css",
        "https://img.example/x.png",
        "https://fonts.example/css",  # M22: injected by an inline script
        "//api.example/x",
    }
    assert css_urls("a{b:url( 'https://x.example/y.png' )} @import 'z.css';") == [
        "https://x.example/y.png",
        "z.css",
    ]


# --- Notebook pages -------------------------------------------------------------------------


def text_of(fragment: str) -> str:
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("¶", "")
    return re.sub(r"\s+", " ", text).strip()


# Material's own CSS and JS are 264 KB of a page; the Jupyter stylesheet alone was 596 KB.
MOST_BYTES = 450_000


def weight(page: Path) -> int:
    """Bytes a browser loads for a page: its HTML and the CSS and JS files it links."""
    html = page.read_text(encoding="utf-8")
    linked = re.findall(r'<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"', html)
    files = {(page.parent / (css or js)).resolve() for css, js in linked}
    return page.stat().st_size + sum(f.stat().st_size for f in files if f.exists())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("relative", NOTEBOOKS, ids=str)
def test_notebook_page_is_rendered_like_a_lesson(site, lang, relative):
    page = html_path(site, lang, relative)
    html = page.read_text(encoding="utf-8")
    assert html.lstrip().startswith("<!doctype html>")  # not the notebook's JSON (i18n issue 198)
    assert f'<html lang="{lang}"' in html
    lesson_path = Path("lessons") / relative.with_suffix(".md").name
    lesson = html_path(site, lang, lesson_path).read_text(encoding="utf-8")
    # The full title, inline code kept, as on the lesson.
    title = text_of(re.search(r"<h1[^>]*>(.*?)</h1>", lesson, re.DOTALL)[1])
    assert text_of(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)[1]) == title
    assert f"<title>{html_lib.escape(title, quote=False)} - " in html
    # Every code cell a code block, every output an output block; no prose as code.
    committed = nbformat.read(DOCS / lang / relative, as_version=4)
    code = [cell for cell in committed.cells if cell.cell_type == "code"]
    shown = [cell for cell in code if cell.outputs]
    assert len(re.findall(r"<pre[ >]", html)) == len(code) + len(shown)
    assert "$" not in re.sub(r"<(script|style|pre)[^>]*>.*?</\1>", "", html, flags=re.DOTALL)
    assert not re.search(r'class="jp-|<style', html)  # no Jupyter stylesheet, no inline styles
    assert weight(page) <= MOST_BYTES, weight(page)
    # The download is the committed notebook; the edit link leads to the lesson's source.
    download = page.parent / relative.name
    assert nbformat.read(download, as_version=4) == committed
    nbformat.validate(nbformat.read(download, as_version=4))
    assert f'/edit/main/docs/{lang}/{lesson_path}" title=' in html
    assert '.ipynb" title=' not in html
    # The lesson links to the notebook, its download and Colab; the notebook back to the lesson.
    name = relative.stem
    assert f'href="../../notebooks/{name}/"' in lesson
    assert f'href="../../notebooks/{name}/{name}.ipynb" download' in lesson
    colab = f"https://colab.research.google.com/github/{CONFIG['repo_name']}/blob/main/docs/"
    assert f'href="{colab}{lang}/notebooks/{name}.ipynb"' in lesson
    assert f'href="../../lessons/{name}/"' in html


def footer(html: str) -> dict[str, str | None]:
    """Where the previous/next links at a page's foot lead."""
    return {
        side: (
            found[1]
            if (
                found := re.search(
                    rf'<a href="([^"]+)" class="md-footer__link md-footer__link--{side}"', html
                )
            )
            else None
        )
        for side in ("prev", "next")
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_notebook_page_is_placed_under_its_lesson(site, lang):
    """A notebook repeats its lesson: the sidebar highlights the lesson, the footer leads back
    to it and on to the page after it; the lessons' own previous/next skip notebooks."""
    order = [page.removesuffix(".md") for page in nav_pages(CONFIG["nav"])]
    for relative in NOTEBOOKS:
        name = relative.stem
        html = html_path(site, lang, relative).read_text(encoding="utf-8")
        after = order[order.index(f"lessons/{name}") + 1]
        assert footer(html) == {"prev": f"../../lessons/{name}/", "next": f"../../{after}/"}
        lesson = (
            rf'<li class="md-nav__item md-nav__item--active">\s*<a href="../../lessons/{name}/"'
        )
        assert re.search(lesson, html), f"{relative}: its lesson is not highlighted in the sidebar"
        lesson_html = html_path(site, lang, Path("lessons") / f"{name}.md").read_text("utf-8")
        assert "notebooks/" not in str(footer(lesson_html))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_never_shows_an_exercise_solution(site, lang):
    prefix = site if lang == "es" else site / lang
    index = json.loads((prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = " ".join(text_of(doc["text"]) for doc in index["docs"])
    solutions = []
    for page in (prefix / "lessons").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        for found in re.findall(r'<details class="success">.*?</details>', html, re.DOTALL):
            solutions.append((page.parent.name, text_of(found.split("</summary>", 1)[1])))
    assert len(solutions) >= 60
    assert [(name, text[:60]) for name, text in solutions if text in indexed] == []


def test_notebook_pages_are_light(site):
    """A notebook page weighed 1.1 MB (596 KB of it one Jupyter stylesheet); now as a lesson."""
    lessons = [weight(p) for p in (site / "lessons").glob("*/index.html")]
    notebooks = [weight(p) for p in (site / "notebooks").glob("*/index.html")]
    assert notebooks  # each is also under MOST_BYTES: test_notebook_page_is_rendered_like_a_lesson
    assert max(notebooks) <= 1.5 * max(lessons)


# --- 404 --------------------------------------------------------------------------------------


# What each language's 404 says, as a reader must read it.
NOT_FOUND = {
    "es": {"title": "Página no encontrada", "home": "Ir al inicio"},
    "en": {"title": "Page not found", "home": "Go to the home page"},
}


def test_404_page_carries_both_languages_and_works_at_any_depth(site):
    # A 404 is served at any address, so its links are absolute, from site_url's path.
    path = urlsplit(CONFIG["site_url"]).path
    html = (site / "404.html").read_text(encoding="utf-8")
    assert f'href="{path}assets/stylesheets/' in html
    assert f'src="{path}assets/javascripts/' in html
    for lang, texts in NOT_FOUND.items():  # written here, not read back from mkdocs.yml (M41)
        assert f'<div class="not-found" lang="{lang}">' in html
        assert html_lib.escape(texts["title"], quote=False) in html
        home = path if lang == "es" else f"{path}en/"
        assert f'href="{home}" hreflang="{lang}">{texts["home"]}</a>' in html
    assert 'for="__search">' in html  # a search button
    # No rel="alternate": Material would fetch sitemaps beside them that do not exist.
    assert not re.search(r'<link[^>]*rel="alternate"', html)
    # For hosts that serve the nearest 404.html, the English one under /en/.
    assert '<html lang="en"' in (site / "en" / "404.html").read_text(encoding="utf-8")


# --- llms.txt ---------------------------------------------------------------------------------


def nav_pages(items) -> list[str]:
    pages = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_llms_txt_lists_every_page_of_its_language(site, lang):
    text = (site / ("" if lang == "es" else lang) / "llms.txt").read_text(encoding="utf-8")
    prefix = CONFIG["site_url"] + ("" if lang == "es" else f"{lang}/")
    lines = text.splitlines()
    assert lines[0].startswith("# ")
    assert lines[2].startswith("> ")
    listed = re.findall(r"^- \[([^\]]+)\]\((\S+)\)(?:: (.*))?$", text, re.MULTILINE)
    wanted = [page.removesuffix(".md").removesuffix("index") for page in nav_pages(CONFIG["nav"])]
    assert [address for _, address, _ in listed] == [
        f"{prefix}{page}{'/' if page else ''}" for page in wanted
    ]
    for title, address, description in listed:
        page = address.removeprefix(prefix).rstrip("/") or "index"
        source = parse_page(DOCS / lang / f"{page}.md")
        assert description == source.meta["description"]
        assert "`" not in title
        assert "<" not in title


# --- A fork deploys unchanged ---------------------------------------------------------------

FORK = {
    "SITE_URL": "https://someone.github.io/autograd-fork/",
    "REPO_URL": "https://github.com/someone/autograd-fork",
    "REPO_NAME": "someone/autograd-fork",
}


@pytest.fixture(scope="session")
def fork_site(tmp_path_factory):
    """The site as a fork's deploy workflow builds it: another owner, another sub-path (built
    once per run, like conftest's `site`, whichever pytest-xdist worker needs it first)."""
    shared = shared_folder(tmp_path_factory)
    site, report = shared / "fork-site", shared / "fork-site-build.txt"
    with FileLock(shared / "fork-site.lock"):
        if not report.exists():
            report.write_text("\n".join(build(site, **FORK)), encoding="utf-8")
    problems = report.read_text(encoding="utf-8")
    assert not problems, f"mkdocs build --strict with {FORK} printed:\n{problems}"
    return site


def test_a_fork_deploys_unchanged(fork_site):
    site, repo = fork_site, FORK["REPO_URL"]
    colab = repo.replace("https://github.com/", "https://colab.research.google.com/github/")
    for lang in LANGUAGES:
        prefix = "" if lang == "es" else f"{lang}/"
        for lesson in sorted((DOCS / lang / "lessons").glob("*.md")):
            html = (site / prefix / "lessons" / lesson.stem / "index.html").read_text("utf-8")
            edit = f"{repo}/edit/main/docs/{lang}/lessons/{lesson.name}"
            assert f'href="{edit}"' in html
            notebook = f"docs/{lang}/notebooks/{lesson.stem}.ipynb"
            assert f'href="{colab}/blob/main/{notebook}"' in html
            assert (ROOT / notebook).exists()
            canonical = f"{FORK['SITE_URL']}{prefix}lessons/{lesson.stem}/"
            assert f'<link rel="canonical" href="{canonical}">' in html
            assert f'hreflang="x-default" href="{FORK["SITE_URL"]}lessons/{lesson.stem}/"' in html
            # The header's repository link (overrides/partials/source.html) names the fork.
            shown = re.findall(r'class="md-source__repository">\s*(.*?)\s*</div>', html)
            assert set(shown) == {FORK["REPO_NAME"]}, lesson
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="/autograd-fork/assets/stylesheets/' in not_found
    assert "/autograd-fork/en/" in not_found
    for page in sorted(site.rglob("*.html")):  # nothing leads to the original's site or repository
        html = page.read_text(encoding="utf-8")
        for original in ("autograd-paso-a-paso.github.io", "github.com/autograd-paso-a-paso"):
            assert original not in html, page.relative_to(site)
    llms = (site / "llms.txt").read_text(encoding="utf-8")
    assert f"]({FORK['SITE_URL']}lessons/" in llms


def test_a_fork_has_no_broken_link_under_its_sub_path(fork_site):
    # Download links, the switcher, assets and anchors, with the site at /autograd-fork/.
    found = links.problems(fork_site, urlsplit(FORK["SITE_URL"]).path)
    assert not found, "\n".join(found)


def test_the_deploy_workflow_gives_the_build_its_own_addresses():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text("utf-8"))
    steps = workflow["jobs"]["test"]["steps"]
    pages = next(step for step in steps if "configure-pages" in step.get("uses", ""))
    build_step = next(step for step in steps if step.get("run") == "make build")
    assert build_step["env"] == {
        "SITE_URL": f"${{{{ steps.{pages['id']}.outputs.base_url }}}}/",
        "REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
        "REPO_NAME": "${{ github.repository }}",
    }
    assert steps.index(pages) < steps.index(build_step)
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for key, variable in (
        ("site_url", "SITE_URL"),
        ("repo_url", "REPO_URL"),
        ("repo_name", "REPO_NAME"),
    ):
        assert re.search(rf"^{key}: !ENV \[{variable}, ", mkdocs, re.MULTILINE)


def test_search_index_is_split_per_language(site):
    for lang in LANGUAGES:
        prefix = site if lang == "es" else site / lang
        index = json.loads((prefix / "search" / "search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == [lang]
        assert index["docs"]
        assert not [d for d in index["docs"] if d["location"].startswith(("en/", "notebooks/"))]


# --- Interface strings ------------------------------------------------------------------------


@pytest.fixture
def hunspell():
    require(spelling.available(), HUNSPELL)


@pytest.mark.usefixtures("hunspell")
def test_each_language_interface_strings_are_complete_and_in_that_language():
    assert interface.problems(spelling.unknown_words) == []


@pytest.mark.usefixtures("hunspell")
def test_an_interface_string_in_the_other_language_fails(tmp_path):
    """M41: the English 404 title left in Spanish."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(text.replace("title: Page not found", "title: Página no encontrada"), "utf-8")
    line = text.split("title: Page not found")[0].count("\n") + 1
    assert interface.problems(spelling.unknown_words, config) == [
        f"mkdocs.yml:{line}: the en interface text extra.not_found.title ('Página no encontrada') "
        "has words its language does not know: Página, encontrada\n  fix: write it in that "
        "language (or add a real term to tests/wordlist-<lang>.txt)"
    ]
    config.write_text(text.replace("              colab: Open in Colab\n", ""), "utf-8")
    assert interface.problems(spelling.unknown_words, config) == [
        "mkdocs.yml: the English interface texts lack extra.notebook_links.colab: English pages "
        "show the Spanish one\n  fix: add it to the i18n plugin's `en` entry"
    ]
