"""Spanish and English pages mirror each other, and each page mirrors its snippet module."""

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from tools import mkdocs_checks
from tools.pages import DOCS, ROOT, Expander, all_pages, parse_page
from tools.parity import (
    anchor_problems,
    layout_problems,
    missing_pages,
    parity_problems,
    unused_sections,
)

FIXTURES = Path(__file__).parent / "fixtures"
SPANISH = sorted((DOCS / "es").rglob("*.md"))


def test_every_page_exists_in_both_languages():
    assert missing_pages() == []


@pytest.mark.parametrize("es", SPANISH, ids=lambda p: str(p.relative_to(DOCS / "es")))
def test_languages_share_includes_outputs_and_anchors(es):
    en = DOCS / "en" / es.relative_to(DOCS / "es")
    if not en.exists():  # named by test_every_page_exists_in_both_languages, with the fix
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
    # The build refuses it too, naming the language (MkDocs alone says "not found").
    i18n = SimpleNamespace(
        config=SimpleNamespace(
            languages=[SimpleNamespace(locale="es"), SimpleNamespace(locale="en")]
        )
    )
    config = SimpleNamespace(docs_dir=str(tmp_path), plugins={"i18n": i18n})
    with pytest.raises(
        PluginError,
        match=r"docs/en/lessons/a.md is missing: the English page of docs/es/lessons/a.md; fix",
    ):
        mkdocs_checks.on_config(config)


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
            "0.3333",
            "0.3334",
            f"output blocks, #1: {ES}:14 has 'tensor([0.0000, 0.3333, 0.6667])', "
            f"{EN}:14 has 'tensor([0.0000, 0.3334, 0.6667])'",
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


def test_heading_without_anchor_fails():
    [problem] = anchor_problems(broken_english("## An error { #an-error }", "## An error"))
    assert "demo.md:18: heading 'An error' has no explicit anchor" in problem


def test_include_from_another_module_or_wrong_title_fails():
    page = broken_english('title="tests/fixtures/snippets/lessons/demo.py"', 'title="demo"')
    [problem] = layout_problems(page, FIXTURES / "docs")
    assert 'code block title is "demo"' in problem
    assert 'title="tests/fixtures/snippets/lessons/demo.py"' in problem
    moved = FIXTURES / "docs" / "en" / "lessons" / "other.md"
    page = parse_page(moved, FIXTURE_EN.read_text(encoding="utf-8"), EXPANDER)
    assert (
        "a page includes only its own module, lessons/other.py"
        in layout_problems(page, FIXTURES / "docs")[0]
    )


def test_unused_section_fails():
    page = broken_english('--8<-- "lessons/demo.py:quiet"', '--8<-- "lessons/demo.py:loud"')
    [problem] = unused_sections([page], FIXTURES / "snippets")
    assert problem.startswith(
        "tests/fixtures/snippets/lessons/demo.py:17: section 'quiet' is on no page"
    )


def test_page_without_description_fails():
    page = broken_english("description: A test page", "summary: A test page")
    [problem] = layout_problems(page, FIXTURES / "docs")
    assert problem.startswith("tests/fixtures/docs/en/lessons/demo.md:1: no description")


@pytest.mark.parametrize(
    "marker",
    ["#--8<-- [start:extra]", "# -8<- [ start : extra ]", "    # ---8<--- [start:extra]"],
)
def test_unused_section_in_any_marker_syntax_fails(tmp_path, marker):
    module = tmp_path / "lessons" / "demo.py"
    module.parent.mkdir()
    source = (FIXTURES / "snippets" / "lessons" / "demo.py").read_text(encoding="utf-8")
    module.write_text(f"{source}\n{marker}\nunused = 1\n# --8<-- [end:extra]\n", "utf-8")
    pages = [parse_page(FIXTURE_ES, expander=Expander(tmp_path))]
    [problem] = unused_sections(pages, tmp_path)
    line = source.count("\n") + 2
    assert problem == (
        f"{module}:{line}: section 'extra' is on no page; fix: include it in the lesson's pages "
        "or delete it"
    )


def test_module_without_sections_fails(tmp_path):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "bare.py").write_text("import torch\nprint(torch.ones(2))\n", "utf-8")
    [problem] = unused_sections([], tmp_path)
    assert problem.startswith(f"{tmp_path}/lessons/bare.py: has no snippet sections")
    assert "fix: wrap each piece a page shows in `# --8<-- [start:name]`" in problem


def home_link_problems(home: Path) -> list[str]:
    """Each lesson of the home page's language not linked from it by its `# title`."""
    links = {
        target: " ".join(text.split())
        for text, target in re.findall(r"\[([^\]]+)\]\((lessons/[\w-]+\.md)\)", home.read_text())
    }
    found = []
    for lesson in sorted((home.parent / "lessons").glob("*.md")):
        title = next(h.title for h in parse_page(lesson).headings if h.level == 1)
        shown = links.get(f"lessons/{lesson.name}")
        if shown != title:
            found.append(
                f"{home}: the link to lessons/{lesson.name} reads {shown!r}, but the lesson's "
                f"title is {title!r}; fix: link it by its title"
            )
    return found


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
