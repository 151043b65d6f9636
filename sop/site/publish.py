"""Write the downloads beside the built pages: open data and the schoolgids chapter.

Everything goes through the school's publication settings (instellingen.yml), so
the files hold exactly what the site shows.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sop.data import migrations
from sop.writers import opendata, render, schoolgids
from sop.versions import versies
from sop.data.jsonschema import stored_release
from sop.data.profile import Profile
from sop.writers.opendata import OPEN_DATA

SCHOOLGIDS = "schoolgids"
DOCUMENT_NAME = "schoolondersteuningsprofiel"


def write_downloads(profile: Profile, site_dir: Path) -> list[Path]:
    options = opendata.publication_options(profile)
    threshold = options["small_number_threshold"]
    files = {
        f"{OPEN_DATA}/sop.json": opendata.as_json(opendata.profile_document(profile, **options)),
        f"{OPEN_DATA}/sop.schema.json": opendata.as_json(opendata.profile_json_schema()),
        f"{SCHOOLGIDS}/{DOCUMENT_NAME}.md": schoolgids.profile_markdown(profile, **options).encode("utf-8"),
        f"{SCHOOLGIDS}/{DOCUMENT_NAME}.docx": schoolgids.profile_docx(profile, **options),
    }
    # Every released version's schemas at a fixed address: a sop.json stays checkable for years.
    for version in migrations.released_versions():
        for name, text in stored_release(version).items():
            files[f"{OPEN_DATA}/schema/{version}/{name}"] = text.encode("utf-8")
    for table in profile.aantallen.tabellen:
        files[f"{OPEN_DATA}/{table.id}.csv"] = opendata.table_csv(table, threshold)
        files[f"{OPEN_DATA}/{table.id}.json"] = opendata.as_json(opendata.table_json(table, threshold))
    written = []
    for name, content in files.items():
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written


def write_version_downloads(project: Path, profile: Profile, site_dir: Path) -> list[Path]:
    """open-data/versies/<vastgesteld_op>/sop.json for every adopted version (sop/versions/versies.py).

    Without git history there are none; the MkDocs hook has said so already.
    """
    history = versies.read_history(project, profile)
    written = []
    for version in history.versions if history else []:
        if version.document is None:
            reason = version.problem or "er staat een naam in die niet gepubliceerd mag worden"
            print(f"Let op: de versie van {render.dutch_date(version.adopted)} staat niet als open data "
                  f"op de site: {reason}.", file=sys.stderr)
            continue
        path = site_dir / OPEN_DATA / version.document_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(version.document)
        written.append(path)
    return written
