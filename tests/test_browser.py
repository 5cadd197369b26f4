"""The built site in a real browser (Debian's Chromium driven by Playwright), served over HTTP
under the sub-path it is deployed at. Any request outside 127.0.0.1 fails the test.

Screenshots of one lesson per language, light and dark, go to screenshots/ (git-ignored).
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import serve
from tools.pages import DOCS, ROOT, parse_page

CANDIDATES = [os.environ.get("CHROMIUM", ""), "/usr/lib/chromium/chromium", "/usr/bin/chromium"]
CHROMIUM = next((path for path in CANDIDATES if path and Path(path).exists()), None)
SCREENSHOTS = ROOT / "screenshots"
SEARCH_TERM = {"es": "gradiente", "en": "gradient"}
PAGES = sorted(
    f"{p.relative_to(DOCS / 'es').with_suffix('')}/".removesuffix("index/")
    for p in [*(DOCS / "es").rglob("*.md"), *(DOCS / "es").glob("notebooks/*.ipynb")]
)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Chromium is not installed (apt-get install chromium; .ci/run does it, CI never skips)",
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            # No background connections of Chromium's own: only the page's requests happen.
            args=[
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class Visit:
    """A browser tab that records console errors and refuses requests that leave 127.0.0.1."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.errors, self.outside, self.bytes, self.requests = [], [], 0, 0
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("response", self.count)
        self.page.route("**/*", self.guard)

    def guard(self, route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def count(self, response):
        self.requests += 1
        if response.status >= 400:
            self.errors.append(f"{response.status} {response.url}")
        elif response.ok:
            self.bytes += len(response.body())

    def go(self, url):
        self.page.goto(url, wait_until="networkidle")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    visits = []

    def open_tab(**options):
        visits.append(Visit(browser, **options))
        return visits[-1]

    yield open_tab
    for tab in visits:
        assert tab.outside == [], "requests outside 127.0.0.1"
        tab.close()


def url(served, lang, path=""):
    return f"{served}{'' if lang == 'es' else 'en/'}{path}"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_home_page_has_its_language(served, visit, lang):
    page = visit().go(url(served, lang))
    assert page.get_attribute("html", "lang") == lang


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_page_loads_without_errors(served, visit, lang):
    tab = visit()
    for path in PAGES:
        response = tab.page.goto(url(served, lang, path), wait_until="load")
        assert response.status == 200, path
        assert tab.errors == [], (path, tab.errors)


@pytest.mark.parametrize(("lang", "other"), [("es", "en"), ("en", "es")])
def test_language_switcher_lands_on_the_same_lesson(served, visit, lang, other):
    for path in ["", "lessons/non-scalar/", "notebooks/graph/"]:
        page = visit().go(url(served, lang, path))
        page.click(".md-header__option .md-select button")  # open the language menu
        with page.expect_navigation(wait_until="load"):
            page.click(f'a.md-select__link[hreflang="{other}"]')
        assert page.url == url(served, other, path)
        assert page.get_attribute("html", "lang") == other


@pytest.mark.parametrize("lang", ["es", "en"])
def test_copy_button_copies_the_exact_snippet(served, visit, lang):
    tab = visit(permissions=["clipboard-read", "clipboard-write"])
    page = tab.go(url(served, lang, "lessons/non-scalar/"))
    lesson = parse_page(DOCS / lang / "lessons" / "non-scalar.md")
    for index in (0, 3):  # the first block, and the one that raises on purpose
        block = page.locator("div.highlight").nth(index * 2)  # code and output blocks alternate
        block.hover()
        block.locator('button[data-md-type="copy"]').click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.rstrip("\n") == lesson.examples[index].pieces[0].code.rstrip("\n")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_search_returns_only_pages_of_the_current_language(served, visit, lang):
    page = visit().go(url(served, lang, "lessons/backward/"))
    page.keyboard.press("s")  # Material's shortcut to the search box
    page.keyboard.type(SEARCH_TERM[lang], delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    assert links
    english = [link for link in links if "/en/" in link]
    assert english == (links if lang == "en" else [])


@pytest.mark.parametrize("lang", ["es", "en"])
def test_formulas_render(served, visit, lang):
    page = visit().go(url(served, lang, "lessons/backward/"))
    formulas = page.locator("math")
    assert formulas.count() >= 4
    for index in range(formulas.count()):
        box = formulas.nth(index).bounding_box()
        assert box["width"] > 5, index
        assert box["height"] > 5, index
    assert page.locator('math[display="block"] mfrac').count() >= 2  # fractions, not raw TeX
    assert "\\frac" not in page.inner_text("article")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_screenshots(served, visit, lang, scheme):
    tab = visit(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = tab.go(url(served, lang, "lessons/non-scalar/"))
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"non-scalar-{lang}-{scheme}.png", full_page=True)
    assert tab.errors == []


def test_page_weight_is_recorded(served, visit):
    """Bytes and requests a reader's browser makes for a lesson (HTML, CSS, JS, fonts: all of
    them from 127.0.0.1, as the fixture checks), for the closing notes."""
    tab = visit()
    tab.go(url(served, "es", "lessons/non-scalar/"))
    assert 0 < tab.bytes < 2_000_000
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "page-weight.txt").write_text(
        f"lessons/non-scalar/: {tab.bytes} bytes in {tab.requests} requests, "
        f"{len(tab.outside)} to other hosts\n"
    )


def test_site_also_works_from_the_root_of_a_plain_static_server(site, visit):
    with serve(site) as address:  # not under the sub-path of site_url
        tab = visit()
        for path in ["", "en/lessons/graph/", "notebooks/graph/"]:
            assert tab.page.goto(f"{address}{path}", wait_until="load").status == 200
        assert tab.errors == []


def test_chromium_is_debian_s():
    assert CHROMIUM is not None
    assert shutil.which(CHROMIUM) or Path(CHROMIUM).exists()
