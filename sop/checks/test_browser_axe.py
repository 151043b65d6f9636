"""axe-core finds no WCAG 2.2 A/AA or best-practice violation on any page,
at phone and desktop width, in the light and the dark colour scheme."""

from __future__ import annotations

import pytest

from sop.checks.browsersupport import (
    DESKTOP, HEIGHTS, PHONE, SCHEME_NAMES, SCHEMES, distinctive_word, label, open_page, settle,
)

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Started without waiting, so the light and the dark page are checked at the
# same time (one renderer process each, on separate cores).
START_AXE = """(tags) => {
  window.__axeResult = null;
  axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}).then(
    result => { window.__axeResult = result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({
        target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' '),
        summary: (n.failureSummary || '').replace(/\\s+/g, ' ').trim(),
      })),
    })); },
    error => { window.__axeResult = [{id: 'axe-error', impact: 'critical', help: String(error),
                                      helpUrl: '', nodes: []}]; });
}"""


def open_search(page, site):
    """Search results open over the page (a state axe can't see otherwise)."""
    open_page(page, site, "")
    page.focus(".md-search__input")
    page.keyboard.type(distinctive_word(site.root, "basisondersteuning/"))
    page.wait_for_selector(".md-search-result__item", state="visible")


def open_menu(page, site):
    open_page(page, site, "")
    page.click("[data-sop-menu]")


def highlighted(page, site):
    """A page opened from a search result: Material marks the search word."""
    page.goto(site.url(f"basisondersteuning/?h={distinctive_word(site.root, 'basisondersteuning/')}"))
    page.wait_for_selector("article mark")


# States beyond the plain pages: (where, function, widths).
STATES = (
    ("/ met zoekresultaten open", open_search, (PHONE, DESKTOP)),
    ("/ met menu open", open_menu, (PHONE,)),
    ("/basisondersteuning/?h=… (zoekwoord gemarkeerd)", highlighted, (PHONE, DESKTOP)),
)


def report(violations: list[tuple[str, dict]], width: int, scheme: str) -> str:
    """Per rule: what it wants, then each page with the offending elements."""
    by_rule: dict[str, list[tuple[str, dict]]] = {}
    for where, violation in violations:
        by_rule.setdefault(violation["id"], []).append((where, violation))
    lines = []
    for rule, found in by_rule.items():
        first = found[0][1]
        lines.append(f"axe {rule} ({first['impact']}) bij {width} px, {SCHEME_NAMES[scheme]}: {first['help']}")
        lines.append(f"  {first['helpUrl']}")
        for where, violation in found:
            lines.append(f"  {where}")
            for node in violation["nodes"][:6]:
                lines.append(f"    {node['target']}\n      {node['summary']}")
            if len(violation["nodes"]) > 6:
                lines.append(f"    … en nog {len(violation['nodes']) - 6} element(en)")
        lines.append("")
    return "\n".join(lines)


def axe_failures(browser, site, axe_source: str, width: int, checks: list) -> list[str]:
    """axe on each (where, action(page, site)) of `checks`, light and dark at once; a report per
    colour scheme that has violations."""
    pages = {}
    for scheme in SCHEMES:
        # A context per scheme: Material keeps the scheme of the first visit.
        context = browser.new_context(viewport={"width": width, "height": HEIGHTS[width]}, color_scheme=scheme)
        # axe is loaded into every page before the page's own scripts run.
        context.add_init_script(script=axe_source)
        pages[scheme] = context.new_page()
    violations = {scheme: [] for scheme in SCHEMES}
    try:
        for where, action in checks:
            for page in pages.values():
                action(page, site)
                settle(page)  # mid-fade colours are blended
                page.evaluate(START_AXE, TAGS)
            for scheme, page in pages.items():
                page.wait_for_function("() => window.__axeResult !== null", polling=100)
                violations[scheme] += [(where, v) for v in page.evaluate("window.__axeResult")]
    finally:
        for page in pages.values():
            page.context.close()
    return [report(found, width, scheme) for scheme, found in violations.items() if found]


def page_checks(site, width: int) -> list:
    """Every page as loaded, and the states of STATES at this width."""
    checks = [(label(path), lambda p, s, path=path: open_page(p, s, path)) for path in site.pages]
    return checks + [(where, action) for where, action, widths in STATES if width in widths]


@pytest.mark.parametrize("width", (PHONE, DESKTOP))
def test_axe_finds_no_violations(served_site, browser, axe_source, width):
    failures = axe_failures(browser, served_site, axe_source, width, page_checks(served_site, width))
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
