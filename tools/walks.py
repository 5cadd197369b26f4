"""Backward walks: the backward pass of a lesson's real run, one node at a time, recorded with
hooks, for the figure that steps through it (tools/hooks/walk_figures.py).

`make update-outputs` (tools/outputs.py) writes the figures (`stale_figures()`), and each lesson
page with a walk checks it (`walk-figures` in tools/page_checks.py). Nothing is typed by hand
but the one line of maths each kind of node computes (`FORMULAS`): the lesson's sections run as
a reader would run them, and when their code calls `backward()`, hooks go on every node of the
graph first. They record, in the engine's own order, what each node receives and sends, and the
leaves' `.grad` once the node that fills it has run. What each node saved is read just before
(the pass frees it). Every value is a string, as `print` shows it on the page's output blocks.

A walk's figure is one SVG per language, docs/<lang>/assets/<stem>.svg: the graph drawn by
tools/graphs.py (a plain picture in notebooks and without JavaScript), with the walk's data in
its <metadata>. Its fingerprint covers the data, so any changed value makes it stale.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import torch

from tools import graphs
from tools.pages import DOCS, LANGUAGES, display

# What each kind of node computes, in terms of what it saved: g is the gradient it receives,
# g_self (g_other) the one it sends to its input `self` (`other`), as PyTorch names them.
FORMULAS = {
    "MeanBackward0": r"g_{\text{self}} = g / \text{self_sym_numel}",
    "MulBackward0": r"g_{\text{self}} = g \cdot \text{other},"
    r"\quad g_{\text{other}} = g \cdot \text{self}",
    "AddBackward0": r"g_{\text{self}} = g,\quad g_{\text{other}} = \text{alpha} \cdot g",
    "PowBackward0": r"g_{\text{self}} = g \cdot \text{exponent} \cdot "
    r"\text{self}^{\text{exponent} - 1}",
    "TanhBackward0": r"g_{\text{self}} = g \cdot (1 - \text{result}^2)",
    "AccumulateGrad": r"\text{variable.grad} \leftarrow \text{variable.grad} + g",
}
METADATA = "{http://www.w3.org/2000/svg}metadata"


@dataclass(frozen=True)
class Walk:
    stem: str  # docs/<lang>/assets/<stem>.svg
    sections: tuple[str, ...]  # run in order; the first backward() they call is recorded
    root: str  # the tensor that backward() is called on, by its name in the lesson
    titles: dict[str, str]
    # Names for nodes whose tensor has none in the lesson's namespace (an intermediate result
    # inside a function), by their path from the root: (0, 0) is next_functions[0][0] twice.
    labels: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def path(self, lang: str) -> Path:
        return DOCS / lang / "assets" / f"{self.stem}.svg"

    @property
    def lesson(self) -> str:
        return Path(self.sections[0].partition(":")[0]).stem


WALKS = [
    Walk(
        "backward-walk",
        tuple(f"lessons/backward.py:{name}" for name in ("setup", "grad-before", "backward")),
        "out",
        {
            "es": "El grafo de out = z.mean(), que backward() recorre nodo a nodo",
            "en": "The graph of out = z.mean(), which backward() walks node by node",
        },
        {"s": (0, 0)},  # s = y * y, as the lesson names it
    ),
    Walk(
        "from-scratch-walk",
        ("lessons/from-scratch.py:expression",),
        "loss_t",
        {
            "es": "El grafo de loss_t = f(x_t, w_t, b_t), que backward() recorre nodo a nodo",
            "en": "The graph of loss_t = f(x_t, w_t, b_t), which backward() walks node by node",
        },
        {"out": (0,), "h": (0, 0)},  # the names inside f
    ),
]


def shown(value) -> str:
    """A value as `print` shows it, the way the page's output blocks show it."""
    return str(value)


def saved(node) -> dict[str, str]:
    """What a node keeps for the backward pass, by PyTorch's names (`_saved_other` is `other`),
    read before the pass frees it; AccumulateGrad keeps the leaf itself, `variable`. A name
    whose value is None (nothing saved: `* 2` needs no copy of its other factor) is left out."""
    if graphs.node_name(node) == "AccumulateGrad":
        return {"variable": shown(node.variable)}
    names = [name for name in dir(node) if name.startswith("_saved_")]
    found = {name.removeprefix("_saved_"): getattr(node, name) for name in names}
    return {name: shown(value) for name, value in found.items() if value is not None}


