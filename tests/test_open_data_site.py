"""For the samenwerkingsverband: stable addresses, open data that matches the site, linked data.

On the fixture schools; the addresses of the school in data/ are checked by
sop/checks/test_published_addresses.py.
"""

from __future__ import annotations

import csv
import io
import json
import re

import jsonschema
import pytest
from conftest import SOURCE_DATA, TEST_REPO_URL

from sop.checks.support import address_problem, read_addresses
from sop.writers import render

# The addresses CBS Vesterhavet published, frozen with its data.
ADDRESSES = read_addresses(SOURCE_DATA / "gepubliceerde-adressen.txt")
NAV_PAGES = ["", "onderwijs", "mogelijkheden-en-grenzen", "ondersteuning", "feiten-en-cijfers",
             "basisondersteuning", "stappenplan", "begrippen", "volledig-profiel", "over", "toegankelijkheid"]
COMMIT_DAY = "14 maart 2031"  # FIXTURE_COMMIT_DATE, as a reader sees it


@pytest.mark.parametrize("address", ADDRESSES)
def test_published_address_still_works(source_site, address):
    assert address_problem(source_site.root, address) is None


def test_the_published_list_covers_every_page_and_table():
    listed = set(ADDRESSES)
    for page in NAV_PAGES:
        assert (f"{page}/" if page else "/") in listed
    for table in ("uitstroom", "arrangementen"):
        assert f"feiten-en-cijfers/#tabel-{table}" in listed


def redirect(to: str) -> str:
    return f'<html><head><meta http-equiv="refresh" content="0; url={to}"></head></html>'


