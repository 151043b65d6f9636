"""What changed between two versions of the profile (sop/versions/wijzigingen.py), on every fixture school.

Each test derives a changed version from a fixture school (pydantic model_copy, or a
copy of its data/ in a temporary git repository) and checks the Dutch lines for a
whole class of change: every person, every table row, every indicator.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import shutil
import subprocess
import sys
from pathlib import Path

import random

import pytest

from conftest import PROJECT, SCHOOLS, commit_all
from sop.data import names
from sop.writers import opendata, render
from sop.versions import wijzigingen
from sop.data.errors import DataErrors
from sop.data.profile import Profile, load_profile
from sop.versions.gitdata import VersionError
from sop.versions.wijzigingen import (
    NO_CHANGES,
    WITHHELD,
    Section,
    as_html,
    as_markdown,
    as_text,
    compare_documents,
    compare_profiles,
    profile_at,
)

PROFILES = {name: load_profile(path) for name, path in SCHOOLS.items()}


@pytest.fixture(params=list(SCHOOLS))
def school(request) -> Profile:
    return PROFILES[request.param]


def replaced(profile: Profile, **parts) -> Profile:
    return dataclasses.replace(profile, **parts)


def with_people(profile: Profile, people: list) -> Profile:
    return replaced(profile, expertise=profile.expertise.model_copy(update={"medewerkers": people}))


def with_settings(profile: Profile, **settings) -> Profile:
    return replaced(profile, instellingen=profile.instellingen.model_copy(update=settings))


def with_row(profile: Profile, table_index: int, row_index: int, **changes) -> Profile:
    """The profile with one table row changed (row_index counts across the table's groups)."""
    table = profile.aantallen.tabellen[table_index]
    groups, seen = [], 0
    for group in table.groepen:
        rows = [
            row.model_copy(update=changes) if seen + index == row_index else row
            for index, row in enumerate(group.rijen)
        ]
        seen += len(group.rijen)
        groups.append(group.model_copy(update={"rijen": rows}))
    return with_table(profile, table_index, table.model_copy(update={"groepen": groups}))


def with_table(profile: Profile, index: int, table) -> Profile:
    tables = list(profile.aantallen.tabellen)
    tables[index] = table
    return replaced(profile, aantallen=profile.aantallen.model_copy(update={"tabellen": tables}))


def lines(sections: list[Section]) -> list[str]:
    return [line for section in sections for line in section.changes]


def all_output(sections: list[Section]) -> str:
    return "\n".join([as_text(sections), as_markdown(sections, "Kop"), as_html(sections, 2)])


def visible(profile: Profile, name: str) -> bool:
    return not opendata.is_hidden(name, opendata.hidden_set(profile.hidden_names()))


def threshold(profile: Profile) -> int | None:
    return profile.instellingen.small_number_threshold


# --- no change ---------------------------------------------------------------------


def test_a_version_compared_with_itself_has_no_changes(school):
    sections = compare_profiles(school, school)
    assert sections == []
    assert as_text(sections) == NO_CHANGES + "\n"
    assert as_markdown(sections, "Wijzigingen") == f"## Wijzigingen\n\n{NO_CHANGES}\n"
    assert as_html(sections, 2) == f"<p>{NO_CHANGES}</p>"


def _reversed_everywhere(value, field: str = ""):
    if isinstance(value, dict):
        return {key: _reversed_everywhere(item, key) for key, item in reversed(list(value.items()))}
    if isinstance(value, list):
        items = [_reversed_everywhere(item, field) for item in value]
        # Column headings of a status scale are in column order: their order is their meaning.
        return items if field == "koppen" else items[::-1]
    return value


def test_every_list_reversed_is_no_change(school):
    document = opendata.profile_document(school, **opendata.publication_options(school))
    turned = _reversed_everywhere(copy.deepcopy(document))
    assert turned != document
    assert compare_documents(document, turned) == []
    assert compare_documents(turned, document) == []


def test_reordered_people_tables_and_levels_through_the_profiles(school):
    turned = with_people(school, school.expertise.medewerkers[::-1])
    turned = replaced(
        turned,
        aantallen=school.aantallen.model_copy(update={"tabellen": school.aantallen.tabellen[::-1]}),
        stappenplan=school.stappenplan.model_copy(update={"niveaus": school.stappenplan.niveaus[::-1]}),
        basisondersteuning=school.basisondersteuning.model_copy(
            update={"domeinen": school.basisondersteuning.domeinen[::-1]}),
    )
    assert compare_profiles(school, turned) == []


# --- people ------------------------------------------------------------------------


def test_a_changed_function_names_the_person_and_both_values(school):
    people = school.expertise.medewerkers
    for index, person in enumerate(people):
        changed = person.model_copy(update={"functie": ["ICT-coördinator"]})
        new = with_people(school, [*people[:index], changed, *people[index + 1:]])
        found = lines(compare_profiles(school, new))
        before = ", ".join(f"'{item}'" for item in person.functie)
        if person.groep or visible(school, person.naam):
            assert found == [f"{person.groep or person.naam}: functie {before} → 'ICT-coördinator'"]
        else:
            # A withheld person is matched by what is published of them: the old entry went, a new one came.
            assert found == [
                f"Nieuw: {WITHHELD} (ICT-coördinator)",
                f"Weggehaald: {WITHHELD} ({', '.join(person.functie)})",
            ]


def test_a_renamed_person_is_one_gone_and_one_new(school):
    people = school.expertise.medewerkers
    for index, person in enumerate(people):
        if not person.naam or not visible(school, person.naam):
            continue
        renamed = person.model_copy(update={"naam": "Nieuwe Naam"})
        new = with_people(school, [*people[:index], renamed, *people[index + 1:]])
        sections = compare_profiles(school, new)
        functions = ", ".join(person.functie)
        assert [s.title for s in sections] == ["Team en expertise"]
        assert lines(sections) == [f"Nieuw: Nieuwe Naam ({functions})", f"Weggehaald: {person.naam} ({functions})"]


def test_a_new_and_a_removed_person(school):
    people = school.expertise.medewerkers
    newcomer = people[0].model_copy(update={"naam": "Nieuwe Collega", "groep": None, "functie": ["Conciërge"]})
    assert lines(compare_profiles(school, with_people(school, [*people, newcomer]))) == [
        "Nieuw: Nieuwe Collega (Conciërge)"]
    assert lines(compare_profiles(with_people(school, [*people, newcomer]), school)) == [
        "Weggehaald: Nieuwe Collega (Conciërge)"]


# --- numbers -----------------------------------------------------------------------


def _title(text: str) -> str:
    return wijzigingen._quote(text)


def test_a_changed_count_says_table_row_year_and_both_values(school):
    limit = threshold(school)
    for t, table in enumerate(school.aantallen.tabellen):
        year = table.schooljaren[-1]
        for r, row in enumerate(table.rows):
            old = row.aantallen[year]
            for value in (40, 41.5, None):
                if value == old or (isinstance(value, float) and table.unit(row) is None):
                    continue
                new = with_row(school, t, r, aantallen={**row.aantallen, year: value})
                unit = table.unit(row)
                expected = (f"{_title(table.titel)}, {_title(row.categorie)}, {year}: "
                            f"{render.shown_count(old, limit, unit)} → {render.shown_count(value, limit, unit)}")
                assert lines(compare_profiles(school, new)) == [expected]


def test_decimal_comma_and_unit():
    getijden = PROFILES["de-getijden"]
    t = next(i for i, table in enumerate(getijden.aantallen.tabellen) if table.id == "doorstroom-vo")
    table = getijden.aantallen.tabellen[t]
    row = table.rows[0]
    new = with_row(getijden, t, 0, aantallen={**row.aantallen, "2022/2023": 40.25})
    assert lines(compare_profiles(getijden, new)) == [
        f"'{table.titel}', '{row.categorie}', 2022/2023: 42,5% → 40,25%"]


def test_a_new_school_year_in_every_table(school):
    limit = threshold(school)
    for t, table in enumerate(school.aantallen.tabellen):
        start = int(table.schooljaren[-1][:4]) + 1
        year = f"{start}/{start + 1}"
        groups = [
            group.model_copy(update={"rijen": [
                row.model_copy(update={"aantallen": {**row.aantallen, year: 7}}) for row in group.rijen]})
            for group in table.groepen
        ]
        grown = table.model_copy(update={"schooljaren": [*table.schooljaren, year], "groepen": groups})
        new = with_table(school, t, grown)
        # One line for the year with every row's count, not a line per row.
        expected = f"Nieuw schooljaar {year} in {_title(table.titel)}: " + ", ".join(
            f"{_title(row.categorie)} {render.shown_count(7, limit, table.unit(row))}" for row in table.rows)
        assert lines(compare_profiles(school, new)) == [expected]
        # The other way round: one line for the year, not one per row.
        assert lines(compare_profiles(new, school)) == [f"Schooljaar {year} weggehaald uit {_title(table.titel)}"]


def test_masked_numbers_stay_masked_even_when_the_old_version_published_them():
    bron = PROFILES["bron"]  # publishes exact counts
    masked = with_settings(bron, kleine_aantallen=bron.instellingen.kleine_aantallen.model_copy(
        update={"verbergen": True, "drempel": 5}))
    table = bron.aantallen.tabellen[0]
    row = table.rows[0]
    year = table.schooljaren[-1]
    for old_value, new_value, expected in ((2, 3, []), (3, 7, ["< 5 → 7"]), (9, 1, ["9 → < 5"]), (0, 4, ["0 → < 5"])):
        old = with_row(bron, 0, 0, aantallen={**row.aantallen, year: old_value})
        new = with_row(masked, 0, 0, aantallen={**row.aantallen, year: new_value})
        found = [line.rsplit(": ", 1)[1] for line in lines(compare_profiles(old, new)) if year in line]
        assert found == expected, (old_value, new_value)
        # Also in the other direction, and never the exact small number.
        back = [line.rsplit(": ", 1)[1] for line in lines(compare_profiles(new, old)) if year in line]
        assert not any(re.search(r"(?<!< )\b[1-4]\b", value) for value in back), back


def test_a_stricter_threshold_of_either_version_wins():
    getijden = PROFILES["de-getijden"]  # masks below 5
    stricter = with_settings(getijden, kleine_aantallen=getijden.instellingen.kleine_aantallen.model_copy(
        update={"drempel": 10}))
    options = wijzigingen.combined_options(getijden, stricter)
    assert options["small_number_threshold"] == 10
    assert wijzigingen.combined_options(PROFILES["bron"], getijden)["small_number_threshold"] == 5
    assert wijzigingen.combined_options(PROFILES["bron"], PROFILES["bron"])["small_number_threshold"] is None


# --- basisondersteuning and stappenplan ----------------------------------------------


def _with_indicator(profile: Profile, domain_index: int, indicator_id: str, **changes) -> Profile:
    data = profile.basisondersteuning
    domain = data.domeinen[domain_index]
    groups = [
        group.model_copy(update={"indicatoren": [
            indicator.model_copy(update=changes) if indicator.id == indicator_id else indicator
            for indicator in group.indicatoren]})
        for group in domain.groepen
    ]
    domains = list(data.domeinen)
    domains[domain_index] = domain.model_copy(update={"groepen": groups})
    return replaced(profile, basisondersteuning=data.model_copy(update={"domeinen": domains}))


RANKING_WORDS = re.compile(r"\b(beter|slechter|verbeterd|verslechterd|omhoog|omlaag|vooruit|achteruit)\b", re.I)


def test_a_changed_marking_uses_the_schools_words_and_headings(school):
    data = school.basisondersteuning
    for d, domain in enumerate(data.domeinen):
        scale = data.scale(domain)
        for indicator in domain.indicatoren:
            if not (scale and indicator.status):
                continue
            status = indicator.status
            heading = f" ({scale.koppen[status.kolom - 1]})" if scale.koppen else ""
            new = _with_indicator(school, d, indicator.id, status=status.model_copy(update={"markering": "geborgd!"}))
            assert lines(compare_profiles(school, new)) == [
                f"Indicator '{indicator.id}': markering '{status.markering}'{heading} → 'geborgd!'{heading}"]
            # The mark moves to another column, same words: the column (or its heading) says what changed.
            other = 1 if status.kolom != 1 else 2
            moved = _with_indicator(school, d, indicator.id, status=status.model_copy(update={"kolom": other}))
            found = lines(compare_profiles(school, moved))
            if scale.koppen:
                expected = f"'{status.markering}' ({scale.koppen[status.kolom - 1]}) → '{status.markering}' ({scale.koppen[other - 1]})"
            else:  # no column number: 'kolom 3 van 4' reads as a ranking the profile does not give
                expected = (f"'{status.markering}' staat nu in een andere kolom; "
                            "het profiel zegt niet wat de kolommen betekenen")
            assert found == [f"Indicator '{indicator.id}': markering {expected}"]
            assert not RANKING_WORDS.search("\n".join(found)) and " van " not in "\n".join(found)


def test_a_changed_long_text_names_the_field_not_the_text(school):
    plan = school.stappenplan
    columns = plan.kolommen
    for index, level in enumerate(plan.niveaus):
        text = "Een heel nieuwe aanpak.\nMet een tweede regel die de leerkracht en de intern begeleider samen opstellen."
        levels = list(plan.niveaus)
        levels[index] = level.model_copy(update={"aanpak": level.aanpak.model_copy(update={"acties": text})})
        new = replaced(school, stappenplan=plan.model_copy(update={"niveaus": levels}))
        done = "toegevoegd" if level.aanpak.acties is None else "gewijzigd"
        assert lines(compare_profiles(school, new)) == [f"Niveau {level.niveau}: tekst bij '{columns.acties}' {done}"]
        assert "tweede regel" not in all_output(compare_profiles(school, new))


def test_sections_come_in_profile_order_with_stable_anchors(school):
    people = school.expertise.medewerkers
    changed = with_row(school, 0, 0, aantallen={year: 40 for year in school.aantallen.tabellen[0].schooljaren})
    changed = with_people(changed, [*people, people[0].model_copy(update={"naam": "Nieuwe Collega", "groep": None})])
    changed = replaced(changed, status=school.status.model_copy(update={"schooljaar": "2040/2041"}))
    sections = compare_profiles(changed, school)
    assert [(s.title, s.anchor) for s in sections] == [
        ("Team en expertise", "expertise"), ("Feiten en cijfers", "aantallen"), ("Formele status", "status")]
    html = as_html(sections, 3, anchor_prefix="versie-1-")
    assert re.findall(r'<h3 id="([^"]+)">', html) == ["versie-1-expertise", "versie-1-aantallen", "versie-1-status"]


# --- withheld names ------------------------------------------------------------------


def _every_name(*profiles: Profile) -> set[str]:
    return {name for profile in profiles for name in profile.all_names()}


def _assert_none_of(hidden, sections: list[Section]) -> None:
    output = all_output(sections)
    assert names.find_name(output, hidden) is None
    # Also through the markdown escapes (a name with a hyphen or dot is escaped there).
    assert names.find_name(output.replace("\\", "").replace("\u200d", ""), hidden) is None


def test_withheld_names_never_reach_any_writer(school):
    hidden = school.hidden_names()
    others = [profile for profile in PROFILES.values() if profile is not school]
    for other in others:
        for old, new in ((school, other), (other, school)):
            _assert_none_of(hidden, compare_profiles(old, new))
    # A withheld person with changed functions, removed, or added.
    people = school.expertise.medewerkers
    for index, person in enumerate(people):
        if person.naam and not visible(school, person.naam):
            changed = person.model_copy(update={"functie": ["Anders"], "focusgebied": []})
            for new in (with_people(school, [*people[:index], changed, *people[index + 1:]]),
                        with_people(school, [*people[:index], *people[index + 1:]])):
                _assert_none_of(hidden, compare_profiles(school, new))
                _assert_none_of(hidden, compare_profiles(new, school))


def test_a_name_the_old_version_published_stays_withheld():
    bron = PROFILES["bron"]  # publishes every name
    person = next(p for p in bron.expertise.medewerkers if p.naam)
    name = person.naam
    withheld = with_settings(bron, namen_verbergen=[name])
    # The new version also changes that person's function, and the roles they hold.
    people = [p.model_copy(update={"functie": ["Andere functie"]}) if p.naam == name else p
              for p in withheld.expertise.medewerkers]
    new = with_people(withheld, people)
    for old, changed in ((bron, new), (new, bron), (bron, withheld)):
        sections = compare_profiles(old, changed)
        _assert_none_of({name}, sections)
    assert WITHHELD in "\n".join(lines(compare_profiles(bron, new)))


def _published(profile: Profile) -> list[str]:
    return sorted(name for name in profile.all_names() if visible(profile, name))


@pytest.mark.parametrize("how_many", ["een", "twee", "alle"])
def test_withholding_names_is_said_without_naming_anyone(school, how_many):
    """Withholding a name changes the site (the name goes), yet both versions are compared
    as published under the stricter setting: a reviewer must still see that something changed."""
    shown = _published(school)
    count = {"een": 1, "twee": 2, "alle": len(shown)}[how_many]
    assert len(shown) >= count > 0, "elke proefschool publiceert minstens twee namen"
    chosen = random.Random(how_many).sample(shown, count)
    withheld = with_settings(school, namen_verbergen=[*school.instellingen.namen_verbergen, *chosen])
    subject = "1 naam van medewerkers wordt" if count == 1 else f"{count} namen van medewerkers worden"
    for old, new, how in ((school, withheld, "niet meer"), (withheld, school, "weer")):
        sections = compare_profiles(old, new)
        assert lines(sections) == [f"{subject} {how} op de site gepubliceerd (instellingen.yml)"]
        assert [section.title for section in sections] == ["Team en expertise"]
        _assert_none_of(set(chosen), sections)


def test_showing_no_names_at_all_counts_every_published_name(school):
    shown = _published(school)
    if not shown:
        pytest.skip("geen gepubliceerde namen")
    anonymous = with_settings(school, namen_tonen=False)
    subject = "1 naam van medewerkers wordt" if len(shown) == 1 else f"{len(shown)} namen van medewerkers worden"
    assert f"{subject} niet meer op de site gepubliceerd (instellingen.yml)" in lines(compare_profiles(school, anonymous))


def test_a_name_in_old_running_text_is_left_out():
    bron = PROFILES["bron"]
    name = next(p.naam for p in bron.expertise.medewerkers if p.naam)
    concepts = bron.onderwijsconcept.concepten
    named = concepts[0].model_copy(update={"toelichting": f"Met {name}"})
    old = replaced(bron, onderwijsconcept=bron.onderwijsconcept.model_copy(
        update={"concepten": [named, *concepts[1:]]}))
    new = with_settings(bron, namen_verbergen=[name])
    sections = compare_profiles(old, new)
    _assert_none_of({name}, sections)
    assert lines(sections) == [
        f"Concept '{concepts[0].naam}': toelichting '{wijzigingen.WITHHELD_TEXT}' → "
        f"{render.NOT_FILLED_IN if concepts[0].toelichting is None else repr(concepts[0].toelichting)}",
        "1 naam van medewerkers wordt niet meer op de site gepubliceerd (instellingen.yml)"]


def test_no_names_in_one_version_means_no_names_from_either():
    bron, voorbeeld = PROFILES["bron"], PROFILES["voorbeeldschool"]
    anonymous = with_settings(voorbeeld, namen_tonen=False)
    everyone = _every_name(bron, voorbeeld)
    for old, new in ((bron, anonymous), (anonymous, bron)):
        _assert_none_of(everyone, compare_profiles(old, new))


def test_the_last_guard_refuses_a_withheld_name(monkeypatch):
    getijden = PROFILES["de-getijden"]
    name = next(iter(getijden.hidden_names()))
    monkeypatch.setattr(wijzigingen, "compare_documents", lambda old, new: [Section("Team", "team", [f"Nieuw: {name}"])])
    with pytest.raises(opendata.HiddenNameError) as raised:
        compare_profiles(getijden, getijden)
    assert names.find_name(str(raised.value), {name}) is None


# --- hostile values ---------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "@someone en @org/team",
    "zie #12 en GH-34",
    "{{ x }} {% y %}",
    "**vet** _schuin_ [link](https://example.org) ![b](x.png)",
    "https://github.com/o/r/issues/12 en www.example.org",
    "a | b\n# kop",
    "&amp; <b>vet</b>",
]


