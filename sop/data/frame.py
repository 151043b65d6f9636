"""The samenwerkingsverband's frame: its kader.yml and specialismen.yml, and kader.json as
the overview publishes them. Models and rules.

Below both of their readers: a school's check (sop/data/kader.py) reads the frame
it answers to, the SWV's overview (sop/swv/) reads and publishes it.
Same rules as the school data (sop/data/schema.py): strict, unknown keys refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field

from sop.data import names
from sop.data.rules import Problem, checker, duplicates
from sop.data.schema import Label, Model, Slug, Text, Website

# The id the overview itself gives the expertise page's unsorted words: no specialism may take it.
UNSORTED = "niet-ingedeeld"


class Specialisme(Model):
    id: Slug
    naam: Label
    # Published in the frame (kader.json), so a school knows what the id stands for.
    uitleg: Annotated[Text | None, Field(description="Korte uitleg: wat dit specialisme inhoudt")] = None
    # A function or focus area belongs to this specialism when a word in it starts with
    # one of these (without regard to case): 'dyslexie' also finds 'Specialist dyslexie'
    # and 'hoogbegaafd' 'Hoogbegaafdheid', but 'ASS' does not find 'Onderwijsassistent'.
    schrijfwijzen: Annotated[list[Label], Field(min_length=1)]


class Specialismen(Model):
    specialismen: Annotated[list[Specialisme], Field(min_length=1)]
    # Functions that are no specialism ('Directeur'), so they are not listed as unsorted.
    negeren: list[Label] = []


# --- kader.yml: the SWV's own basisondersteuning, which its schools answer to ---------


class Standaard(Model):
    # Stable: a school names it in its basisondersteuning.yml, for every version of the frame.
    id: Annotated[Slug, Field(description="Vaste id van de standaard; scholen noemen die in hun profiel")]
    tekst: Annotated[Text, Field(description="De standaard, zoals in het ondersteuningsplan")]


class Domein(Model):
    id: Annotated[Slug, Field(description="Vaste id van het domein")]
    titel: Annotated[Label, Field(description="De naam van het domein, als kop")]
    standaarden: Annotated[list[Standaard], Field(min_length=1, description="De standaarden van dit domein")]


class Kader(Model):
    """The SWV's level of basisondersteuning: standards every school must meet."""

    versie: Annotated[Label, Field(description="De versie van het kader, bijvoorbeeld '2025-2029'")]
    statussen: Annotated[list[Label], Field(
        min_length=1, description="De schaal waarop een school per standaard zegt waar ze staat (de kolomkoppen)")]
    voldaan: Annotated[list[Label], Field(
        min_length=1, description="Welke statussen tellen als 'voldaan aan de standaard'")]
    domeinen: Annotated[list[Domein], Field(min_length=1, description="De domeinen met hun standaarden")]


# --- kader.json: the frame as published by the overview, read by the schools ---------


class KaderSamenwerkingsverband(Model):
    naam: Annotated[Label, Field(description="De naam van het samenwerkingsverband")]
    website: Annotated[Website, Field(description="De website van het samenwerkingsverband")]


class KaderSpecialisme(Model):
    id: Annotated[Slug, Field(description="Vaste id; een school zet die bij een medewerker in expertise.yml")]
    naam: Annotated[Label, Field(description="De naam van het specialisme")]
    uitleg: Annotated[Text | None, Field(description="Korte uitleg: wat dit specialisme inhoudt")] = None


class KaderDocument(Kader):
    """kader.json: the frame, with who set it and its specialisms."""

    schema_version: Annotated[str, Field(description="De versie van dit bestandsformaat")]
    samenwerkingsverband: KaderSamenwerkingsverband
    specialismen: Annotated[list[KaderSpecialisme], Field(description="De specialismen van het kader")]


# --- rules that span a file's fields ---------------------------------------------


def reserved_id(path: tuple, value: str, taken: set[str], suffix: str = "") -> Iterator[Problem]:
    if value in taken or (suffix and value.endswith(suffix)):
        yield path, (f"de id '{value}' gebruikt het overzicht zelf al; kies een andere id"
                     + (f" (en geen id die eindigt op '{suffix}')" if suffix else ""))


def _specialismen(data: Specialismen) -> Iterator[Problem]:
    yield from duplicates(((("specialismen", i, "id"), s.id) for i, s in enumerate(data.specialismen)), "id")
    for index, item in enumerate(data.specialismen):
        yield from reserved_id(("specialismen", index, "id"), item.id, {UNSORTED})
    seen: dict[str, str] = {}
    for index, item in enumerate(data.specialismen):
        for number, spelling in enumerate(item.schrijfwijzen):
            key = names.name_key(spelling)
            if key in seen and seen[key] != item.id:
                yield ("specialismen", index, "schrijfwijzen", number), (
                    f"de schrijfwijze '{spelling}' staat ook bij specialisme '{seen[key]}'; "
                    "een schrijfwijze hoort bij één specialisme"
                )
            seen.setdefault(key, item.id)


def _kader(data: Kader) -> Iterator[Problem]:
    yield from duplicates(((("domeinen", i, "id"), d.id) for i, d in enumerate(data.domeinen)), "id")
    # One id per standard in the whole frame: a school's answer names the standard alone.
    yield from duplicates(((("domeinen", d, "standaarden", s, "id"), standard.id)
                           for d, domain in enumerate(data.domeinen)
                           for s, standard in enumerate(domain.standaarden)), "id")
    yield from duplicates(((("statussen", i), status) for i, status in enumerate(data.statussen)), "status")
    for index, status in enumerate(data.voldaan):
        if status not in data.statussen:
            yield ("voldaan", index), (
                f"'{status}' staat niet bij 'statussen'; noem hier alleen statussen uit die lijst, "
                "precies zo geschreven"
            )


# The rules of the frame's files, also for the SWV's own (sop/swv/config.py).
RULES = {Specialismen: _specialismen, Kader: _kader}
problems = checker(RULES)
