"""`make bench`: page weight, requests and build time, next to a plain Material site.

The plain site is built from the same docs/ and data/ (so the same markdown),
with mkdocs-material's defaults and no extras of ours: no theme overrides, no
CSS of ours, no abbreviations, no PDF. Pages are loaded in Debian's Chromium
with an empty cache, as on a first visit; gzip sizes are computed per response.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from .build import build

BUDGET_GZIP_BYTES = 110 * 1024
BUDGET_BUILD_RATIO = 1.5
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PLAIN_CONFIG = """site_name: Kale Material-site
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: nl
plugins:
  - search
  - macros:
      module_name: macros
"""


def plain_project(project: Path, target: Path) -> Path:
    for name in ("docs", "data", "sop", "macros.py"):
        source = project / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, target / name)
    shutil.rmtree(target / "docs" / "stylesheets", ignore_errors=True)
    for page in (target / "docs").rglob("*.md"):  # our page templates don't exist there
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"(?m)^template: .*\n", "", text), encoding="utf-8")
    nav = [line for line in (project / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1].split("\n\n")[0].splitlines()]
    (target / "mkdocs.yml").write_text(PLAIN_CONFIG + "nav:\n" + "\n".join(nav) + "\n", encoding="utf-8")
    return target


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def mkdocs_build(project: Path, site_dir: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site_dir)],
                   cwd=project, env=env, check=True)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def pages(site: Path) -> list[str]:
    return sorted(str(p.parent.relative_to(site)).replace(".", "") for p in site.rglob("index.html")
                  if p.parent.name != "search")


def first_visit(browser, url: str) -> tuple[int, int, int]:
    """(requests, raw bytes, gzip bytes) of loading `url` with an empty cache; gzip per response."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        bodies = []
        tab.on("response", lambda response: bodies.append(response))
        tab.goto(url, wait_until="networkidle")
        sizes = []
        for response in bodies:
            try:
                body = response.body()
            except Exception:  # a redirect or aborted request has no body
                body = b""
            sizes.append((len(body), len(gzip.compress(body, 6))))
    finally:
        context.close()
    return len(sizes), sum(r for r, _ in sizes), sum(g for _, g in sizes)


def weigh(site: Path, browser) -> dict[str, tuple[int, int, int]]:
    """Per page: (requests, raw bytes, gzip bytes) of a first visit."""
    server, base = serve(site)
    try:
        return {page or "(start)": first_visit(browser, base + (page + "/" if page else "")) for page in pages(site)}
    finally:
        server.shutdown()


SCALE = 10  # the large school: this many times the rows, school years and staff


class _NoAliases(yaml.SafeDumper):
    # Data files may not hold anchors and aliases; write repeated values out in full.
    def ignore_aliases(self, data) -> bool:
        return True


def _dump(value) -> str:
    return yaml.dump(value, Dumper=_NoAliases, allow_unicode=True)


def scaled_data(source: Path, target: Path, factor: int) -> Path:
    """A copy of `source` (a data/ folder) with `factor` times the staff, table rows and school years."""
    shutil.copytree(source, target)
    roster_file = target / "expertise.yml"
    roster = yaml.safe_load(roster_file.read_text(encoding="utf-8"))
    roster["medewerkers"] = [
        {**person, **({"naam": f"{person['naam']} {copy}"} if person.get("naam") and copy else {})}
        for copy in range(factor)
        for person in roster["medewerkers"]
    ]
    roster_file.write_text(_dump(roster), encoding="utf-8")
    counts_file = target / "aantallen.yml"
    counts = yaml.safe_load(counts_file.read_text(encoding="utf-8"))
    for table in counts["tabellen"]:
        years = table["schooljaren"]
        last = int(years[-1][:4])
        many = [f"{start}/{start + 1}" for start in range(last - len(years) * factor + 1, last + 1)]
        table["schooljaren"] = many
        table["schooljaren_met_gaten"] = False
        for group in table["groepen"]:
            group["rijen"] = [
                {
                    **row,
                    "categorie": f"{row['categorie']} ({copy + 1})",
                    "aantallen": {year: list(row["aantallen"].values())[i % len(years)] for i, year in enumerate(many)},
                }
                for copy in range(factor)
                for row in group["rijen"]
            ]
    counts_file.write_text(_dump(counts), encoding="utf-8")
    return target


