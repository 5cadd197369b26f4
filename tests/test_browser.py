"""The built site as a reader sees it, in a real browser (Debian's Chromium, driven by Playwright).

The site is served over HTTP under the sub-path it is deployed at, by a server that answers any
missing address with the root 404.html, as GitHub Pages does. One browser per session. Each page
is loaded once per language and device (`test_every_page_as_a_reader_sees_it`), and every check
of that page is made in that visit; a check failing names the page and the defect it guards
against. A request to another host is refused and fails the test that made it, naming the page.

With SCREENSHOTS=1 (`make screenshots`), the tour also writes a screenshot of every page, desktop
and phone, both languages (a few in dark mode too), to screenshots/ (git-ignored) as
<lang>-<device>-<page>.png, for a reviewer to flip through; `make test` leaves them out, since
they take as long as the checks themselves.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import http.server
import json
import os
import re
import threading
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import nbformat
import pytest

from tools import accessibility, errors, installed, prose
from tools.installed import require
from tools.pages import DOCS, INCLUDE, LANGUAGES, ROOT, parse_page, site_config

CANDIDATES = [os.environ.get("CHROMIUM", ""), "/usr/lib/chromium/chromium", "/usr/bin/chromium"]
CHROMIUM = next((path for path in CANDIDATES if path and Path(path).exists()), None)
SCREENSHOTS = ROOT / "screenshots"
SHOTS = bool(os.environ.get("SCREENSHOTS"))
DEVICES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# Desktop screenshots at 60 %: legible, and half the time of full size.
SCALE = {"desktop": 0.6, "phone": 1}
DARK = {"", "lessons/non-scalar/", "notebooks/non-scalar/", "lessons/graph-shown/"}
SEARCH_TERM = {"es": "gradiente", "en": "gradient"}
CONFIG = site_config()
SITE_NAMES = {
    language["locale"]: language.get("site_name", CONFIG["site_name"])
    for language in next(p["i18n"] for p in CONFIG["plugins"] if "i18n" in p)["languages"]
}
SUB_PATH = urlsplit(CONFIG["site_url"]).path  # /autograd/


@pytest.fixture(scope="session", autouse=True)
def chromium():
    """Without Chromium or axe-core these tests fail with the fix, unless SKIP_BROWSER=1
    (tools/installed)."""
    require(CHROMIUM is not None, installed.CHROMIUM)
    require(accessibility.AXE.exists(), installed.AXE_CORE)


# Material adds a copy button to each code block once its script has run.
READY = (
    "document.querySelectorAll('article pre > code').length <= "
    "document.querySelectorAll('article button[data-md-type=copy]').length"
)

# What the reader sees on a page, read in one go.
FACTS = """() => {
  const text = (e) => e ? e.textContent.replace(/\\u00b6/g, "").replace(/\\s+/g, " ").trim() : null;
  const article = document.querySelector("article");
  const h1 = article.querySelector("h1");
  const link = (s) => { const a = document.querySelector(s);
    return a ? {href: a.href, title: text(a.querySelector(".md-ellipsis"))} : null; };
  const width = document.documentElement.clientWidth;
  const scrolls = "pre, pre *, .highlight *, .md-typeset__scrollwrap *, .math-display *";
  const overflowing = [...article.querySelectorAll("*")].filter((e) => !e.matches(scrolls))
    .filter((e) => { const r = e.getBoundingClientRect(); return r.width && r.right > width + 1; })
    .map((e) => e.tagName.toLowerCase() + ": " + text(e).slice(0, 60));
  const sidebar = document.querySelector(".md-sidebar--primary");
  const source = document.querySelector(".md-header .md-source__repository");
  const siteName = document.querySelector(".md-header__topic .md-ellipsis").textContent.trim();
  return {
    lang: document.documentElement.lang,
    title: document.title,
    h1: text(h1),
    facts: h1 && h1.nextElementSibling && h1.nextElementSibling.matches(".page-facts")
      ? {text: text(h1.nextElementSibling),
         links: [...h1.nextElementSibling.querySelectorAll("a")].map((a) => a.href)}
      : null,
    topic: text(document.querySelector('[data-md-component="header-topic"] .md-ellipsis')),
    prev: link(".md-footer__link--prev"),
    next: link(".md-footer__link--next"),
    edit: (document.querySelector("a[rel=edit]") || {}).href || null,
    blocks: [...article.querySelectorAll("pre")].map((p) => ({
      text: p.querySelector("code") ? p.querySelector("code").innerText : p.innerText,
      width: p.getBoundingClientRect().width,
    })),
    codes: article.querySelectorAll("pre > code").length,
    copies: article.querySelectorAll("button[data-md-type=copy]").length,
    articleWidth: article.getBoundingClientRect().width,
    overflowing,
    pageOverflow: document.documentElement.scrollWidth > width,
    switcher: [...document.querySelectorAll(".md-select__link")].map((a) => ({
      lang: a.hreflang, href: a.href, current: a.getAttribute("aria-current")})),
    siteNameInSidebar: sidebar ? [...sidebar.querySelectorAll("*")]
      .filter((e) => e.children.length === 0 || e.matches(".md-nav__title"))
      .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3
        && n.textContent.trim() === siteName)).length : 0,
    sourceCut: source ? source.scrollWidth > source.clientWidth + 1 : false,
    logo: !!document.querySelector(".md-header .md-logo svg"),
    favicon: (document.querySelector("link[rel=icon]") || {}).href || null,
    math: [...article.querySelectorAll("math")].map((m) => {
      const r = m.getBoundingClientRect(); return [r.width, r.height]; }),
    rawTex: /\\\\(frac|sum|partial)/.test(article.innerText),
    place: (() => { const p = article.querySelector(".part-place");
      return p ? {text: text(p), current: p.querySelectorAll("[aria-current=page]").length} : null;
    })(),
    start: (() => { const a = article.querySelector("a.md-button--primary");
      return a ? {href: a.href, bottom: a.getBoundingClientRect().bottom + scrollY} : null; })(),
    viewportHeight: innerHeight,
  };
}"""

# Clicks every copy button the way a reader's click does (a user gesture, through Material's own
# clipboard code) and records what each one put on the clipboard.
COPY_ALL = """(() => { const copied = [];
  for (const details of document.querySelectorAll("article details")) details.open = true;
  const record = () => { const a = document.activeElement;
    copied.push(a && a.tagName === "TEXTAREA" ? a.value.slice(a.selectionStart, a.selectionEnd)
      : String(document.getSelection())); };
  document.addEventListener("copy", record, true);
  for (const b of document.querySelectorAll("article button[data-md-type=copy]")) b.click();
  document.removeEventListener("copy", record, true);
  return JSON.stringify(copied); })()"""


class Session:
    """One browser for the session, driven through Playwright's async API from a thread of its
    own: a test can keep two tabs busy at once, and the two cores render in parallel."""

    def __init__(self):
        from playwright.async_api import async_playwright

        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.playwright = self.run(async_playwright().start())
        self.browser = self.run(
            self.playwright.chromium.launch(
                executable_path=CHROMIUM,
                # No background connections of Chromium's own: only the page's requests happen.
                args=[
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
        )

    def run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def close(self):
        self.run(self.browser.close())
        self.run(self.playwright.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)


@pytest.fixture(scope="session")
def session():
    opened = Session()
    yield opened
    opened.close()


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """A static host like GitHub Pages: any missing address gets the root 404.html, status 404."""

    not_found: Path

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def pages_host(site: Path, folder: Path, sub_path: str = SUB_PATH):
    """`site` served at http://127.0.0.1:<port><sub_path>, missing addresses answered as above."""
    if sub_path.strip("/"):
        (folder / sub_path.strip("/")).symlink_to(site, target_is_directory=True)
    else:
        folder = site
    handler = type("Handler", (PagesHandler,), {"not_found": site / "404.html"})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{sub_path}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def host(site, tmp_path_factory):
    with pages_host(site, tmp_path_factory.mktemp("host")) as address:
        yield address


