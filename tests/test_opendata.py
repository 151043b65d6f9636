"""Open data for the samenwerkingsverband: JSON document, JSON Schema, CSV, JSON-LD."""

from __future__ import annotations

import codecs
import copy
import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from sop.writers import opendata
from sop.data import schema
from sop.writers.opendata import (
    SCHEMA_VERSION,
    SUBHEADING_COLUMN,
    HiddenNameError,
    mask_count,
    profile_document,
    profile_json_schema,
    publication_options,
    school_jsonld,
    table_csv,
    table_json,
)
from sop.data.profile import DATA_FILES, Profile, load_profile, published_fields

from conftest import SCHOOLS  # the fixtures `school` and `real` live there too


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    json_schema = profile_json_schema()
    Draft202012Validator.check_schema(json_schema)
    return Draft202012Validator(json_schema)


def shared_names(profile: Profile) -> set[str]:
    """Names that are both in the roster and in a role: the hardest to hide."""
    roster = {person.naam for person in profile.expertise.medewerkers}
    roles = {name for role in profile.all_roles() for name in role.namen}
    return roster & roles


def expected_count(count: int | float | None, threshold: int | None) -> int | float | str | None:
    return f"< {threshold}" if threshold and isinstance(count, int) and 1 <= count < threshold else count


# --- the whole document -----------------------------------------------------


def test_one_key_per_data_file_but_never_the_settings():
    # Profile.kader is the samenwerkingsverband's frame the school answers to: the SWV's to publish.
    fields = [field.name for field in dataclasses.fields(Profile) if field.name != "kader"]
    assert [name.replace("_", "-") for name in fields] == list(DATA_FILES)
    # The settings and the statements about this website are not part of the profile.
    assert published_fields() == [name for name in fields if name not in ("instellingen", "verklaringen")]


def test_document_is_the_validated_data(school):
    document = profile_document(school)
    assert list(document) == ["schema_version", *published_fields()]
    assert document["schema_version"] == SCHEMA_VERSION
    assert "instellingen" not in document
    for name in published_fields():
        assert document[name] == getattr(school, name).model_dump(mode="json"), name
    # JSON-ready: survives a round trip unchanged, accents included.
    assert json.loads(json.dumps(document, ensure_ascii=False)) == document


@pytest.mark.parametrize("options", ["geen", "verbergen", "instellingen-school"])
def test_document_validates_against_its_schema(school, validator, options):
    kwargs = {
        "geen": {},
        "verbergen": {"hidden_names": school.all_names(), "small_number_threshold": 5},
        "instellingen-school": publication_options(school),
    }[options]
    validator.validate(json.loads(json.dumps(profile_document(school, **kwargs))))


def test_schema_is_draft_2020_12_with_a_fixed_version():
    json_schema = profile_json_schema()
    assert json_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert json_schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert set(json_schema["required"]) == {"schema_version", *published_fields()}


def _first_row(document: dict) -> dict:
    return document["aantallen"]["tabellen"][0]["groepen"][0]["rijen"][0]


def _first_year(document: dict) -> str:
    return document["aantallen"]["tabellen"][0]["schooljaren"][0]


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(schema_version="1.0"),
        lambda d: d.pop("aantallen"),
        lambda d: d.update(instellingen={"namen_tonen": True}),
        lambda d: d["school"].update(brinnummer="11zw"),
        lambda d: d["expertise"]["medewerkers"][0].update(naam=""),
        lambda d: d["expertise"]["medewerkers"][0].update(functie=[None]),
        lambda d: _first_row(d)["aantallen"].update({_first_year(d): -1}),
        lambda d: _first_row(d)["aantallen"].update({_first_year(d): "<5"}),
        lambda d: _first_row(d)["aantallen"].update({_first_year(d): "< 5 "}),
        lambda d: _first_row(d)["aantallen"].update({_first_year(d): "< 0"}),
        lambda d: _first_row(d)["aantallen"].update({_first_year(d): "3"}),
        lambda d: _first_row(d)["aantallen"].update({_first_year(d): "<\u00a05"}),
    ],
)
def test_schema_rejects_what_the_document_never_contains(real, validator, change):
    document = copy.deepcopy(profile_document(real))
    change(document)
    assert not validator.is_valid(document)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["expertise"]["medewerkers"][0].update(naam=None),
        lambda d: d["sociale_veiligheid"]["rollen"][0].update(namen=[None]),
        lambda d: _first_row(d)["aantallen"].update({_first_year(d): "< 12"}),
    ],
)
def test_schema_allows_withheld_names_and_masked_counts(real, validator, change):
    document = copy.deepcopy(profile_document(real))
    change(document)
    validator.validate(document)


# --- names ------------------------------------------------------------------


