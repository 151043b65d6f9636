"""The built site shows every item of every data file, in the right place (for each fixture school)."""

from __future__ import annotations

import re

import pytest

from sop.writers import render


def normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def text_of(element) -> str:
    return normalized(element.get_text(" "))


def lines_of(block: str) -> list[str]:
    """The visible lines of a block text from data (bullet markers removed)."""
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    return [line[2:] if line.startswith("- ") else line for line in lines]


def assert_all_lines_on(site, page: str, *blocks: str) -> None:
    article = text_of(site.article(page))
    for block in blocks:
        for line in lines_of(block):
            assert normalized(line) in article, f"{line!r} ontbreekt op {page or 'start'}"


def table_rows(table) -> list[list[str]]:
    return [[text_of(cell) for cell in row.find_all(["th", "td"])] for row in table.select("tbody tr")]


def test_contact_details_on_home_page(school_site):
    site, profile = school_site, school_site.profile
    contact = site.article("").select_one("#contactgegevens ~ dl.sop-contact")
    shown = text_of(contact)
    school = profile.school
    for value in (school.naam, school.straat_en_huisnummer, f"{school.postcode} {school.plaats}",
                  school.brinnummer, school.telefoon):
        assert value in shown
    # An address is one word, in pieces a phone may wrap after '@', '.' or '/'.
    links = {a["href"]: a.get_text() for a in contact.find_all("a")}
    assert links[f"mailto:{school.email}"] == school.email
    assert links[school.website] == school.website
    assert site.page("").title.get_text().endswith(f"Schoolondersteuningsprofiel {school.naam}")


def test_introduction_and_vision(school_site):
    site, profile = school_site, school_site.profile
    assert_all_lines_on(site, "", profile.inleiding.tekst)
    concept = profile.onderwijsconcept
    assert_all_lines_on(site, "onderwijs", concept.visie, concept.werkwijze,
                        concept.aanpak_op_niveau, concept.extra_ondersteuning)


def test_concept_checklist_says_which_applies(school_site):
    site, profile = school_site, school_site.profile
    items = site.article("onderwijs").select("ul.sop-checklist > li")
    assert len(items) == len(profile.onderwijsconcept.concepten)
    for item, concept in zip(items, profile.onderwijsconcept.concepten):
        text = text_of(item)
        # Not ticked but written on ('Anders nl. …'): the school's text is its answer.
        mark, word = ("☑", "aangekruist") if concept.aangekruist else (
            ("✎", "ingevuld") if concept.toelichting else ("☐", "niet aangekruist"))
        assert text.startswith(f"{mark} {concept.naam}")
        assert f"({word})" in text
        if concept.toelichting:
            assert_all_lines_on(site, "onderwijs", concept.toelichting)


def test_possibilities_and_limits_lists(school_site):
    site, profile = school_site, school_site.profile
    data = profile.kansen_en_belemmeringen
    article = site.article("mogelijkheden-en-grenzen")
    for anchor, items in (("sterke-kanten", data.sterke_kanten),
                          ("schoolontwikkeling", data.schoolontwikkeling),
                          ("grenzen", data.grenzen),
                          ("plaatsen-en-behouden", data.plaatsing.punten)):
        shown = [text_of(li) for li in article.select_one(f"#{anchor} ~ ul").find_all("li")]
        assert shown == items, anchor
    assert_all_lines_on(site, "mogelijkheden-en-grenzen", profile.waarde_en_trots.tekst,
                        data.meer_informatie or "", data.plaatsing.inleiding)


def test_support_structure(school_site):
    site, profile = school_site, school_site.profile
    data = profile.ondersteuningsstructuur
    article = site.article("ondersteuning")
    shown = [text_of(li) for li in article.select_one("#zicht-op-ontwikkeling ~ ul").find_all("li")]
    assert shown == data.zicht_op_ontwikkeling
    for cycle in (data.gesprekkencyclus_intern, data.gesprekkencyclus_ouders):
        assert_all_lines_on(site, "ondersteuning", *cycle.momenten, cycle.toelichting or "")
    steps = [text_of(li) for li in article.select("ol.sop-stappen > li")]
    assert steps == [f"Stap {n}: {step}" for n, step in enumerate(data.zorgroute, start=1)]


