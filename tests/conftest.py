"""One strict build of the site for every test that reads it.

`make test` runs the suite on both cores (pytest-xdist): the first worker that needs the site
builds it, under a lock, into a folder every worker shares; the others wait and read it. The
build starts from nothing (no state is kept between builds: tools/hooks/__init__.py) and writes
only into that folder, never into the developer's tree.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from tools.pages import ROOT


def shared_folder(tmp_path_factory) -> Path:
    """A folder all xdist workers of this run share (the run's own folder without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def build(site: Path, **env) -> list[str]:
    """`mkdocs build --strict` into `site`; the warnings and errors it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        check=False,
    )
    problems = [line for line in result.stderr.splitlines() if not line.startswith("INFO")]
    return problems or ([] if result.returncode == 0 else [result.stderr])


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site, built once per run with `mkdocs build --strict`; any warning fails."""
    shared = shared_folder(tmp_path_factory)
    site, report = shared / "site", shared / "site-build.txt"
    with FileLock(shared / "site.lock"):
        if not report.exists():
            report.write_text("\n".join(build(site)), encoding="utf-8")
    problems = report.read_text(encoding="utf-8")
    assert not problems, f"mkdocs build --strict printed:\n{problems}"
    return site
