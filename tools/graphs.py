"""Pictures of the real graphs the lessons build, laid out by Graphviz, as self-contained SVGs.

    python -m tools.graphs           # write each missing or stale picture
    python -m tools.graphs --check   # change nothing; exit 1 naming each stale picture

`make update-outputs` (tools/outputs.py) calls `stale_pictures()`. No picture is drawn by hand:
each one runs sections of a lesson's snippet module as a reader would (`lesson_namespace`), walks
the graph they built (`walk` for PyTorch's `grad_fn` graph, `walk_values` for the Value graph of
the engine in lessons/from-scratch), and Graphviz's `dot` lays it out (`render`).

One copy per language, under docs/<lang>/assets/, with its accessible title in that language:
mkdocs-static-i18n copies a file outside docs/<lang>/ only into the default language's site
(mkdocs.yml sets `fallback_to_default: false`), so docs/assets/ would leave English without it.

The bytes Graphviz writes depend on its version and on the fonts it measures text with, so a
picture records the fingerprint of what it was drawn from (the DOT source, its texts and this
file) and the Graphviz version that drew it. A picture is stale when the fingerprint differs,
or, with the same Graphviz version, when its bytes differ from a fresh drawing: a contributor
with another Graphviz is not asked to redraw unchanged graphs, and CI compares bytes.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import graphviz
import torch

from tools.pages import DOCS, LANGUAGES, default_expander, display

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)
FINGERPRINT = "data-fingerprint"
GRAPHVIZ_VERSION = "data-graphviz"
EDGE_TITLES = {"es": "de {} a {}", "en": "{} to {}"}

# Legible on Material's light (white) and slate (dark) palettes alike: every text sits on a light
# fill of its own (nodes, clusters), and edges are a mid indigo with a contrast of at least 3:1
# against both backgrounds (3.5 on white, 4.7 on slate). The background stays transparent.
FONT = "DejaVu Sans Mono,monospace"
GRAPH_ATTRS = {"bgcolor": "transparent", "nodesep": "0.25", "ranksep": "0.35", "pad": "0.1"}
NODE_ATTRS = {
    "shape": "box",
    "style": "rounded,filled",
    "fontname": FONT,
    "fontsize": "13",
    "margin": "0.12,0.05",
    "fillcolor": "#e8eaf6",
    "color": "#3f51b5",
    "fontcolor": "#1a237e",
    "penwidth": "1.2",
}
LEAF_ATTRS = {"fillcolor": "#fff3e0", "color": "#e65100", "fontcolor": "#6d2600"}
EDGE_ATTRS = {"color": "#7986cb", "penwidth": "1.4", "arrowsize": "0.8"}
CLUSTER_ATTRS = {
    "style": "rounded,dashed,filled",
    "fillcolor": "#fffde7",
    "color": "#f9a825",
    "fontcolor": "#5d4037",
    "fontname": FONT,
    "fontsize": "12",
    "labeljust": "l",
}


@dataclass
class Node:
    name: str  # what the box says first: "MulBackward0", "tanh", "x"
    label: str | None = None  # the variable the node produced, shown in italics
    detail: str | None = None  # more lines, smaller: "data 1.5000\ngrad 3.8453"
    leaf: bool = False


@dataclass
class Graph:
    """Nodes in the order they were found from the root; edges (consumer, input) by node index,
    the direction in which the backward pass sends gradients. A consumer that uses the same input
    twice (as in `y * y`) has two edges to it. `clusters`: labelled groups of node indices."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[tuple[int, int]] = field(default_factory=list)
    clusters: list[tuple[dict[str, str], list[int]]] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [node.name for node in self.nodes]


def node_name(node) -> str:
    """`MulBackward0`; `AccumulateGrad`, whose name() carries the C++ namespace."""
    return node.name().rpartition("::")[2]


def _reachable(root) -> list:
    """Every node under `root` (a grad_fn) once: nodes are distinct objects, so two MulBackward0
    nodes stay two, while a node reached along two paths is one. The list keeps every node alive,
    so no id() is reused during the walk."""
    found, index, pending = [], set(), [root]
    while pending:
        node = pending.pop(0)
        if node is None or id(node) in index:
            continue
        index.add(id(node))
        found.append(node)
        pending.extend(child for child, _ in node.next_functions)
    return found


