"""The data contract of a samenwerkingsverband's overview: one model per file in swv/.

The frame's files (kader.yml, specialismen.yml) have theirs in sop/data/frame.py:
a school's check reads them too.

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
