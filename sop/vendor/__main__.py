"""`make vendor`: copy the vendored files from node_modules/ (after `npm ci`) into sop/vendor/.

After Dependabot raises a version in package.json, this brings the package's copy along.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from sop.vendor import EDITOR_SCRIPT, FOLDER, needed, vendored


def refresh(node_modules: Path) -> list[str]:
    """sop/vendor/ made equal to what it needs from `node_modules`: copied, and old files removed."""
    files = needed(node_modules)
    for stale in set(vendored()) - set(files):
        (FOLDER / stale).unlink()
    for relative in files:
        (FOLDER / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / relative, FOLDER / relative)
    # Folders left empty by a removed file (deepest first).
    for folder in sorted((path for path in FOLDER.rglob("*") if path.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return files


def main() -> int:
    node_modules = Path("node_modules")
    if not (node_modules / EDITOR_SCRIPT).is_file():
        print(f"{node_modules / EDITOR_SCRIPT} ontbreekt: typ eerst npm ci (daarvoor is npm nodig) "
              "en daarna opnieuw make vendor.", file=sys.stderr)
        return 1
    files = refresh(node_modules)
    print(f"sop/vendor/ bijgewerkt: {len(files)} bestanden uit node_modules/. Zet ze in een commit.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
