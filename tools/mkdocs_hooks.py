"""MkDocs hooks (mkdocs.yml `hooks:`): small fixes to plugins, each with the reason."""

import hashlib
import html
import json
import re
from pathlib import Path

from latex2mathml.converter import convert
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.toc import get_toc

# pymdownx.arithmatex (generic mode) wraps $...$ as \(...\) and $$...$$ as \[...\].
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>',
    re.DOTALL,
)

THIRD_PARTY_SCRIPTS = re.compile(
    r'<script src=""> </script>|<script type="text/x-mathjax-config">.*?</script>'
    r"|<script[^>]*>(?:(?!</script>).)*?cdnjs\.cloudflare\.com.*?</script>",
    re.DOTALL,
)
STYLE_BLOCK = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)
STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)
HEADING = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)</h\1>', re.DOTALL)
NOTEBOOK_DISPLAY_MATH = re.compile(r"\$\$(?P<tex>.+?)\$\$", re.DOTALL)
NOTEBOOK_INLINE_MATH = re.compile(r"(?<![\\$])\$(?P<tex>[^$\n]+?)\$")


@event_priority(-200)  # after static-i18n's on_files (-100), which rebuilds every File
def on_files(files, config):
    # static-i18n replaces mkdocs-jupyter's notebook files with plain Files, and MkDocs then
    # copies each notebook's raw JSON to its index.html (mkdocs-static-i18n issue 198).
    for file in files:
        if file.src_uri.endswith(".ipynb"):
            file.is_documentation_page = lambda: True
    return files


@event_priority(100)  # before the search plugin reads the page
def on_page_content(content, page, config, files):
    # Formulas become MathML when the site is built, which browsers render natively: no maths
    # script or font is fetched at page load, and the page works offline.
    def mathml(tex, display):
        try:
            return convert(html.unescape(tex), display=display)
        except Exception as error:
            message = f"{page.file.src_path}: cannot render formula {tex!r}: {error}"
            raise PluginError(message) from error

    kind = {"[": "block", "(": "inline"}
    content = MATH.sub(lambda m: mathml(m["tex"], kind[m["open"]]), content)
    if page.file.src_uri.endswith(".ipynb"):
        content = shared_notebook_css(content, page, config)  # first: it shrinks the page tenfold
        # mkdocs-jupyter's HTML loads MathJax and mermaid from CDNs: third-party requests that
        # fail offline. Drop those scripts, and render the notebook's $...$ maths as above.
        content = THIRD_PARTY_SCRIPTS.sub("", content)
        content = NOTEBOOK_DISPLAY_MATH.sub(lambda m: mathml(m["tex"], "block"), content)
        content = NOTEBOOK_INLINE_MATH.sub(lambda m: mathml(m["tex"], "inline"), content)
        notebook_toc(content, page)
        # Search finds the lesson itself; the notebook repeats its text word for word.
        page.meta["search"] = {"exclude": True}
        # A notebook links to the deployed site (so links work in Jupyter and Colab); on the
        # site itself those links become relative, and work offline and under any address.
        root = "../" * page.url.count("/")
        for attribute in ("href", "src"):
            content = content.replace(f'{attribute}="{config.site_url}', f'{attribute}="{root}')
    return content


def shared_notebook_css(content, page, config):
    """Every notebook page inlined the same ~600 KB of Jupyter CSS: serve it once, cached."""
    styles = "".join(STYLE.findall(content))
    if not styles:
        return content
    name = f"assets/stylesheets/jupyter-{hashlib.sha256(styles.encode()).hexdigest()[:12]}.css"
    target = Path(config.site_dir) / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(styles, encoding="utf-8")
    root = "../" * page.url.count("/")
    link = f'<link rel="stylesheet" href="{root}{name}">'
    return link + STYLE_BLOCK.sub("", content)


def notebook_toc(content, page):
    # mkdocs-jupyter builds the table of contents from its own Markdown rendering, whose ids
    # differ from the page's (code in a heading) and which turns a list item like "- `x`" into a
    # heading "-". Build it from the headings the page really has.
    tokens, stack = [], []
    for level, anchor, inner in HEADING.findall(content):
        name = html.unescape(re.sub(r"<[^>]+>|¶", "", inner)).strip()
        token = {"level": int(level), "id": anchor, "name": name, "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    page.toc = get_toc(tokens)


@event_priority(50)  # before mkdocs-jupyter's on_post_build (0) evicts "unused" cache entries
def keep_notebook_cache(config):
    # With static-i18n each language's build evicts the other language's entries, so the cache
    # never hit. Entries are keyed by the notebook's content, so keeping them all is safe.
    plugin = config.plugins.get("mkdocs-jupyter")
    cache = Path(plugin.config["cache_dir"]) if plugin else None
    if cache and cache.is_dir():
        plugin._used_cache_paths.update(cache.glob("*.json"))


@event_priority(-100)  # after static-i18n (50), which resets the switcher on every page
def on_page_context(context, page, config, nav):
    # static-i18n points the switcher of home and notebook pages at the other language's home,
    # by absolute URLs that break under a sub-path. Every page exists in both languages at the
    # same path (tests/test_parity.py), so link to it; Material's `url` filter makes it relative.
    # (static-i18n sets `config.extra.alternate` as an attribute, which templates read first.)
    languages = context["i18n_config"].languages
    default = next(language.locale for language in languages if language.default)  # at the root
    path = page.url
    for alternate in getattr(config.extra, "alternate", None) or []:
        path = path.removeprefix(f"{alternate['lang']}/")
    for alternate in getattr(config.extra, "alternate", None) or []:
        prefix = "" if alternate["lang"] == default else f"{alternate['lang']}/"
        alternate["link"] = f"{prefix}{path}" or "./"
    return context


CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">.*?"base": ")([^"]*)(")')


def languages(config):
    """(default language, other languages) from static-i18n's settings."""
    codes = [
        (language.locale, language.default) for language in config.plugins["i18n"].config.languages
    ]
    return next(code for code, default in codes if default), [c for c, d in codes if not d]


def on_post_page(output, page, config):
    default, _ = languages(config)
    # Material reads `sitemap.xml` next to each <link rel="alternate">, taking it for a language's
    # root (static-i18n points them at pages: a missing sitemap per page), then reroutes clicks
    # on the language switcher through it, landing on the home page when ports differ. The
    # switcher's own links already lead to the same page, and the sitemap lists each page's
    # alternates for search engines, so the <head> links go.
    output = re.sub(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">', "", output)
    # Material has one search index for the whole site, so results mix languages (its issue 271).
    # on_post_build writes one index per language; here an English page's search is pointed at
    # the English one, by making Material's base the English root.
    lang = getattr(page.file, "locale_alternate_of", default)
    if lang == default:
        return output
    return CONFIG_BASE.sub(lambda m: f"{m[1]}{m[2]}/{lang}/{m[3]}", output, count=1)


@event_priority(-200)  # after static-i18n (-100) merged every language into one search index
def split_search_index(config):
    i18n = config.plugins["i18n"]
    if i18n.building:  # the nested build of another language: the index is not complete yet
        return
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


on_post_build = CombinedEvent(keep_notebook_cache, split_search_index)
