"""The overview as open data: swv.json (an index plus every school's profile) and a
CSV per comparison table, in the same formats as the schools' own downloads."""

from __future__ import annotations

import datetime
from typing import Any

from sop.data import frame
from sop.writers import opendata
from sop.swv import currency
from sop.swv.compare import comparisons, indicators, specialisms
from sop.swv.config import OWN_TABLES, SwvConfig
from sop.data.schema import Vestiging
from sop.swv.overview import IncludedSchool, Overview, pdf_address

FOLDER = "open-data"
INDEX = "swv.json"
# 1.1: the reference date (stand_van) and each school's state (staat, meegeteld).
INDEX_VERSION = "1.1"
# The frame, at an address that stays the same, for the schools that answer to it.
FRAME = "kader.json"
FRAME_SCHEMA = "kader.schema.json"
FRAME_VERSION = "1.0"


def index_document(overview: Overview, today: datetime.date) -> dict[str, Any]:
    swv = overview.config.samenwerkingsverband
    counting = currency.counted_ids(overview, today)
    return {
        "schema_version": INDEX_VERSION,
        "profiel_schema_version": opendata.SCHEMA_VERSION,
        "samenwerkingsverband": {"naam": swv.naam, "website": swv.website, "email": swv.email},
        "gemaakt_op": today.isoformat(),
        # The day every count and mark of the overview holds for ('stand van' on its pages).
        "stand_van": today.isoformat(),
        "ook_meetellen": list(swv.ook_meetellen),
        "scholen": [
            {
                "id": school.entry.id,
                "naam": school.name,
                "site": school.site,
                "bron": school.entry.sop_json,
                "melding": school.stale_note,
                "staat": currency.states(school, today),
                "meegeteld": school.entry.id in counting,
                "profiel": school.document,
            }
            for school in overview.schools
        ],
        "ontbrekend": [
            {"id": item.entry.id, "naam": item.entry.naam, "bron": item.entry.sop_json, "reden": item.reason}
            for item in overview.missing
        ],
    }


def frame_document(config: SwvConfig) -> dict[str, Any] | None:
    """kader.json: the SWV's frame with its specialisms, or None when it has none."""
    if config.kader is None:
        return None
    swv = config.samenwerkingsverband
    return {
        "schema_version": FRAME_VERSION,
        "samenwerkingsverband": {"naam": swv.naam, "website": swv.website},
        **config.kader.model_dump(mode="json"),
        "specialismen": [{"id": item.id, "naam": item.naam, "uitleg": item.uitleg}
                         for item in config.specialismen.specialismen],
    }


def frame_json_schema() -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            **frame.KaderDocument.model_json_schema(), "title": FRAME}


def _date(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


# Each school's state in every CSV with a row per school: the reader can leave out what the pages leave out.
STATE_COLUMNS = ["Staat van het profiel", "Meegeteld"]


def _state(overview: Overview, school: IncludedSchool, today: datetime.date) -> list[str]:
    return ["; ".join(currency.states(school, today)), "ja" if currency.counts(overview, school, today) else "nee"]


def _location(location: Vestiging) -> str:
    """A location's contact details in one cell, only what the school published."""
    parts = [location.naam, location.straat_en_huisnummer, f"{location.postcode} {location.plaats}",
             *([f"BRIN {location.brinnummer}"] if location.brinnummer else []),
             *([f"telefoon {location.telefoon}"] if location.telefoon else [])]
    return ", ".join(parts)


def schools_rows(overview: Overview, today: datetime.date) -> list[list[str]]:
    rows = [["id", "School", "Plaats", "BRIN", "Vastgesteld op", "Vernieuwen vóór", *STATE_COLUMNS,
             "Adres", "Postcode", "Telefoon", "E-mail", "Website", "Vestigingen", "Profiel", "PDF"]]
    for school in overview.schools:
        data, status = school.profile.school, school.profile.status
        rows.append([
            school.entry.id, school.name, ", ".join(school.places), data.brinnummer, _date(status.vastgesteld_op),
            _date(status.renewal_date), *_state(overview, school, today),
            data.straat_en_huisnummer, data.postcode, data.telefoon, data.email, data.website,
            " | ".join(_location(location) for location in data.vestigingen),
            school.site or "", pdf_address(school.site) if school.site else "",
        ])
    return rows


def expertise_rows(overview: Overview, today: datetime.date) -> list[list[str]]:
    found, _ = specialisms(overview)
    rows = [["Specialisme", "id", "School", *STATE_COLUMNS, "Functie of focusgebied"]]
    for item in found:
        for school, texts in item.schools:
            state = _state(overview, school, today)
            rows += [[item.specialism.naam, item.specialism.id, school.name, *state, text] for text in texts]
    return rows


def basic_support_rows(overview: Overview, today: datetime.date) -> list[list[str]]:
    rows = [["Domein", "Indicator-id", "Indicator", "School", *STATE_COLUMNS, "Markering", "Kolomkop", "Kolom",
             "Beoordeeld door", "Geborgd"]]
    for domain in indicators(overview):
        for item in domain.indicators:
            for school, marking in item.schools:
                rows.append([
                    domain.title, item.id, item.text, school.name, *_state(overview, school, today),
                    marking.marking or "", marking.heading or "",
                    "" if marking.column is None else str(marking.column),
                    marking.assessor or "", "ja" if marking.secured else "nee",
                ])
    return rows


# The overview's own tables as CSV: (name, what it holds, its rows), named as config.OWN_TABLES
# reserves them.
OWN_TABLE_FILES = tuple(
    (name, label, rows)
    for name, (label, rows) in zip(OWN_TABLES, (
        ("Scholen", schools_rows),
        ("Expertise per specialisme", expertise_rows),
        ("Basisondersteuning per indicator en school", basic_support_rows),
    ), strict=True)
)


def download_names(overview: Overview, today: datetime.date) -> list[tuple[str, str]]:
    """(file name in open-data/, what it holds) for every download, in the order of the pages."""
    found, _ = comparisons(overview, today)
    frame = [(FRAME, f"Het kader van het samenwerkingsverband, dat de scholen beantwoorden ({FRAME})"),
             (FRAME_SCHEMA, "Het JSON-schema van het kader")] if overview.config.kader else []
    return [
        (INDEX, f"Alle profielen en dit overzicht als JSON ({INDEX})"),
        ("sop.schema.json", "Het JSON-schema van één profiel"),
        *frame,
        *((f"{name}.csv", f"{label} (CSV voor Excel)") for name, label, _ in OWN_TABLE_FILES),
        *(
            (f"{name}.csv", f"{item.comparison.titel}{label} (CSV voor Excel)")
            for item in found if item.total
            for name, label in ((item.total.id, ""), (item.per_school.id, ", per school"))
        ),
    ]


def downloads(overview: Overview, today: datetime.date) -> dict[str, bytes]:
    """File name in open-data/ -> content."""
    found, _ = comparisons(overview, today)
    files = {
        INDEX: opendata.as_json(index_document(overview, today)),
        "sop.schema.json": opendata.as_json(opendata.profile_json_schema()),
        **{f"{name}.csv": opendata.spreadsheet(rows(overview, today)) for name, _, rows in OWN_TABLE_FILES},
    }
    frame = frame_document(overview.config)
    if frame:
        files[FRAME] = opendata.as_json(frame)
        files[FRAME_SCHEMA] = opendata.as_json(frame_json_schema())
    for item in found:
        if item.total:
            files[f"{item.total.id}.csv"] = opendata.table_csv(item.total)
            files[f"{item.per_school.id}.csv"] = opendata.table_csv(item.per_school)
    return files
