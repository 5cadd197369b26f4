"""The notebooks' exercise checker (tools/checker.py), tested as a module and as the cell a
notebook runs: it judges values first, like a teacher, in both languages, within a tolerance
stated here."""

import math

import pytest
import torch

from tools import checker
from tools.checker_cell import cell_source, committed_literals, keep_committed, literal
from tools.exercises import run_exercises
from tools.notebook_text import TEXT
from tools.pages import DOCS, display, parse_page, run

# The tolerance, stated: a float is right within RTOL of its size, or ATOL near zero; a value
# 1% off is wrong. test_the_tolerance_is_pinned fails if the checker's is wider or narrower.
RTOL, ATOL = 1e-4, 1e-5
RIGHT = [
    2.5,
    torch.tensor([2.3747, 0.0861, 4.7471]),
    torch.tensor([[9.2460, 0.0], [0.0, -13.0727]], dtype=torch.float64),
    [3.0, -1.0],
    {"SGD": [0.0448, 0.1790]},
]


def scaled(value, factor):
    if isinstance(value, dict):
        return {key: scaled(item, factor) for key, item in value.items()}
    if isinstance(value, list):
        return [scaled(item, factor) for item in value]
    return value * factor


def tolerance_problems() -> list[str]:
    """Where the checker's tolerance is not the one stated above, named as its place in
    tools/checker.py with the fix."""
    source = checker.__file__
    with open(source, encoding="utf-8") as file:
        line = next(n for n, text in enumerate(file, start=1) if text.startswith("RTOL ="))
    where, fix = f"{display(source)}:{line}", f"fix: RTOL = {RTOL}, ATOL = {ATOL}, as stated"
    cases = []  # (answer, right answer, whether it is right, how far off)
    for right in RIGHT:
        cases.append((scaled(right, 1.01), right, False, "1% off"))
        cases.append((scaled(right, 1 + 2 * RTOL), right, False, "off by twice RTOL"))
        cases.append((scaled(right, 1 + RTOL / 2), right, True, "off by half RTOL"))
    cases.append((2 * ATOL, 0.0, False, "off by twice ATOL"))
    cases.append((ATOL / 2, 0.0, True, "off by half ATOL"))
    problems = []
    for answer, right, correct, off in cases:
        if (checker.judge(answer, right)[0] == "correct") != correct:
            said = "rejects" if correct else "accepts"
            problems.append(f"{where}: the checker {said} {answer!r}, {off} {right!r}; {fix}")
    return problems


def test_the_tolerance_is_pinned():
    assert tolerance_problems() == []


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("RTOL", 0.05, "the checker accepts 2.525, 1% off 2.5"),  # M45b: 5% off was correct
        ("RTOL", 0.3, "1% off [3.0, -1.0]"),  # M45a
        ("RTOL", 3e-4, "accepts 2.5004999999999997, off by twice RTOL 2.5;"),  # a slight widening
        ("RTOL", 1e-5, "the checker rejects 2.500125, off by half RTOL 2.5;"),  # a narrowing
        ("ATOL", 1e-3, "the checker accepts 2e-05, off by twice ATOL 0.0"),
    ],
)
def test_a_changed_tolerance_fails_naming_its_line(monkeypatch, name, value, said):
    monkeypatch.setattr(checker, name, value)
    problems = tolerance_problems()
    assert any(said in problem for problem in problems), problems
    assert all(p.startswith("tools/checker.py:") and "fix: RTOL = 0.0001" in p for p in problems)


# The replies, word for word, in both languages.