class Recorder:
    """Hooks on every node under a tensor's grad_fn, recording the steps of its backward pass."""

    def __init__(self, tensor: torch.Tensor) -> None:
        self.tensor = tensor
        # The order tools/graphs.py draws them in: node i here is node i of the drawing.
        self.nodes = graphs._reachable(tensor.grad_fn)
        index = {id(node): number for number, node in enumerate(self.nodes)}
        self.inputs = [  # per node, the node each of its inputs sends to (None: no gradient)
            [None if child is None else index[id(child)] for child, _ in node.next_functions]
            for node in self.nodes
        ]
        self.saved = [saved(node) for node in self.nodes]
        self.leaves = {
            number: node.variable
            for number, node in enumerate(self.nodes)
            if graphs.node_name(node) == "AccumulateGrad"
        }
        self.before = {number: shown(leaf.grad) for number, leaf in self.leaves.items()}
        self.steps: list[dict] = []
        self.handles = []
        for number, node in enumerate(self.nodes):
            self.handles.append(node.register_prehook(self.receives(number)))
            self.handles.append(node.register_hook(self.sends(number)))
        for number, leaf in self.leaves.items():
            self.handles.append(leaf.register_post_accumulate_grad_hook(self.fills(number)))

    def receives(self, number: int):
        def hook(grad_outputs):
            received = [shown(g) for g in grad_outputs]
            self.steps.append({"node": number, "received": received, "sent": []})

        return hook

    def sends(self, number: int):
        def hook(grad_inputs, grad_outputs):
            step = self.steps[-1]
            assert step["node"] == number, "the engine ran another node in between"
            pairs = zip(self.inputs[number], grad_inputs, strict=True)
            step["sent"] = [{"to": to, "value": shown(g)} for to, g in pairs if to is not None]

        return hook

    def fills(self, number: int):
        def hook(leaf):
            assert self.steps[-1]["node"] == number, "a leaf filled outside its AccumulateGrad"
            self.steps[-1]["grad"] = shown(leaf.grad)

        return hook

    def remove(self) -> None:
        for handle in self.handles:
            handle.remove()


def record(walk: Walk, lang: str) -> tuple[dict, graphs.Graph]:
    """(the walk's data, its graph for drawing), from a real run of the lesson's sections in
    the `lang` module (snippets/<lang>/lessons/...), the code that language's page shows."""
    recorders: list[Recorder] = []
    real_backward = torch.Tensor.backward

    def backward(tensor, *args, **kwargs):
        if recorders:  # a later backward() is the lesson's business, not the walk's
            return real_backward(tensor, *args, **kwargs)
        recorders.append(Recorder(tensor))
        try:
            return real_backward(tensor, *args, **kwargs)
        finally:
            recorders[0].remove()

    with mock.patch.object(torch.Tensor, "backward", backward):
        namespace = graphs.lesson_namespace(walk.sections, lang)
    root = namespace.get(walk.root)
    if not recorders or recorders[0].tensor is not root:
        raise LookupError(
            f"walk {walk.stem}: the first backward() that {', '.join(walk.sections)} call is "
            f"not {walk.root}.backward(); fix `root` or `sections` in tools/walks.py"
        )
    recorder = recorders[0]
    graph = graphs.walk(root.grad_fn, namespace)
    for label, path in walk.labels.items():
        node = root.grad_fn
        for slot in path:
            node = node.next_functions[slot][0]
        graph.nodes[recorder.nodes.index(node)].label = label
    unknown = sorted({drawn.name for drawn in graph.nodes} - set(FORMULAS))
    if unknown:
        raise LookupError(
            f"walk {walk.stem}: no formula for {', '.join(unknown)}; fix: add what each one "
            "computes to FORMULAS in tools/walks.py"
        )
    nodes = [
        {
            "name": drawn.name,
            "label": drawn.label,
            "saved": recorder.saved[number],
            "formula": FORMULAS[drawn.name],
        }
        for number, drawn in enumerate(graph.nodes)
    ]
    for number, before in recorder.before.items():
        nodes[number]["grad"] = before  # the leaf's .grad before the pass: None, or a sum
    data = {"root": walk.root, "nodes": nodes, "steps": recorder.steps}
    return data, graph


def data_text(data: dict) -> str:
    """The data as the SVG's metadata holds it: one value per line, for readable diffs."""
    return json.dumps(data, ensure_ascii=False, indent=1)


