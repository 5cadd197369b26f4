"""MkDocs hooks (mkdocs.yml `hooks:`): what the plugins do not do, or get wrong; each says why.

- Notebook pages: each committed notebook (docs/<lang>/notebooks/) is turned into Markdown and
  rendered like a lesson (titles, copy buttons, MathML, page weight, phone layout), with the
  .ipynb itself beside the page for download.
- Formulas become MathML at build time; one search index per language; the language switcher
  leads to the same page (and keeps the #anchor); per-page facts, Open Graph and hreflang.
- The 404 page shows the reader's language where a host serves only the root 404.html.
- llms.txt per language, listing every lesson.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import logging
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from latex2mathml.converter import convert as latex_to_mathml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils import yaml_load

# Nothing is imported from the package tools: MkDocs loads this file with the folder tools/ on
# sys.path, not the repository, so `tools.*` is not importable here.
CHECKER = "exercise-checker"  # the checker cell's id (tools/notebooks.py)

# pymdownx.arithmatex (generic mode) wraps $...$ as \(...\) and $$...$$ as \[...\].
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>',
    re.DOTALL,
)
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">.*?"base": ")([^"]*)(")')
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# `path.py:12: UserWarning: message` and the source line Python prints under it.
WARNING = re.compile(r"^[^\n]*?:\d+: (?P<warning>\w+Warning: [^\n]*)\n(?:  [^\n]*\n)?", re.M)
OL_START = re.compile(r"<!-- ol-start=(\d+) -->\s*<ol>")
LESSON_HEADING = re.compile(r"^#{2,6}\s+(?P<title>.*?)\s*\{[^}]*#(?P<anchor>[\w-]+)[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
OUTPUT_TITLE = {"es": "Salida", "en": "Output"}
OG_LOCALE = {"es": "es_ES", "en": "en_US"}

# For llms.txt, as each language's build goes: its navigation (section, page URL) in reading
# order, and each page's (title, description).
NAV_ORDER: dict[str, list[tuple[str, str]]] = {}
PAGE_INFO: dict[tuple[str, str], tuple[str, str]] = {}
NOT_FOUND: dict[str, str] = {}  # the 404 page as each language's build rendered it
DEFAULT_TEXTS: dict[str, object] = {}


def languages(config):
    """(default language, other languages) from static-i18n's settings."""
    codes = [
        (language.locale, language.default) for language in config.plugins["i18n"].config.languages
    ]
    return next(code for code, default in codes if default), [c for c, d in codes if not d]


def current_language(config) -> str:
    return config.plugins["i18n"].current_language or languages(config)[0]


# --- Notebooks as pages -------------------------------------------------------------------


@event_priority(-200)  # after static-i18n's on_files (-100), which rebuilds every File
def on_files(files, config):
    # A notebook is a page of its own (notebooks/graph/) with the .ipynb beside it for download.
    # static-i18n rebuilds every File, so this runs after it; the "edit this page" link of a
    # notebook, which is generated, leads to its lesson's source.
    for file in list(files):
        if not file.src_uri.endswith(".ipynb"):
            continue
        folder, name = posixpath.split(file.dest_uri)
        stem = name.removesuffix(".ipynb")
        file.is_documentation_page = lambda: True
        file.dest_uri = posixpath.join(folder, stem, "index.html")
        file.url = posixpath.join(folder, stem) + "/"
        file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))
        file.edit_uri = file.src_uri.replace("/notebooks/", "/lessons/").removesuffix(".ipynb")
        file.edit_uri += ".md"
        download = posixpath.join(folder, stem, name)
        files.append(File.generated(config, download, abs_src_path=file.abs_src_path))
    return files


def on_page_read_source(page, config):
    if page.file.src_uri.endswith(".ipynb"):
        return notebook_markdown(Path(page.file.abs_src_path), config)
    return None