@pytest.mark.parametrize("which", ["gedeeld", "allemaal"])
def test_hidden_names_vanish_and_their_roles_stay(school, which):
    hidden = shared_names(school) if which == "gedeeld" else school.all_names()
    assert hidden, "the test needs a name that is both in the roster and in a role"
    document = profile_document(school, hidden_names=hidden)
    text = json.dumps(document, ensure_ascii=False)
    for name in hidden:
        assert name not in text

    roster = document["expertise"]["medewerkers"]
    assert len(roster) == len(school.expertise.medewerkers)
    for published, person in zip(roster, school.expertise.medewerkers):
        assert published["naam"] == (None if person.naam in hidden else person.naam)
        assert published["functie"] == person.functie
        assert published["focusgebied"] == person.focusgebied

    published_roles = [*document["sociale_veiligheid"]["rollen"]] + [
        role for group in document["externe_deskundigen"]["groepen"] for role in group["rollen"]
    ]
    assert [role["rol"] for role in published_roles] == [role.rol for role in school.all_roles()]
    for published, role in zip(published_roles, school.all_roles()):
        assert published["toelichting"] == role.toelichting
        assert published["namen"] == [None if name in hidden else name for name in role.namen]


def test_hiding_ignores_case_and_spaces(school):
    name = sorted(shared_names(school))[0]
    document = profile_document(school, hidden_names={"  " + name.upper().replace(" ", "  ")})
    assert name not in json.dumps(document, ensure_ascii=False)


def test_no_names_hidden_by_default(school):
    text = json.dumps(profile_document(school), ensure_ascii=False)
    for name in school.all_names():
        assert name in text


def test_a_hidden_name_in_running_text_stops_publication(school):
    name = school.expertise.medewerkers[0].naam
    changed = dataclasses.replace(school, inleiding=schema.Inleiding(tekst=f"Vragen? Bel {name}."))
    profile_document(changed)  # fine while the name is not hidden
    with pytest.raises(HiddenNameError, match="inleiding.tekst"):
        profile_document(changed, hidden_names={name})


def test_a_bare_string_is_not_a_list_of_names(school):
    with pytest.raises(TypeError):
        profile_document(school, hidden_names="Pim Proef")


def test_publication_options_are_the_schools_settings(school):
    options = publication_options(school)
    assert options["hidden_names"] == school.hidden_names()
    assert options["small_number_threshold"] == school.instellingen.small_number_threshold
    document = profile_document(school, **options)
    text = json.dumps(document, ensure_ascii=False)
    for name in school.hidden_names():
        assert name not in text


# --- small numbers ----------------------------------------------------------


def test_mask_count_rule():
    assert [mask_count(count, 5) for count in range(7)] == [0, "< 5", "< 5", "< 5", "< 5", 5, 6]
    assert [mask_count(count, None) for count in range(7)] == list(range(7))
    assert mask_count(3, 5) == "< 5" and " " in mask_count(3, 5)  # an ordinary space


@pytest.mark.parametrize("threshold", [0, -5, True, 2.5, "5"])
def test_nonsense_threshold_is_refused(real, threshold):
    with pytest.raises((TypeError, ValueError)):
        profile_document(real, small_number_threshold=threshold)


@pytest.mark.parametrize("threshold", [None, 5, 15])
def test_small_numbers_in_document(school, threshold):
    document = profile_document(school, small_number_threshold=threshold)
    for table, published in zip(school.aantallen.tabellen, document["aantallen"]["tabellen"]):
        for group, published_group in zip(table.groepen, published["groepen"]):
            for row, published_row in zip(group.rijen, published_group["rijen"]):
                assert published_row["aantallen"] == {
                    year: expected_count(count, threshold) for year, count in row.aantallen.items()
                }


def test_masking_off_gives_exact_integers_and_on_hides_every_small_one(real):
    exact = profile_document(real)
    masked = profile_document(real, small_number_threshold=5)
    exact_counts = [c for t in exact["aantallen"]["tabellen"] for g in t["groepen"] for r in g["rijen"]
                    for c in r["aantallen"].values()]
    masked_counts = [c for t in masked["aantallen"]["tabellen"] for g in t["groepen"] for r in g["rijen"]
                     for c in r["aantallen"].values()]
    assert all(type(count) is int for count in exact_counts)
    assert any(1 <= count <= 4 for count in exact_counts), "the real data has small counts"
    assert not any(isinstance(c, int) and 1 <= c <= 4 for c in masked_counts)
    assert masked_counts.count("< 5") == sum(1 <= count <= 4 for count in exact_counts)
    assert 0 in masked_counts


# --- one table: CSV and JSON ------------------------------------------------


def read_like_excel(raw: bytes) -> list[list[str]]:
    assert raw.startswith(codecs.BOM_UTF8)
    assert raw.count(b"\n") == raw.count(b"\r\n"), "every line ends with CRLF"
    text = raw.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.mark.parametrize("threshold", [None, 5])
