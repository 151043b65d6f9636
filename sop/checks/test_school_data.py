"""The school's data/ is valid, for the build and for the editors that check it while typing."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
import pytest

from sop.data import migrations
from sop.data.jsonschema import schema_path, schema_text
from sop.data.profile import DATA_FILES
from sop.data.yamlfile import read_yaml


def test_make_check_finds_no_errors(school_dir):
    result = subprocess.run([sys.executable, "-m", "sop.site.check"], cwd=school_dir, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("stem", DATA_FILES)
def test_data_file_validates_against_the_schema_editors_use(school_dir, stem):
    """An editor must not flag what the build accepts."""
    path = school_dir / "data" / f"{stem}.yml"
    document, errors = read_yaml(path, f"data/{stem}.yml")
    assert errors == []
    # As an editor reads YAML: dates are text there (YAML 1.2), here date objects.
    jsonschema.validate(json.loads(json.dumps(document.data, default=str)), json.loads(schema_text(stem)))


@pytest.mark.parametrize("stem", DATA_FILES)
def test_the_schema_a_data_file_names_is_there_and_current(school_dir, stem):
    first_line = (school_dir / "data" / f"{stem}.yml").read_text(encoding="utf-8-sig").splitlines()[0]
    named = re.fullmatch(r"#\s*yaml-language-server:\s*\$schema=(\S+)", first_line.strip())
    if not named:
        return  # no editor support asked for: fine
    assert named.group(1) == f"schema/{stem}.schema.json", f"data/{stem}.yml noemt het verkeerde schema"
    committed = schema_path(school_dir, stem)
    assert committed.exists() and committed.read_text(encoding="utf-8") == schema_text(stem), (
        f"voer 'make schema' uit: data/schema/{stem}.schema.json ontbreekt of is verouderd")


def test_the_site_builds_with_every_page_and_download(site):
    pages = ["", "onderwijs/", "ondersteuning/", "feiten-en-cijfers/", "basisondersteuning/", "stappenplan/"]
    for page in pages:
        assert (site.root / page / "index.html").is_file(), f"pagina /{page} ontbreekt"
    for download in ("schoolondersteuningsprofiel.pdf", "open-data/sop.json", "open-data/sop.schema.json",
                     "schoolgids/schoolondersteuningsprofiel.md", "schoolgids/schoolondersteuningsprofiel.docx"):
        assert (site.root / download).stat().st_size > 0, f"{download} ontbreekt of is leeg"


def test_no_data_file_holds_a_comment_the_editor_would_drop(school_dir):
    """The form editor (/beheer/) writes a file anew without its comments: what staff wrote
    there belongs in 'notities', which make bijwerken fills from the comments."""
    left = migrations.comments_left(school_dir / "data", "data")
    assert not left, "\n".join(str(comment) for comment in left)
