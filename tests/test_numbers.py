"""Numbers stated in the prose follow the outputs (tools/numbers.py) and are checked
(tools/claims.py).

The real pages are checked by their own doc tests (`docs/.../page.md::stated-values`); here the
checks are shown to fail on numbers, and `make update-outputs` to rewrite the prose after a seed
change, on the fixture lesson in fixtures/numbers/ (tests/test_claims.py has the other values).
"""

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tools import claims, numbers
from tools.outputs import stale_files, updated_text
from tools.pages import Expander, parse_page

FIXTURE = Path(__file__).parent / "fixtures" / "numbers"
PAGE = FIXTURE / "en" / "lessons" / "seeded.md"
EXPANDER = Expander(FIXTURE / "snippets")


def installed_torch() -> str:
    """The installed torch's version as the prose states it: "2.13" for 2.13.0+cpu."""
    import torch

    return ".".join(torch.__version__.split("+")[0].split(".")[:2])


def fixture_text() -> str:
    """The fixture page, stating the installed torch: it was written with 2.13, and an upgrade
    must fail only the test about versions."""
    text = PAGE.read_text(encoding="utf-8")
    return text.replace("PyTorch\n2.13", f"PyTorch\n{installed_torch()}")


def page_with(old: str = "", new: str = ""):
    """The fixture page with `old` replaced by `new`."""
    text = fixture_text()
    assert old in text
    return parse_page(PAGE, text.replace(old, new, 1), EXPANDER)


def test_fixture_quotes_are_read_and_verified():
    page = page_with()
    found = [(c.text, c.form, c.approx, c.rule) for c in claims.claims(page.path, page.text)]
    assert found == [
        ("0.7705", "plain", False, None),
        ("0.77", "plain", True, None),  # after \approx: the printed 0.7705, rounded
        ("3", "plain", False, "count"),  # followed by the noun it counts: not bound
        ("-0.4656", "plain", False, None),
        ("0.5", "plain", False, None),  # a constant of the code
        ("2^{-3}", "power", False, None),  # printed as 0.125
        (installed_torch(), "version", False, None),
    ]
    assert claims.unbound(page) == []


@pytest.mark.parametrize(
    ("old", "new", "quoted"),
    [
        ("is 0.7705", "is 0.7706", "0.7706"),
        ("$\\approx 0.77$", "$\\approx 0.78$", "0.78"),
        ("$-0.4656$", "$0.4656 \\cdot 10^{1}$", "0.4656 \\cdot 10^{1}"),
        ("scale 0.5", "scale 0.25", "0.25"),
        ("$2^{-3}$", "$2^{-4}$", "2^{-4}"),
        ("all 3 values", "all 3 values and 30.", "30"),
        ("$-0.4656$", "$0.4656$", "0.4656"),  # its sign dropped
    ],
)
def test_number_the_page_does_not_print_fails(old, new, quoted):
    [problem] = claims.unbound(page_with(old, new))
    line = 1 + PAGE.read_text(encoding="utf-8").split(old)[0].count("\n")
    assert problem.startswith(
        f"tests/fixtures/numbers/en/lessons/seeded.md:{line}: the prose states {quoted}, but no "
        "output block of this section prints it and its code does not hold it"
    )
    assert "\n  fix: state what this section prints" in problem


def test_wrong_version_fails():
    import torch

    [problem] = claims.unbound(page_with(f"PyTorch\n{installed_torch()}", "PyTorch\n1.12"))
    assert f"seeded.md:20: the prose says version 1.12, but {torch.__version__} is" in problem


@pytest.fixture
def reseeded(tmp_path) -> Path:
    """A copy of the fixture lesson whose module now seeds with 1 instead of 0."""
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    module = tmp_path / "snippets" / "en" / "lessons" / "seeded.py"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("manual_seed(0)", "manual_seed(1)"), encoding="utf-8")
    page = tmp_path / "en" / "lessons" / "seeded.md"
    page.write_text(fixture_text(), encoding="utf-8")
    return page


def test_update_outputs_rewrites_the_prose_after_a_seed_change(reseeded):
    expander = Expander(reseeded.parents[2] / "snippets")
    unresolved = []
    reseeded.write_text(updated_text(parse_page(reseeded, expander=expander), unresolved))
    assert unresolved == []
    page = parse_page(reseeded, expander=expander)
    printed = page.examples[0].output.body.splitlines()
    first, total = printed[0].split()[0].strip("tensor([,"), printed[1].strip("tensor()")
    assert first != "0.7705"  # the run changed, and the prose followed it:
    assert f"The first value is {first}, roughly $\\approx {Decimal(first):.2f}$" in page.text
    assert f"is\n${total}$" in page.text
    assert "scale 0.5" in page.text  # constants of the code stay
    assert claims.unbound(page) == []


def test_stale_number_names_what_the_run_prints_now(reseeded, monkeypatch):
    """If the prose was not rewritten (here: only the outputs were), the check says, for each
    number, where it was printed when last committed and what the run prints there now."""
    expander = Expander(reseeded.parents[2] / "snippets")
    before = parse_page(reseeded, expander=expander)
    monkeypatch.setattr(numbers, "rewrite", lambda page, bodies: ([], []))
    after = parse_page(reseeded, updated_text(before), expander)
    previous = numbers.output_bodies(before)
    problems = claims.unbound(after, lambda claim: numbers.now_printed(claim, previous, after))
    assert [problem.split(":", 2)[1] for problem in problems] == ["18", "18", "19"]
    now = after.examples[0].output.body.splitlines()
    first, total = now[0].split()[0].strip("tensor([,"), now[1].strip("tensor()")
    assert f"printed 0.7705 when last committed, and the run now prints {first} " in problems[0]
    assert "the prose states 0.77, but" in problems[1]
    assert f"printed -0.4656 when last committed, and the run now prints {total} " in problems[2]


def test_a_number_whose_block_changed_shape_is_not_rewritten():
    page = page_with("$-0.4656$", "$-1.0894$")  # printed in the tensor of the first line
    body = page.examples[0].output.body
    edits, unresolved = numbers.rewrite(page, [body.replace("-1.0894", "-1.0, 2.0")])
    assert edits == []
    assert unresolved == [
        "tests/fixtures/numbers/en/lessons/seeded.md:19: cannot rewrite -1.0894 in the prose "
        "(printed in several places that now differ, or in a block whose shape changed); "
        "fix: write the new value by hand"
    ]


def test_fixture_outputs_are_current():
    """`make update-outputs` regenerates the fixture's output block too."""
    assert stale_files([PAGE], EXPANDER) == []
