"""`make bench` works: hyperfine times real commands, the table and bench.json have every figure,
each a plausible value: times within the run that measured them, the page's weight its files'
sizes, the counts those of the pages.

A quick run (two cheap commands, one repetition, the suite's own build weighed); the figures are
for the closing notes, no goal is asserted: performance targets live in the benchmark, not in tests.
"""

import json
import re
import shutil
import subprocess
import sys
import time

import pytest

from tools.installed import HYPERFINE, require
from tools.pages import DOCS, LANGUAGES, ROOT, all_pages


def test_bench_runs_and_reports_every_figure(site, tmp_path):
    require(shutil.which("hyperfine") is not None, HYPERFINE)  # or SKIP_BENCH=1 skips
    output = tmp_path / "bench.json"
    command = [sys.executable, "-m", "tools.bench", "--quick", "--site", str(site)]
    start = time.monotonic()
    result = subprocess.run(
        [*command, "--json", str(output)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    elapsed = time.monotonic() - start
    assert result.returncode == 0, result.stderr
    figures = json.loads(output.read_text())
    seconds = figures["seconds_median"]
    assert set(seconds) == {"import_torch", "build_bare_material"}
    # Each a real run's time: torch takes more than a blink to import, and every command ran
    # inside this test's own subprocess.
    assert seconds["import_torch"] > 0.1
    assert seconds["build_bare_material"] > 0
    assert sum(seconds.values()) < elapsed, (seconds, elapsed)
    assert figures["seconds_all"] == {name: [s] for name, s in seconds.items()}
    for page, sizes in figures["page_bytes"].items():
        html = site / re.search(r"\((.+)\)", page)[1] / "index.html"
        assert sizes["html"] == html.stat().st_size, page
        assert sizes["css"] > 0, page  # Material's stylesheet
        assert sizes["js"] > 0, page  # and scripts
        assert sizes["total"] == sizes["html"] + sizes["css"] + sizes["js"]
    # Every ```python block of a page is a verified example, in both languages alike.
    fences = dict.fromkeys(LANGUAGES, 0)
    for path in all_pages():
        text = path.read_text(encoding="utf-8")
        fences[path.relative_to(DOCS).parts[0]] += len(re.findall(r"^[ >]*```python\b", text, re.M))
    counts = figures["counts"]
    assert {lang: counts[lang]["verified_examples"] for lang in LANGUAGES} == fences
    assert fences["es"] == fences["en"] > 0
    assert counts["es"]["stated_values_bound"] > 0
    assert counts["es"]["stated_values_unchecked"] >= 0
    assert re.search(r"^import_torch \(s\) +\| +\d+\.\d\d", result.stdout, re.M)  # the table


def test_shown_waits_past_a_reply_cut_short(monkeypatch):
    """A server mid-restart can answer with a broken status line (http.client's BadStatusLine,
    not an OSError): the wait goes on instead of failing the serve test (it did, once, in CI)."""
    import http.client
    import io

    from tools import bench

    replies = [http.client.BadStatusLine("x"), ConnectionResetError(), io.BytesIO(b"<p>new</p>")]

    def urlopen(url, timeout):
        reply = replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply

    monkeypatch.setattr(bench.urllib.request, "urlopen", urlopen)
    bench.shown(["http://127.0.0.1:9/page/"], "new", timeout=10)
    assert replies == []  # both failures were waited past, and the page was read


def test_start_serve_tries_another_port_when_the_server_exits(monkeypatch, tmp_path):
    """The port is free when chosen, but another process may bind it first: `mkdocs serve` then
    exits at once. `start_serve` notices (it does not wait out the timeout) and tries another."""
    from urllib.parse import urlsplit

    from tools import bench
    from tools.pages import site_config

    page = tmp_path / urlsplit(site_config()["site_url"]).path.strip("/") / "lessons" / "graph"
    page.mkdir(parents=True)
    (page / "index.html").write_text("<html></html>")
    started, real_popen = [], subprocess.Popen

    def popen(command, **options):
        port = command[command.index("--dev-addr") + 1].rsplit(":", 1)[1]
        started.append(port)
        if len(started) == 1:  # the port was taken: the server exits at once
            return real_popen([sys.executable, "-c", "raise SystemExit(1)"])
        serve = ["-m", "http.server", port, "--bind", "127.0.0.1", "--directory", str(tmp_path)]
        return real_popen([sys.executable, *serve], stderr=subprocess.DEVNULL)

    monkeypatch.setattr(bench.subprocess, "Popen", popen)
    server, urls = bench.start_serve(tmp_path, ["lessons/graph/"], timeout=60)
    try:
        # Had the exit not been noticed, the first port's wait would end in a TimeoutError.
        assert len(started) == 2
        assert urls[0].endswith(f":{started[1]}/autograd/lessons/graph/")
    finally:
        server.terminate()
        server.wait()


def test_a_failing_timed_command_is_named(tmp_path):
    from tools import bench

    require(shutil.which("hyperfine") is not None, HYPERFINE)
    named = {"fine": ("true", "true"), "broken": ("false", "true")}
    with pytest.raises(SystemExit) as failure:
        bench.hyperfine(named, tmp_path)
    assert "`false` (broken) failed" in str(failure.value)
    assert "fix: run it alone" in str(failure.value)
