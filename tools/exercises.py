"""A lesson's exercises: the numbered items of its `{ #exercises }` section, their solutions, the
answers the solutions bind, and the check that each one keeps its notebook check.

An exercise whose answer is a value binds it in its solution's code (`answer = ...`; in a
Spanish snippet module `respuesta`, tools/languages.py), and its notebook checks the learner's
value against it. One whose answer is not a value says why under its question:

    2. What happens if you call `out.backward()` a second time?

        <!-- no-check: the answer is an error -->

An exercise whose question asks about more than values (whether the result still requires grad,
its dtype, its type or its shape) names what, so the checker doesn't call a right value
"correct" while that differs: `<!-- check: requires_grad -->`.
"""

from __future__ import annotations

import ast
import copy
import re
import sys
from dataclasses import dataclass, field

from tools.languages import ENGLISH, LANGUAGE
from tools.pages import Page, PageError, display, parse_page, run

ADMONITION = re.compile(
    r'^(?P<indent> *)(?:\?\?\?\+?|!!!) +(?P<kind>\w+)(?: +"(?P<title>[^"]*)")? *$'
)
LIST_ITEM = re.compile(r"^(?P<number>\d+)\.\s")
MARK = re.compile(r"^\s*<!--\s*(?P<kind>no-check|check):(?P<value>.*?)-->\s*$")
ASKED = ("requires_grad", "dtype", "type", "shape")  # what `<!-- check: ... -->` may name


@dataclass
class Exercise:
    number: int
    line: int  # 0-based line of its list item
    insert_line: int  # 0-based line where the attempt and check cells go (the solution's start)
    end_line: int  # 0-based line after its solution (and the explanation that follows the code)
    solution: int | None = None  # 0-based line of its solution's admonition, if it has one
    examples: list[int] = field(default_factory=list)  # indices into page.examples
    no_check: str | None = None  # why its notebook doesn't check it
    asked: tuple[str, ...] = ()  # what its question asks about besides values
    marks: list[tuple[int, str, str]] = field(default_factory=list)  # (line, kind, value)


def line_of(text: str, offset: int) -> int:
    """0-based index of the line holding `offset`."""
    return text.count("\n", 0, offset)


def items(page: Page) -> list[Exercise]:
    """Every numbered item of the page's `{ #exercises }` section, with the examples in it."""
    start = next((h for h in page.headings if h.anchor == "exercises"), None)
    if start is None:
        return []
    lines = page.text.splitlines()
    end = next(
        (h.line - 1 for h in page.headings if h.line > start.line and h.level <= start.level),
        len(lines),
    )
    firsts = [
        (i, int(m["number"])) for i in range(start.line, end) if (m := LIST_ITEM.match(lines[i]))
    ]
    found = []
    for position, (first, number) in enumerate(firsts):
        last = firsts[position + 1][0] if position + 1 < len(firsts) else end
        inside = [
            k
            for k, example in enumerate(page.examples)
            if first <= line_of(page.text, example.start) < last
        ]
        code_line = line_of(page.text, page.examples[inside[0]].start) if inside else last
        solution = next((i for i in range(first, code_line) if ADMONITION.match(lines[i])), None)
        exercise = Exercise(number, first, code_line if solution is None else solution, last)
        exercise.examples, exercise.solution = inside, solution
        if solution is not None:  # the solution ends where its admonition's indent does
            indent = len(ADMONITION.match(lines[solution])["indent"])
            exercise.end_line = next(
                (
                    i
                    for i in range(solution + 1, last)
                    if lines[i].strip() and len(lines[i]) - len(lines[i].lstrip(" ")) <= indent
                ),
                last,
            )
        for i in range(first, last):
            mark = MARK.match(lines[i])
            if mark:
                exercise.marks.append((i, mark["kind"], mark["value"].strip()))
                if mark["kind"] == "no-check":
                    exercise.no_check = mark["value"].strip()
                else:
                    exercise.asked += tuple(v.strip() for v in mark["value"].split(","))
        found.append(exercise)
    return found