def _hostile_versions(school: Profile) -> list[Section]:
    people = school.expertise.medewerkers
    hostile = [
        people[0].model_copy(update={"naam": value if index % 2 else None, "groep": None if index % 2 else value,
                                     "functie": [value]})
        for index, value in enumerate(HOSTILE)
    ]
    changed = with_people(school, [*people, *hostile])
    changed = replaced(changed, school=school.school.model_copy(update={"plaats": HOSTILE[0], "naam": HOSTILE[1]}))
    return compare_profiles(school, changed)


def test_hostile_values_are_inert_in_markdown(school):
    sections = _hostile_versions(school)
    markdown = as_markdown(sections, "Wijzigingen sinds @main #3 <b>")
    assert "<" not in markdown and ">" not in markdown.replace("→", "")
    assert not re.search(r"@\w", markdown), "a mention"
    assert not re.search(r"(?<!&)#\d", markdown) and not re.search(r"(?i)gh-\d", markdown), "an issue reference"
    assert "://" not in markdown and not re.search(r"(?i)www\\?\.", markdown), "a link"
    assert not re.search(r"(?<!\\)\*\*|(?<!\\)\[|(?<!\\)_", markdown), "markdown emphasis or link"
    assert "{{" not in markdown and "{%" not in markdown
    for line in markdown.splitlines():
        # Every change is one bullet line; no value starts a heading or a table.
        assert line == "" or line.startswith(("## ", "### ", "- ")), line


