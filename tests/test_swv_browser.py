"""The samenwerkingsverband's overview (issue 13) in a real browser.

The fixture SWV tests/swv/regio is built as `make swv` builds it, into a
temporary folder, and served over http. The machinery is the generic browser
suite's (tests/browser): Debian's Chromium with the fixed font set, axe-core
from sop/vendor/; skipped without Chromium on a developer's machine, failing in CI.

Chromium runs in a thread of its own here: Playwright's sync API allows one
instance per thread, and tests/browser's session-wide one may still be open
when this module runs in the same pytest run.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from browser.browsersupport import DESKTOP, HEIGHTS, PHONE, ServedSite, label, open_page, settle
# axe_source is the browser tests' fixture, used here too.
from browser.conftest import axe_source, discover_pages, launch_options, require_playwright, serve  # noqa: F401
from browser.test_browser_axe import axe_failures, page_checks
from browser.test_browser_privacy import privacy_problems
from browser.test_browser_search import result_pages
from conftest import PROJECT, Site
from sop.bench import BUDGET_GZIP_BYTES, first_visit
from sop.data.profile import load_profile

REGIO = PROJECT / "tests" / "swv" / "regio"
# The pages `make swv` builds; the sitemap must list exactly these (and 404.html is a page too).
PAGES = ("", "basisondersteuning/", "expertise/", "ontbrekend/", "open-data/", "scholen/", "toelichting/",
         "uitstroom-per-school/", "uitstroom/")
OPEN_ALL_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"


def _yaml(name: str) -> dict:
    return yaml.safe_load((REGIO / f"{name}.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def swv(tmp_path_factory) -> Site:
    """tests/swv/regio built by `python -m sop.swv.build`, as `make swv` does."""
    scratch = tmp_path_factory.mktemp("swv")
    result = subprocess.run(
        [sys.executable, "-m", "sop.swv.build", "--map", str(REGIO), "--site", str(scratch / "site"),
         "--cache", str(scratch / "cache")],
        cwd=PROJECT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    return Site(scratch / "site", name="swv-regio")


@pytest.fixture(scope="module")
def served(swv) -> ServedSite:
    """The built overview on http://127.0.0.1:<free port>, as tests/browser serves a school's site."""
    with serve(swv.root, "swv-server") as site:
        yield site


@pytest.fixture(scope="module")
def chromium(tmp_path_factory):
    """run(action, *args): action(browser, *args) in Chromium's own thread; its result or its error."""
    sync_playwright = require_playwright()
    options = launch_options(tmp_path_factory)
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="swv-chromium")
    started = {}

    def start():
        started["playwright"] = sync_playwright().start()
        started["browser"] = started["playwright"].chromium.launch(**options)

    def stop():
        if "browser" in started:
            started["browser"].close()
        if "playwright" in started:
            started["playwright"].stop()

    try:
        worker.submit(start).result()
        yield lambda action, *args: worker.submit(action, started["browser"], *args).result()
    finally:
        worker.submit(stop).result()
        worker.shutdown()


def test_the_sitemap_lists_every_page_of_the_overview(served):
    """The other tests visit what the sitemap lists: it must be every page."""
    assert served.content_pages == PAGES
    assert "404.html" in served.pages


# --- accessibility ------------------------------------------------------------


def _open_details(page, site, path):
    open_page(page, site, path)
    page.evaluate(OPEN_ALL_DETAILS)


def _axe(browser, served, axe_source, width) -> list[str]:
    # The school site's pages and states (search results, menu, a highlighted search word), and
    # every page with its <details> open.
    opened = [(f"{label(path)} met alle <details> open", functools.partial(_open_details, path=path))
              for path in served.pages]
    return axe_failures(browser, served, axe_source, width, page_checks(served, width) + opened)


@pytest.mark.parametrize("width", (PHONE, DESKTOP))
def test_axe_finds_no_violations_on_any_page(served, chromium, axe_source, width):
    """WCAG 2.2 A/AA and best practice, light and dark, every page as loaded and with every <details> open."""
    failures = chromium(_axe, served, axe_source, width)
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


