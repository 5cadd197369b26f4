"""No broken link, asset or anchor on any page of either language, with the site served over
HTTP under its sub-path (LinkChecker, with its anchor check)."""

import re
import subprocess
import sys
from pathlib import Path

from conftest import serve

BIN = Path(sys.executable).parent
CONFIG = Path(__file__).parent / "linkcheckerrc"


def linkcheck(url: str) -> subprocess.CompletedProcess:
    command = [BIN / "linkchecker", "--config", CONFIG, "--no-status", "--verbose", url]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_site_has_no_broken_links_or_anchors(served):
    result = linkcheck(served)
    assert result.returncode == 0, result.stdout
    assert "0 warnings found. 0 errors found." in result.stdout
    for lang_root in (served, f"{served}en/"):  # both languages were crawled
        assert f"Real URL   {lang_root}lessons/non-scalar/\n" in result.stdout
        assert f"Real URL   {lang_root}notebooks/graph/graph.ipynb\n" in result.stdout


def test_broken_links_and_anchors_fail():
    with serve(Path(__file__).parent / "fixtures" / "links") as address:
        result = linkcheck(f"{address}index.html")
    assert result.returncode == 1
    assert f"Real URL   {address}missing.html" in result.stdout
    assert f"Real URL   {address}missing.png" in result.stdout
    assert re.search(r"Anchor `absent'\s+\(decoded:\s+`absent'\) not found", result.stdout)
    assert "2 errors found" in result.stdout
