"""Constants and helpers shared by the browser tests (fixtures are in plugin.py):
the built site over http, and Debian's headless Chromium with a fixed font set.

Without Chromium, Playwright or axe-core these tests skip on a developer's
machine; in CI (env var CI set) they fail, so a broken CI image can't hide them.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import sys
import threading
import xml.etree.ElementTree as ElementTree
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sop.checks.fonts import FIXED, FONT_SETS

PHONE = 390
DESKTOP = 1280
HEIGHTS = {PHONE: 844, DESKTOP: 900}
SCHEMES = ("light", "dark")
SCHEME_NAMES = {"light": "licht", "dark": "donker"}
# Material's palette follows prefers-color-scheme: what each scheme should select.
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}

# Found from the package, never from the school's folder: in a checkout, its npm packages.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]


def sitemap_locations(root: Path) -> list[str]:
    tree = ElementTree.parse(root / "sitemap.xml")
    return [element.text.strip() for element in tree.iter() if element.tag.endswith("loc") and element.text]


@dataclass(frozen=True)
class ServedSite:
    root: Path
    base_url: str  # ends with "/"
    pages: tuple[str, ...]  # relative to base_url: "", "onderwijs/", …, "404.html"

    def url(self, page: str) -> str:
        return self.base_url + page

    @property
    def content_pages(self) -> tuple[str, ...]:
        return tuple(page for page in self.pages if page != "404.html")

    def path_of(self, url: str) -> str:
        """'http://…/onderwijs/?h=x#y' → 'onderwijs/'."""
        path = re.sub(r"[?#].*$", "", url)
        return path[len(self.base_url):] if path.startswith(self.base_url) else path


def label(page: str) -> str:
    return "/" + page


def open_page(page, site: ServedSite, path: str) -> None:
    """Load a page and check Material applied the colour scheme the browser asks for."""
    page.goto(site.url(path))
    asked, applied = page.evaluate(
        "[matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light', document.body.dataset.mdColorScheme]")
    assert applied == MATERIAL_SCHEME[asked], f"{label(path)}: kleurschema {applied!r} bij {asked}"


def settle(page) -> None:
    """Wait for CSS transitions (search overlay, drawer) to start and finish."""
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def focused(page) -> dict:
    """The focused element: what it is, where it links, and whether a sighted user sees it."""
    settle(page)
    return page.evaluate(
        """() => {
          const element = document.activeElement;
          // Material's palette radio is hidden; it shows focus on the label after it.
          let shown = element;
          const next = element.nextElementSibling;
          if (element.matches('input.md-option') && next && next.matches('label')) shown = next;
          const box = shown.getBoundingClientRect();
          const onScreen = box.width > 0 && box.height > 0
            && getComputedStyle(shown).visibility !== 'hidden'
            && box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight;
          // Not entirely covered (e.g. by the sticky header): some point of it is on top.
          const points = [[.5, .5], [.1, .1], [.9, .1], [.1, .9], [.9, .9]].map(
            ([x, y]) => document.elementFromPoint(box.left + x * box.width, box.top + y * box.height));
          const visible = onScreen && points.some(hit => hit && (shown.contains(hit) || hit.contains(shown)));
          const name = element.getAttribute('aria-label') || element.textContent || element.value || '';
          return {
            tag: element.tagName.toLowerCase(),
            href: element.href || '',
            name: name.trim().replace(/\\s+/g, ' ').slice(0, 60),
            search: element.matches('.md-search__input'),
            inNav: !!element.closest('.md-sidebar--primary'),
            visible,
          };
        }"""
    )


def describe(element: dict) -> str:
    return f"<{element['tag']}> {element['name']!r} {element['href']}".rstrip()


def distinctive_word(root: Path, page: str) -> str:
    """A word of `page`'s own data that search finds on no other page: the query a
    parent of *this* school would type to find that page, whatever the school."""
    index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    words: dict[str, Counter] = {}
    for entry in index["docs"]:
        location = entry["location"].split("#")[0]
        if location.startswith("volledig-profiel"):
            continue  # the one-page profile repeats every page
        text = re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"]).lower()
        # Tokens as the search splits them; a query must be one whole token.
        tokens = re.split(index["config"]["separator"], text)
        words.setdefault(location, Counter()).update(t for t in tokens if re.fullmatch(r"[a-zà-ÿ]{7,}", t))
    others = Counter()
    for location, counts in words.items():
        if location != page:
            others.update(counts)
    own = [(count, word) for word, count in words.get(page, Counter()).items() if word not in others]
    if not own:
        raise AssertionError(f"{page} heeft geen eigen woord om op te zoeken")
    return max(own)[1]


def unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (in CI is dat een fout)", pytrace=False)
    pytest.skip(reason)


def discover_pages(root: Path) -> tuple[str, ...]:
    """Every page in the sitemap, relative to the home page; then 404.html.

    Not every index.html: redirect stubs for old addresses are no pages.
    """
    locations = sitemap_locations(root)
    home = min(locations, key=len)
    pages = sorted(location[len(home):] for location in locations)
    # 404.html is what a reader gets for a wrong link: a real page, so checked too.
    if (root / "404.html").exists():
        pages.append("404.html")
    return tuple(pages)


def url_prefix(root: Path) -> str:
    """The site's path on its host (site_url, e.g. /sop/), read from the sitemap.

    Serving under that same path keeps 404.html working: its links are absolute.
    """
    locations = sitemap_locations(root)
    path = urlsplit(min(locations, key=len)).path if locations else "/"
    return path if path.endswith("/") else path + "/"


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # The browser drops requests when a test moves on to the next page.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _QuietHandler(SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__not-in-site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args):  # keep pytest's output clean
        pass


@contextlib.contextmanager
def serve(root: Path, name: str) -> Iterator[ServedSite]:
    """The built site in `root` on http://127.0.0.1:<free port>, under its own path."""
    prefix = url_prefix(root)
    handler = type("Handler", (_QuietHandler,), {"prefix": prefix})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield ServedSite(root, f"http://127.0.0.1:{server.server_port}{prefix}", discover_pages(root))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def require_playwright():
    """Playwright's sync_playwright, once it and Chromium are installed (else skip; fail in CI)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright voor Python ontbreekt: installeer requirements.txt")
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).is_file()):
        unavailable(f"Chromium ontbreekt ({CHROMIUM}): installeer het Debian-pakket chromium of zet CHROMIUM_PATH")
    return sync_playwright


def launch_options(tmp_path_factory, fonts: str = FIXED) -> dict:
    """chromium.launch's arguments: Debian's Chromium, its flags, and font set `fonts` only."""
    font_set = FONT_SETS[fonts]
    if font_set.missing():
        unavailable(f"lettertypen ontbreken: installeer de Debian-pakketten {' '.join(font_set.missing())}")
    config = font_set.fontconfig(tmp_path_factory.mktemp(f"fonts-{fonts}"))
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "env": dict(os.environ, FONTCONFIG_FILE=str(config))}
