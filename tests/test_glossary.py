"""The glossary: every entry links to a lesson, and the lessons introduce each term in English."""

import shutil
from pathlib import Path

import pytest

from tools.glossary import (
    entries,
    entry_problems,
    first_use_problems,
    missing_problems,
    nav_lessons,
    order_problems,
    pair_problems,
    sort_key,
)
from tools.pages import DOCS

FIXTURE = Path(__file__).parent / "fixtures" / "glossary"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_entry_names_its_other_term_and_links_to_a_lesson(lang):
    assert entries(DOCS / lang / "glossary.md"), "the glossary has no ### entries"
    assert entry_problems(DOCS / lang / "glossary.md") == []


def test_first_use_of_each_term_in_the_lessons_gives_the_english_term():
    assert first_use_problems(DOCS / "es" / "glossary.md", nav_lessons()) == []


@pytest.mark.parametrize("lang", ["es", "en"])
def test_entries_are_in_alphabetical_order(lang):
    assert order_problems(DOCS / lang / "glossary.md", lang) == []


def test_every_term_a_lesson_defines_has_an_entry():
    assert missing_problems(DOCS / "es" / "glossary.md", nav_lessons()) == []


def test_lessons_are_read_in_nav_order():
    lessons = nav_lessons()
    assert [p.name for p in lessons[:3]] == ["requires-grad.md", "graph.md", "backward.md"]
    assert all(p.parent == DOCS / "es" / "lessons" and p.is_file() for p in lessons)


# The checks can fail: each is fed a broken copy of the fixture in fixtures/glossary/.


def fixture_copy(tmp_path: Path, page: str = "", old: str = "", new: str = "") -> Path:
    """A copy of the fixture docs, with `old` replaced by `new` in `page`."""
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    if page:
        text = (tmp_path / page).read_text(encoding="utf-8")
        assert old in text
        (tmp_path / page).write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def first_uses(docs: Path, nav: str = "nav.yml") -> list[str]:
    return first_use_problems(docs / "es" / "glossary.md", nav_lessons("es", docs, docs / nav))


def test_fixture_passes(tmp_path):
    docs = fixture_copy(tmp_path)
    found = [(e.term, e.other, e.anchor) for e in entries(docs / "es" / "glossary.md")]
    assert found == [
        ("`grad_fn`", None, "grad-fn"),
        ("Grafo de cómputo", "computational graph", "computational-graph"),
        ("Tensor hoja", "leaf tensor", "leaf-tensor"),
    ]
    assert entry_problems(docs / "es" / "glossary.md") == []
    assert first_uses(docs) == []
    assert order_problems(docs / "es" / "glossary.md", "es") == []
    assert (
        missing_problems(docs / "es" / "glossary.md", nav_lessons("es", docs, docs / "nav.yml"))
        == []
    )


def test_entry_without_a_lesson_link_fails(tmp_path):
    docs = fixture_copy(
        tmp_path, "es/glossary.md", "Ver [Segunda lección](lessons/second.md).", "Sin enlace."
    )
    [problem] = entry_problems(docs / "es" / "glossary.md")
    assert problem.startswith(f"{docs}/es/glossary.md:11: entry 'Grafo de cómputo' links to no")
    assert "fix: link the lesson that introduces it" in problem


def test_entry_linking_a_missing_lesson_fails(tmp_path):
    docs = fixture_copy(tmp_path, "es/glossary.md", "lessons/second.md", "lessons/third.md")
    [problem] = entry_problems(docs / "es" / "glossary.md")
    assert "entry 'Grafo de cómputo' links to lessons/third.md, which does not exist" in problem


def test_entry_without_the_other_language_term_fails(tmp_path):
    docs = fixture_copy(tmp_path, "es/glossary.md", "Tensor hoja (*leaf tensor*)", "Tensor hoja")
    [problem] = entry_problems(docs / "es" / "glossary.md")
    assert problem.startswith(f"{docs}/es/glossary.md:15: entry 'Tensor hoja' does not give")
    assert "fix: write the heading as `### Tensor hoja (*<other-language term>*)" in problem


def test_first_use_of_a_term_spelled_the_same_in_english_needs_no_gloss(tmp_path):
    docs = fixture_copy(tmp_path, "es/glossary.md", "(*leaf tensor*)", "(*tensor hoja*)")
    lesson = docs / "es" / "lessons" / "first.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("hoja** (*leaf tensor*)", "hoja**", 1), encoding="utf-8")
    assert first_uses(docs) == []


def test_first_use_without_the_english_term_fails(tmp_path):
    docs = fixture_copy(tmp_path, "es/lessons/first.md", "hoja** (*leaf tensor*)", "hoja**")
    [problem] = first_uses(docs)
    assert problem.startswith(
        f"{docs}/es/lessons/first.md:16: first use of 'Tensor hoja' in the lessons has no "
        "English term after it; fix: write 'Tensor hoja (*leaf tensor*)' here"
    )
    assert "es/glossary.md:15" in problem