def test_roster_has_one_row_per_person_with_functions_and_focus(school_site):
    site, profile = school_site, school_site.profile
    table = site.article("ondersteuning").select_one(".sop-tabel--expertise table")
    rows = table_rows(table)
    assert len(rows) == len(profile.expertise.medewerkers)
    hidden = profile.hidden_names()
    for row, person in zip(rows, profile.expertise.medewerkers):
        # A named person, or a group the school does not name ('18 groepsleerkrachten').
        name = render.shown_names([person.naam], hidden)[0] if person.naam else person.groep
        assert row == [name, " ".join(person.functie), " ".join(person.focusgebied)]


@pytest.mark.parametrize(
    "person, functions, focus",
    [  # Spot checks against the source's scrambled columns (see data/expertise.yml).
        ("Carolien Huizing", "Leerkracht gr 6 Coördinator bb", "Gedrag Taal/Lees Cultuur"),
        ("Angelique Zaadnoordijk", "NT2-specialist Taal/spellingspecialist", "Taal en NT2"),
        ("Niels Boersma", "ICT-er", "ICT"),
        ("Kim van Weeren", "IB Leerkracht groep 3", "IB"),
        ("Esther Wijnands", "Conciërge", "Concierge-zaken ICT"),
    ],
)
def test_roster_realigned_as_in_source(source_site, person, functions, focus):
    rows = table_rows(source_site.article("ondersteuning").select_one(".sop-tabel--expertise table"))
    assert [person, functions, focus] in rows


def test_roles_keep_unfilled_ones(school_site):
    site, profile = school_site, school_site.profile
    article = site.article("ondersteuning")
    groups = [profile.sociale_veiligheid] + list(profile.externe_deskundigen.groepen)
    tables = article.select(".sop-tabel--rollen table")
    assert len(tables) == len(groups)
    for table, group in zip(tables, groups):
        assert text_of(table.caption) == group.titel
        rows = table_rows(table)
        assert [row[0] for row in rows] == [role.rol for role in group.rollen]
        for row, role in zip(rows, group.rollen):
            for name in render.shown_names(role.namen, profile.hidden_names()):
                assert name in row[1]
            if role.organisatie:
                assert role.organisatie in row[1]
            if role.toelichting:
                assert row[1].startswith(normalized(role.toelichting))
            assert row[1].endswith("niet ingevuld") != role.filled


def test_statistics_tables_have_a_column_per_year_and_exact_numbers(school_site):
    site, profile = school_site, school_site.profile
    article = site.article("feiten-en-cijfers")
    for table_data in profile.aantallen.tabellen:
        table = article.select_one(f"#tabel-{table_data.id}")
        assert text_of(table.caption) == table_data.titel
        header = [normalized(th.get_text()) for th in table.select("thead th")]
        assert header == [table_data.rijkop, *table_data.schooljaren]
        shown = {row[0]: row[1:] for row in table_rows(table) if len(row) > 1}
        threshold = profile.instellingen.small_number_threshold
        for row in table_data.rows:
            label = normalized(f"{row.categorie} {row.toelichting or ''}")  # a row's note follows its name
            assert shown[label] == [render.shown_count(row.aantallen[y], threshold, table_data.unit(row))
                                    for y in table_data.schooljaren]


def test_statistics_match_the_source_figures(source_site):
    """A few figures read straight from the source PDF text."""
    article = source_site.article("feiten-en-cijfers")
    uitstroom = {row[0]: row[1:] for row in table_rows(article.select_one("#tabel-uitstroom"))}
    assert uitstroom["SBO (Speciaal basisonderwijs)"] == ["2", "0", "3", "4", "0", "0"]
    cluster3 = next(v for k, v in uitstroom.items() if "cluster 3" in k)
    assert cluster3 == ["0", "0", "0", "1", "2", "2"]
    arrangementen = {row[0]: row[1:] for row in table_rows(article.select_one("#tabel-arrangementen"))}
    cluster2 = next(v for k, v in arrangementen.items() if "cluster 2" in k)
    assert cluster2 == ["2", "3", "4", "4", "6", "2"]