def render(walk: Walk, data: dict, graph: graphs.Graph, lang: str) -> str:
    """The figure's SVG: the drawing, the walk's data in <metadata id="<stem>-data">, and a
    fingerprint that covers the data too."""
    root = ET.fromstring(graphs.render(graph, walk.titles[lang], lang, walk.stem))
    text = data_text(data)
    drawn = root.get(graphs.FINGERPRINT)
    fingerprint = hashlib.sha256(
        json.dumps([drawn, text, Path(__file__).read_text(encoding="utf-8")]).encode()
    ).hexdigest()[:16]
    root.set(graphs.FINGERPRINT, fingerprint)
    metadata = ET.Element(METADATA, {"id": f"{walk.stem}-data"})
    metadata.text, metadata.tail = f"\n{text}\n", "\n"
    root.insert(1, metadata)  # after the title
    return ET.tostring(root, encoding="unicode") + "\n"


def committed_data(path: Path) -> dict | None:
    """The walk data a figure's SVG holds; None when it holds none."""
    found = ET.parse(path).getroot().find(METADATA)
    return None if found is None else json.loads(found.text)


def figure_svgs(walks: list[Walk] = WALKS) -> tuple[dict[Path, str], dict[Path, dict]]:
    """({figure: its SVG}, {figure: its data}) in each language, as a fresh run of that
    language's code records them."""
    svgs, datas = {}, {}
    for walk in walks:
        for lang in LANGUAGES:
            data, graph = record(walk, lang)
            datas[walk.path(lang)] = data
            svgs[walk.path(lang)] = render(walk, data, graph, lang)
    return svgs, datas


def lesson_walks(lessons: set[str] | None = None) -> list[Walk]:
    return [walk for walk in WALKS if lessons is None or walk.lesson in lessons]


def stale_figures(lessons: set[str] | None = None) -> list[tuple[Path, str]]:
    """(figure, its up-to-date text) for each figure that is missing or stale; only those of
    `lessons` (names such as "backward") when given."""
    svgs, _ = figure_svgs(lesson_walks(lessons))
    return [(path, text) for path, text in svgs.items() if graphs.stale_problem(path, text)]


def value_problems(path: Path, fresh: dict, lesson: str) -> list[str]:
    """What differs between the walk data committed in `path` and a fresh run's, value by
    value, each naming the file, the node and the fix."""
    fix = f"fix: run `make update-outputs LESSON={lesson}` (never edit a figure by hand)"
    if not path.exists():
        return [f"{display(path)} is missing; {fix}"]
    committed = committed_data(path)
    if committed is None:
        return [f"{display(path)} holds no walk data; {fix}"]
    problems = []
    for where, old, new in differences(committed, fresh):
        place = describe(where, committed)
        problems.append(
            f"{display(path)}: {place}: the figure shows {old}, the code gives {new} now; {fix}"
        )
    return problems


def describe(where: str, data: dict) -> str:
    """A place in the data as a reader finds it in the figure: "steps[1].sent[0].value" is
    "step 2 (MulBackward0 z): sent[0].value"."""
    found = re.match(r"(steps|nodes)\[(\d+)\]\.?(.*)", where)
    if not found:
        return where
    kind, number, rest = found[1], int(found[2]), found[3]
    try:
        node = data["nodes"][data["steps"][number]["node"] if kind == "steps" else number]
    except (IndexError, KeyError, TypeError):
        return where
    name = " ".join(filter(None, (node["name"], node["label"])))
    return f"{kind[:-1]} {number + 1} ({name}): {rest}" if rest else f"{kind[:-1]} {number + 1}"


def differences(old, new, where: str = "") -> list[tuple[str, str, str]]:
    """(where, old, new) for each value that differs, by its path in the data
    ("steps[2].sent[0].value")."""
    if isinstance(old, dict) and isinstance(new, dict):
        keys = dict.fromkeys([*old, *new])
        return [d for k in keys for d in differences(old.get(k), new.get(k), f"{where}.{k}")]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        pairs = enumerate(zip(old, new, strict=True))
        return [d for i, (a, b) in pairs for d in differences(a, b, f"{where}[{i}]")]
    return [] if old == new else [(where.lstrip("."), json.dumps(old), json.dumps(new))]


def page_walks(page_text: str) -> list[Walk]:
    """The walks whose figure a page shows (as an image of its SVG)."""
    return [walk for walk in WALKS if re.search(rf"\]\([^)]*\b{walk.stem}\.svg\)", page_text)]


def page_problems(page) -> list[str]:
    """The page check `walk-figures` (tools/page_checks.py): each walk figure the page shows
    holds what its lesson's code does now, value for value."""
    return [
        problem
        for walk in page_walks(page.text)
        for problem in value_problems(walk.path(page.lang), record(walk, page.lang)[0], walk.lesson)
    ]
