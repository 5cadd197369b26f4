"""A failing check prints its problems whole: pytest's default output would shorten a list of
problems compared with [] and cut each fix hint in the middle ("fix: br...t log -p")."""

import subprocess
import sys

from tools.pages import ROOT

LONG = """
def test_problems():
    problems = [
        f"docs/en/lessons/page{i}.md:{i}: translates an older docs/es/lessons/page{i}.md; fix: "
        f"bring the English up to date, then run `make mark-translated PAGE=docs/en/page{i}.md`"
        for i in range(12)
    ]
    assert problems == []
"""


def pytest_output(test_file, *options) -> str:
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *options, test_file]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True).stdout


def test_every_fix_hint_is_printed_whole(tmp_path):
    test_file = tmp_path / "test_long.py"
    test_file.write_text(LONG, encoding="utf-8")
    hint = "then run `make mark-translated PAGE=docs/en/page{}.md`"
    ours = pytest_output(test_file, "-c", "pyproject.toml", "--rootdir", ".", "-p", "conftest")
    assert all(hint.format(i) in ours for i in range(12))
    plain = pytest_output(test_file, "--rootdir", str(tmp_path))  # pytest's defaults: cut
    assert not all(hint.format(i) in plain for i in range(12))
