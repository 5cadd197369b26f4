"""Spelling of every page's prose, with Debian's hunspell dictionaries (es_ES, en_US).

    python -m tools.spelling            # check both languages; exit 1 naming each misspelt word

What is checked is what a reader reads (tools/prose.py): running text, headings,
admonition titles, front-matter descriptions; not code, outputs, maths, addresses or anchors.
Words the dictionaries lack but the lessons need go in tests/wordlist-<lang>.txt. One hunspell
process per language reads every page, line by line (its ispell pipe mode, `-a`), so each word
is reported with its file and line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tools import prose
from tools.languages import LANGUAGE
from tools.pages import DOCS, ROOT, display

DICTIONARIES = {code: language.dictionary for code, language in LANGUAGE.items()}
WORDLISTS = {lang: ROOT / "tests" / f"wordlist-{lang}.txt" for lang in DICTIONARIES}
MATHS = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.DOTALL)
# Code and paths named without backticks, as plain-text descriptions and image descriptions
# must: `x.grad`, `.grad`, `zero_grad()`, `backward(v)`, `float32`, `tests/wordlist-es.txt`.
CODE_WORD = re.compile(
    r"[\w.-]+/[\w./#-]+|\b\w+(?:[._]\w+)+(?:\([^)\s]*\))?|\b\w+\([^)\s]*\)|(?<!\w)\.\w+"
    r"|\b[a-z]+\d+\b"
)
ADMONITION_KIND = re.compile(
    r"^[ \t>]*(?:\?\?\?\+?|!!!)[ \t]+[\w-]+", re.MULTILINE
)  # not the title


def readable(path: Path, text: str) -> str:
    """The page's prose without maths and admonition kinds: what hunspell should read."""
    text = prose.readable(path, text, prose.READ - {prose.MATH})
    for pattern in (MATHS, ADMONITION_KIND, CODE_WORD):
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    return text


def available() -> bool:
    return shutil.which("hunspell") is not None and all(
        Path(f"/usr/share/hunspell/{name}.dic").exists() for name in DICTIONARIES.values()
    )


def misspelt(lang: str, pages: list[Path], wordlist: Path | None = None) -> list[str]:
    """`file:line: word` for each word of the pages hunspell does not know."""
    lines = [
        (page, number, line)
        for page in pages
        for number, line in enumerate(readable(page, page.read_text("utf-8")).splitlines(), 1)
    ]
    command = ["hunspell", "-a", "-i", "utf-8", "-d", DICTIONARIES[lang]]
    wordlist = wordlist or WORDLISTS[lang]
    command += ["-p", str(wordlist)] if wordlist.exists() else []
    # "^" keeps a line from being read as a command; hunspell answers each with a blank line.
    feed = "".join(f"^{line}\n" for _, _, line in lines)
    result = subprocess.run(command, input=feed, capture_output=True, text=True, check=True)
    found, current = [], iter(lines)
    page, number, _ = next(current, (None, 0, ""))
    for row in result.stdout.splitlines()[1:]:  # after the version banner
        if not row:  # the end of one line's answer
            page, number, _ = next(current, (None, 0, ""))
        elif row[0] in "&#":  # a word it does not know, with or without suggestions
            found.append(f"{display(page)}:{number}: {row.split()[1]}")
    return found


def unknown_words(lang: str, words: set[str], with_wordlist: bool = True) -> set[str]:
    """The words that hunspell's `lang` dictionary, with the lessons' wordlist unless told
    otherwise, does not know. The comments and strings of the code a page shows are checked
    with it (tools/code_language.py)."""
    if not words:
        return set()
    command = ["hunspell", "-l", "-i", "utf-8", "-d", DICTIONARIES[lang]]
    wordlist = WORDLISTS[lang]
    command += ["-p", str(wordlist)] if with_wordlist and wordlist.exists() else []
    feed = "".join(f"{word}\n" for word in sorted(words))
    result = subprocess.run(command, input=feed, capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def problems(lang: str, pages: list[Path] | None = None) -> list[str]:
    pages = pages or sorted((DOCS / lang).rglob("*.md"))
    return [
        f"{word}\n  fix: correct it, or add it to {display(WORDLISTS[lang])} if it is a real term"
        for word in misspelt(lang, pages)
    ]


def main() -> int:
    found = [problem for lang in DICTIONARIES for problem in problems(lang)]
    print("\n".join(found))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
