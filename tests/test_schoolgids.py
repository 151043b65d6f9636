"""The profile as one markdown or Word document for the schoolgids."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
import pytest
from bs4 import BeautifulSoup
from docx.oxml.ns import qn
from markdown_it import MarkdownIt
from pydantic import BaseModel

from sop.data import schema
from sop.writers import schoolgids
from sop.writers.opendata import HiddenNameError
from sop.data.profile import Profile, published_fields
from sop.writers.render import NAME_WITHHELD, NOT_FILLED_IN, marking_text, roster_label
from sop.writers.schoolgids import profile_docx, profile_markdown

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]


def norm(text: str) -> str:
    return " ".join(text.split())


def html(markdown: str) -> BeautifulSoup:
    """Rendered as CommonMark with GFM tables, as pandoc or an editor would."""
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    return BeautifulSoup(parser.render(markdown), "html.parser")


def docx_text(document) -> str:
    """All text of a Word document: paragraphs and every table cell, in order."""
    parts = []
    for element in document.element.body.iter(f"{W}p"):
        parts.append("".join(node.text or "" for node in element.iter(f"{W}t")))
    return "\n".join(parts)


# --- every fact ---------------------------------------------------------------

# Fields that are no fact for a reader: anchors for the site, and lookup keys
# whose target (a roster function, a role) is shown in its own place.
NOT_SHOWN = {
    "id", "functie@Aanspreekpunt", "rol@Aanspreekpunt",
    # Links from a summary sentence to its source: the schoolgids has the whole text.
    "bron@Samenvatting", "bron@Aanspreekpunt",
    # How a table or domain is drawn, not a fact: shown by its effect (totals, gaps, no status).
    "rijen_tellen_op@Tabel", "schooljaren_met_gaten@Tabel", "zonder_status@Domein",
}


def facts(value: Any, path: str = "", owner: str = "") -> Iterator[tuple[str, str, Any]]:
    """(path, kind, value) for every leaf of the published data, walked through the models."""
    if isinstance(value, BaseModel):
        for name in schema.content_fields(value):  # the staff's notes are never published
            if name in NOT_SHOWN or f"{name}@{type(value).__name__}" in NOT_SHOWN:
                continue
            yield from facts(getattr(value, name), f"{path}.{name}", type(value).__name__)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from facts(item, f"{path}[{index}]", owner)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}<key>", "text", key
            yield from facts(item, f"{path}[{key}]", owner)
    elif isinstance(value, datetime.date):
        yield path, f"date@{owner}", value
    elif isinstance(value, bool):
        yield path, f"bool@{owner}", value
    elif isinstance(value, int):
        yield path, f"int@{owner}", value
    elif isinstance(value, float):
        yield path, f"float@{owner}", value
    elif isinstance(value, str):
        yield path, "text", value
    elif value is not None:
        yield path, f"unknown@{owner}", value


def data_lines(text: str) -> list[str]:
    """The visible lines of a data text; a '- ' bullet marker is markup, not text."""
    lines = [line.strip() for line in text.split("\n")]
    return [norm(line[2:] if line.startswith("- ") else line) for line in lines if line.strip()]


def assert_every_fact(profile: Profile, text: str) -> None:
    """Every text of the data, and every number, choice and level, is in `text`."""
    text = norm(text)
    checked_kinds = {
        "text", "int@Rij", "float@Rij", "int@Status", "int@Statusschaal", "bool@Concept", "date@FormeleStatus",
    }
    missing = []
    plan = profile.stappenplan
    rows = [row for level in plan.niveaus for row in (level.aanpak, *level.situaties)]
    # A column header with nothing under it is no fact in running text.
    empty_columns = {f"stappenplan.kolommen.{column}" for column in ("acties", "documenten", "betrokkenen", "planning")
                     if not any(getattr(row, column) for row in rows)}
    for name in published_fields():
        for path, kind, value in facts(getattr(profile, name), name):
            assert kind in checked_kinds, f"{path}: no check for a {kind}; add one to this test"
            if path in empty_columns:
                continue
            if kind == "text":
                missing += [f"{path}: {line}" for line in data_lines(value) if line not in text]
            elif kind.startswith("date@"):
                month = MONTHS[value.month - 1]
                if f"{value.day} {month} {value.year}" not in text:
                    missing.append(f"{path}: {value}")
    assert not missing, "missing from the document:\n" + "\n".join(missing[:20])

    for level in profile.stappenplan.niveaus:
        assert f"Niveau {level.niveau}: {norm(level.naam)}" in text
    for concept in profile.onderwijsconcept.concepten:
        # Not ticked but written on ('Anders nl. …'): answered by the school's text.
        state, word = ("☑", "aangekruist") if concept.aangekruist else (
            ("✎", "ingevuld") if concept.toelichting else ("☐", "niet aangekruist"))
        assert f"{state} {concept.naam} ({word})" in text
    data = profile.basisondersteuning
    for domain in data.domeinen:
        for indicator in domain.indicatoren:
            scale = data.scale(domain)
            if not scale:
                continue
            # The status right after its own indicator, so it cannot belong to another.
            assert re.search(
                re.escape(norm(indicator.indicator)) + r"\W{0,3}(" + re.escape(data.kolommen.status)
                + r":? )?" + re.escape(marking_text(scale, indicator.status)),
                text,
            ), indicator.id


def table_rows(soup: BeautifulSoup, first_header: str) -> list[list[str]]:
    for table in soup.find_all("table"):
        header = [norm(cell.get_text()) for cell in table.find("tr").find_all(["th", "td"])]
        if header[0] == norm(first_header):
            return [[norm(c.get_text()) for c in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]
    raise AssertionError(f"no table starting with {first_header!r}")


def expected_count(value, threshold: int | None, unit: str | None) -> str:
    if value is None:
        return "niet bekend"
    if unit is None and threshold and 1 <= value < threshold:
        return f"< {threshold}"
    number = str(value).replace(".", ",")
    return number + unit if unit == "%" else f"{number} {unit}" if unit else number


def assert_statistics(profile: Profile, rows_of, threshold: int | None) -> None:
    for table in profile.aantallen.tabellen:
        expected = [[table.rijkop, *table.schooljaren]]
        for group in table.groepen:
            if group.kop:
                expected.append([group.kop] + [""] * len(table.schooljaren))
            expected += [
                [f"{row.categorie} ({row.toelichting})" if row.toelichting else row.categorie,
                 *(expected_count(row.aantallen[y], threshold, table.unit(row)) for y in table.schooljaren)]
                for row in group.rijen
            ]
        assert rows_of(table.rijkop) == expected, table.id


# --- markdown -----------------------------------------------------------------


def test_markdown_has_every_fact(school):
    markdown = profile_markdown(school)
    assert_every_fact(school, html(markdown).get_text(" "))


def test_markdown_follows_the_site(school):
    soup = html(profile_markdown(school))
    assert [norm(h.get_text()) for h in soup.find_all("h1")] == [f"Schoolondersteuningsprofiel {school.school.naam}"]
    sections = [norm(h.get_text()) for h in soup.find_all("h2")]
    site_order = ["In het kort", "Inleiding", "Contactgegevens", "Status van dit profiel", "Onderwijskundig concept", "Waarde en trots",
                  "Kansen en belemmeringen", "Ondersteuningsstructuur", "Feiten en aantallen",
                  "Basisondersteuning", "Stappenplan ondersteuning leerling", "Begrippenlijst"]
    assert [section for section in sections if section in site_order] == site_order
    subsections = [norm(h.get_text()) for h in soup.find_all("h3")]
    for title in (school.expertise.titel, school.sociale_veiligheid.titel,
                  *(group.titel for group in school.externe_deskundigen.groepen),
                  *(table.titel for table in school.aantallen.tabellen),
                  *(domain.titel for domain in school.basisondersteuning.domeinen)):
        assert norm(title) in subsections


def test_markdown_statistics_tables_with_years_as_columns(school):
    for threshold in (None, 5, 15):
        soup = html(profile_markdown(school, small_number_threshold=threshold))
        assert_statistics(school, lambda first: table_rows(soup, first), threshold)


def test_markdown_roster_and_roles(school):
    soup = html(profile_markdown(school))
    columns = school.expertise.kolommen
    assert table_rows(soup, columns.naam) == [[columns.naam, columns.functie, columns.focusgebied]] + [
        [roster_label(person, frozenset()), ", ".join(person.functie), ", ".join(person.focusgebied)]
        for person in school.expertise.medewerkers
    ]
    text = norm(soup.get_text(" "))
    for role in school.all_roles():
        if not role.filled:
            assert f"{role.rol} {role.toelichting + ': ' if role.toelichting else ''}{NOT_FILLED_IN}" in text


EVIL = (
    "# geen kop\n"
    "* geen lijst\n"
    "+ ook geen lijst\n"
    "1. geen genummerde lijst\n"
    "> geen citaat\n"
    "<script>alert(1)</script> &amp; <b>vet?</b> [link](http://example.org) ![beeld](x.png)\n"
    "_nadruk_ **vet** `code` | pijp | ~~doorgestreept~~ \\* backslash\\\n"
    "---\n"
    "===\n"
    "    ingesprongen\n"
    "regel met twee spaties  \n"
    "<http://example.org> {{ geen sjabloon }} Titel #"
)


def evil_profile(profile: Profile) -> Profile:
    """The profile with markdown in every kind of place text can land."""
    expertise = profile.expertise.model_dump()
    expertise["titel"] = "Team # 1 #"
    expertise["medewerkers"][0].update(naam="A | B *C*", functie=["<i>x</i>", "_y_"])
    aantallen = profile.aantallen.model_dump()
    aantallen["tabellen"][0]["groepen"][0]["rijen"][0]["categorie"] = "cluster | 1 **vet**"
    return dataclasses.replace(
        profile,
        inleiding=schema.Inleiding(tekst=EVIL),
        waarde_en_trots=schema.WaardeEnTrots(tekst="- echte lijst\n- # met kop-teken\n\n1) geen lijst"),
        expertise=schema.Expertise.model_validate(expertise),
        aantallen=schema.Aantallen.model_validate(aantallen),
    )


def test_markdown_shows_data_text_literally(school):
    profile = evil_profile(school)
    soup = html(profile_markdown(profile))
    for tag in ("script", "a", "img", "em", "code", "pre", "blockquote", "hr", "s", "del", "b", "i"):
        assert soup.find(tag) is None, f"data text became <{tag}>"
    assert len(soup.find_all("h1")) == 1
    assert not any("geen kop" in h.get_text() for h in soup.find_all(re.compile("^h[1-6]$")))
    assert not any("vet" in strong.get_text() for strong in soup.find_all("strong"))
    items = {norm(li.get_text()) for li in soup.find_all("li")}
    assert not items & {"geen lijst", "ook geen lijst", "geen genummerde lijst", "1) geen lijst"}
    assert_every_fact(profile, soup.get_text(" "))
    text = norm(soup.get_text(" "))
    for line in EVIL.split("\n"):
        assert norm(line) in text
    assert "Team # 1 #" in [norm(h.get_text()) for h in soup.find_all("h3")]
    roster = table_rows(soup, profile.expertise.kolommen.naam)
    assert roster[1] == ["A | B *C*", "<i>x</i>, _y_", ", ".join(profile.expertise.medewerkers[0].focusgebied)]
    assert {len(row) for row in roster} == {3}
    # Real bullets in data text stay bullets.
    assert "echte lijst" in items and "# met kop-teken" in items
    assert "1) geen lijst" in text


def test_line_breaks_and_paragraphs_survive(school):
    """Data text: newline = line break, blank line = new paragraph, as on the site."""
    text = "eerste regel\ntweede regel\n\nnieuwe alinea\n- een punt"
    profile = dataclasses.replace(school, waarde_en_trots=schema.WaardeEnTrots(tekst=text))
    soup = html(profile_markdown(profile))
    first = next(p for p in soup.find_all("p") if "eerste regel" in p.get_text())
    assert [norm(part) for part in first.get_text("|").split("|")] == ["eerste regel", "tweede regel"]
    assert first.find("br") is not None
    assert "nieuwe alinea" not in first.get_text()
    assert any(norm(li.get_text()) == "een punt" for li in soup.find_all("li"))

    document = docx.Document(io.BytesIO(profile_docx(profile)))
    paragraph = next(p for p in document.paragraphs if "eerste regel" in p.text)
    assert paragraph.text == "eerste regel\ntweede regel"
    assert any(p.text == "nieuwe alinea" for p in document.paragraphs)
    assert any(p.text == "een punt" and p.style.name == "List Bullet" for p in document.paragraphs)


def test_escape_markdown_keeps_plain_text_readable():
    escape = schoolgids.escape_markdown
    assert escape("Taal/Lezen (groep 1-2), 3x per jaar: < 5 leerlingen") == (
        "Taal/Lezen (groep 1-2), 3x per jaar: < 5 leerlingen"
    )
    assert escape("Rekenen & taal") == "Rekenen & taal"
    assert escape("&amp; <b>") == "\\&amp; \\<b>"


@pytest.mark.parametrize("which", ["gedeeld", "allemaal"])
def test_hidden_names_vanish_from_markdown_and_roles_stay(school, which):
    roster = {person.naam for person in school.expertise.medewerkers if person.naam}
    hidden = school.all_names() if which == "allemaal" else roster & {
        name for role in school.all_roles() for name in role.namen
    }
    assert hidden
    markdown = profile_markdown(school, hidden_names=hidden)
    for name in hidden:
        assert name not in markdown
    soup = html(markdown)
    columns = school.expertise.kolommen
    assert table_rows(soup, columns.naam)[1:] == [
        [roster_label(person, frozenset(hidden)), ", ".join(person.functie), ", ".join(person.focusgebied)]
        for person in school.expertise.medewerkers
    ]
    role_tables = [table for table in soup.find_all("table")
                   if [norm(c.get_text()) for c in table.find("tr").find_all(["td", "th"])] == ["Rol", "Naam"]]
    role_rows = [row for table in role_tables
                 for row in ([norm(c.get_text()) for c in tr.find_all(["td", "th"])] for tr in table.find_all("tr"))
                 if row[0] != "Rol"]
    assert [row[0] for row in role_rows] == [role.rol for role in school.all_roles()]
    for row, role in zip(role_rows, school.all_roles()):
        for name in role.namen:
            assert (NAME_WITHHELD if name in hidden else name) in row[1]


def test_hidden_name_in_running_text_stops_the_schoolgids(school):
    name = school.expertise.medewerkers[0].naam
    changed = dataclasses.replace(school, waarde_en_trots=schema.WaardeEnTrots(tekst=f"Dank aan {name}!"))
    with pytest.raises(HiddenNameError):
        profile_markdown(changed, hidden_names={name})
    with pytest.raises(HiddenNameError):
        profile_docx(changed, hidden_names={name})


def test_settings_are_never_in_the_schoolgids(school):
    markdown = profile_markdown(school)
    assert "Namen tonen" not in markdown and "namen_verbergen" not in markdown.lower()


# --- Word ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def word(school):
    return docx.Document(io.BytesIO(profile_docx(school))), school


def test_docx_has_every_fact(word):
    document, school = word
    assert_every_fact(school, docx_text(document))


def test_docx_has_the_same_headings_as_the_markdown(word):
    document, school = word
    headings = [(int(p.style.name[-1]), norm(p.text)) for p in document.paragraphs
                if p.style.name.startswith("Heading ")]
    soup = html(profile_markdown(school))
    assert headings == [(int(h.name[1]), norm(h.get_text())) for h in soup.find_all(re.compile("^h[1-6]$"))]
    assert [level for level, _ in headings].count(1) == 1
    assert {level for level, _ in headings} == {1, 2, 3}


def docx_rows(document, first_header: str) -> list[list[str]]:
    for table in document.tables:
        if table.rows[0].cells[0].text == first_header:
            return [[cell.text for cell in row.cells] for row in table.rows]
    raise AssertionError(f"no table starting with {first_header!r}")


def test_docx_roster_every_row(word):
    document, school = word
    columns = school.expertise.kolommen
    assert docx_rows(document, columns.naam) == [[columns.naam, columns.functie, columns.focusgebied]] + [
        [roster_label(person, frozenset()), "\n".join(person.functie), "\n".join(person.focusgebied)]
        for person in school.expertise.medewerkers
    ]


def test_docx_every_indicator_with_its_status(word):
    document, school = word
    data = school.basisondersteuning
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    for domain in data.domeinen:
        for indicator in domain.indicatoren:
            scale = data.scale(domain)
            if not scale:
                continue
            assert [indicator.indicator, marking_text(scale, indicator.status),
                    "\n".join(data_lines(indicator.huidige_situatie))] in rows, indicator.id


def test_docx_statistics(school):
    for threshold in (None, 5):
        document = docx.Document(io.BytesIO(profile_docx(school, small_number_threshold=threshold)))

        def rows_of(first: str) -> list[list[str]]:
            rows = docx_rows(document, first)
            # A subheading row is one merged cell; python-docx repeats it per grid column.
            return [[row[0]] + [""] * (len(row) - 1) if len(set(row)) == 1 else row for row in rows]

        assert_statistics(school, rows_of, threshold)


def test_docx_tables_repeat_their_header_row(word):
    document, _ = word
    assert document.tables
    for table in document.tables:
        header = table.rows[0]._tr
        assert header.trPr is not None and header.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])


def test_docx_is_dutch_with_title_and_author(word):
    document, school = word
    properties = document.core_properties
    assert properties.language == "nl-NL"
    assert properties.title == f"Schoolondersteuningsprofiel {school.school.naam}"
    assert properties.author == school.school.naam
    assert properties.created is None, "no made-up creation date"
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults.get(qn("w:val")) == "nl-NL"
    runs = list(document.element.body.iter(f"{W}r"))
    assert runs
    for run in runs:
        assert run.find(f"{W}rPr/{W}lang").get(qn("w:val")) == "nl-NL"


def test_docx_numbered_lists_each_start_at_one(word):
    document, school = word
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    num_ids = {p._p.pPr.numPr.numId.val for p in numbered}
    data = school.basisondersteuning
    scales = [data.scale(domain) for domain in data.domeinen if data.scale(domain)]
    # The zorgroute, and the headings of each status scale that has them.
    assert len(num_ids) == 1 + sum(1 for scale in scales if scale.koppen)
    numbering = document.part.numbering_part.element
    for num_id in num_ids:
        start = numbering.num_having_numId(num_id).find(f"{W}lvlOverride/{W}startOverride")
        assert start.get(qn("w:val")) == "1"


@pytest.mark.parametrize("which", ["gedeeld", "allemaal"])
def test_hidden_names_vanish_from_every_part_of_the_docx(school, which):
    roster = {person.naam for person in school.expertise.medewerkers if person.naam}
    hidden = school.all_names() if which == "allemaal" else roster & {
        name for role in school.all_roles() for name in role.namen
    }
    raw = profile_docx(school, hidden_names=hidden)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        xml = " ".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                       if name.endswith(".xml") or name.endswith(".rels"))
    for name in hidden:
        assert name not in xml
    document = docx.Document(io.BytesIO(raw))
    columns = school.expertise.kolommen
    assert docx_rows(document, columns.naam)[1:] == [
        [roster_label(person, frozenset(hidden)), "\n".join(person.functie), "\n".join(person.focusgebied)]
        for person in school.expertise.medewerkers
    ]
    text = docx_text(document)
    for role in school.all_roles():
        assert role.rol in text