def lesson_facts(lesson: Path) -> tuple[dict, dict[str, str]]:
    """A lesson's front matter, and its headings' anchors by title."""
    text = lesson.read_text(encoding="utf-8")
    meta = {}
    if text.startswith("---\n"):
        meta = yaml.safe_load(text[4 : text.index("\n---\n", 4)]) or {}
    anchors, fenced = {}, False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        found = None if fenced else LESSON_HEADING.match(line)
        if found:
            anchors[found["title"]] = found["anchor"]
    return meta, anchors


def fence(code: str, info: str) -> str:
    ticks = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", code))])
    return f"{ticks}{info}\n{code}\n{ticks}"


def output_text(output: dict) -> tuple[str, str]:
    """('text', what a notebook shows) or ('html', an image) for one output."""
    kind = output["output_type"]
    if kind == "stream" and output["name"] == "stderr":  # a warning, as the lesson shows it
        return "text", WARNING.sub(r"\g<warning>\n", ANSI.sub("", "".join(output["text"])))
    if kind == "stream":
        return "text", ANSI.sub("", "".join(output["text"]))
    if kind == "error":
        return "text", ANSI.sub("", "\n".join(output["traceback"]))
    data = output.get("data", {})
    for mime in ("image/png", "image/jpeg", "image/svg+xml"):
        if mime in data:
            raw = "".join(data[mime])
            payload = base64.b64encode(raw.encode()).decode() if mime.endswith("xml") else raw
            return "html", f'<p><img alt="" src="data:{mime};base64,{payload.strip()}"></p>'
    return "text", "".join(data.get("text/plain", ""))


def numbered_lists(lines: list[str]) -> list[str]:
    """Mark where a numbered list starts at another number than 1 (an exercise list, cut by the
    cells of each exercise): Python-Markdown numbers every list from 1 (see on_page_content)."""
    out, previous = [], ""
    for line in lines:
        start = re.match(r"(\d+)\. ", line)
        if start and start[1] != "1" and not re.match(r"\d+\. ", previous):
            out += [f"<!-- ol-start={start[1]} -->", ""]
        if line.strip() and not line.startswith(" "):
            previous = line
        out.append(line)
    return out


def notebook_site_url(config) -> str:
    """mkdocs.yml's own site_url, whatever SITE_URL says: the one the committed notebooks link
    to (tools/notebooks.py: notebook_site_url)."""
    return default_site_url(config.config_file_path)


@functools.cache  # one read per build, not one per notebook page
def default_site_url(config_file: str) -> str:
    saved = {key: os.environ.pop(key) for key in ("SITE_URL", "REPO_URL") if key in os.environ}
    try:
        with open(config_file, encoding="utf-8") as file:
            return yaml_load(file)["site_url"]
    finally:
        os.environ.update(saved)