def test_hostile_values_are_inert_in_html(school):
    html = as_html(_hostile_versions(school), 2)
    assert "<script" not in html and "<b>" not in html
    assert "{{" not in html and "{%" not in html
    tags = set(re.findall(r"</?([a-z0-9]+)", html))
    assert tags <= {"h2", "ul", "li"}


def test_hostile_values_show_literally_in_text(school):
    text = as_text(_hostile_versions(school))
    assert "<script>alert(1)</script>" in text
    assert "\n# kop" not in text  # a line break in a value does not start a line


# --- profile_at and the command line ------------------------------------------------------


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository with the voorbeeldschool's data/ in one commit."""
    project = tmp_path / "school"
    shutil.copytree(SCHOOLS["voorbeeldschool"], project / "data")
    commit_all(project)
    return project


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _commit(project: Path, message: str) -> None:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, "commit", "-qam", message], cwd=project, check=True, capture_output=True)


def test_profile_at_reads_data_of_a_revision(repo):
    _edit(repo / "data" / "expertise.yml", "functie: [Directeur]", "functie: [Directeur, ICT-coördinator]")
    assert profile_at(repo, "HEAD") == load_profile(SCHOOLS["voorbeeldschool"])
    assert lines(compare_profiles(profile_at(repo, "HEAD"), load_profile(repo / "data"))) == [
        "Nieuw bij Pim Proef, functie: 'ICT-coördinator'"]
    _commit(repo, "ICT")
    assert profile_at(repo, "HEAD~1") == load_profile(SCHOOLS["voorbeeldschool"])
    assert compare_profiles(profile_at(repo, "HEAD"), load_profile(repo / "data")) == []


