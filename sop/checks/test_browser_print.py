"""Printing a page: no navigation, tables whole, and the addresses of links shown."""

from __future__ import annotations

from sop.checks.browsersupport import DESKTOP, open_page

PRINTED = """() => {
  const visible = selector => [...document.querySelectorAll(selector)]
    .some(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0);
  const link = document.querySelector('.md-content a[href^="mailto:"]');
  return {
    navigation: visible('.md-header') || visible('.md-sidebar') || visible('.md-footer'),
    editLinks: visible('.sop-bewerk'),
    clipped: [...document.querySelectorAll('.sop-tabel')]
      .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.querySelector('table').id),
    linkAddress: link ? getComputedStyle(link, '::after').content : '',
  };
}"""


def test_printed_pages_are_clean(served_site, tab):
    page = tab(DESKTOP)
    try:
        for path in ("", "stappenplan/", "feiten-en-cijfers/", "ondersteuning/"):
            open_page(page, served_site, path)
            page.emulate_media(media="print")
            printed = page.evaluate(PRINTED)
            assert not printed["navigation"] and not printed["editLinks"], path
            assert printed["clipped"] == [], f"{path}: tabellen afgesneden bij afdrukken"
            if path == "":
                assert "mailto:" in printed["linkAddress"]
            page.emulate_media(media="screen")
    finally:
        page.emulate_media(media="screen")
