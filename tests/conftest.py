"""One strict build of the site for every test that reads it, and an HTTP server for it."""

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from urllib.parse import urlsplit

import pytest

from tools.pages import ROOT, site_config


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """`mkdocs build --strict` into a temporary folder; any warning fails."""
    site = tmp_path_factory.mktemp("site")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    warnings = [line for line in build.stderr.splitlines() if not line.startswith("INFO")]
    assert warnings == []
    assert build.returncode == 0, build.stderr
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
    handler = functools.partial(StaticHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        # LinkChecker waits 0.1-0.6 s between requests to a host unless the host sends this.
        self.send_header("LinkChecker", "no throttling needed on 127.0.0.1")
        super().end_headers()

    def log_message(self, *args):
        pass
