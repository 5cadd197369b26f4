"""Every value the prose states is bound to what its section prints, in both languages
(tools/claims.py), and the prose is read once, by tools/prose.py.

The real pages are checked by their own doc tests (`docs/.../page.md::stated-values`); here each
escape of the 2026-12-03 mutation audit (../shared/reviews/2026-12-03/guards.md) is made on the
fixture lesson in fixtures/claims/ and shown to fail, naming the file, the line and the fix.
"""

from pathlib import Path

import pytest
from sybil.example import SybilFailure

from tools import claims, prose
from tools.page_checks import comment_spacing, image_text
from tools.page_tests import PageSybil
from tools.pages import DOCS, Expander, parse_page

FIXTURE = Path(__file__).parent / "fixtures" / "claims"
EXPANDER = Expander(FIXTURE / "snippets")
PAGES = {lang: FIXTURE / lang / "lessons" / "stated.md" for lang in ("es", "en")}


def page(lang: str, old: str = "", new: str = "", path: Path | None = None):
    text = PAGES[lang].read_text(encoding="utf-8")
    assert old in text
    return parse_page(path or PAGES[lang], text.replace(old, new, 1), EXPANDER)


def line_of(lang: str, old: str) -> int:
    return PAGES[lang].read_text(encoding="utf-8").split(old)[0].count("\n") + 1


def test_fixture_states_bound_values():
    en = page("en")
    stated = [
        (c.kind, c.shown, c.rule, c.exempt, c.printed_in) for c in claims.claims(en.path, en.text)
    ]
    assert stated == [
        ("number", "1", "formula", None, ()),  # $x = (1, -2, 3)$: the formula's constants
        ("number", "-2", "formula", None, ()),
        ("number", "3", "formula", None, ()),
        ("number", "2.0", None, None, ()),
        ("number", "-4", None, None, ()),  # $-4$ alone is a value
        ("number", "2", "formula", None, ()),
        ("number", "2", "formula", None, ()),
        ("number", "2", None, None, ()),  # "`x.grad` is 2": a value, of any size
        ("literal", "True", None, None, ()),
        ("shape", "three rows and one column", None, None, ()),
        ("code", "[[2.], [2.], [2.]]", None, None, ()),
        ("number", "-4", None, None, ("setup",)),  # <!-- printed in #setup -->
        ("number", "0", None, "where counting starts, not a result", ()),
        ("number", "3", "count", None, ()),  # "3 values"
        ("number", "1.5", None, None, ()),
    ]
    for lang in PAGES:
        assert claims.problems(page(lang)) == []
    assert claims.exemptions(en.path, en.text) == 1


# Each mutation of guards.md, made in both languages: the value is no longer what its section
# prints (or the sign, or the shape), though the page may print it elsewhere.
BOTH = [
    ("M2", "`x.grad` is 2", "`x.grad` is 3", "`x.grad` vale 2", "`x.grad` vale 3", "3"),
    ("M4", "It is 1.5.", "It is 6.0.", "Es 1.5.", "Es 6.0.", "6.0"),  # printed in #setup
    ("M6", "says `True`", "says `False`", "dice `True`", "dice `False`", "False"),
    ("M8", "the second $-4$", "the second $4$", "el segundo a $-4$", "el segundo a $4$", "4"),
    (
        "M30",
        "column, `[[2.], [2.], [2.]]`",
        "column, `[[2.], [2.], [3.]]`",
        "columna, `[[2.], [2.], [2.]]`",
        "columna, `[[2.], [2.], [3.]]`",
        "[[2.], [2.], [3.]]",
    ),
    (
        "M31",
        "three rows and one\ncolumn",
        "one row and three\ncolumns",
        "tres filas y una\ncolumna",
        "una fila y tres\ncolumnas",
        None,
    ),
]


@pytest.mark.parametrize(("name", "old_en", "new_en", "old_es", "new_es", "stated"), BOTH)
def test_a_value_its_section_does_not_print_fails(name, old_en, new_en, old_es, new_es, stated):
    for lang, old, new in (("en", old_en, new_en), ("es", old_es, new_es)):
        [problem] = claims.unbound(page(lang, old, new))
        where = f"tests/fixtures/claims/{lang}/lessons/stated.md:{line_of(lang, old)}"
        assert problem.startswith(f"{where}: the prose states {stated or ''}"), name
        assert "but no output block of this section prints" in problem, name
        assert "\n  fix: state what this section prints" in problem, name


# Mutations in one language only: its twin states another value at the same place.
ONE = [
    ("M3", "en", "\\partial x_i} = 2$", "\\partial x_i} = 3$", "3", "2"),  # a coefficient
    ("M5", "en", "becomes 2.0 and", "becomes 6.0 and", "6.0", "2.0"),  # printed in its section
    ("M8", "es", "el segundo a $-4$", "el segundo a $4$", "4", "-4"),
]