def scaling(project: Path, scratch: Path) -> list[tuple[int, float]]:
    """Cold `make build` time (PDF included) for this school and one SCALE times as large."""
    results = []
    for factor in (1, SCALE):
        copy = scratch / f"schaal-{factor}"
        for name in ("docs", "sop", "overrides", "macros.py", "mkdocs.yml"):
            source = project / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / name)
        scaled_data(project / "data", copy / "data", factor)
        start = time.perf_counter()
        if build(copy, copy / "site") != 0:
            raise RuntimeError(f"de school van {factor}x de omvang bouwt niet")
        results.append((factor, time.perf_counter() - start))
    return results


def main() -> int:
    from playwright.sync_api import sync_playwright

    project = Path.cwd()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        plain = plain_project(project, scratch / "plain")
        plain_time = min(timed(partial(mkdocs_build, plain, scratch / "plain-site")) for _ in range(3))
        ours_site = scratch / "site"
        shutil.rmtree(project / ".cache" / "pdf", ignore_errors=True)
        cold = timed(lambda: build(project, ours_site))
        warm = min(timed(lambda: build(project, ours_site)) for _ in range(2))
        html_only = min(timed(partial(mkdocs_build, project, scratch / "html-only")) for _ in range(3))
        growth = scaling(project, scratch)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=CHROMIUM_ARGS)
            ours = weigh(ours_site, browser)
            base = weigh(scratch / "plain-site", browser)
            browser.close()

    print(f"{'pagina':32} {'verzoeken':>9} {'bytes':>9} {'gzip':>8}   {'kaal: verz.':>11} {'bytes':>9} {'gzip':>8}")
    over_budget = []
    for page, (requests, raw, packed) in ours.items():
        plain_figures = base.get(page)
        plain_text = f"{plain_figures[0]:>11} {plain_figures[1]:>9} {plain_figures[2]:>8}" if plain_figures else f"{'-':>11}"
        print(f"{page:32} {requests:>9} {raw:>9} {packed:>8}   {plain_text}")
        if packed > BUDGET_GZIP_BYTES:
            over_budget.append(page)
    print()
    print(f"bouwtijd kale Material-site:           {plain_time:6.2f} s")
    print(f"bouwtijd deze site, alleen HTML:       {html_only:6.2f} s  ({html_only / plain_time:.2f}x)")
    print(f"bouwtijd make build, PDF in cache:     {warm:6.2f} s  ({warm / plain_time:.2f}x)")
    print(f"bouwtijd make build, PDF opnieuw:      {cold:6.2f} s  ({cold / plain_time:.2f}x)")
    (_, small), (_, large) = growth
    print(f"bouwtijd {SCALE}x zoveel rijen, jaren en medewerkers: {large:6.2f} s  "
          f"({large / small:.2f}x de gewone {small:.2f} s; lineair is hooguit {SCALE}x)")
    print(f"budget: elke pagina <= {BUDGET_GZIP_BYTES // 1024} KB gzip bij eerste bezoek; "
          f"bouwen <= {BUDGET_BUILD_RATIO}x de kale site")
    # The budget is for the build a developer waits for: make build with an unchanged PDF.
    failed = bool(over_budget) or warm / plain_time > BUDGET_BUILD_RATIO or large / small > SCALE
    if over_budget:
        print("boven het budget:", ", ".join(over_budget))
    print("binnen budget" if not failed else "BUDGET OVERSCHREDEN")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
