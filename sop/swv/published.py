"""A school's published profile (its open-data sop.json) as the overview reads it.

Every school enters the overview the same way, whether it comes from a local
data/ folder or from its website: as the document the school publishes, with
its own privacy settings applied (withheld names are null, small counts
'< N'). So the overview can never show more than the school's own site.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from dataclasses import dataclass
from typing import Any

import jsonschema
from pydantic import BaseModel, ValidationError

from sop.data import migrations, schema
from sop.writers import opendata, render

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
    # The schema_version the school published: an older one is read through sop/data/migrations.
    version: str = SUPPORTED_VERSION

    @property
    def older(self) -> bool:
        return migrations.version_key(self.version) < migrations.version_key(SUPPORTED_VERSION)

    @property
    def newer(self) -> bool:
        return migrations.version_key(self.version) > migrations.version_key(SUPPORTED_VERSION)


_PARTS: dict[str, type[BaseModel]] = {
    "school": schema.School,
    "status": schema.FormeleStatus,
    "basisondersteuning": schema.Basisondersteuning,
}


def check_version(document: Any) -> str:
    """The document's schema_version, when this code can read it: the current one, a
    released older one (sop/data/migrations brings it up to date), or a newer minor one (it
    only adds optional fields, which are left out)."""
    if not isinstance(document, dict):
        raise Unreadable("het bestand is geen profiel: er staat geen JSON-object in")
    written = document.get("schema_version")
    found, known = migrations.version_key(written), migrations.version_key(SUPPORTED_VERSION)
    if found is None:
        # Not quoted: the file is the school's, and anything may be in it.
        raise Unreadable("het bestand heeft geen geldige schema_version (twee getallen met een punt, zoals "
                         f"'{SUPPORTED_VERSION}')")
    if found[0] > known[0]:
        raise Unreadable(
            f"het profiel heeft een nieuwere schema_version ({written}) dan dit overzicht kent "
            f"({SUPPORTED_VERSION}); werk de code van het overzicht bij"
        )
    if found < known and migrations.released_schema(written) is None:
        raise Unreadable(
            f"het profiel heeft een schema_version ({written}) die nooit is uitgebracht; bekend zijn "
            f"{', '.join(migrations.released_versions())}"
        )
    return written


# What a published profile can hold and this code can still handle: a real profile is
# about 8 levels deep, and its numbers are counts and percentages.
MAX_DEPTH = 32
MAX_NUMBER = 10**15
TOO_DEEP = f"het bestand heeft meer dan {MAX_DEPTH} lagen in elkaar; zo is een profiel nooit"


def _number(text: str) -> int | float:
    # Length first: int() of thousands of digits is slow, and their sum could not be printed.
    value = float(text) if any(sign in text for sign in ".eE") else int(text) if len(text) <= 20 else MAX_NUMBER
    if not abs(value) < MAX_NUMBER:
        raise Unreadable("het bestand bevat een onwaarschijnlijk groot getal")
    return value


def _refuse_constant(name: str):
    raise Unreadable("het bestand is geen geldige JSON (NaN of Infinity is geen getal in JSON)")


def _check_shape(document: Any) -> None:
    """Refuse what no profile holds and the rest of the build could choke on: deep
    nesting (Python recurses on it) and text that is no valid Unicode (lone surrogates)."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    raise Unreadable("het bestand bevat tekst die geen geldige Unicode is") from None
        elif isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                raise Unreadable(TOO_DEEP)
            items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)


def decode(content: bytes) -> Any:
    """A fetched file as JSON, or Unreadable with a Dutch reason."""
    try:
        document = json.loads(content.decode("utf-8"), parse_int=_number, parse_float=_number,
                              parse_constant=_refuse_constant)
    except Unreadable:
        raise
    except RecursionError:
        raise Unreadable(TOO_DEEP) from None
    except (UnicodeDecodeError, ValueError):
        raise Unreadable("het bestand is geen geldige JSON") from None
    _check_shape(document)
    return document


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
    """A place in the profile by its field names; a key the school chose (a school
    year, or anything in a field that should not be there) is not quoted."""
    steps = []
    for step in path:
        if isinstance(step, int):
            steps.append(f"[{step + 1}]")
        elif step in _field_names():
            steps.append(f".{step}")
        else:
            steps.append(".…")
            break
    return "".join(steps).lstrip(".")


@functools.cache
def _field_names() -> frozenset[str]:
    """Every field name the published JSON Schema defines."""
    names, stack = set(), [opendata.profile_json_schema()]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            names.update(value.get("properties", {}) if isinstance(value.get("properties"), dict) else ())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return frozenset(names)


@functools.cache
def _schema_validator(version: str) -> jsonschema.Draft202012Validator:
    """Each version's profile is checked against the schema it was published with."""
    released = opendata.profile_json_schema() if version == SUPPORTED_VERSION else migrations.released_schema(version)
    return jsonschema.Draft202012Validator(released)


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


def _schema_problem(error: jsonschema.ValidationError, version: str) -> str:
    problem = _PROBLEMS.get(error.validator, "een waarde is ongeldig")
    where = _where(error.absolute_path) or "het hoofdniveau"
    if error.validator == "required" and isinstance(error.instance, dict):
        absent = [name for name in error.validator_value if name not in error.instance]
        problem += f" ('{absent[0]}')" if absent else ""
    which = "" if version == SUPPORTED_VERSION else f" van versie {version}"
    return f"het profiel voldoet niet aan het schema{which}: {problem} bij '{where}'"


def _known_fields(document: dict) -> dict:
    """A newer minor version's profile as this version reads it (a copy): a minor version
    only adds optional fields, so the fields this code does not know are left out."""
    document = {**copy.deepcopy(document), "schema_version": SUPPORTED_VERSION}
    validator = _schema_validator(SUPPORTED_VERSION)
    while True:
        removed = 0
        errors = list(validator.iter_errors(document))
        while errors:
            error = errors.pop()
            errors.extend(error.context)  # inside anyOf: a part that may also be null
            if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
                continue
            known, patterns = error.schema.get("properties", {}), error.schema.get("patternProperties", {})
            # A name this version knows anywhere is never dropped: only what the newer one added.
            for key in [key for key in error.instance if key not in known and key not in _field_names()
                        and not any(re.search(pattern, key) for pattern in patterns)]:
                del error.instance[key]
                removed += 1
        if not removed:
            return document


def read_published(document: Any, checked: bool = False) -> PublishedProfile:
    """Check the document against the published JSON Schema (unless it was `checked`
    before) and read the parts the overview shows; raises Unreadable with a Dutch reason.
    An older version's profile is read as the current version would publish it."""
    version = check_version(document)
    if migrations.version_key(version) > migrations.version_key(SUPPORTED_VERSION):
        document = _known_fields(document)
        version_checked = SUPPORTED_VERSION
    else:
        version_checked = version
    error = None if checked else jsonschema.exceptions.best_match(
        _schema_validator(version_checked).iter_errors(document))
    if error is not None:
        raise Unreadable(_schema_problem(error, version_checked))
    if migrations.version_key(version) < migrations.version_key(SUPPORTED_VERSION):
        document = migrations.upgrade_document(document)
    try:
        parts = {name: model.model_validate_json(json.dumps(document[name])) for name, model in _PARTS.items()}
        return PublishedProfile(
            expertise=_roster(document["expertise"]), aantallen=_tables(document["aantallen"]), version=version,
            **parts)
    except ValidationError as invalid:
        first = invalid.errors()[0]
        raise Unreadable(
            f"het profiel voldoet niet aan het schema: een waarde is ongeldig bij '{_where(first['loc'])}'"
        ) from None
