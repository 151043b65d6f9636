"""The staff editor at /beheer/: Sveltia CMS, self-hosted from the package's copy (sop/vendor/).

Its configuration is generated from the JSON Schemas (one description of the data):
every data file is one form. `make schema` writes it to sop/site/beheer/config.yml; a test
fails when that file is stale. The build adds where the files live (the repository
in mkdocs.yml's repo_url, or the editor's in-browser test backend without one).
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import yaml

from sop.data.jsonschema import schema_text
from sop.data.profile import DATA_FILES
from sop.writers.render import escape
from sop.data.schema import NOTES
from sop.site.theme import script_json
from sop import vendor

EDITOR = "beheer"
# The one collection: the data files, each its own form.
COLLECTION = "gegevens"
CONFIG = Path(__file__).with_name(EDITOR) / "config.yml"
SCRIPT = Path(vendor.EDITOR_SCRIPT).name
# Ours, after the editor's: counts typed in a form are saved as numbers.
NUMBERS = "getallen.js"
CDN = "https://unpkg.com/@sveltia/cms"
PACKAGE_COPY = "sveltia"
# Other packages the editor imports from the CDN when needed ("https://unpkg.com/${e}"):
# Immutable.js, for getallen.js's hook.
PACKAGES_CDN = "https://unpkg.com/${e}`"
PACKAGES_COPY = "pakketten"
NOTES_LABEL = "Notities voor beheerders"
FONTS = "lettertypen"

PAGE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Beheer van het profiel</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
<style>
html, body {{ height: 100%; margin: 0; }}
/* The note on top, the editor in the rest of the window: one scroll bar, the editor's own. */
body {{ display: flex; flex-direction: column; }}
#nc-root {{ flex: 1; min-height: 0; }}
.sop-beheer-noot {{ margin: 0; padding: .5rem 1rem; font: 1rem/1.4 sans-serif; background: #fff3cd; color: #1a1a1a; }}
.sop-beheer-noot a {{ color: #0b4f9c; }}
</style>
</head>
<body>
<p class="sop-beheer-noot">{docs_note}</p>
<noscript>Het beheer van het profiel werkt alleen met JavaScript aan.</noscript>
<!-- The editor draws itself here, under the note (fixed below it when empty). -->
<div id="nc-root"></div>
<script src="{script}"></script>
<script type="application/json" id="sop-getallen">{number_maps}</script>
<script src="{numbers}"></script>
</body>
</html>
"""


def form_label(stem: str) -> str:
    """The name of data/STEM.yml's form in the editor's list of files."""
    return _label(stem)


def _label(name: str) -> str:
    words = name.replace("_", " ").replace("-", " ")
    return words[:1].upper() + words[1:]


def _resolve(schema: dict, defs: dict) -> dict:
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _without_null(schema: dict, defs: dict) -> tuple[dict, bool]:
    """The value's own schema, and whether null (leaving it empty) is allowed."""
    schema = _resolve(schema, defs)
    options = schema.get("anyOf")
    if not options:
        return schema, False
    rest = [option for option in options if option.get("type") != "null"]
    return (_resolve(rest[0], defs) if len(rest) == 1 else {"anyOf": rest}), len(rest) < len(options)


def _widget(schema: dict, defs: dict) -> dict:
    """The form field for one value, without name and label."""
    kind = schema.get("type")
    if "enum" in schema:
        return {"widget": "select", "options": list(schema["enum"])}
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind in ("integer", "number"):
        field = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        if "minimum" in schema:
            field["min"] = schema["minimum"]
        return field
    if kind == "array":
        field = {"widget": "list"}
        item, _ = _without_null(schema["items"], defs)
        if item.get("type") == "object" and "properties" in item:
            field["fields"] = _fields(item, defs)
        else:
            field["field"] = {"name": "waarde", "label": "Waarde", **_widget(item, defs)}
        if schema.get("minItems"):
            field["min"] = schema["minItems"]
        return field
    if kind == "object" and "properties" in schema:
        return {"widget": "object", "fields": _fields(schema, defs)}
    if kind == "object":
        # A mapping with keys the school chooses (a table's counts per school year).
        return {"widget": "keyvalue", "key_label": "Sleutel", "value_label": "Waarde"}
    field = {"widget": "string"}
    if "pattern" in schema:
        field["pattern"] = [schema["pattern"], "Deze waarde heeft niet de verwachte vorm."]
    return field


def _fields(schema: dict, defs: dict) -> list[dict]:
    required = set(schema.get("required", []))
    fields = []
    for name, value in schema.get("properties", {}).items():
        # The schema's Dutch description is the field's hint (written for staff).
        hint = value.get("description")
        value, nullable = _without_null(value, defs)
        if name == NOTES:
            field = {"name": name, "label": NOTES_LABEL, "widget": "list",
                     "field": {"name": "notitie", "label": "Notitie", "widget": "text"}}
        else:
            field = {"name": name, "label": _label(name), **_widget(value, defs)}
        if hint:
            field["hint"] = hint
        if name not in required or nullable:
            field["required"] = False
        fields.append(field)
    # The notes last: the data first, as in the files (an item's notes are at its end).
    return sorted(fields, key=lambda field: field["name"] == NOTES)


def _is_number(schema: dict, defs: dict) -> bool:
    schema, _ = _without_null(schema, defs)
    return all(option.get("type") in ("integer", "number") for option in schema.get("anyOf", [schema]))


