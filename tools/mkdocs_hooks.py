"""MkDocs hooks (mkdocs.yml `hooks:`): small fixes to plugins, each with the reason."""

import html
import re

from latex2mathml.converter import convert
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# pymdownx.arithmatex (generic mode) wraps $...$ as \(...\) and $$...$$ as \[...\].
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]\s*</(?P=tag)>',
    re.DOTALL,
)


def on_page_content(content, page, config, files):
    # Formulas become MathML when the site is built, which browsers render natively: no maths
    # script or font is fetched at page load, and the page works offline.
    def mathml(found):
        tex = html.unescape(found["tex"])
        display = "block" if found["open"] == "[" else "inline"
        try:
            return convert(tex, display=display)
        except Exception as error:
            message = f"{page.file.src_path}: cannot render formula {tex!r}: {error}"
            raise PluginError(message) from error

    return MATH.sub(mathml, content)


@event_priority(-100)  # after static-i18n (50), which resets the switcher on every page
def on_page_context(context, page, config, nav):
    # static-i18n points the home pages' language switcher at absolute "/" and "/en/", which break
    # when the site is served from a sub-path; the alternate page's own URL is made relative by
    # Material's `url` filter like every other link. (static-i18n sets `config.extra.alternate`
    # as an attribute, which templates read first.)
    for alternate in getattr(config.extra, "alternate", None) or []:
        target = getattr(page.file, "alternates", {}).get(alternate["lang"])
        if target is not None:
            alternate["link"] = target.url or "./"
    return context
