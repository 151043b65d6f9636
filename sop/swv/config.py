"""Read and validate the samenwerkingsverband's own files (swv/*.yml), or fail with all errors.

The same strict YAML reader and the same Dutch 'FILE:LINE:COL' messages as a
school's data/ (sop/data/profile.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from sop.data import frame, names
from sop.data.datadir import unexpected_entries
from sop.data.errors import DataErrors
from sop.data.validate import read_files
from sop.data.frame import reserved_id
from sop.data.rules import Problem, checker, duplicates
from sop.swv import schema

SWV_FILES: dict[str, type[BaseModel]] = {
    "samenwerkingsverband": schema.Samenwerkingsverband,
    "scholen": schema.Scholen,
    "specialismen": frame.Specialismen,
    "vergelijkingen": schema.Vergelijkingen,
}
# Files an SWV may leave out: without kader.yml the overview compares the schools' own indicators.
OPTIONAL_FILES: dict[str, type[BaseModel]] = {"kader": frame.Kader}


# Ids the overview itself uses, in its pages' anchors and its downloads' names (also
# frame.UNSORTED): a specialism or comparison with the same id would take their place.
OTHER_FIGURES = "overige-cijfers"  # the uitstroom page's tables no comparison reads
OWN_TABLES = ("scholen", "expertise", "basisondersteuning")  # their CSV files
PER_SCHOOL = "-per-school"  # a comparison's table per school: <id>-per-school


@dataclass(frozen=True)
class SwvConfig:
    folder: Path
    samenwerkingsverband: schema.Samenwerkingsverband
    scholen: schema.Scholen
    specialismen: frame.Specialismen
    vergelijkingen: schema.Vergelijkingen
    kader: frame.Kader | None = None


def _scholen(data: schema.Scholen) -> Iterator[Problem]:
    yield from duplicates(((("scholen", i, "id"), s.id) for i, s in enumerate(data.scholen)), "id")
    for index, school in enumerate(data.scholen):
        if (school.map is None) == (school.sop_json is None):
            yield ("scholen", index), (
                "geef óf 'map' (een map met gegevens op deze computer) óf 'sop_json' (het webadres "
                "van het gepubliceerde sop.json van de school), precies één van de twee"
            )


def _vergelijkingen(data: schema.Vergelijkingen) -> Iterator[Problem]:
    items = data.vergelijkingen
    yield from duplicates(((("vergelijkingen", i, "id"), v.id) for i, v in enumerate(items)), "id")
    for index, comparison in enumerate(items):
        yield from reserved_id(("vergelijkingen", index, "id"), comparison.id, {OTHER_FIGURES, *OWN_TABLES}, PER_SCHOOL)
        seen: set[str] = set()
        for c_index, category in enumerate(comparison.categorieen):
            for s_index, spelling in enumerate(category.schrijfwijzen):
                key = names.name_key(spelling)
                if key in seen:
                    yield ("vergelijkingen", index, "categorieen", c_index, "schrijfwijzen", s_index), (
                        f"de schrijfwijze '{spelling}' staat al bij een categorie van deze vergelijking; "
                        "elke rij van een school telt in één categorie"
                    )
                seen.add(key)


problems = checker({
    schema.Scholen: _scholen,
    schema.Vergelijkingen: _vergelijkingen,
    **frame.RULES,
})


def load_config(folder: Path, display_dir: str = "swv") -> SwvConfig:
    """Read every file in `folder`; raise DataErrors listing all problems."""
    only = (f"In {display_dir}/ horen alleen " + ", ".join(f"{stem}.yml" for stem in SWV_FILES)
            + "".join(f" en (als u dat hebt) {stem}.yml" for stem in OPTIONAL_FILES) + ".")
    errors = unexpected_entries(folder, display_dir, {*SWV_FILES, *OPTIONAL_FILES}, only=only)
    present = {stem: model for stem, model in OPTIONAL_FILES.items() if (folder / f"{stem}.yml").exists()}
    values, _, file_errors = read_files(folder, display_dir, {**SWV_FILES, **present}, problems)
    errors += file_errors
    if errors:
        raise DataErrors(errors)
    return SwvConfig(folder=folder, **values)
