"""One term per concept: no page uses a variant that STYLE.md's term table bans (tools/terms.py)."""

from pathlib import Path

from tools.pages import all_pages
from tools.terms import problems, rules

FIXTURE = Path(__file__).parent / "fixtures" / "style"


def test_pages_use_the_terms_of_the_style_guide():
    assert rules(), "STYLE.md has no term table"
    found = problems(all_pages())
    assert not found, "\n".join(found)


def test_banned_variants_fail_naming_file_line_and_term():
    pages = sorted(FIXTURE.rglob("*.md"))
    pages.remove(FIXTURE / "STYLE.md")
    found = problems(pages, FIXTURE / "STYLE.md")
    assert found == [
        "tests/fixtures/style/en/page.md:3: 'Let us' is not the site's term (STYLE.md bans "
        "'let us')\n  fix: write let's",
        "tests/fixtures/style/en/page.md:3: 'vector Jacobian product' is not the site's term "
        "(STYLE.md bans 'vector Jacobian product')\n  fix: write vector-Jacobian product",
        # the description, the title (once, as the longer variant) and an admonition title:
        "tests/fixtures/style/es/lessons/page.md:2: 'rastrea' is not the site's term "
        "(STYLE.md bans 'rastre*')\n  fix: write registrar",
        "tests/fixtures/style/es/lessons/page.md:5: 'Dejar de rastrear' is not the site's term "
        "(STYLE.md bans 'dejar de rastrear')\n  fix: write registrar",
        # a capital letter bans that spelling only; the glossary heading may name the variant
        "tests/fixtures/style/es/lessons/page.md:7: 'producto vector-Jacobiano' is not the site's "
        "term "
        "(STYLE.md bans 'producto vector-Jacobiano')\n  fix: write producto vector-jacobiano",
        "tests/fixtures/style/es/lessons/page.md:10: 'Ganchos' is not the site's term "
        "(STYLE.md bans 'gancho*')\n  fix: write *hook*",
    ]
