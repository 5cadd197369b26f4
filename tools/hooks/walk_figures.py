"""MkDocs hook: the picture of a backward walk becomes a figure that steps through it.

A page shows a walk (tools/walks.py) as an image of its SVG, `![...](../assets/backward-walk.svg)`:
a plain picture in notebooks and anywhere this hook does not run. Here the picture is put in the
page itself, and with it, hidden until assets/walk/walk.js shows them, the step buttons and the
text of every state of the walk, written from the data the SVG holds (the real run's values, as
`print` shows them) and the language's texts (`extra.walk` in mkdocs.yml). Without JavaScript
the picture stays, and the page's output blocks print the walk.

Each state and each node's card is a <template>; the script only shows one at a time, and marks
the nodes and edges in the drawing. Formulas are written as pymdownx.arithmatex writes them, and
tools/hooks/maths.py (priority 100, after this one) turns them into MathML like every formula.
"""

from __future__ import annotations

import json
import posixpath
import re
import sys
import xml.etree.ElementTree as ET
from html import escape, unescape
from pathlib import Path

REPOSITORY = str(Path(__file__).resolve().parents[2])
if REPOSITORY not in sys.path:  # MkDocs loads a hook by its path (tools/hooks/__init__.py)
    sys.path.insert(0, REPOSITORY)

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from tools.hooks.maths import marked
from tools.interface import CODE_OR_MATHS

SVG = "http://www.w3.org/2000/svg"  # as tools/walks.py writes it (walks imports torch)
ET.register_namespace("", SVG)
IMAGE = re.compile(r'<p>\s*<img alt="(?P<alt>[^"]*)" src="(?P<src>[^"]+\.svg)"\s*/?>\s*</p>')
ASSETS = "assets/walk/"  # walk.css and walk.js, under the site's root (docs/es/assets/walk/)
TEXTS = {  # extra.walk in mkdocs.yml, in each language
    *("controls", "back", "next", "reset", "start", "step", "runs", "received", "sum_of"),
    *("from", "sent", "to", "accumulates", "leaves", "saved", "computes", "hint", "legend"),
}


def code(text: str) -> str:
    return f"<code>{escape(text)}</code>"


def prose(text: str) -> str:
    """A text of `extra.walk` as HTML: `code` and $maths$ as on a page."""
    pieces = re.split(f"({CODE_OR_MATHS.pattern})", text)
    kinds = {"`": code, "$": marked}
    return "".join(
        kinds[piece[0]](piece[1:-1]) if piece[:1] in kinds else escape(piece, quote=False)
        for piece in pieces
    )


