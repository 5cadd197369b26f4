"""The repository as committed: no file keeps a merge's conflict markers (STYLE.md once did, and
the style test, which reads its tables, did not notice)."""

from __future__ import annotations

import re
import subprocess

from tools.pages import ROOT

# A marker opens a line: seven of its characters, then a space or the line's end.
MARKER = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)


def conflict_markers(text: str) -> list[int]:
    """The 1-based lines of `text` that are conflict markers."""
    return [text.count("\n", 0, found.start()) + 1 for found in MARKER.finditer(text)]


def test_a_conflict_marker_is_found():
    text = "# Style\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> 7370997 (terms)\n"
    assert conflict_markers(text) == [2, 4, 6]
    assert conflict_markers("a ======= b\n<<<<<<<<< not one\n") == []


def test_no_tracked_file_keeps_conflict_markers():
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    found = []
    for name in filter(None, tracked):
        path = ROOT / name
        if not path.is_file() or path.suffix in {".png", ".ico", ".woff2"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += [f"{name}:{line}" for line in conflict_markers(text)]
    assert not found, (
        "conflict markers left by a merge: "
        + ", ".join(found)
        + ("; fix: resolve the conflict (keep both sides' intent) and delete the markers")
    )
