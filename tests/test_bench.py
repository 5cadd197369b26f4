"""`make bench` works: hyperfine times real commands, the table and bench.json have every figure.

A quick run (two cheap commands, one repetition, the suite's own build weighed); the figures are
for the closing notes, not asserted: performance targets live in the benchmark, not in tests.
"""

import json
import subprocess
import sys

from tools.pages import ROOT


def test_bench_runs_and_reports_every_figure(site, tmp_path):
    output = tmp_path / "bench.json"
    command = [sys.executable, "-m", "tools.bench", "--quick", "--site", str(site)]
    result = subprocess.run(
        [*command, "--json", str(output)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(output.read_text())
    assert set(figures["seconds_median"]) == {"import_torch", "build_bare_material"}
    assert all(seconds > 0 for seconds in figures["seconds_median"].values())
    for sizes in figures["page_bytes"].values():
        assert sizes["total"] == sizes["html"] + sizes["css"] + sizes["js"] > 0
    es, en = figures["counts"]["es"], figures["counts"]["en"]
    assert es["verified_examples"] == en["verified_examples"] > 0
    assert es["stated_values_bound"] > 0
    assert "stated_values_unchecked" in es
    assert "import_torch (s)" in result.stdout  # the table is printed
