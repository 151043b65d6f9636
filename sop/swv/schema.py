"""The data contract of a samenwerkingsverband's overview: one model per file in swv/.

Same rules as the school data (sop/data/schema.py): strict, unknown keys refused.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sop.data.schema import Begrip, Email, Label, Model, Slug, Text, Website


class Basisondersteuning(Model):
    # The schools' own words (a marking or a column heading) that the SWV counts as
    # secured; compared without regard to case. Nothing else is ever called secured.
    geborgd: Annotated[list[Label], Field(min_length=1)]
    # An indicator secured at no more than this many schools is listed for attention.
    weinig_scholen: Annotated[int, Field(ge=0)]


class Samenwerkingsverband(Model):
    naam: Label
    website: Website
    email: Email | None = None
    basisondersteuning: Basisondersteuning
    # Profiles left out of the counts by default (marked wherever they appear): an expired
    # one, or one with '[vul in: …]' left. An SWV may count them after all.
    ook_meetellen: list[Literal["verlopen", "niet af"]] = []
    # Abbreviations on the overview's pages, explained as in a school's begrippen.yml.
    begrippen: list[Begrip] = []


class School(Model):
    """One school of the SWV: a local data folder, or the address of its published sop.json."""

    # Stable: the school's anchor and its key in the open data.
    id: Slug
    # Shown when the school's profile cannot be read; otherwise its own name is used.
    naam: Label
    # A data/ folder, relative to this file's folder (exactly one of map and sop_json).
    map: Label | None = None
    sop_json: Website | None = None
    # The school's published profile site; by default the address sop_json is in.
    site: Website | None = None


class Scholen(Model):
    scholen: Annotated[list[School], Field(min_length=1)]


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


class Categorie(Model):
    naam: Label
    # The schools' row names counted in this category, written as the schools write them.
    schrijfwijzen: Annotated[list[Label], Field(min_length=1)]


class Vergelijking(Model):
    id: Slug
    titel: Label
    rijkop: Label
    # The ids of the schools' tables (aantallen.yml) this comparison reads.
    tabellen: Annotated[list[Slug], Field(min_length=1)]
    categorieen: Annotated[list[Categorie], Field(min_length=1)]
    toelichting: Text | None = None


class Vergelijkingen(Model):
    vergelijkingen: list[Vergelijking]


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
