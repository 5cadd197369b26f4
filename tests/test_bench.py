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