NODE = (torch.ones(1, requires_grad=True) * 2).grad_fn
EXPECTED = {
    1: torch.tensor([1.5, -2.0, 3.25]),
    2: torch.ones(2, 2, requires_grad=True),
    3: True,
    4: 2.5,
    5: (torch.tensor(1), torch.Size([3])),
    6: None,
    7: checker.Obj("MulBackward0"),
    8: torch.tensor(7),
    9: ["MulBackward0", "PowBackward0"],
    10: {"SGD": [0.0448, 0.179]},
    11: [3.0, -1.0],
    12: torch.tensor([0.0, 1.0, 1.0, 0.0]),
}
STRICT = {2: ("requires_grad",)}
X = torch.tensor([1.0, 2.0], requires_grad=True)
REPLIES = [  # (number, answer, English reply, Spanish reply); "+" opens a "Correct!" with notes
    (1, EXPECTED[1].clone(), "Correct!", "¡Correcto!"),
    (1, EXPECTED[1] * (1 + 1e-6), "Correct!", "¡Correcto!"),
    (
        1,
        EXPECTED[1].clone().requires_grad_(),
        "+`answer` still requires grad; in the solution, it doesn't. `answer.detach()` gives "
        "the same values outside the graph.",
        "+`respuesta` todavía requiere gradiente; en la solución, no. `respuesta.detach()` da "
        "los mismos valores fuera del grafo.",
    ),
    (
        1,
        [1.5, -2.0, 3.25],
        "+`answer` is of type `list`; in the solution, a tensor. `torch.tensor(answer)` makes one.",
        "+`respuesta` es de tipo `list`; en la solución, un tensor. `torch.tensor(respuesta)` lo "
        "convierte.",
    ),
    (
        1,
        EXPECTED[1].double(),
        "+`answer` is in double precision (`torch.float64`); in the solution, in "
        "`torch.float32`, PyTorch's default.",
        "+`respuesta` está en doble precisión (`torch.float64`); en la solución, en "
        "`torch.float32`, la precisión por defecto de PyTorch.",
    ),
    (
        1,
        [torch.tensor(1.5), torch.tensor(-2.0), torch.tensor(3.25)],
        "+`answer` is a list of tensors; in the solution, a single tensor. "
        "`torch.stack(answer)` joins them.",
        "+`respuesta` es una lista de tensores; en la solución, un solo tensor. "
        "`torch.stack(respuesta)` los une.",
    ),
    (
        1,
        torch.tensor([1.5, 2.0, 3.0]),
        "Not yet. 2 of the 3 values of `answer` differ from the solution's. The first is "
        "`answer[1]`: 2 instead of -2.",
        "Todavía no. `respuesta` difiere de la solución en 2 de sus 3 valores. El primero es "
        "`respuesta[1]`, que vale 2 en vez de -2.",
    ),
    (
        1,
        torch.tensor([1.5, -2.0]),
        "Not yet. `answer` has shape (2,); in the solution, (3,).",
        "Todavía no. `respuesta` tiene forma (2,); en la solución, (3,).",
    ),
    (
        1,
        torch.tensor([[1.5, -2.0, 3.25]]),
        "+`answer` has shape (1, 3); in the solution, (3,).",
        "+`respuesta` tiene forma (1, 3); en la solución, (3,).",
    ),
    (
        2,
        torch.ones(2, 2),
        "Not yet. The values are right, but the question is about more than values. `answer` "
        "doesn't require grad; in the solution, it does.",
        "Todavía no. Los valores son correctos, pero la pregunta no trata solo de los valores. "
        "`respuesta` no requiere gradiente; en la solución, sí.",
    ),
    (
        3,
        False,
        "Not yet. `answer` is False; in the solution, True.",
        "Todavía no. `respuesta` vale False; en la solución, True.",
    ),
    (
        3,
        torch.tensor(True),
        "+`answer` is a tensor; in the solution, a Python number. `answer.item()` gives it.",
        "+`respuesta` es un tensor; en la solución, un número de Python. `respuesta.item()` lo da.",
    ),
    (
        3,
        1,
        "Not yet. `answer` is of type `int`; in the solution, of type `bool`.",
        "Todavía no. `respuesta` es de tipo `int`; en la solución, de tipo `bool`.",
    ),
    (
        4,
        2.525,
        "Not yet. `answer` is 2.525; in the solution, 2.5.",
        "Todavía no. `respuesta` vale 2.525; en la solución, 2.5.",
    ),
    (
        5,
        (1, 2, 3),
        "Not yet. `answer` has 3 elements; in the solution, 2.",
        "Todavía no. `respuesta` tiene 3 elementos; en la solución, 2.",
    ),
    (
        5,
        (torch.tensor(2), (3,)),
        "Not yet. `answer[0]` is 2; in the solution, 1.",
        "Todavía no. `respuesta[0]` vale 2; en la solución, 1.",
    ),
    (5, [torch.tensor(1), [3]], "Correct!", "¡Correcto!"),
    (
        6,
        0,
        "Not yet. `answer` is 0; in the solution, None.",
        "Todavía no. `respuesta` vale 0; en la solución, None.",
    ),
    (7, NODE, "Correct!", "¡Correcto!"),
    (
        7,
        NODE.next_functions[0][0],
        "Not yet. `answer` is of type `AccumulateGrad`; in the solution, of type `MulBackward0`.",
        "Todavía no. `respuesta` es de tipo `AccumulateGrad`; en la solución, de tipo "
        "`MulBackward0`.",
    ),
    (
        8,
        7,
        "+`answer` is of type `int`; in the solution, a tensor. `torch.tensor(answer)` makes one.",
        "+`respuesta` es de tipo `int`; en la solución, un tensor. `torch.tensor(respuesta)` lo "
        "convierte.",
    ),
    (
        9,
        [(X * X).grad_fn, (X**2).grad_fn],
        "+`answer[0]` is the node itself; in the solution, its name. `answer[0].name()` gives it.",
        "+`respuesta[0]` es el propio nodo; en la solución, su nombre. `respuesta[0].name()` lo "
        "da.",
    ),
    (
        10,
        {"Adam": [0.0448, 0.179]},
        "Not yet. `answer` has the keys ['Adam']; in the solution, ['SGD'].",
        "Todavía no. `respuesta` tiene las claves ['Adam']; en la solución, ['SGD'].",
    ),
    (
        11,
        torch.tensor([3.0, -1.0]),
        "+`answer` is a tensor; in the solution, a list. `answer.tolist()` gives it.",
        "+`respuesta` es un tensor; en la solución, una lista. `respuesta.tolist()` la da.",
    ),
    (
        12,
        torch.tensor([False, True, True, False]),
        "+`answer` is a mask of `True` and `False`; in the solution, numbers (`torch.float32`). "
        "`answer.float()` turns them into 1 and 0.",
        "+`respuesta` es una máscara de `True` y `False`; en la solución, números "
        "(`torch.float32`). `respuesta.float()` los convierte en 1 y 0.",
    ),
    (
        12,
        torch.tensor([0, 1, 1, 0]),
        "+`answer` holds integers (`torch.int64`); in the solution, floating-point numbers "
        "(`torch.float32`), the only ones that can require grad.",
        "+`respuesta` contiene enteros (`torch.int64`); en la solución, números de coma flotante "
        "(`torch.float32`), los únicos que pueden requerir gradiente.",
    ),
    (
        1,
        ...,
        "No answer yet. Write your code in the cell above, store the result in `answer` and run "
        "this cell again.",
        "Aún no hay respuesta. Escribe tu código en la celda de arriba, guarda el resultado en "
        "`respuesta` y vuelve a ejecutar esta celda.",
    ),
    (99, 1, "There is no check for exercise 99.", "El ejercicio 99 no tiene comprobación."),
]
NAMES = {"en": "answer", "es": "respuesta"}


