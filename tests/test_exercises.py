"""Every exercise keeps its notebook check or says why not, and no check accepts a value the
learner already had (tools/exercises.py). The real pages run this as their doc test
`...::exercise-checks`; here, each guard fails on a broken copy of a fixture lesson."""

from pathlib import Path

import pytest

from tools.exercises import items, problems
from tools.pages import Expander, parse_page

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = FIXTURES / "exercises" / "en" / "lessons" / "exercises.md"
EXPANDER = Expander(FIXTURES / "exercises" / "snippets")
MODULE = "tests/fixtures/exercises/snippets/lessons/exercises.py"
THIRD = "3. Move the weights halfway to the target's rounding."


def broken(old: str = "", new: str = ""):
    text = PAGE.read_text(encoding="utf-8")
    assert old in text
    return parse_page(PAGE, text.replace(old, new, 1), EXPANDER)


def line(text: str) -> int:
    return PAGE.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_the_fixture_lesson_passes():
    page = broken()
    assert problems(page) == []
    marked = {e.number: (e.no_check, e.asked) for e in items(page)}
    assert marked == {1: (None, ()), 2: ("the answer is an error", ()), 3: (None, ())}


def test_an_exercise_that_loses_its_binding_fails_naming_it():  # M16
    page = broken('exercises.py:exercise-1"', 'exercises.py:exercise-1-unbound"')
    [problem] = problems(page)
    assert problem == (
        f"tests/fixtures/exercises/en/lessons/exercises.md:{line('1. Double the weights.')}: "
        f"exercise 1 has no check in the notebook: its solution ({MODULE}:16, "
        "lessons/exercises.py:exercise-1-unbound) binds no `answer`; fix: bind the answer there "
        "(`answer = ...`), or, if its answer is not a value, say why under the question: "
        "<!-- no-check: <why, e.g. the answer is an error> -->"
    )


def test_an_unchecked_exercise_must_say_why():
    [problem] = problems(broken("    <!-- no-check: the answer is an error -->\n", ""))
    assert "exercises.md:34: exercise 2 has no check in the notebook" in problem
    assert f"its solution ({MODULE}:21, lessons/exercises.py:exercise-2) binds no" in problem
    [problem] = problems(broken("no-check: the answer is an error", "no-check:"))
    assert problem.endswith(
        "exercises.md:36: exercise 2's `no-check` mark gives no reason; fix: say why it has no "
        "check, <!-- no-check: <why, e.g. the answer is an error> -->"
    )


def test_a_checked_exercise_marked_unchecked_fails():
    page = broken(
        "1. Double the weights.\n", "1. Double the weights.\n\n    <!-- no-check: why -->\n"
    )
    [problem] = problems(page)
    assert problem.endswith(
        "exercises.md:20: exercise 1 is marked `no-check` but its solution binds `answer`; fix: "
        "remove the mark (its notebook checks it)"
    )


def test_a_check_that_accepts_the_target_copied_fails():  # custom-function exercise 4
    [problem] = problems(broken('exercises.py:exercise-3"', 'exercises.py:exercise-3-copied"'))
    assert problem == (
        f"tests/fixtures/exercises/en/lessons/exercises.md:{line(THIRD)}: "
        "exercise 3's check accepts `answer = target`, which the lesson held before the "
        "exercise: copied, not computed, it is called correct; fix: make the answer something "
        "the learner computes (e.g. the trained weights, not the target)"
    )


@pytest.mark.parametrize(
    ("mark", "said"),
    [
        ("<!-- check: requires_grad, dtype -->", None),
        ("<!-- check: colour -->", "exercise 1's `check` mark names colour; fix: name some of "),
    ],
)
def test_what_a_question_asks_about_is_named(mark, said):
    page = broken("1. Double the weights.\n", f"1. Double the weights.\n\n    {mark}\n")
    found = problems(page)
    if said is None:
        assert found == []
        assert items(page)[0].asked == ("requires_grad", "dtype")
    else:
        [problem] = found
        assert said in problem
