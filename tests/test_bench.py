"""`make bench` runs (one quick repetition); its figures are for the closing notes, not asserts."""

import json
import subprocess
import sys

from tools.pages import ROOT


def test_bench_runs_and_reports_every_figure(tmp_path):
    output = tmp_path / "bench.json"
    command = [sys.executable, "-m", "tools.bench", "--repetitions", "1", "--lessons", "1"]
    result = subprocess.run(
        [*command, "--json", str(output)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(output.read_text())
    assert set(figures["ratios"]) >= {
        "pytest_docs_over_import_torch",
        "notebook_kernels_over_pytest_docs",
        "build_over_bare_material",
    }
    assert figures["lesson_page_bytes"]["total"] > 0
    assert figures["verified_examples"]["es"] == figures["verified_examples"]["en"] > 0
    assert "pytest_docs_over_import_torch" in result.stdout  # the table is printed
