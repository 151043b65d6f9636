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
    return f"de gegevens bevatten {len(errors.errors)} fout(en): {shown}" + (f" (en nog {more})" if more > 0 else "")


def _include(entry: School, document, stale_note: str | None = None) -> IncludedSchool | MissingSchool:
    try:
        return IncludedSchool(entry, document, read_published(document), stale_note)
    except Unreadable as unreadable:
        return MissingSchool(entry, str(unreadable))


def gather(folder: Path, cache: Path, today: datetime.date, online: bool = True, display_dir: str = "swv") -> Overview:
    """Read swv/ and every school. `online`: fetch the web addresses (make swv);
    otherwise use the cached copies only (the MkDocs run that follows)."""
    config = load_config(folder, display_dir)
    entries = config.scholen.scholen
    addresses = {entry.id: entry.sop_json for entry in entries if entry.sop_json}
    if online:
        fetched = fetch.fetch_all(cache, addresses, today)
    else:
        fetched = {school_id: fetch.cached(cache, school_id, url) for school_id, url in addresses.items()}
    schools: list[IncludedSchool] = []
    missing: list[MissingSchool] = []
    for entry in entries:
        if entry.map is not None:
            local = folder / entry.map
            try:
                if not local.is_dir():
                    raise FileNotFoundError
                result = _include(entry, _local_document(local, entry.map))
            except DataErrors as errors:
                result = MissingSchool(entry, _first_errors(errors))
            except HiddenNameError as error:
                result = MissingSchool(entry, str(error))
            except OSError:
                result = MissingSchool(entry, f"de map '{entry.map}' bestaat niet of kan niet gelezen worden")
        else:
            got = fetched[entry.id]
            if got.content is None:
                result = MissingSchool(entry, f"niet opgehaald van {entry.sop_json}: {got.problem}")
            else:
                note = None
                if got.problem:
                    note = (f"bij deze bouw niet opgehaald ({got.problem}); "
                            f"de kopie van {dutch_date(got.fetched_on)} is gebruikt")
                try:
                    document = json.loads(got.content.decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    result = MissingSchool(entry, f"het bestand op {entry.sop_json} is geen geldige JSON")
                else:
                    result = _include(entry, document, note)
        (schools if isinstance(result, IncludedSchool) else missing).append(result)
    return Overview(config, schools, missing)