def notebook_markdown(path: Path, config) -> str:
    """The notebook as a lesson-like page: its Markdown cells, each code cell as a code block
    and its outputs as an output block; links to the site become links between pages (so
    MkDocs checks them and they follow any address), headings keep the lesson's anchors."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    lang = path.parent.parent.name
    lesson = path.parent.parent / "lessons" / f"{path.stem}.md"
    meta, anchors = lesson_facts(lesson)
    site_url = notebook_site_url(config).rstrip("/") + "/"
    own = site_url if lang == "es" else f"{site_url}{lang}/"
    # Each language's pages are under its own root; a page keeps its name in every language.
    link = re.compile(rf"\]\({re.escape(own)}(?P<path>[^)#\s]*)(?P<anchor>#[^)\s]*)?\)")

    def relative(found: re.Match) -> str:
        target = found["path"]
        if not target or target.endswith("/"):
            target = (target.rstrip("/") or "index") + ".md"
        return f"](../{target}{found['anchor'] or ''})"

    def heading(line: str) -> str:
        title = re.match(r"^#{2,6}\s+(.*?)\s*$", line)
        anchor = anchors.get(title[1]) if title else None
        return f"{line} {{ #{anchor} }}" if anchor else line

    front = {
        "description": meta.get("description", ""),
        "search": {"exclude": True},  # search finds the lesson; this repeats it word for word
        **{
            key: meta[key]
            for key in ("outputs_date", "translation_of", "translated_on")
            if key in meta
        },
    }
    parts = [f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n"]
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            lines = [heading(line) if line[:2] == "##" else line for line in source.split("\n")]
            parts.append(link.sub(relative, "\n".join(numbered_lists(lines))))
            continue
        # The checker, folded, is shown as plain text: highlighted, it weighed 20 KB a page.
        block = [fence(source, "text" if cell.get("id") == CHECKER else "python")]
        shown = [output_text(output) for output in cell.get("outputs", [])]
        text = "".join(value for kind, value in shown if kind == "text").rstrip("\n")
        if text:
            block.append(fence(text, f' title="{OUTPUT_TITLE[lang]}"'))
        block += [value for kind, value in shown if kind == "html"]
        if cell.get("id") == CHECKER:  # folded, as JupyterLab and Colab show it
            title = source.partition("\n")[0].removeprefix("# @title ").split(" (")[0]
            body = "\n\n".join(block).replace("\n", "\n    ")
            block = [f'??? note "{title}"\n\n    {body}']
        parts.append("\n\n".join(block))
    return "\n\n".join(parts) + "\n"


# --- Formulas -----------------------------------------------------------------------------


def convert(tex: str, display: str) -> str:
    """A formula as MathML; each is converted once (both languages have it), and kept."""
    return FORMULAS.get(repr((tex, display)), lambda: latex_to_mathml(tex, display=display))


@event_priority(100)  # before the search plugin reads the page
def on_page_content(content, page, config, files):
    # Formulas become MathML when the site is built, which browsers render natively: no maths
    # script or font is fetched at page load, and the page works offline.
    def mathml(tex, display):
        try:
            if display == "block":  # scrolls sideways on a narrow screen, as code does
                return f'<div class="math-display">{convert(tex, display=display)}</div>'
            # A browser never breaks a line inside a formula: a long one is cut where TeX would
            # break it, before each top-level relation, with a line break opportunity there.
            return "<wbr>".join(convert(part, display=display) for part in relation_parts(tex))
        except Exception as error:
            message = f"{page.file.src_path}: cannot render formula {tex!r}: {error}"
            raise PluginError(message) from error

    kind = {"[": "block", "(": "inline"}
    content = MATH.sub(lambda m: mathml(html.unescape(m["tex"]), kind[m["open"]]), content)
    if page.file.src_uri.endswith(".ipynb"):  # an exercise list cut by code cells goes on
        content = OL_START.sub(r'<ol start="\1">', content)
    return content


RELATION = re.compile(r"\\(?:approx|neq|leq|geq|le|ge|to)(?![A-Za-z])|[=<>]")
UNBREAKABLE = re.compile(r"\\(?:left|right|begin|end|big|Big)")


def relation_parts(tex: str) -> list[str]:
    """`a = b + c = d` -> ["a", "= b + c", "= d"]: cut before each relation outside braces."""
    if UNBREAKABLE.search(tex):
        return [tex]
    parts, start, depth = [], 0, 0
    for index, char in enumerate(tex):
        depth += {"{": 1, "}": -1}.get(char, 0)
        cut = depth == 0 and tex[start:index].strip() and tex[index - 1] != "\\"
        if cut and RELATION.match(tex, index):
            parts.append(tex[start:index])
            start = index
    parts.append(tex[start:])
    return parts


# --- Per-page context: switcher, facts, sharing --------------------------------------------


def repository(config) -> tuple[str, str]:
    """(repository URL, branch) of "edit this page", e.g. edit_uri `edit/main/docs/`."""
    branch = (config.edit_uri or "edit/main/").strip("/").split("/")[1]
    return config.repo_url.rstrip("/"), branch


@event_priority(-100)  # after static-i18n (50), which resets the switcher on every page
def on_page_context(context, page, config, nav):
    # static-i18n points the switcher of home and notebook pages at the other language's home,
    # by absolute URLs that break under a sub-path. Every page exists in both languages at the
    # same path (tests/test_parity.py), so link to it; Material's `url` filter makes it relative.
    # (static-i18n sets `config.extra.alternate` as an attribute, which templates read first.)
    default, _ = languages(config)
    lang = getattr(page.file, "locale_alternate_of", default)
    path = page.url
    for alternate in getattr(config.extra, "alternate", None) or []:
        path = path.removeprefix(f"{alternate['lang']}/")
    site_url = config.site_url.rstrip("/") + "/"
    hreflang = []
    for alternate in getattr(config.extra, "alternate", None) or []:
        prefix = "" if alternate["lang"] == default else f"{alternate['lang']}/"
        alternate["link"] = f"{prefix}{path}" or "./"
        hreflang.append((alternate["lang"], f"{site_url}{prefix}{path}"))
    hreflang.append(("x-default", f"{site_url}{path}"))
    context["page_lang"] = lang
    context["is_home"] = path == ""
    context["hreflang"] = hreflang
    context["og_locale"] = OG_LOCALE.get(lang, lang)
    context["og_alternate_locales"] = [OG_LOCALE.get(code, code) for code, _ in hreflang[:-1]]
    src = page.file.src_uri
    if lang != default and page.meta.get("translation_of"):
        original = "../" * page.url.count("/") + path
        context["translation"] = {"hash": page.meta["translation_of"], "url": original or "./"}
    repo, branch = repository(config)
    docs = Path(config.docs_dir).name
    colab = repo.replace("https://github.com/", "https://colab.research.google.com/github/")
    name = posixpath.basename(src).rsplit(".", 1)[0]
    if "/lessons/" in src:
        notebook = src.replace("/lessons/", "/notebooks/").removesuffix(".md") + ".ipynb"
        here = f"../../notebooks/{name}/"
        context["notebook_links"] = {
            "view": here,
            "download": f"{here}{name}.ipynb",
            "colab": f"{colab}/blob/{branch}/{docs}/{notebook}",
        }
    elif "/notebooks/" in src:
        context["notebook_links"] = {
            "lesson": f"../../lessons/{name}/",
            "download": f"{name}.ipynb",
            "colab": f"{colab}/blob/{branch}/{docs}/{src}",
        }
    PAGE_INFO[(lang, page.url)] = (page.title, page.meta.get("description", ""))
    return context


@event_priority(-200)  # after static-i18n (-100) translated the section titles
def on_nav(nav, config, files):
    order = NAV_ORDER.setdefault(current_language(config), [])
    order.clear()

    def walk(items, section):
        for item in items:
            if item.is_page:
                order.append((section, item.url))
            elif item.is_section:
                walk(item.children, item.title)

    walk(nav.items, "")
    return nav


def on_post_page(output, page, config):
    default, _ = languages(config)
    # Material has one search index for the whole site, so results mix languages (its issue 271).
    # split_search_index writes one index per language; here an English page's search is pointed
    # at the English one, by making Material's base the English root.
    lang = getattr(page.file, "locale_alternate_of", default)
    if lang == default:
        return output
    return CONFIG_BASE.sub(lambda m: f"{m[1]}{m[2]}/{lang}/{m[3]}", output, count=1)


# --- The 404 page ---------------------------------------------------------------------------


# --- Build time ---------------------------------------------------------------------------
# Each language is a build of its own (static-i18n), and their code blocks are the same: each is
# highlighted once, and kept in .cache/ for the next build. An output block (plain text) needs
# no lexer: it is escaped as Pygments would. Templates are compiled once and kept in .cache/.


class Store:
    """What a build computed, by key, kept in .cache/<name>.json for the next build. It is valid
    for one `version` (what else the values depend on: the tools' versions and options); only
    the entries a build used are written back."""

    def __init__(self, name: str) -> None:
        self.name, self.values, self.used = name, {}, set()

    def load(self, config, version: str) -> None:
        if hasattr(self, "version"):  # each language's build configures again: once is enough
            return
        self.path = Path(config.config_file_path).parent / ".cache" / f"{self.name}.json"
        self.version = version
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, or unreadable: start afresh
            return
        if stored.get("version") == version:
            self.values.update(stored["values"])

    def get(self, key: str, make):
        self.used.add(key)
        if key not in self.values:
            self.values[key] = make()
        return self.values[key]

    def save(self) -> None:
        values = {key: self.values[key] for key in sorted(self.used) if key in self.values}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        stored = json.dumps({"version": self.version, "values": values}, ensure_ascii=False)
        partial = self.path.with_suffix(f".{os.getpid()}.part")  # builds may run side by side
        partial.write_text(stored, encoding="utf-8")
        partial.replace(self.path)


HIGHLIGHTS, FORMULAS, SEARCH = Store("highlights"), Store("formulas"), Store("search")
PAGES = Store("pages")


def load_stores(config) -> None:
    from importlib.metadata import version

    options = [e for e in config["markdown_extensions"] if "highlight" in str(e)]
    HIGHLIGHTS.load(config, repr((version("pygments"), version("pymdown-extensions"), options)))
    FORMULAS.load(config, version("latex2mathml"))
    tools = ("markdown", "pymdown-extensions", "mkdocs", "mkdocs-material", "mkdocs-static-i18n")
    markdown = (
        config["markdown_extensions"],
        config["mdx_configs"],
        config["validation"],
        config["use_directory_urls"],
    )
    PAGES.load(config, repr(([version(name) for name in tools], markdown, snippets_digest(config))))
    search = next(plugin for name, plugin in config.plugins.items() if name.endswith("search"))
    SEARCH.load(config, repr((version("mkdocs-material"), sorted(dict(search.config).items()))))


def fast_highlighting():
    from pygments.formatters.html import HtmlFormatter
    from pymdownx.superfences import SuperFencesBlockPreprocessor

    original = SuperFencesBlockPreprocessor.highlight
    if getattr(original, "fast", False):
        return

    def highlight(self, src="", language="", options=None, md=None, **kwargs):
        options = options or {}
        plain = language == "text" and set(options) <= {"title"} and not any(kwargs.values())

        def make() -> str:
            if plain and "title" in options:  # an output block: what Pygments' text lexer gives
                title, code = (html.escape(text, quote=False) for text in (options["title"], src))
                head = f'<div class="highlight"><span class="filename">{title}</span>'
                return f"{head}<pre><span></span><code>{code}\n</code></pre></div>"
            return original(self, src, language, options, md, **kwargs)

        # The HTML depends on these alone (and on the store's version).
        return HIGHLIGHTS.get(repr((src, language, sorted(options.items()), kwargs)), make)

    stylesheets: dict[tuple, tuple[dict, dict]] = {}
    create_stylesheet = HtmlFormatter._create_stylesheet

    def stylesheet_once(formatter):  # per formatter, that is per code block, it took a third
        key = (formatter.style, formatter.classprefix)
        if key not in stylesheets:
            create_stylesheet(formatter)
            stylesheets[key] = (formatter.ttype2class, formatter.class2style)
        formatter.ttype2class, formatter.class2style = map(dict, stylesheets[key])

    highlight.fast = True
    SuperFencesBlockPreprocessor.highlight = highlight
    HtmlFormatter._create_stylesheet = stylesheet_once


def snippets_digest(config) -> str:
    """The files pages include (pymdownx.snippets' base_path): a page's HTML depends on them."""
    digest = hashlib.sha256()
    options = config["mdx_configs"].get("pymdownx.snippets", {})
    root = Path(config.config_file_path).parent
    for base in options.get("base_path", []):
        for path in sorted((root / base).rglob("*")):
            if path.is_file():
                digest.update(f"{path.relative_to(root)}\n".encode() + path.read_bytes())
    return digest.hexdigest()


class CapturedLogs(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def toc_tokens(items) -> list[dict]:
    return [
        {"level": i.level, "id": i.id, "name": i.title, "children": toc_tokens(i.children)}
        for i in items
    ]


def on_pre_page(page, config, files):
    """Render a page only when something it is made of changed since a previous build: its
    Markdown, its place, the site's files, the included snippets, the Markdown options and the
    tools' versions (PAGES' key and version). What the render gave is kept: the HTML, the table
    of contents, the anchors and links to anchors MkDocs validates, and what it logged, which is
    logged again (a warning still fails a strict build)."""
    render = page.render

    def cached_render(config, files):
        site = sorted((f.src_uri, f.dest_uri) for f in files)
        key = hashlib.sha256(repr((page.markdown, page.file.src_uri, page.url, site)).encode())

        def make() -> dict:
            logs = CapturedLogs()
            logging.getLogger("mkdocs").addHandler(logs)
            try:
                render(config, files)
            finally:
                logging.getLogger("mkdocs").removeHandler(logs)
            links = page.links_to_anchors or {}
            return {
                "content": page.content,
                "toc": toc_tokens(page.toc),
                "title": page._title_from_render,
                "anchors": sorted(page.present_anchor_ids or ()),
                "links": {f.src_uri: dict(anchors) for f, anchors in links.items()},
                "logs": logs.records,
            }

        quiet = not logging.getLogger("mkdocs").isEnabledFor(logging.INFO)
        if quiet and key.hexdigest() not in PAGES.values:
            return render(config, files)  # (-q) it would not see what the render logs to keep it
        before = len(PAGES.values)
        rendered = PAGES.get(key.hexdigest(), make)
        if len(PAGES.values) == before:  # from a previous build: as if rendered now
            page.content, page.toc = rendered["content"], get_toc(rendered["toc"])
            page._title_from_render = rendered["title"]
            page.present_anchor_ids = set(rendered["anchors"])
            page.links_to_anchors = {
                files.get_file_from_path(src): anchors for src, anchors in rendered["links"].items()
            }
            for name, level, message in rendered["logs"]:
                logging.getLogger(name).log(level, message)

    page.render = cached_render
    return page


HIGHLIGHTED = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
SPAN = re.compile(r"</?span\b[^>]*>")


def faster_search_indexing():
    """Material's search reads each page's HTML with Python's HTMLParser: a page it has read in
    a previous build (same HTML, address, title, headings and front matter) gives the entries it
    gave then. Most of the tags are the <span>s of highlighted code: it reads the code's text
    without them (the same index, in half the time)."""
    from material.plugins.search.plugin import SearchIndex

    original = SearchIndex.add_entry_from_context
    if getattr(original, "fast", False):
        return

    def add_entry_from_context(self, page):
        content = page.content

        def make() -> list[dict]:
            before = len(self.entries)
            page.content = HIGHLIGHTED.sub(lambda m: SPAN.sub("", m.group()), content)
            try:
                original(self, page)
            finally:
                page.content = content
            return self.entries[before:]

        toc = [(item.url, item.title) for item in page.toc]
        key = hashlib.sha256(repr((content, page.url, page.title, toc, page.meta)).encode())
        before = len(self.entries)
        entries = SEARCH.get(key.hexdigest(), make)
        if len(self.entries) == before:  # known: add what indexing the page added last time
            self.entries.extend(entries)

    add_entry_from_context.fast = True
    SearchIndex.add_entry_from_context = add_entry_from_context


def on_env(env, config, files):
    from jinja2 import FileSystemBytecodeCache

    folder = Path(config.config_file_path).parent / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


@event_priority(100)  # before static-i18n (-100) reconfigures the first build for its language
def on_config(config):
    load_stores(config)
    fast_highlighting()
    faster_search_indexing()
    # The default language's own texts, which later builds of other languages overwrite.
    if not DEFAULT_TEXTS:
        DEFAULT_TEXTS["not_found"] = dict(config.extra.get("not_found") or {})
        DEFAULT_TEXTS["palette"] = [
            p.get("toggle", {}).get("name", "") for p in config.theme["palette"]
        ]
        DEFAULT_TEXTS["site_name"] = config.site_name
        DEFAULT_TEXTS["site_description"] = config.site_description
    return config


def on_template_context(context, template_name, config):
    if template_name != "404.html":
        return context
    # Served at any address, so its switcher leads to each language's home (the page-relative
    # links static-i18n left from the last page rendered would lead anywhere), and it carries
    # every language's texts: overrides/404.html shows the one of the address.
    default, _ = languages(config)
    for alternate in getattr(config.extra, "alternate", None) or []:
        alternate["link"] = "" if alternate["lang"] == default else f"{alternate['lang']}/"
    found = []
    for language in config.plugins["i18n"].config.languages:
        extra, theme = language.extra or {}, language.theme or {}
        palette = [p.get("toggle", {}).get("name", "") for p in theme.get("palette", [])]
        found.append(
            {
                "code": language.locale,
                "prefix": "" if language.locale == default else f"{language.locale}/",
                "site_name": language.site_name or config.site_name,
                "texts": extra.get("not_found") or DEFAULT_TEXTS["not_found"],
                "palette": palette or DEFAULT_TEXTS["palette"],
            }
        )
    context["not_found"] = {
        "base": urlsplit(config.site_url).path.rstrip("/"),
        "default": default,
        "languages": found,
    }
    return context


def on_post_template(output, template_name, config):
    # Each language's build renders 404.html to the site's root; the default language's stays
    # there (it turns English under /en/ by itself), another language's goes to its folder,
    # for hosts that serve the nearest 404.html.
    if template_name != "404.html":
        return output
    default, _ = languages(config)
    lang = current_language(config)
    NOT_FOUND[lang] = output
    if lang == default:
        return output
    target = Path(config.site_dir) / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return NOT_FOUND.get(default, output)


# --- After the build: search per language, llms.txt -----------------------------------------


@event_priority(-200)  # after static-i18n (-100) merged every language into one search index
def after_all_languages(config):
    i18n = config.plugins["i18n"]
    if i18n.building:  # the nested build of another language: the index is not complete yet
        return
    split_search_index(config)
    for store in (HIGHLIGHTS, FORMULAS, SEARCH, PAGES):
        store.save()
    write_llms_txt(config)


def split_search_index(config):
    default, others = languages(config)
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    for lang in [default, *others]:
        prefix = "" if lang == default else f"{lang}/"
        docs = [
            {**doc, "location": doc["location"].removeprefix(prefix)}
            for doc in index["docs"]
            if (
                doc["location"].startswith(prefix)
                if prefix
                else not any(doc["location"].startswith(f"{o}/") for o in others)
            )
        ]
        target = Path(config.site_dir) / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        language_index = {"config": {**index["config"], "lang": [lang]}, "docs": docs}
        target.write_text(json.dumps(language_index, ensure_ascii=False), encoding="utf-8")


def write_llms_txt(config):
    """/llms.txt and /en/llms.txt (llmstxt.org): every page in reading order, by section.

    Not mkdocs-llmstxt (0.5.1): it writes one llms.txt at the site's root per build, so with
    static-i18n the English build overwrites the Spanish one; its page list cannot tell the
    languages apart; and it would bring four more dependencies for these few lines."""
    default, others = languages(config)
    i18n = {language.locale: language for language in config.plugins["i18n"].config.languages}
    site_url = config.site_url.rstrip("/") + "/"
    for lang in [default, *others]:
        name = i18n[lang].site_name or DEFAULT_TEXTS["site_name"]
        description = i18n[lang].site_description or DEFAULT_TEXTS["site_description"]
        lines = [f"# {name}", "", f"> {' '.join(description.split())}"]
        section = None
        for part, url in NAV_ORDER.get(lang, []):
            title, summary = PAGE_INFO.get((lang, url), (url, ""))
            title = html.unescape(re.sub(r"<[^>]+>", "", title))
            if part != section or not part:  # a page outside the sections is a section alone
                lines += ["", f"## {part or title}", ""]
                section = part
            entry = f"- [{title}]({site_url}{url})"
            lines.append(entry + (f": {summary}" if summary else ""))
        prefix = "" if lang == default else f"{lang}/"
        target = Path(config.site_dir) / prefix / "llms.txt"
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")


on_post_build = CombinedEvent(after_all_languages)