class Tab:
    """A browser tab that records console errors and failed requests, and refuses (and records)
    any request leaving 127.0.0.1. Made by `await Tab.open(browser, **context_options)`."""

    @classmethod
    async def open(cls, browser, **options):
        tab = cls()
        tab.context = await browser.new_context(**options)
        tab.page = await tab.context.new_page()
        tab.cdp = await tab.context.new_cdp_session(tab.page)
        tab.problems = []
        tab.document = None  # the address last navigated to, whose own status is expected
        tab.page.on("console", tab.console)
        tab.page.on("pageerror", lambda error: tab.problems.append(f"script error: {error}"))
        tab.page.on("response", tab.response)
        tab.page.on("requestfailed", tab.failed)
        # Only requests to other hosts reach Python (matching runs in Playwright's driver).
        await tab.page.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), tab.guard)
        return tab

    def console(self, message):
        own = message.location.get("url") == self.document and "status of 404" in message.text
        if message.type == "error" and not own:
            self.problems.append(f"console error: {message.text}")

    def response(self, response):
        if response.status >= 400 and response.url != self.document:
            self.problems.append(f"{response.status} {response.url}")

    def failed(self, request):
        # ERR_ABORTED: a load that the next navigation cancelled (say, search's language files).
        if urlsplit(request.url).hostname == "127.0.0.1" and "ERR_ABORTED" not in request.failure:
            self.problems.append(f"failed request {request.url}: {request.failure}")

    async def guard(self, route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            await route.continue_()
        else:
            self.problems.append(f"request to another host: {route.request.url}")
            await route.abort()

    async def go(self, url, status=200):
        """Load `url` and wait for Material's script to have run."""
        self.document = url.split("#")[0]
        response = await self.page.goto(url, wait_until="load")
        assert response.status == status, (url, response.status)
        await self.page.wait_for_function(READY)
        return self.page

    def take_problems(self) -> list[str]:
        problems, self.problems = self.problems, []
        return problems

    def check(self, where: str):
        """Fail the calling test with what went wrong on `where`: console errors, failed
        requests, requests to another host."""
        problems = self.take_problems()
        assert problems == [], f"{where}: {problems}"

    async def screenshot(self, name: str, scale: float = 1, whole: bool = True):
        """The whole page (or what the first screen shows) as a PNG, which any image viewer
        opens, written under a temporary name first (pytest-xdist workers never see a
        half-written file)."""
        height = await self.page.evaluate("document.documentElement.scrollHeight")
        height = height if whole else self.page.viewport_size["height"]
        width = self.page.viewport_size["width"]
        clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": scale}
        shot = await self.cdp.send(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "clip": clip},
        )
        SCREENSHOTS.mkdir(exist_ok=True)
        target = SCREENSHOTS / f"{name}.png"
        partial = target.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(base64.b64decode(shot["data"]))
        partial.replace(target)

    async def copy_every_block(self) -> list[str]:
        """What each copy button puts on the clipboard, clicked as a reader clicks it (a user
        gesture, through Material's own clipboard code)."""
        result = await self.cdp.send(
            "Runtime.evaluate", {"expression": COPY_ALL, "userGesture": True, "returnByValue": True}
        )
        return [text.rstrip() for text in json.loads(result["result"]["value"])]

    async def close(self):
        await self.context.close()