class Steps:
    """The walk data of one figure (tools/walks.py) and how its nodes are named in text."""

    def __init__(self, stem: str, data: dict, texts: dict) -> None:
        self.stem, self.nodes, self.steps, self.texts = stem, data["nodes"], data["steps"], texts
        self.leaves = [n for n, node in enumerate(self.nodes) if "grad" in node]

    def name(self, number: int) -> str:
        node = self.nodes[number]
        label = f" (<var>{escape(node['label'])}</var>)" if node["label"] else ""
        return code(node["name"]) + label

    def leaf(self, number: int) -> str:
        return f"{self.nodes[number]['label']}.grad"

    def node_id(self, number: int) -> str:
        return f"{self.stem}-n{number}"

    def grads(self, state: int) -> str:
        """Each leaf's .grad once `state` steps have run: None until its AccumulateGrad has."""
        lines = []
        for number in self.leaves:
            value, filled = self.nodes[number]["grad"], ""
            for step in self.steps[:state]:
                if step["node"] == number and "grad" in step:
                    value, filled = step["grad"], ' class="walk-filled"'
            lines.append(f"<dd{filled}>{code(self.leaf(number))} = {code(value)}</dd>")
        head = f"<dt>{escape(self.texts['leaves'])}</dt>"
        return f'<dl class="walk-values walk-grads">{head}{"".join(lines)}</dl>'

    def state(self, state: int) -> str:
        """What the figure says once `state` steps have run (0: before the first)."""
        t = self.texts
        if state == 0:
            return f"<p>{prose(t['start'])}</p>{self.grads(0)}"
        step = self.steps[state - 1]
        number = step["node"]
        heading = t["step"].format(n=state, total=len(self.steps))
        runs = escape(t["runs"]).format(node=self.name(number))
        rows = [f"<dt>{escape(t['received'])}</dt>"]
        incoming = [
            (earlier["node"], sent["value"])
            for earlier in self.steps[: state - 1]
            for sent in earlier["sent"]
            if sent["to"] == number
        ]
        for value in step["received"]:
            rows.append(f"<dd>{code(value)}</dd>")
        if len(incoming) > 1:  # the engine summed what each user of the tensor sent
            parts = "".join(
                f"<li>{code(value)} {escape(t['from']).format(node=self.name(sender))}</li>"
                for sender, value in incoming
            )
            rows.append(f"<dd>{escape(t['sum_of'])}<ul>{parts}</ul></dd>")
        if step["sent"]:
            rows.append(f"<dt>{escape(t['sent'])}</dt>")
        for sent in step["sent"]:
            to = escape(t["to"]).format(node=self.name(sent["to"]))
            rows.append(f"<dd>{code(sent['value'])} {to}</dd>")
        if "grad" in step:  # AccumulateGrad: the leaf's .grad fills in
            rows.append(f"<dd>{escape(t['accumulates']).format(leaf=code(self.leaf(number)))}</dd>")
        return (
            f"<p><strong>{escape(heading)}</strong>: {runs}.</p>"
            f'<dl class="walk-values">{"".join(rows)}</dl>{self.grads(state)}'
        )

    def card(self, number: int) -> str:
        """A node's card: its name, what it saved, and what it computes."""
        t, node = self.texts, self.nodes[number]
        rows = [f"<dt>{escape(t['saved'])}</dt>"]
        rows += [f"<dd>{code(k)} = {code(v)}</dd>" for k, v in node["saved"].items()]
        rows += [f"<dt>{escape(t['computes'])}</dt>", f"<dd>{marked(node['formula'])}</dd>"]
        return f'<p>{self.name(number)}</p><dl class="walk-values">{"".join(rows)}</dl>'

    def templates(self) -> str:
        states = []
        for state in range(len(self.steps) + 1):
            step = self.steps[state - 1] if state else None
            attributes = ""
            if step:
                sent = " ".join(self.node_id(s["to"]) for s in step["sent"])
                attributes = f' data-node="{self.node_id(step["node"])}" data-to="{sent}"'
            states.append(f"<template{attributes}>{self.state(state)}</template>")
        cards = [
            f'<template data-card="{self.node_id(number)}">{self.card(number)}</template>'
            for number in range(len(self.nodes))
        ]
        return "".join(states) + "".join(cards)


def figure(path: Path, alt: str, texts: dict) -> str | None:
    """The interactive figure for the walk SVG at `path`; None if it holds no walk."""
    root = ET.parse(path).getroot()
    metadata = root.find(f"{{{SVG}}}metadata")
    if metadata is None:
        return None
    root.remove(metadata)
    title = root.find(f"{{{SVG}}}title")
    if alt and title is not None:  # the page's own words name the figure
        title.text = alt
    stem = path.stem
    missing = sorted(TEXTS - set(texts))
    if missing:
        raise PluginError(
            f"{path.name} is a walk figure, but mkdocs.yml gives this language no "
            f"extra.walk texts {', '.join(missing)}; fix: add them (see the Spanish ones)"
        )
    walk = Steps(stem, json.loads(metadata.text), texts)
    t = texts
    buttons = "".join(
        f'<button type="button" data-walk="{action}">{escape(t[action])}</button>'
        for action in ("back", "next", "reset")
    )
    # The buttons and texts come first, so the keyboard reaches them before the nodes; walk.css
    # puts the drawing on their left, or above them where there is no room.
    return (
        f'<figure class="walk" id="{stem}" data-search-exclude>'
        f'<div class="walk-ui" hidden>'
        f'<div class="walk-controls" role="group" aria-label="{escape(t["controls"])}">'
        f"{buttons}</div>"
        f'<div class="walk-state"></div>'
        f'<div class="walk-card"><p>{prose(t["hint"])} {prose(t["legend"])}</p></div></div>'
        f'<div class="walk-graph">{ET.tostring(root, encoding="unicode")}</div>'
        f"{walk.templates()}</figure>"
    )


@event_priority(110)  # before tools/hooks/maths.py (100) turns formulas into MathML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    texts = config.extra.get("walk")
    found = False

    def replace(match: re.Match) -> str:
        nonlocal found
        # MkDocs made the image's address relative to the page's: the file is the one served there.
        url = posixpath.normpath(posixpath.join(posixpath.dirname(page.url), match["src"]))
        file = next((f for f in files if f.url == url), None)
        alt = unescape(match["alt"])
        made = figure(Path(file.abs_src_path), alt, texts or {}) if file else None
        found = found or made is not None
        return made or match.group()

    html = IMAGE.sub(replace, html)
    if found:
        css, js = (get_relative_url(f"{ASSETS}walk.{kind}", page.url) for kind in ("css", "js"))
        html += f'<link rel="stylesheet" href="{css}"><script src="{js}" defer></script>'
    return html
