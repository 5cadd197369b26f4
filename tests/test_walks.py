"""The backward walks (tools/walks.py): each figure holds a fresh run of its lesson's code, in the
engine's own order, with the values the page prints; one altered value is caught, and the figure's
marks stay legible on both palettes."""

import ast
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from test_graphs import SLATE, WHITE, contrast

from tools import graphs, walks
from tools.hooks import walk_figures
from tools.installed import GRAPHVIZ, require
from tools.pages import DOCS, LANGUAGES, parse_page, site_config

FIXTURES = Path(__file__).parent / "fixtures" / "walks"
CSS = DOCS / "es" / "assets" / "walk" / "walk.css"
CASES = [(walk, lang) for walk in walks.WALKS for lang in LANGUAGES]
IDS = [f"{walk.stem}-{lang}" for walk, lang in CASES]


@pytest.fixture(scope="module")
def fresh() -> tuple[dict[Path, str], dict[Path, dict]]:
    require(shutil.which("dot") is not None, GRAPHVIZ)  # Graphviz draws them, or SKIP_GRAPHVIZ=1
    return walks.figure_svgs()


def committed(walk: walks.Walk, lang: str = "en") -> dict:
    return walks.committed_data(walk.path(lang))


def outputs(lang: str, lesson: str) -> list[str]:
    """Every line the lesson's output blocks print."""
    page = parse_page(DOCS / lang / "lessons" / f"{lesson}.md")
    return [line for e in page.examples if e.output for line in e.output.body.splitlines()]


@pytest.mark.parametrize(("walk", "lang"), CASES, ids=IDS)
def test_committed_figure_holds_a_fresh_run(walk, lang, fresh):
    assert walks.value_problems(walk.path(lang), fresh[1][walk.path(lang)], walk.lesson) == []


@pytest.mark.parametrize(("walk", "lang"), CASES, ids=IDS)
def test_committed_drawing_equals_a_fresh_drawing(walk, lang, fresh):
    problem = graphs.stale_problem(walk.path(lang), fresh[0][walk.path(lang)])
    assert problem is None, problem


def test_a_figure_with_one_altered_value_fails(fresh):
    """tests/fixtures/walks/backward-walk.svg is docs/en/assets/backward-walk.svg with the
    gradient that the `* 2` node sends changed by hand (0.6667 to 0.6676, its second value).
    When the walk's data changes on purpose, copy the figure there and change that value again."""
    fixture = FIXTURES / "backward-walk.svg"
    problems = walks.value_problems(fixture, fresh[1][walks.WALKS[0].path("en")], "backward")
    assert problems == [
        "tests/fixtures/walks/backward-walk.svg: step 2 (MulBackward0 z): sent[0].value: the "
        'figure shows "tensor([0.6667, 0.6676, 0.6667])", the code gives '
        '"tensor([0.6667, 0.6667, 0.6667])" now; fix: run `make update-outputs LESSON=backward` '
        "(never edit a figure by hand)"
    ]
    assert graphs.stale_problem(fixture, fresh[0][walks.WALKS[0].path("en")]) is not None


def test_a_missing_figure_fails(tmp_path, fresh):
    [problem] = walks.value_problems(
        tmp_path / "x.svg", fresh[1][walks.WALKS[0].path("en")], "backward"
    )
    assert "x.svg is missing; fix: run `make update-outputs LESSON=backward`" in problem


@pytest.mark.parametrize("lang", LANGUAGES)
def test_order_is_the_one_the_page_prints_with_hooks(lang):
    """From-scratch's exercise 4 prints the order of the engine, found with its own hooks."""
    page = parse_page(DOCS / lang / "lessons" / "from-scratch.md")
    [example] = [
        e for e in page.examples if e.includes == [f"{lang}/lessons/from-scratch.py:exercise-4"]
    ]
    data = committed(walks.WALKS[1], lang)
    assert [data["nodes"][step["node"]]["name"] for step in data["steps"]] == ast.literal_eval(
        example.output.body
    )


@pytest.mark.parametrize("walk", walks.WALKS, ids=[w.stem for w in walks.WALKS])
def test_each_node_runs_once_after_every_node_that_sends_to_it(walk):
    data = committed(walk)
    order = [step["node"] for step in data["steps"]]
    assert sorted(order) == list(range(len(data["nodes"])))
    for position, step in enumerate(data["steps"]):
        for sent in step["sent"]:
            assert order.index(sent["to"]) > position


def numbers(value: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+\.\d*", value.partition("dtype")[0])]


@pytest.mark.parametrize("walk", walks.WALKS, ids=[w.stem for w in walks.WALKS])
def test_each_node_receives_the_sum_of_what_was_sent_to_it(walk):
    data = committed(walk)
    for step in data["steps"][1:]:
        sent = [s["value"] for e in data["steps"] for s in e["sent"] if s["to"] == step["node"]]
        total = [sum(column) for column in zip(*map(numbers, sent), strict=True)]
        assert total == pytest.approx(numbers(step["received"][0]), abs=2e-4)


@pytest.mark.parametrize(("walk", "lang"), CASES, ids=IDS)
def test_leaves_grad_is_what_the_page_prints(walk, lang):
    data = committed(walk, lang)
    filled = [step["grad"] for step in data["steps"] if "grad" in step]
    assert len(filled) == len([node for node in data["nodes"] if "grad" in node]) > 0
    printed = outputs(lang, walk.lesson)
    assert [grad for grad in filled if grad not in printed] == []


@pytest.mark.parametrize(("walk", "lang"), CASES, ids=IDS)
def test_each_walk_is_shown_by_its_lesson(walk, lang):
    page = DOCS / lang / "lessons" / f"{walk.lesson}.md"
    assert walk in walks.page_walks(page.read_text(encoding="utf-8"))


def css_rule(selector: str) -> dict[str, str]:
    found = re.search(re.escape(selector) + r"\s*\{(?P<body>[^}]*)\}", CSS.read_text())
    assert found, f"{CSS} has no rule {selector}"
    return dict(re.findall(r"([\w-]+):\s*([^;]+);", found["body"]))


def test_marks_are_legible_on_both_palettes():
    """A node's text on the fill of a node that runs or ran (4.5:1); the outlines of the nodes
    that run and ran, and the gradients on their way, against both page backgrounds (3:1)."""
    texts = [graphs.NODE_ATTRS["fontcolor"], graphs.LEAF_ATTRS["fontcolor"]]
    for state in ("walk-current", "walk-done"):
        fill = css_rule(f".walk g.node.{state} > path")["fill"]
        assert min(contrast(text, fill) for text in texts) >= 4.5, state
    strokes = [
        css_rule(".walk g.node.walk-current > path")["stroke"],
        css_rule(".walk g.node.walk-done > path")["stroke"],
        css_rule(".walk g.edge.walk-sending > path")["stroke"],
    ]
    for stroke in strokes:
        assert min(contrast(stroke, page) for page in (WHITE, SLATE)) >= 3, stroke


def test_a_language_without_the_figure_texts_fails_naming_them():
    texts = site_config()["extra"]["walk"]
    del texts["next"]
    with pytest.raises(PluginError, match=r"backward-walk\.svg .* extra\.walk texts next; fix"):
        walk_figures.figure(FIXTURES / "backward-walk.svg", "alt", texts)
