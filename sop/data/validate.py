"""Validate a YAML file against its model: every mistake as a Dutch message at its line.

Shared by a school's data/ (sop/data/profile.py), the SWV's frame it answers to
(sop/data/kader.py) and the SWV's own files (sop/swv/config.py).
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sop.data import rules
from sop.data.errors import DataError, Location
from sop.data.yamlfile import YamlDocument, read_yaml


# Fields that name a list item, so a message can say "bij 'Niels Boersma'".
_NAMING_FIELDS = ("naam", "rol", "afkorting", "wie", "categorie", "titel", "id", "niveau", "situatie", "indicator")


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"de ja/nee-waarde {'true' if value else 'false'}"
    if isinstance(value, int):
        return f"het getal {value}"
    if isinstance(value, float):
        return f"het kommagetal {value}"
    if value is None:
        return "niets (een leeg veld)"
    if isinstance(value, (datetime.date, datetime.time)):
        return f"de datum {value.isoformat()}"
    if isinstance(value, str):
        return f"de tekst '{value}'"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een blok met velden"
    return f"een {type(value).__name__} ({value})"


def _item_label(document: YamlDocument, loc: tuple) -> str:
    """'bij 'Niels Boersma'' for the innermost named list item on the path."""
    node = document.data
    label = ""
    for step in loc:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(step, int):
            for naming in _NAMING_FIELDS:
                value = node.get(naming)
                if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
                    text = str(value) if len(str(value)) <= 60 else str(value)[:57] + "…"
                    label = f"bij niveau {text}" if naming == "niveau" else f"bij '{text}'"
                    break
    return label


def _field_name(loc: tuple) -> str:
    """'functie', or 'momenten' (item 2) for a value inside a list."""
    if loc[-1:] == ("[key]",):
        # pydantic's path to a refused key: (…, 'aantallen', KEY, '[key]'); the message quotes KEY.
        loc = loc[:-2]
    names = [str(step) for step in loc if isinstance(step, str)]
    name = f"'{names[-1]}'" if names else "het bestand"
    if loc and isinstance(loc[-1], int):
        name += f" (item {loc[-1] + 1})"
    return name


def _read_as(value: Any) -> str:
    if isinstance(value, bool):
        return "een ja/nee-waarde"
    if isinstance(value, (int, float)):
        return "een getal"
    if isinstance(value, (datetime.date, datetime.time)):
        return "een datum"
    return _describe(value)


def _message(document: YamlDocument, model: type[BaseModel], error: dict) -> str:
    loc = tuple(error["loc"])
    kind = error["type"]
    where = _item_label(document, loc)
    where = f"{where}: " if where else ""
    field = _field_name(loc)
    value = error.get("input")
    written = document.source_text.get(loc)

    if kind == "missing":
        owner = _item_label(document, loc[:-1])
        return f"{owner} ontbreekt het veld {field}".strip()
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _allowed_fields(model, loc[:-1])
        hint = difflib.get_close_matches(name, allowed, n=1)
        suggestion = f" (bedoelt u '{hint[0]}'?)" if hint else ""
        return f"{where}onbekend veld '{name}'{suggestion}; toegestaan zijn: {', '.join(allowed)}"
    if kind == "string_type":
        if value is None:
            return f"{where}{field} is leeg; vul hier tekst in (of haal de regel weg als het veld niet verplicht is)"
        if isinstance(value, dict):
            return (
                f"{where}{field} moet tekst zijn, maar door een dubbele punt met spatie (': ') "
                "leest YAML het als veldnaam met waarde; zet de hele tekst tussen aanhalingstekens"
            )
        if written is not None:
            return (
                f"{where}{field} moet tekst zijn, maar {written} wordt gelezen als {_read_as(value)}; "
                f'zet het tussen aanhalingstekens: "{written}"'
            )
        return f"{where}{field} moet tekst zijn, maar hier staat {_describe(value)}"
    if kind == "string_too_short":
        return f"{where}{field} is leeg; vul hier tekst in"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{where}{field} moet een heel getal in cijfers zijn (zonder aanhalingstekens); hier staat {_describe(value)}"
    if kind == "greater_than_equal":
        return f"{where}{field} moet {error['ctx']['ge']} of meer zijn, maar hier staat {value}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return (
            f"{where}{field} moet een datum zijn in de vorm jjjj-mm-dd, bijvoorbeeld 2024-10-01, "
            f"of null als die nog niet bekend is; hier staat {_describe(value)}"
        )
    if kind == "bool_type":
        return f"{where}{field} moet true (voor ja) of false (voor nee) zijn; hier staat {_describe(value)}"
    if kind == "list_type":
        return (
            f"{where}{field} moet een lijst zijn (regels die met '- ' beginnen, of [a, b]), "
            f"maar hier staat {_describe(value)}"
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{where}{field} moet een blok met velden zijn, maar hier staat {_describe(value)}"
    if kind == "too_short":
        minimum = error["ctx"]["min_length"]
        return f"{where}{field} moet minstens {minimum} item{'s' if minimum != 1 else ''} bevatten"
    if kind == "string_pattern_mismatch":
        return f"{where}{field} heeft niet de verwachte vorm: '{value}'"
    if kind == "value_error":
        problem = str(error["ctx"]["error"])
        # "'2018/2019' moet 0 of meer zijn" reads as a sentence; other messages follow a colon.
        return f"{where}{field}{' ' if problem.startswith('moet ') else ': '}{problem}"
    return f"{where}{field}: {error['msg']}"


def _allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names the model accepts at `loc` (a path of keys and indexes)."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        field = current.model_fields.get(step) if _is_model(current) else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(current.model_fields) if _is_model(current) else []


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _inner_model(annotation: Any) -> Any:
    """The model inside list[Model], Model | None or Annotated[...]."""
    if _is_model(annotation):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _inner_model(argument)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _inner_model(origin) if origin is not None and origin is not annotation else None


def validate_document(
    document: YamlDocument, model: type[BaseModel], problems: Callable[[BaseModel], list] = rules.problems
) -> tuple[Any, list[DataError]]:
    """The file's value, or the errors: the model's, then the rules (`problems`) that span its fields."""
    try:
        value = model.model_validate(document.data)
    except ValidationError as validation:
        errors = []
        for error in validation.errors():
            loc = tuple(error["loc"])
            # Point at the key of the offending value, or at the block missing a field.
            where = loc[:-1] if error["type"] == "missing" else loc
            errors.append(DataError(document.location(where), _message(document, model, error)))
        return None, errors
    errors = [DataError(document.location(path), message) for path, message in problems(value)]
    return (None if errors else value), errors


def read_files(
    folder: Path, display_dir: str, files: dict[str, type[BaseModel]], problems: Callable[[BaseModel], list] = rules.problems
) -> tuple[dict[str, Any], dict[str, YamlDocument], list[DataError]]:
    """Read and validate each STEM.yml in `folder`: values and documents per stem, and all errors."""
    values: dict[str, Any] = {}
    documents: dict[str, YamlDocument] = {}
    errors: list[DataError] = []
    for stem, model in files.items():
        name = f"{display_dir}/{stem}.yml"
        path = folder / f"{stem}.yml"
        if not path.exists():
            errors.append(DataError(Location(name, 1, 1), f"dit bestand ontbreekt in {display_dir}/"))
            continue
        document, file_errors = read_yaml(path, name)
        errors += file_errors
        if document is None:
            continue
        value, file_errors = validate_document(document, model, problems)
        errors += file_errors
        values[stem] = value
        documents[stem] = document
    return values, documents, errors
