"""The addresses this school has published keep working (data/gepubliceerde-adressen.txt).

Other sites (the samenwerkingsverband, its ondersteuningsplan) link to them. A
school that has published nothing yet has an empty list, and nothing to check.
"""

from __future__ import annotations

from pathlib import Path

from sop.checks.support import address_problem, read_addresses, sitemap_pages
from sop.versions import versies

LIST = Path("data") / "gepubliceerde-adressen.txt"


def published(project: Path) -> list[str]:
    """The published addresses this build can have: without git history (an export)
    the site has no Versies page and no open data per version (sop/versions/versies.py)."""
    addresses = read_addresses(project / LIST)
    if versies.history_available(project):
        return addresses
    return [address for address in addresses if not address.lstrip("/").startswith(versies.HISTORY_ADDRESSES)]


def test_every_published_address_still_works(school_dir, site):
    problems = [problem for address in published(school_dir) if (problem := address_problem(site.root, address))]
    assert not problems, (
        "Deze gepubliceerde adressen werken niet meer (data/gepubliceerde-adressen.txt). Verplaats een "
        "pagina met een doorverwijzing in mkdocs.yml; staat hier een adres van een andere school, "
        "maak de lijst dan leeg:\n" + "\n".join(problems))


def test_once_addresses_are_published_every_page_is_listed(school_dir, site):
    """A new page must join the list, so it is protected from then on."""
    listed = {address.lstrip("/") for address in read_addresses(school_dir / LIST)}
    if not listed:
        return  # nothing published yet
    unlisted = [page or "/" for page in sitemap_pages(site.root) if page not in listed]
    assert not unlisted, f"zet deze pagina's in data/gepubliceerde-adressen.txt: {unlisted}"
