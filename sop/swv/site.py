"""Where the overview's inputs are, for `make swv` and the MkDocs run it starts.

The build fetches the schools and passes these paths on; MkDocs then only reads
the cache, so every page is built from the same fetched copies.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent.parent
FOLDER_VARIABLE = "SWV_MAP"  # the SWV's files; default swv/
CACHE_VARIABLE = "SWV_CACHE"  # the fetched sop.json files; default .cache/swv/


def swv_folder() -> Path:
    return Path(os.environ.get(FOLDER_VARIABLE) or PROJECT / "swv")


def cache_folder() -> Path:
    return Path(os.environ.get(CACHE_VARIABLE) or PROJECT / ".cache" / "swv")


def display_name(folder: Path) -> str:
    """The folder as messages name it: relative to the project when it is inside."""
    try:
        return folder.resolve().relative_to(PROJECT).as_posix()
    except ValueError:
        return folder.as_posix()
