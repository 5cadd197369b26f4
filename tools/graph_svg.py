"""The picture of the lesson graph-shown: the real grad_fn graph of its code, as an SVG.

    python -m tools.graph_svg           # rewrite docs/<lang>/assets/graph-shown.svg
    python -m tools.graph_svg --check   # change nothing; exit 1 naming each stale picture

`make update-outputs` (tools/outputs.py) regenerates them too. The picture is never drawn by hand:
the lesson's section `running-example` is run, the graph behind its `out` is walked (`walk`), laid
out in layers and written as a self-contained SVG (`render`), in pure Python (no Graphviz).

There is one copy per language, with its accessible title in that language: mkdocs-static-i18n
copies a file outside docs/<lang>/ only into the default language's site (mkdocs.yml sets
`fallback_to_default: false`), so docs/assets/ would leave the English pages without it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import sys
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import torch

from tools.pages import DOCS, LANGUAGES, default_expander, display

LESSON_SECTION = "lessons/graph-shown.py:running-example"
ROOT_TENSOR = "out"
PICTURES = {lang: DOCS / lang / "assets" / "graph-shown.svg" for lang in LANGUAGES}
TITLES = {
    "es": "El grafo de autograd de out = z.mean(), de MeanBackward0 hasta AccumulateGrad",
    "en": "The autograd graph of out = z.mean(), from MeanBackward0 down to AccumulateGrad",
}
EDGE_TITLES = {"es": "de {} a {}", "en": "{} to {}"}

# Geometry, in SVG user units (pixels at 100 %). The font is monospace, so widths are predictable.
FONT_SIZE = 14
CHAR_WIDTH = 0.6 * FONT_SIZE
PAD_X, BOX_HEIGHT, LAYER_GAP, NODE_GAP, MARGIN = 14, 34, 46, 28, 12
LABEL_GAP = 10  # between a box and the name of the tensor it produced
PARALLEL_SPREAD = 22  # horizontal distance between two edges joining the same two nodes

# Legible on Material's light (white) and slate (dark) palettes: nodes carry their own fill, and
# edges use currentColor, a mid indigo with enough contrast on both, lighter when the embedding
# page asks for a dark colour scheme.
STYLE = """
svg { color: #5c6bc0; }
.node rect { fill: #e8eaf6; stroke: #3f51b5; stroke-width: 1.5; }
.node.leaf rect { fill: #fff3e0; stroke: #e65100; }
.node text { fill: #1a237e; }
.node.leaf text { fill: #7f2a00; }
.edge { fill: none; stroke: currentColor; stroke-width: 1.5; }
g.node text.tensor { fill: currentColor; font-style: italic; }
text { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 14px; }
@media (prefers-color-scheme: dark) {
  svg { color: #9fa8da; }
}
"""


@dataclass
class Graph:
    """Nodes in the order they were found from the root; edges (parent, child) by node index.

    A child is in its parent's `next_functions`: the direction in which `backward()` runs. A
    parent that uses the same child twice (as in `y * y`) has two edges to it.
    """

    names: list[str] = field(default_factory=list)
    edges: list[tuple[int, int]] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)  # node index: the tensor it produced


def node_name(node) -> str:
    """`MulBackward0`, `AccumulateGrad` (whose name() carries the C++ namespace)."""
    return node.name().rpartition("::")[2]


def walk(root, namespace: dict | None = None) -> Graph:
    """The graph under `root` (a grad_fn), each node once: nodes are distinct objects, so two
    MulBackward0 nodes stay two, while a node reached twice is one. Tensors of `namespace` that
    a node produced (or, for AccumulateGrad, the leaf it accumulates into) label that node."""
    graph, index, found = Graph(), {}, []
    pending = [root]
    while pending:
        node = pending.pop(0)
        if id(node) in index:
            continue
        index[id(node)] = len(found)
        found.append(node)  # keeps every node alive, so no id() is reused during the walk
        graph.names.append(node_name(node))
        pending.extend(child for child, _ in node.next_functions if child is not None)
    for parent in found:
        for child, _ in parent.next_functions:
            if child is not None:
                graph.edges.append((index[id(parent)], index[id(child)]))
    tensors = {k: v for k, v in (namespace or {}).items() if isinstance(v, torch.Tensor)}
    for name, tensor in tensors.items():
        producer = tensor.grad_fn or next(
            (n for n in found if getattr(n, "variable", None) is tensor), None
        )
        if producer is not None and id(producer) in index:
            graph.labels.setdefault(index[id(producer)], name)
    return graph


def layers(graph: Graph) -> list[list[int]]:
    """Each node one layer below the lowest of its parents; in a layer, ordered by parents."""
    count = len(graph.names)
    depth = [0] * count
    for _ in range(count):  # longest path from the root; a DAG settles in `count` rounds
        for parent, child in graph.edges:
            depth[child] = max(depth[child], depth[parent] + 1)
    rows: list[list[int]] = [[] for _ in range(max(depth, default=-1) + 1)]
    for node in range(count):
        rows[depth[node]].append(node)
    for above, row in itertools.pairwise(rows):
        where = {node: position for position, node in enumerate(above)}

        def barycentre(node, where=where):
            parents = [where[p] for p, c in graph.edges if c == node and p in where]
            return (sum(parents) / len(parents) if parents else len(where), node)

        row.sort(key=barycentre)
    return rows


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def render(graph: Graph, title: str, edge_title: str = "{} to {}") -> str:
    """A self-contained SVG: a <g class="node" data-name="..."> (rect and text) per node, and a
    path with an arrowhead per edge, from the root at the top down to the leaves."""
    rows = layers(graph)
    box_width = {n: len(name) * CHAR_WIDTH + 2 * PAD_X for n, name in enumerate(graph.names)}
    label_width = {n: LABEL_GAP + len(label) * CHAR_WIDTH for n, label in graph.labels.items()}
    slot = {n: box_width[n] + 2 * label_width.get(n, 0) for n in box_width}  # keeps boxes centred
    row_width = [sum(slot[n] for n in row) + NODE_GAP * (len(row) - 1) for row in rows]
    width = max(row_width, default=0) + 2 * MARGIN
    height = len(rows) * BOX_HEIGHT + (len(rows) - 1) * LAYER_GAP + 2 * MARGIN
    centre = {}  # node: (x, y) of its box's centre
    for depth, row in enumerate(rows):
        x = (width - row_width[depth]) / 2
        y = MARGIN + depth * (BOX_HEIGHT + LAYER_GAP) + BOX_HEIGHT / 2
        for node in row:
            centre[node] = (x + slot[node] / 2, y)
            x += slot[node] + NODE_GAP

    lines = [
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'viewBox="0 0 {_number(width)} {_number(height)}" width="{_number(width)}" '
        f'height="{_number(height)}" role="img" aria-labelledby="graph-title">',
        f'<title id="graph-title">{escape(title)}</title>',
        f"<style>{STYLE}</style>",
        "<defs>",
        '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse">',
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor"/>',
        "</marker>",
        "</defs>",
        '<g class="edges">',
    ]
    for number, (parent, child) in enumerate(graph.edges):
        twins = [e for e in graph.edges if e == (parent, child)]
        nth = graph.edges[:number].count((parent, child))
        shift = (nth - (len(twins) - 1) / 2) * PARALLEL_SPREAD
        (x1, y1), (x2, y2) = centre[parent], centre[child]
        x1, x2, y1, y2 = x1 + shift, x2 + shift, y1 + BOX_HEIGHT / 2, y2 - BOX_HEIGHT / 2
        bend, bulge = (y2 - y1) / 2, 1.5 * shift  # twin edges bow apart, so both show
        path = (
            f"M {_number(x1)} {_number(y1)} C {_number(x1 + bulge)} {_number(y1 + bend)} "
            f"{_number(x2 + bulge)} {_number(y2 - bend)} {_number(x2)} {_number(y2)}"
        )
        names = escape(edge_title.format(graph.names[parent], graph.names[child]))
        lines.append(
            f'<path class="edge" d="{path}" marker-end="url(#arrow)"><title>{names}</title></path>'
        )
    lines += ["</g>", '<g class="nodes">']
    for node, name in enumerate(graph.names):
        x, y = centre[node]
        leaf = " leaf" if not any(parent == node for parent, _ in graph.edges) else ""
        label = graph.labels.get(node)
        lines += [
            f'<g class="node{leaf}" data-name="{escape(name)}">',
            f"<title>{escape(name)}{f' ({escape(label)})' if label else ''}</title>",
            f'<rect x="{_number(x - box_width[node] / 2)}" y="{_number(y - BOX_HEIGHT / 2)}" '
            f'width="{_number(box_width[node])}" height="{BOX_HEIGHT}" rx="6"/>',
            f'<text x="{_number(x)}" y="{_number(y)}" text-anchor="middle" '
            f'dominant-baseline="central">{escape(name)}</text>',
        ]
        if label:
            lines.append(
                f'<text class="tensor" x="{_number(x + box_width[node] / 2 + LABEL_GAP)}" '
                f'y="{_number(y)}" dominant-baseline="central">{escape(label)}</text>'
            )
        lines.append("</g>")
    lines += ["</g>", "</svg>"]
    return "\n".join(lines) + "\n"


def lesson_namespace() -> dict:
    """Run the lesson's graph-building section, as a reader would, and return its variables."""
    code = "\n".join(default_expander().expand(f'--8<-- "{LESSON_SECTION}"'))
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, LESSON_SECTION, "exec"), namespace)
    return namespace


def lesson_graph() -> Graph:
    namespace = lesson_namespace()
    return walk(namespace[ROOT_TENSOR].grad_fn, namespace)


def lesson_svgs() -> dict[Path, str]:
    """Each language's picture, as a fresh run of the lesson's code draws it."""
    graph = lesson_graph()
    return {path: render(graph, TITLES[lang], EDGE_TITLES[lang]) for lang, path in PICTURES.items()}


def stale_problem(path: Path, expected: str) -> str | None:
    """None when `path` holds the `expected` picture; else what is wrong and the fix."""
    if path.exists() and path.read_text(encoding="utf-8") == expected:
        return None
    what = "is missing" if not path.exists() else "is stale"
    return (
        f"{display(path)} {what}: it is not the graph that {LESSON_SECTION} builds; "
        "fix: run `make update-outputs` (never edit the picture by hand)"
    )


def stale_pictures() -> list[tuple[Path, str]]:
    """(picture, its up-to-date text) for each picture that is missing or stale."""
    return [(path, text) for path, text in lesson_svgs().items() if stale_problem(path, text)]


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