def test_every_indicator_has_anchor_status_and_description(school_site):
    site, profile = school_site, school_site.profile
    data = profile.basisondersteuning
    article = site.article("basisondersteuning")
    for domain in data.domeinen:
        assert article.select_one(f"h2#{domain.id}") is not None
        scale = data.scale(domain)
        for indicator in domain.indicatoren:
            section = article.find("h3", id=indicator.id).parent
            assert text_of(section.h3) == indicator.indicator
            steps = section.select("ol.sop-schaal > li")
            if scale is None:
                assert steps == [] and indicator.status is None
                continue
            if scale.koppen:
                chosen = section.select_one(".sop-schaal__gekozen")
                assert [text_of(step) for step in steps if step is not chosen] == [
                    heading for column, heading in enumerate(scale.koppen, 1) if column != indicator.status.kolom]
                assert steps.index(chosen) + 1 == indicator.status.kolom
            else:
                assert steps == []  # no grid of empty boxes: a column without a heading says nothing
            assert render.marking_text(scale, indicator.status) in text_of(section)
            assert f"beoordeeld door {data.assessor(domain)}" in text_of(section)
            for line in lines_of(indicator.huidige_situatie):
                assert normalized(line) in text_of(section)


def test_indicator_groups_and_overview(school_site):
    site, profile = school_site, school_site.profile
    article = site.article("basisondersteuning")
    overview = {row[0]: row[1:] for row in table_rows(article.select_one("#tabel-basisondersteuning"))}
    data = profile.basisondersteuning
    for domain in data.domeinen:
        scale = data.scale(domain)
        for group in domain.groepen:
            if group.kop:
                assert group.kop in text_of(article)
        for indicator in domain.indicatoren:
            headed = any(used and used.koppen for used in map(data.scale, data.domeinen))
            if scale:
                expected = [indicator.status.markering] + (
                    [render.status_heading(scale, indicator.status) or ""] if headed else [])
            else:
                expected = ([""] if headed else []) + ["geen status"]
            assert overview[indicator.indicator] == expected


@pytest.mark.parametrize("indicator, column, mark", [
    # The source grid's leading spaces: 'X' = column 1, ' X' = 2, '  geborgd' = 3.
    ("op-protocol-dyscalculie", 1, "X"),
    ("op-valide-toetsen", 2, "X borging"),
    ("op-cyclische-aanpak", 2, "X"),
    ("sk-voorschoolse-voorzieningen", 2, "X"),
    ("op-protocol-dyslexie", 3, "geborgd"),
    ("vs-vroegtijdige-ondersteuning", 3, "geborgd"),
])
def test_status_column_as_marked_in_the_source(source_site, source_profile, indicator, column, mark):
    section = source_site.article("basisondersteuning").find("h3", id=indicator).parent
    status = next(item.status for domain in source_profile.basisondersteuning.domeinen
                  for item in domain.indicatoren if item.id == indicator)
    # The column is kept as data; the page shows the school's own mark, nothing else.
    assert (status.kolom, status.markering) == (column, mark)
    assert f"beoordeeld door de school zelf: ‘{mark}’ Huidige situatie" in text_of(section)