def test_first_use_follows_the_nav_order(tmp_path):
    docs = fixture_copy(
        tmp_path, "nav.yml", "- lessons/first.md\n      - lessons/second.md", "- lessons/second.md"
    )
    # second.md now comes first, and its "tensor hoja" has no English term.
    [problem] = [found for found in first_uses(docs) if "first use of" in found]
    assert problem.startswith(f"{docs}/es/lessons/second.md:7: first use of 'Tensor hoja'")


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("Ni `tensor hoja` en código", "Ni tensor hoja en código", 9),  # inline code
        ("enlace, [tensor hoja](second.md),", "enlace, tensor hoja,", 9),  # link text
        ("Los tensores hoja, en plural", "El tensor hoja, en singular", 15),  # another form
    ],
)
def test_what_is_skipped_would_otherwise_be_a_use(tmp_path, old, new, line):
    docs = fixture_copy(tmp_path, "es/lessons/first.md", old, new)
    [problem] = first_uses(docs)
    assert problem.startswith(f"{docs}/es/lessons/first.md:{line}: first use of 'Tensor hoja'")


def test_entry_no_lesson_uses_fails(tmp_path):
    unused = (
        "### Nodo (*node*) { #node }\n\nUn paso del grafo. Ver [Segunda](lessons/second.md).\n\n"
    )
    docs = fixture_copy(tmp_path, "es/glossary.md", "### Tensor hoja", unused + "### Tensor hoja")
    [problem] = first_uses(docs)
    assert problem.startswith(f"{docs}/es/glossary.md:15: entry 'Nodo' is used by no lesson")
    assert "fix: use it in the lesson that teaches it, as 'nodo (*node*)' the first time" in problem


def test_code_entry_no_lesson_uses_fails(tmp_path):
    docs = fixture_copy(tmp_path, "es/glossary.md", "### `grad_fn`", "### `grad_fm`")
    [problem] = first_uses(docs)
    assert problem.startswith(f"{docs}/es/glossary.md:7: entry `grad_fm` is used by no lesson")


def test_entry_out_of_alphabetical_order_fails(tmp_path):
    docs = fixture_copy(tmp_path, "es/glossary.md", "### Grafo de cómputo", "### Árbol de cómputo")
    [problem] = order_problems(docs / "es" / "glossary.md", "es")
    assert problem == (
        f"{docs}/es/glossary.md:11: entry 'Árbol de cómputo' comes after '`grad_fn`' (line 7), "
        "out of alphabetical order; fix: move it before that entry"
    )


def test_alphabetical_order_is_each_language_s_own():
    # Accents, case and backticks aside; Spanish ñ after n; "grad_fn" before "gradiente".
    spanish = ["Árbol", "`grad_fn`", "Gradiente", "Nodo", "Ñandú", "Operación *in situ*"]
    assert sorted(spanish, key=lambda term: sort_key(term, "es")) == spanish
    assert sort_key("Ñandú", "en") < sort_key("Nodo", "en")  # English: ñ is an n
    # Letter by letter, not word by word: spaces and hyphens count for nothing.
    assert sort_key("Inference tensor", "en") < sort_key("In-place operation", "en")


def test_term_a_lesson_defines_without_an_entry_fails(tmp_path):
    docs = fixture_copy(
        tmp_path,
        "es/lessons/second.md",
        "El grafo de cómputo",
        "El **nodo** (*node*) y el grafo de cómputo",
    )
    [problem] = missing_problems(
        docs / "es" / "glossary.md", nav_lessons("es", docs, docs / "nav.yml")
    )
    assert problem.startswith(
        f"{docs}/es/lessons/second.md:7: the lesson defines 'nodo' (*node*), which "
        f"{docs}/es/glossary.md lacks; fix: add the entry `### Nodo (*node*)`"
    )


def test_entry_not_linking_its_first_lesson_fails(tmp_path):
    docs = fixture_copy(tmp_path, "es/glossary.md", "lessons/first.md#leaves", "lessons/second.md")
    [problem] = first_uses(docs)
    assert problem == (
        f"{docs}/es/glossary.md:15: entry 'Tensor hoja' does not link to lessons/first.md, the "
        "first lesson that uses it; fix: link it there"
    )


# The two glossaries: the same entries, each naming the other's term (M40).


def test_the_two_glossaries_pair_their_entries():
    assert pair_problems(DOCS / "es" / "glossary.md", DOCS / "en" / "glossary.md") == []


def test_an_entry_paired_with_the_wrong_term_fails(tmp_path):
    for lang in ("es", "en"):
        (tmp_path / lang).mkdir()
        shutil.copy(DOCS / lang / "glossary.md", tmp_path / lang / "glossary.md")
    english = tmp_path / "en" / "glossary.md"
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace("### Track (*registrar*)", "### Track (*semilla*)"), "utf-8")
    line = text.split("### Track (*registrar*)")[0].count("\n") + 1
    spanish_line = (DOCS / "es" / "glossary.md").read_text().split("### Registrar")[0].count("\n")
    assert pair_problems(tmp_path / "es" / "glossary.md", english) == [
        f"{tmp_path}/es/glossary.md:{spanish_line + 1}: entry 'Registrar' {{ #track }} is named "
        f"'semilla' in {english}:{line}; fix: make the term in parentheses of one glossary the "
        "heading of the other (one of them is wrong)"
    ]
