"""What git knows about the content: when a page last changed, and the change log.

Both read only data/ and docs/, the content staff edit. Without git (an export
without history) they return nothing and the site simply omits the dates.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path

from .schema import LAST_YEAR

# A commit's date is whatever the committer's clock or tool wrote, year 10000
# included; git shows a date it can't read as 1970-01-01 or not at all. Git
# exists since 2005: a date outside these years is no date.
FIRST_COMMIT_YEAR = 2005


def git(project: Path, *args: str) -> str | None:
    """git's output, or None without git, without a repository, or on an error."""
    try:
        result = subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, errors="replace",
                                check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout


def _day(stamp: str) -> datetime.date | None:
    """A commit date as git prints it (%cs), or None when it can't be right."""
    try:
        day = datetime.date.fromisoformat(stamp.strip())
    except ValueError:
        return None
    return day if FIRST_COMMIT_YEAR <= day.year <= LAST_YEAR else None


def commit_day(project: Path, commit: str) -> datetime.date | None:
    return _day(git(project, "log", "-1", "--format=%cs", commit, "--") or "")


def last_changed(project: Path, paths: list[str]) -> datetime.date | None:
    """The date of the latest commit that touched any of `paths` and has a possible date."""
    newest = _day(git(project, "log", "-1", "--format=%cs", "--", *paths) or "")
    if newest:
        return newest
    stamps = (git(project, "log", "--format=%cs", "--", *paths) or "").split()
    return next(filter(None, map(_day, stamps)), None)


def change_log(project: Path, paths: tuple[str, ...] = ("data", "docs")) -> list[tuple[datetime.date, set[str]]]:
    """Per day, newest first, the content files that changed that day.

    Files, not commit messages: those are free text (in any language, sometimes
    GitHub's 'Update x.yml'), and the site should not publish them.
    """
    days: dict[datetime.date, set[str]] = {}
    day = None
    for line in (git(project, "log", "--format=@%cs", "--name-only", "--", *paths) or "").splitlines():
        if line.startswith("@"):
            day = _day(line[1:])  # None: this commit's files are left out
            if day:
                days.setdefault(day, set())
        elif line and day:
            days[day].add(line)
    return sorted(days.items(), reverse=True)


def data_files_per_page(docs: Path, macro_files: dict[str, list[str]]) -> dict[str, set[str]]:
    """Per page (docs-relative path) the data files its macro calls show."""
    pages = {}
    for page in docs.rglob("*.md"):
        used = set(re.findall(r"\{\{\s*(\w+)\s*\(", page.read_text(encoding="utf-8")))
        pages[page.relative_to(docs).as_posix()] = {
            f"data/{stem}.yml" for name in used & macro_files.keys() for stem in macro_files[name]
        }
    return pages


def last_changed_per_page(project: Path, page_files: dict[str, set[str]]) -> dict[str, datetime.date]:
    """Per page the last change of its markdown or of any data file it shows."""
    dates = {}
    for page, files in page_files.items():
        changed = last_changed(project, [f"docs/{page}", *sorted(files)])
        if changed:
            dates[page] = changed
    return dates


def changed_pages(
    project: Path, page_files: dict[str, set[str]], page_order: list[str]
) -> list[tuple[datetime.date, list[str]]]:
    """Per day, newest first, the pages (in `page_order`) whose content changed."""
    days = []
    for day, paths in change_log(project):
        pages = {path.removeprefix("docs/") for path in paths if path.startswith("docs/")}
        pages |= {page for page, files in page_files.items() if files & paths}
        ordered = [page for page in page_order if page in pages]
        if ordered:
            days.append((day, ordered))
    return days
