"""One strict build of the site for every test that reads it, and an HTTP server for it.

`make test` runs the suite on both cores (pytest-xdist): the first worker that needs the site
builds it, under a lock, into a folder every worker shares; the others wait and read it.
"""

import contextlib
import fcntl
import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tools.pages import ROOT, site_config


def shared_folder(tmp_path_factory) -> Path:
    """A folder all xdist workers of this run share (the run's own folder without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def locked(path: Path):
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


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
    with locked(shared / "site.lock"):
        if not report.exists():
            report.write_text("\n".join(build(site)), encoding="utf-8")
    problems = report.read_text(encoding="utf-8")
    assert not problems, f"mkdocs build --strict printed:\n{problems}"
    return site


@pytest.fixture(scope="session")
def served(site, tmp_path_factory):
    """The built site over HTTP on 127.0.0.1, under the sub-path of `site_url` (as deployed)."""
    sub_path = urlsplit(site_config()["site_url"]).path.strip("/")
    root = tmp_path_factory.mktemp("served")
    (root / sub_path).symlink_to(site, target_is_directory=True)
    with serve(root) as address:
        yield f"{address}{sub_path}/"


@contextlib.contextmanager
def serve(directory):
    """A static HTTP server for `directory` on 127.0.0.1; yields its address."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
