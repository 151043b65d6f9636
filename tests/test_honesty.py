"""The site says nothing the school did not say: no ranking word of our own on the
basisondersteuning page or in its open data, for every fixture school."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SOURCE_TEXT

# Words that rank a school's basisondersteuning. The site may only show one where the
# school's own data (its marks, headings, texts) has it.
RANKING_WORDS = [
    "nog niet aanwezig", "niet aanwezig", "aanwezig", "in ontwikkeling", "ontwikkelpunt", "op orde",
    "sterk ontwikkeld", "ontwikkeld", "gekozen", "onvoldoende", "voldoende", "matig", "zwak", "sterk",
    "goed", "zeer goed", "uitstekend", "geborgd", "basiskwaliteit", "niveau bereikt",
]


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _has(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


@pytest.fixture(scope="module")
def school(school_site):
    return school_site.profile, school_site


# Where the school's own document is at hand, its basisondersteuning chapter is what
# it wrote, not our data: (file, first line of the chapter, first line after it).
SOURCES = {"bron": (SOURCE_TEXT, r"\s*5\. ", r"\s*6\. ")}


def _chapter(path: Path, start: str, end: str) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if re.match(start, line))
    last = next(i for i, line in enumerate(lines) if i > first and re.match(end, line))
    return "\n".join(lines[first:last])


def test_no_ranking_word_the_school_did_not_write(school, request):
    profile, site = school
    source = SOURCES.get(request.node.callspec.params["school_site"])
    written = _chapter(*source) if source else " ".join(_strings(profile.basisondersteuning.model_dump(mode="json")))
    page = site.article("basisondersteuning").get_text(" ")
    published = " ".join(_strings(json.loads(
        (site.root / "open-data" / "sop.json").read_text(encoding="utf-8"))["basisondersteuning"]))
    invented = [word for word in RANKING_WORDS if not _has(word, written) and (_has(word, page) or _has(word, published))]
    assert invented == [], f"woorden die de school niet schreef: {invented}"


def _references(profile) -> list[str]:
    summary = profile.in_het_kort
    statements = [*summary.inleiding, *summary.niveaus, *summary.grenzen, *summary.aanspreekpunten]
    return [ref for statement in statements for ref in statement.bron]


def test_every_summary_sentence_links_to_a_part_of_the_profile_that_exists(school):
    profile, site = school
    home = site.article("")
    hrefs = {a["href"] for a in home.select("a[href]")}
    for ref in _references(profile):
        page, anchor = ref.split("#")
        target = site.page("" if page == "index" else page)
        assert target.find(id=anchor) is not None, f"{ref} bestaat niet"
        assert ("#" + anchor if page == "index" else f"{page}/#{anchor}") in hrefs, f"geen link naar {ref}"


def test_each_limit_in_plain_words_with_the_schools_wording_one_click_away(school):
    profile, site = school
    items = site.article("").select_one("#grenzen-in-het-kort").find_next_sibling("ul").select("li")
    assert [re.sub(r" \)", ")", " ".join(li.get_text(" ").split())) for li in items] == [
        f"{limit.tekst} (Meer hierover: Mogelijkheden en grenzen)" for limit in profile.in_het_kort.grenzen]
    wording = site.article("mogelijkheden-en-grenzen").select_one("#grenzen").find_next_sibling("ul").get_text(" ")
    for limit in profile.kansen_en_belemmeringen.grenzen:
        assert " ".join(limit.split()) in " ".join(wording.split())


def test_statements_on_the_schools_behalf_come_from_its_data(school):
    profile, site = school
    statement = profile.verklaringen.toegankelijkheid
    claim = " ".join(site.article("toegankelijkheid").get_text(" ").split())
    for value in (statement.status, statement.contact, statement.afhandeling):
        assert (value or "niet ingevuld") in claim
    review = " ".join(site.article("over").select_one("#bijhouden").find_next("dl").get_text(" ").split())
    assert (profile.verklaringen.controle_wijzigingen or "niet ingevuld") in review
    # Nothing the school did not confirm: no claim of conformance, no date of ours.
    if statement.status is None:
        assert "voldoet" not in claim
    if statement.laatste_controle is None:
        stand = site.article("toegankelijkheid").select_one("#stand-van-zaken").find_next("dl").get_text(" ")
        assert not re.search(r"\b20[0-9]{2}\b", stand) and "niet ingevuld" in stand
