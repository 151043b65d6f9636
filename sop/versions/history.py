"""What git knows about the content: when a page last changed, and the change log.

Both read only data/ and docs/, the content staff edit. Without git (an export
without history) they return nothing and the site simply omits the dates.

Only the school's own commits count. A new school starts from this template
(a fork, "use this template", or `make nieuwe-school` in a copy) and inherits
the template's commits: those are another school's history. A commit is the
school's own when data/school.yml in that commit names this school: the same
`naam` or the same `brinnummer` as in the latest commit (either may change on
its own, a rename or a new number; both at once is another school, or the
starter's sample). A commit whose data/school.yml is missing or can't be read
says nothing about whose it is, and does not count either. So a page untouched
since the school took over has no own commit and shows no date at all, as
without git.

Only the main line counts (first parents, as on the Versies page): a change
counts on the day it reached main, and a later update of the template merged
in (Sync fork) counts as the merge, never as the template's own commits.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import tempfile
from pathlib import Path

from pydantic import ConfigDict

from sop.data import schema

# A commit's date is whatever the committer's clock or tool wrote, year 10000
# included; git shows a date it can't read as 1970-01-01 or not at all. Git
# exists since 2005: a date outside these years is no date.
FIRST_COMMIT_YEAR = 2005

SCHOOL_FILE = "data/school.yml"


def git(project: Path, *args: str, stdin: str | None = None) -> str | None:
    """git's output, or None without git, without a repository, or on an error."""
    try:
        result = subprocess.run(["git", *args], cwd=project, input=stdin, capture_output=True, text=True,
                                errors="replace", check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout


def _day(stamp: str) -> datetime.date | None:
    """A commit date as git prints it (%cs), or None when it can't be right."""
    try:
        day = datetime.date.fromisoformat(stamp.strip())
    except ValueError:
        return None
    return day if FIRST_COMMIT_YEAR <= day.year <= schema.LAST_YEAR else None


def commit_day(project: Path, commit: str) -> datetime.date | None:
    return _day(git(project, "log", "-1", "--format=%cs", commit, "--") or "")


class SchoolIdentity(schema.Model):
    """Whom data/school.yml names, read with today's types; its other fields may differ."""

    model_config = ConfigDict(extra="ignore")
    naam: schema.Label
    brinnummer: schema.Brinnummer


def _identity_at(project: Path, commit: str) -> SchoolIdentity | None:
    """data/school.yml as it was in `commit`, by today's loader with its limits; None if unreadable."""
    from sop.data.validate import read_files
    from sop.versions.gitdata import VersionError, data_at

    with tempfile.TemporaryDirectory(prefix="sop-school-") as folder:
        data = Path(folder) / "data"
        try:
            data_at(project, commit, data, only=Path(SCHOOL_FILE).name)
        except VersionError:
            return None
        values, _, errors = read_files(data, "data", {"school": SchoolIdentity}, problems=lambda _: [])
    return None if errors else values["school"]


def _schools_named(project: Path) -> tuple[SchoolIdentity, dict[str, SchoolIdentity | None]] | None:
    """Whom the latest commit names, and per commit on HEAD whom its data/school.yml names
    (None: missing or unreadable); None without git or without a school named now."""
    commits = (git(project, "rev-list", "HEAD") or "").split()
    # One git call for all commits: the id of data/school.yml in each ("… missing" without one).
    found = (git(project, "cat-file", "--batch-check=%(objectname) %(objecttype)",
                  stdin="".join(f"{commit}:{SCHOOL_FILE}\n" for commit in commits)) or "").splitlines()
    if not commits or len(found) != len(commits):
        return None
    files = {commit: line.split()[0] for commit, line in zip(commits, found) if line.endswith(" blob")}
    identities = {}
    for commit, blob in files.items():
        if blob not in identities:
            identities[blob] = _identity_at(project, commit)
    now = identities.get(files.get(commits[0]))
    if now is None:
        return None
    return now, {commit: identities.get(files.get(commit)) for commit in commits}


def _same_school(then: SchoolIdentity, now: SchoolIdentity) -> bool:
    return then.naam == now.naam or then.brinnummer == now.brinnummer


def own_commits(project: Path) -> set[str] | None:
    """The school's own commits (see the module docstring); None when every commit counts:
    no git, or no school named in the latest commit to compare with."""
    named = _schools_named(project)
    if named is None:
        return None
    now, per_commit = named
    return {commit for commit, then in per_commit.items() if then and _same_school(then, now)}


def other_schools_commits(project: Path) -> set[str]:
    """The commits whose data/school.yml names another school: the template's history.

    Narrower than 'not own': a commit whose school.yml can't be read may still be
    the school's own broken one, which the Versies page lists as unreadable."""
    named = _schools_named(project)
    if named is None:
        return set()
    now, per_commit = named
    return {commit for commit, then in per_commit.items() if then and not _same_school(then, now)}


def _own_log(project: Path, own: set[str] | None, *args: str) -> list[tuple[datetime.date | None, list[str]]]:
    """Per commit on the main line of `git log ARGS`, newest first, its date (None if
    impossible) and the lines git prints for it; commits not the school's own left out."""
    entries = []
    for block in (git(project, "log", "--first-parent", "--format=%x00%H %cs", *args) or "").split("\0")[1:]:
        header, *lines = block.splitlines()
        commit, _, stamp = header.partition(" ")
        if own is None or commit in own:
            entries.append((_day(stamp), [line for line in lines if line]))
    return entries


def last_changed(project: Path, paths: list[str], own: set[str] | None = None) -> datetime.date | None:
    """The date of the school's latest commit that touched any of `paths` and has a possible date."""
    return next((day for day, _ in _own_log(project, own, "--", *paths) if day), None)


def change_log(project: Path, paths: tuple[str, ...] = ("data", "docs")) -> list[tuple[datetime.date, set[str]]]:
    """Per day, newest first, the content files the school's own commits changed that day.

    Files, not commit messages: those are free text (in any language, sometimes
    GitHub's 'Update x.yml'), and the site should not publish them.
    """
    days: dict[datetime.date, set[str]] = {}
    for day, files in _own_log(project, own_commits(project), "--name-only", "--", *paths):
        if day:  # None: this commit's files are left out
            days.setdefault(day, set()).update(files)
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
    own = own_commits(project)
    for page, files in page_files.items():
        changed = last_changed(project, [f"docs/{page}", *sorted(files)], own)
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
