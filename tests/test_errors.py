"""The error index (tools/errors.py): each check shown failing on a broken copy of the fixture in
fixtures/errors/, a small site of two lessons and an index. The real index is checked by the doc
tests of each page (`docs/es/errors.md::error-index`, `docs/es/lessons/graph.md::error-index`)."""

import re
import shutil
from pathlib import Path

import pytest

from tools import errors
from tools.languages import LANGUAGES
from tools.pages import DOCS, Expander, parse_page

FIXTURE = Path(__file__).parent / "fixtures" / "errors"
EXPANDER = Expander(FIXTURE / "snippets")
NAV = FIXTURE / "nav.yml"
SEP = errors.SEPARATOR


def site(tmp_path: Path, up_to_date: bool = True) -> Path:
    """A copy of the fixture's docs, with the index's written parts written (or as committed,
    markers only)."""
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE / "docs", docs)
    if up_to_date:
        index = errors.read(docs, "es", NAV, EXPANDER)
        index.path.write_text(index.updated, encoding="utf-8")
    return docs


def problems(docs: Path) -> list[tuple[str, str]]:
    """(the file a problem is about, relative to docs/es, the problem)."""
    found = errors.problems(errors.read(docs, "es", NAV, EXPANDER))
    return [(str(path.relative_to(docs / "es")), problem) for path, problem in found]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_an_error_index(lang):
    """Without one, the doc tests' `error-index` check has nothing to check against."""
    assert (DOCS / lang / errors.INDEX).exists()


def test_messages_are_the_first_line_of_each_warning_and_of_the_error():
    body = (
        "tensor([1.])\nUserWarning: careful\nFutureWarning: soon gone\nTraceback (most recent "
        "call last):\n  ...\ntorch.autograd.gradcheck.GradcheckError: Jacobian mismatch,\n"
        "numerical:tensor([[ 4.7684]])\nanalytical:tensor([[ 4.7213]])"
    )
    assert errors.messages(body) == [
        "UserWarning: careful",
        "FutureWarning: soon gone",
        "torch.autograd.gradcheck.GradcheckError: Jacobian mismatch,",
    ]
    shown = 'Traceback (most recent call last):\n  File "x.py", line 1\n    x\nValueError: bad'
    assert errors.messages(shown) == ["ValueError: bad"]  # frames shown, not elided
    assert errors.messages("no message here\nWarning without a colon") == []


def test_written_part_quotes_each_message_verbatim_and_links_its_sections(tmp_path):
    text = (site(tmp_path) / "es" / "errors.md").read_text(encoding="utf-8")
    entry = (
        "<!-- message: RuntimeError: grad can be implicitly created only for scalar outputs -->\n"
        "### `grad can be implicitly created only for scalar outputs` "
        "{ #grad-can-be-implicitly-created-only }\n\n"
        '```message title="Salida"\n'
        "RuntimeError: grad can be implicitly created only for scalar outputs\n```\n\n"
        "Aparece en:\n\n"
        f"- [Primera lección {SEP} Un error](lessons/first.md#boom)\n"
        f"- [Segunda lección {SEP} Ejercicios](lessons/second.md#exercises)\n"
        "<!-- end message -->\n\nLlamaste a"
    )
    assert entry in text
    # A template's `…` stands for any text: the message is quoted as the lesson shows it.
    assert (
        '```message title="Salida"\nRuntimeError: Mismatch in shape: grad_output[0] has a shape '
        "of 2" in text
    )
    assert "### `careful` { #careful }" in text


def test_up_to_date_index_has_no_problems_and_rewriting_it_changes_nothing(tmp_path):
    docs = site(tmp_path)
    assert problems(docs) == []
    index = errors.read(docs, "es", NAV, EXPANDER)
    assert index.updated == index.text