@pytest.mark.parametrize("address, problem", [
    ("/", None),
    ("/#status", None),
    ("nieuw/", None),  # followed through the redirect
    ("oud/#status", None),
    ("data.csv", None),
    ("weg/", "bestaat niet meer"),
    ("weg.csv", "bestaat niet meer"),
    ("/#weg", "#weg niet meer"),
    ("oud/#weg", "#weg niet meer"),
    ("kapot/", "bestaat niet meer"),  # a redirect to nowhere
    ("rond/", "bestaat niet meer"),  # redirects in a circle
    ("https://school.example/onderwijs/", "geen adres op deze site"),
    ("onderwijs #concept", "geen adres op deze site"),
])
def test_address_problem_names_each_kind_of_broken_address(tmp_path, address, problem):
    (tmp_path / "index.html").write_text('<h2 id="status">Status</h2>', encoding="utf-8")
    (tmp_path / "data.csv").write_text("a;b", encoding="utf-8")
    for name, to in (("nieuw", ".."), ("oud", "../nieuw/"), ("kapot", "../weg/"), ("rond", "../rond/")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(redirect(to), encoding="utf-8")
    found = address_problem(tmp_path, address)
    assert (found is None) if problem is None else (problem in found and address in found)


def test_sop_json_validates_against_its_published_schema(school_site):
    site = school_site
    document = json.loads((site.root / "open-data" / "sop.json").read_text(encoding="utf-8"))
    schema = json.loads((site.root / "open-data" / "sop.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert document["schema_version"]


def as_read(value, unit: str | None) -> str:
    """A value from sop.json as the site shows it: masked text as is, null as 'niet bekend'."""
    if value is None:
        return "niet bekend"
    if isinstance(value, str):
        return value
    return render.with_unit(render.format_number(value), unit)


def test_tables_rebuilt_from_sop_json_equal_the_html_tables(school_site):
    site = school_site
    document = json.loads((site.root / "open-data" / "sop.json").read_text(encoding="utf-8"))
    article = site.article("feiten-en-cijfers")
    for table in document["aantallen"]["tabellen"]:
        rebuilt = [[" ".join(filter(None, (row["categorie"], row.get("toelichting")))),
                    *(as_read(row["aantallen"][year], row.get("eenheid") or table.get("eenheid"))
                      for year in table["schooljaren"])]
                   for group in table["groepen"] for row in group["rijen"]]
        html = [[cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
                for tr in article.select(f"#tabel-{table['id']} tbody tr") if not tr.get("class")]
        assert rebuilt == html


def in_excel(value, threshold: int | None) -> str:
    """A value as the CSV holds it: empty when not reported, '< n' when masked, decimal comma."""
    if value is None:
        return ""
    if threshold and isinstance(value, int) and 0 < value < threshold:
        return f"< {threshold}"
    return str(value).replace(".", ",")


def test_csv_opens_in_dutch_excel(school_site):
    site, profile = school_site, school_site.profile
    for table in profile.aantallen.tabellen:
        raw = (site.root / "open-data" / f"{table.id}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
        header, *rows = csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";")
        assert header[1] == table.rijkop
        columns = [header.index(year) for year in table.schooljaren]
        assert columns == sorted(columns)  # the years in order
        threshold = profile.instellingen.small_number_threshold
        assert [row[1] for row in rows] == [row.categorie for row in table.rows]
        for cells, row in zip(rows, table.rows):
            masking = threshold if table.unit(row) is None else None  # never a % or an average
            assert [cells[column] for column in columns] == [
                in_excel(row.aantallen[year], masking) for year in table.schooljaren]


def test_feiten_page_links_each_tables_downloads(school_site):
    site, profile = school_site, school_site.profile
    article = site.article("feiten-en-cijfers")
    hrefs = {a["href"] for a in article.select(".sop-downloads a")}
    for table in profile.aantallen.tabellen:
        assert {f"../open-data/{table.id}.csv", f"../open-data/{table.id}.json"} <= hrefs


@pytest.mark.parametrize("page", NAV_PAGES)
def test_every_page_has_linked_data_canonical_and_preview(school_site, page):
    site, profile = school_site, school_site.profile
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


def test_sitemap_lists_every_page_at_the_site_url(school_site):
    site = school_site
    robots = (site.root / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    for page in NAV_PAGES:
        assert f"<loc>http://127.0.0.1:8000/{page + '/' if page else ''}</loc>" in sitemap


@pytest.mark.parametrize("page", NAV_PAGES)
def test_every_page_has_edit_button_and_last_change(school_site, page):
    site = school_site
    soup = site.page(page)
    source = "index.md" if page == "" else f"{page}.md"
    edit = soup.find("a", rel="edit")
    assert edit["href"] == f"{TEST_REPO_URL}/edit/main/docs/{source}"
    assert edit["title"] == "Bewerk deze pagina"
    footer = soup.select_one(".sop-paginavoet").get_text(" ", strip=True)
    # The fixture's copy is one commit on FIXTURE_COMMIT_DATE.
    assert f"Laatst gewijzigd: {COMMIT_DAY}" in footer, page


def test_data_sections_link_to_their_data_file(school_site):
    site = school_site
    links = {a["href"] for a in site.article("ondersteuning").select(".sop-bewerk a")}
    for stem in ("expertise", "sociale-veiligheid", "externe-deskundigen", "ondersteuningsstructuur"):
        assert f"{TEST_REPO_URL}/edit/main/data/{stem}.yml" in links


def test_change_log_lists_changed_pages_per_day_without_commit_messages(school_site):
    site = school_site
    entries = site.article("over").select(".sop-geschiedenis li")
    assert entries and entries[0].get_text().startswith(f"{COMMIT_DAY}: ")  # the fixture's one commit
    assert all(re.match(r"\d{1,2} \w+ \d{4}: .+", li.get_text().strip()) for li in entries)
    titles = {"Start", "Onderwijs", "Ondersteuning", "Feiten en cijfers", "Basisondersteuning", "Stappenplan"}
    linked = {a.get_text() for li in entries for a in li.find_all("a")}
    assert titles <= linked
    for li in entries:
        text = li.get_text().split(": ", 1)[1]
        assert text == ", ".join(a.get_text() for a in li.find_all("a"))  # only page names


def test_over_page_links_the_staff_guide(school_site):
    site = school_site
    links = [a["href"] for a in site.article("over").find_all("a")]
    assert f"{TEST_REPO_URL}/blob/main/CONTRIBUTING.md" in links
