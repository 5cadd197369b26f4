"""The doc-test machinery fails, clearly, on every kind of broken page.

The fixture pages in fixtures/pages/ are copies of fixtures/docs/en/lessons/demo.md with one
thing broken each; they run through Sybil exactly as conftest.py runs docs/.
"""

import dataclasses
import datetime
import re
import shutil
from pathlib import Path

import pytest
from sybil.example import SybilFailure

from tools import claims, outputs, prose, translations
from tools.outputs import dated, stale_files, updated_config, updated_text
from tools.page_checks import CHECKS
from tools.page_tests import PageSybil
from tools.pages import (
    DOCS,
    ELIDED_FRAMES,
    TRACEBACK_HEADER,
    Expander,
    PageError,
    Run,
    all_pages,
    check,
    elide_frames,
    parse_page,
)

FIXTURES = Path(__file__).parent / "fixtures"
EXPANDER = Expander(FIXTURES / "snippets")
GOOD_PAGES = sorted((FIXTURES / "docs").glob("*/lessons/*.md"))
GOOD = FIXTURES / "docs" / "en" / "lessons" / "demo.md"


def failures(page: Path) -> list[str]:
    """Evaluate every example of a page in order, as pytest would; return the failure messages."""
    document = PageSybil(EXPANDER).parse(page)
    messages = []
    for example in document.examples():
        try:
            example.evaluate()
        except SybilFailure as failure:
            messages.append(str(failure))
    return messages


@pytest.mark.parametrize("page", GOOD_PAGES, ids=lambda p: p.parts[-3])
def test_correct_page_passes(page):
    assert failures(page) == []
    assert len(parse_page(page, expander=EXPANDER).examples) == 5


def test_traceback_frames_may_be_shown_or_elided():
    assert failures(FIXTURES / "pages" / "full-traceback.md") == []


def test_wrong_tensor_fails_with_a_diff():
    [message] = failures(FIXTURES / "pages" / "wrong-tensor.md")
    assert "wrong-tensor.md, line 9" in message
    assert "the output block is stale" in message
    assert "-tensor([0.0000, 0.3334, 0.6667])" in message
    assert "+tensor([0.0000, 0.3333, 0.6667])" in message
    assert "make update-outputs" in message


def test_wrong_error_message_fails():
    [message] = failures(FIXTURES / "pages" / "wrong-error.md")
    assert "tensor b (4)" in message
    assert "tensor b (3)" in message
    assert "stale" in message


def test_error_the_page_does_not_show_fails_with_its_traceback():
    [message] = failures(FIXTURES / "pages" / "unshown-error.md")
    assert "the code raised an error the page does not show" in message
    assert 'File "' in message
    assert "demo.py" in message
    assert "RuntimeError: The size of tensor a (2)" in message


def test_output_the_page_does_not_show_fails():
    [message] = failures(FIXTURES / "pages" / "unshown-output.md")
    assert "prints output the page does not show" in message
    assert "tensor([0.0000, 0.3333, 0.6667])" in message


def test_output_block_under_silent_code_fails():
    [message] = failures(FIXTURES / "pages" / "output-of-silence.md")
    assert "the code prints nothing" in message


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "missing-section.md",
            r"missing-section.md:10: cannot include \"en/lessons/demo.py:tensr\".*"
            r"could not be located\n  fix: add `# --8<-- \[start:tensr\]` and "
            r"`# --8<-- \[end:tensr\]` around the code in "
            r"tests/fixtures/snippets/en/lessons/demo.py",
        ),
        (
            "missing-file.md",
            r"missing-file.md:10: snippet file \"en/lessons/nowhere.py\" does not exist\n"
            r"  fix: create it",
        ),
        ("inline-python.md", r"inline-python.md:30: Python typed inline in a page\n  fix: move"),
        ("orphan-output.md", r"orphan-output.md:9: output block does not follow a python block"),
    ],
)
def test_unreadable_page_fails_naming_file_line_and_fix(page, expected):
    with pytest.raises(PageError, match=re.compile(expected, re.DOTALL)):
        parse_page(FIXTURES / "pages" / page, expander=EXPANDER)
    [message] = failures(FIXTURES / "pages" / page)  # as the page's one failing test
    assert re.search(expected, message, re.DOTALL)
    assert "Traceback" not in message