@pytest.fixture
def tab(session):
    """Opens tabs for a test (closed after it): `page_tab = tab(viewport=...)`."""
    tabs = []

    def open_tab(**options):
        tabs.append(session.run(Tab.open(session.browser, **options)))
        return tabs[-1]

    yield open_tab
    for opened in tabs:
        session.run(opened.close())


def site_pages(site: Path) -> list[str]:
    """Every page of the Spanish site, as paths under its root ('' for home)."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        path = index.parent.relative_to(site).as_posix()
        if path.split("/")[0] not in (*LANGUAGES, "search", "assets"):
            pages.append("" if path == "." else f"{path}/")
    return pages


def url(host, lang, path=""):
    return f"{host}{'' if lang == LANGUAGES[0] else f'{lang}/'}{path}"


def source_of(lang: str, path: str) -> Path:
    """The file a page is built from: docs/<lang>/lessons/x.md, .../notebooks/x.ipynb, ..."""
    if not path:
        return DOCS / lang / "index.md"
    stem = DOCS / lang / path.rstrip("/")
    return stem.with_suffix(".ipynb") if path.startswith("notebooks/") else stem.with_suffix(".md")


def expected_copies(lesson: Path) -> list[str]:
    """What each copy button of a lesson must copy: a code block's includes expanded, each
    output block's text."""
    page = parse_page(lesson)
    copies = []
    for example in page.examples:
        pieces = iter(example.pieces)
        lines = [
            next(pieces).code if INCLUDE.match(line) else line
            for line in example.code.body.splitlines()
        ]
        copies.append("\n".join(lines).rstrip())
        if example.output is not None:
            copies.append(example.output.body.rstrip())
    return copies


def prose_lines(notebook: Path) -> list[str]:
    """Lines of a notebook's Markdown cells long enough to be sure they are prose."""
    cells = nbformat.read(notebook, as_version=4).cells
    lines = [
        line.strip() for c in cells if c.cell_type == "markdown" for line in c.source.splitlines()
    ]
    return [line for line in lines if len(line) > 30 and not line.startswith(("#", "|", "<"))]


# A traceback's frames: Python's (`  File "x.py", line 3`) or IPython's (`Cell In[4], line 1`,
# `File .../torch/_tensor.py:625, in backward`). A lesson elides them to `  ...`.
FRAME = re.compile(r"^\s*(?:File [\"/.<]|Cell In\[)", re.MULTILINE)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_as_a_reader_sees_it(site, host, session, lang):
    """One visit per page (two tabs at a time), read at desktop width, then at phone width (the
    window narrowed, as a phone's is); each problem is listed under the defect it would be, with
    the page and the width."""
    pages = site_pages(site)
    problems: dict[str, list[str]] = defaultdict(list)
    seen: dict[str, dict] = {}

    async def visit_all(paths):
        # A touch screen (no hover), where Material leaves more to the site: what works there
        # works with a mouse too.
        tab = await Tab.open(session.browser, viewport=DEVICES["desktop"], has_touch=True)
        # Search is tested on its own (test_search_..., the 404 page): here no page starts its
        # search worker, which costs the browser a sixth of each visit.
        await tab.context.route("**/search/search_index.json", empty_search_index)
        for search in ("**/javascripts/workers/*", "**/javascripts/lunr/**"):
            await tab.context.route(search, no_search)
        for path in paths:
            address = url(host, lang, path)
            await tab.go(address)
            await accessibility.prepare(tab.page)
            for device, viewport in DEVICES.items():
                await accessibility.set_viewport(tab.page, viewport)
                facts = await tab.page.evaluate(FACTS)
                copied = None
                if device == "desktop":
                    seen[address] = facts
                    if path.startswith("lessons/"):
                        copied = await tab.copy_every_block()
                if SHOTS:
                    name = f"{lang}-{device}-{path.strip('/').replace('/', '-') or 'home'}"
                    await tab.screenshot(name, scale=SCALE[device])
                    if not path:  # what the home page shows before any scrolling
                        await tab.screenshot(f"{name}-first-screen", whole=False)
                    if path in DARK:  # as the palette toggle does it
                        await accessibility.set_scheme(tab.page, "dark")
                        await tab.screenshot(f"{name}-dark", scale=SCALE[device])
                        await accessibility.set_scheme(tab.page, "light")
                for defect, detail in page_problems(host, lang, device, path, facts, copied):
                    problems[defect].append(f"{path or '(home)'} ({device}): {detail}")
                for problem in await reader_problems(tab.page, device):
                    problems[READABLE].append(f"{path or '(home)'} {problem}")
            for problem in tab.take_problems():
                defect = "no console error, failed request or request to another host"
                problems[defect].append(f"{path or '(home)'}: {problem}")
        await tab.close()

    async def tour():
        await asyncio.gather(visit_all(pages[0::2]), visit_all(pages[1::2]))

    session.run(tour())
    for defect, detail in order_problems(host, lang, seen):
        problems[defect].append(detail)
    assert not problems, "\n".join(
        f"{defect}:\n  " + "\n  ".join(found) for defect, found in problems.items()
    )


