"""Where the overview's inputs are, for `make swv` and the MkDocs run it starts.

The build gathers the schools once and passes the result (its swv.json) on to
MkDocs, so every page is built from the same copies.
"""

from __future__ import annotations

import os
from pathlib import Path

# The SWV's repository: where make swv runs.
PROJECT = Path.cwd()
CONFIG_FILE = PROJECT / "mkdocs-swv.yml"
FOLDER_VARIABLE = "SWV_MAP"  # the SWV's files; default swv/
INDEX_VARIABLE = "SWV_OVERZICHT"  # the gathered overview (swv.json), written by make swv


def swv_folder() -> Path:
    return Path(os.environ.get(FOLDER_VARIABLE) or PROJECT / "swv")


def display_name(folder: Path) -> str:
    """The folder as messages name it: relative to the project when it is inside."""
    try:
        return folder.resolve().relative_to(PROJECT).as_posix()
    except ValueError:
        return folder.as_posix()
