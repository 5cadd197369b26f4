"""What both languages' builds compute alike is computed once per `mkdocs build`: each code
block's highlighted HTML (a lesson's blocks also show on the other language's page and on its
notebook page; Pygments takes most of a build's time) and each compiled template.

Both memos start empty when a build starts (i18n.outermost), `mkdocs serve`'s rebuilds included,
and are keyed on every input of what they keep: no page ever shows a previous build's result.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

REPOSITORY = str(Path(__file__).resolve().parents[2])
if REPOSITORY not in sys.path:  # MkDocs loads a hook by its path (tools/hooks/__init__.py)
    sys.path.insert(0, REPOSITORY)

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from pymdownx.superfences import highlight_validator

from tools.hooks.i18n import outermost

# pymdownx.highlight options that make a block's HTML depend on its place on the page (numbered
# line anchors) or on the page's own Markdown (an HTML title, kept in the page's stash).
PER_PAGE = ("line_spans", "line_anchors", "anchor_linenums", "auto_title_map")


class Highlighted:
    """Each fenced block's HTML, by everything superfences highlights it from."""

    def __init__(self) -> None:
        self.blocks: dict[str, str] = {}
        self.enabled = True
        self.plain = False

    def reset(self, config: MkDocsConfig) -> None:
        options = config.mdx_configs.get("pymdownx.highlight", {})
        self.blocks.clear()
        self.plain = not options and not config.mdx_configs.get("pymdownx.superfences", {}).get(
            "css_class"
        )
        self.enabled = not any(options.get(name) for name in PER_PAGE) and (
            options.get("title_mode", "text") != "html"
        )

    def format(
        self, src: str, language: str, class_name: str, options: dict, md: Markdown, **kwargs
    ) -> str:
        """A superfences custom fence named "*" formats every block; it asks superfences' own
        highlighter, as pymdownx's author advises for "custom action on code fences but keep the
        normal behavior" (facelessuser/pymdown-extensions discussion 1291). Pinned by
        tests/test_hooks.py: the HTML is the same as without it."""
        fenced = md.preprocessors["fenced_code_block"]
        if (
            self.plain
            and language == "text"
            and set(options) <= {"title"}
            and not any(kwargs.values())
        ):
            return plain_text(src, options.get("title", ""))
        if not self.enabled or "title_mode" in options:
            return fenced.highlight(src=src, language=language, options=options, md=md, **kwargs)
        key = repr((src, language, sorted(options.items()), sorted(kwargs.items())))
        if key not in self.blocks:
            self.blocks[key] = fenced.highlight(
                src=src, language=language, options=options, md=md, **kwargs
            )
        return self.blocks[key]


def plain_text(src: str, title: str) -> str:
    """An output block as pymdownx.highlight renders a `text` block with the site's options
    (Pygments' text lexer: newlines around stripped, HTML escaped), without a lexer and a
    formatter per block: half the blocks, a third of the highlighting time. The same HTML
    (tests/test_hooks.py); used only while pymdownx.highlight has no options."""
    code = html.escape(src.replace("\r\n", "\n").replace("\r", "\n").strip("\n"), quote=False)
    title = html.escape(title.strip(), quote=False)
    head = f'<span class="filename">{title}</span>' if title else ""
    return f'<div class="highlight">{head}<pre><span></span><code>{code}\n</code></pre></div>'


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates in memory (jinja2.BytecodeCache's public interface): the second
    language's build loads what the first compiled. Jinja recompiles a template whose source
    changed (the bucket holds the source's checksum)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.compiled.clear()


HIGHLIGHTED = Highlighted()
TEMPLATES = CompiledTemplates()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if outermost(config):
        HIGHLIGHTED.reset(config)
        TEMPLATES.clear()
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences = superfences.setdefault("custom_fences", [])
    if not any(fence.get("name") == "*" for fence in fences):
        fences.append(
            {
                "name": "*",
                "class": "highlight",
                "format": HIGHLIGHTED.format,
                "validator": highlight_validator,
            }
        )
    return config


@event_priority(-200)  # after the plugins set up the environment
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = TEMPLATES
    return env
