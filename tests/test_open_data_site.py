"""For the samenwerkingsverband: stable addresses, open data that matches the site, linked data."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import TEST_REPO_URL

from sop import render

ADDRESSES = [line.strip() for line in (Path(__file__).parent / "gepubliceerde-adressen.txt").read_text(
    encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
NAV_PAGES = ["", "onderwijs", "mogelijkheden-en-grenzen", "ondersteuning", "feiten-en-cijfers",
             "basisondersteuning", "stappenplan", "begrippen", "volledig-profiel", "over", "toegankelijkheid"]


def resolve(site, address: str):
    """The file behind a published address, following redirect pages like a browser."""
    path, _, anchor = address.partition("#")
    target = site.root / path
    if target.is_dir() or path in ("", "/"):
        target = (site.root / path.strip("/")) / "index.html"
    for _ in range(3):
        if not target.exists():
            return None, anchor
        text = target.read_text(encoding="utf-8", errors="replace") if target.suffix == ".html" else ""
        refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', text)
        if not refresh:
            return target, anchor
        target = (target.parent / refresh.group(1)).resolve() / "index.html"
    return None, anchor


@pytest.mark.parametrize("address", ADDRESSES)
def test_published_address_still_works(site, address):
    target, anchor = resolve(site, address)
    assert target is not None, f"{address} bestaat niet meer"
    if anchor:
        assert re.search(rf'id="{re.escape(anchor)}"', target.read_text(encoding="utf-8")), address


def test_every_page_and_anchor_is_in_the_published_list(site):
    """A new page or section must be added to the list, so it is protected from then on."""
    listed = set(ADDRESSES)
    for page in NAV_PAGES:
        assert (f"{page}/" if page else "/") in listed
    for table in ("uitstroom", "arrangementen"):
        assert f"feiten-en-cijfers/#tabel-{table}" in listed


def test_sop_json_validates_against_its_published_schema(site):
    document = json.loads((site.root / "open-data" / "sop.json").read_text(encoding="utf-8"))
    schema = json.loads((site.root / "open-data" / "sop.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert document["schema_version"]


def test_tables_rebuilt_from_sop_json_equal_the_html_tables(site):
    document = json.loads((site.root / "open-data" / "sop.json").read_text(encoding="utf-8"))
    article = site.article("feiten-en-cijfers")
    for table in document["aantallen"]["tabellen"]:
        rebuilt = [[row["categorie"], *(str(row["aantallen"][year]) for year in table["schooljaren"])]
                   for group in table["groepen"] for row in group["rijen"]]
        html = [[cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
                for tr in article.select(f"#tabel-{table['id']} tbody tr") if not tr.get("class")]
        assert rebuilt == html


def test_csv_opens_in_dutch_excel(site, profile):
    for table in profile.aantallen.tabellen:
        raw = (site.root / "open-data" / f"{table.id}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][-len(table.schooljaren):] == table.schooljaren
        for group in table.groepen:
            for row in group.rijen:
                match = [r for r in rows if row.categorie in r]
                threshold = profile.instellingen.small_number_threshold
                assert match and match[0][-len(table.schooljaren):] == [
                    render.shown_count(row.aantallen[y], threshold) for y in table.schooljaren]


def test_feiten_page_links_each_tables_downloads(site, profile):
    article = site.article("feiten-en-cijfers")
    hrefs = {a["href"] for a in article.select(".sop-downloads a")}
    for table in profile.aantallen.tabellen:
        assert {f"../open-data/{table.id}.csv", f"../open-data/{table.id}.json"} <= hrefs


@pytest.mark.parametrize("page", NAV_PAGES)
def test_every_page_has_linked_data_canonical_and_preview(site, profile, page):
    soup = site.page(page)
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "ElementarySchool"
    assert data["identifier"] == {"@type": "PropertyValue", "propertyID": "BRIN", "value": profile.school.brinnummer}
    assert data["telephone"] == profile.school.telefoon and data["email"] == profile.school.email
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical.startswith("http://127.0.0.1:8000/") and canonical.endswith(f"{page}/" if page else "/")
    meta = {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}
    assert meta["og:title"] and meta["og:description"] == soup.find("meta", attrs={"name": "description"})["content"]
    assert meta["og:url"] == canonical


def test_sitemap_lists_every_page_at_the_site_url(site):
    robots = (site.root / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    for page in NAV_PAGES:
        assert f"<loc>http://127.0.0.1:8000/{page + '/' if page else ''}</loc>" in sitemap


@pytest.mark.parametrize("page", NAV_PAGES)
def test_every_page_has_edit_button_date_and_pdf(site, page):
    soup = site.page(page)
    source = "index.md" if page == "" else f"{page}.md"
    edit = soup.find("a", rel="edit")
    assert edit["href"] == f"{TEST_REPO_URL}/edit/main/docs/{source}"
    assert edit["title"] == "Bewerk deze pagina"
    footer = soup.select_one(".sop-paginavoet").get_text(" ", strip=True)
    assert re.search(r"Laatst gewijzigd: \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|"
                     r"september|oktober|november|december) \d{4}", footer), page


def test_data_sections_link_to_their_data_file(site):
    links = {a["href"] for a in site.article("ondersteuning").select(".sop-bewerk a")}
    for stem in ("expertise", "sociale-veiligheid", "externe-deskundigen", "ondersteuningsstructuur"):
        assert f"{TEST_REPO_URL}/edit/main/data/{stem}.yml" in links


def test_change_log_lists_changed_pages_per_day_without_commit_messages(site):
    entries = site.article("over").select(".sop-geschiedenis li")
    assert entries and all(re.match(r"\d{1,2} \w+ \d{4}: .+", li.get_text().strip()) for li in entries)
    titles = {"Start", "Onderwijs", "Ondersteuning", "Feiten en cijfers", "Basisondersteuning", "Stappenplan"}
    linked = {a.get_text() for li in entries for a in li.find_all("a")}
    assert titles <= linked
    for li in entries:
        text = li.get_text().split(": ", 1)[1]
        assert text == ", ".join(a.get_text() for a in li.find_all("a"))  # only page names


def test_over_page_links_the_staff_guide(site):
    links = [a["href"] for a in site.article("over").find_all("a")]
    assert f"{TEST_REPO_URL}/blob/main/CONTRIBUTING.md" in links