def test_update_outputs_repairs_every_broken_output(tmp_path):
    day = datetime.date(2026, 1, 2)
    good = dated(GOOD.read_text(encoding="utf-8"), day)  # and says when its outputs changed
    for name in [
        "wrong-tensor.md",
        "wrong-error.md",
        "unshown-error.md",
        "unshown-output.md",
        "output-of-silence.md",
    ]:
        page = tmp_path / "en" / name
        page.parent.mkdir(exist_ok=True)
        shutil.copy(FIXTURES / "pages" / name, page)
        assert failures(page), name
        page.write_text(updated_text(parse_page(page, expander=EXPANDER), today=day), "utf-8")
        assert failures(page) == [], name
        assert page.read_text(encoding="utf-8") == good, name


def as_if_printed_as_shown(example, namespace) -> Run:
    """Instead of running an example, what its output block shows (nothing without one)."""
    return Run(elide_frames(example.output.body) if example.output else "")


def test_update_outputs_changes_nothing_on_current_pages(monkeypatch):
    """`make update-outputs` on a clean tree leaves `git diff` empty. That each block prints
    what its page shows is what the pages' own doc tests prove; given that, rewriting the pages
    must change nothing else (blocks as written, dates, quoted numbers, the torch stamp), so the
    lessons are not run a second time here. The fixture pages do run."""
    assert stale_files(GOOD_PAGES, EXPANDER) == []
    monkeypatch.setattr(outputs, "run", as_if_printed_as_shown)
    assert stale_files(all_pages()) == []


def test_a_page_its_doc_tests_accept_can_still_be_stale_without_a_run(monkeypatch):
    """The check above, shown failing: full-traceback.md passes its doc tests (frames are elided
    before comparing), yet `make update-outputs` would elide them, and date the page."""
    monkeypatch.setattr(outputs, "run", as_if_printed_as_shown)
    page = FIXTURES / "pages" / "full-traceback.md"
    [(path, text)] = stale_files([page], EXPANDER)
    assert path == page
    assert "\noutputs_date: " in text
    assert f"{TRACEBACK_HEADER}\n{ELIDED_FRAMES}\nRuntimeError: The size" in text


def test_stale_version_stamp_is_rewritten():
    import torch

    assert updated_config("extra:\n  torch_version: 0.0.1\n") == (
        f"extra:\n  torch_version: {torch.__version__}\n"
    )


def test_changing_any_digit_of_any_output_block_fails():
    """No normalisation may hide a digit: every digit of every real output block is checked.
    Each block's run is what its page shows (the doc tests prove it), so no lesson runs again."""
    mutated = 0
    for path in all_pages():
        for example in parse_page(path).examples:
            if example.output is None:
                continue
            result = as_if_printed_as_shown(example, {})
            body = example.output.body
            assert check(example, result) is None
            for match in re.finditer(r"\d", body):
                digit = str((int(match.group()) + 1) % 10)
                example.output.body = body[: match.start()] + digit + body[match.end() :]
                assert check(example, result) is not None, (path, body, match.start())
                mutated += 1
            example.output.body = body
    assert mutated > 500


# Mutations of meaning: every value the prose states, changed in one language or in both, and
# the English edited alone. Each is made on a span of prose in memory and checked with
# tools/claims.py's functions (the Markdown is parsed once per page, not per mutation).


def changed_values(claim: claims.Claim) -> list[str]:
    """Texts that state another value in the claim's place: its sign flipped, then its last digit
    changed (+1, +2, ...), True and False swapped, another shape."""
    text = claim.text
    if claim.kind == "literal":
        return [other for other in ("False", "True", "None") if other != text]
    if claim.kind == "shape":
        return [re.sub(r"\d+|\b(?:one|two|three|una|un|dos|tres)\b", "7", text, count=1)]
    found = []
    if claim.kind == "number" and claim.value != 0:
        found.append(text[1:] if text[0] in "-\u2212" else f"-{text}")
    digits = list(re.finditer(r"\d", text))
    if not digits and re.search(r"True|False|None", text):  # `(True, None)`
        return [re.sub(r"True|False|None", "...", text, count=1)]
    if not digits:  # a string: `'+'`
        return [f"{text[0]}~{text[1:]}"]
    last = digits[-1] if claim.kind == "number" else digits[0]
    for step in range(1, 10):
        digit = str((int(last.group()) + step) % 10)
        found.append(text[: last.start()] + digit + text[last.end() :])
    return found


