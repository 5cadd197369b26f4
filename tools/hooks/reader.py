"""What the reader sees around a page's text (a MkDocs hook, mkdocs.yml `hooks:`).

- Output blocks are marked (`<div class="highlight output">`): the site's stylesheet wraps them,
  so an error message is read where it is shown.
- A picture links to its file, to be opened full size.
- Formulas set as TeX sets them: an operator name (`\\operatorname{mean}`) is a function name, not
  an operator spaced on both sides (latex2mathml writes `<mo>mean</mo>`: a double gap after `=`);
  the punctuation after an inline formula stays on its line.
- Inline code without a space (`grad_fn=<AddBackward0>`) is marked as one word: the stylesheet
  keeps it on one line instead of cutting it where a browser may break (after `=`).
- Reading times: each page's, and each part's on the home page (after the part's heading).
- A lesson's place in its part (which of how many, the next lesson or the next part), the dates
  under the title in the page's language (Babel), long and short, and whether the page shows
  outputs at all (the "verified with PyTorch" line says so only then).

overrides/main.html renders what on_page_context adds; its texts are mkdocs.yml's `extra.reader`.
"""

from __future__ import annotations

import html
import math
import re
import sys
from datetime import date
from pathlib import Path

REPOSITORY = str(Path(__file__).resolve().parents[2])
if REPOSITORY not in sys.path:  # MkDocs loads a hook by its path, with only its folder on sys.path
    sys.path.insert(0, REPOSITORY)

from babel.dates import format_date
from mkdocs.plugins import event_priority

from tools.languages import DEFAULT, LANGUAGE

# Reading speeds, for an estimate a reader can plan with: prose as a careful technical reader
# reads it, and code a line at a time (read, and run or copied).
PROSE_WORDS_PER_MINUTE = 200
CODE_LINES_PER_MINUTE = 10

PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")
OPERATOR_NAME = re.compile(r"<mo>(?P<name>[A-Za-z]{2,})</mo>")
FORMULA_AND_STOP = re.compile(r"(<math\b[^>]*>(?:(?!</math>).)*</math>)([.,;:!?)]+)", re.DOTALL)
INLINE_CODE = re.compile(r"<code>(?P<code>[^<\s]+)</code>")
PICTURE = re.compile(r'<p>(<img\b[^>]*\bsrc="(?!data:)(?P<src>[^"]+)"[^>]*>)</p>')
H2 = re.compile(r"<h2\b[^>]*>.*?</h2>", re.DOTALL)
HREF = re.compile(r'href="(?P<href>[^"#]*)"')


def page_language(page, config) -> str:
    return config.plugins["i18n"].current_language or DEFAULT


def on_page_content(content, page, config, files):
    lang = page_language(page, config)
    title = html.escape(LANGUAGE[lang].output_title, quote=False)
    content = content.replace(
        f'<div class="highlight"><span class="filename">{title}</span>',
        f'<div class="highlight output"><span class="filename">{title}</span>',
    )
    content = PICTURE.sub(r'<p><a class="picture" href="\g<src>">\1</a></p>', content)
    content = OPERATOR_NAME.sub(r"<mi>\g<name></mi><mo>&#x2061;</mo>", content)
    content = FORMULA_AND_STOP.sub(r'<span class="formula-end">\1\2</span>', content)
    content = INLINE_CODE.sub(r'<code class="word">\g<code></code>', content)
    page.reading_minutes = reading_minutes(content)
    return content


def reading_minutes(content: str) -> int:
    code_lines = sum(len(TAG.sub("", block).strip().splitlines()) for block in PRE.findall(content))
    words = len(html.unescape(TAG.sub(" ", PRE.sub(" ", content))).split())
    return math.ceil(words / PROSE_WORDS_PER_MINUTE + code_lines / CODE_LINES_PER_MINUTE)


def duration(minutes: int, texts: dict) -> str:
    """About 45 min, about 1 h 20 min: to the nearest five minutes."""
    minutes = max(5, 5 * round(minutes / 5))
    hours, rest = divmod(minutes, 60)
    if not hours:
        return texts["minutes"].format(minutes=rest)
    if not rest:
        return texts["hours"].format(hours=hours)
    return texts["hours_minutes"].format(hours=hours, minutes=rest)


def day(value, lang: str) -> dict[str, str] | None:
    """An ISO date of the front matter as the page's language writes it: long and short."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, date):
        return None
    return {
        "iso": value.isoformat(),
        "long": format_date(value, "long", locale=lang),
        "short": format_date(value, "medium", locale=lang),
    }


@event_priority(-150)  # after the context of tools/hooks/page_context.py (-100)
def on_page_context(context, page, config, nav):
    lang = page_language(page, config)
    texts = config.extra["reader"]
    context["has_outputs"] = 'class="highlight output"' in page.content
    context["dates"] = {
        "outputs": day(page.meta.get("outputs_date"), lang),
        "translated": day(page.meta.get("translated_on"), lang),
    }
    context["part"] = part_place(page, nav, texts)
    if page.is_homepage or page.url.removeprefix(f"{lang}/") == "":
        page.content = with_part_times(page, nav, texts)
    return context


def nav_parts(nav) -> list:
    """The parts of the navigation: its top-level sections, in order."""
    return [item for item in nav.items if getattr(item, "is_section", False)]


def part_place(page, nav, texts) -> dict | None:
    """Where a lesson sits in its part of the navigation, and what the reader does next."""
    part = page.parent
    if part is None or not getattr(part, "is_section", False):
        return None
    lessons = [item for item in part.children if item.is_page]
    if page not in lessons:  # a page placed in a part without being one of its lessons
        return None
    parts = nav_parts(nav)
    index = lessons.index(page)
    place = {
        "title": part.title,
        "index": index + 1,
        "count": len(lessons),
        "lessons": lessons,
        "minutes": duration(getattr(page, "reading_minutes", 0), texts),
        "next": lessons[index + 1] if index + 1 < len(lessons) else None,
        "next_part": None,
    }
    following = parts[parts.index(part) + 1 :] if part in parts else []
    if place["next"] is None and following:
        first = next(item for item in following[0].children if item.is_page)
        place["next_part"] = {"title": following[0].title, "first": first}
    return place


def with_part_times(page, nav, texts) -> str:
    """After each heading of the home page that lists a part's lessons (all of them, as the
    navigation has them): how many, and how long they take to read, from the pages themselves.
    A section that links a lesson or two in passing ("before you start") gets no line."""
    minutes = {item.url: getattr(item, "reading_minutes", 0) for item in nav.pages}
    parts = [{item.url for item in part.children if item.is_page} for part in nav_parts(nav)]
    base = page.url
    content, lines = page.content, []
    headings = list(H2.finditer(content))
    if not headings:  # a home page without parts (tests/fixtures/build/): zip() would fail
        return content
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        section = content[heading.end() : following.start() if following else len(content)]
        linked = {base + found["href"] for found in HREF.finditer(section)}
        lessons = {url for url in minutes if url in linked and "/lessons/" in f"/{url}"}
        if lessons and lessons in parts:
            total = duration(sum(minutes[url] for url in lessons), texts)
            line = texts["part_time"].format(count=len(lessons), time=total)
            lines.append((heading.end(), f'<p class="part-time">{line}</p>'))
    for position, line in reversed(lines):
        content = content[:position] + line + content[position:]
    return content
