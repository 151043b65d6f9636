"""Write a JSON Schema per data file, generated from the pydantic models.

Editors with YAML support read it through the `# yaml-language-server: $schema=…`
line at the top of each data file, and underline mistakes while typing.
Run `make schema` after changing sop/data/schema.py; a test fails when they are stale.
"""

from __future__ import annotations

import json
import sys
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


def release_files() -> dict[str, str]:
    """The current version's schemas as they are released: path in its folder -> text."""
    from sop.writers.opendata import as_json, profile_json_schema

    files = {"sop.schema.json": as_json(profile_json_schema()).decode("utf-8")}
    files.update({f"data/{stem}.schema.json": schema_text(stem) for stem in DATA_FILES})
    return files


def stored_release(version: str) -> dict[str, str]:
    """What RELEASED holds for `version`: path in its folder -> text."""
    folder = RELEASED / version
    return {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(folder.rglob("*.json"))}


def _not_a_minor_version(version: str) -> list[str]:
    """For a new minor version: what breaks the rule against the last release of its major."""
    from sop.data import migrations
    from sop.writers.opendata import profile_json_schema

    major = migrations.version_key(version)[0]
    same_major = [older for older in migrations.released_versions() if migrations.version_key(older)[0] == major]
    if not same_major:
        return []
    return migrations.minor_version_problems(migrations.released_schema(same_major[-1]), profile_json_schema())


def main() -> int:
    from sop.writers.opendata import SCHEMA_VERSION

    project = Path.cwd()
    (project / SCHEMA_DIR).mkdir(parents=True, exist_ok=True)
    for stem in DATA_FILES:
        schema_path(project, stem).write_text(schema_text(stem), encoding="utf-8")
    print(f"{len(DATA_FILES)} schema's geschreven in {SCHEMA_DIR}/")
    release = RELEASED / SCHEMA_VERSION
    if not release.exists():
        problems = _not_a_minor_version(SCHEMA_VERSION)
        if problems:
            print(f"Versie {SCHEMA_VERSION} is geen kleine versie: een kleine versie voegt alleen velden toe die niet "
                  f"verplicht zijn ({'; '.join(problems)}). Maak er een grote versie van, met een migratie in "
                  "sop/data/migrations (zie CONTRIBUTING.md).")
            return 1
        # A new schema_version: its schemas are kept from now on, exactly as released.
        for name, text in release_files().items():
            (release / name).parent.mkdir(parents=True, exist_ok=True)
            (release / name).write_text(text, encoding="utf-8")
        print(f"Versie {SCHEMA_VERSION} vastgelegd in sop/data/schemas/{SCHEMA_VERSION}/.")
    elif stored_release(SCHEMA_VERSION) != release_files():
        print(f"Let op: het schema is anders dan dat van versie {SCHEMA_VERSION}, die al is uitgebracht. "
              "Geef een nieuwe schema_version in sop/writers/opendata.py (zie CONTRIBUTING.md) en typ opnieuw make schema.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