def _widths(browser, served) -> list[str]:
    context = browser.new_context(viewport={"width": PHONE, "height": HEIGHTS[PHONE]})
    wide = []
    try:
        page = context.new_page()
        for path in served.pages:
            open_page(page, served, path)
            page.evaluate(OPEN_ALL_DETAILS)
            settle(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE:
                wide.append(f"{label(path)}: {width} px breed")
    finally:
        context.close()
    return wide


def test_no_page_scrolls_sideways_on_a_phone(served, chromium):
    """Wide tables scroll in their own region; the page itself stays 390 px wide, details open too."""
    wide = chromium(_widths, served)
    assert not wide, "\n".join(wide)


# --- privacy and weight ------------------------------------------------------


def _requests(browser, served) -> list[str]:
    return privacy_problems(browser, served, "scholen", lambda page: page.evaluate(OPEN_ALL_DETAILS))


def test_no_page_requests_anything_from_another_site(served, chromium):
    """Every request of every page (details open, search used) goes to the overview's own server; no cookies."""
    problems = chromium(_requests, served)
    assert not problems, "\n".join(problems)


def _weights(browser, served) -> dict[str, tuple[int, int, int]]:
    return {path: first_visit(browser, served.url(path)) for path in served.pages}


def test_every_page_fits_the_budget_on_a_first_visit(served, chromium):
    """At most 110 KB gzip per page with an empty cache, measured as `make bench` does (gzip per response)."""
    weights = chromium(_weights, served)
    over = [f"{label(path)}: {packed / 1024:.1f} KB gzip in {requests} verzoeken"
            for path, (requests, _, packed) in weights.items() if packed > BUDGET_GZIP_BYTES]
    assert not over, f"boven {BUDGET_GZIP_BYTES // 1024} KB gzip bij een eerste bezoek:\n" + "\n".join(over)


# --- search ------------------------------------------------------------------


def _index_words(root: Path) -> dict[str, set[str]]:
    """Per page, the words its search index entries hold, split as the search in the browser splits them."""
    index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    words: dict[str, set[str]] = {}
    for entry in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"]).lower()
        words.setdefault(entry["location"].split("#")[0], set()).update(separator.split(text))
    return words


def _only_on(root: Path, page: str, candidates: list[str]) -> str:
    """The first candidate, a single word, that the search index has on `page` and nowhere else."""
    words = _index_words(root)
    for candidate in candidates:
        word = candidate.lower()
        elsewhere = [other for other, found in words.items() if other != page and word in found]
        if re.fullmatch(r"\w{5,}", word) and word in words.get(page, set()) and not elsewhere:
            return candidate
    raise AssertionError(f"geen van {candidates} staat alleen op {label(page)}")


def _places() -> list[str]:
    places = []
    for entry in _yaml("scholen")["scholen"]:
        school = load_profile(REGIO / entry["map"]).school
        places += [school.plaats, *(location.plaats for location in school.vestigingen)]
    return places


def _search(browser, served, query) -> tuple[list[str], list[str]]:
    """(pages in the result list, best first; every result link with its #anchor)."""
    context = browser.new_context(viewport={"width": DESKTOP, "height": HEIGHTS[DESKTOP]})
    try:
        page = context.new_page()
        open_page(page, served, "")
        page.focus(".md-search__input")
        page.keyboard.type(query, delay=20)
        found = result_pages(page, served)
        links = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
        return found, [served.path_of(link) + ("#" + link.split("#", 1)[1] if "#" in link else "") for link in links]
    finally:
        context.close()


SEARCHES = {
    # A parent types the village a school is in: the Scholen page.
    "plaats van een school": ("scholen/", lambda root: _only_on(root, "scholen/", _places()), None),
    # A school's name leads to its row on the Scholen page, not to the lists it is in.
    "naam van een school": ("scholen/", lambda root: _only_on(root, "scholen/", [
        word for entry in _yaml("scholen")["scholen"]
        for word in re.findall(r"\w+", load_profile(REGIO / entry["map"]).school.naam)]), None),
    # A specialism's name: the Expertise page, at that specialism.
    "naam van een specialisme": (
        "expertise/",
        lambda root: _only_on(root, "expertise/", [s["naam"] for s in _yaml("specialismen")["specialismen"]]),
        lambda word: next(s["id"] for s in _yaml("specialismen")["specialismen"] if s["naam"] == word),
    ),
    # An indicator's own words: the Basisondersteuning page.
    "woord van een indicator": (
        "basisondersteuning/",
        lambda root: _only_on(root, "basisondersteuning/", sorted(
            {word for entry in _yaml("scholen")["scholen"]
             for domain in load_profile(REGIO / entry["map"]).basisondersteuning.domeinen
             for item in domain.indicatoren for word in re.findall(r"\w{8,}", item.indicator)})),
        None,
    ),
    # A comparison's title or category ('Individueel arrangement'): the Uitstroom page.
    "woord van een vergelijking": (
        "uitstroom/",
        lambda root: _only_on(root, "uitstroom/", [
            word for item in _yaml("vergelijkingen")["vergelijkingen"]
            for text in (item["titel"], *(category["naam"] for category in item["categorieen"]))
            for word in re.findall(r"\w+", text)]),
        None,
    ),
}


@pytest.mark.parametrize("what", SEARCHES)
def test_dutch_search_finds_the_page_with_the_word(served, chromium, what):
    expected, choose, anchor_of = SEARCHES[what]
    query = choose(served.root)
    found, links = chromium(_search, served, query)
    assert found[:1] == [expected], f"zoeken op {query!r}: eerst {label(expected)} verwacht; gevonden: {found}"
    if anchor_of:
        target = f"{expected}#{anchor_of(query)}"
        assert target in links, f"zoeken op {query!r}: geen link naar {label(target)}; wel: {links}"


# --- anchors and structured data ---------------------------------------------


def _expected_anchors() -> dict[str, list[str]]:
    """Per page, the anchors other sites may link to, from the SWV's and the schools' own ids."""
    schools = _yaml("scholen")["scholen"]
    domains = [domain for entry in schools for domain in load_profile(REGIO / entry["map"]).basisondersteuning.domeinen]
    return {
        "scholen/": [f"school-{entry['id']}" for entry in schools],
        "expertise/": [item["id"] for item in _yaml("specialismen")["specialismen"]],
        "basisondersteuning/": [f"domein-{domain.id}" for domain in domains]
        + [f"indicator-{item.id}" for domain in domains for item in domain.indicatoren],
        "uitstroom/": [item["id"] for item in _yaml("vergelijkingen")["vergelijkingen"]],
    }


def _anchors_in_view(browser, served, width) -> list[str]:
    """Go to each anchor; the element it names must be in view, not under the sticky header."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHTS[width]})
    problems = []
    try:
        page = context.new_page()
        for path, anchors in _expected_anchors().items():
            open_page(page, served, path)
            for anchor in dict.fromkeys(anchors):
                page.goto(served.url(f"{path}#{anchor}"))
                settle(page)
                where = page.evaluate(
                    """(id) => {
                      const element = document.getElementById(id);
                      if (!element) return 'ontbreekt';
                      const box = element.getBoundingClientRect();
                      const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
                      if (box.bottom <= header || box.top >= innerHeight) return `niet in beeld (${Math.round(box.top)} px)`;
                      const hit = document.elementFromPoint(box.left + 8, Math.max(box.top, header) + 4);
                      return hit && (element.contains(hit) || hit.contains(element)) ? '' : 'bedekt';
                    }""", anchor)
                if where:
                    problems.append(f"{label(path)}#{anchor} bij {width} px: {where}")
    finally:
        context.close()
    return problems


def test_every_stable_anchor_exists_once(swv):
    """Each school, specialism, domain, indicator and comparison has its own id, once on its page."""
    problems = []
    for path, anchors in _expected_anchors().items():
        ids = [element["id"] for element in swv.page(path.rstrip("/")).select("[id]")]
        problems += [f"{label(path)}: #{anchor} ontbreekt" for anchor in anchors if anchor not in ids]
        problems += [f"{label(path)}: #{anchor} staat er {ids.count(anchor)} keer"
                     for anchor in dict.fromkeys(ids) if ids.count(anchor) > 1]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", (PHONE, DESKTOP))
def test_a_link_to_an_anchor_shows_what_it_names(served, chromium, width):
    problems = chromium(_anchors_in_view, served, width)
    assert not problems, "\n".join(problems)


def test_every_page_says_it_is_about_the_samenwerkingsverband(swv):
    """schema.org JSON-LD: one Organization, with the SWV's name, on every page (404 too)."""
    name = _yaml("samenwerkingsverband")["naam"]
    problems = []
    for path in discover_pages(swv.root):
        file = swv.root / (path if path.endswith(".html") else path + "index.html")
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        scripts = soup.select('script[type="application/ld+json"]')
        if len(scripts) != 1:
            problems.append(f"{label(path)}: {len(scripts)} JSON-LD-blokken")
            continue
        data = json.loads(scripts[0].string)
        if (data.get("@context"), data.get("@type"), data.get("name")) != ("https://schema.org", "Organization", name):
            problems.append(f"{label(path)}: {data.get('@context')} {data.get('@type')} {data.get('name')!r}")
    assert not problems, "\n".join(problems)
