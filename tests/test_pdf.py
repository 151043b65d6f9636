"""The build writes the whole profile as a tagged Dutch PDF, and printing is clean."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from sop import render
from sop.pdf import PDF_NAME


@pytest.fixture(scope="module")
def pdf(site):
    return PdfReader(site.root / PDF_NAME)


def pdf_text(reader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_pdf_is_tagged_with_dutch_language_and_title(pdf, profile):
    catalog = pdf.trailer["/Root"]
    assert catalog["/Lang"] == "nl"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert profile.school.naam in pdf.metadata.title


def test_pdf_holds_every_part_of_the_profile(pdf, profile):
    text = pdf_text(pdf)
    for person in profile.expertise.medewerkers:
        assert render.shown_names([person.naam], profile.hidden_names())[0] in text
    for level in profile.stappenplan.niveaus:
        assert level.naam in text
    for domain in profile.basisondersteuning.domeinen:
        assert domain.titel in text
    for table in profile.aantallen.tabellen:
        assert table.titel in text
    assert profile.school.telefoon in text


def test_every_page_offers_the_pdf(site):
    for page in ("", "stappenplan", "feiten-en-cijfers"):
        links = [a for a in site.page(page).find_all("a") if a.get("href", "").endswith(PDF_NAME)]
        assert links and links[0].get_text(strip=True) == "Download als PDF", page


def test_the_one_page_profile_is_not_in_search(site):
    search = (site.root / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "volledig-profiel/" not in search
