"""The doc-test machinery fails, clearly, on every kind of broken page.

The fixture pages in fixtures/pages/ are copies of fixtures/docs/en/lessons/demo.md with one
thing broken each; they run through Sybil exactly as conftest.py runs docs/.
"""

import re
import shutil
from pathlib import Path

import pytest
from sybil import Sybil
from sybil.example import SybilFailure

from tools.outputs import stale_files, updated_config, updated_text
from tools.pages import Expander, PageError, all_pages, check, parse_page, run, sybil_parser

FIXTURES = Path(__file__).parent / "fixtures"
EXPANDER = Expander(FIXTURES / "snippets")
GOOD_PAGES = sorted((FIXTURES / "docs").glob("*/lessons/*.md"))


def failures(page: Path) -> list[str]:
    """Evaluate every example of a page in order, as pytest would; return the failure messages."""
    document = Sybil(parsers=[sybil_parser(EXPANDER)], patterns=["*.md"]).parse(page)
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
            r"missing-section.md:10: cannot include \"lessons/demo.py:tensr\".*"
            r"could not be located\n  fix: add `# --8<-- \[start:tensr\]` and "
            r"`# --8<-- \[end:tensr\]` around the code in tests/fixtures/snippets/lessons/demo.py",
        ),
        (
            "missing-file.md",
            r"missing-file.md:10: snippet file \"lessons/nowhere.py\" does not exist\n"
            r"  fix: create it",
        ),
        ("inline-python.md", r"inline-python.md:30: Python typed inline in a page\n  fix: move"),
        ("orphan-output.md", r"orphan-output.md:9: output block does not follow a python block"),
    ],
)
def test_unreadable_page_fails_naming_file_line_and_fix(page, expected):
    with pytest.raises(PageError, match=re.compile(expected, re.DOTALL)):
        failures(FIXTURES / "pages" / page)


def test_update_outputs_repairs_every_broken_output(tmp_path):
    good = (FIXTURES / "docs" / "en" / "lessons" / "demo.md").read_text(encoding="utf-8")
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
        page.write_text(updated_text(parse_page(page, expander=EXPANDER)), encoding="utf-8")
        assert failures(page) == [], name
        assert page.read_text(encoding="utf-8") == good, name


def test_update_outputs_changes_nothing_on_current_pages():
    """`make update-outputs` on a clean tree leaves `git diff` empty."""
    assert stale_files(all_pages()) == []
    assert stale_files(GOOD_PAGES, EXPANDER) == []


def test_stale_version_stamp_is_rewritten():
    import torch

    assert updated_config("extra:\n  torch_version: 0.0.1\n") == (
        f"extra:\n  torch_version: {torch.__version__}\n"
    )


def test_changing_any_digit_of_any_output_block_fails():
    """No normalisation may hide a digit: every digit of every real output block is checked."""
    mutated = 0
    for path in all_pages():
        namespace = {}
        for example in parse_page(path).examples:
            result = run(example, namespace)
            if example.output is None:
                continue
            body = example.output.body
            assert check(example, result) is None
            for match in re.finditer(r"\d", body):
                digit = str((int(match.group()) + 1) % 10)
                example.output.body = body[: match.start()] + digit + body[match.end() :]
                assert check(example, result) is not None, (path, body, match.start())
                mutated += 1
            example.output.body = body
    assert mutated > 500


def test_front_matter_that_does_not_parse_fails():
    with pytest.raises(PageError, match=r"bad-front-matter.md:1: front matter is not valid YAML"):
        failures(FIXTURES / "pages" / "bad-front-matter.md")