READABLE = (
    "readable by everyone (axe-core's WCAG 2.2 A/AA rules and best practices, the site's checks)"
)


async def reader_problems(page, device: str) -> list[str]:
    """axe-core and the site's own checks (tools/accessibility.py) at this width, in each
    palette it is run in there; each problem names the width, the palette, the rule and the
    element."""
    found = []
    for scheme in accessibility.SCHEMES:
        if (device, scheme) in accessibility.CONFIGURATIONS:
            await accessibility.set_scheme(page, scheme)
            found += [
                f"({device}, {scheme}) {p}" for p in await accessibility.audit(page, device, scheme)
            ]
    await accessibility.set_scheme(page, "light")
    return found


async def empty_search_index(route):
    index = {"config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": []}, "docs": []}
    await route.fulfill(json=index)


async def no_search(route):
    await route.fulfill(body="", content_type="application/javascript")


def page_problems(host, lang, device, path, facts, copied):
    """(defect, detail) for each thing a reader would see wrong on one page."""
    source = source_of(lang, path)
    notebook = path.startswith("notebooks/")
    meta = parse_page(source).meta if source.suffix == ".md" else {}
    page_facts = facts["facts"] or {"text": "", "links": []}
    if facts["lang"] != lang:
        yield "the page is in its language", facts["lang"]
    title = f"{facts['h1']} - {SITE_NAMES[lang]}" if path else SITE_NAMES[lang]
    if facts["title"] != title or (path and facts["topic"] != facts["h1"]):
        yield (
            "full titles (inline code kept) in the tab and the header",
            f"h1 {facts['h1']!r}, tab {facts['title']!r}, header {facts['topic']!r}",
        )
    verified = CONFIG["extra"]["torch_version"] in page_facts["text"]
    if verified != shows_outputs(source):
        yield '"verified with PyTorch" right under the title, where the page shows outputs', facts
    day = meta.get("outputs_date") and rf"\b{meta['outputs_date'].day}\b"
    if day and not re.search(day, page_facts["text"]):
        yield "the date the outputs were regenerated is shown", page_facts["text"]
    if lang != LANGUAGES[0] and meta.get("translation_of"):
        spanish = url(host, LANGUAGES[0], path)
        when = meta.get("translated_on")
        dated = not when or re.search(rf"\b{when.day}\b", page_facts["text"])
        if spanish not in page_facts["links"] or meta["translation_of"] in page_facts["text"]:
            yield "an English page links to its Spanish original, with no hash", page_facts
        elif not dated:
            yield "an English page says when it was translated", page_facts
    if path in nav_part_pages():
        place = facts["place"]
        if not place or place["current"] != 1 or not place["text"]:
            yield "a lesson shows where it is in its part", place
    if path == "":
        start = facts["start"]
        lesson_1 = url(host, lang, nav_part_pages()[0])
        if not start or start["href"] != lesson_1 or start["bottom"] > facts["viewportHeight"]:
            yield "the home page starts the reader: lesson 1's link above the fold", start
    if path.startswith(("lessons/", "notebooks/")):
        kind, other = ("notebooks/", "lessons/") if notebook else ("lessons/", "notebooks/")
        twin = url(host, lang, path.replace(kind, other))
        if twin not in page_facts["links"] or not any("colab" in x for x in page_facts["links"]):
            yield "a lesson links to its notebook (view, download, Colab) and back", page_facts
    if facts["copies"] < facts["codes"]:
        yield "every code block has a copy button", f"{facts['copies']} of {facts['codes']}"
    for block in facts["blocks"]:
        frames = FRAME.findall(block["text"])
        if frames:
            yield "errors as short as on the lesson", f"{len(frames)} traceback frames"
        # Jupyter's `In [n]:` prompts left code 210 of 358 px; a list's indent leaves 300.
        if device == "phone" and 0 < block["width"] < 0.75 * facts["articleWidth"]:
            yield "code not squeezed on a phone", f"{block['width']:.0f} px"
    if notebook:
        shown = "\n".join(block["text"] for block in facts["blocks"])
        prose = [line for line in prose_lines(source) if line in shown]
        if prose:
            yield "Markdown cells are never rendered as code", prose[0][:80]
        lesson = f"/docs/{lang}/lessons/{Path(path).name}.md"
        if not (facts["edit"] or "").endswith(lesson):
            yield "a notebook's edit link leads to its lesson", facts["edit"]
    if facts["edit"] and ".ipynb" in facts["edit"]:
        yield "no edit link to a generated notebook", facts["edit"]
    current = [s["lang"] for s in facts["switcher"] if s["current"]]
    targets = {s["lang"]: s["href"] for s in facts["switcher"]}
    if current != [lang] or targets != {code: url(host, code, path) for code in LANGUAGES}:
        yield "the language menu marks the language and leads to the same page", facts["switcher"]
    if facts["siteNameInSidebar"] > 1:
        yield "the site name shows once in the sidebar", facts["siteNameInSidebar"]
    if device == "desktop" and facts["sourceCut"]:
        yield "the repository label is not cut off", ""
    if not facts["logo"] or not (facts["favicon"] or "").endswith(f"{SUB_PATH}assets/favicon.svg"):
        yield "the site's own logo and favicon", facts["favicon"]
    if facts["pageOverflow"] or facts["overflowing"]:
        found = [f"{shown} ({where_written(source, shown)})" for shown in facts["overflowing"][:3]]
        yield "no text overflow", found or "the page scrolls sideways"
    if any(w < 1 or h < 1 for w, h in facts["math"] if w or h) or facts["rawTex"]:
        yield "formulas render as MathML", str(facts["math"][:3])
    if copied is not None:
        expected = expected_copies(source)
        if copied != expected:
            pairs = enumerate(zip(copied, expected, strict=False))
            wrong = next((i for i, (a, b) in pairs if a != b), None)
            detail = f"{len(copied)} copied, {len(expected)} expected"
            if wrong is not None:
                detail += f"; block {wrong}: {copied[wrong][:60]!r} != {expected[wrong][:60]!r}"
            yield "every copy button copies exactly its block (includes expanded)", detail


