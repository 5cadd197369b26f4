"""The page check `description`: the front matter's description is one sentence of at most 160
characters, which says what the reader will learn (search engines and link previews show it,
and cut what is longer). What counts as a sentence is tools/sentences.py's.
"""

from __future__ import annotations

from tools import prose
from tools.pages import Page, display
from tools.sentences import sentences

LONGEST = 160  # characters: what search results and link previews show whole
FIX = f"one sentence of at most {LONGEST} characters that says what the reader will learn"


def problems(page: Page) -> list[str]:
    where = f"{display(page.path)}:{description_line(page)}"
    description = page.meta.get("description")
    if not isinstance(description, str) or not description.strip():
        return [
            f'{where}: the page has no description; fix: add `description: "…"` to the '
            f"front matter, {FIX}"
        ]
    found = []
    if len(description) > LONGEST:
        found.append(f"{where}: the description is {len(description)} characters long; fix: {FIX}")
    said = [s for s in sentences(page.path, page.text) if s.kind_at(0) == prose.DESCRIPTION]
    if len(said) > 1:
        found.append(
            f"{where}: the description is {len(said)} sentences («{said[1].shown}» is the "
            f"second); fix: {FIX}"
        )
    if not description.rstrip().endswith((".", "?", "!")):
        found.append(
            f"{where}: the description does not end a sentence; fix: end it with a full stop, {FIX}"
        )
    return found


def description_line(page: Page) -> int:
    """The line of `description:` in the front matter (the first line if there is none)."""
    span = next((s for s in prose.spans(page.path, page.text) if s.kind == prose.DESCRIPTION), None)
    return span.line if span else 1
