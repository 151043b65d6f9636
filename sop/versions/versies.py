"""The adopted versions of the profile (vastgestelde versies), read from git.

Every commit on the main line (first parents) where data/status.yml got a new
`vastgesteld_op` date is an adopted version: the data as it stood in that
commit is what the bevoegd gezag adopted. Per version this module gives its
dates, its profile and what changed since the previous adopted version; and
what changed since the last adoption and is not adopted yet.

Without full git history it returns None and the site leaves the Versies page
out: an export has no history, git may be missing, and in a shallow clone the
oldest commit present would look like an adoption it may not be. So a shallow
clone counts as no history. With full history and no adoption yet there is a
page that says so.

A name withheld in today's data/instellingen.yml stays withheld in every old
version too (comparisons and open data): `withholding` adds today's settings.
"""

from __future__ import annotations

import dataclasses
import datetime
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from pydantic import ConfigDict

from sop.versions import history
from sop.data import names, schema
from sop.writers import opendata
from sop.data.errors import DataErrors
from sop.versions.history import commit_day, git
from sop.data.profile import Profile
from sop.data.validate import read_files

STATUS_FILE = "data/status.yml"
FOLDER = "versies"  # under open-data/: open-data/versies/<date>/sop.json
DOCUMENT = "sop.json"
PAGE = "versies.md"
# Addresses on the site that only a build with history has.
HISTORY_ADDRESSES = ("versies/", f"open-data/{FOLDER}/")

# Printed once per build when there is no history (see the module docstring).
NO_HISTORY = (
    "Let op: er is geen volledige git-geschiedenis (bijvoorbeeld een export of een kopie met "
    "--depth); de site wordt gebouwd zonder de pagina Versies en zonder open data per versie."
)


@dataclass(frozen=True)
class Comparison:
    """What changed between two versions: `sections` (sop.versions.wijzigingen.Section),
    or None with `problem`, in Dutch, saying why they can't be compared."""

    sections: list | None
    problem: str | None = None


@dataclass(frozen=True)
class Version:
    """One adopted version. `profile` is None when its data no longer validates
    (then `problem` says why, in Dutch); `changes` is None for the first version."""

    adopted: datetime.date
    advice: datetime.date | None
    school_year: str | None
    commit: str
    profile: Profile | None
    problem: str | None
    changes: Comparison | None
    document: bytes | None  # its sop.json; None when it can't be published (see version_document)

    @property
    def anchor(self) -> str:
        return f"versie-{self.adopted.isoformat()}"

    @property
    def document_path(self) -> str:
        """Relative to the open data folder: versies/2025-10-01/sop.json."""
        return f"{FOLDER}/{self.adopted.isoformat()}/{DOCUMENT}"


@dataclass(frozen=True)
class Unreadable:
    """A change of data/status.yml on the main line that can't be read (`problem`, in
    Dutch): whether it adopted a version is not known. `day`: the commit's date."""

    commit: str
    day: datetime.date | None
    problem: str

    @property
    def anchor(self) -> str:
        return f"niet-leesbaar-{self.commit[:12]}"


@dataclass(frozen=True)
class History:
    versions: list[Version]  # oldest first
    pending: Comparison | None  # since the last adoption; None before the first one
    unreadable: list[Unreadable]  # oldest first


def history_available(project: Path) -> bool:
    """Whether `project` has full git history with at least one commit."""
    shallow = git(project, "rev-parse", "--is-shallow-repository")
    return shallow is not None and shallow.strip() == "false" and git(project, "rev-parse", "--verify", "-q", "HEAD") is not None


def without_page(nav: list) -> list:
    """mkdocs.yml's nav without the Versies page, for a build without history."""
    kept = []
    for entry in nav or []:
        if isinstance(entry, dict):
            entry = {title: without_page(value) if isinstance(value, list) else value
                     for title, value in entry.items() if value != PAGE}
            if not entry:
                continue
        elif entry == PAGE:
            continue
        kept.append(entry)
    return kept


class AdoptedStatus(schema.Model):
    """What this page reads from data/status.yml in an old commit, each field with
    today's type and limits. Other fields may have changed since: not read here."""

    model_config = ConfigDict(extra="ignore")
    schooljaar: schema.SchoolYear | None = None
    vastgesteld_op: schema.Date | None = None
    advies_mr_op: schema.Date | None = None


class Adoption(NamedTuple):
    """A change of data/status.yml: a new adoption (`status`), or `problem` when it can't be read."""

    commit: str
    status: AdoptedStatus | None
    problem: str | None = None