def walk(root, namespace: dict | None = None, regions: list[tuple] = ()) -> Graph:
    """The `grad_fn` graph under `root`. A tensor of `namespace` labels the node that produced it
    (for AccumulateGrad, the leaf it accumulates into). `regions`: (labels, first, last) where
    first and last are the input and output tensors of a piece of code; the nodes that piece
    recorded (under last.grad_fn and not under first.grad_fn, leaves excepted) form a cluster."""
    found = _reachable(root)
    index = {id(node): number for number, node in enumerate(found)}
    graph = Graph()
    for node in found:
        children = [child for child, _ in node.next_functions if child is not None]
        graph.nodes.append(Node(node_name(node), leaf=not children))
        graph.edges.extend((index[id(node)], index[id(child)]) for child in children)
    tensors = {k: v for k, v in (namespace or {}).items() if isinstance(v, torch.Tensor)}
    for name, value in (namespace or {}).items():  # a module's parameters: "blocks.1.0.weight"
        if isinstance(value, torch.nn.Module):
            tensors.update({f"{name}.{key}": p for key, p in value.named_parameters()})
    for name, tensor in tensors.items():
        producer = tensor.grad_fn or next(
            (n for n in found if getattr(n, "variable", None) is tensor), None
        )  # AccumulateGrad.variable: an internal attribute, fine for a drawing tool
        if producer is not None and id(producer) in index:
            node = graph.nodes[index[id(producer)]]
            node.label = node.label or name
    for labels, first, last in regions:
        before = {id(n) for n in _reachable(first.grad_fn)} if first.grad_fn else set()
        inside = [
            index[id(n)]
            for n in _reachable(last.grad_fn)
            if id(n) not in before and not graph.nodes[index[id(n)]].leaf
        ]
        graph.clusters.append((labels, inside))
    return graph


def walk_values(root, namespace: dict | None = None) -> Graph:
    """The graph of a from-scratch engine's Value under `root`: each Value is a node (its `_op`,
    or for a leaf its name in `namespace`), with an edge to each of its `_parents`."""
    found, index, pending = [], {}, [root]
    while pending:
        value = pending.pop(0)
        if id(value) in index:
            continue
        index[id(value)] = len(found)
        found.append(value)
        pending.extend(value._parents)
    names: dict[int, str] = {}  # the first name of each Value: later ones are loop variables
    for name, value in (namespace or {}).items():
        if type(value) is type(root):
            names.setdefault(id(value), name)
    graph = Graph()
    for value in found:
        leaf = not value._parents
        name = (names.get(id(value), "?") if leaf else value._op) or "?"
        label = None if leaf else names.get(id(value))
        detail = f"data {value.data:.4f}\ngrad {value.grad:.4f}"
        graph.nodes.append(Node(name, label, detail, leaf))
        graph.edges.extend((index[id(value)], index[id(parent)]) for parent in value._parents)
    return graph


def _html_label(node: Node) -> str:
    rows = [escape(node.name)]
    if node.label:
        rows.append(f"<I>{escape(node.label)}</I>")
    if node.detail:
        rows += [
            f'<FONT POINT-SIZE="11">{escape(line)}</FONT>' for line in node.detail.splitlines()
        ]
    return "<" + "<BR/>".join(rows) + ">"


def dot_source(graph: Graph, lang: str) -> str:
    """The DOT text Graphviz lays out: node `n<i>` is graph.nodes[i]."""
    dot = graphviz.Digraph("graph", graph_attr=GRAPH_ATTRS, node_attr=NODE_ATTRS)
    dot.attr("edge", **EDGE_ATTRS)
    for number, (labels, members) in enumerate(graph.clusters):
        with dot.subgraph(name=f"cluster_{number}") as cluster:
            lines = labels[lang].splitlines()  # each line left-aligned (\l), away from the edges
            cluster.attr(label="".join(f"{line}\\l" for line in lines), **CLUSTER_ATTRS)
            for member in members:
                cluster.node(f"n{member}")
    for number, node in enumerate(graph.nodes):
        dot.node(f"n{number}", _html_label(node), **(LEAF_ATTRS if node.leaf else {}))
    for parent, child in graph.edges:
        dot.edge(f"n{parent}", f"n{child}")
    return dot.source


