"""Another school forks the repo, replaces data/, and gets a correct site: no code change."""

from __future__ import annotations

import re

import pytest
from conftest import Site


@pytest.fixture(scope="module")
def other_site(school_sites) -> Site:
    return school_sites("voorbeeldschool")


def all_text(site: Site) -> str:
    return " ".join(path.read_text(encoding="utf-8") for path in site.root.rglob("*.html"))


def test_other_school_name_everywhere_and_none_of_the_original(other_site):
    html = all_text(other_site)
    assert "OBS De Proefboom" in other_site.page("").title.get_text()
    assert not re.search(r"vesterhavet|hoofddorp|11ZW", html, re.IGNORECASE)


def test_other_school_years_and_categories(other_site):
    table = other_site.article("feiten-en-cijfers").select_one("#tabel-verwijzingen")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Leerlingen naar", "2030/2031", "2031/2032", "2032/2033"]
    rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]
    # This school masks counts below 15 (data/instellingen.yml), as Vensters does.
    assert rows == [["Speciaal basisonderwijs", "< 15", "< 15", "< 15"], ["Speciaal onderwijs", "21", "22", "23"]]
    assert len(other_site.article("feiten-en-cijfers").select(".sop-tabel--aantallen")) == 1


def test_masked_counts_are_masked_in_the_chart_too(other_site):
    chart = other_site.article("feiten-en-cijfers").select_one("#grafiek-verwijzingen")
    text = chart.get_text(" ")
    assert "< 15" in chart.find("desc").get_text()
    assert not re.search(r"\b1[123]\b", text)
    assert [t.get_text() for t in chart.select(".sop-grafiek__totaal")] == ["≥ 22", "≥ 23", "≥ 24"]
    assert len(chart.select('rect[fill^="url(#"]')) == 3


def test_a_name_without_consent_is_withheld_but_the_role_stays(other_site):
    assert "Quinten Quiz" not in all_text(other_site)
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
            for tr in other_site.article("ondersteuning").select(".sop-tabel--expertise tbody tr")]
    assert ["naam niet gepubliceerd", "Gymleraar", "Motoriek"] in rows


def test_other_school_roster_size_and_levels(other_site):
    article = other_site.article("ondersteuning")
    assert len(article.select(".sop-tabel--expertise tbody tr")) == 3
    assert [th.get_text(strip=True) for th in article.select(".sop-tabel--expertise thead th")] == [
        "Naam", "Functie", "Specialisme"]
    assert "De 1-zorgroute kent 3 stappen" in article.get_text(" ")
    levels = [h["id"] for h in other_site.article("stappenplan").select("h2[id^=niveau-]")]
    assert levels == ["niveau-1", "niveau-2", "niveau-3"]


def test_other_school_three_step_scale(other_site):
    section = other_site.article("basisondersteuning").find("h3", id="gedragsregels").parent
    assert [li.get_text(" ", strip=True) for li in section.select("ol.sop-schaal li")][1].startswith("Deels")