def status_at(project: Path, commit: str) -> AdoptedStatus:
    """data/status.yml as it was in `commit`, read by today's loader with its limits.
    Raises DataErrors, or VersionError when data/ is no folder there."""
    from sop.versions.gitdata import data_at

    with tempfile.TemporaryDirectory(prefix="sop-status-") as folder:
        data = Path(folder) / "data"
        data_at(project, commit, data, only=Path(STATUS_FILE).name)
        stem = Path(STATUS_FILE).stem
        values, _, errors = read_files(data, "data", {stem: AdoptedStatus}, problems=lambda _: [])
    if errors:
        raise DataErrors(errors)
    return values[stem]


def adoption_commits(project: Path) -> list[Adoption]:
    """Each commit where vastgesteld_op got a new date, and each where status.yml can't be read, oldest first.

    First parents only: on main an adoption counts from the commit (or merge) that
    brought it there. A date seen before (a revert and redo) is no new version.
    """
    from sop.versions.gitdata import VersionError

    log = git(project, "log", "--first-parent", "--reverse", "--format=%H", "--", STATUS_FILE) or ""
    # A school made from this template inherits its commits: their adoptions are another school's.
    others = history.other_schools_commits(project)
    found, seen, previous = [], set(), None
    for commit in log.split():
        if commit in others:
            continue
        try:
            status = status_at(project, commit)
        except DataErrors as errors:
            found.append(Adoption(commit, None, _problem(errors)))
            continue  # compare the next commit with the last readable one
        except VersionError as error:
            found.append(Adoption(commit, None, f"in deze versie {error}"))
            continue
        adopted = status.vastgesteld_op
        if adopted and adopted != previous and adopted not in seen:
            found.append(Adoption(commit, status))
            seen.add(adopted)
        previous = adopted
    return found


def withholding(profile: Profile, current: Profile) -> Profile:
    """`profile` with today's withheld names added to its own (and no names at all
    when today's data shows none), so no old version shows a name withheld now."""
    own, now = profile.instellingen, current.instellingen
    settings = own.model_copy(update={
        "namen_tonen": own.namen_tonen and now.namen_tonen,
        "namen_verbergen": [*own.namen_verbergen, *sorted(current.hidden_names())],
    })
    return dataclasses.replace(profile, instellingen=settings)


def _problem(errors: DataErrors) -> str:
    """Why an old version can't be compared, without quoting its data (a message may
    hold a name that is withheld now): how many errors, in which files."""
    files = sorted({f"data/{PurePosixPath(error.location.file).name}" for error in errors.errors})
    count = "1 fout" if len(errors.errors) == 1 else f"{len(errors.errors)} fouten"
    return f"de gegevens van toen kloppen niet met de controle van nu ({count} in {', '.join(files)})"


LEAK = "de vergelijking zou een naam tonen die niet gepubliceerd mag worden"


def _compare(old: Version, new: Profile | None, new_problem: str | None) -> Comparison:
    from sop.versions.wijzigingen import as_text, compare_profiles

    if new is None:
        return Comparison(None, new_problem)
    if old.profile is None:
        return Comparison(None, "de versie ervoor is niet leesbaar")
    try:
        sections = compare_profiles(old.profile, new)
    except opendata.HiddenNameError:
        return Comparison(None, LEAK)
    # Last line of defence: a comparison that would show a withheld name is left out.
    if names.find_name(as_text(sections), old.profile.hidden_names() | new.hidden_names()):
        return Comparison(None, LEAK)
    return Comparison(sections)


def read_history(project: Path, current: Profile) -> History | None:
    """The adopted versions and the changes not adopted yet; None without full history."""
    if not history_available(project):
        return None
    from sop.versions.gitdata import VersionError
    from sop.versions.wijzigingen import profile_at

    versions: list[Version] = []
    unreadable: list[Unreadable] = []
    for commit, status, status_problem in adoption_commits(project):
        if status is None:
            unreadable.append(Unreadable(commit, commit_day(project, commit), status_problem))
            continue
        try:
            profile, problem = withholding(profile_at(project, commit), current), None
        except DataErrors as errors:
            profile, problem = None, _problem(errors)
        except VersionError:
            profile, problem = None, "de gegevens van deze versie kunnen niet worden gelezen"
        versions.append(Version(
            adopted=status.vastgesteld_op,
            advice=status.advies_mr_op,
            school_year=status.schooljaar,
            commit=commit,
            profile=profile,
            problem=problem,
            changes=_compare(versions[-1], profile, problem) if versions else None,
            document=version_document(profile),
        ))
    pending = _compare(versions[-1], current, None) if versions else None
    return History(versions, pending, unreadable)


def version_document(profile: Profile | None) -> bytes | None:
    """A version's sop.json, with its own publication settings plus today's withheld
    names (`withholding`). None without valid data, or when a withheld name stands
    in its free text, where it can't be left out safely."""
    if profile is None:
        return None
    try:
        document = opendata.profile_document(profile, **opendata.publication_options(profile))
    except opendata.HiddenNameError:
        return None
    return opendata.as_json(document)
