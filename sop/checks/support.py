"""Helpers for the generic checks, shared with the product tests that test them."""

from __future__ import annotations

import re
from pathlib import Path

# Relative to the site's home: 'onderwijs/', 'onderwijs/#concept', '/#status', 'open-data/sop.json'.
ADDRESS = re.compile(r"/?([\w.-]+/)*[\w.-]*(#[\w-]+)?")


def read_addresses(path: Path) -> list[str]:
    """The addresses in a list of published addresses; none if there is no list."""
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def resolve(root: Path, address: str) -> tuple[Path | None, str]:
    """The file behind a published address, following redirect pages like a browser."""
    path, _, anchor = address.partition("#")
    target = root / path.strip("/")
    if target.is_dir():
        target = target / "index.html"
    for _ in range(3):
        if not target.is_file():
            return None, anchor
        text = target.read_text(encoding="utf-8", errors="replace") if target.suffix == ".html" else ""
        refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', text)
        if not refresh:
            return target, anchor
        target = (target.parent / refresh.group(1)).resolve() / "index.html"
    return None, anchor


def address_problem(root: Path, address: str) -> str | None:
    """Why a published address no longer works on the site in `root`, in Dutch; None if it works."""
    if not ADDRESS.fullmatch(address):
        return (f"{address!r} is geen adres op deze site; schrijf het zonder https:// en domein, "
                "bijvoorbeeld onderwijs/ of onderwijs/#concept")
    target, anchor = resolve(root, address)
    if target is None:
        return f"{address}: deze pagina of dit bestand bestaat niet meer"
    if anchor and not re.search(rf'id="{re.escape(anchor)}"', target.read_text(encoding="utf-8")):
        return f"{address}: de pagina bestaat, maar het onderdeel #{anchor} niet meer"
    return None


def sitemap_pages(root: Path) -> list[str]:
    """Every page in sitemap.xml, relative to the home page ('' is the home page)."""
    locations = re.findall(r"<loc>\s*([^<]+?)\s*</loc>", (root / "sitemap.xml").read_text(encoding="utf-8"))
    home = min(locations, key=len)
    return sorted(location[len(home):] for location in locations)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def site_words(site) -> set[str]:
    """Every word in the articles of the built site."""
    found: set[str] = set()
    for page in site.root.rglob("index.html"):
        article = site.page(str(page.parent.relative_to(site.root)).replace(".", "")).select_one("article")
        if article is not None:
            found.update(words(article.get_text(" ")))
    return found


def hyphenated(text: str) -> list[tuple[str, str]]:
    """Words a PDF broke at a line end ('onderwijsondersteu-' + 'nend'), as their two halves."""
    return [(first.lower(), second.lower()) for first, second in re.findall(r"(\w+)-[ \t]*\r?\n\s*(\w+)", text)]


def missing_words(source: str, on_site: set[str]) -> list[str]:
    """The words of `source` the site lacks, sorted.

    A word broken at a line end counts as on the site when the whole word is;
    then its halves need not be there on their own.
    """
    excused = set()
    for first, second in hyphenated(source):
        if first + second in on_site:
            excused |= {first, second}
    return sorted({word for word in words(source) if word not in on_site and word not in excused})
