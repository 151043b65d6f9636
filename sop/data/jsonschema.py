"""A JSON Schema per data file, generated from the pydantic models.

Editors with YAML support read it through the `# yaml-language-server: $schema=…`
line at the top of each data file, and underline mistakes while typing.
`make schema` (sop/writers/schemafiles.py) writes them after a change to
sop/data/schema.py; a test fails when they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from sop.data.profile import DATA_FILES

SCHEMA_DIR = Path("data") / "schema"
# The schemas of every released version, as released (sop.json and each data file):
# published at open-data/schema/<version>/, so a file of that version can always be checked.
RELEASED = Path(__file__).with_name("schemas")


def schema_text(stem: str) -> str:
    schema = DATA_FILES[stem].model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": f"data/{stem}.yml"}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def editor_line(stem: str) -> str:
    """The first line of data/STEM.yml: where an editor finds the file's schema."""
    return f"# yaml-language-server: $schema=schema/{stem}.schema.json\n"


def schema_path(project: Path, stem: str) -> Path:
    return project / SCHEMA_DIR / f"{stem}.schema.json"


def stored_release(version: str) -> dict[str, str]:
    """What RELEASED holds for `version`: path in its folder -> text."""
    folder = RELEASED / version
    return {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(folder.rglob("*.json"))}