def _number_maps(schema: dict, defs: dict, path: tuple = ()) -> Iterator[tuple]:
    """Where a mapping of numbers is (a key-value field), "*" for every item of a list."""
    schema, _ = _without_null(schema, defs)
    if schema.get("type") == "array":
        yield from _number_maps(schema["items"], defs, (*path, "*"))
    for name, value in schema.get("properties", {}).items():
        yield from _number_maps(value, defs, (*path, name))
    values = [*schema.get("patternProperties", {}).values(), schema.get("additionalProperties")]
    values = [value for value in values if isinstance(value, dict)]
    if values and all(_is_number(value, defs) for value in values):
        yield path


def number_maps() -> dict[str, list[tuple]]:
    """Per data file, its mappings of numbers: getallen.js saves what is typed there as numbers."""
    maps = {}
    for stem in DATA_FILES:
        schema = json.loads(schema_text(stem))
        found = list(_number_maps(schema, schema.get("$defs", {})))
        if found:
            maps[f"data/{stem}.yml"] = found
    return maps


def file_form(stem: str) -> dict:
    schema = json.loads(schema_text(stem))
    return {
        "name": stem,
        "label": form_label(stem),
        "file": f"data/{stem}.yml",
        "fields": _fields(schema, schema.get("$defs", {})),
    }


def generated_config() -> dict:
    return {
        # Each save becomes a branch with a pull request; the checks run on it.
        "publish_mode": "editorial_workflow",
        # The editor does not start without a media folder; the forms have no image fields.
        "media_folder": "docs/afbeeldingen",
        "output": {"omit_empty_optional_fields": True},
        "collections": [{
            "name": COLLECTION,
            "label": "Gegevens van het profiel",
            "format": "yml",
            "editor": {"preview": False},
            "files": [file_form(stem) for stem in DATA_FILES],
        }],
    }


def config_text() -> str:
    header = "# Generated by `make schema` from sop/data/schema.py (sop/site/beheer.py); do not edit by hand.\n"
    return header + yaml.safe_dump(generated_config(), allow_unicode=True, sort_keys=False, width=100)


def form_path(stem: str) -> str:
    """data/STEM.yml's form, from the site's root."""
    return f"{EDITOR}/#/collections/{COLLECTION}/entries/{stem}"


def docs_note(repo_url: str | None) -> str:
    """The pages in docs/ are not edited here: the editor could damage their {{ … }} calls."""
    folder = "de map docs/ van de repository op GitHub"
    if repo_url:
        folder = f'<a href="{escape(repo_url.rstrip("/"))}/tree/main/docs">{folder}</a>'
    return ("Hier wijzigt u de gegevens in de map data/. De teksten van de pagina's (de bestanden in de map docs/, "
            "met stukjes als {{ aantallen() }}) wijzigt u niet hier, maar in de webeditor van GitHub: "
            f"{folder}.")


def backend(repo_url: str | None) -> dict:
    """Where the editor reads and saves: the GitHub repository, or in this browser only."""
    parts = urlparse(repo_url or "")
    path = parts.path.strip("/").removesuffix(".git")
    if parts.hostname == "github.com" and path.count("/") == 1:
        return {"name": "github", "repo": path, "branch": "main"}
    return {"name": "test-repo"}


def self_hosted(script: str) -> tuple[str, dict[str, Path]]:
    """The editor's script loading its fonts, translations and Immutable.js from /beheer/, and those files.

    The package loads them from unpkg.com and jsdelivr.net: the site makes no request
    to another origin, so the build points them here (checked by a test).
    """
    files = {}
    for url, font in vendor.fonts(script).items():
        local = f"{FONTS}/{Path(font).name}"
        script = script.replace(url, local)
        files[local] = vendor.asset(font)
    script = script.replace(f"{CDN}`", f"./{PACKAGE_COPY}`")
    script = script.replace(PACKAGES_CDN, f"./{PACKAGES_COPY}/${{e}}`")
    package = json.loads(vendor.asset(vendor.EDITOR_PACKAGE).read_text(encoding="utf-8"))
    version = package["version"]
    # Asked for by the version in the editor's dependencies ("^5.1.9" -> 5.1.9); the lockfile's
    # copy is the one npm chose for that range.
    wanted = package["dependencies"]["immutable"].lstrip("^~")
    files[f"{PACKAGES_COPY}/immutable@{wanted}/dist/{Path(vendor.IMMUTABLE).name}"] = vendor.asset(vendor.IMMUTABLE)
    for locale in sorted(vendor.asset(vendor.EDITOR_LOCALES).glob("*.json")):
        files[f"{PACKAGE_COPY}@{version}/locales/{locale.name}"] = locale
    # The version check reads package.json: the same version, so no notice of a newer one.
    files[f"{PACKAGE_COPY}/package.json"] = vendor.asset(vendor.EDITOR_PACKAGE)
    return script, files


def write_editor(site_dir: Path, repo_url: str | None) -> list[Path]:
    """site/beheer/: the page, its configuration, the editor's script, fonts and translations."""
    folder = site_dir / EDITOR
    folder.mkdir(parents=True, exist_ok=True)
    script, files = self_hosted(vendor.asset(vendor.EDITOR_SCRIPT).read_text(encoding="utf-8"))
    config = {"backend": backend(repo_url), **yaml.safe_load(CONFIG.read_text(encoding="utf-8"))}
    written = {
        "config.yml": yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100),
        "index.html": PAGE.format(script=SCRIPT, docs_note=docs_note(repo_url), number_maps=script_json(number_maps()),
                                  numbers=NUMBERS),
        SCRIPT: script,
        NUMBERS: CONFIG.with_name(NUMBERS).read_text(encoding="utf-8"),
    }
    for name, text in written.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, path in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, folder / name)
    return [folder / name for name in [*written, *files]]


def main() -> int:
    CONFIG.parent.mkdir(exist_ok=True)
    CONFIG.write_text(config_text(), encoding="utf-8")
    print(f"Configuratie van het beheer geschreven in {CONFIG.relative_to(Path(__file__).parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
