"""Benchmarks (`make bench`): commands timed side by side by hyperfine, medians of repetitions.

    python -m tools.bench                 # 3 repetitions of everything, `make test` included
    python -m tools.bench --repetitions 5 --no-make-test
    python -m tools.bench --quick --site site/   # what tests/test_bench.py runs: 1 repetition
                                                 # of two cheap commands, weights of a built site

Besides: `make serve`'s save-to-reload, from saving a snippet to both languages' pages of a
lesson showing the change (a copy of the project, served by `mkdocs serve`, polled).

Each repetition runs hyperfine once over all the commands (one run each), so the commands are
interleaved and a noisy moment of this machine hits them alike; the table gives the median of
the repetitions, and ratios of medians from the same run. Absolute times vary between runs here:
compare the ratios.
"""

from __future__ import annotations

import argparse
import html
import http.client
import json
import os
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from tools import claims
from tools.languages import LANGUAGE
from tools.pages import DOCS, LANGUAGES, ROOT, all_pages, parse_page, site_config

BIN = Path(sys.executable).parent
GOALS = {  # figure: (comparison, goal), from the issues
    "make_test_seconds": ("<=", 60),
    "make_check_lesson_seconds": ("<=", 10),
    "cold_build_over_bare_material": ("<=", 4),
    "notebooks_in_kernels_over_pytest_docs": (">=", 5),
    "serve_save_to_reload_seconds": ("<=", 2),
}
SERVED = "graph"  # the lesson whose two pages `make serve` is timed on


def commands(work: Path, quick: bool, make_test: bool) -> dict[str, tuple[str, str]]:
    """name: (command, what hyperfine runs before it, untimed)."""
    python, none = shlex.quote(str(BIN / "python")), "true"
    bare = bare_material_site(work / "bare")
    found = {
        "import_torch": (f"{python} -c 'import torch'", none),
        "build_bare_material": (f"{BIN}/mkdocs build -f {bare} -d {work}/bare-site", none),
    }
    if quick:
        return found
    notebooks = " ".join(shlex.quote(str(p)) for p in sorted(DOCS.glob("*/notebooks/*.ipynb")))
    found |= {
        # What a lesson imports: torch, and the optimizer machinery (torch._dynamo, ~1 s).
        "import_torch_and_optim": (
            f"{python} -c 'import torch; torch.optim.SGD([torch.zeros(1)], lr=0.1)'",
            none,
        ),
        "pytest_docs": (f"{BIN}/pytest docs/ -q -p no:cacheprovider", none),
        # The way notebook tutorials verify outputs: every notebook in a fresh kernel.
        "notebooks_in_kernels": (
            f"{BIN}/jupyter nbconvert --to notebook --execute --output-dir {work}/run {notebooks}",
            none,
        ),
        # Every build is cold: nothing is kept from an earlier build (tools/hooks/__init__.py).
        # Every page rendered, every block highlighted, both languages; no kernel ever.
        "build_site_cold": (f"{BIN}/mkdocs build --strict -d {work}/site", none),
        # What an author runs after changing one lesson.
        "make_check_lesson": (f"make check LESSON={SERVED}", none),
    }
    if make_test:
        found["make_test"] = ("make test", none)
    return found


