"""A school with everything real profiles contain (tests/scholen/de-getijden) builds,
and each structure reaches the site, the open data, the PDF and the schoolgids."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile

import pytest
from conftest import SCHOOLS, Site
from pypdf import PdfReader

from sop.writers import render
from sop.writers.pdf import PDF_NAME
from sop.data.profile import load_profile

DATA = SCHOOLS["de-getijden"]


@pytest.fixture(scope="module")
def getij(school_sites) -> Site:
    return school_sites("de-getijden")


@pytest.fixture(scope="module")
def getij_profile():
    return load_profile(DATA)


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def rows(table) -> list[list[str]]:
    return [[text(cell) for cell in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]


def open_data(site: Site, name: str) -> dict:
    return json.loads((site.root / "open-data" / name).read_text(encoding="utf-8"))


def csv_rows(site: Site, name: str) -> list[list[str]]:
    raw = (site.root / "open-data" / name).read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(raw), delimiter=";"))


@pytest.fixture(scope="module")
def pdf_text(getij) -> str:
    reader = PdfReader(getij.root / PDF_NAME)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture(scope="module")
def docx_text(getij) -> str:
    with zipfile.ZipFile(getij.root / "schoolgids" / "schoolondersteuningsprofiel.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return " ".join(re.sub(r"<w:tab/>|</w:p>", " ", re.sub(r"<(?!w:tab/|/w:p>)[^>]+>", "", xml)).split())


@pytest.fixture(scope="module")
def markdown(getij) -> str:
    return (getij.root / "schoolgids" / "schoolondersteuningsprofiel.md").read_text(encoding="utf-8")


# 1, 2. Locations, each with its address; BRIN with vestigingsnummer.

def test_every_location_with_its_address_on_the_site_and_in_linked_data(getij, getij_profile):
    page = getij.page("")
    contact = text(page.select_one("#contactgegevens").find_next("dl").parent)
    jsonld = json.loads(page.find("script", type="application/ld+json").string)
    assert jsonld["identifier"]["value"] == "99ZZ00"
    departments = {d["name"]: d for d in jsonld["department"]}
    for location in getij_profile.school.vestigingen:
        assert location.naam in contact and location.straat_en_huisnummer in contact
        assert f"{location.postcode} {location.plaats}" in contact
        assert departments[location.naam]["address"]["streetAddress"] == location.straat_en_huisnummer
    assert departments["Locatie Duinzicht"]["identifier"]["value"] == "99ZZ01"
    assert "identifier" not in departments["Locatie Polder"]  # nothing made up


def test_locations_in_every_download(getij, pdf_text, docx_text, markdown):
    school = open_data(getij, "sop.json")["school"]
    assert [v["naam"] for v in school["vestigingen"]] == ["Locatie Duinzicht", "Locatie Polder"]
    for written in (pdf_text, docx_text, markdown):
        assert "Slootkade 40" in written and "99ZZ01" in written and "Duinweg 3" in written


# 3, 4, 13. Staff without a focus area, a function held by an unnamed group, names compared after NFC.

def test_roster_groups_empty_focus_and_a_withheld_name_in_another_normal_form(getij):
    roster = rows(getij.article("ondersteuning").select_one(".sop-tabel--expertise table"))
    assert roster[0] == [render.NAME_WITHHELD, "Directeur", ""]
    assert ["Sanne Bakker", "Onderwijsassistent", ""] in roster
    assert ["18 groepsleerkrachten", "Groepsleerkracht", ""] in roster
    everything = " ".join(p.read_text(encoding="utf-8") for p in getij.root.rglob("*") if p.suffix in {
        ".html", ".json", ".md", ".csv"})
    folded = unicodedata.normalize("NFC", everything)
    assert "René de Wit" not in folded and "Rene de Wit" not in folded


def test_groups_and_withheld_names_in_open_data(getij):
    staff = open_data(getij, "sop.json")["expertise"]["medewerkers"]
    assert staff[0]["naam"] is None and staff[0]["groep"] is None  # withheld, not a group
    assert {"naam": None, "groep": "18 groepsleerkrachten", "functie": ["Groepsleerkracht"],
            "focusgebied": [], "specialismen": []} in staff


# 5. A role filled by an organisation is a contact point on the home page.

def test_roles_filled_by_an_organisation_and_contacts_without_a_name(getij):
    roles = rows(getij.article("ondersteuning").select_one(".sop-tabel--rollen table"))
    assert roles == [
        ["Vertrouwenspersoon", "Stichting Zeewind (bestuur)"],
        ["Anti-pestcoördinator", "Het KiVa-team (Fenna Vos)"],
        ["Aandachtsfunctionaris", render.NOT_FILLED_IN],
    ]
    contacts = [text(dt) for dt in getij.article("").select("dl.sop-aanspreekpunten dt")]
    assert contacts == ["De leerkracht van uw kind", "Intern begeleider: Fenna Vos",
                        "Vertrouwenspersoon: Stichting Zeewind (bestuur)"]


# 6, 7, 8. Unreported values, decimals with units, notes under tables and rows.

def test_unreported_values_decimals_units_and_notes_on_the_site(getij):
    article = getij.article("feiten-en-cijfers")
    uitstroom = rows(article.select_one("#tabel-uitstroom"))
    assert uitstroom[0] == ["SBO", "6", render.NOT_REPORTED, "< 5"]
    assert uitstroom[1][0] == "SO Inclusief één leerling die halverwege het jaar vertrok."
    assert "Over 2021/2022 en 2022/2023 zijn geen cijfers bewaard." in text(article)
    assert rows(article.select_one("#tabel-doorstroom-vo"))[0] == ["Vmbo", "42,5%", "38%"]
    assert rows(article.select_one("#tabel-kengetallen")) == [
        ["Leerlingen met een eigen leerlijn", "11"],
        ["Gemiddelde groepsgrootte", "24,3 leerlingen per groep"],
        ["Verzuim", render.NOT_REPORTED],
    ]


def test_unreported_values_are_null_in_json_and_empty_in_csv(getij):
    table = open_data(getij, "uitstroom.json")
    assert table["rijen"][0]["aantallen"] == {"2019/2020": 6, "2020/2021": None, "2023/2024": "< 5"}
    assert table["rijen"][1]["toelichting"].startswith("Inclusief")
    assert table["ontbrekende_schooljaren"] == ["2021/2022", "2022/2023"]
    assert csv_rows(getij, "uitstroom.csv")[1] == ["", "SBO", "6", "", "< 5", ""]
    kengetallen = csv_rows(getij, "kengetallen.csv")
    assert kengetallen[0] == ["Tussenkop", "Kengetal", "Eenheid", "2023/2024"]
    assert kengetallen[2] == ["", "Gemiddelde groepsgrootte", "leerlingen per groep", "24,3"]
    assert open_data(getij, "sop.json")["aantallen"]["tabellen"][3]["groepen"][0]["rijen"][2]["aantallen"] == {
        "2023/2024": None}


# 9, 10. Rows that do not add up get no total; gaps in the school years show.

def test_totals_only_where_rows_add_up_and_gaps_are_visible(getij):
    article = getij.article("feiten-en-cijfers")
    stacked = article.select_one("#grafiek-uitstroom")
    # 2020/2021 has an unreported count: its total is a lower bound.
    assert [t.get_text() for t in stacked.select(".sop-grafiek__totaal")] == ["6", "≥ 7", "≥ 10"]
    assert "…" in [t.get_text() for t in stacked.select("text")]
    assert "Geen cijfers over 2021/2022, 2022/2023." in stacked.find("desc").get_text()
    overlapping = article.select_one("#grafiek-zittenblijven-en-verwijzen")
    assert overlapping.select(".sop-grafiek__totaal") == []
    assert "in totaal" not in overlapping.find("desc").get_text()
    assert len(overlapping.select("rect[class^=sop-reeks]")) == 4  # one bar per row and year
    assert article.select_one("#grafiek-kengetallen") is None  # mixed units share no axis


# 11. Levels from 0 and sub-levels, with stable anchors from their labels.

def test_levels_from_zero_and_sub_levels_keep_list_order_and_anchors(getij, getij_profile):
    article = getij.article("stappenplan")
    assert [h["id"] for h in article.select("h2[id^=niveau-]")] == [
        "niveau-0", "niveau-1", "niveau-2", "niveau-3a", "niveau-3b", "niveau-4"]
    assert text(article.select_one("#niveau-3a")).startswith("Niveau 3A: Advies van een specialist")
    items = getij.article("").select_one("#hulp-in-stappen").find_next_sibling("ul").select("li")
    assert [li.a["href"] for li in items] == [f"stappenplan/#{level.anchor}" for level in getij_profile.stappenplan.niveaus]


# 12. A status scale per domain, a domain without status, and who assessed.

def test_scale_per_domain_descriptive_domains_and_assessor(getij):
    article = getij.article("basisondersteuning")
    overview = {row[0]: row[1:] for row in rows(article.select_one("#tabel-basisondersteuning"))}
    assert overview["De zorgstructuur is beschreven."] == ["ja", "Ja"]
    assert overview["Er is een prikkelarme ruimte."] == ["", "geen status"]
    audit = article.find("h3", id="zorgstructuur-beschreven").parent
    assert "beoordeeld door een audit van het samenwerkingsverband" in text(audit)
    assert [text(li) for li in audit.select("ol.sop-schaal li")] == ["Nee", "Ja: ‘ja’"]
    assert article.find("h3", id="prikkelarme-ruimte").parent.select("ol.sop-schaal") == []
    assert "markering van de school" not in text(article)


def test_structures_in_pdf_and_schoolgids(pdf_text, docx_text, markdown):
    for written in (pdf_text, docx_text, markdown):
        plain = written.replace("\\", "")
        for expected in ("18 groepsleerkrachten", "Stichting Zeewind (bestuur)", "Niveau 3A: Advies van een specialist",
                         "42,5%", "24,3 leerlingen per groep", "niet bekend", "een audit van het samenwerkingsverband",
                         "Onze zorgroute"):
            assert expected in plain, expected