def where_written(source: Path, shown: str) -> str:
    """The source line of what a page shows (`tag: text`, as FACTS lists an overflowing
    element), with the fix: the longest piece of the page's prose found in that text."""
    if source.suffix != ".md":
        return f"{source.relative_to(ROOT)}, a generated page: fix its lesson"
    text = source.read_text(encoding="utf-8")
    shown = shown.partition(": ")[2]
    pieces = [s for s in prose.spans(source, text) if len(s.text.strip()) >= 3]
    found = max(
        (s for s in pieces if s.text.strip() in shown),
        key=lambda s: len(s.text.strip()),
        default=None,
    )
    line = f":{text.count(chr(10), 0, found.start) + 1}" if found else ""
    return f"{source.relative_to(ROOT)}{line}: shorten or split what is written there"


def test_an_overflow_names_the_line_it_is_written_on():
    """What the tour reports for a heading whose code runs off a phone's screen."""
    source = DOCS / "en" / "lessons" / "accumulation.md"
    text = source.read_text(encoding="utf-8")
    line = next(n for n, x in enumerate(text.splitlines(), 1) if x.startswith("## The right way"))
    found = where_written(source, "h2: The right way: grad.zero_()")
    assert (
        found == f"docs/en/lessons/accumulation.md:{line}: shorten or split what is written there"
    )


def shows_outputs(source: Path) -> bool:
    """Whether a page shows what its code printed: an output block, a notebook's output, or the
    error index's messages (quoted from the lessons' outputs, titled as output blocks)."""
    if source.suffix == ".ipynb":
        cells = nbformat.read(source, as_version=4).cells
        return any(cell.get("outputs") for cell in cells if cell.cell_type == "code")
    page = parse_page(source)
    return any(e.output is not None for e in page.examples) or bool(errors.written_spans(page.text))


@functools.cache
def nav_part_pages() -> list[str]:
    """The pages of mkdocs.yml's parts (its sections), as paths under a language's root."""
    sections = [
        i for i in CONFIG["nav"] if isinstance(i, dict) and isinstance(next(iter(i.values())), list)
    ]
    return nav_paths(sections)


