"""Load and validate every file in data/ into one Profile, or fail with all errors."""

from __future__ import annotations

import os
import typing
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from sop.data import kader, rules, schema
from sop.data.datadir import unexpected_entries
from sop.data.datafiles import DATA_FILES
from sop.data.errors import DataError, DataErrors
from sop.data.kader import Frame
from sop.data.validate import read_files

# File name (without .yml) -> model. Dutch names, after what the file holds.
# Files in data/ besides the YAML files above: not part of the profile, read by
# the tests that check the school's own site. Anything else in data/ is a mistake.
EXTRA_FILES = {
    # The addresses the school has published (one per line): they must keep working.
    "gepubliceerde-adressen.txt",
    # The text of the school's own SOP document, if it supplies one: every word
    # of it must reach the site.
    "bron.txt",
}
EXTRA_DIRS = {"schema"}  # JSON Schemas for editors (make schema)


@dataclass(frozen=True)
class Profile:
    """The whole validated ondersteuningsprofiel, one attribute per data file."""

    school: schema.School
    inleiding: schema.Inleiding
    onderwijsconcept: schema.Onderwijsconcept
    waarde_en_trots: schema.WaardeEnTrots
    kansen_en_belemmeringen: schema.KansenEnBelemmeringen
    ondersteuningsstructuur: schema.Ondersteuningsstructuur
    expertise: schema.Expertise
    sociale_veiligheid: schema.Rollen
    externe_deskundigen: schema.ExterneDeskundigen
    aantallen: schema.Aantallen
    basisondersteuning: schema.Basisondersteuning
    stappenplan: schema.Stappenplan
    begrippen: schema.Begrippen
    in_het_kort: schema.InHetKort
    instellingen: schema.Instellingen
    status: schema.FormeleStatus
    verklaringen: schema.Verklaringen
    # The samenwerkingsverband's frame that basisondersteuning.yml answers to, when it names one and it was read.
    kader: Frame | None = None

    def all_roles(self) -> list[schema.Rol]:
        return [*self.sociale_veiligheid.rollen, *(r for g in self.externe_deskundigen.groepen for r in g.rollen)]

    def all_names(self) -> set[str]:
        roster = {person.naam for person in self.expertise.medewerkers if person.naam}
        return roster | {name for role in self.all_roles() for name in role.namen}

    def hidden_names(self) -> frozenset[str]:
        """Names the site must not publish, by the settings in instellingen.yml."""
        if not self.instellingen.namen_tonen:
            return frozenset(self.all_names())
        return frozenset(self.instellingen.namen_verbergen)

    def contacts(self, point: schema.Aanspreekpunt) -> list[str]:
        """Who is behind an 'In het kort' contact point: people's names, groups and
        organisations; empty for a contact the school describes without a name."""
        if point.functie:
            return [p.naam or p.groep for p in self.expertise.medewerkers if point.functie in p.functie]
        if point.rol:
            return [
                who
                for role in self.all_roles()
                if role.rol == point.rol
                for who in ([role.organisatie] if role.organisatie else []) + role.namen
            ]
        return []


def published_fields() -> list[str]:
    """The Profile fields that are published: all data files except the settings.

    instellingen.yml says how to publish, not what the school does, and its
    list of names to withhold must itself never be published; verklaringen.yml
    is about this website, not part of the school's profile.
    """
    hints = typing.get_type_hints(Profile)
    return [
        field.name
        for field in dataclasses.fields(Profile)
        # Not the SWV's frame (Profile.kader): it is the SWV's to publish.
        if field.name.replace("_", "-") in DATA_FILES
        and hints[field.name] not in (schema.Instellingen, schema.Verklaringen)
    ]


# Validated profiles by folder and file state: one build reads data/ in several
# places (the check first, MkDocs' hook and macros), each needs the same profile.
_loaded: dict[tuple, tuple[Profile, list[DataError]]] = {}


def _state(data_dir: Path) -> tuple:
    """What the folder holds now: any edit, new or removed file gives another state."""
    with os.scandir(data_dir) as entries:
        return tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries))


def load_profile(data_dir: Path, display_dir: str = "data", notices: list[DataError] | None = None) -> Profile:
    """Read and validate every data file; raise DataErrors listing all problems.

    `notices`, if given, receives what is valid but not yet finished (a text still
    to fill in, status columns without headings): the site builds, the build says so.
    """
    try:
        key = (str(Path(data_dir).resolve()), display_dir, _state(data_dir))
    except OSError:
        key = None  # no such folder: _load says so
    if key not in _loaded:
        found: list[DataError] = []
        profile = _load(Path(data_dir), display_dir, found)
        if key is None:
            return profile
        _loaded.clear()  # only the latest state is asked for again
        _loaded[key] = profile, found
    profile, found = _loaded[key]
    if notices is not None:
        notices += found
    return profile


def _load(data_dir: Path, display_dir: str, notices: list[DataError]) -> Profile:
    errors = unexpected_entries(data_dir, display_dir, DATA_FILES, EXTRA_FILES, EXTRA_DIRS)
    values, documents, file_errors = read_files(data_dir, display_dir, DATA_FILES)
    errors += file_errors
    if errors:
        raise DataErrors(errors)
    profile = Profile(**{stem.replace("-", "_"): value for stem, value in values.items()})
    frame, frame_errors, frame_notices = kader.check(profile, data_dir, display_dir)
    errors = [
        DataError(documents[stem].location(path), message)
        for stem, path, message in [*rules.across_files(profile), *frame_errors]
    ]
    if errors:
        raise DataErrors(errors)
    notices += sorted(
        DataError(documents[stem].location(path), message)
        for stem, path, message in [*rules.notices(profile), *frame_notices]
    )
    return dataclasses.replace(profile, kader=frame)
