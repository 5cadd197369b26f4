"""Every code block a reader sees comes from a fence the doc tests read: no side door.

The page reader (tools/pages.py) runs or refuses every fence it finds; a block it does not find
(Markdown's indented code, a raw `<pre>`) would be shown, copyable, and never checked. So each built
page has as many `<pre>` blocks in its article as its source has fences.
"""

import re
from pathlib import Path

import markdown
import pytest

from tools.pages import DOCS, all_pages, read_fences, site_config


def pre_blocks(html: str) -> int:
    article = html.split("<article", 1)[1].split("</article>", 1)[0] if "<article" in html else html
    return len(re.findall(r"<pre\b", article))


def built(site: Path, page: Path) -> Path:
    lang, *rest = page.relative_to(DOCS).parts
    relative = Path(*rest)
    folder = Path() if relative.name == "index.md" else relative.with_suffix("")
    return site / ("" if lang == "es" else lang) / folder / "index.html"


@pytest.mark.parametrize("page", all_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_code_block_on_the_page_is_a_fence_the_tests_read(site, page):
    fences = len(read_fences(page, page.read_text(encoding="utf-8")))
    html = built(site, page).read_text(encoding="utf-8")
    assert pre_blocks(html) == fences, (
        f"{page.relative_to(DOCS.parent)} shows {pre_blocks(html)} code blocks but has {fences} "
        "fences: a block not written as a fence (indented code, raw HTML) is never checked; "
        "fix: write it as a ```python include, or as an output block after one"
    )


def test_an_indented_code_block_is_a_side_door_the_check_sees():
    """Markdown renders 4-space-indented text as code; no fence, so the reader cannot see it."""
    text = "# Page\n\nTyped code:\n\n    x = torch.ones(3)\n    print(x)\n"
    extensions = site_config()["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    html = markdown.markdown(text, extensions=[e for e in names if e != "pymdownx.snippets"])
    assert pre_blocks(html) == 1
    assert len(read_fences(Path("page.md"), text)) == 0
