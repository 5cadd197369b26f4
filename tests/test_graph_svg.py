"""The picture of lessons/graph-shown is the real graph of the lesson's code, and is up to date."""

import contextlib
import io
import runpy
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
import torch

from tools.graph_svg import PICTURES, lesson_svgs, render, stale_problem, walk
from tools.pages import ROOT

MODULE = ROOT / "snippets" / "lessons" / "graph-shown.py"
SVG_NS = "{http://www.w3.org/2000/svg}"


def drawn_names(svg: str) -> Counter:
    """The node names a picture shows: one per <g class="node" data-name="...">."""
    root = ET.fromstring(svg)
    nodes = [g for g in root.iter(f"{SVG_NS}g") if "node" in g.get("class", "").split()]
    for node in nodes:  # each node is a box with its name in it
        assert node.find(f"{SVG_NS}rect") is not None
        assert node.find(f"{SVG_NS}text").text == node.get("data-name")
    return Counter(node.get("data-name") for node in nodes)


def real_names() -> Counter:
    """The grad_fn names of the graph the lesson's module builds, walked here independently of
    tools/graph_svg.py: every distinct node object once, named by its class."""
    with contextlib.redirect_stdout(io.StringIO()):
        namespace = runpy.run_path(str(MODULE))
    seen, pending = [], [namespace["out"].grad_fn]
    while pending:
        node = pending.pop()
        if not any(node is other for other in seen):
            seen.append(node)
            pending += [child for child, _ in node.next_functions if child is not None]
    return Counter(type(node).__name__ for node in seen)


@pytest.fixture(scope="module")
def fresh() -> dict[Path, str]:
    return lesson_svgs()


@pytest.fixture
def wrong_picture(tmp_path, fresh) -> Path:
    """A copy of the English picture in which one node has the wrong name."""
    text = fresh[PICTURES["en"]]
    assert text.count('data-name="AddBackward0"') == 1
    wrong = tmp_path / "graph-shown.svg"
    wrong.write_text(
        text.replace('data-name="AddBackward0"', 'data-name="SubBackward0"').replace(
            ">AddBackward0</text>", ">SubBackward0</text>"
        ),
        encoding="utf-8",
    )
    return wrong


def test_lesson_graph_is_what_the_lesson_says():
    assert real_names() == Counter(
        MeanBackward0=1, MulBackward0=2, AddBackward0=1, AccumulateGrad=1
    )


@pytest.mark.parametrize("lang", PICTURES)
def test_picture_shows_the_real_graph(lang):
    svg = PICTURES[lang].read_text(encoding="utf-8")
    assert drawn_names(svg) == real_names(), (
        f"{PICTURES[lang]} does not show the graph of {MODULE}; fix: run `make update-outputs`"
    )
    root = ET.fromstring(svg)
    assert root.find(f"{SVG_NS}title").text  # accessible name
    assert len(root.findall(f".//{SVG_NS}path[@class='edge']")) == 5  # y * y: two edges


@pytest.mark.parametrize("lang", PICTURES)
def test_committed_picture_equals_a_fresh_drawing(lang, fresh):
    problem = stale_problem(PICTURES[lang], fresh[PICTURES[lang]])
    assert problem is None, problem


def test_picture_with_a_wrong_node_fails(wrong_picture, fresh):
    assert drawn_names(wrong_picture.read_text(encoding="utf-8")) != real_names()
    problem = stale_problem(wrong_picture, fresh[PICTURES["en"]])
    assert problem is not None
    assert str(wrong_picture) in problem
    assert "is stale" in problem
    assert "make update-outputs" in problem


def test_missing_picture_fails(tmp_path, fresh):
    problem = stale_problem(tmp_path / "graph-shown.svg", fresh[PICTURES["en"]])
    assert "is missing" in problem
    assert "make update-outputs" in problem


def test_same_named_nodes_stay_distinct_and_a_shared_node_is_one():
    torch.manual_seed(0)
    a = torch.randn(2, requires_grad=True)
    graph = walk(((a * 2) * (a * 3)).sum().grad_fn, {"a": a})
    assert Counter(graph.names) == Counter(SumBackward0=1, MulBackward0=3, AccumulateGrad=1)
    assert len(graph.edges) == 5
    assert graph.labels == {graph.names.index("AccumulateGrad"): "a"}
    assert drawn_names(render(graph, "test")) == Counter(graph.names)