def mutated(stated: list, claim, new: str, lang: str) -> list:
    """The page's claims with `claim` written as `new` (its span read again)."""
    span = claim.span
    start, end = claim.start - span.start, claim.end - span.start
    text = span.text[:start] + new + span.text[end:]
    fresh = claims.span_claims(
        dataclasses.replace(span, text=text, end=span.start + len(text)), lang
    )
    keep = [c for c in stated if c.span != span]
    again = [
        dataclasses.replace(c, exempt=o.exempt, printed_in=o.printed_in, rule=c.rule or o.rule)
        for c, o in zip(fresh, [c for c in stated if c.span == span], strict=False)
    ]
    return sorted(keep + again + fresh[len(again) :], key=lambda c: c.start)


def changed(claim, text: str, lang: str):
    """The claim written as `text`, read again (with its markup)."""
    return next(c for c in mutated([claim], claim, text, lang) if c.start == claim.start)


def lesson_pairs():
    for spanish in sorted((DOCS / "es" / "lessons").glob("*.md")):
        english = DOCS / "en" / "lessons" / spanish.name
        yield parse_page(spanish), parse_page(english)


def test_changing_any_stated_value_fails():
    """A value changed in one language: the other states another one there (a). Changed in
    both to a value its section does not show (its sign flipped, else a digit changed): the
    section no longer prints it (b)."""
    caught = {"one language": 0, "both": 0}
    unchangeable = []  # its section shows every other value it could be changed to
    for es, en in lesson_pairs():
        pages = {"es": es, "en": en}
        stated = {lang: claims.claims(p.path, p.text) for lang, p in pages.items()}
        bounds = {lang: claims.bounds(p) for lang, p in pages.items()}
        outputs = {lang: claims.outputs(p) for lang, p in pages.items()}
        assert claims.differing(es, en.text, en.path, stated["es"], stated["en"]) == []
        for index, claim in enumerate(stated["es"]):
            if claim.form == "version" or claim.span.kind == prose.HEADING:
                continue
            for new in changed_values(claim)[:1]:  # its sign, or a digit: (a) sees any change
                mine = mutated(stated["es"], claim, new, "es")
                assert claims.differing(es, en.text, en.path, mine, stated["en"]), (es.path, claim)
                caught["one language"] += 1
            twin = stated["en"][index]
            if claim.rule or claim.exempt or twin.rule or twin.exempt:
                continue  # counts, formula constants, marked values: bound by (a) alone
            for lang, which in (("es", claim), ("en", twin)):
                shown = claims.bound_of(pages[lang], which, bounds[lang])
                page, lines = pages[lang], outputs[lang]

                def fails(new, page=page, shown=shown, lines=lines) -> bool:
                    if not shown.holds(new):
                        return True  # and (b) says so: asserted below
                    # a True/False/None its section prints: bound to its line, or not at all
                    return new.kind == "literal" and bool(
                        claims.literal_problem(page, new, shown, lines)
                    )

                new = next(
                    (
                        value
                        for text in changed_values(which)
                        if fails(value := changed(which, text, lang))
                    ),
                    None,
                )
                if new is None:
                    unchangeable.append((page.path.name, which.line, which.shown))
                    continue
                found = claims.unbound(page, stated=[new], shown=bounds[lang])
                assert found, (page.path, which, new)
            caught["both"] += 1
    assert caught["one language"] > 700
    assert caught["both"] > 300
    # It was a ratchet of 56: True/False/None in a section that prints all three passed the
    # check whatever they said. The page's own check (`::stated-values`) now binds such a
    # literal to the line that prints it (tools/printed_lines.py), so none is left.
    assert unchangeable == []


