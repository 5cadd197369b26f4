"""The graph pictures (tools/graphs.py): each shows the real graph of its lesson's code, legibly,
in each language, self-contained, deterministic, and up to date."""

import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
import torch

from tools import graphs
from tools.graphs import PICTURES, lesson_namespace, render, stale_problem, walk
from tools.installed import GRAPHVIZ, require

SVG = "{http://www.w3.org/2000/svg}"
BY_STEM = {picture.stem: picture for picture in PICTURES}
WHITE, SLATE = "#ffffff", "#1e2029"  # Material's light page, and its slate (dark) page


# --- what a picture draws, read back from the SVG ---------------------------------------------


def groups(root, kind: str) -> list:
    return [g for g in root.iter(f"{SVG}g") if kind in g.get("class", "").split()]


def drawn(svg: str) -> tuple[Counter, Counter]:
    """(node names, (from, to) name pairs) as drawn: a node's name is its box's first line."""
    root = ET.fromstring(svg)
    texts = {g.get("id"): [t.text for t in g.iter(f"{SVG}text")] for g in groups(root, "node")}
    names = Counter(lines[0] for lines in texts.values())
    edges = Counter(
        (texts[g.get("data-from")][0], texts[g.get("data-to")][0]) for g in groups(root, "edge")
    )
    return names, edges


def outline(group):
    """A node's or cluster's outline: its path or polygon."""
    shape = group.find(f"{SVG}path")
    return shape if shape is not None else group.find(f"{SVG}polygon")


def box(group) -> tuple[float, float, float, float]:
    """The bounding box of a node's or cluster's outline."""
    shape = outline(group)
    numbers = [
        float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape.get("d") or shape.get("points"))
    ]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def inside(inner, outer) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


# --- the real graphs, walked here independently of tools/graphs.py -----------------------------


def real_grad_fn_graph(root) -> tuple[Counter, Counter]:
    """Every distinct node object under `root` once, named by its class, and its edges."""
    seen, pending = [], [root]
    while pending:
        node = pending.pop()
        if node is not None and not any(node is other for other in seen):
            seen.append(node)
            pending += [child for child, _ in node.next_functions]
    names = Counter(type(node).__name__ for node in seen)
    edges = Counter(
        (type(node).__name__, type(child).__name__)
        for node in seen
        for child, _ in node.next_functions
        if child is not None
    )
    return names, edges


def real_value_graph(root, namespace) -> tuple[Counter, Counter]:
    """The from-scratch engine's Values under `root`: an operation's node is named by its `_op`,
    a leaf by its variable's name."""
    leaves = {id(v): k for k, v in namespace.items() if k in ("x", "w", "b")}
    seen, pending = [], [root]
    while pending:
        value = pending.pop()
        if not any(value is other for other in seen):
            seen.append(value)
            pending += list(value._parents)

    def name(value):
        return value._op if value._parents else leaves[id(value)]

    edges = Counter((name(v), name(p)) for v in seen for p in v._parents)
    return Counter(name(v) for v in seen), edges


@pytest.fixture(scope="module")
def namespaces() -> dict[str, dict]:
    """Each picture's namespace from the English module; `localized` has both languages'."""
    return {picture.stem: lesson_namespace(picture.sections, "en") for picture in PICTURES}


@pytest.fixture(scope="module")
def localized(namespaces) -> dict[tuple[str, str], dict]:
    spanish = {(p.stem, "es"): lesson_namespace(p.sections, "es") for p in PICTURES}
    return {**{(stem, "en"): ns for stem, ns in namespaces.items()}, **spanish}


@pytest.fixture(scope="session")
def dot() -> None:
    """Graphviz draws the pictures: without it, fail with the fix (or SKIP_GRAPHVIZ=1 skips)."""
    require(shutil.which("dot") is not None, GRAPHVIZ)


@pytest.fixture(scope="module")
def fresh(dot) -> dict[Path, str]:
    return graphs.lesson_svgs()


