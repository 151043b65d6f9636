"""Open data for the samenwerkingsverband: the validated profile as JSON, CSV and JSON-LD.

Pure functions: a `Profile` in, JSON-ready dicts or bytes out. Nothing here
knows a school: every name, year and label comes from the data.

Two privacy options run through all outputs:

- `hidden_names`: staff names that must not be published. The entry stays (a
  roster row keeps its functions, a role keeps its place), only the name
  becomes null, so a reader still sees that the role is filled.
- `small_number_threshold`: counts in the statistics tables below it are
  published as the text "< N", so a single pupil cannot be recognised.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import typing
from collections.abc import Iterable, Iterator
from typing import Any, Literal
from urllib.parse import urldefrag, urlsplit

from pydantic import BaseModel, ConfigDict, create_model

from sop.data import names, schema
from sop.writers import render
from sop.data.profile import Profile, published_fields

# 2.0 (issue "any school"): locations, BRIN with vestigingsnummer, roster groups
# and optional focus areas, roles filled by an organisation, unreported values
# (null), units and notes in tables, rijen_tellen_op, school years with gaps,
# level labels as text, status scales per domain with their assessor.
# 2.2: notes for the staff (`notities`) in every file and list item, never published.
SCHEMA_VERSION = "2.2"
SCHEMA_CHANGES = (
    "Versie 2.0: vestigingen, brinnummer met vestigingsnummer, groepen zonder naam in het "
    "team, rollen van een organisatie, niet gemelde getallen (null), eenheden en "
    "toelichtingen bij tabellen, rijen_tellen_op, schooljaren met gaten, niveaus als tekst "
    "en een statusschaal per domein met wie de status gaf."
)
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# The site's folder of open data downloads (sop/site/publish.py), linked from the Versies page too.
OPEN_DATA = "open-data"

# Header of the CSV column with a group's subheading (Groep.kop). Not "Groep":
# in a primary school that word means a class (groep 1 to 8).
SUBHEADING_COLUMN = "Tussenkop"
UNIT_COLUMN = "Eenheid"
NOTE_COLUMN = "Toelichting"

# A masked count as published: "< 5", with an ordinary space.
MASKED_COUNT_PATTERN = r"^< [1-9][0-9]*$"


class HiddenNameError(ValueError):
    """A name that must be hidden still occurs in a text we cannot redact safely."""


# --- privacy ----------------------------------------------------------------


def hidden_set(hidden_names: Iterable[str]) -> frozenset[str]:
    """The names to hide, compared by `names.among` (however a name is written)."""
    if isinstance(hidden_names, str):
        # A bare string would otherwise hide every single letter in it.
        raise TypeError("hidden_names moet een verzameling namen zijn, geen losse tekst")
    return frozenset(name for name in hidden_names if name.strip())


def is_hidden(name: str, hidden: frozenset[str]) -> bool:
    """`hidden` as returned by `hidden_set`."""
    return names.among(name, hidden)


def as_json(value) -> bytes:
    """A JSON download as every open-data file is written: UTF-8, indented, one final newline."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def check_threshold(small_number_threshold: int | None) -> None:
    if small_number_threshold is None:
        return
    if isinstance(small_number_threshold, bool) or not isinstance(small_number_threshold, int):
        raise TypeError("small_number_threshold moet een heel getal zijn of None")
    if small_number_threshold < 1:
        raise ValueError("small_number_threshold moet 1 of meer zijn")


def mask_count(count: int | float | None, small_number_threshold: int | None) -> int | float | str | None:
    """A value as published (see render.shown_count for the rule), as a number when exact
    and None when not reported; pass no threshold for values with a unit."""
    if render.is_masked(count, small_number_threshold):
        return render.shown_count(count, small_number_threshold)
    return count


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a JSON-like value, with a dotted path for messages."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def assert_no_hidden_names(value: Any, hidden: frozenset[str]) -> None:
    """Refuse to publish when a hidden name is still in free text.

    Only roster names and role names can be replaced safely; a name inside a
    running text would need rewriting by a person, so we stop instead of
    publishing it.
    """
    if not hidden:
        return
    for path, text in _strings(value):
        if names.find_name(text, hidden):
            raise HiddenNameError(
                    f"een naam die niet gepubliceerd mag worden staat nog in '{path}'; "
                    "pas die tekst aan, want alleen namen in de lijst met medewerkers "
                    "en bij rollen worden automatisch weggelaten"
                )


# --- the whole profile --------------------------------------------------------


def publication_options(profile: Profile) -> dict[str, Any]:
    """The school's own settings (instellingen.yml) as keyword arguments.

    `profile_document(profile, **publication_options(profile))` publishes what
    the site shows; without them every name and exact count is published.
    """
    return {
        "hidden_names": profile.hidden_names(),
        "small_number_threshold": profile.instellingen.small_number_threshold,
    }