def expected_reply(lang: str, reply: str) -> str:
    if not reply.startswith("+"):
        return reply
    return TEXT[lang].messages["details"] + "\n- " + reply[1:]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    ("number", "answer", "english", "spanish"),
    REPLIES,
    ids=[f"exercise-{r[0]}-reply-{i}" for i, r in enumerate(REPLIES)],
)
def test_the_checker_replies_like_a_teacher(lang, number, answer, english, spanish):
    reply = checker.verdict(number, answer, EXPECTED, STRICT, TEXT[lang].messages, NAMES[lang])
    assert reply == expected_reply(lang, english if lang == "en" else spanish)


def test_one_note_per_technicality():
    reply = checker.verdict(
        1, torch.tensor([[1.5, -2.0, 3.25]], dtype=torch.float64), EXPECTED, {}, TEXT["en"].messages
    )
    assert reply.splitlines() == [
        TEXT["en"].messages["details"],
        "- `answer` has shape (1, 3); in the solution, (3,).",
        "- `answer` is in double precision (`torch.float64`); in the solution, in "
        "`torch.float32`, PyTorch's default.",
    ]


def test_every_language_has_every_message():
    keys = {key for key in TEXT["en"].messages}
    assert {lang: set(text.messages) for lang, text in TEXT.items()} == dict.fromkeys(TEXT, keys)
    notes = set(checker.ABOUT)
    assert notes <= keys


