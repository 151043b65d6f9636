"""A school's published profile (its open-data sop.json) as the overview reads it.

Every school enters the overview the same way, whether it comes from a local
data/ folder or from its website: as the document the school publishes, with
its own privacy settings applied (withheld names are null, small counts
'< N'). So the overview can never show more than the school's own site.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Any

import jsonschema
from pydantic import BaseModel, ValidationError

from .. import opendata, render, schema

SUPPORTED_VERSION = opendata.SCHEMA_VERSION


class Unreadable(ValueError):
    """A published profile the overview cannot use; the message says why, in Dutch."""


@dataclass(frozen=True)
class PublishedProfile:
    """The parts of a school's published profile the overview shows."""

    school: schema.School
    status: schema.FormeleStatus
    expertise: schema.Expertise
    basisondersteuning: schema.Basisondersteuning
    aantallen: schema.Aantallen


_PARTS: dict[str, type[BaseModel]] = {
    "school": schema.School,
    "status": schema.FormeleStatus,
    "basisondersteuning": schema.Basisondersteuning,
}


def _version(value: Any) -> tuple[int, int] | None:
    match = re.fullmatch(r"([0-9]+)\.([0-9]+)", value) if isinstance(value, str) else None
    return (int(match.group(1)), int(match.group(2))) if match else None


def check_version(document: Any) -> None:
    if not isinstance(document, dict):
        raise Unreadable("het bestand is geen profiel: er staat geen JSON-object in")
    written = document.get("schema_version")
    found, known = _version(written), _version(SUPPORTED_VERSION)
    if found is None:
        shown = json.dumps(written, ensure_ascii=False)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        raise Unreadable(f"het bestand heeft geen geldige schema_version (gevonden: {shown})")
    if found[0] > known[0] or (found[0] == known[0] and found[1] > known[1]):
        raise Unreadable(
            f"het profiel heeft een nieuwere schema_version ({written}) dan dit overzicht kent "
            f"({SUPPORTED_VERSION}); werk de code van het overzicht bij"
        )
    if found != known:
        raise Unreadable(
            f"het profiel heeft een oudere schema_version ({written}) dan dit overzicht kent "
            f"({SUPPORTED_VERSION}); de school moet haar site opnieuw laten bouwen met de nieuwe versie"
        )


_PROBLEMS = {
    "required": "er ontbreekt een verplicht veld",
    "additionalProperties": "er staat een onbekend veld",
    "type": "een waarde heeft het verkeerde type",
    "pattern": "een waarde heeft niet de verwachte vorm",
    "minItems": "een lijst is leeg",
    "minLength": "een tekst is leeg",
    "minimum": "een getal is kleiner dan toegestaan",
    "const": "een waarde klopt niet",
}


def _where(path) -> str:
    return "".join(f"[{step + 1}]" if isinstance(step, int) else f".{step}" for step in path).lstrip(".")


@functools.cache
def _schema_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(opendata.profile_json_schema())


def _masked_read_back(value: Any) -> Any:
    """'< 5' as published becomes a Bound: at least 1, shown as '< 5'."""
    if isinstance(value, str) and re.fullmatch(opendata.MASKED_COUNT_PATTERN, value):
        return render.Bound(1, value)
    return value


def _tables(data: dict) -> schema.Aantallen:
    tables = []
    for table in data["tabellen"]:
        groups = [
            {**group, "rijen": [
                {**row, "aantallen": {year: _masked_read_back(v) for year, v in row["aantallen"].items()}}
                for row in group["rijen"]
            ]}
            for group in table["groepen"]
        ]
        tables.append({**table, "groepen": groups})
    return schema.Aantallen.model_validate({"tabellen": tables})


def _roster(data: dict) -> schema.Expertise:
    # A withheld name is null: the overview never shows names, only functions.
    return schema.Expertise.model_validate_json(json.dumps(data))


def _schema_problem(error: jsonschema.ValidationError) -> str:
    problem = _PROBLEMS.get(error.validator, "een waarde is ongeldig")
    where = _where(error.absolute_path) or "het hoofdniveau"
    if error.validator == "required" and isinstance(error.instance, dict):
        absent = [name for name in error.validator_value if name not in error.instance]
        problem += f" ('{absent[0]}')" if absent else ""
    return f"het profiel voldoet niet aan het schema: {problem} bij '{where}'"


def read_published(document: Any, checked: bool = False) -> PublishedProfile:
    """Check the document against the published JSON Schema (unless it was `checked`
    before) and read the parts the overview shows; raises Unreadable with a Dutch reason."""
    check_version(document)
    error = None if checked else jsonschema.exceptions.best_match(_schema_validator().iter_errors(document))
    if error is not None:
        raise Unreadable(_schema_problem(error))
    try:
        parts = {name: model.model_validate_json(json.dumps(document[name])) for name, model in _PARTS.items()}
        return PublishedProfile(
            expertise=_roster(document["expertise"]), aantallen=_tables(document["aantallen"]), **parts
        )
    except ValidationError as invalid:
        first = invalid.errors()[0]
        raise Unreadable(
            f"het profiel voldoet niet aan het schema: een waarde is ongeldig bij '{_where(first['loc'])}'"
        ) from None