@pytest.mark.parametrize("version", ["bestaat-niet", "-x", "--output=/tmp/x", "HEAD~5", ""])
def test_profile_at_an_unknown_version(repo, version):
    with pytest.raises(VersionError) as raised:
        profile_at(repo, version)
    assert str(raised.value) == f"Onbekende versie '{version}': geef een commit, tag of branch"


def test_profile_at_an_invalid_version_names_it(repo):
    _edit(repo / "data" / "expertise.yml", "functie: [Directeur]", "funcite: [Directeur]")
    _commit(repo, "typo")
    with pytest.raises(DataErrors) as raised:
        profile_at(repo, "HEAD")
    errors = raised.value.errors
    assert {error.location.file for error in errors} == {"data (versie HEAD)/expertise.yml"}
    assert any("onbekend veld 'funcite'" in error.message for error in errors)


def test_profile_at_a_version_without_data(tmp_path):
    project = tmp_path / "leeg"
    project.mkdir()
    (project / "README.md").write_text("leeg\n")
    commit_all(project)
    with pytest.raises(VersionError, match="In versie 'HEAD' staat geen map data/"):
        profile_at(project, "HEAD")


def test_cli_text_markdown_and_heading(repo, capsys):
    _edit(repo / "data" / "expertise.yml", "functie: [Directeur]", "functie: [ICT-coördinator]")
    assert wijzigingen.main(["--van", "HEAD"], project=repo) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Wijzigingen in het profiel sinds de laatst opgeslagen versie van 14 maart 2031"
    assert "Team en expertise\n- Pim Proef: functie 'Directeur' → 'ICT-coördinator'" in out
    assert wijzigingen.main(["--van", "HEAD", "--markdown", "--kop", "Wat verandert er?"], project=repo) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Wat verandert er?\n\n### Team en expertise\n\n- Pim Proef: functie ")


