"""Keyboard only: Tab from the top reaches the search field and every page, and
each Tab stop is visible (on screen, not hidden under the sticky header)."""

from __future__ import annotations

from sop.checks.browsersupport import DESKTOP, PHONE, describe, distinctive_word, focused, label, open_page

MAX_TABS = 60


def tab_until(page, done, limit=MAX_TABS) -> list[dict]:
    """Press Tab until done(stops) holds; every stop, in order."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(focused(page))
        if done(stops):
            break
    return stops


def invisible(stops: list[dict]) -> list[str]:
    return [describe(stop) for stop in stops if not stop["visible"]]


def nav_pages(stops: list[dict], site) -> set[str]:
    return {site.path_of(stop["href"]) for stop in stops if stop["inNav"] and stop["href"]}


def test_tab_reaches_search_and_every_page_at_desktop_width(served_site, tab):
    page = tab(DESKTOP)
    open_page(page, served_site, "")
    wanted = set(served_site.content_pages)
    stops = tab_until(page, lambda s: any(x["search"] for x in s) and wanted <= nav_pages(s, served_site))
    order = "\n".join(f"  {number}. {describe(stop)}" for number, stop in enumerate(stops, 1))
    assert any(stop["search"] for stop in stops), f"Tab bereikt het zoekveld niet:\n{order}"
    missing = sorted(label(path) for path in wanted - nav_pages(stops, served_site))
    assert not missing, f"Tab bereikt de navigatie naar {missing} niet:\n{order}"
    assert not invisible(stops), f"Onzichtbare Tab-stops: {invisible(stops)}\n{order}"


def test_typing_in_search_opens_results_that_a_keyboard_can_follow(served_site, tab):
    page = tab(DESKTOP)
    open_page(page, served_site, "")
    tab_until(page, lambda s: s[-1]["search"], limit=10)
    assert focused(page)["search"], "zoekveld niet bereikt"
    query = distinctive_word(served_site.root, "basisondersteuning/")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", state="visible")
    # Material's results are a list you walk with the arrow keys (Tab closes the search).
    page.keyboard.press("ArrowDown")
    result = focused(page)
    assert "?h=" in result["href"], f"pijl omlaag bereikt geen zoekresultaat: {describe(result)}"
    assert result["visible"], describe(result)
    target = result["href"]
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: served_site.path_of(url) == served_site.path_of(target))
    assert query in page.inner_text("article").lower()


def test_menu_button_opens_navigation_by_keyboard_on_a_phone(served_site, tab):
    page = tab(PHONE)
    open_page(page, served_site, "")
    menu = page.locator("[data-sop-menu]")
    stops = tab_until(page, lambda s: s[-1]["name"] == "Menu" and s[-1]["tag"] == "button", limit=5)
    assert stops[-1]["name"] == "Menu", f"menuknop niet bereikt: {[describe(s) for s in stops]}"
    assert not invisible(stops), invisible(stops)
    assert menu.get_attribute("aria-expanded") == "false"

    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    wanted = set(served_site.content_pages)
    stops = [focused(page)]
    stops += tab_until(page, lambda s: not s[-1]["inNav"])
    assert stops[0]["inNav"], "focus staat na openen niet in het menu"
    missing = sorted(label(path) for path in wanted - nav_pages(stops, served_site))
    assert not missing, f"menu mist {missing}"
    assert not invisible(stops), invisible(stops)
    # Tabbing past the last link closed the menu; open it again for Escape.
    assert menu.get_attribute("aria-expanded") == "false", "menu blijft open na de laatste link"
    menu.focus()
    page.keyboard.press("Enter")
    assert focused(page)["inNav"]

    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert focused(page)["name"] == "Menu", "focus keert na Escape niet terug naar de menuknop"
    # Closed, the drawer's links are no Tab stops: they'd be invisible.
    after = tab_until(page, lambda s: False, limit=8)
    assert not [stop for stop in after if stop["inNav"]], "gesloten menu zit nog in de Tab-volgorde"
    assert not invisible(after), invisible(after)