@pytest.mark.parametrize(("name", "lang", "old", "new", "mine", "theirs"), ONE)
def test_a_value_stated_in_one_language_only_fails(name, lang, old, new, mine, theirs):
    other = "es" if lang == "en" else "en"
    mutated = page(lang, old, new, PAGES[lang])
    problems = claims.differing(mutated, PAGES[other].read_text(encoding="utf-8"), PAGES[other])
    [problem] = problems
    assert problem.startswith(
        f"tests/fixtures/claims/{lang}/lessons/stated.md:{line_of(lang, old)}: this section "
    ), name
    assert f"states {mine} where tests/fixtures/claims/{other}/lessons/stated.md:" in problem
    assert f"states {theirs}; in order, here: " in problem
    assert "\n  fix: state the same values, in the same order, in both languages" in problem


def test_a_section_named_by_markup_must_print_the_value():
    [problem] = claims.unbound(page("en", "printed in #setup", "printed in #exercises/1"))
    assert problem.startswith(
        f"tests/fixtures/claims/en/lessons/stated.md:{line_of('en', 'printed in #setup')}: the "
        "prose states -4, but neither this section nor #exercises/1, which its comment names,"
    )


def test_an_unchecked_value_needs_its_markup():
    [problem] = claims.unbound(
        page("en", "<!-- unchecked: where counting starts, not a result -->")
    )
    assert "the prose states 0, but no output block of this section prints it" in problem


@pytest.mark.parametrize(
    ("lang", "text", "rule"),
    [
        ("en", "all 32 examples", "count"),  # counts are exempt by rule, whatever their size
        ("en", "is 32 and more", None),  # followed by a word that may follow a value
        ("en", "exercise 3 shows", "reference"),
        ("es", "un lote de 32 ejemplos", "count"),
        ("es", "vale 2 y luego", None),
        ("es", "el ejercicio 3 lo", "reference"),
    ],
)
def test_counts_are_told_from_values_by_rule(lang, text, rule):
    span = prose.Span(prose.TEXT, text, 0, len(text), 1, "s")
    [claim] = claims.span_claims(span, lang)
    assert claim.rule == rule


@pytest.mark.parametrize(
    ("code", "literal"),
    [
        ("[[1., 2., 3.]]", True),
        ("tensor([2., 2., 2.])", True),
        ("torch.Size([3, 1])", True),
        ("0.5", True),
        ("x.grad", False),
        ("retain_graph=True", False),
        ("torch.tensor([1.0, 2.0])", False),  # code that computes a value
        ('{"SGD": [...]}', False),  # a schematic
    ],
)
def test_inline_code_is_a_value_when_it_is_a_literal(code, literal):
    assert claims.is_literal(code) == literal


def test_printed_shapes():
    printed = (
        "tensor([[ 4.7213],\n        [ 2.2754],\n        [-0.2384]]) tensor(3.) torch.Size([2, 3])"
    )
    assert claims.printed_shapes(printed) == {(3, 1), (2, 3)}


# The prose extractor: one reader, positions kept.


def test_prose_spans_keep_their_place_and_section():
    text = PAGES["en"].read_text(encoding="utf-8")
    spans = prose.spans(PAGES["en"], text)
    assert all(text[s.start : s.end] == s.text for s in spans)
    kinds = {(s.kind, s.text) for s in spans}
    assert (prose.CODE, "x.grad") in kinds
    assert (prose.MATH, "-4") in kinds
    assert (prose.TITLE, "Solution") in kinds
    assert (prose.DESCRIPTION, "A test page for the checks of stated values.") in kinds
    assert (prose.HEADING, "Its gradient") in kinds  # its anchor is not prose
    sections = {s.text: s.section for s in spans}
    assert sections["It is 1.5."] == "exercises/1"  # an exercise with code is a section
    keys = [s.key for s in prose.sections(PAGES["en"], text)]
    assert keys == ["", "1", "setup", "grad", "exercises", "exercises/1"]


def test_readable_blanks_all_but_prose():
    text = "Some `code` and $x^2$ and [a link](page.md) <!-- hidden -->.\n"
    shown = prose.readable(Path("en/page.md"), text, prose.READ - {prose.MATH})
    assert shown.split() == ["Some", "and", "and", "a", "link", "."]
    assert len(shown) == len(text)


def test_a_glossary_value_changed_in_one_language_fails():
    """M18: the English glossary says `requires_grad` is `True` by default."""
    english, spanish = DOCS / "en" / "glossary.md", DOCS / "es" / "glossary.md"
    text = english.read_text(encoding="utf-8")
    old = "`False` by default"
    mutated = parse_page(english, text.replace(old, "`True` by default", 1))
    [problem] = claims.differing(mutated, spanish.read_text(encoding="utf-8"), spanish)
    line = text.split(old)[0].count("\n") + 1
    assert problem.startswith(
        f"docs/en/glossary.md:{line}: this section (#requires-grad) states True where "
        "docs/es/glossary.md:"
    )