def test_cli_errors_are_dutch_with_exit_status(repo, capsys):
    assert wijzigingen.main(["--van", "onbekend"], project=repo) == 1
    assert capsys.readouterr().err.strip() == "Onbekende versie 'onbekend': geef een commit, tag of branch"
    assert wijzigingen.main([], project=repo) == 2
    assert "--van main" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        wijzigingen.main(["--onzin"], project=repo)
    assert exited.value.code == 2
    assert capsys.readouterr().err.startswith("Gebruik: python -m sop.versions.wijzigingen")
    # A mistake in the working tree: the usual Dutch report.
    _edit(repo / "data" / "expertise.yml", "functie: [Directeur]", "funcite: [Directeur]")
    assert wijzigingen.main(["--van", "HEAD"], project=repo) == 1
    err = capsys.readouterr().err
    assert err.startswith("De gegevens in data/ bevatten 2 fouten")
    assert "data/expertise.yml:" in err
    # The same mistake only in the old version: named as that version.
    _commit(repo, "typo")
    _edit(repo / "data" / "expertise.yml", "funcite: [Directeur]", "functie: [Directeur]")
    assert wijzigingen.main(["--van", "HEAD"], project=repo) == 1
    err = capsys.readouterr().err
    assert err.startswith("Versie 'HEAD' van data/ bevat 2 fouten")
    assert "data (versie HEAD)/expertise.yml:" in err


