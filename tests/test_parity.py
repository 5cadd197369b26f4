"""Spanish and English pages mirror each other, and each page mirrors its snippet module."""

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from tools.hooks import every_language
from tools.pages import DOCS, ROOT, Expander, all_pages, parse_page
from tools.parity import (
    anchor_problems,
    home_link_problems,
    layout_problems,
    missing_pages,
    parity_problems,
    unused_sections,
)

FIXTURES = Path(__file__).parent / "fixtures"
SPANISH = sorted((DOCS / "es").rglob("*.md"))


@pytest.mark.parametrize("es", SPANISH, ids=lambda p: str(p.relative_to(DOCS / "es")))
def test_languages_share_includes_outputs_and_anchors(es):
    en = DOCS / "en" / es.relative_to(DOCS / "es")
    if not en.exists():  # the build refuses it too (test_page_missing_in_one_language_fails)
        pytest.fail(f"{en.relative_to(ROOT)} is missing: nothing to compare", pytrace=False)
    found = parity_problems(parse_page(es), parse_page(en))
    assert not found, "\n".join(found)


@pytest.mark.parametrize("page", all_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_page_structure(page):
    parsed = parse_page(page)
    assert anchor_problems(parsed) == []
    assert layout_problems(parsed) == []


def test_every_snippet_section_is_on_a_page():
    assert unused_sections([parse_page(p) for p in all_pages()], ROOT / "snippets") == []


# The checks above can fail: each is fed a broken copy of the fixture pages.

EXPANDER = Expander(FIXTURES / "snippets")
FIXTURE_ES = FIXTURES / "docs" / "es" / "lessons" / "demo.md"
FIXTURE_EN = FIXTURES / "docs" / "en" / "lessons" / "demo.md"


def broken_english(old: str, new: str):
    text = FIXTURE_EN.read_text(encoding="utf-8")
    assert old in text
    return parse_page(FIXTURE_EN, text.replace(old, new, 1), EXPANDER)


def test_fixture_pages_pass():
    es, en = (parse_page(p, expander=EXPANDER) for p in (FIXTURE_ES, FIXTURE_EN))
    assert parity_problems(es, en) == []
    assert anchor_problems(en) == []
    assert layout_problems(en, FIXTURES / "docs") == []


def test_page_missing_in_one_language_fails(tmp_path):
    for lang, pages in {"es": ["index.md", "lessons/a.md"], "en": ["index.md"]}.items():
        for page in pages:
            (tmp_path / lang / page).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / lang / page).write_text("# Page\n")
    [problem] = missing_pages(tmp_path)
    assert problem == (
        f"{tmp_path / 'en' / 'lessons' / 'a.md'} is missing: the English page of "
        f"{tmp_path / 'es' / 'lessons' / 'a.md'}; fix: translate it (same file name, headings' "
        "anchors and includes)"
    )
    # The build refuses it too, with the same message (MkDocs alone says "not found").
    languages = [SimpleNamespace(locale="es", default=True), SimpleNamespace(locale="en")]
    i18n = SimpleNamespace(building=False, config=SimpleNamespace(languages=languages))
    config = SimpleNamespace(docs_dir=str(tmp_path), plugins={"i18n": i18n})
    with pytest.raises(PluginError, match=re.escape(problem)):
        every_language.on_config(config)


ES, EN = "tests/fixtures/docs/es/lessons/demo.md", "tests/fixtures/docs/en/lessons/demo.md"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'demo.py:quiet"',
            'demo.py:loud"',
            f"snippet includes, #3: {ES}:30 has ['lessons/demo.py:quiet'], "
            f"{EN}:30 has ['lessons/demo.py:loud']",
        ),
        (
            '\n    ```text title="Output"\n    tensor(2.)\n    ```\n',
            "",
            f"output blocks (True: the example has one), #4: {ES}:40 has True, {EN}:36 has False",
        ),
        (
            "{ #an-error }",
            "{ #the-error }",
            f"heading anchors, #3: {ES}:18 has (2, 'an-error'), {EN}:18 has (2, 'the-error')",
        ),
        (
            "## An error",
            "### An error",
            f"heading anchors, #3: {ES}:18 has (2, 'an-error'), {EN}:18 has (3, 'an-error')",
        ),
    ],
)
def test_languages_that_differ_fail_with_the_line_on_both_sides(old, new, expected):
    es = parse_page(FIXTURE_ES, expander=EXPANDER)
    [problem] = parity_problems(es, broken_english(old, new))
    assert problem.startswith(f"the two languages differ in their {expected}; fix: ")


