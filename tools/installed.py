"""Tests that need a program from the system (hunspell, Chromium, Graphviz, hyperfine) fail
where it is missing, with the command that installs it, unless skipped on purpose with a named
variable. The packages are those of .ci/system-packages.txt, which CI installs.

    require(spelling.available(), HUNSPELL)   # in a test, or a fixture its tests use

A contributor without Chromium who runs `make test` sees a failure that says how to install it,
or sets `SKIP_BROWSER=1` and sees the browser tests skipped, named in the summary: never a green
run that silently checked less. CI never sets these variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Need:
    what: str
    install: str
    variable: str  # set to 1 to skip the tests that need it, on purpose


HUNSPELL = Need(
    "hunspell with its es_ES and en_US dictionaries",
    "apt-get install hunspell hunspell-es hunspell-en-us",
    "SKIP_SPELLING",
)
CHROMIUM = Need("Chromium", "apt-get install chromium", "SKIP_BROWSER")
GRAPHVIZ = Need("Graphviz (dot)", "apt-get install graphviz", "SKIP_GRAPHVIZ")
HYPERFINE = Need("hyperfine", "apt-get install hyperfine", "SKIP_BENCH")
AXE_CORE = Need(
    "axe-core (node_modules/, pinned in package-lock.json)",
    "npm ci (`make test` runs it; npm: apt-get install npm)",
    "SKIP_BROWSER",
)
NEEDS = (HUNSPELL, CHROMIUM, GRAPHVIZ, HYPERFINE, AXE_CORE)


def require(available: bool, need: Need) -> None:
    """Nothing when available; a skip when `need.variable` is set; else a failure with the fix."""
    if available:
        return
    message = f"{need.what} is not installed"
    if os.environ.get(need.variable):
        pytest.skip(f"{message} ({need.variable} is set)")
    pytest.fail(
        f"{message}\n  fix: {need.install} (.ci/run does it), or set {need.variable}=1 to skip "
        "these tests on purpose",
        pytrace=False,
    )
