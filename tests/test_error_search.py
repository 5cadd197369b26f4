"""Pasting a message the error index lists, whole or its first words, into the site's search
finds its entry first, in each language: Material's own search, in a real browser (the session,
host and tabs of tests/test_browser.py)."""

import pytest
import test_browser
from playwright.async_api import TimeoutError as PlaywrightTimeout

from tools import errors
from tools.languages import LANGUAGES

# tests/test_browser.py's fixtures: Chromium required (autouse), one browser, the built site
# served under its sub-path, tabs.
chromium, host, session, tab, url = (
    test_browser.chromium,
    test_browser.host,
    test_browser.session,
    test_browser.tab,
    test_browser.url,
)
WORDS = 8  # what a reader pastes: "RuntimeError: one of the variables needed for gradient ..."
# Material lists results by page: the page's own link, then its best sections. The first result
# is the first section of the first page (`?h=...`, the terms to highlight, aside).
FIRST_RESULT = """() => {
  const item = document.querySelector(".md-search-result__list .md-search-result__item");
  const links = item ? [...item.querySelectorAll("a.md-search-result__link")] : [];
  const first = links.map((a) => new URL(a.href)).find((u) => u.hash) || null;
  return first ? first.pathname + first.hash : "";
}"""
# The results of the query just typed are listed (not those of the previous one).
READY = """() => {
  const item = document.querySelector(".md-search-result__list .md-search-result__item");
  return item !== null && !item.dataset.stale;
}"""

MARK_STALE = """() => document.querySelectorAll(".md-search-result__item")
  .forEach((item) => { item.dataset.stale = "yes"; })"""


def first_words(message: str) -> str:
    return " ".join(message.split()[:WORDS])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_and_its_first_words_find_its_entry_first(host, session, tab, lang):
    index = errors.read(lang=lang)
    reader, run = tab(), session.run
    page = run(reader.go(url(host, lang, "lessons/graph/")))
    run(page.keyboard.press("s"))  # Material's shortcut to the search box
    queries: dict[str, set[str]] = {}  # variants of a message may begin alike: asked once
    for entry in index.entries:
        for shown in entry.shown:  # its first words, and the whole message as pasted
            for query in (first_words(shown.message), shown.message):
                queries.setdefault(query, set()).add(index.anchor(entry))
    missed = []
    for query, anchors in queries.items():
        [anchor] = anchors  # else two entries' messages begin with the same words
        first = first_result(page, run, query, f"errors/#{anchor}")
        if first is not None:
            missed.append(f"{query!r}: first result {first or 'none'}, not …/errors/#{anchor}")
    reader.check("search")
    assert missed == [], "\n".join(missed)


def first_result(page, run, query: str, expected: str) -> str | None:
    """None when searching `query` lists `expected` first; else what came first ("" if none)."""
    run(page.evaluate(MARK_STALE))  # the previous query's results never count
    run(page.fill(".md-search__input", query))
    run(page.keyboard.press("End"))  # Material searches on keyup, as after Ctrl+V
    try:
        run(page.wait_for_function(READY, timeout=5000))
    except PlaywrightTimeout:
        return ""
    first = run(page.evaluate(FIRST_RESULT))
    return None if first.endswith(expected) else first


def test_an_entry_that_is_not_first_is_reported(host, session, tab):
    """The check can fail: the first words of one message do not find another's entry first."""
    index = errors.read(lang="es")
    entries = [entry for entry in index.entries if entry.shown]
    one, other = entries[0], entries[-1]
    reader, run = tab(), session.run
    page = run(reader.go(url(host, "es", "lessons/graph/")))
    run(page.keyboard.press("s"))
    query = first_words(one.shown[0].message)
    found = first_result(page, run, query, f"errors/#{index.anchor(other)}")
    assert found.endswith(f"errors/#{index.anchor(one)}")
    reader.check("search")