def exercises(page: Page) -> list[Exercise]:
    """The exercises that have code: the notebook gives each its cells."""
    return [exercise for exercise in items(page) if exercise.examples]


def answer_name(page: Page) -> str:
    """The name an exercise's solution binds its answer to, in the page's language
    (tools/languages.py); English for a page outside a language's folder."""
    return LANGUAGE.get(page.lang or "", ENGLISH).answer


@dataclass
class Run:
    answers: dict[int, object]  # exercise number -> the answer its solution binds
    before: dict[int, dict[str, object]]  # exercise number -> the lesson's values at its start


CACHE: dict[tuple, Run] = {}  # one run per page and code, shared by the checks and the notebook


def run_exercises(page: Page) -> Run:
    """The page run top to bottom in one namespace, as the doc tests and the notebook do: each
    exercise's answer, and the values the lesson (not an earlier solution) left in names
    before it, such as a target the question gives."""
    key = (str(page.path), page.text, tuple(p.code for e in page.examples for p in e.pieces))
    if key in CACHE:
        return CACHE[key]
    name = answer_name(page)
    by_example = {k: exercise for exercise in exercises(page) for k in exercise.examples}
    namespace: dict = {}
    lesson: set[str] = set()  # names the lesson's own code bound last
    result = Run({}, {})
    for index, example in enumerate(page.examples):
        exercise = by_example.get(index)
        if exercise is not None and index == exercise.examples[0]:
            namespace.pop(name, None)
            result.before[exercise.number] = values({k: namespace[k] for k in lesson})
        bound = {key: id(value) for key, value in namespace.items()}
        run(example, namespace)
        changed = {key for key, value in namespace.items() if bound.get(key) != id(value)}
        lesson = (lesson | changed) if exercise is None else (lesson - changed)
        lesson &= set(namespace)
        if exercise is not None and index == exercise.examples[-1] and name in namespace:
            result.answers[exercise.number] = namespace[name]
    if len(CACHE) > 8:
        CACHE.clear()
    CACHE[key] = result
    return result


def values(names: dict[str, object]) -> dict[str, object]:
    """Copies of what a learner could hand in without computing anything: the data in the
    names (tensors, numbers, lists...) and each tensor's `.grad`."""
    found = {}
    for key, value in names.items():
        if key.startswith("_"):
            continue
        if is_tensor(value):
            found[key] = value.detach().clone()
            if value.is_leaf and value.grad is not None:
                found[f"{key}.grad"] = value.grad.detach().clone()
        elif is_data(value):
            found[key] = copy.deepcopy(value)
    return found


def is_tensor(value: object) -> bool:
    # Nothing is a tensor before torch is imported: the site's build reads exercises without it
    # (importing torch was a fifth of a build).
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(value, torch.Tensor)


def is_data(value: object) -> bool:
    if value is None or isinstance(value, (bool, int, float, complex, str)):
        return True
    if isinstance(value, (list, tuple)):
        return all(is_data(item) or is_tensor(item) for item in value)
    if isinstance(value, dict):
        return all(is_data(item) or is_tensor(item) for item in value.values())
    return False


def binds(page: Page, exercise: Exercise, name: str) -> bool:
    """Whether the exercise's code assigns `name` anywhere (read from its source)."""
    for index in exercise.examples:
        for piece in page.examples[index].pieces:
            for node in ast.walk(ast.parse(piece.code)):
                if (
                    isinstance(node, ast.Name)
                    and node.id == name
                    and isinstance(node.ctx, ast.Store)
                ):
                    return True
    return False