def real_graph(stem: str, namespace: dict) -> tuple[Counter, Counter]:
    if stem in ("graph", "graph-shown"):
        return real_grad_fn_graph(namespace["out"].grad_fn)
    if stem == "from-scratch-values":
        return real_value_graph(namespace["loss"], namespace)
    if stem == "from-scratch-torch":
        return real_grad_fn_graph(namespace["loss_t"].grad_fn)
    if stem == "memory-checkpoint":
        return real_grad_fn_graph(namespace["loss"].grad_fn)
    raise AssertionError(f"no independent walk for the picture {stem}: add one here")


CASES = [(picture, lang) for picture in PICTURES for lang in ("es", "en")]
IDS = [f"{picture.stem}-{lang}" for picture, lang in CASES]


# --- the tests --------------------------------------------------------------------------------


def test_graph_shown_is_the_graph_its_lesson_describes(namespaces):
    names, edges = real_grad_fn_graph(namespaces["graph-shown"]["out"].grad_fn)
    assert names == Counter(MeanBackward0=1, MulBackward0=2, AddBackward0=1, AccumulateGrad=1)
    assert edges[("MulBackward0", "AddBackward0")] == 2  # y * y: two edges to one node


def test_from_scratch_pictures_show_the_same_expression(namespaces):
    """The engine's graph and PyTorch's for loss = f(x, w, b): one node per operation each."""
    engine, _ = real_value_graph(
        namespaces["from-scratch-values"]["loss"], namespaces["from-scratch-values"]
    )
    torch_graph, _ = real_grad_fn_graph(namespaces["from-scratch-torch"]["loss_t"].grad_fn)
    assert engine == Counter({"**2": 1, "+": 2, "tanh": 1, "*": 1, "x": 1, "w": 1, "b": 1})
    assert torch_graph == Counter(
        PowBackward0=1, AddBackward0=2, TanhBackward0=1, MulBackward0=1, AccumulateGrad=3
    )


@pytest.mark.parametrize(("picture", "lang"), CASES, ids=IDS)
def test_committed_picture_shows_the_real_graph(picture, lang, localized):
    svg = picture.path(lang).read_text(encoding="utf-8")
    assert drawn(svg) == real_graph(picture.stem, localized[(picture.stem, lang)]), (
        f"{picture.path(lang)} does not show the graph of {picture.sections[-1]}; "
        "fix: run `make update-outputs`"
    )


@pytest.mark.parametrize(("picture", "lang"), CASES, ids=IDS)
def test_picture_is_titled_in_its_language_and_self_contained(picture, lang):
    text = picture.path(lang).read_text(encoding="utf-8")
    root = ET.fromstring(text)
    title = root.find(f"{SVG}title")
    assert title.text == picture.titles[lang]
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == title.get("id")
    assert "<!--" not in text  # Graphviz's comments name its version
    for forbidden in ("<script", "<image", "<foreignObject", "url(", "@import", "href="):
        assert forbidden not in text, f"{picture.path(lang)} refers outside itself: {forbidden}"