def test_outputs_may_word_labels_in_their_language():
    """The fixture's Spanish module warns and prints in Spanish: the values are what must match."""
    es = parse_page(FIXTURE_ES, expander=EXPANDER)
    assert "UserWarning: los valores son inventados\ndespués del aviso" in es.text
    assert parity_problems(es, broken_english("after the warning", "then, nothing")) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("0.3333", "0.3334", "#2 of the block: {ES}:15 prints 0.3333, {EN}:15 prints 0.3334"),
        (
            "RuntimeError: The",
            "ValueError: The",
            "#1 of the block: {ES}:27 prints RuntimeError, {EN}:27 prints ValueError",
        ),
        (
            "tensor(2.)",
            "tensor(2.) True",
            "#2 of the block: {ES}:40: the block prints only 1, {EN}:41 prints True",
        ),
        (
            "UserWarning: values",
            "UserWarning: 3 values",
            "#2 of the block: {ES}:48: the block prints only 1, {EN}:49 prints 3",
        ),
    ],
)
def test_outputs_that_print_other_values_fail(old, new, expected):
    """A number, an error type, True/False/None: each language's outputs are verified on its own
    page, and the two must print the same values where their labels may differ."""
    es = parse_page(FIXTURE_ES, expander=EXPANDER)
    [problem] = parity_problems(es, broken_english(old, new))
    assert problem.startswith(
        "the two languages' outputs print different values, "
        + expected.format(ES=ES, EN=EN)
        + "; fix: the two modules must print the same values (only the words of labels and "
        "messages are translated): make the code the same, then run "
        "`make update-outputs LESSON=demo`"
    )


def test_heading_without_anchor_fails():
    [problem] = anchor_problems(broken_english("## An error { #an-error }", "## An error"))
    assert "demo.md:18: heading 'An error' has no explicit anchor" in problem


def test_include_from_another_module_or_wrong_title_fails():
    page = broken_english('title="tests/fixtures/snippets/en/lessons/demo.py"', 'title="demo"')
    [problem] = layout_problems(page, FIXTURES / "docs")
    assert 'code block title is "demo"' in problem
    assert 'title="tests/fixtures/snippets/en/lessons/demo.py"' in problem
    moved = FIXTURES / "docs" / "en" / "lessons" / "other.md"
    page = parse_page(moved, FIXTURE_EN.read_text(encoding="utf-8"), EXPANDER)
    assert (
        "a page includes only its own module, in its own language: en/lessons/other.py"
        in layout_problems(page, FIXTURES / "docs")[0]
    )


def test_page_showing_the_other_languages_module_fails():
    """The English page including the Spanish module (and titling it so) shows Spanish code."""
    page = broken_english('"en/lessons/demo.py:loud"', '"es/lessons/demo.py:loud"')
    page = parse_page(
        page.path,
        page.text.replace("snippets/en/lessons/demo.py", "snippets/es/lessons/demo.py"),
        EXPANDER,
    )
    problems = layout_problems(page, FIXTURES / "docs")
    assert len(problems) == 5, problems  # each block: one include from es/, one title
    assert (
        'includes "es/lessons/demo.py:loud"; fix: a page includes only its own module, in its '
        "own language: en/lessons/demo.py (move the code there)"
    ) in problems[3]


def test_unused_section_fails():
    page = broken_english('--8<-- "en/lessons/demo.py:quiet"', '--8<-- "en/lessons/demo.py:loud"')
    spanish = parse_page(FIXTURE_ES, expander=EXPANDER)
    [problem] = unused_sections([spanish, page], FIXTURES / "snippets")
    assert problem.startswith(
        "tests/fixtures/snippets/en/lessons/demo.py:17: section 'quiet' is on no page"
    )


@pytest.mark.parametrize(
    "marker",
    ["#--8<-- [start:extra]", "# -8<- [ start : extra ]", "    # ---8<--- [start:extra]"],
)
def test_unused_section_in_any_marker_syntax_fails(tmp_path, marker):
    module = tmp_path / "es" / "lessons" / "demo.py"
    module.parent.mkdir(parents=True)
    source = (FIXTURES / "snippets" / "es" / "lessons" / "demo.py").read_text(encoding="utf-8")
    module.write_text(f"{source}\n{marker}\nunused = 1\n# --8<-- [end:extra]\n", "utf-8")
    pages = [parse_page(FIXTURE_ES, expander=Expander(tmp_path))]
    [problem] = unused_sections(pages, tmp_path)
    line = source.count("\n") + 2
    assert problem == (
        f"{module}:{line}: section 'extra' is on no page; fix: include it in the lesson's pages "
        "or delete it"
    )


def test_module_without_sections_fails(tmp_path):
    (tmp_path / "en" / "lessons").mkdir(parents=True)
    bare = tmp_path / "en" / "lessons" / "bare.py"
    bare.write_text("import torch\nprint(torch.ones(2))\n", "utf-8")
    [problem] = unused_sections([], tmp_path)
    assert problem.startswith(f"{bare}: has no snippet sections")
    assert "fix: wrap each piece a page shows in `# --8<-- [start:name]`" in problem


@pytest.mark.parametrize("lang", ["es", "en"])
def test_home_page_links_each_lesson_by_its_title(lang):
    found = home_link_problems(DOCS / lang / "index.md")
    assert not found, "\n".join(found)


def test_home_page_with_an_old_title_fails(tmp_path):
    shutil.copytree(DOCS / "en", tmp_path / "en", ignore=shutil.ignore_patterns("notebooks"))
    lesson = tmp_path / "en" / "lessons" / "graph.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("\n# ", "\n# Renamed: ", 1), encoding="utf-8")
    [problem] = home_link_problems(tmp_path / "en" / "index.md")
    assert "the link to lessons/graph.md reads" in problem
    assert "but the lesson's title is 'Renamed: " in problem
