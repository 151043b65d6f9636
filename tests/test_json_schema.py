"""The JSON Schemas in data/schema/ match the pydantic contract and the data."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import PROJECT

from sop.jsonschema import schema_path, schema_text
from sop.profile import DATA_FILES
from sop.yamlfile import read_yaml


@pytest.mark.parametrize("stem", DATA_FILES)
def test_committed_schema_is_current(stem):
    committed = schema_path(PROJECT, stem).read_text(encoding="utf-8")
    assert committed == schema_text(stem), f"voer 'make schema' uit: {stem}.schema.json is verouderd"


@pytest.mark.parametrize("stem", DATA_FILES)
def test_data_file_points_editors_at_its_schema_and_validates(stem):
    path = PROJECT / "data" / f"{stem}.yml"
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=schema/{stem}.schema.json"
    document, errors = read_yaml(path, f"data/{stem}.yml")
    assert errors == []
    schema = json.loads(schema_path(PROJECT, stem).read_text(encoding="utf-8"))
    # As an editor reads YAML: dates are text there (YAML 1.2), here date objects.
    jsonschema.validate(json.loads(json.dumps(document.data, default=str)), schema)


def test_schema_catches_a_typo_like_the_build_does():
    schema = json.loads(schema_path(PROJECT, "expertise").read_text(encoding="utf-8"))
    person = {"naam": "A", "funcite": ["x"], "focusgebied": ["y"]}
    data = {"titel": "T", "kolommen": {"naam": "N", "functie": "F", "focusgebied": "G"}, "medewerkers": [person]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
