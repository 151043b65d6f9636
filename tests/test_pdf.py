"""The build writes the whole profile as a tagged Dutch PDF, and printing is clean."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

from sop.writers import render
from sop.writers.pdf import CHART_STYLE, PDF_NAME


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
        assert render.roster_label(person, profile.hidden_names()) in text
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


def _fill_colours(reader) -> Counter:
    """How often each RGB fill colour (as #rrggbb) is set in the streams the pages draw."""
    found, seen, todo = Counter(), set(), [page for page in reader.pages]
    while todo:
        obj = todo.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, StreamObject):
            for rgb in re.findall(rb"([0-9.]+) ([0-9.]+) ([0-9.]+) rg\b", obj.get_data()):
                found["#" + "".join(f"{round(float(part) * 255):02x}" for part in rgb)] += 1
        if isinstance(obj, dict):
            todo += [value for key, value in obj.items() if key != "/Parent"]
        elif isinstance(obj, list):
            todo += list(obj)
    return found


def test_pdf_charts_use_the_legend_colours(pdf, profile):
    """Bars in the PDF have the colours of their legend, not black."""
    colours = dict(re.findall(r"\.sop-reeks-(\d+) \{ fill: (#[0-9a-f]{6})", CHART_STYLE.read_text(encoding="utf-8")))
    assert len(colours) == render.SERIES_COLOURS
    legends, bars = Counter(), Counter()
    for table in profile.aantallen.tabellen:
        if len({table.unit(row) for row in table.rows}) > 1:
            continue  # no chart: rows in different units
        for series, row in enumerate(table.rows):
            colour = colours[str(series % render.SERIES_COLOURS + 1)]
            legends[colour] += 1
            bars[colour] += sum(1 for value in row.aantallen.values() if value)
    assert bars, "het profiel heeft geen staven om te tekenen"
    used = _fill_colours(pdf)
    # Each legend swatch sets its colour once; each bar sets it again.
    for colour, count in bars.items():
        if count:
            assert used[colour] >= legends[colour] + count, colour
