"""Privacy: every request stays on the site's own origin, and no cookies."""

from __future__ import annotations

from urllib.parse import urlsplit

from .browsersupport import DESKTOP, HEIGHTS, label


def test_no_request_leaves_the_site_and_no_cookies(served_site, browser):
    # A fresh context, so the cookie jar and request log are this test's own.
    context = browser.new_context(viewport={"width": DESKTOP, "height": HEIGHTS[DESKTOP]})
    origin = urlsplit(served_site.base_url)[:2]
    requests, failed = [], []
    context.on("request", lambda request: requests.append((page.url, request.url)))
    context.on("response", lambda response: response.status >= 400 and failed.append(
        f"{response.url}: {response.status}"))
    # Moving on to the next page aborts what is still loading: that is no error.
    context.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED" and failed.append(
        f"{request.url}: {request.failure}"))
    page = context.new_page()
    problems = []
    try:
        for path in served_site.pages:
            page.goto(served_site.url(path))
            if path == "":
                # Search loads its worker, index and language files only when used.
                page.focus(".md-search__input")
                page.keyboard.type("ouders")
                page.wait_for_selector(".md-search-result__item")
                page.wait_for_load_state("networkidle")
            if page.evaluate("document.cookie"):
                problems.append(f"{label(path)}: document.cookie = {page.evaluate('document.cookie')!r}")
        page.wait_for_load_state("networkidle")  # the last page's late requests too
        cookies = context.cookies()
    finally:
        context.close()
    assert requests, "geen verzoeken gezien"
    for on_page, url in requests:
        parts = urlsplit(url)
        if parts.scheme not in ("data", "blob") and parts[:2] != origin:
            problems.append(f"{label(served_site.path_of(on_page))}: verzoek naar een andere site: {url}")
    problems += [f"cookie gezet: {cookie['name']} ({cookie['path']})" for cookie in cookies]
    problems += [f"verzoek mislukt: {failure}" for failure in failed]
    assert not problems, "\n".join(problems)