def _scrub(model: Any, dumped: Any, hidden: frozenset[str], threshold: int | None) -> None:
    """Apply the privacy options to `dumped`, the model_dump(mode="json") of `model`.

    Walks the models rather than the dict, so a name or count is recognised by
    its type (Medewerker, Rol, Rij) wherever a data file puts it.
    """
    if isinstance(model, BaseModel):
        if isinstance(model, schema.Medewerker) and model.naam and is_hidden(model.naam, hidden):
            dumped["naam"] = None
        if isinstance(model, schema.Rol):
            dumped["namen"] = [None if is_hidden(name, hidden) else name for name in model.namen]
        if isinstance(model, schema.Tabel):
            rows = [row for group in dumped["groepen"] for row in group["rijen"]]
            for row, dumped_row in zip(model.rows, rows):
                row_threshold = threshold if model.unit(row) is None else None
                dumped_row["aantallen"] = {
                    year: mask_count(count, row_threshold) for year, count in row.aantallen.items()
                }
            return
        for name in schema.content_fields(model):
            _scrub(getattr(model, name), dumped[name], hidden, threshold)
    elif isinstance(model, (list, tuple)):
        for item, dumped_item in zip(model, dumped):
            _scrub(item, dumped_item, hidden, threshold)
    elif isinstance(model, dict):
        for key, item in model.items():
            _scrub(item, dumped[key], hidden, threshold)


def profile_document(
    profile: Profile,
    hidden_names: Iterable[str] = frozenset(),
    small_number_threshold: int | None = None,
) -> dict:
    """The whole validated profile as a JSON-ready dict, one key per data file.

    The settings file is left out (see `published_fields`); pass
    `**publication_options(profile)` to follow the school's settings. Raises
    HiddenNameError when a name to hide also occurs in free text.
    """
    check_threshold(small_number_threshold)
    hidden = hidden_set(hidden_names)
    document: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    for name in published_fields():
        model = getattr(profile, name)
        dumped = model.model_dump(mode="json")
        _scrub(model, dumped, hidden, small_number_threshold)
        document[name] = dumped
    assert_no_hidden_names(document, hidden)
    return document


@functools.cache
def _document_model() -> type[BaseModel]:
    """A pydantic model with the same fields as Profile, plus schema_version."""
    hints = typing.get_type_hints(Profile)
    fields: dict[str, Any] = {"schema_version": (Literal[SCHEMA_VERSION], ...)}
    fields.update({name: (hints[name], ...) for name in published_fields()})
    return create_model(
        "Schoolondersteuningsprofiel",
        __config__=ConfigDict(extra="forbid"),
        __doc__="Het schoolondersteuningsprofiel van één school, als open data.",
        **fields,
    )


def _or_null(subschema: dict) -> dict:
    return {"anyOf": [subschema, {"type": "null"}]}


def _definition(defs: dict, model: type[BaseModel]) -> dict:
    # pydantic names a definition after its class; fail loudly if that changes.
    if model.__name__ not in defs:
        raise RuntimeError(f"definitie {model.__name__} ontbreekt in het gegenereerde schema")
    return defs[model.__name__]


def profile_json_schema() -> dict:
    """JSON Schema (draft 2020-12) of `profile_document`, with or without privacy options."""
    generated = _document_model().model_json_schema()
    defs = generated["$defs"]

    # Hidden names are published as null, in the roster and in role name lists.
    roster = _definition(defs, schema.Medewerker)["properties"]
    roster["naam"] = _or_null(roster["naam"])
    names = _definition(defs, schema.Rol)["properties"]["namen"]
    names["items"] = _or_null(names["items"])

    # A count is an exact number, or "< N" when it is masked.
    counts = _definition(defs, schema.Rij)["properties"]["aantallen"]
    masked = {"type": "string", "pattern": MASKED_COUNT_PATTERN}
    for key, subschema in counts.get("patternProperties", {}).items():
        counts["patternProperties"][key] = {"anyOf": [subschema, masked]}
    if "additionalProperties" in counts:
        counts["additionalProperties"] = {"anyOf": [counts["additionalProperties"], masked]}
    if not counts.get("patternProperties") and "additionalProperties" not in counts:
        raise RuntimeError("het schema van 'aantallen' heeft een onverwachte vorm")

    # The staff's notes are never published (Field exclude).
    for definition in [generated, *defs.values()]:
        definition.get("properties", {}).pop(schema.NOTES, None)

    generated["properties"]["schema_version"] = {"const": SCHEMA_VERSION, "type": "string"}
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "Schoolondersteuningsprofiel",
        "description": (
            "Het schoolondersteuningsprofiel van één school als open data. Een naam die niet "
            "gepubliceerd wordt is null (een groep zonder namen heeft 'groep' in plaats van "
            "'naam'); een klein aantal kan als '< N' zijn afgeschermd; een getal dat de school "
            f"niet meldde is null. {SCHEMA_CHANGES}"
        ),
        **{key: value for key, value in generated.items() if key not in ("title", "description")},
    }


# --- one statistics table ---------------------------------------------------