def test_cli_as_a_module_never_shows_a_traceback(repo):
    env = {"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin"}
    ok = subprocess.run([sys.executable, "-m", "sop.versions.wijzigingen", "--van", "HEAD"], cwd=repo, env=env,
                        capture_output=True, text=True)
    assert (ok.returncode, ok.stdout.splitlines()[-1]) == (0, NO_CHANGES)
    (repo / "data" / "school.yml").write_text("naam: [\n", encoding="utf-8")
    broken = subprocess.run([sys.executable, "-m", "sop.versions.wijzigingen", "--van", "HEAD"], cwd=repo, env=env,
                            capture_output=True, text=True)
    assert broken.returncode == 1
    assert "Traceback" not in broken.stderr and "data/school.yml:" in broken.stderr


def test_a_list_that_keeps_items_names_only_what_was_added_and_removed(school):
    kansen = school.kansen_en_belemmeringen
    kept = kansen.sterke_kanten
    grown = replaced(school, kansen_en_belemmeringen=kansen.model_copy(
        update={"sterke_kanten": [*kept, "Een nieuwe sterke kant"]}))
    found = lines(compare_profiles(school, grown))
    assert len(found) == 1 and "Nieuw" in found[0] and "Een nieuwe sterke kant" in found[0], found
    # The items that stayed are not repeated.
    assert not any(item[:30] in found[0] for item in kept), found
    assert lines(compare_profiles(grown, school)) == [found[0].replace("Nieuw", "Weggehaald")]


