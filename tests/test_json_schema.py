"""The JSON Schemas for editors (make schema) agree with the build.

Whether data/ names its schemas and they are current is checked for the school
in data/ by sop/checks/test_school_data.py.
"""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import SCHOOLS

from sop.data.jsonschema import schema_text
from sop.data.profile import DATA_FILES
from sop.data.yamlfile import read_yaml


@pytest.mark.parametrize("school", SCHOOLS)
@pytest.mark.parametrize("stem", DATA_FILES)
def test_what_the_build_accepts_an_editor_accepts(school, stem):
    document, errors = read_yaml(SCHOOLS[school] / f"{stem}.yml", f"{stem}.yml")
    assert errors == []
    # As an editor reads YAML: dates are text there (YAML 1.2), here date objects.
    jsonschema.validate(json.loads(json.dumps(document.data, default=str)), json.loads(schema_text(stem)))


def test_schema_catches_a_typo_like_the_build_does():
    schema = json.loads(schema_text("expertise"))
    person = {"naam": "A", "funcite": ["x"], "focusgebied": ["y"]}
    data = {"titel": "T", "kolommen": {"naam": "N", "functie": "F", "focusgebied": "G"}, "medewerkers": [person]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