def test_stale_entry_fails_for_the_index_and_for_each_lesson_it_concerns(tmp_path):
    docs = site(tmp_path)
    edit(docs / "es" / "errors.md", "(lessons/first.md#boom)", "(lessons/first.md#old-anchor)")
    found = problems(docs)
    assert [about for about, _ in found] == ["errors.md", "lessons/first.md", "lessons/second.md"]
    assert found[0][1].startswith(f"{docs}/es/errors.md:5: the entry for this message is out")
    assert "fix: run `make update-outputs LESSON=first`" in found[0][1]
    assert "fix: run `make update-outputs LESSON=second`" in found[2][1]


def test_message_no_entry_explains_fails_for_the_lesson_naming_the_fix(tmp_path):
    docs = site(tmp_path)
    edit(docs / "es" / "lessons" / "first.md", "careful, this is", "beware, this is")
    [(about, problem)] = [p for p in problems(docs) if "does not explain" in p[1]]
    assert about == "lessons/first.md"
    assert problem.startswith(f"{docs}/es/lessons/first.md:21: shows a message ")
    assert "  UserWarning: beware, this is a warning\n" in problem
    assert "<!-- message: UserWarning: beware, this is a warning -->" in problem
    assert "then `make update-outputs LESSON=first` writes its message and links" in problem
    # The entry that explained the old message now lists a message no lesson shows.
    assert any("lists a message no lesson shows" in p for _, p in problems(docs))


def test_entry_no_lesson_shows_fails_for_the_index(tmp_path):
    docs = site(tmp_path)
    index = docs / "es" / "errors.md"
    edit(
        index,
        "## Avisos",
        "<!-- message: RuntimeError: never shown -->\n<!-- end message -->\n\nNunca.\n\n## Avisos",
    )
    [(about, problem)] = problems(docs)
    assert about == "errors.md"
    assert "errors.md:34: lists a message no lesson shows:\n  RuntimeError: never shown" in problem


def test_entry_without_explanation_fails(tmp_path):
    docs = site(tmp_path)
    edit(docs / "es" / "errors.md", "Un aviso de ejemplo.\n", "")
    [(about, problem)] = problems(docs)
    assert about == "errors.md"
    assert "the entry for this message explains nothing:\n  UserWarning: careful, …" in problem


def test_two_entries_for_one_message_fail(tmp_path):
    docs = site(tmp_path)
    edit(
        docs / "es" / "errors.md",
        "## Avisos",
        "<!-- message: RuntimeError: grad … -->\n<!-- end message -->\n\nOtra vez.\n\n## Avisos",
    )
    found = [p for _, p in problems(docs) if "entries match the same message" in p]
    assert len(found) == 2  # the lesson and the exercise that show it
    assert "errors.md:5, 34: entries match the same message" in found[0]


def test_lesson_check_reports_only_that_lessons_problems(tmp_path):
    docs = site(tmp_path)
    edit(docs / "es" / "lessons" / "second.md", "has 3.", "has 4, now.")
    second = parse_page(docs / "es" / "lessons" / "second.md", expander=EXPANDER)
    first = parse_page(docs / "es" / "lessons" / "first.md", expander=EXPANDER)
    index = parse_page(docs / "es" / "errors.md", expander=EXPANDER)
    [problem] = errors.page_problems(second, NAV, EXPANDER)
    assert "out of date" in problem
    assert "LESSON=second" in problem
    assert errors.page_problems(first, NAV, EXPANDER) == []
    assert len(errors.page_problems(index, NAV, EXPANDER)) == 1


def test_site_without_an_index_is_not_checked(tmp_path):
    docs = site(tmp_path)
    (docs / "es" / "errors.md").unlink()
    lesson = parse_page(docs / "es" / "lessons" / "first.md", expander=EXPANDER)
    assert errors.page_problems(lesson, NAV, EXPANDER) == []


