"""data/ as it was in a git commit, read with today's limits.

Shared by the history (sop/versions/history.py), the Versies page and
make wijzigingen (sop/versions/wijzigingen.py).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from sop.data.profile import DATA_FILES
from sop.data.yamlfile import MAX_FILE_BYTES


class VersionError(ValueError):
    """A version that cannot be read: unknown revision, no data/ in it, no git."""


def git_bytes(project: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=project, capture_output=True)
    except OSError as error:
        raise VersionError(f"Git is niet gevonden; installeer git om versies te vergelijken ({error.strerror}).") from None
    if result.returncode:
        raise subprocess.CalledProcessError(result.returncode, args, result.stdout, result.stderr)
    return result.stdout


def _entries(project: Path, commit: str, path: str) -> list[tuple[str, str, str, str]]:
    """(mode, type, object, name) of what `path` names in `commit`: 'data' itself, or
    with a slash what it holds. Names as bytes decode like file names (os.fsdecode)."""
    listing = git_bytes(project, "ls-tree", "-z", commit, "--", path)
    entries = []
    for line in filter(None, listing.split(b"\0")):
        info, _, name = line.partition(b"\t")
        mode, kind, sha = info.decode("ascii").split()
        entries.append((mode, kind, sha, os.fsdecode(name).rpartition("/")[2]))
    return entries


def _file_start(project: Path, sha: str, size: int) -> bytes:
    """The first `size` bytes of a file in git, without reading the rest of a huge one."""
    with subprocess.Popen(["git", "cat-file", "blob", sha], cwd=project,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as reader:
        start = reader.stdout.read(size)
        reader.kill()
    return start


def data_at(project: Path, commit: str, folder: Path, only: str | None = None) -> None:
    """data/ (or only its file `only`) as it was in `commit`, written to `folder` for
    the loader that reads today's data/, with the same limits.

    Only the profile's own files get their content, and at most one byte more than
    the loader reads: a huge file in an old commit is refused as today's would be,
    without being read whole. Of anything else the loader needs only the name and
    kind. Raises VersionError with the reason ('staat geen map data/').
    """
    try:
        top = _entries(project, commit, "data")
        entries = _entries(project, commit, f"data/{only or ''}")
    except subprocess.CalledProcessError:
        raise VersionError("kon data/ niet uit git worden gelezen") from None
    if not top:
        raise VersionError("staat geen map data/")
    if top[0][1] != "tree":
        raise VersionError("is data/ geen map")
    folder.mkdir()
    readable = {f"{stem}.yml" for stem in DATA_FILES}
    for mode, kind, sha, name in entries:
        if name in ("", ".", "..") or (only and name != only):
            continue  # a crafted tree: never a path outside `folder`
        target = folder / name
        if kind != "blob":
            target.mkdir()
        elif mode == "120000":  # a symbolic link; the loader refuses links, so its target does not matter
            target.symlink_to(name)
        else:
            target.write_bytes(_file_start(project, sha, MAX_FILE_BYTES + 1) if name in readable else b"")
