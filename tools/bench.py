"""Benchmarks (`make bench`): each figure measured side by side in one run, median of repetitions.

    python -m tools.bench                  # 3 repetitions, table on stdout, bench.json
    python -m tools.bench --repetitions 1 --lessons 1   # the quick run tests/test_bench.py makes

Machines here are noisy: compare the ratios, which are measured in the same run, not the times.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from tools.pages import DOCS, ROOT, all_pages, parse_page, site_config

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
GOALS = {  # (figure, comparison, goal) from the issues
    "pytest_docs_over_import_torch": ("<=", 1.5),
    "notebook_kernels_over_pytest_docs": (">=", 5),
    "build_over_bare_material": ("<=", 4),
}


def timed(command: list, cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def bare_material_site(folder: Path) -> Path:
    """A one-page Material site: the floor any MkDocs Material build pays."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Hello\n\nA bare Material page.\n")
    config = {"site_name": "Bare", "theme": {"name": "material", "font": False}}
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return folder / "mkdocs.yml"


def site_without_notebooks(folder: Path) -> Path:
    """This site's config minus the notebooks (for the cost of rendering them)."""
    config = site_config()
    config["docs_dir"] = str(ROOT / config["docs_dir"])
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config["hooks"] = [str(ROOT / hook) for hook in config["hooks"]]
    config["nav"] = [item for item in config["nav"] if "Cuadernos" not in item]
    config["plugins"] = [p for p in config["plugins"] if "mkdocs-jupyter" not in p]
    config["exclude_docs"] = "*.ipynb\n"
    folder.mkdir(parents=True)
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    return path


def page_weight(site: Path, page: str) -> dict:
    """Bytes of a page's HTML and of the CSS and JS files it links (fonts: none, system fonts)."""
    html_path = site / page / "index.html"
    html = html_path.read_text(encoding="utf-8")
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"', html)
    sizes = {"html": html_path.stat().st_size, "css": 0, "js": 0}
    for css, js in assets:
        target = (html_path.parent / (css or js)).resolve()
        if target.exists():
            sizes["css" if css else "js"] += target.stat().st_size
    sizes["total"] = sum(sizes.values())
    return sizes


def verified_examples() -> dict:
    counts = {}
    for path in all_pages():
        lang = path.relative_to(DOCS).parts[0]
        counts[lang] = counts.get(lang, 0) + len(parse_page(path).examples)
    return counts


def measure(repetitions: int, lessons: int | None, work: Path) -> dict:
    notebooks = sorted(DOCS.glob("*/notebooks/*.ipynb"))
    if lessons:
        notebooks = [n for n in notebooks if n.stem in {n.stem for n in notebooks[:lessons]}]
    bare, no_notebooks = bare_material_site(work / "bare"), site_without_notebooks(work / "lean")
    cache = ROOT / ".cache" / "mkdocs-jupyter"
    commands = {
        "import_torch": [BIN / "python", "-c", "import torch"],
        # torch.optim imports torch._dynamo on first use (~1 s); the optimizer lesson pays it.
        "import_torch_and_dynamo": [BIN / "python", "-c", "import torch, torch._dynamo"],
        "pytest_docs": [BIN / "python", "-m", "pytest", "docs/", "-q", "-p", "no:cacheprovider"],
        "notebook_kernels": [
            BIN / "jupyter",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--output-dir",
            work / "executed",
            *notebooks,
        ],
        "build_bare_material": [BIN / "mkdocs", "build", "-q", "-f", bare, "-d", work / "s1"],
        "build_site_cold": [BIN / "mkdocs", "build", "--strict", "-q", "-d", work / "s2"],
        "build_site": [BIN / "mkdocs", "build", "--strict", "-q", "-d", work / "s3"],
        "build_site_without_notebooks": [
            BIN / "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            no_notebooks,
            "-d",
            work / "s4",
        ],
    }
    times = {name: [] for name in commands}
    for _ in range(repetitions):  # interleaved, so a noisy moment hits every figure alike
        for name, command in commands.items():
            if name == "build_site_cold":
                shutil.rmtree(cache, ignore_errors=True)  # mkdocs-jupyter renders every notebook
            times[name].append(timed(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    ratios = {
        "pytest_docs_over_import_torch": medians["pytest_docs"] / medians["import_torch"],
        "pytest_docs_over_import_torch_and_dynamo": medians["pytest_docs"]
        / medians["import_torch_and_dynamo"],
        "notebook_kernels_over_pytest_docs": medians["notebook_kernels"] / medians["pytest_docs"],
        "build_over_bare_material": medians["build_site"] / medians["build_bare_material"],
        "cold_build_over_bare_material": medians["build_site_cold"]
        / medians["build_bare_material"],
        "build_without_notebooks_over_bare_material": medians["build_site_without_notebooks"]
        / medians["build_bare_material"],
    }
    return {
        "repetitions": repetitions,
        "notebooks_executed_with_kernels": len(notebooks),
        "seconds_median": medians,
        "seconds_all": times,
        "ratios": ratios,
        "lesson_page_bytes": page_weight(work / "s3", "lessons/non-scalar"),
        "notebook_page_bytes": page_weight(work / "s3", "notebooks/non-scalar"),
        "verified_examples": verified_examples(),
    }


def table(result: dict) -> str:
    rows = [("figure", "median", "goal")]
    for name, seconds in result["seconds_median"].items():
        rows.append((f"{name} (s)", f"{seconds:.2f}", ""))
    for name, ratio in result["ratios"].items():
        goal = GOALS.get(name)
        verdict = ""
        if goal:
            met = ratio <= goal[1] if goal[0] == "<=" else ratio >= goal[1]
            verdict = f"{goal[0]} {goal[1]} {'met' if met else 'MISSED'}"
        rows.append((name, f"{ratio:.2f}", verdict))
    for kind in ("lesson_page_bytes", "notebook_page_bytes"):
        sizes = result[kind]
        rows.append(
            (
                f"{kind} (html+css+js)",
                str(sizes["total"]),
                ", ".join(f"{k} {v}" for k, v in sizes.items() if k != "total"),
            )
        )
    for lang, count in result["verified_examples"].items():
        rows.append((f"verified examples ({lang})", str(count), ""))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    note = (
        f"{result['repetitions']} repetition(s); "
        f"{result['notebooks_executed_with_kernels']} notebooks executed with kernels"
    )
    return "\n".join([*lines, note])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--lessons", type=int, help="only this many lessons' notebooks (quick)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        result = measure(args.repetitions, args.lessons, Path(work))
    args.json.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print(table(result))
    print(f"written: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