def problems(page: Page) -> list[str]:
    """Every exercise keeps its notebook check, or says why not; no check accepts a value the
    learner already had before the exercise."""
    found = items(page)
    if not found:
        return []
    name, where = answer_name(page), display(page.path)
    mark_fix = "<!-- no-check: <why, e.g. the answer is an error> -->"
    result = []
    for exercise in found:
        line = exercise.line + 1
        for mark_line, kind, value in exercise.marks:
            wrong = [v for v in exercise.asked if v not in ASKED] if kind == "check" else []
            if kind == "no-check" and not value:
                result.append(
                    f"{where}:{mark_line + 1}: exercise {exercise.number}'s `no-check` mark gives "
                    f"no reason; fix: say why it has no check, {mark_fix}"
                )
            if wrong:
                result.append(
                    f"{where}:{mark_line + 1}: exercise {exercise.number}'s `check` mark names "
                    f"{', '.join(wrong)}; fix: name some of {', '.join(ASKED)}, comma-separated"
                )
        bound = binds(page, exercise, name)
        if exercise.no_check is not None and bound:
            result.append(
                f"{where}:{line}: exercise {exercise.number} is marked `no-check` but its "
                f"solution binds `{name}`; fix: remove the mark (its notebook checks it)"
            )
        elif exercise.no_check is None and not bound:
            section = solution_section(page, exercise)
            result.append(
                f"{where}:{line}: exercise {exercise.number} has no check in the notebook: "
                f"{section} binds no `{name}`; fix: bind the answer there (`{name} = ...`), or, "
                f"if its answer is not a value, say why under the question: {mark_fix}"
            )
    result += twin_problems(page, found)
    checked = [e for e in found if e.no_check is None and binds(page, e, name)]
    if checked:
        result += copied_answers(page, checked, name)
    return result


def twin_problems(page: Page, found: list[Exercise]) -> list[str]:
    """The other languages' page marks the same exercises the same way: its notebook checks the
    same exercises, as strictly."""
    result = []
    for other in LANGUAGE:
        twin = page.path.parent.parent.parent / other / page.path.parent.name / page.path.name
        if other == page.lang or not twin.exists():
            continue
        try:
            theirs = {e.number: e for e in items(parse_page(twin))}
        except PageError:  # its own doc test says why
            continue
        for exercise in found:
            mine = (exercise.no_check is not None, sorted(exercise.asked))
            twin_exercise = theirs.get(exercise.number)
            if twin_exercise and mine != (
                twin_exercise.no_check is not None,
                sorted(twin_exercise.asked),
            ):
                result.append(
                    f"{display(page.path)}:{exercise.line + 1}: exercise {exercise.number} is "
                    f"marked otherwise than in {display(twin)}:{twin_exercise.line + 1}; fix: give "
                    "both languages the same `no-check` and `check` marks"
                )
    return result


def solution_section(page: Page, exercise: Exercise) -> str:
    if not exercise.examples:
        return "its solution has no code, so it"
    piece = page.examples[exercise.examples[-1]].pieces[-1]
    return f"its solution ({display(piece.file)}:{piece.first_line - 1}, {piece.target})"


def copied_answers(page: Page, checked: list[Exercise], name: str) -> list[str]:
    """A check that a name the lesson bound already passes is no check: `answer = target`."""
    from tools import (
        checker,  # here, not above: it imports torch, which the site's build never needs
    )

    ran = run_exercises(page)
    result = []
    for exercise in checked:
        if exercise.number not in ran.answers:
            result.append(
                f"{display(page.path)}:{exercise.line + 1}: exercise {exercise.number}'s solution "
                f"binds `{name}` only in code that didn't run; fix: bind it in every run"
            )
            continue
        want = ran.answers[exercise.number]
        for copied, value in ran.before.get(exercise.number, {}).items():
            if checker.judge(value, want, exercise.asked)[0] == "correct":
                result.append(
                    f"{display(page.path)}:{exercise.line + 1}: exercise {exercise.number}'s "
                    f"check accepts `{name} = {copied}`, which the lesson held before the "
                    f"exercise: copied, not computed, it is called correct; fix: make the answer "
                    f"something the learner computes (e.g. the trained weights, not the target)"
                )
    return result