def contrast(one: str, other: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(one), luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("picture", PICTURES, ids=[p.stem for p in PICTURES])
def test_picture_is_legible_on_light_and_dark_pages(picture):
    """Every text sits on its node's or cluster's own fill (WCAG AA, 4.5:1); edges stand out from
    both page backgrounds (3:1, for graphics); the background itself is transparent."""
    root = ET.fromstring(picture.path("en").read_text(encoding="utf-8"))
    (background,) = groups(root, "graph")
    assert all(p.get("fill") == "transparent" for p in background.findall(f"{SVG}polygon"))
    for group in groups(root, "node") + groups(root, "cluster"):
        shape = outline(group)
        for text in group.iter(f"{SVG}text"):
            assert contrast(text.get("fill"), shape.get("fill")) >= 4.5, text.text
    for edge in groups(root, "edge"):
        for shape in edge.iter():
            if shape.get("stroke") not in (None, "none"):
                assert min(contrast(shape.get("stroke"), page) for page in (WHITE, SLATE)) >= 3


def test_checkpointed_block_is_drawn_as_one_cluster(namespaces):
    """The cluster holds exactly the nodes the checkpointed block recorded: under h2.grad_fn and
    not under h.grad_fn, leaves (AccumulateGrad, never recomputed) apart."""
    namespace = namespaces["memory-checkpoint"]
    below_h, _ = real_grad_fn_graph(namespace["h"].grad_fn)
    below_h2, _ = real_grad_fn_graph(namespace["h2"].grad_fn)
    expected = below_h2 - below_h
    del expected["AccumulateGrad"]
    assert expected == Counter(AddmmBackward0=2, TanhBackward0=1, TBackward0=2)
    for lang in ("es", "en"):
        root = ET.fromstring(BY_STEM["memory-checkpoint"].path(lang).read_text(encoding="utf-8"))
        (cluster,) = groups(root, "cluster")
        label = "\n".join(text.text for text in cluster.iter(f"{SVG}text"))
        assert label == graphs.RECOMPUTED[lang]
        members = Counter(
            next(g.iter(f"{SVG}text")).text
            for g in groups(root, "node")
            if inside(box(g), box(cluster))
        )
        assert members == expected


@pytest.mark.parametrize(("picture", "lang"), CASES, ids=IDS)
def test_committed_picture_equals_a_fresh_drawing(picture, lang, fresh):
    problem = stale_problem(picture.path(lang), fresh[picture.path(lang)])
    assert problem is None, problem


@pytest.mark.usefixtures("dot")
def test_drawing_is_deterministic(namespaces):
    picture = BY_STEM["memory-checkpoint"]
    graph = picture.draw(namespaces[picture.stem])
    first = render(graph, "title", "en", picture.stem)
    assert render(graph, "title", "en", picture.stem) == first
    assert (
        render(picture.draw(lesson_namespace(picture.sections, "en")), "title", "en", picture.stem)
        == first
    )


def test_picture_of_another_graph_is_stale(tmp_path, fresh):
    """A node renamed: another graph, so another fingerprint."""
    picture = BY_STEM["graph-shown"]
    graph = picture.draw(lesson_namespace(picture.sections, "en"))
    graph.nodes[graph.names.index("AddBackward0")].name = "SubBackward0"
    wrong = tmp_path / "graph-shown.svg"
    wrong.write_text(render(graph, picture.titles["en"], "en", picture.stem), encoding="utf-8")
    problem = stale_problem(wrong, fresh[picture.path("en")])
    assert drawn(wrong.read_text(encoding="utf-8"))[0]["SubBackward0"] == 1
    assert f"{wrong} is stale:" in problem
    assert "make update-outputs" in problem


def test_picture_edited_by_hand_is_stale(tmp_path, fresh):
    """Same fingerprint, same Graphviz, other bytes: edited after drawing."""
    expected = fresh[BY_STEM["graph-shown"].path("en")]
    edited = tmp_path / "graph-shown.svg"
    edited.write_text(expected.replace('fill="#e8eaf6"', 'fill="#ffffff"'), encoding="utf-8")
    problem = stale_problem(edited, expected)
    assert "differs from a fresh drawing" in problem
    assert "make update-outputs" in problem


def test_picture_drawn_by_another_graphviz_is_not_stale(tmp_path, fresh):
    """Same graph drawn by another Graphviz version: other bytes, nothing to redraw."""
    expected = fresh[BY_STEM["graph-shown"].path("en")]
    other = expected.replace('data-graphviz="', 'data-graphviz="99.').replace('x="', 'x="1')
    drawn_elsewhere = tmp_path / "graph-shown.svg"
    drawn_elsewhere.write_text(other, encoding="utf-8")
    assert stale_problem(drawn_elsewhere, expected) is None


def test_missing_picture_fails(tmp_path, fresh):
    problem = stale_problem(tmp_path / "graph-shown.svg", fresh[BY_STEM["graph-shown"].path("en")])
    assert "is missing" in problem
    assert "make update-outputs" in problem


@pytest.mark.usefixtures("dot")
def test_same_named_nodes_stay_distinct_and_a_shared_node_is_one():
    torch.manual_seed(0)
    a = torch.randn(2, requires_grad=True)
    graph = walk(((a * 2) * (a * 3)).sum().grad_fn, {"a": a})
    assert Counter(graph.names) == Counter(SumBackward0=1, MulBackward0=3, AccumulateGrad=1)
    assert len(graph.edges) == 5
    assert [node.label for node in graph.nodes if node.leaf] == ["a"]
    assert drawn(render(graph, "test"))[0] == Counter(graph.names)
