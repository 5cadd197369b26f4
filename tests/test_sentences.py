"""The page checks `colons` and `description` (tools/colons.py, tools/descriptions.py), each shown
failing on a broken copy of tests/fixtures/sentences/es/page.md. Every real page runs both as its
own doc tests (`docs/es/lessons/graph.md::colons`)."""

from pathlib import Path

import pytest

from tools import colons, descriptions
from tools.pages import parse_page
from tools.sentences import sentences

FIXTURE = Path(__file__).parent / "fixtures" / "sentences" / "es" / "page.md"
TEXT = FIXTURE.read_text(encoding="utf-8")


def variant(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the fixture page with `old` replaced by `new`."""
    assert TEXT.count(old) == 1, old
    page = tmp_path / "es" / "page.md"
    page.parent.mkdir(exist_ok=True)
    page.write_text(TEXT.replace(old, new), encoding="utf-8")
    return page


def problems(path: Path) -> list[str]:
    page = parse_page(path)
    return colons.problems(page) + descriptions.problems(page)


def test_fixture_passes():
    assert problems(FIXTURE) == []


def test_sentences_end_at_a_full_stop_a_question_or_an_exclamation():
    said = [s.shown for s in sentences(FIXTURE, TEXT) if s.line in (9, 10, 29)]
    assert said == [
        "Una frase con un solo signo: este.",
        "Otra frase, también con uno: este otro.",
        "¿Una pregunta con uno?",
        "Sí: aquí.",
        "¡Y una exclamación!",
        "Sin ninguno.",
        "`…` empieza esta frase: bien.",
        "`…` empieza otra: también.",
    ]


def test_a_sentence_with_two_colons_fails(tmp_path):
    page = variant(tmp_path, "signo: este. Otra", "signo: este, y otra")
    [problem] = problems(page)
    assert problem.startswith(
        f"{page}:9: a sentence with 2 colons: «Una frase con un solo signo: este, y otra frase, "
        "también con uno: este otro.»\n  fix: at most one colon per sentence (STYLE.md)"
    )


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        # a list item is a sentence of its own: run into the paragraph before, it is not
        ("formas:\n\n- Forma 1:", "formas: la 1:", 12),
        # a table cell too
        ("| primero: uno | segundo: dos |", "| primero: uno, segundo: dos | |", 19),
        # a heading too: without its hashes, it runs into the paragraph after it
        ("## Un título: con dos puntos { #a-title }\n\n", "Un título: con dos puntos\n", 7),
        # the description
        ("puntos: una sola frase, corta.", "puntos: una sola frase: corta.", 2),
    ],
)
def test_each_block_is_read_on_its_own(tmp_path, old, new, line):
    page = variant(tmp_path, old, new)
    [problem] = colons.problems(parse_page(page))
    assert problem.startswith(f"{page}:{line}: a sentence with 2 colons")


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("`x[:, 0]`", "x[:, 0]", 14),  # inline code
        ("$f: A \\to B$", "f: A → B", 15),  # maths
        ("[Los gradientes: `zero_()`](other.md)", "Los gradientes: `zero_()`", 25),  # link text
        ("las 10:30,", "las 10: 30,", 27),  # between digits
        ("<https://example.org>", "https: example", 27),  # an address
        ("`y[1:3]`", "y[1: 3]", 26),
    ],
)
def test_what_is_skipped_would_otherwise_count(tmp_path, old, new, line):
    page = variant(tmp_path, old, new)
    [problem] = colons.problems(parse_page(page))
    assert problem.startswith(f"{page}:{line}: a sentence with 2 colons")


def test_a_page_without_a_description_fails(tmp_path):
    page = variant(tmp_path, "description:", "summary:")
    [problem] = descriptions.problems(parse_page(page))
    assert problem.startswith(f"{page}:1: the page has no description; fix: add `description:")


def test_a_description_of_two_sentences_fails(tmp_path):
    page = variant(tmp_path, "frase, corta.", "frase. Es corta.")
    [problem] = descriptions.problems(parse_page(page))
    assert problem.startswith(
        f"{page}:2: the description is 2 sentences («Es corta.» is the second); fix: one "
        "sentence of at most 160 characters that says what the reader will learn"
    )


def test_a_description_over_160_characters_fails(tmp_path):
    page = variant(tmp_path, "frase, corta.", "frase, " + "muy " * 21 + "corta.")
    assert len(parse_page(page).meta["description"]) == 161
    [problem] = descriptions.problems(parse_page(page))
    assert problem.startswith(f"{page}:2: the description is 161 characters long; fix: one")


def test_a_description_that_ends_no_sentence_fails(tmp_path):
    page = variant(tmp_path, "frase, corta.", "frase, corta")
    [problem] = descriptions.problems(parse_page(page))
    assert problem.startswith(f"{page}:2: the description does not end a sentence")