def _node_title(node: Node) -> str:
    return f"{node.name} ({node.label})" if node.label else node.name


def render(graph: Graph, title: str, lang: str = "en", stem: str = "graph") -> str:
    """A self-contained SVG: Graphviz's drawing with its comments (which name its version) and
    generic titles replaced by an accessible title, `role="img"`, and per node and edge a
    <title> naming them in `lang`. Each edge <g> says which nodes it joins, by their ids
    (`data-from`, `data-to`), as Graphviz drew it."""
    source = dot_source(graph, lang)
    texts = [title, *(_node_title(node) for node in graph.nodes), EDGE_TITLES[lang]]
    fingerprint = hashlib.sha256(
        json.dumps([source, texts, Path(__file__).read_text(encoding="utf-8")]).encode()
    ).hexdigest()[:16]
    drawn = graphviz.Source(source).pipe(format="svg", encoding="utf-8")
    root = ET.fromstring(drawn)  # drops the comments and the DOCTYPE
    root.set("role", "img")
    root.set("aria-labelledby", f"{stem}-title")
    root.set(FINGERPRINT, fingerprint)
    root.set(GRAPHVIZ_VERSION, ".".join(map(str, graphviz.version())))
    heading = ET.Element(f"{{{SVG}}}title", {"id": f"{stem}-title"})
    heading.text, heading.tail = title, "\n"
    root.insert(0, heading)
    for group in root.iter(f"{{{SVG}}}g"):
        kind, caption = group.get("class", "").split(), group.find(f"{{{SVG}}}title")
        if "graph" in kind or "cluster" in kind:
            group.remove(caption)
        elif "node" in kind:
            number = int(caption.text.removeprefix("n"))
            group.set("id", f"{stem}-n{number}")
            caption.text = _node_title(graph.nodes[number])
        elif "edge" in kind:
            parent, child = (int(end.removeprefix("n")) for end in caption.text.split("->"))
            group.set("id", f"{stem}-{group.get('id')}")
            group.set("data-from", f"{stem}-n{parent}")
            group.set("data-to", f"{stem}-n{child}")
            names = graph.nodes[parent].name, graph.nodes[child].name
            caption.text = EDGE_TITLES[lang].format(*names)
    text = ET.tostring(root, encoding="unicode")
    return re.sub(r"\n\s*\n", "\n", text).rstrip("\n") + "\n"


def lesson_namespace(sections: tuple[str, ...], lang: str) -> dict:
    """Run snippet sections ("lessons/x.py:name") of the `lang` module (snippets/<lang>/...) in
    order, as a reader of that language would, in one namespace."""
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        for section in sections:
            code = "\n".join(default_expander().expand(f'--8<-- "{lang}/{section}"'))
            exec(compile(code, f"{lang}/{section}", "exec"), namespace)
    return namespace


@dataclass(frozen=True)
class Picture:
    stem: str  # docs/<lang>/assets/<stem>.svg
    # Run in order, in each language's module; the graph is drawn from what they leave behind.
    sections: tuple[str, ...]
    draw: Callable[[dict], Graph]
    titles: dict[str, str]

    def path(self, lang: str) -> Path:
        return DOCS / lang / "assets" / f"{self.stem}.svg"


# A cluster's label, in lines: each line is left-aligned, clear of the edge entering the cluster.
RECOMPUTED = {
    "es": "se recalcula en la\npasada hacia atrás",
    "en": "recomputed in\nthe backward pass",
}
FROM_SCRATCH = tuple(
    f"lessons/from-scratch.py:{name}"
    for name in (
        "expression",
        "value",
        "add-mul",
        "tanh-pow",
        "forward",
        "topological-order",
        "backward",
    )
)