def bare_material_site(folder: Path) -> Path:
    """A one-page Material site: the floor any MkDocs Material build pays."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "index.md").write_text("# Hello\n\nA bare Material page.\n")
    config = {"site_name": "Bare", "theme": {"name": "material", "font": False}}
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return folder / "mkdocs.yml"


def hyperfine(named: dict[str, tuple[str, str]], work: Path) -> dict[str, float]:
    """One run of each command, by hyperfine; seconds per name."""
    report = work / "hyperfine.json"
    command = ["hyperfine", "--runs", "1", "--style", "basic", "--export-json", str(report)]
    for name, (timed, prepare) in named.items():
        command += ["--prepare", prepare, "--command-name", name, timed]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if run.returncode:  # the last "Benchmark N: name" hyperfine printed is the one that failed
        started = re.findall(r"^Benchmark \d+: (.+)$", run.stdout, re.MULTILINE)
        name = started[-1] if started else "?"
        sys.exit(
            f"make bench: `{named[name][0] if name in named else name}` ({name}) failed: "
            f"{run.stderr.strip().splitlines()[-1]}\n  fix: run it alone to see its output"
        )
    results = json.loads(report.read_text())["results"]
    return {result["command"]: result["mean"] for result in results}


def served_lesson(work: Path) -> tuple[Path, list[tuple[Path, int]], list[str]]:
    """A copy of the project to serve; where to edit it (each language's snippet module of
    SERVED, the first line inside its first section); the lesson's two pages."""
    project = work / "serve"
    for name in ("docs", "snippets", "overrides", "tools"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    first = [
        parse_page(DOCS / lang / "lessons" / f"{SERVED}.md").examples[0].pieces[0]
        for lang in LANGUAGES
    ]
    edits = [(project / piece.file.relative_to(ROOT), piece.first_line) for piece in first]
    pages = [f"{LANGUAGE[lang].site_prefix}lessons/{SERVED}/" for lang in LANGUAGES]
    return project, edits, pages


def serve_reloads(
    project: Path, edits: list[tuple[Path, int]], pages: list[str], repetitions: int, timeout=300
) -> list[float]:
    """Seconds from saving a new comment at each (file, line) of `edits` to every page of
    `pages` (addresses under the site's root) showing it, under `make serve` (`mkdocs serve`
    in `project`, which rebuilds the whole site): once per repetition."""
    server, urls = start_serve(project, pages, timeout)
    try:
        seconds = []
        for repetition in range(repetitions):
            marker = f"# bench {repetition} {time.time_ns()}"
            start = time.monotonic()
            for path, line in sorted(edits):
                lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
                lines.insert(line - 1, f"{marker}\n")
                path.write_text("".join(lines), encoding="utf-8")
            shown(urls, html.escape(marker, quote=False), timeout, server)
            seconds.append(time.monotonic() - start)
        return seconds
    finally:
        server.terminate()
        server.wait()


class ServerExited(RuntimeError):
    """`mkdocs serve` stopped before it served the pages."""


def start_serve(project: Path, pages: list[str], timeout: float, attempts: int = 3):
    """`mkdocs serve` in `project` on a free port, once its first build is served: the server
    and the addresses of `pages`. The port is free when chosen but another process may take it
    before `mkdocs serve` binds it; the server then exits, and another port is tried."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for attempt in range(attempts):
        with socket.socket() as free:
            free.bind(("127.0.0.1", 0))
            port = free.getsockname()[1]
        base = f"http://127.0.0.1:{port}{urlsplit(site_config()['site_url']).path}"
        urls = [base + page for page in pages]
        command = [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"]
        server = subprocess.Popen(command, cwd=project, env=env, stderr=subprocess.DEVNULL)
        try:
            shown(urls, "</html>", timeout, server)  # the first build
            return server, urls
        except ServerExited:
            if attempt == attempts - 1:
                raise
        except BaseException:
            server.terminate()
            server.wait()
            raise
    raise AssertionError("unreachable")


def shown(urls, text: str, timeout: float, server: subprocess.Popen | None = None) -> None:
    """Wait until every page at `urls` holds `text`, while `server` (if given) runs."""
    deadline, waiting = time.monotonic() + timeout, set(urls)
    while waiting:
        for url in list(waiting):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if text in response.read().decode("utf-8"):
                        waiting.discard(url)
            # Not up yet, or answering mid-restart: a refused connection, a reset, or a reply
            # cut short (http.client's BadStatusLine, which is no OSError).
            except (OSError, http.client.HTTPException):
                pass
        if server is not None and server.poll() is not None:
            raise ServerExited(
                f"`mkdocs serve` exited ({server.returncode}) before {urls} were served"
            )
        if time.monotonic() > deadline:
            raise TimeoutError(f"{sorted(waiting)} never showed {text!r}")
        time.sleep(0.02)


def page_weight(site: Path, page: str) -> dict[str, int]:
    """Bytes of a page's HTML and of the CSS and JS files it loads (no fonts: system fonts)."""
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


def counts() -> dict[str, dict[str, int]]:
    """Verified examples, stated values bound to what their section prints (tools/claims.py),
    the values exempted by `<!-- unchecked: ... -->`, per language."""
    keys = ("verified_examples", "stated_values_bound", "stated_values_unchecked")
    found = {lang: dict.fromkeys(keys, 0) for lang in LANGUAGES}
    for path in all_pages():
        page, lang = parse_page(path), path.relative_to(DOCS).parts[0]
        found[lang]["verified_examples"] += len(page.examples)
        stated = claims.claims(path, page.text)
        found[lang]["stated_values_bound"] += sum(c.rule is None and not c.exempt for c in stated)
        found[lang]["stated_values_unchecked"] += sum(c.exempt is not None for c in stated)
    return found


def measure(repetitions: int, quick: bool, make_test: bool, site: Path | None, work: Path) -> dict:
    named = commands(work, quick, make_test)
    runs = [hyperfine(named, work) for _ in range(repetitions)]
    medians = {name: statistics.median(run[name] for run in runs) for name in named}
    all_seconds = {name: [run[name] for run in runs] for name in named}
    ratios = {}
    if not quick:
        ratios = {
            "pytest_docs_over_import_torch": medians["pytest_docs"] / medians["import_torch"],
            "pytest_docs_over_import_torch_and_optim": medians["pytest_docs"]
            / medians["import_torch_and_optim"],
            "cold_build_over_bare_material": medians["build_site_cold"]
            / medians["build_bare_material"],
            "notebooks_in_kernels_over_pytest_docs": medians["notebooks_in_kernels"]
            / medians["pytest_docs"],
            "make_check_lesson_seconds": medians["make_check_lesson"],
        }
    if make_test and not quick:
        ratios["make_test_seconds"] = medians["make_test"]
    if not quick:
        reloads = serve_reloads(*served_lesson(work), repetitions)
        medians["serve_save_to_reload"] = statistics.median(reloads)
        all_seconds["serve_save_to_reload"] = reloads
        ratios["serve_save_to_reload_seconds"] = medians["serve_save_to_reload"]
    site = site or work / "site"
    return {
        "repetitions": repetitions,
        "seconds_median": medians,
        "seconds_all": all_seconds,
        "ratios": ratios,
        "page_bytes": {
            "lesson (lessons/non-scalar)": page_weight(site, "lessons/non-scalar"),
            "notebook (notebooks/non-scalar)": page_weight(site, "notebooks/non-scalar"),
        },
        "counts": counts(),
    }


def table(result: dict) -> str:
    rows = [("figure", "median", "goal")]
    rows += [(f"{name} (s)", f"{s:.2f}", "") for name, s in result["seconds_median"].items()]
    for name, ratio in result["ratios"].items():
        verdict = ""
        if name in GOALS:
            comparison, goal = GOALS[name]
            met = ratio <= goal if comparison == "<=" else ratio >= goal
            verdict = f"{comparison} {goal} {'met' if met else 'MISSED'}"
        rows.append((name, f"{ratio:.2f}", verdict))
    for page, sizes in result["page_bytes"].items():
        detail = ", ".join(f"{kind} {size}" for kind, size in sizes.items() if kind != "total")
        rows.append((f"{page} bytes", str(sizes["total"]), detail))
    for lang, figures in result["counts"].items():
        rows += [(f"{name} ({lang})", str(value), "") for name, value in figures.items()]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join([*lines, f"median of {result['repetitions']} repetition(s), hyperfine"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--no-make-test", action="store_true", help="leave `make test` out")
    parser.add_argument("--quick", action="store_true", help="two cheap commands, 1 repetition")
    parser.add_argument("--site", type=Path, help="a built site to weigh (default: build one)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench.json")
    args = parser.parse_args(argv)
    repetitions = 1 if args.quick else args.repetitions
    with tempfile.TemporaryDirectory() as work:
        result = measure(repetitions, args.quick, not args.no_make_test, args.site, Path(work))
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(table(result))
    print(f"written: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