def order_problems(host, lang, seen):
    """Previous/next walk home, the lessons in mkdocs.yml's order and the glossary, and stop
    there; a notebook is outside it, its footer leading back to its lesson and on to the page
    after it; each footer link is titled as the page it leads to."""
    order, address = [], url(host, lang)
    while address and address not in order and address in seen:
        order.append(address)
        address = (seen[address]["next"] or {}).get("href")
    nav = [url(host, lang, path) for path in nav_paths(CONFIG["nav"])]
    if order != nav:
        walked = [a.removeprefix(host) for a in order]
        yield "next walks home, the lessons, the glossary; notebooks are outside it", str(walked)
    for address in [a for a in seen if "/notebooks/" in a]:
        lesson = address.replace("/notebooks/", "/lessons/")
        links = [(seen[address][side] or {}).get("href") for side in ("prev", "next")]
        if lesson in seen and links != [lesson, (seen[lesson]["next"] or {}).get("href")]:
            yield "a notebook leads back to its lesson and on to the next page", str(links)
    for address, facts in seen.items():
        for link in (facts["prev"], facts["next"]):
            home = link and link["href"] == url(host, lang)  # titled as in the sidebar: "Inicio"
            target = link and not home and seen.get(link["href"])
            if target and link["title"] != target["h1"]:
                detail = f"{address.removeprefix(host)}: {link['title']!r} for {target['h1']!r}"
                yield "full titles in the previous/next footer", detail


def nav_paths(items) -> list[str]:
    """The pages of mkdocs.yml's nav in reading order, as paths under a language's root."""
    paths = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            paths += nav_paths(value)
        else:
            page = value.removesuffix(".md")
            paths.append("" if page == "index" else f"{page}/")
    return paths


def not_found_texts(lang: str) -> dict:
    """Written here, not read back from mkdocs.yml: an English 404 left in Spanish fails (M41)."""
    return {"es": {"title": "Página no encontrada"}, "en": {"title": "Page not found"}}[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_page_speaks_the_language_of_the_address(host, session, tab, lang):
    """GitHub Pages answers every missing address with the root 404.html: under /en/ it must
    read English, elsewhere Spanish, offer search and the way home, and load cleanly."""
    other = next(code for code in LANGUAGES if code != lang)
    run = session.run
    for device, viewport in DEVICES.items():
        reader = tab(viewport=viewport, has_touch=device == "phone")
        page = run(reader.go(url(host, lang, "lessons/no-such-page/"), status=404))
        run(page.wait_for_load_state("networkidle"))  # late requests too (sitemaps, once)
        reader.check(f"the 404 page ({device})")
        run(accessibility.prepare(page))
        assert run(reader_problems(page, device)) == []
        assert run(page.get_attribute("html", "lang")) == lang
        switcher = {
            run(a.get_attribute("hreflang")): (
                run(a.get_attribute("href")),
                run(a.get_attribute("aria-current")),
            )
            for a in run(page.locator(".md-select__link").all())
        }
        assert switcher == {  # each language's home, the page's own marked
            code: (urlsplit(url(host, code)).path, "page" if code == lang else None)
            for code in LANGUAGES
        }
        shown = page.locator(f'.not-found[lang="{lang}"]')
        assert run(shown.is_visible())
        assert not run(page.locator(f'.not-found[lang="{other}"]').is_visible())
        header = run(page.locator('[data-md-component="header-title"]').inner_text())
        assert header.startswith(SITE_NAMES[lang])
        assert run(page.title()) == f"{not_found_texts(lang)['title']} - {SITE_NAMES[lang]}"
        home = run(shown.locator("a.md-button").get_attribute("href"))
        assert home == urlsplit(url(host, lang)).path
        if SHOTS:
            run(reader.screenshot(f"{lang}-{device}-404"))
        if device == "desktop":  # search works, in the page's language
            run(shown.locator("label.md-button").click())
            run(page.keyboard.type(SEARCH_TERM[lang], delay=20))
            run(page.wait_for_selector(".md-search-result__item", timeout=10000))
            links = run(page.eval_on_selector_all(".md-search-result__link", LINKS))
            assert links
            assert all(("/en/" in link) == (lang == "en") for link in links)
            run(page.goto(urljoin(page.url, home), wait_until="load"))  # the way home works
            assert run(page.get_attribute("html", "lang")) == lang
        reader.check(f"the 404 page ({device})")


LINKS = "links => links.map(link => link.href)"


@pytest.mark.parametrize(("lang", "other"), [("es", "en"), ("en", "es")])
def test_language_switcher_keeps_the_page_and_the_anchor(host, session, tab, lang, other):
    lesson = parse_page(DOCS / lang / "lessons" / "non-scalar.md")
    anchor = lesson.headings[-1].anchor
    reader, run = tab(), session.run
    for path in ["", f"lessons/non-scalar/#{anchor}", f"notebooks/non-scalar/#{anchor}"]:
        page = run(reader.go(url(host, lang, path)))
        run(page.click(".md-header__option .md-select button"))  # open the language menu

        async def switch(page=page):
            async with page.expect_navigation(wait_until="load"):
                await page.click(f'a.md-select__link[hreflang="{other}"]')

        run(switch())
        assert page.url == url(host, other, path)
        assert run(page.get_attribute("html", "lang")) == other
        if "#" in path:
            assert run(page.locator(f"#{anchor}").count()) == 1
    reader.check("the language switcher")


async def tap_in_place(page, selector):
    """Taps `selector` where it is on screen, as a finger does. Playwright's own click first
    scrolls the element "into view"; for a link in the sticky header's menu that can move the
    page by hundreds of pixels (seen under load), and the place to keep is then another."""
    target = page.locator(selector)
    await target.wait_for(state="visible")
    await page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState !== 'running')"
    )
    box = await target.bounding_box()
    await page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.mark.parametrize(("lang", "other"), [("es", "en"), ("en", "es")])
