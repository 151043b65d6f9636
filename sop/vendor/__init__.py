"""Browser files from npm packages, shipped inside the package: a school's repository has no npm.

The staff editor (/beheer/: Sveltia CMS with its translations, fonts and Immutable.js) and
axe-core for the browser tests, each under its path in node_modules/ (node_modules/X is
sop/vendor/X), with its licence. `make vendor` (python -m sop.vendor) copies them again after
`npm ci`; a test fails when they differ from node_modules/ at the versions of package-lock.json.
"""

from __future__ import annotations

import re
from pathlib import Path

FOLDER = Path(__file__).parent
EDITOR = "@sveltia/cms"
EDITOR_SCRIPT = f"{EDITOR}/dist/sveltia-cms.js"
# The editor's version check reads it; its dependencies say which Immutable.js it asks for.
EDITOR_PACKAGE = f"{EDITOR}/package.json"
EDITOR_LOCALES = f"{EDITOR}/locales"
IMMUTABLE = "immutable/dist/immutable.es.js"
AXE = "axe-core/axe.min.js"
# https://cdn.jsdelivr.net/fontsource/fonts/<name>[:vf]@<version>/<shape>.woff2
FONT_URL = re.compile(r"(https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)(:vf)?@[0-9.]+/([a-z0-9-]+)\.woff2)")


def asset(relative: str) -> Path:
    """The vendored file at `relative`, its path in node_modules/ (e.g. "axe-core/axe.min.js")."""
    return FOLDER / relative


def fonts(script: str) -> dict[str, str]:
    """The fonts the editor's script loads from the CDN, each with its file in the pinned fontsource packages."""
    found = {}
    for url, name, variable, shape in FONT_URL.findall(script):
        package = f"@fontsource-variable/{name}" if variable else f"@fontsource/{name}"
        found[url] = f"{package}/files/{name}-{shape}.woff2"
    return found


def _package(relative: str) -> str:
    """The npm package a path is in: "@scope/name" or "name"."""
    parts = relative.split("/")
    return "/".join(parts[:2] if parts[0].startswith("@") else parts[:1])


def needed(root: Path) -> list[str]:
    """The files to vendor from the packages in `root` (node_modules/): what the build and the
    tests use, no source maps or chunks the editor never loads, and each package's licence."""
    used = [EDITOR_SCRIPT, EDITOR_PACKAGE, IMMUTABLE, AXE,
            *fonts((root / EDITOR_SCRIPT).read_text(encoding="utf-8")).values()]
    used += [f"{EDITOR_LOCALES}/{path.name}" for path in (root / EDITOR_LOCALES).glob("*.json")]
    # LICENSE, LICENSE.txt, and axe-core's LICENSE-3RD-PARTY.txt for the code it bundles.
    used += [f"{package}/{path.name}" for package in {_package(path) for path in used}
             for path in (root / package).glob("LICENSE*")]
    return sorted(set(used))


def vendored(folder: Path = FOLDER) -> list[str]:
    """What is vendored: every file in this folder (or a copy of it) but its Python code."""
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*")
                  if path.is_file() and path.suffix not in (".py", ".pyc"))
