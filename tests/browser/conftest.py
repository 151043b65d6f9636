"""Browser fixtures: the built site over http, one headless Chromium per font set.

Without Chromium, Playwright or axe-core these tests skip on a developer's
machine; in CI (env var CI set) they fail, so a broken CI image can't hide them.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sop.vendor import AXE, asset

from .browsersupport import HEIGHTS, ServedSite, sitemap_locations
from .fonts import FIXED, FONT_SETS

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]


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


@pytest.fixture(scope="session")
def served_site(site) -> ServedSite:
    """The strictly built site (the `site` fixture) on http://127.0.0.1:<free port>."""
    with serve(site.root, "site-server") as served:
        yield served


@pytest.fixture(scope="session")
def axe_source() -> str:
    return asset(AXE).read_text(encoding="utf-8")


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


@pytest.fixture(scope="session")
def browsers(tmp_path_factory):
    """browsers(fonts): one headless Chromium per font set (tests/browser/fonts.py)."""
    playwright = require_playwright()().start()
    launched = {}

    def get(fonts: str = FIXED):
        if fonts not in launched:
            launched[fonts] = playwright.chromium.launch(**launch_options(tmp_path_factory, fonts))
        return launched[fonts]

    try:
        yield get
        for chromium in launched.values():
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def browser(browsers):
    """Chromium with the fixed font set."""
    return browsers(FIXED)


@pytest.fixture(scope="session")
def tab(browsers):
    """tab(width, scheme, fonts): one reusable page per viewport, colour scheme and font set."""
    pages = {}

    def get(width: int, scheme: str = "light", fonts: str = FIXED):
        key = width, scheme, fonts
        if key not in pages:
            context = browsers(fonts).new_context(
                viewport={"width": width, "height": HEIGHTS.get(width, 900)},
                color_scheme=scheme,
            )
            pages[key] = context.new_page()
        return pages[key]

    yield get
    for page in pages.values():
        page.context.close()