def test_language_switcher_keeps_the_place_without_an_anchor(host, session, tab, lang, other):
    """A reader who scrolled into a section (no #anchor in the address) lands at the same
    section in the other language: its heading is the anchor."""
    headings = [h for h in parse_page(DOCS / lang / "lessons" / "non-scalar.md").headings]
    # One mid-page: the page must scroll far enough to bring it under the header (the last
    # sections of a short page can't be scrolled to the top).
    sections = [h for h in headings if h.level == 2]
    heading = sections[len(sections) // 2]
    reader, run = tab(viewport=DEVICES["phone"], has_touch=True), session.run
    page = run(reader.go(url(host, lang, "lessons/non-scalar/")))
    # The heading just scrolled past, under the header, as a reader reading its section has it.
    scroll = (
        f"document.getElementById('{heading.anchor}').getBoundingClientRect().top + scrollY - 30"
    )
    run(page.evaluate(f"window.scrollTo(0, {scroll})"))
    run(tap_in_place(page, ".md-header__option .md-select button"))

    async def switch():
        async with page.expect_navigation(wait_until="load"):
            await tap_in_place(page, f'a.md-select__link[hreflang="{other}"]')

    run(switch())
    assert page.url == url(host, other, f"lessons/non-scalar/#{heading.anchor}")
    top = run(
        page.evaluate(f"document.getElementById('{heading.anchor}').getBoundingClientRect().top")
    )
    assert 0 <= top < DEVICES["phone"]["height"] / 2  # the section is on screen, at its start
    reader.check("the language switcher")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_returns_only_pages_of_the_current_language(host, session, tab, lang):
    reader, run = tab(color_scheme="dark"), session.run
    page = run(reader.go(url(host, lang, "lessons/backward/")))
    assert run(page.get_attribute("body", "data-md-color-scheme")) == "slate"  # as the system
    run(page.keyboard.press("s"))  # Material's shortcut to the search box
    run(page.keyboard.type(SEARCH_TERM[lang], delay=20))
    run(page.wait_for_selector(".md-search-result__item", timeout=10000))
    links = run(page.eval_on_selector_all(".md-search-result__link", LINKS))
    assert links
    english = [link for link in links if "/en/" in link]
    assert english == (links if lang == "en" else [])
    assert not [link for link in links if "/notebooks/" in link]  # the lesson is what is found
    reader.check("search")


# Two nodes of lunr's word trie that lunr 2.3.9 names alike, "012345": edges 1→23, 4→5 and
# 1→2, 3→45. Minimising the trie merges nodes with one name (lunr.js issues 279 and 503).
TWO_NODES_NAMED = """() => {
  if (!self.lunr) return null;  // the worker's script has not run yet
  const node = (edges) => Object.assign(new lunr.TokenSet(), {edges: Object.fromEntries(
    Object.entries(edges).map(([label, id]) => [label, {id}]))});
  return [node({1: 23, 4: 5}).toString(), node({1: 2, 3: 45}).toString()];
}"""


def test_search_runs_lunr_with_its_word_trie_fixed(host, session, tab):
    """Pages start overrides/assets/javascripts/workers/search-lunr-fix.js, which runs Material's
    worker and gives lunr's trie nodes names that can't collide: without it, every English
    query with a "0" found nothing (tests/test_error_search.py saw it). Material's own worker
    still has the bug; when an upgrade fixes it, this test says the fix can go."""
    reader, run = tab(), session.run
    page = run(reader.go(url(host, "en", "lessons/graph/")))
    worker = json.loads(run(page.text_content("#__config")))["search"]
    ours, _, material = worker.partition("?")
    assert ours.endswith("/search-lunr-fix.js"), worker

    async def names(script: str) -> list[str]:
        async with page.expect_worker() as started:
            await page.evaluate(f"new Worker({script!r})")
        started = await started.value
        for _ in range(50):
            if found := await started.evaluate(TWO_NODES_NAMED):
                return found
            await asyncio.sleep(0.1)
        raise AssertionError(f"{script} never defined self.lunr")

    fixed = run(names(worker))
    assert fixed[0] != fixed[1]
    unfixed = run(names(f"{ours.rpartition('/')[0]}/{material}"))
    assert unfixed == ["012345", "012345"], "Material's lunr no longer confuses them: drop the fix"
    reader.check("search")


def test_site_also_works_from_the_root_of_a_plain_static_server(site, session, tab, tmp_path):
    with pages_host(site, tmp_path, sub_path="/") as address:  # not under site_url's sub-path
        reader = tab()
        for path in ["", "en/lessons/graph/", "notebooks/graph/"]:
            session.run(reader.go(f"{address}{path}"))
        reader.check("the site served from /")


def test_a_request_to_another_host_fails_the_test_naming_the_page(host, session, tab):
    reader = tab()
    page = session.run(reader.go(url(host, "es")))
    # Resolves on the image's error: after the route refused the request, and recorded it.
    session.run(
        page.evaluate(
            "new Promise(done => document.body.append(Object.assign(new Image(), "
            "{onerror: done, onload: done, src: 'https://example.com/x.png'})))"
        )
    )
    with pytest.raises(AssertionError, match=r"home: .*another host: https://example\.com/x\.png"):
        reader.check("home")


# --- Each rule of tools/accessibility.py fails on a page made to break it -------------------

BROKEN_PAGES = Path(__file__).parent / "fixtures" / "browser"
EXPECT = re.compile(r"<!-- expect: (.+?) -->")
# Each broken page is a fragment: this page around it, the element it breaks `#defect`.
PAGE = """<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,">
<title>Broken on purpose: {name}</title>
<style>body {{ font: 16px/1.5 sans-serif; margin: 1em; color: #222; background: #fff }}</style>
</head>
<body><main><article><h1>Broken on purpose: {name}</h1>
{fragment}</article></main></body>
</html>
"""


@pytest.fixture(scope="session")
def broken_host(tmp_path_factory):
    pages = tmp_path_factory.mktemp("broken-pages")
    for source in BROKEN_PAGES.rglob("*"):
        target = pages / source.relative_to(BROKEN_PAGES)
        if source.is_dir():
            target.mkdir(exist_ok=True)
        elif source.suffix == ".html" and source.parent == BROKEN_PAGES:
            fragment = source.read_text(encoding="utf-8")
            target.write_text(PAGE.format(name=source.stem, fragment=fragment), encoding="utf-8")
        else:
            target.write_bytes(source.read_bytes())
    with pages_host(pages, tmp_path_factory.mktemp("broken"), sub_path="/") as address:
        yield address


async def audited(tab, address: str) -> list[str]:
    """A page's problems at every width and palette, as the tour finds them."""
    await tab.page.goto(address, wait_until="load")
    await accessibility.prepare(tab.page)
    found = []
    for device, viewport in DEVICES.items():
        await tab.page.set_viewport_size(viewport)
        found += await reader_problems(tab.page, device)
    return found


@pytest.mark.parametrize("broken", sorted(p.name for p in BROKEN_PAGES.glob("*.html")))
def test_each_rule_fails_on_its_broken_page_naming_rule_and_element(
    broken_host, session, tab, broken
):
    """tests/fixtures/browser/<rule>.html breaks one rule (the element `#defect`), at the width
    and in the palette its `expect` comment says: the audit finds it there, naming rule and
    element."""
    expected = EXPECT.search((BROKEN_PAGES / broken).read_text(encoding="utf-8"))[1]
    reader = tab(viewport=DEVICES["desktop"], has_touch=True)
    found = session.run(audited(reader, f"{broken_host}{broken}"))
    named = [p for p in found if p.startswith(f"{expected} (") or p.startswith(f"{expected}:")]
    assert [p for p in named if "#defect" in p], f"{broken}: expected {expected!r}, found {found}"


# The focus is seen wherever the keyboard takes it: each control of the header, the language
# menu's links included (their focus used to be a faint change of colour).
FOCUS_SEEN = """() => {
  const e = document.activeElement;
  const shown = e.matches("[type=radio]") && e.nextElementSibling ? e.nextElementSibling : e;
  const style = getComputedStyle(shown);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1;
  const underline = style.textDecorationLine.includes("underline");
  const label = (e.getAttribute("aria-label") || e.textContent || e.id).trim().slice(0, 30);
  return [e.tagName.toLowerCase() + " " + label, outline || underline || style.boxShadow !== "none",
          !!e.closest(".md-header")];
}"""


async def unseen_focus(page, stops: int) -> list[str]:
    """Tab through the first `stops` tab stops of the header: those whose focus shows no
    outline, underline or shadow."""
    unseen = []
    for _ in range(stops):
        await page.keyboard.press("Tab")
        what, seen, in_header = await page.evaluate(FOCUS_SEEN)
        if not in_header:
            break
        if not seen:
            unseen.append(what)
    return unseen


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_keyboard_focus_is_seen_in_the_header(host, session, tab, lang):
    reader = tab(viewport=DEVICES["desktop"])
    page = session.run(reader.go(url(host, lang)))
    session.run(page.add_style_tag(content=accessibility.STILL))
    session.run(page.keyboard.press("Tab"))  # the skip link, shown on focus
    assert session.run(unseen_focus(page, 12)) == []


def test_a_focus_without_outline_fails(broken_host, session, tab):
    reader = tab(viewport=DEVICES["desktop"])
    session.run(reader.page.goto(f"{broken_host}focus/header.html", wait_until="load"))
    assert session.run(unseen_focus(reader.page, 4)) == ["a Español"]
