"""Checks about one page, run as that page's own doc tests.

`make check LESSON=graph` runs the doc tests of the lesson's two pages, so whatever `make test`
would say about one lesson belongs here, as a check of its page: a function that takes the page
(tools.pages.Page) and returns its problems, each naming the file, the line and the fix (an empty
list when all is well). tools/page_tests.py makes each check a Sybil region at the end of the
page, named after it: `docs/es/lessons/graph.md::stated-values`.

A check may read other files that belong to the page (its twin in the other language, its
notebook, the home page's link to it); checks across the whole site stay in tests/.
"""

from __future__ import annotations

from collections.abc import Callable

from tools import (
    claims,
    code_language,
    colons,
    descriptions,
    errors,
    exercises,
    glossary,
    notebook_drift,
    numbers,
    parity,
    prompts,
    prose,
    same_code,
    spelling,
    terms,
    translations,
    walks,
)
from tools.installed import HUNSPELL, require
from tools.languages import LANGUAGES
from tools.pages import DOCS, ROOT, Page, display, parse_page

FOLLOWING_PUNCTUATION = tuple(",.;:)!?»")  # a tuple: "" is not in it


def stated_values(page: Page) -> list[str]:
    """Each value the prose states is printed in its section, and stated in both languages."""
    previous = numbers.committed_outputs(page)
    return claims.problems(page, lambda claim: numbers.now_printed(claim, previous, page))


def image_text(page: Page) -> list[str]:
    """Every image says what it shows, for a reader who cannot see it (its alternative text)."""
    return [
        f"{display(page.path)}:{image.line}: the image {image.src} has no alternative text\n  fix: "
        "describe what it shows, in the page's language: ![The graph of out, top to bottom: ...]"
        for image in prose.images(page.text)
        if not image.alt.strip()
    ]


def spans_of(page: Page, kind: str) -> list[prose.Span]:
    """The page's prose spans of one kind (code, comment...), each with its line."""
    return [span for span in prose.spans(page.path, page.text) if span.kind == kind]


def comment_spacing(page: Page) -> list[str]:
    """A note for the checks (`<!-- unchecked: ... -->`) hides, the space before it does not: before
    a comma or a full stop the reader would see "4.7213 ,". The note follows its value directly."""
    text = page.text
    return [
        f"{display(page.path)}:{span.line}: a space before this comment shows before the "
        f"{text[span.end]!r} after it\n  fix: write the comment right after its value, "
        "with no space: `4.7213<!-- printed in #setup -->,`"
        for span in spans_of(page, prose.COMMENT)
        if text[span.end : span.end + 1] in FOLLOWING_PUNCTUATION and text[span.start - 1].isspace()
    ]


# Inline code never wraps inside a word: on a phone (390 px, Material's code font) a run of
# more than this many characters without a space runs off the screen. The browser tour
# (tests/test_browser.py) measures the real overflow; this catches it in `make check`.
# Measured there: a 45-character word took 376 px of a 358 px paragraph (8.4 px a character),
# so 42 is the most that fits. A word the browser may break at its punctuation can fit longer,
# but the check can't tell which, so it holds every word to 42.
LONGEST_CODE_WORD = 42


def code_width(page: Page) -> list[str]:
    """No inline code the reader sees holds a word too long to fit a phone's width."""
    return [
        f"{display(page.path)}:{span.line}: `{span.text}` has a word of {len(word)} characters, "
        f"wider than a phone (at most {LONGEST_CODE_WORD})\n  fix: shorten it, name it in words, "
        "or show it in a code block of the snippet module"
        for span in spans_of(page, prose.CODE)
        for word in [max(span.text.split(), key=len, default="")]
        if len(word) > LONGEST_CODE_WORD
    ]


def code_language_problems(page: Page) -> list[str]:
    """The comments, docstrings and printed strings of the page's code are in its language."""
    require(spelling.available(), HUNSPELL)  # fails with the fix, or SKIP_SPELLING=1 skips
    return code_language.problems(page)


def spelling_problems(page: Page) -> list[str]:
    """The prose is spelt right, in the page's language (hunspell and tests/wordlist-<lang>.txt)."""
    if page.lang is None or not page.path.resolve().is_relative_to(DOCS):
        return []  # a test's scratch page: its own words
    require(spelling.available(), HUNSPELL)
    return spelling.problems(page.lang, [page.path])


def in_docs(page: Page) -> bool:
    """A page of the site, not a test's scratch or fixture page (those check their own way)."""
    return page.lang is not None and page.path.resolve().is_relative_to(DOCS)


def style_terms(page: Page) -> list[str]:
    """The page and its lesson's snippet module use STYLE.md's terms (tests/test_style.py reads
    every page, module and notebook message at once)."""
    if not in_docs(page):
        return []
    module = ROOT / "snippets" / page.lang / "lessons" / f"{page.path.stem}.py"
    texts = [terms.page_text(page.path, page.text)]
    return terms.check(texts + terms.code_texts([module] if module.exists() else []))


def page_parity(page: Page) -> list[str]:
    """The page and its twin in the other language share includes, outputs and anchors; its own
    headings have anchors and its blocks their layout (tests/test_parity.py: every page)."""
    if not in_docs(page):
        return []
    relative = page.path.resolve().relative_to(DOCS / page.lang)
    es, en = (DOCS / lang / relative for lang in LANGUAGES)
    twin = en if page.lang == "es" else es
    if not twin.exists():
        return [f"{display(twin)} is missing; fix: translate {display(page.path)} into it"]
    pair = (page, parse_page(en)) if page.lang == "es" else (parse_page(es), page)
    own = parity.anchor_problems(page) + parity.layout_problems(page)
    return own + (parity.parity_problems(*pair) if page.lang == "es" else [])


def home_link(page: Page) -> list[str]:
    """A lesson is linked from its language's home page by its title."""
    if not in_docs(page) or page.path.parent.name != "lessons":
        return []
    return parity.home_link_problems(DOCS / page.lang / "index.md", lesson=page.path.name)


def glossary_use(page: Page) -> list[str]:
    """In the Spanish lessons, read in nav order, a glossary term's first use gives its English
    term, and a term defined in bold has an entry (tests/test_glossary.py: all lessons)."""
    if not in_docs(page) or page.lang != "es" or page.path.parent.name != "lessons":
        return []
    return glossary.lesson_problems(
        page.path.resolve(), DOCS / "es" / "glossary.md", glossary.nav_lessons()
    )


def translation(page: Page) -> list[str]:
    """An English page records which Spanish version it translates: the current one."""
    if not page.path.resolve().is_relative_to(DOCS / "en"):
        return []  # a Spanish page (its English twin says it), or one outside docs/
    return translations.stale_problems(pages=[page.path])


CHECKS: dict[str, Callable[[Page], list[str]]] = {
    "stated-values": stated_values,
    "image-text": image_text,
    "comment-spacing": comment_spacing,
    "code-width": code_width,
    "same-code": same_code.problems,
    "code-language": code_language_problems,
    "walk-figures": walks.page_problems,
    "colons": colons.problems,
    "description": descriptions.problems,
    "exercise-checks": exercises.problems,
    "notebook-drift": notebook_drift.problems,
    "error-index": errors.page_problems,  # a message the lesson shows, explained in errors.md
    "spelling": spelling_problems,
    "translation": translation,
    "terms": style_terms,
    "parity": page_parity,
    "home-link": home_link,
    "prompts": prompts.problems,  # the home page names where a block pastes whole
    "glossary-use": glossary_use,
}
