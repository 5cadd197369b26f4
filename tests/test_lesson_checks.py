"""What `make test` checks of the whole site, `make check LESSON=x` checks of one lesson: its
STYLE.md terms, its parity with the other language, its home-page link and its glossary first
uses run as the page's own doc tests (tools/page_checks.py). Each is shown failing on a page
changed in memory (or a copy of the fixture glossary), naming the file, the line and the fix."""

import shutil
from pathlib import Path

from tools import glossary
from tools.page_checks import code_width, glossary_use, home_link, page_parity, style_terms
from tools.pages import DOCS, parse_page
from tools.parity import home_link_problems

GRAPH = {lang: DOCS / lang / "lessons" / "graph.md" for lang in ("es", "en")}


def changed(lang: str, old: str, new: str):
    text = GRAPH[lang].read_text(encoding="utf-8")
    assert old in text
    return parse_page(GRAPH[lang], text.replace(old, new, 1))


def line_of(lang: str, old: str) -> int:
    return GRAPH[lang].read_text(encoding="utf-8").split(old)[0].count("\n") + 1


def test_the_real_lesson_passes_every_one():
    for lang, path in GRAPH.items():
        page = parse_page(path)
        assert style_terms(page) == page_parity(page) == home_link(page) == glossary_use(page)
        assert style_terms(page) == [], lang


def test_a_banned_term_fails_the_lesson():
    page = changed(
        "es",
        "## Tensores hoja { #leaf-tensors }\n",
        "## Tensores hoja { #leaf-tensors }\n\nEl seguimiento de las operaciones.\n",
    )
    [problem] = style_terms(page)
    line = line_of("es", "## Tensores hoja") + 2
    assert problem.startswith(
        f"docs/es/lessons/graph.md:{line}: 'seguimiento' is not the site's term"
    )
    assert "\n  fix: write registrar" in problem


def test_an_anchor_that_differs_from_the_other_language_fails_the_lesson():
    page = changed("es", "{ #leaf-tensors }", "{ #leaves }")
    found = page_parity(page)
    assert found
    assert all("docs/es/lessons/graph.md" in problem for problem in found)
    assert any("leaves" in problem and "leaf-tensors" in problem for problem in found)
    # The English page's own check compares the same two files.
    assert page_parity(parse_page(GRAPH["en"])) == []


def test_a_lesson_missing_from_its_home_page_fails_it(tmp_path):
    docs = tmp_path / "en"
    shutil.copytree(DOCS / "en", docs, ignore=shutil.ignore_patterns("notebooks"))
    home = docs / "index.md"
    text = home.read_text(encoding="utf-8")
    start = text.index("](lessons/graph.md)")
    home.write_text(text[: text.rindex("[", 0, start)] + text[text.index("\n", start) :])
    [problem] = home_link_problems(home, lesson="graph.md")
    assert "the link to lessons/graph.md reads None" in problem
    assert "fix: link it by its title, in its part" in problem
    assert home_link_problems(home, lesson="backward.md") == []


FIXTURE = Path(__file__).parent / "fixtures" / "glossary"


def test_a_first_use_without_its_english_term_fails_that_lesson_only(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE, docs)
    first = docs / "es" / "lessons" / "first.md"
    first.write_text(first.read_text(encoding="utf-8").replace("hoja** (*leaf tensor*)", "hoja**"))
    lessons = glossary.nav_lessons("es", docs, docs / "nav.yml")
    entries = docs / "es" / "glossary.md"
    [problem] = glossary.lesson_problems(first, entries, lessons)
    assert problem.startswith(f"{docs}/es/lessons/first.md:16: first use of 'Tensor hoja'")
    assert glossary.lesson_problems(docs / "es" / "lessons" / "second.md", entries, lessons) == []
    [outside] = glossary.lesson_problems(docs / "es" / "lessons" / "third.md", entries, lessons)
    assert "third.md: not in mkdocs.yml's nav; fix: add it to its part" in outside


def test_inline_code_too_wide_for_a_phone_fails_the_lesson():
    """What the browser tour found on module-hooks (a 57-character name in inline code)."""
    name = "`torch._C._debug_only_display_vmap_fallback_warnings(True)`"
    page = changed("en", "## Leaf tensors", f"Call {name}.\n\n## Leaf tensors")
    [problem] = code_width(page)
    line = line_of("en", "## Leaf tensors")
    assert problem.startswith(f"docs/en/lessons/graph.md:{line}: {name} has a word of 57 ")
    assert "fix: shorten it, name it in words, or show it in a code block" in problem
    assert code_width(parse_page(GRAPH["en"])) == []


def test_inline_code_two_characters_over_the_widest_that_fits_fails():
    """The 48-character call the browser tour found overflowing a paragraph on a phone."""
    name = "`_debug_only_display_vmap_fallback_warnings(True)`"
    [problem] = code_width(changed("en", "## Leaf tensors", f"Call {name}.\n\n## Leaf tensors"))
    assert f"{name} has a word of 48 characters, wider than a phone (at most 42)" in problem


def test_inline_code_the_browser_found_overflowing_a_notebook_page_fails():
    """The 45-character call in leaf-tensors that ran 18 px off a phone's paragraph."""
    name = "`x.detach().to(torch.float32).requires_grad_()`"
    [problem] = code_width(changed("en", "## Leaf tensors", f"Call {name}.\n\n## Leaf tensors"))
    assert f"{name} has a word of 45 characters, wider than a phone (at most 42)" in problem