def test_a_shortened_name_ends_at_a_whole_word():
    """Row names and situations of every school: shortened with '…' after a whole word, never mid-word."""
    texts = {row.categorie for school in PROFILES.values() for table in school.aantallen.tabellen
             for row in table.rows}
    texts |= {situation.situatie for school in PROFILES.values() for level in school.stappenplan.niveaus
              for situation in level.situaties}
    long_ones = [text for text in texts if len(wijzigingen._one_line(text)) > wijzigingen.SHORT_ITEM]
    assert long_ones
    for text in long_ones:
        whole = wijzigingen._one_line(text)
        shown = wijzigingen._short(text)
        assert shown.endswith("…") and whole.startswith(shown[:-1])
        assert whole[len(shown) - 1] == " ", f"{shown!r} knipt een woord af"


@pytest.mark.parametrize("typo", [
    lambda name: name[1] + name[0] + name[2:],  # two letters swapped
    lambda name: name[:-1],  # one letter too few
    lambda name: name + name[-1],  # one too many
])
def test_a_mistyped_branch_or_tag_gets_a_suggestion(repo, typo, capsys):
    subprocess.run(["git", "branch", "-m", "main"], cwd=repo, check=True)
    for name in ("ontwikkeling", "versie-2031"):
        subprocess.run(["git", "branch" if "-" not in name else "tag", name], cwd=repo, check=True)
    for name in ("main", "ontwikkeling", "versie-2031"):
        assert wijzigingen.main(["--van", typo(name)], project=repo) == 1
        assert capsys.readouterr().err.strip() == (
            f"Onbekende versie '{typo(name)}': geef een commit, tag of branch (bedoelt u '{name}'?)")