PICTURES = [
    Picture(
        "graph",
        ("lessons/graph.py:add", "lessons/graph.py:mul", "lessons/graph.py:mean"),
        lambda ns: walk(ns["out"].grad_fn, ns),
        {
            "es": "El grafo de autograd de out = z.mean(), de MeanBackward0 hasta AccumulateGrad",
            "en": "The autograd graph of out = z.mean(), from MeanBackward0 down to AccumulateGrad",
        },
    ),
    Picture(
        "graph-shown",
        ("lessons/graph-shown.py:running-example",),
        lambda ns: walk(ns["out"].grad_fn, ns),
        {
            "es": "El grafo de autograd de out = z.mean(), de MeanBackward0 hasta AccumulateGrad",
            "en": "The autograd graph of out = z.mean(), from MeanBackward0 down to AccumulateGrad",
        },
    ),
    Picture(
        "from-scratch-values",
        FROM_SCRATCH,
        lambda ns: walk_values(ns["loss"], ns),
        {
            "es": "El grafo de Value de loss = f(x, w, b) en nuestro motor, con data y grad",
            "en": "The Value graph of loss = f(x, w, b) in our engine, with data and grad",
        },
    ),
    Picture(
        "from-scratch-torch",
        FROM_SCRATCH,
        lambda ns: walk(ns["loss_t"].grad_fn, ns),
        {
            "es": "El grafo de autograd de loss_t = f(x_t, w_t, b_t) en PyTorch",
            "en": "The autograd graph of loss_t = f(x_t, w_t, b_t) in PyTorch",
        },
    ),
    Picture(
        "memory-checkpoint",
        ("lessons/memory.py:model", "lessons/memory.py:checkpoint-picture"),
        lambda ns: walk(ns["loss"].grad_fn, ns, [(RECOMPUTED, ns["h"], ns["h2"])]),
        {
            "es": "El grafo de autograd de dos bloques; el segundo, con punto de control",
            "en": "The autograd graph of two blocks, the second one checkpointed",
        },
    ),
]


def lesson_svgs(pictures: list[Picture] = PICTURES) -> dict[Path, str]:
    """Each picture in each language, as a fresh run of its lesson's code in that language
    draws it."""
    drawn = {}
    for picture in pictures:
        for lang in LANGUAGES:
            graph = picture.draw(lesson_namespace(picture.sections, lang))
            svg = render(graph, picture.titles[lang], lang, picture.stem)
            drawn[picture.path(lang)] = svg
    return drawn


def _attribute(svg: str, name: str) -> str | None:
    found = re.search(rf'<svg\b[^>]*\s{name}="([^"]*)"', svg)
    return found.group(1) if found else None


def stale_problem(path: Path, expected: str) -> str | None:
    """None when `path` holds the `expected` picture (see the module's docstring); else what is
    wrong and the fix."""
    if not path.exists():
        what = "is missing"
    else:
        text = path.read_text(encoding="utf-8")
        same_graph = _attribute(text, FINGERPRINT) == _attribute(expected, FINGERPRINT)
        same_graphviz = _attribute(text, GRAPHVIZ_VERSION) == _attribute(expected, GRAPHVIZ_VERSION)
        if same_graph and (text == expected or not same_graphviz):
            return None
        what = "is stale" if not same_graph else "is stale (it differs from a fresh drawing)"
    return (
        f"{display(path)} {what}: it is not the graph that its lesson's code builds; "
        "fix: run `make update-outputs` (never edit a picture by hand)"
    )


def stale_pictures(lessons: set[str] | None = None) -> list[tuple[Path, str]]:
    """(picture, its up-to-date text) for each picture that is missing or stale; only those drawn
    from the code of `lessons` (names such as "memory") when given."""
    pictures = [
        picture
        for picture in PICTURES
        if lessons is None
        or any(Path(section.partition(":")[0]).stem in lessons for section in picture.sections)
    ]
    drawn = lesson_svgs(pictures)
    return [(path, text) for path, text in drawn.items() if stale_problem(path, text)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale pictures only")
    args = parser.parse_args(argv)
    stale = stale_pictures()
    for path, text in stale:
        if args.check:
            print(stale_problem(path, text))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"updated: {display(path)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