def test_stappenplan_levels_in_order_with_all_rows(school_site):
    site, profile = school_site, school_site.profile
    article = site.article("stappenplan")
    headings = [h["id"] for h in article.select("h2[id^=niveau-]")]
    assert headings == [level.anchor for level in profile.stappenplan.niveaus]
    columns = profile.stappenplan.kolommen
    for level in profile.stappenplan.niveaus:
        table = article.select_one(f"#tabel-{level.anchor}")
        assert [text_of(th) for th in table.select("thead th")] == [
            columns.situatie, columns.acties, columns.documenten, columns.betrokkenen, columns.planning]
        rows = table.select("tbody tr")
        assert len(rows) == 1 + len(level.situaties)
        assert text_of(rows[0].th) == f"{level.niveau} {level.naam}"
        for row, situation in zip(rows[1:], level.situaties):
            assert text_of(row.th) == normalized(" ".join(lines_of(situation.situatie)))
            cells = row.find_all("td")
            for cell, value in zip(cells, (situation.acties, situation.documenten,
                                           situation.betrokkenen, situation.planning)):
                assert text_of(cell) == normalized(" ".join(lines_of(value or "")))


def test_each_statistics_table_has_a_chart_with_exact_totals_and_a_text_alternative(school_site):
    site, profile = school_site, school_site.profile
    article = site.article("feiten-en-cijfers")
    for table in profile.aantallen.tabellen:
        chart = article.select_one(f"#grafiek-{table.id}")
        rows = [row for group in table.groepen for row in group.rijen]
        threshold = profile.instellingen.small_number_threshold
        if len({table.unit(row) for row in rows}) > 1:
            assert chart is None  # rows in different units share no axis
            continue
        # Only rows that add up (each pupil in one row) get a total.
        totals = [render.total_label([row.aantallen[year] for row in rows], threshold, table.unit(rows[0]))
                  for year in table.schooljaren] if table.rijen_tellen_op else []
        assert [t.get_text() for t in chart.select(".sop-grafiek__totaal")] == totals
        svg = chart.find("svg")
        assert svg["role"] == "img"
        description = chart.find("desc").get_text()
        assert ("in totaal" in description) == table.rijen_tellen_op
        for year, total in zip(table.schooljaren, totals):
            assert f"{year}: {total} in totaal" in description
        legend = [li.get_text(" ", strip=True) for li in chart.select(".sop-legenda li")]
        assert legend == [row.categorie for row in rows]
        # The exact table stays right next to the chart.
        assert chart.find_next_sibling("div", class_="sop-tabel").table["id"] == f"tabel-{table.id}"


def test_in_het_kort_summarises_levels_limits_and_contacts(school_site):
    site, profile = school_site, school_site.profile
    article = site.article("")
    summary = text_of(article)
    assert summary.index("In het kort") < summary.index("Contactgegevens")
    items = article.select_one("#hulp-in-stappen").find_next_sibling("ul").select("li")
    # Each level's title links to it; its sentence follows.
    assert [li.a["href"] for li in items] == [f"stappenplan/#{level.anchor}" for level in profile.stappenplan.niveaus]
    texts = [normalized(li.get_text()) for li in items]
    for text, level, sentence in zip(texts, profile.stappenplan.niveaus, profile.in_het_kort.niveaus):
        assert text.startswith(f"Niveau {level.niveau}: {level.naam}. {normalized(sentence.tekst)}")
    for limit in profile.in_het_kort.grenzen:
        assert normalized(limit.tekst) in summary
    contacts = text_of(article.select_one("dl.sop-aanspreekpunten"))
    hidden = profile.hidden_names()
    for point in profile.in_het_kort.aanspreekpunten:
        assert point.wie in contacts
        for name in profile.contacts(point):
            assert (name not in contacts) if name in hidden else (name in contacts)


def test_in_het_kort_names_the_contacts_of_the_source(source_site):
    contacts = text_of(source_site.article("").select_one("dl.sop-aanspreekpunten"))
    # The class teacher first (gesprekkencyclus ouders), the IB'ers, the vertrouwenspersoon
    # and the KiVa team for bullying. The consulent is someone the school calls in.
    assert contacts.startswith("De leerkracht van uw kind")
    for name in ("Kim van Weeren", "Maaike Ruijken", "Ester van Veen", "Dorine Jongenburger"):
        assert name in contacts
    assert "Laura Loupatty" not in contacts