@pytest.mark.parametrize(
    "image",
    ["![](../assets/graph-shown.svg)", '<img src="../assets/graph-shown.svg" alt="">'],
)
def test_an_image_without_alternative_text_fails(image):
    """M20: an image whose alternative text was emptied."""
    text = (
        PAGES["en"]
        .read_text(encoding="utf-8")
        .replace("## Its gradient", f"{image}\n\n## Its gradient")
    )
    [problem] = image_text(parse_page(PAGES["en"], text, EXPANDER))
    line = text.split(image)[0].count("\n") + 1
    assert problem == (
        f"tests/fixtures/claims/en/lessons/stated.md:{line}: the image "
        "../assets/graph-shown.svg has no alternative text\n  fix: describe what it shows, "
        "in the page's language: "
        "![The graph of out, top to bottom: ...]"
    )
    described = text.replace(image, "![The graph of out](../assets/graph-shown.svg)")
    assert image_text(parse_page(PAGES["en"], described, EXPANDER)) == []


@pytest.mark.parametrize("space", [" ", "\n"])
def test_a_space_before_a_note_to_the_checks_fails(space):
    """The comment is hidden, the space before it is not: the reader would see "-4 ;"."""
    note = "$-4$<!-- printed in #setup -->;"
    [problem] = comment_spacing(page("en", note, note.replace("<!--", space + "<!--")))
    assert problem == (
        f"tests/fixtures/claims/en/lessons/stated.md:{line_of('en', note) + (space == chr(10))}: "
        "a space before this comment shows before the ';' after it\n  fix: write the comment "
        "right after its value, with no space: `4.7213<!-- printed in #setup -->,`"
    )
    assert comment_spacing(page("en")) == []
    # Before a word, the space is the sentence's own: "the derivative at 0 <!-- ... --> is".
    assert comment_spacing(page("en", note, note.replace("<!--", " <!--")[:-1] + " and")) == []


# A section that prints True, False and None would print any literal the prose could be changed
# to: there a literal is bound to the line that prints it (tools/printed_lines.py).
LINES = {lang: FIXTURE / lang / "lessons" / "lines.md" for lang in ("es", "en")}
LITERAL_LINES = [
    (  # the expression named right before it
        "`x.is_leaf` is `True`",
        "`x.is_leaf` is `False`",
        "`x.is_leaf` vale `True`",
        "`x.is_leaf` vale `False`",
        "False, but the print arguments naming `x.is_leaf` show `True`",
    ),
    (  # the line its sentence names
        "(`None`)",
        "(`False`)",
        "(`None`)",
        "(`False`)",
        "False, but the output line the sentence names is `None True`",
    ),
    (  # neither: any literal would pass
        "`x.is_leaf` is `True`",
        "its first value is `True`",
        "`x.is_leaf` vale `True`",
        "su primer valor es `True`",
        "True, but its section prints True, False and None, so any of them would pass here",
    ),
]


@pytest.mark.parametrize(("old_en", "new_en", "old_es", "new_es", "said"), LITERAL_LINES)
def test_a_literal_not_on_its_line_fails_the_page_check(
    tmp_path, old_en, new_en, old_es, new_es, said
):
    for lang in LINES:
        assert claims.problems(parse_page(LINES[lang], None, EXPANDER)) == []
    for lang, old, new in (("en", old_en, new_en), ("es", old_es, new_es)):
        for other in LINES:  # both languages, so that (a) has nothing to say
            copy = tmp_path / other / "lessons" / "lines.md"
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(LINES[other].read_text(encoding="utf-8"), encoding="utf-8")
        page = tmp_path / lang / "lessons" / "lines.md"
        text = page.read_text(encoding="utf-8")
        assert old in text
        page.write_text(text.replace(old, new, 1), encoding="utf-8")
        twin = tmp_path / ("es" if lang == "en" else "en") / "lessons" / "lines.md"
        other_old, other_new = (old_es, new_es) if lang == "en" else (old_en, new_en)
        twin.write_text(twin.read_text(encoding="utf-8").replace(other_old, other_new, 1))
        # the page's own doc test, as `make check LESSON=...` runs it
        [check] = [
            e
            for e in PageSybil(EXPANDER).parse(page).examples()
            if e.region.parsed == "stated-values"
        ]
        with pytest.raises(SybilFailure) as failure:
            check.evaluate()
        line = LINES[lang].read_text(encoding="utf-8").split(old)[0].count("\n") + 1
        assert str(failure.value).count(f"{page}:") == 1
        assert f"lines.md:{line}: the prose states {said}" in str(failure.value)
        assert "\n  fix: " in str(failure.value)