def test_csv_opens_as_a_dutch_spreadsheet(school, threshold):
    for table in school.aantallen.tabellen:
        rows = read_like_excel(table_csv(table, small_number_threshold=threshold))
        # A unit column and a note column only when the table has units or notes.
        units = not table.counts
        notes = any(row.toelichting for row in table.rows)
        assert rows[0] == [SUBHEADING_COLUMN, table.rijkop, *(["Eenheid"] if units else []), *table.schooljaren,
                           *(["Toelichting"] if notes else [])]

        def cell(value, unit):
            shown = expected_count(value, threshold if unit is None else None)
            # Empty for an unreported value; a decimal comma for Dutch Excel.
            return "" if shown is None else str(shown).replace(".", ",")

        expected = [
            [group.kop or "", row.categorie, *([table.unit(row) or ""] if units else []),
             *(cell(row.aantallen[y], table.unit(row)) for y in table.schooljaren),
             *([row.toelichting or ""] if notes else [])]
            for group in table.groepen
            for row in group.rijen
        ]
        assert rows[1:] == expected
        assert {len(row) for row in rows} == {len(rows[0])}, "a clean rectangle"


def _table(**changes) -> schema.Tabel:
    data = {
        "id": "proef",
        "titel": "Proeftabel",
        "rijkop": "Leerlingen naar",
        "rijen_tellen_op": True,
        "schooljaren": ["2030/2031", "2031/2032"],
        "groepen": [
            {"kop": "Speciaal onderwijs vanwege", "rijen": [
                {"categorie": "Coördinatie; één \"zorg\"", "aantallen": {"2030/2031": 3, "2031/2032": 0}},
            ]},
            {"rijen": [{"categorie": "Overig", "aantallen": {"2030/2031": 12, "2031/2032": 7}}]},
        ],
    }
    data.update(changes)
    return schema.Tabel.model_validate(data)


def test_csv_keeps_accents_separators_and_quotes():
    raw = table_csv(_table())
    assert "Coördinatie".encode("utf-8") in raw
    rows = read_like_excel(raw)
    assert rows[1] == ["Speciaal onderwijs vanwege", "Coördinatie; één \"zorg\"", "3", "0"]
    assert rows[2] == ["", "Overig", "12", "7"]
    assert read_like_excel(table_csv(_table(), small_number_threshold=5))[1][2:] == ["< 5", "0"]


def test_csv_text_never_runs_as_a_formula():
    table = _table(groepen=[{"rijen": [
        {"categorie": "=HYPERLINK(\"http://x\")", "aantallen": {"2030/2031": 1, "2031/2032": 2}},
    ]}])
    assert read_like_excel(table_csv(table))[1][1] == "'=HYPERLINK(\"http://x\")"


@pytest.mark.parametrize("threshold", [None, 5])
def test_table_json(school, threshold):
    for table in school.aantallen.tabellen:
        published = table_json(table, small_number_threshold=threshold)
        assert json.loads(json.dumps(published)) == published
        assert {key: published[key] for key in ("id", "titel", "rijkop", "schooljaren")} == {
            "id": table.id, "titel": table.titel, "rijkop": table.rijkop, "schooljaren": table.schooljaren,
        }
        assert published["rijen"] == [
            {
                "groep": group.kop,
                "categorie": row.categorie,
                "eenheid": table.unit(row),
                "toelichting": row.toelichting,
                "aantallen": {
                    y: expected_count(row.aantallen[y], threshold if table.unit(row) is None else None)
                    for y in table.schooljaren
                },
            }
            for group in table.groepen
            for row in group.rijen
        ]
        assert [list(row["aantallen"]) for row in published["rijen"]] == [table.schooljaren] * len(
            published["rijen"]
        ), "counts in school-year order"


# --- schema.org -------------------------------------------------------------


def test_school_jsonld(school):
    site = "https://sop.example.org/"
    data = school_jsonld(school, site)
    assert json.loads(json.dumps(data)) == data
    details = school.school
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ElementarySchool"
    assert data["name"] == details.naam
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": details.straat_en_huisnummer,
        "postalCode": details.postcode,
        "addressLocality": details.plaats,
        "addressCountry": "NL",
    }
    assert (data["telephone"], data["email"], data["url"]) == (details.telefoon, details.email, details.website)
    assert data["identifier"] == {"@type": "PropertyValue", "propertyID": "BRIN", "value": details.brinnummer}
    assert data["subjectOf"]["url"] == site
    assert data["@id"].startswith(site)


@pytest.mark.parametrize("site", ["sop.example.org", "/sop/", "ftp://sop.example.org/"])
def test_school_jsonld_needs_a_full_web_address(real, site):
    with pytest.raises(ValueError):
        school_jsonld(real, site)


def test_no_school_facts_in_the_code():
    source = Path(opendata.__file__).read_text(encoding="utf-8")
    for profile in map(load_profile, SCHOOLS.values()):
        for fact in (profile.school.naam, profile.school.plaats, profile.school.brinnummer,
                     *profile.aantallen.tabellen[0].schooljaren):
            assert fact not in source
