"""What git knows about the content: when a page last changed, and the change log.

Both read only data/ and docs/, the content staff edit. Without git (an export
without history) they return nothing and the site simply omits the dates.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path


def _git(project: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return result.stdout


def last_changed(project: Path, paths: list[str]) -> datetime.date | None:
    """The date of the latest commit that touched any of `paths`."""
    stamp = _git(project, "log", "-1", "--format=%cs", "--", *paths).strip()
    return datetime.date.fromisoformat(stamp) if stamp else None


def change_log(project: Path, paths: tuple[str, ...] = ("data", "docs")) -> list[tuple[datetime.date, set[str]]]:
    """Per day, newest first, the content files that changed that day.

    Files, not commit messages: those are free text (in any language, sometimes
    GitHub's 'Update x.yml'), and the site should not publish them.
    """
    days: dict[datetime.date, set[str]] = {}
    day = None
    for line in _git(project, "log", "--format=@%cs", "--name-only", "--", *paths).splitlines():
        if line.startswith("@"):
            day = datetime.date.fromisoformat(line[1:])
            days.setdefault(day, set())
        elif line and day:
            days[day].add(line)
    return sorted(days.items(), reverse=True)
