"""Write the downloads beside the built pages: open data and the schoolgids chapter.

Everything goes through the school's publication settings (instellingen.yml), so
the files hold exactly what the site shows.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import opendata, schoolgids
from .profile import Profile

OPEN_DATA = "open-data"
SCHOOLGIDS = "schoolgids"
DOCUMENT_NAME = "schoolondersteuningsprofiel"


def _json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_downloads(profile: Profile, site_dir: Path) -> list[Path]:
    options = opendata.publication_options(profile)
    threshold = options["small_number_threshold"]
    files = {
        f"{OPEN_DATA}/sop.json": _json(opendata.profile_document(profile, **options)),
        f"{OPEN_DATA}/sop.schema.json": _json(opendata.profile_json_schema()),
        f"{SCHOOLGIDS}/{DOCUMENT_NAME}.md": schoolgids.profile_markdown(profile, **options).encode("utf-8"),
        f"{SCHOOLGIDS}/{DOCUMENT_NAME}.docx": schoolgids.profile_docx(profile, **options),
    }
    for table in profile.aantallen.tabellen:
        files[f"{OPEN_DATA}/{table.id}.csv"] = opendata.table_csv(table, threshold)
        files[f"{OPEN_DATA}/{table.id}.json"] = _json(opendata.table_json(table, threshold))
    written = []
    for name, content in files.items():
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written