def test_editing_the_english_alone_fails():
    """M11 on every lesson: a sentence of the English changed, the Spanish untouched."""
    for _, en in lesson_pairs():
        spans = [s for s in prose.spans(en.path, en.text) if s.kind == prose.TEXT and " " in s.text]
        span = spans[len(spans) // 2]
        edited = en.text[: span.start] + "Not " + en.text[span.start :]
        assert translations.source_hash(en.path, edited) != translations.recorded(
            en.text, "translated_text"
        )
    assert translations.stale_problems(pages=[en.path]) == []


def test_front_matter_that_does_not_parse_fails():
    [message] = failures(FIXTURES / "pages" / "bad-front-matter.md")
    assert "bad-front-matter.md:1: front matter is not valid YAML" in message


# Every fence is found and classified: code the tests run, its output, or an allowed language.

QUIET_BLOCK = (
    '```python title="tests/fixtures/snippets/en/lessons/demo.py"\n'
    '--8<-- "en/lessons/demo.py:quiet"\n```'
)
TYPED = "doubled = values * 2"


def variant(tmp_path: Path, old: str, new: str) -> Path:
    """The good fixture page with `old` replaced, as tmp/en/demo.md (an English page)."""
    text = GOOD.read_text(encoding="utf-8")
    assert old in text
    page = tmp_path / "en" / "demo.md"
    page.parent.mkdir(exist_ok=True)
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    return page


@pytest.mark.parametrize(
    ("fence", "expected"),
    [
        (f"```Python\n{TYPED}\n```", r":31: Python typed inline in a page"),
        (f"```py3\n{TYPED}\n```", r":30: ```py3 is a Python block the tests do not run"),
        (f"```ipython\n{TYPED}\n```", r":30: ```ipython is a Python block"),
        (f"```{{.python}}\n{TYPED}\n```", r":31: Python typed inline in a page"),
        (f"~~~python\n{TYPED}\n~~~", r":30: ~~~python is a Python block the tests do not run"),
        (f"> ```python\n> {TYPED}\n> ```", r":31: Python typed inline in a page"),
        (f"\t```python\n\t{TYPED}\n\t```", r":31: Python typed inline in a page"),
        ("```js\nlet x = 1;\n```", r":30: ```js is neither code the tests run nor an output"),
        ("```\nplain text\n```", r":30: ``` is neither code the tests run nor an output"),
    ],
    ids=["Python", "py3", "ipython", "attribute", "tilde", "quote", "tab", "js", "no-language"],
)
def test_code_in_any_fence_is_run_or_refused(tmp_path, fence, expected):
    page = variant(tmp_path, QUIET_BLOCK, fence)
    with pytest.raises(PageError, match=rf"demo.md{expected}(.|\n)*\n  fix: "):
        parse_page(page, expander=EXPANDER)


def test_fence_in_a_list_item_is_read():
    listed = QUIET_BLOCK.replace("\n", "\n    ").replace("```python", "-   ```python", 1)
    page = parse_page(GOOD, GOOD.read_text("utf-8").replace(QUIET_BLOCK, listed), EXPANDER)
    assert [e.includes for e in page.examples][2] == ["en/lessons/demo.py:quiet"]


@pytest.mark.parametrize("language", ["txt", "console", "output", ""])
def test_any_block_after_code_is_its_output_and_is_checked(tmp_path, language):
    shown = '```text title="Output"\ntensor([0.0000, 0.3333, 0.6667])\n```'
    page = variant(tmp_path, shown, f"```{language}\ntensor([9.0000, 9.0000, 9.0000])\n```")
    [message] = failures(page)
    assert "-tensor([9.0000, 9.0000, 9.0000])" in message
    assert f"the output block at line 14 is ```{language};" in message
    page.write_text(updated_text(parse_page(page, expander=EXPANDER)), encoding="utf-8")
    assert failures(page) == []
    assert shown in page.read_text(encoding="utf-8")


def test_a_right_output_block_without_its_title_fails(tmp_path):
    page = variant(tmp_path, '```text title="Output"\ntensor([0.', "```console\ntensor([0.")
    [message] = failures(page)
    assert "demo.md:10: the output block is right but not titled as one" in message
    assert 'writes it as ```text title="Output"' in message


def test_each_test_is_named_after_the_snippet_section_it_runs(tmp_path):
    sybil = PageSybil(EXPANDER)
    document = sybil.parse(GOOD)
    names = [sybil.identify(example) for example in document.examples()]
    assert names[:5] == ["tensor", "mismatch", "quiet", "loud", "warns"]
    assert (
        sorted(names[5:])
        == sorted(CHECKS)
        == [
            "code-language",
            "code-width",
            "colons",
            "comment-spacing",
            "description",
            "error-index",
            "exercise-checks",
            "glossary-use",
            "home-link",
            "image-text",
            "notebook-drift",
            "parity",
            "prompts",
            "same-code",
            "spelling",
            "stated-values",
            "terms",
            "translation",
            "walk-figures",
        ]
    )
    # A section shown twice on a page: the second test is `quiet#2`.
    page = variant(tmp_path, "demo.py:loud", "demo.py:quiet")
    document = sybil.parse(page)
    assert [sybil.identify(e) for e in document.examples()][2:4] == ["quiet", "quiet#2"]
