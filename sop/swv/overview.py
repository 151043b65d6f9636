"""The overview: the SWV's files plus every school's published profile, or why it is missing.

Gathered by sop/swv/gather.py; read again from its own open data by `from_index`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urljoin

from sop.data.rules import PLACEHOLDER
from sop.swv.config import SwvConfig
from sop.swv.published import PublishedProfile, read_published
from sop.swv.schema import School

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

    @cached_property
    def unfinished(self) -> bool:
        """A '[vul in: …]' anywhere in the published document. Every page asks, for every
        school: worked out once (the whole document as text)."""
        return PLACEHOLDER in json.dumps(self.document, ensure_ascii=False)


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
    from sop.writers.pdf import PDF_NAME

    return urljoin(site if site.endswith("/") else site + "/", PDF_NAME)


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
