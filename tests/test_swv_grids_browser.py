"""The overview's two grids (issue 21, part 3) in a real browser: the generated SWV of
tests/test_swv_grids.py built as `make swv` builds it, served over http.

axe-core finds nothing on either grid page (nor on the page with the schools'
explanations) at phone and laptop width, with the filter used; the page never
scrolls sideways on a phone; the filter hides the other domains or specialisms
and shows them again, by keyboard. Screenshots of both grids at both
widths go to SOP_SCREENSHOTS (a folder) when it is set, to be looked at.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT
from sop.checks.browsersupport import DESKTOP, HEIGHTS, PHONE, open_page, serve, settle
from sop.checks.test_browser_axe import axe_failures
from test_swv_browser import OPEN_ALL_DETAILS, chromium  # noqa: F401
from test_swv_grids import DAY, DOMAINS, generated_swv
from test_swv_kader_school import SPECIALISMS

GRIDS = {"basisondersteuning/": ("toon-domein", list(DOMAINS)), "expertise/": ("toon-specialisme", SPECIALISMS)}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("grids-site")
    _, swv = generated_swv(scratch)
    result = subprocess.run(
        [sys.executable, "-m", "sop.swv.build", "--map", str(swv), "--site", str(scratch / "site"),
         "--cache", str(scratch / "cache")],
        cwd=PROJECT, env=dict(os.environ, SOP_VANDAAG=DAY.isoformat(), NO_MKDOCS_2_WARNING="1"),
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    with serve(scratch / "site", "swv-grids-server") as site:
        yield site


def _choose(page, control: str, value: str) -> None:
    """Pick an option by keyboard, as a keyboard user does: focus the select, arrow to it."""
    page.focus(f"#{control}")
    options = page.eval_on_selector_all(f"#{control} option", "options => options.map(o => o.value)")
    current = page.eval_on_selector(f"#{control}", "select => select.value")
    steps = options.index(value) - options.index(current)
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    settle(page)
    assert page.eval_on_selector(f"#{control}", "select => select.value") == value


def _filtered(path: str):
    control, values = GRIDS[path]

    def prepare(page, site):
        open_page(page, site, path)
        page.evaluate(OPEN_ALL_DETAILS)
        _choose(page, control, values[1])

    return prepare


def _axe(browser, served, axe_source, width) -> list[str]:
    checks = [(f"{path} zoals geladen", lambda page, site, path=path: open_page(page, site, path))
              for path in [*GRIDS, "toelichting/"]]
    checks += [(f"{path} gefilterd, <details> open", _filtered(path)) for path in GRIDS]
    return axe_failures(browser, served, axe_source, width, checks)


@pytest.mark.parametrize("width", (PHONE, DESKTOP))
def test_axe_finds_nothing_on_the_grids_with_the_filter_used(served, chromium, axe_source, width):
    failures = chromium(_axe, served, axe_source, width)
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


def _visible(page) -> dict[str, bool]:
    """Per filter value: is any of its parts shown (a rendered box)?"""
    return page.evaluate(
        """() => {
          const shown = {};
          document.querySelectorAll('[data-f]').forEach(item => {
            const key = item.getAttribute('data-f');
            shown[key] = shown[key] || item.getClientRects().length > 0;
          });
          return shown;
        }""")


def _cells(page) -> int:
    """The answers a school's row of the grid shows."""
    return page.evaluate("[...document.querySelector('.swv-rooster tbody tr').cells]"
                         ".filter(cell => cell.tagName === 'TD' && cell.getClientRects().length).length")


def _filter_states(browser, served, path, width) -> list[tuple[str, dict, int, int]]:
    """(the chosen value, what shows, the page's width, a row's answers shown) after each step: load,
    choose each value, back to all."""
    control, values = GRIDS[path]
    context = browser.new_context(viewport={"width": width, "height": HEIGHTS[width]})
    states = []
    try:
        page = context.new_page()
        open_page(page, served, path)
        page.evaluate(OPEN_ALL_DETAILS)
        states.append(("", _visible(page), page.evaluate("document.documentElement.scrollWidth"), _cells(page)))
        for value in [*values, ""]:
            _choose(page, control, value)
            states.append((value, _visible(page), page.evaluate("document.documentElement.scrollWidth"),
                           _cells(page)))
            assert page.text_content("[data-filter] [role=status]").strip()
        shots = os.environ.get("SOP_SCREENSHOTS")
        if shots:
            name = path.strip("/")
            open_page(page, served, path)
            page.screenshot(path=str(Path(shots) / f"grids-{name}-{width}.png"), full_page=False)
            # The first card (a standard, or a specialism's list), as a phone shows it.
            page.evaluate(OPEN_ALL_DETAILS)
            page.locator("article h2[data-f]").first.scroll_into_view_if_needed()
            page.screenshot(path=str(Path(shots) / f"grids-{name}-{width}-kaart.png"))
            _choose(page, control, values[1])
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(Path(shots) / f"grids-{name}-{width}-filter.png"), full_page=True)
    finally:
        context.close()
    return states


@pytest.mark.parametrize("width", (PHONE, DESKTOP))
@pytest.mark.parametrize("path", GRIDS)
def test_the_filter_shows_one_part_and_everything_again(served, chromium, path, width):
    _, values = GRIDS[path]
    columns = DOMAINS if path == "basisondersteuning/" else dict.fromkeys(SPECIALISMS, [None])
    states = chromium(_filter_states, served, path, width)
    for value, shown, page_width, cells in states:
        expected = {key: not value or key == value for key in values}
        assert shown == expected, f"{path} bij {width} px, gekozen {value!r}: {shown}"
        # The grid's columns follow: one domain's standards (or one specialism), or all of them.
        assert cells == (len(columns[value]) if value else sum(map(len, columns.values()))), (value, cells)
        if width == PHONE:
            assert page_width <= PHONE, f"{path} bij {width} px, gekozen {value!r}: {page_width} px breed"


def _without_script(browser, served, path) -> tuple[bool, dict]:
    context = browser.new_context(java_script_enabled=False, viewport={"width": DESKTOP, "height": HEIGHTS[DESKTOP]})
    try:
        page = context.new_page()
        page.goto(served.url(path))
        return page.is_visible("[data-filter]"), _visible(page)
    finally:
        context.close()


@pytest.mark.parametrize("path", GRIDS)
def test_without_javascript_everything_shows_and_no_control(served, chromium, path):
    control_shown, shown = chromium(_without_script, served, path)
    assert not control_shown
    assert shown == dict.fromkeys(GRIDS[path][1], True)
