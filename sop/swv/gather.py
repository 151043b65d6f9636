"""Gather the overview: the SWV's files plus every school's published profile.

One broken school never blocks the others: it is listed as missing, with the
reason in Dutch, and the overview is built from the rest. A school is only
included when every page and download of the overview can be made with it, so
this stands above the writers of both (sop/swv/render.py, sop/swv/opendata.py).
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from functools import partial
from pathlib import Path, PurePosixPath

from sop.data import fetch
from sop.data.errors import DataErrors
from sop.data.profile import load_profile
from sop.writers.opendata import HiddenNameError, profile_document, publication_options
from sop.writers.render import dutch_date
from sop.swv.config import SwvConfig, load_config
from sop.swv.opendata import downloads
from sop.swv.overview import IncludedSchool, MissingSchool, Overview
from sop.swv.published import Unreadable, decode, read_published
from sop.swv.render import pages
from sop.swv.schema import School


def _local_document(folder: Path, display: str) -> dict:
    """A local data/ folder, published as the school's own site publishes it."""
    profile = load_profile(folder, display)
    return profile_document(profile, **publication_options(profile))


def _first_errors(errors: DataErrors) -> str:
    """The errors by file and line only: a message quotes the school's data (a withheld
    name, say) and names folders of this computer, and this reason is published."""
    places = list(dict.fromkeys(f"{PurePosixPath(error.location.file).name}, regel {error.location.line}"
                                for error in errors.errors))
    more = len(places) - 3
    count = "1 fout" if len(errors.errors) == 1 else f"{len(errors.errors)} fouten"
    return (f"de gegevens in de map van de school bevatten {count} ({'; '.join(places[:3])}"
            + (f"; en nog {more}" if more > 0 else "") + "); de school ziet de meldingen met make check")


# Why a school that passed every check still could not be used: a fault of this code
# with a value no check foresaw. Not the exception's text: it may quote the school's data.
UNPROCESSABLE = "het overzicht kon dit profiel niet verwerken; een waarde erin valt buiten wat het overzicht aankan"


def _through_pipeline(school: IncludedSchool, config: SwvConfig, today: datetime.date) -> None:
    """Everything the build does with a school, done for this school alone: every page
    and every download, written as UTF-8. Raises whatever any step raises."""
    alone = Overview(config, [school], [])
    downloads(alone, today)
    for page in pages(alone, today).values():
        page().encode("utf-8")


def _usable(entry: School, document, config: SwvConfig, today: datetime.date) -> IncludedSchool | MissingSchool:
    """The school, when its published profile goes through the whole pipeline; else missing, with why."""
    try:
        school = IncludedSchool(entry, document, read_published(document))
        _through_pipeline(school, config, today)
        return school
    except Unreadable as unreadable:
        return MissingSchool(entry, str(unreadable))
    except Exception:  # noqa: BLE001: one school's profile can only make that school missing
        return MissingSchool(entry, UNPROCESSABLE)


def _read_fetched(entries: dict[str, School], config: SwvConfig, today: datetime.date, school_id: str,
                  content: bytes) -> IncludedSchool:
    """fetch.Read: the school from its fetched sop.json, through the whole pipeline."""
    try:
        result = _usable(entries[school_id], decode(content), config, today)
    except Unreadable as unreadable:
        raise fetch.Refused(str(unreadable)) from None
    if isinstance(result, MissingSchool):
        raise fetch.Refused(result.reason)
    return result


def _local(entry: School, folder: Path, config: SwvConfig, today: datetime.date) -> IncludedSchool | MissingSchool:
    local = folder / entry.map
    try:
        if not local.is_dir():
            raise FileNotFoundError
        document = _local_document(local, entry.map)
    except DataErrors as errors:
        return MissingSchool(entry, _first_errors(errors))
    except HiddenNameError as error:
        return MissingSchool(entry, str(error))
    except OSError:
        return MissingSchool(entry, "de map van de school ('map' in scholen.yml) bestaat niet of kan niet gelezen worden")
    except Exception:  # noqa: BLE001: one school's data can only make that school missing
        return MissingSchool(entry, UNPROCESSABLE)
    return _usable(entry, document, config, today)


def _fetched(entry: School, got: fetch.Fetched) -> IncludedSchool | MissingSchool:
    if got.value is None:
        return MissingSchool(entry, f"geen bruikbaar profiel op {entry.sop_json}: {got.problem}")
    if not got.problem:
        return got.value
    return replace(got.value, stale_note=f"bij deze bouw geen bruikbaar profiel opgehaald ({got.problem}); "
                                         f"de kopie van {dutch_date(got.fetched_on)} is gebruikt")


def gather(folder: Path, cache: Path, today: datetime.date, display_dir: str = "swv") -> Overview:
    """Read swv/ and every school: local folders, and the web addresses fetched now
    (the last good copy from `cache` when a fetch fails)."""
    config = load_config(folder, display_dir)
    entries = config.scholen.scholen
    addresses = {entry.id: entry.sop_json for entry in entries if entry.sop_json}
    read = partial(_read_fetched, {entry.id: entry for entry in entries}, config, today)
    fetched = fetch.fetch_all(cache, addresses, today, read)
    results = [_local(entry, folder, config, today) if entry.map is not None else _fetched(entry, fetched[entry.id])
               for entry in entries]
    return Overview(
        config,
        [result for result in results if isinstance(result, IncludedSchool)],
        [result for result in results if isinstance(result, MissingSchool)],
    )
