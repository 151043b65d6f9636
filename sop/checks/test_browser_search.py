"""Searching in Dutch finds the page a parent is looking for."""

from __future__ import annotations

import time

import pytest

from sop.checks.browsersupport import DESKTOP, distinctive_word, label, open_page

# Pages a parent searches for; the query is a word only that page has (see
# distinctive_word), so this holds for any school's data.
SEARCHED_PAGES = ("basisondersteuning/", "stappenplan/", "ondersteuning/", "feiten-en-cijfers/")
TOP = 3


def result_pages(page, served_site) -> list[str]:
    """The pages in the result list, best first, once the list stops changing."""
    previous, stable_since = None, time.monotonic()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        hrefs = page.eval_on_selector_all(
            ".md-search-result__item > .md-search-result__link:first-child",
            "links => links.map(a => a.href)")
        meta = page.inner_text(".md-search-result__meta")
        current = (tuple(hrefs), meta)
        if current != previous:
            previous, stable_since = current, time.monotonic()
        elif time.monotonic() - stable_since > .4 and (hrefs or "Geen" in meta):
            break
        page.wait_for_timeout(50)
    pages = []
    for href in previous[0]:
        path = served_site.path_of(href)
        if path not in pages:
            pages.append(path)
    return pages


@pytest.mark.parametrize("expected", SEARCHED_PAGES)
def test_dutch_search_finds_the_right_page(served_site, tab, expected):
    query = distinctive_word(served_site.root, expected)
    page = tab(DESKTOP)
    open_page(page, served_site, "")
    page.focus(".md-search__input")
    page.keyboard.type(query, delay=20)
    found = result_pages(page, served_site)
    assert expected in found[:TOP], (
        f"zoeken op {query!r}: {label(expected)} niet bij de eerste {TOP}; "
        f"gevonden: {[label(p) for p in found]}")
