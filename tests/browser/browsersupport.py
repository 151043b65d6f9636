"""Constants and helpers shared by the browser tests (fixtures are in conftest.py)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

PHONE = 390
DESKTOP = 1280
HEIGHTS = {PHONE: 844, DESKTOP: 900}
SCHEMES = ("light", "dark")
SCHEME_NAMES = {"light": "licht", "dark": "donker"}
# Material's palette follows prefers-color-scheme: what each scheme should select.
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}


def sitemap_locations(root: Path) -> list[str]:
    tree = ElementTree.parse(root / "sitemap.xml")
    return [element.text.strip() for element in tree.iter() if element.tag.endswith("loc") and element.text]


@dataclass(frozen=True)
class ServedSite:
    root: Path
    base_url: str  # ends with "/"
    pages: tuple[str, ...]  # relative to base_url: "", "onderwijs/", …, "404.html"

    def url(self, page: str) -> str:
        return self.base_url + page

    @property
    def content_pages(self) -> tuple[str, ...]:
        return tuple(page for page in self.pages if page != "404.html")

    def path_of(self, url: str) -> str:
        """'http://…/onderwijs/?h=x#y' → 'onderwijs/'."""
        path = re.sub(r"[?#].*$", "", url)
        return path[len(self.base_url):] if path.startswith(self.base_url) else path


def label(page: str) -> str:
    return "/" + page


def open_page(page, site: ServedSite, path: str) -> None:
    """Load a page and check Material applied the colour scheme the browser asks for."""
    page.goto(site.url(path))
    asked, applied = page.evaluate(
        "[matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light', document.body.dataset.mdColorScheme]")
    assert applied == MATERIAL_SCHEME[asked], f"{label(path)}: kleurschema {applied!r} bij {asked}"


def settle(page) -> None:
    """Wait for CSS transitions (search overlay, drawer) to start and finish."""
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def focused(page) -> dict:
    """The focused element: what it is, where it links, and whether a sighted user sees it."""
    settle(page)
    return page.evaluate(
        """() => {
          const element = document.activeElement;
          // Material's palette radio is hidden; it shows focus on the label after it.
          let shown = element;
          const next = element.nextElementSibling;
          if (element.matches('input.md-option') && next && next.matches('label')) shown = next;
          const box = shown.getBoundingClientRect();
          const onScreen = box.width > 0 && box.height > 0
            && getComputedStyle(shown).visibility !== 'hidden'
            && box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight;
          // Not entirely covered (e.g. by the sticky header): some point of it is on top.
          const points = [[.5, .5], [.1, .1], [.9, .1], [.1, .9], [.9, .9]].map(
            ([x, y]) => document.elementFromPoint(box.left + x * box.width, box.top + y * box.height));
          const visible = onScreen && points.some(hit => hit && (shown.contains(hit) || hit.contains(shown)));
          const name = element.getAttribute('aria-label') || element.textContent || element.value || '';
          return {
            tag: element.tagName.toLowerCase(),
            href: element.href || '',
            name: name.trim().replace(/\\s+/g, ' ').slice(0, 60),
            search: element.matches('.md-search__input'),
            inNav: !!element.closest('.md-sidebar--primary'),
            visible,
          };
        }"""
    )


def describe(element: dict) -> str:
    return f"<{element['tag']}> {element['name']!r} {element['href']}".rstrip()


def distinctive_word(root: Path, page: str) -> str:
    """A word of `page`'s own data that search finds on no other page: the query a
    parent of *this* school would type to find that page, whatever the school."""
    index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
    words: dict[str, Counter] = {}
    for entry in index["docs"]:
        location = entry["location"].split("#")[0]
        if location.startswith("volledig-profiel"):
            continue  # the one-page profile repeats every page
        text = re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"]).lower()
        # Tokens as the search splits them; a query must be one whole token.
        tokens = re.split(index["config"]["separator"], text)
        words.setdefault(location, Counter()).update(t for t in tokens if re.fullmatch(r"[a-zà-ÿ]{7,}", t))
    others = Counter()
    for location, counts in words.items():
        if location != page:
            others.update(counts)
    own = [(count, word) for word, count in words.get(page, Counter()).items() if word not in others]
    if not own:
        raise AssertionError(f"{page} heeft geen eigen woord om op te zoeken")
    return max(own)[1]
