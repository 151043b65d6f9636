"""Write a JSON Schema per data file, generated from the pydantic models.

Editors with YAML support read it through the `# yaml-language-server: $schema=…`
line at the top of each data file, and underline mistakes while typing.
Run `make schema` after changing sop/schema.py; a test fails when they are stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .profile import DATA_FILES

SCHEMA_DIR = Path("data") / "schema"


def schema_text(stem: str) -> str:
    schema = DATA_FILES[stem].model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": f"data/{stem}.yml"}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def editor_line(stem: str) -> str:
    """The first line of data/STEM.yml: where an editor finds the file's schema."""
    return f"# yaml-language-server: $schema=schema/{stem}.schema.json\n"


def schema_path(project: Path, stem: str) -> Path:
    return project / SCHEMA_DIR / f"{stem}.schema.json"


def main() -> int:
    project = Path.cwd()
    (project / SCHEMA_DIR).mkdir(parents=True, exist_ok=True)
    for stem in DATA_FILES:
        schema_path(project, stem).write_text(schema_text(stem), encoding="utf-8")
    print(f"{len(DATA_FILES)} schema's geschreven in {SCHEMA_DIR}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