def test_heading_is_the_messages_first_words_and_the_anchor_is_english():
    inplace = (
        "RuntimeError: one of the variables needed for gradient computation has been "
        "modified by an inplace operation: …"
    )
    assert errors.heading(inplace) == (
        "one of the variables needed for gradient computation has been modified by an inplace "
        "operation"
    )
    assert errors.slug(inplace) == "one-of-the-variables-needed-for"
    # A short first sentence takes the next one along; a long heading is cut at a word.
    short = "UserWarning: None of the inputs have requires_grad=True. Gradients will be None"
    assert (
        errors.heading(short)
        == "None of the inputs have requires_grad=True. Gradients will be None"
    )
    long = (
        "RuntimeError: Trying to backward through the graph a second time (or directly "
        "access saved tensors after they have already been freed). Saved …"
    )
    assert errors.heading(long) == (
        "Trying to backward through the graph a second time (or directly access saved tensors "
        "after they have already…"
    )
    # The words after a part that varies are in the heading, and in the anchor.
    varies = "RuntimeError: Trying to backward through … but no autograd formula was registered. …"
    assert (
        errors.heading(varies)
        == "Trying to backward through … but no autograd formula was registered"
    )
    assert errors.slug(varies) == "trying-to-backward-through-but-no"
    sentence = "RuntimeError: Inplace update to inference tensor is not allowed.You can make …"
    assert errors.heading(sentence).startswith(
        "Inplace update to inference tensor is not allowed.You"
    )
    assert errors.code("from `parameters` is") == "``from `parameters` is``"
    assert errors.code("`x`") == "`` `x` ``"


def test_messages_that_begin_alike_get_anchors_of_their_own():
    """Six words are an anchor until an earlier entry begins with them; then the later entry
    takes words until they differ, and a number if it has no other words: an entry added below
    never changes the anchor of one above it (a shared link keeps working)."""
    shape = (
        "RuntimeError: Function … returned an invalid gradient at index … - got … but expected …"
    )
    device = "RuntimeError: Function … returned an invalid gradient at index … - expected device …"
    assert errors.slug(shape) == errors.slug(device) == "function-returned-an-invalid-gradient-at"
    index = [shape, device, "RuntimeError: grad can be implicitly created only for scalar outputs"]
    assert errors.anchors(index) == [
        "function-returned-an-invalid-gradient-at",
        "function-returned-an-invalid-gradient-at-index-expected",
        "grad-can-be-implicitly-created-only",
    ]
    without = errors.anchors([shape, index[2]])  # `device` added below changes no other anchor
    assert without == [errors.anchors(index)[0], errors.anchors(index)[2]]
    twice = [f"RuntimeError: {'word ' * 30}one", f"RuntimeError: {'word ' * 30}two"]
    heading = errors.heading(twice[0])
    assert heading == errors.heading(twice[1])  # cut before they differ
    whole = "-".join(heading.rstrip(errors.WILDCARD).split())
    assert errors.anchors(twice) == ["-".join(["word"] * 6), whole]
    short = ["RuntimeError: a b c d e f g", "RuntimeError: a b c d e f"]  # one begins the other
    assert errors.anchors(short) == ["a-b-c-d-e-f", "a-b-c-d-e-f-2"]


def test_every_entry_of_the_site_s_index_has_an_anchor_of_its_own():
    for lang in LANGUAGES:
        index = errors.read(lang=lang)
        anchors = [index.anchor(entry) for entry in index.entries]
        assert len(set(anchors)) == len(anchors), sorted(a for a in anchors if anchors.count(a) > 1)
        # the heading carries it (not the anchor of a section the entry links to)
        written = [re.search(r"\{ #([\w-]+) \}", index.written(e))[1] for e in index.entries]
        assert written == anchors


def test_rewriting_written_parts_never_makes_a_translation_stale(tmp_path):
    """Like output blocks, the written parts are not what a translator translates."""
    from tools.translations import source_hash

    docs = site(tmp_path, up_to_date=False)
    index = docs / "es" / "errors.md"
    before = source_hash(index, expander=EXPANDER)
    written = errors.read(docs, "es", NAV, EXPANDER).updated
    assert written != index.read_text(encoding="utf-8")
    assert source_hash(index, written, EXPANDER) == before
    assert source_hash(index, written.replace("Un aviso de", "Otro aviso de"), EXPANDER) != before
