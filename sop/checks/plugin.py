"""The generic suite's fixtures: `sop test` loads this plugin (`-p sop.checks.plugin`);
a test file elsewhere can too, with `pytest_plugins = ["sop.checks.plugin"]`.

They check the school in pytest's rootdir (else the current folder): its data/,
and its site built as `make build` builds it, served over http and opened in
Debian's headless Chromium, one per font set (fonts.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sop.checks.browsersupport import (
    HEIGHTS, ServedSite, launch_options, require_playwright, serve, unavailable,
)
from sop.checks.builtsite import Site, build_site
from sop.checks.fonts import FIXED
from sop.data.profile import Profile, load_profile
from sop.vendor import AXE, asset


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: opent de site in Chromium (zonder deze tests: -m 'not browser')")


def pytest_collection_modifyitems(items):
    """Mark every test that opens Chromium, so the quick checks can run without them."""
    for item in items:
        if "browsers" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def find_school(rootdir: Path, current: Path) -> Path | None:
    """The school's repository: the first of pytest's rootdir and the current folder that
    holds mkdocs.yml and data/ (rootdir is a folder around it when that one has pytest
    settings of its own)."""
    return next((folder for folder in (rootdir, current)
                 if (folder / "mkdocs.yml").is_file() and (folder / "data").is_dir()), None)


@pytest.fixture(scope="session")
def school_dir(pytestconfig) -> Path:
    """The repository of the school whose content the suite checks."""
    found = find_school(pytestconfig.rootpath, Path.cwd())
    if found is None:
        pytest.fail("geen school gevonden: start de tests in de map met mkdocs.yml en data/", pytrace=False)
    return found


@pytest.fixture(scope="session")
def site(school_dir, tmp_path_factory) -> Site:
    """The school's site, built strictly from its data/ and docs/."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(school_dir, site_dir)
    assert result.returncode == 0, result.stderr
    return Site(site_dir, name="data")


@pytest.fixture(scope="session")
def profile(school_dir) -> Profile:
    """The school's validated data/."""
    return load_profile(school_dir / "data")


@pytest.fixture(scope="session")
def served_site(site) -> ServedSite:
    """The built site (the `site` fixture) on http://127.0.0.1:<free port>."""
    with serve(site.root, "site-server") as served:
        yield served


@pytest.fixture(scope="session")
def axe_source() -> str:
    return asset(AXE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browsers(tmp_path_factory):
    """browsers(fonts): one headless Chromium per font set (fonts.py)."""
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
