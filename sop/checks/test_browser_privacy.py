"""Privacy: every request stays on the site's own origin, and no cookies."""

from __future__ import annotations

from urllib.parse import urlsplit

from sop.checks.browsersupport import DESKTOP, HEIGHTS, label


def privacy_problems(browser, site, search_word: str, prepare=None) -> list[str]:
    """Each page of `site` opened (and `prepare`d), search used on the home page: every request
    to another origin, failed request and cookie, as a Dutch line."""
    # A fresh context, so the cookie jar and request log are this check's own.
    context = browser.new_context(viewport={"width": DESKTOP, "height": HEIGHTS[DESKTOP]})
    origin = urlsplit(site.base_url)[:2]
    requests, problems = [], []
    context.on("request", lambda request: requests.append((page.url, request.url)))
    context.on("response", lambda response: response.status >= 400 and problems.append(
        f"verzoek mislukt: {response.url}: {response.status}"))
    # Moving on to the next page aborts what is still loading: that is no error.
    context.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED" and problems.append(
        f"verzoek mislukt: {request.url}: {request.failure}"))
    page = context.new_page()
    try:
        for path in site.pages:
            page.goto(site.url(path))
            if prepare:
                prepare(page)
            if path == "":
                # Search loads its worker, index and language files only when used.
                page.focus(".md-search__input")
                page.keyboard.type(search_word)
                page.wait_for_selector(".md-search-result__item")
            page.wait_for_load_state("networkidle")  # the page's late requests too
            if page.evaluate("document.cookie"):
                problems.append(f"{label(path)}: document.cookie = {page.evaluate('document.cookie')!r}")
        cookies = context.cookies()
    finally:
        context.close()
    assert requests, "geen verzoeken gezien"
    for on_page, url in requests:
        parts = urlsplit(url)
        if parts.scheme not in ("data", "blob") and parts[:2] != origin:
            problems.append(f"{label(site.path_of(on_page))}: verzoek naar een andere site: {url}")
    return problems + [f"cookie gezet: {cookie['name']} ({cookie['path']})" for cookie in cookies]


def test_no_request_leaves_the_site_and_no_cookies(served_site, browser):
    problems = privacy_problems(browser, served_site, "ouders")
    assert not problems, "\n".join(problems)
