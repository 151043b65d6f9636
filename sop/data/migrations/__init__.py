"""Every older format, brought to today's: the one place that knows old formats.

The format of data/ and of the published sop.json has a version (`schema_version`,
sop/writers/opendata.py). A minor version only adds optional fields: older data stays
valid. A major version comes with one step here, from the version before it,
applied to a data folder (make bijwerken, and old commits read by the Versies
page and make wijzigingen) and to a published sop.json (the SWV overview).

A data folder carries no version number: the format is recognised by its shape.
Each step knows the shapes of the version it upgrades (`detect`) and changes only
pieces that still have them, so running the chain again changes nothing, and a
current folder is left byte-identical. A future step whose change has no shape
of its own (the same field with another meaning) must write a marker that says so.

Each step module has SOURCE and TARGET (versions), `detect(parts)` and
`upgrade(parts)`; see `parts.Parts` for what a step may do.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path

from sop.data.errors import DataError, Location
from sop.data.jsonschema import schema_text
from sop.data.profile import DATA_FILES
from sop.data.migrations import v2_0, v2_1, v2_2
from sop.data.migrations.parts import Choice, DocumentParts, FolderParts

STEPS = (v2_0, v2_1, v2_2)
CURRENT = STEPS[-1].TARGET
# The JSON Schemas of every released version, as published then: open-data/schema/<version>/.
RELEASED = Path(__file__).resolve().parent.parent / "schemas"

COMMENT_LEFT = (
    "hier staat commentaar (een regel met #). Het beheer (/beheer/) laat dat weg als iemand dit bestand in een "
    "formulier bewaart. Typ make bijwerken: dat zet elk commentaar in 'notities' (notities voor beheerders). "
    "Of zet de tekst zelf in 'notities' en haal de regel met # weg"
)

__all__ = ["COMMENT_LEFT", "CURRENT", "STEPS", "Choice", "comments_left", "upgrade_folder", "upgrade_document", "version_key"]


def version_key(version: str) -> tuple[int, int] | None:
    """'2.0' -> (2, 0); None for anything that is not two numbers with a dot."""
    match = re.fullmatch(r"([0-9]{1,4})\.([0-9]{1,4})", version) if isinstance(version, str) else None
    return (int(match.group(1)), int(match.group(2))) if match else None


def _texts(folder: Path) -> dict[str, str]:
    """The data files in `folder` that can be read as text, by stem."""
    texts = {}
    for stem in DATA_FILES:
        path = folder / f"{stem}.yml"
        if path.is_file() and not path.is_symlink():
            try:
                texts[stem] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # left to make check, which names the problem
    return texts


def upgrade_folder(folder: Path) -> tuple[str, list[Choice], list[Path]]:
    """Bring the data files in `folder` to the current format, in place.

    Returns the version it was in (the oldest whose shapes it still had), every
    choice the steps made, and the files written (only what changed: a current
    folder is not touched).
    """
    parts = FolderParts(_texts(folder))
    version = None
    for step in STEPS:
        if step.detect(parts):
            version = version or step.SOURCE
            step.upgrade(parts)
    written = []
    for stem, text in parts.changed().items():
        path = folder / f"{stem}.yml"
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    if written and any((folder / "schema").glob("*.schema.json")):
        # The editors' schemas (make schema) belong to the new format too.
        for stem in DATA_FILES:
            path = folder / "schema" / f"{stem}.schema.json"
            text = schema_text(stem)
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
                written.append(path)
    return version or CURRENT, parts.choices, written


def upgrade_document(document: dict) -> dict:
    """A published sop.json of a released older version, as the current version would
    publish it (a copy). The caller checked it against its own version's schema."""
    version = version_key(document.get("schema_version"))
    parts = DocumentParts(copy.deepcopy(document),
                          f"niet vermeld (profiel in versie {document.get('schema_version')})")
    for step in STEPS:
        if version < version_key(step.TARGET) and version[0] < version_key(step.TARGET)[0]:
            step.upgrade(parts)
    parts.document["schema_version"] = CURRENT
    return parts.document


def released_versions() -> list[str]:
    """Every released version, oldest first."""
    found = [path.name for path in RELEASED.iterdir() if path.is_dir() and version_key(path.name)]
    return sorted(found, key=version_key)


@functools.cache
def released_schema(version: str) -> dict | None:
    """The JSON Schema of a published sop.json of `version`, as released; None if unknown."""
    path = RELEASED / version / "sop.schema.json"
    return json.loads(path.read_text(encoding="utf-8")) if version_key(version) and path.is_file() else None


def minor_version_problems(old: dict, new: dict) -> list[str]:
    """Why `new` is no minor version of `old` (two JSON Schemas), in Dutch; empty when it is.

    A minor version only adds optional fields: every field of the old version is
    still there with the same type, and nothing new is required. So a profile
    written for the old version is valid in the new one, and a reader of the old
    version can read the new one by leaving the added fields out.
    """
    problems: list[str] = []

    def resolved(node: dict, root: dict) -> dict:
        while isinstance(node, dict) and "$ref" in node:
            node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        return node

    def walk(before: dict, after: dict, where: str) -> None:
        before, after = resolved(before, old), resolved(after, new)
        if not isinstance(before, dict) or not isinstance(after, dict):
            return
        # schema_version itself differs in every release.
        if where != "sop.json.schema_version" and (
                before.get("type") != after.get("type") or before.get("const") != after.get("const")):
            problems.append(f"'{where}' heeft een ander type")
        fields = before.get("properties", {})
        for name in fields:
            if name not in after.get("properties", {}):
                problems.append(f"'{where}.{name}' is verdwenen")
            else:
                walk(fields[name], after["properties"][name], f"{where}.{name}")
        for name in set(after.get("required", [])) - set(before.get("required", [])):
            problems.append(f"'{where}.{name}' is nu verplicht")
        for key in ("items", "additionalProperties"):
            if isinstance(before.get(key), dict) and isinstance(after.get(key), dict):
                walk(before[key], after[key], f"{where}[]")
        for key in ("anyOf", "oneOf"):
            if len(before.get(key, [])) == len(after.get(key, [])):
                for left, right in zip(before.get(key, []), after.get(key, [])):
                    walk(left, right, where)

    walk(old, new, "sop.json")
    return problems


def comments_left(folder: Path, display_dir: str) -> list[DataError]:
    """Every comment in the data files that the form editor would drop when it saves the file.

    The `yaml-language-server` line is not one: it only tells a text editor where the schema is.
    """
    parts = FolderParts(_texts(folder))
    # One notice per block of comment lines: the place to look.
    return [DataError(Location(f"{display_dir}/{stem}.yml", block[0][0] + 1, block[0][1] + 1), COMMENT_LEFT)
            for stem in DATA_FILES for block in v2_2.blocks(v2_2.comments(parts, stem))]
