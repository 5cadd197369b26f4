"""One term per concept: nothing a reader reads uses a variant STYLE.md bans (tools/terms.py).

What is read: every page (glossary included: the term an entry names in parentheses aside), the
comments, docstrings and printed strings of every snippet module, in its language, and the
notebooks' messages (tools/notebook_text.py's `TEXT`, imported). The fixtures show each kind of
rule failing with the file, the line and the term to use: the term table (a phrase, a word with
any ending, a spelling with a capital letter, an exact spelling in quotes) and the patterns
(italic `out` and a word `loss` in maths, a hyphen for a minus sign, "any more" ending a clause).
"""

import importlib.util
from pathlib import Path

from tools.pages import all_pages
from tools.terms import figures, notebook_messages, problems, rules, snippet_modules

FIXTURE = Path(__file__).parent / "fixtures" / "style"
FIX = "\n  fix: write "


def test_pages_modules_and_messages_use_the_terms_of_the_style_guide():
    assert rules(), "STYLE.md has no term table"
    modules, messages = snippet_modules(), notebook_messages()
    assert {module.parts[-3] for module in modules} == {"es", "en"}
    assert {message.lang for message in messages} == {"es", "en"}
    svgs = figures()
    assert {svg.parts[-3] for svg in svgs} == {"es", "en"}
    found = problems(all_pages(), modules=modules, messages=messages, svgs=svgs)
    assert not found, "\n".join(found)


def fixture_messages():
    """The fixture's `TEXT`, imported as tools/notebooks.py's is."""
    spec = importlib.util.spec_from_file_location("style_messages", FIXTURE / "messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return notebook_messages(module)


def fixture_problems() -> list[str]:
    pages = sorted(FIXTURE.rglob("*.md"))
    pages.remove(FIXTURE / "STYLE.md")
    modules = sorted((FIXTURE / "snippets").rglob("*.py"))
    svgs = sorted(FIXTURE.rglob("*.svg"))
    return problems(pages, FIXTURE / "STYLE.md", modules, fixture_messages(), svgs)


def banned(where: str, used: str, term: str, variant: str = "") -> str:
    """The message for a variant of the table, `used` as written (the variant, if not given)."""
    variant = variant or used
    return f"{where}: '{used}' is not the site's term (STYLE.md bans '{variant}'){FIX}{term}"


def pattern(where: str, used: str, problem: str, fix: str) -> str:
    return f"{where}: '{used}' {problem} (STYLE.md)\n  fix: {fix}"


def minus(where: str, number: str) -> str:
    fix = f"write it in maths, ${number}$, which shows a real minus sign"
    return pattern(where, number, "has a hyphen for a minus sign", fix)


ITALIC = "writes out in italics, as a product o·u·t"
BACKWARD = "pasada hacia atrás"
REQUIRES, REQUIERE = "a tensor that requires grad", "un tensor que requiere gradiente"
WORD_LOSS = "names the loss with a word"
ANY_MORE = "is British spelling for the adverb"
EN, ES = "tests/fixtures/style/en/page.md", "tests/fixtures/style/es/lessons/page.md"
MODULE = "tests/fixtures/style/snippets/{}/lessons/page.py"
MESSAGES = "tests/fixtures/style/messages.py"


def test_banned_variants_and_patterns_fail_naming_file_line_and_term():
    assert fixture_problems() == [
        banned(f"{EN}:3", "Let us", "let's", "let us"),
        banned(f"{EN}:3", "vector Jacobian product", "vector-Jacobian product"),
        # an exact spelling in quotes: "boolean", but "Boolean" passes
        banned(f"{EN}:5", "boolean", "Boolean"),
        banned(f"{EN}:5", "backward walk", "backward pass", "backward walk*"),
        pattern(f"{EN}:5", "$out$", ITALIC, r"write $\mathrm{out}$"),
        pattern(f"{EN}:6", r"$\mathrm{loss} = out^2$", WORD_LOSS, "write $L$"),
        pattern(f"{EN}:6", r"$\mathrm{loss} = out^2$", ITALIC, r"write $\mathrm{out}$"),
        # in code and maths a minus passes, and so do dates, ranges and exponents
        minus(f"{EN}:7", "-0.8"),
        # ending a clause; "any more gradients" (a quantity) passes
        pattern(f"{EN}:8", "any more", ANY_MORE, "write anymore"),
        # a glossary entry may name the other language's term in parentheses, nothing else
        # a picture's label, split over two lines as Graphviz draws it
        banned("tests/fixtures/style/es/assets/figure.svg:2", "paso hacia atrás", BACKWARD),
        banned("tests/fixtures/style/es/glossary.md:9", "paso hacia atrás", BACKWARD),
        banned(
            "tests/fixtures/style/es/glossary.md:11",
            "Paso hacia atrás",
            BACKWARD,
            "paso hacia atrás",
        ),
        # the description, the title (once, as the longer variant) and an admonition title:
        banned(f"{ES}:2", "rastrea", "registrar", "rastre*"),
        banned(f"{ES}:5", "Dejar de rastrear", "registrar", "dejar de rastrear"),
        # a capital letter bans that spelling only
        banned(f"{ES}:7", "producto vector-Jacobiano", "producto vector-jacobiano"),
        banned(f"{ES}:10", "Ganchos", "*hook*", "gancho*"),
        banned(f"{ES}:14", "paso hacia atrás", BACKWARD),
        pattern(f"{ES}:14", r"$2 \cdot out$", ITALIC, r"write $\mathrm{out}$"),
        minus(f"{ES}:14", "-0.8"),
        # notebook messages, inline code and format fields aside, with the line in the source
        banned(f"{MESSAGES}:5 (TEXT['es']['note'])", "rastrea", "registrar", "rastre*"),
        banned(f"{MESSAGES}:7 (TEXT['es']['messages']['grad'])", "requiere gradientes", REQUIERE),
        minus(f"{MESSAGES}:12 (TEXT['en']['messages']['value'])", "-0.5"),
        banned(f"{MESSAGES}:14 (TEXT['en']['messages']['grad'])", "boolean", "Boolean"),
        banned(f"{MESSAGES}:15 (TEXT['en']['messages']['grad'])", "requires gradients", REQUIRES),
        # snippet modules: a comment, a docstring, a printed label, each in its language
        banned(f"{MODULE.format('en')}:6", "require gradients", REQUIRES),
        pattern(f"{MODULE.format('en')}:6", "any more", ANY_MORE, "write anymore"),
        banned(f"{MODULE.format('en')}:7", "let us", "let's"),
        banned(f"{MODULE.format('es')}:1", "rastrea", "registrar", "rastre*"),
        banned(f"{MODULE.format('es')}:6", "paso hacia atrás", BACKWARD),
        banned(f"{MODULE.format('es')}:8", "requiere gradientes", REQUIERE),
    ]