def table_rows(
    table: schema.Tabel, small_number_threshold: int | None = None
) -> list[tuple[str | None, schema.Rij, list[int | float | str | None]]]:
    """(subheading, row, published values in school-year order) per row."""
    check_threshold(small_number_threshold)
    return [
        (
            group.kop,
            row,
            [
                mask_count(row.aantallen[year], small_number_threshold if table.unit(row) is None else None)
                for year in table.schooljaren
            ],
        )
        for group in table.groepen
        for row in group.rijen
    ]


def _csv_value(value: int | float | str | None) -> str:
    # Empty for a value that was not reported; a decimal comma for Dutch Excel.
    if value is None:
        return ""
    return render.format_number(value) if isinstance(value, (int, float)) else value


def _spreadsheet_text(text: str) -> str:
    # Excel runs a cell that starts with = + - @ as a formula; a leading
    # apostrophe makes it plain text there (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def table_csv(table: schema.Tabel, small_number_threshold: int | None = None) -> bytes:
    """One statistics table as CSV for Dutch Excel: ';', UTF-8 with BOM, CRLF.

    Layout: one header row, then one row per category, always with the same
    columns: subheading, category, one count per school year. The subheading
    (Groep.kop) is repeated on each of its rows instead of getting a row of
    its own, so the sheet stays a clean rectangle that can be sorted, filtered
    and stacked with the tables of other schools. No title row, for the same
    reason; the title is in the JSON and in the file name.
    """
    # A unit or note column only when the table has them, so count tables keep their shape.
    units = not table.counts
    notes = any(row.toelichting for row in table.rows)
    header = [
        SUBHEADING_COLUMN, table.rijkop, *([UNIT_COLUMN] if units else []),
        *table.schooljaren, *([NOTE_COLUMN] if notes else []),
    ]
    rows = [
        [
            subheading or "",
            row.categorie,
            *([table.unit(row) or ""] if units else []),
            *(_csv_value(value) for value in values),
            *([row.toelichting or ""] if notes else []),
        ]
        for subheading, row, values in table_rows(table, small_number_threshold)
    ]
    return spreadsheet([header, *rows])


def spreadsheet(rows: list[list[str]]) -> bytes:
    """Rows of text as CSV for Dutch Excel: ';', UTF-8 with BOM, CRLF, no formulas."""
    buffer = io.StringIO()
    # ';' because Dutch Excel uses the comma as decimal separator; the BOM makes
    # Excel read UTF-8 (accents) instead of the Windows code page.
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([_spreadsheet_text(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def table_json(table: schema.Tabel, small_number_threshold: int | None = None) -> dict:
    """One statistics table as JSON: a row per category, its counts per school year."""
    return {
        "id": table.id,
        "titel": table.titel,
        "rijkop": table.rijkop,
        "rijen_tellen_op": table.rijen_tellen_op,
        "eenheid": table.eenheid,
        "toelichting": table.toelichting,
        "schooljaren": list(table.schooljaren),
        "ontbrekende_schooljaren": render.missing_years(table),
        "rijen": [
            {
                "groep": subheading,
                "categorie": row.categorie,
                "eenheid": table.unit(row),
                "toelichting": row.toelichting,
                "aantallen": dict(zip(table.schooljaren, values)),
            }
            for subheading, row, values in table_rows(table, small_number_threshold)
        ],
    }


# --- schema.org -------------------------------------------------------------


def school_jsonld(profile: Profile, site_url: str) -> dict:
    """schema.org JSON-LD for the school, for a <script type="application/ld+json">.

    `url` is the school's own website. The SOP site is linked as `subjectOf` (a
    work about the school), not as `mainEntityOfPage`: that would claim the SOP
    site is the school's main page, which is its own website.
    """
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{site_url}' is geen volledig webadres; begin met https://")
    page = urldefrag(site_url).url
    school = profile.school

    def address(place) -> dict:
        return {
            "@type": "PostalAddress",
            "streetAddress": place.straat_en_huisnummer,
            "postalCode": place.postcode,
            "addressLocality": place.plaats,
            "addressCountry": "NL",
        }

    def brin(place) -> dict:
        return {"identifier": {"@type": "PropertyValue", "propertyID": "BRIN", "value": place.brinnummer}}

    locations = [
        {
            "@type": "ElementarySchool",
            "name": location.naam,
            "address": address(location),
            **({"telephone": location.telefoon} if location.telefoon else {}),
            **(brin(location) if location.brinnummer else {}),
        }
        for location in school.vestigingen
    ]
    return {
        "@context": "https://schema.org",
        "@type": "ElementarySchool",
        "@id": f"{page}#school",
        "name": school.naam,
        "address": address(school),
        "telephone": school.telefoon,
        "email": school.email,
        "url": school.website,
        **brin(school),
        # Each location (vestiging) with its own address.
        **({"department": locations} if locations else {}),
        "subjectOf": {
            "@type": "WebSite",
            "name": f"Schoolondersteuningsprofiel {school.naam}",
            "url": page,
            "inLanguage": "nl-NL",
        },
    }
