"""Every page: Dutch, described, tables with caption and header cells, and no
sideways scrolling on a phone (WCAG 1.4.10 reflow is defined at 320 px), in the
fixed fonts and in wide DejaVu alone (a fresh Debian machine)."""

from __future__ import annotations

import re

import pytest

from sop.checks.browsersupport import DESKTOP, PHONE, label, open_page, sitemap_locations
from sop.checks.fonts import FONT_SETS

FACTS = """() => ({
  lang: document.documentElement.lang,
  description: (document.querySelector('meta[name=description]') || {}).content || '',
  title: document.title,
  h1: [...document.querySelectorAll('h1')].map(h => h.textContent.trim()),
  tables: [...document.querySelectorAll('table')].map((table, number) => ({
    name: table.id || `tabel ${number + 1}`,
    caption: table.caption ? table.caption.textContent.trim() : '',
    headers: table.querySelectorAll('th').length,
  })),
})"""

WIDE = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: innerWidth,
  // What sticks out: elements wider than the window, outermost first. Not what
  // a scrolling or clipping box (a table, screen-reader text) holds inside it.
  culprits: [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
    .filter(e => {
      for (let box = e.parentElement; box && box !== document.body; box = box.parentElement)
        if (getComputedStyle(box).overflowX !== 'visible') return false;
      return true;
    })
    .slice(0, 5)
    .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')),
})"""


def test_every_page_is_dutch_described_and_has_proper_tables(served_site, tab):
    page = tab(DESKTOP)
    problems = []
    for path in served_site.pages:
        open_page(page, served_site, path)
        facts = page.evaluate(FACTS)
        where = label(path)
        if facts["lang"] != "nl":
            problems.append(f"{where}: <html lang={facts['lang']!r}>, verwacht 'nl'")
        if not facts["description"].strip():
            problems.append(f"{where}: geen <meta name=description>")
        if len(facts["h1"]) != 1:
            problems.append(f"{where}: {len(facts['h1'])} <h1>-koppen: {facts['h1']}")
        for table in facts["tables"]:
            if not table["caption"]:
                problems.append(f"{where}: {table['name']} heeft geen <caption>")
            if not table["headers"]:
                problems.append(f"{where}: {table['name']} heeft geen kopcellen (<th>)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("fonts", FONT_SETS)
@pytest.mark.parametrize("width", (320, PHONE))
def test_no_page_scrolls_sideways_on_a_phone(served_site, tab, width, fonts):
    page = tab(width, fonts=fonts)
    problems = []
    for path in served_site.pages:
        open_page(page, served_site, path)
        wide = page.evaluate(WIDE)
        if wide["scrollWidth"] > wide["innerWidth"]:
            problems.append(f"{label(path)}: {wide['scrollWidth']} px breed bij {wide['innerWidth']} px; "
                            f"steekt uit: {wide['culprits']}")
    assert not problems, "\n".join(problems)


def test_sitemap_lists_every_page(served_site):
    """The checked pages come from the sitemap: no page may be missing from it."""
    root = served_site.root
    listed = set(served_site.content_pages)
    unlisted = []
    for index in root.rglob("index.html"):
        path = "" if index.parent == root else index.parent.relative_to(root).as_posix() + "/"
        head = index.read_text(encoding="utf-8")[:2000]
        redirect = 'http-equiv="refresh"' in head
        # A page that asks search engines to stay away (the staff editor) is left out on purpose.
        private = re.search(r'<meta name="robots" content="[^"]*noindex', head) is not None
        if path not in listed and not redirect and not private:
            unlisted.append(label(path))
    assert len(sitemap_locations(root)) == len(listed)
    assert not unlisted, f"pagina's niet in sitemap.xml, dus niet getest: {unlisted}"
