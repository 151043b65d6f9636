"""`make schema`: write a JSON Schema per data file into data/schema/, and keep each
released version's schemas in sop/data/schemas/.

The schemas themselves come from sop/data/jsonschema.py (the data files') and
sop/writers/opendata.py (the published sop.json).
"""

from __future__ import annotations

import sys
from pathlib import Path

from sop.data import migrations
from sop.data.jsonschema import RELEASED, SCHEMA_DIR, schema_path, schema_text, stored_release
from sop.data.profile import DATA_FILES
from sop.writers.opendata import SCHEMA_VERSION, as_json, profile_json_schema


def release_files() -> dict[str, str]:
    """The current version's schemas as they are released: path in its folder -> text."""
    files = {"sop.schema.json": as_json(profile_json_schema()).decode("utf-8")}
    files.update({f"data/{stem}.schema.json": schema_text(stem) for stem in DATA_FILES})
    return files


def _not_a_minor_version(version: str) -> list[str]:
    """For a new minor version: what breaks the rule against the last release of its major."""
    major = migrations.version_key(version)[0]
    same_major = [older for older in migrations.released_versions() if migrations.version_key(older)[0] == major]
    if not same_major:
        return []
    return migrations.minor_version_problems(migrations.released_schema(same_major[-1]), profile_json_schema())


def main() -> int:
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
