"""Gather the overview: the SWV's files plus every school's published profile.

One broken school never blocks the others: it is listed as missing, with the
reason in Dutch, and the overview is built from the rest.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from ..errors import DataErrors
from ..opendata import HiddenNameError, profile_document, publication_options
from ..profile import load_profile
from ..render import dutch_date
from . import fetch
from .config import SwvConfig, load_config
from .published import PublishedProfile, Unreadable, read_published
from .schema import School

OPEN_DATA_PATH = "open-data/sop.json"


@dataclass(frozen=True)
class IncludedSchool:
    entry: School
    document: dict  # the school's published sop.json
    profile: PublishedProfile
    # Set when the school's site could not be reached and an earlier copy was used.
    stale_note: str | None = None

    @property
    def name(self) -> str:
        return self.profile.school.naam

    @property
    def site(self) -> str | None:
        return site_address(self.entry)

    @property
    def places(self) -> list[str]:
        """The school's place and its locations' places, each once."""
        data = self.profile.school
        return list(dict.fromkeys([data.plaats, *(location.plaats for location in data.vestigingen)]))


@dataclass(frozen=True)
class MissingSchool:
    entry: School
    reason: str


@dataclass(frozen=True)
class Overview:
    config: SwvConfig
    schools: list[IncludedSchool]
    missing: list[MissingSchool]


def site_address(entry: School) -> str | None:
    """The school's profile site: given, or the address its sop.json is published under."""
    if entry.site:
        return entry.site
    if entry.sop_json and entry.sop_json.endswith("/" + OPEN_DATA_PATH):
        return entry.sop_json[: -len(OPEN_DATA_PATH)]
    return None


def pdf_address(site: str) -> str:
    from ..pdf import PDF_NAME

    return urljoin(site if site.endswith("/") else site + "/", PDF_NAME)


def _local_document(folder: Path, display: str) -> dict:
    """A local data/ folder, published as the school's own site publishes it."""
    profile = load_profile(folder, display)
    return profile_document(profile, **publication_options(profile))


def _first_errors(errors: DataErrors) -> str:
    shown = "; ".join(str(error) for error in errors.errors[:2])
    more = len(errors.errors) - 2
    count = "1 fout" if len(errors.errors) == 1 else f"{len(errors.errors)} fouten"
    return f"de gegevens bevatten {count}: {shown}" + (f" (en nog {more})" if more > 0 else "")


def _include(entry: School, document, stale_note: str | None = None, checked: bool = False) -> IncludedSchool | MissingSchool:
    try:
        return IncludedSchool(entry, document, read_published(document, checked), stale_note)
    except Unreadable as unreadable:
        return MissingSchool(entry, str(unreadable))


def _decoded(content: bytes) -> dict:
    try:
        return json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Unreadable("het bestand is geen geldige JSON") from None


def _content_problem(content: bytes) -> str | None:
    """Why fetched content is no usable profile, or None (sop/swv/fetch.py's Check)."""
    try:
        read_published(_decoded(content))
    except Unreadable as unreadable:
        return str(unreadable)
    return None


def _local(entry: School, folder: Path) -> IncludedSchool | MissingSchool:
    local = folder / entry.map
    try:
        if not local.is_dir():
            raise FileNotFoundError
        return _include(entry, _local_document(local, entry.map))
    except DataErrors as errors:
        return MissingSchool(entry, _first_errors(errors))
    except HiddenNameError as error:
        return MissingSchool(entry, str(error))
    except OSError:
        return MissingSchool(entry, f"de map '{entry.map}' bestaat niet of kan niet gelezen worden")


def _fetched(entry: School, got: fetch.Fetched) -> IncludedSchool | MissingSchool:
    if got.content is None:
        return MissingSchool(entry, f"geen bruikbaar profiel op {entry.sop_json}: {got.problem}")
    note = None
    if got.problem:
        note = (f"bij deze bouw geen bruikbaar profiel opgehaald ({got.problem}); "
                f"de kopie van {dutch_date(got.fetched_on)} is gebruikt")
    # Checked before it was cached (fetch.fetch_one): only read it.
    return _include(entry, _decoded(got.content), note, checked=True)


def gather(folder: Path, cache: Path, today: datetime.date, display_dir: str = "swv") -> Overview:
    """Read swv/ and every school: local folders, and the web addresses fetched now
    (the last good copy from `cache` when a fetch fails)."""
    config = load_config(folder, display_dir)
    entries = config.scholen.scholen
    addresses = {entry.id: entry.sop_json for entry in entries if entry.sop_json}
    fetched = fetch.fetch_all(cache, addresses, today, _content_problem)
    results = [_local(entry, folder) if entry.map is not None else _fetched(entry, fetched[entry.id])
               for entry in entries]
    return Overview(
        config,
        [result for result in results if isinstance(result, IncludedSchool)],
        [result for result in results if isinstance(result, MissingSchool)],
    )


def from_index(config: SwvConfig, index: dict) -> Overview:
    """The overview again from its own open data (swv.json, written by make swv), so the
    pages are built from exactly what was gathered, without reading every school again."""
    entries = {entry.id: entry for entry in config.scholen.scholen}
    return Overview(
        config,
        [IncludedSchool(entries[item["id"]], item["profiel"], read_published(item["profiel"], checked=True),
                        item["melding"]) for item in index["scholen"]],
        [MissingSchool(entries[item["id"]], item["reden"]) for item in index["ontbrekend"]],
    )