# What a learner would naturally write, on the real lessons (reader.md, item 5).


def lesson(name: str) -> tuple[dict, dict]:
    """The Spanish lesson's answers, and the namespace its page leaves."""
    page = parse_page(DOCS / "es" / "lessons" / f"{name}.md")
    namespace: dict = {}
    for example in page.examples:
        run(example, namespace)
    return run_exercises(page).answers, namespace


def reply(answers: dict, number: int, answer: object) -> str:
    return checker.verdict(number, answer, answers, {}, TEXT["en"].messages)


def test_a_learners_natural_answers_are_correct():
    answers, namespace = lesson("hooks-higher-order")
    x = namespace["x"]
    hessian = torch.func.hessian(lambda t: (t**3).sum())(x)  # tracked: x requires grad
    assert reply(answers, 3, hessian).startswith(TEXT["en"].messages["details"])
    answers, namespace = lesson("backward")
    x = namespace["x"]
    assert reply(answers, 1, x**2).startswith(TEXT["en"].messages["details"])
    assert reply(answers, 3, torch.tensor([2, 2, 2])).startswith(TEXT["en"].messages["details"])
    answers, namespace = lesson("forward-mode")
    assert reply(answers, 1, 0.077).startswith(TEXT["en"].messages["details"])
    assert reply(answers, 2, answers[2].item()).startswith(TEXT["en"].messages["details"])
    answers, namespace = lesson("custom-function")
    mask = torch.tensor([-2, -0.5, 0.3, 1.0, 1.5]).abs() <= 1  # the exercise's v
    assert reply(answers, 3, mask).startswith(TEXT["en"].messages["details"])
    answers, _ = lesson("from-scratch")
    assert reply(answers, 3, torch.tensor([3.0, -1.0])).startswith(TEXT["en"].messages["details"])


def test_custom_function_exercise_4_checks_what_the_learner_computed():
    answers, namespace = lesson("custom-function")
    assert reply(answers, 4, namespace["target"]).startswith("Not yet. ")
    assert reply(answers, 4, answers[4].round()).startswith("Not yet. ")


# The checker as a notebook runs it.


def test_the_cell_runs_the_module_and_adds_one_name():
    literals = {n: literal(value) for n, value in EXPECTED.items() if n != 7}
    literals[7] = literal(NODE)
    source = cell_source(
        "Checker", "comprobar_ejercicio", "respuesta", TEXT["es"].messages, literals, STRICT
    )
    assert source.startswith("# @title Checker\n")
    assert checker.__doc__.splitlines()[0] not in source
    namespace: dict = {}
    exec(source, namespace)
    assert set(namespace) - {"__builtins__"} == {"comprobar_ejercicio"}
    replies: list[str] = []
    namespace["print"] = replies.append  # what the cell's checker prints, caught
    for number, answer, _, spanish in REPLIES:
        namespace["comprobar_ejercicio"](number, answer)
        assert replies.pop() == expected_reply("es", spanish)
    assert committed_literals(source) == literals


def test_an_answer_differing_in_its_last_bit_stays_as_committed():
    """CPUs differ in a float's last bit: a notebook generated on one machine neither drifts nor
    is rewritten on another. An answer off by more than the checker accepts is replaced."""
    tensor = torch.tensor([0.17902660369873047, 0.5])
    last_bit = tensor.clone()
    last_bit.view(torch.int32)[0] += 1
    number = 0.17902660369873047
    for right, close in [(tensor, last_bit), (number, math.nextafter(number, 1))]:
        kept = keep_committed({1: right}, {1: literal(close)})
        assert kept == {1: literal(close)} != {1: literal(right)}
        assert keep_committed({1: right}, {1: literal(close * 1.01)}) == {1: literal(right)}
    unreadable = 'T("float32", (2,), "!")'
    assert keep_committed({1: tensor}, {1: unreadable}) == {1: literal(tensor)}