def test_a_changed_page_text_is_reported_by_its_title(repo, capsys):
    shutil.copytree(PROJECT / "docs", repo / "docs")
    shutil.copy(PROJECT / "mkdocs.yml", repo / "mkdocs.yml")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    _commit(repo, "pagina's")
    titles = dict(wijzigingen._page_titles(repo))
    pages = sorted(path.name for path in (repo / "docs").glob("*.md"))
    assert len(pages) >= 8 and set(pages) <= set(titles)
    for page in pages:
        path = repo / "docs" / page
        original = path.read_text(encoding="utf-8")
        path.write_text(original + "\nEen nieuwe zin.\n", encoding="utf-8")
        assert wijzigingen.main(["--van", "HEAD"], project=repo) == 0
        out = capsys.readouterr().out
        assert NO_CHANGES not in out
        assert f"Pagina's\n- Tekst gewijzigd op pagina '{titles[page]}'\n" in out
        path.write_text(original, encoding="utf-8")
    (repo / "docs" / pages[0]).unlink()
    (repo / "docs" / "nieuw.md").write_text("# Nieuw\n", encoding="utf-8")
    assert wijzigingen.main(["--van", "HEAD"], project=repo) == 0
    out = capsys.readouterr().out
    assert f"Pagina's\n- Pagina weggehaald '{titles[pages[0]]}'\n- Nieuwe pagina 'nieuw.md'\n" in out
