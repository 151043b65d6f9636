"""What the overview compares across schools, computed once for the pages and the open data.

Only what the schools published is used, in their own words: a specialism is
found in a function's own text, a marking is the school's own, and a total
over a number a school did not give or made unrecognisable is a lower bound.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from sop.data import frame, names, schema
from sop.writers import render
from sop.data.rules import PLACEHOLDER
from sop.swv import currency
from sop.swv import schema as swv_schema
from sop.swv.config import PER_SCHOOL
from sop.swv.overview import IncludedSchool, Overview

School = IncludedSchool


# --- expertise --------------------------------------------------------------


@dataclass(frozen=True)
class SpecialismSchools:
    specialism: frame.Specialisme
    # Each school that has it, with its own words that matched.
    schools: list[tuple[School, list[str]]]


def _roster_texts(school: School) -> list[str]:
    """Every function and focus area of the school's staff, each once, in order."""
    people = school.profile.expertise.medewerkers
    return list(dict.fromkeys(text for person in people for text in [*person.functie, *person.focusgebied]))


def _finder(spellings: list[str]) -> re.Pattern:
    """Where a word starts: 'lees' finds 'Taal/Leesspecialist', but 'ASS' not 'Onderwijsassistent'.
    Searched in a text's name_key."""
    keys = sorted({names.name_key(spelling) for spelling in spellings}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, keys)) + ")")


def specialisms(overview: Overview) -> tuple[list[SpecialismSchools], list[tuple[str, list[School]]]]:
    """Per specialism the schools that have it; and the texts no specialism (or ignore) covers.
    Each text is compared once per specialism: the work grows with the size of the rosters."""
    mapping = overview.config.specialismen
    finders = [_finder(specialism.schrijfwijzen) for specialism in mapping.specialismen]
    ignored = {names.name_key(text) for text in mapping.negeren}
    found: list[list[tuple[School, list[str]]]] = [[] for _ in mapping.specialismen]
    unsorted: dict[str, tuple[str, list[School]]] = {}
    for school in overview.schools:
        matched: list[list[str]] = [[] for _ in mapping.specialismen]
        for text in _roster_texts(school):
            key = names.name_key(text)
            hits = [number for number, finder in enumerate(finders) if finder.search(key)]
            for number in hits:
                matched[number].append(text)
            if not hits and key not in ignored:
                unsorted.setdefault(key, (text, []))[1].append(school)
        for number, texts in enumerate(matched):
            if texts:
                found[number].append((school, texts))
    return ([SpecialismSchools(specialism, schools) for specialism, schools in zip(mapping.specialismen, found)],
            sorted(unsorted.values(), key=lambda item: names.name_key(item[0])))


# --- basisondersteuning -----------------------------------------------------


@dataclass(frozen=True)
class Marking:
    marking: str | None  # None: a domain the school describes without status
    heading: str | None  # the column's heading, where the school gave headings
    column: int | None  # the column, as data: without headings its number says nothing to a reader
    secured: bool
    assessor: str | None


@dataclass(frozen=True)
class Indicator:
    id: str
    text: str  # as the first school that has it writes it
    schools: list[tuple[School, Marking]]
    anchor: str  # unique on the page, though two indicators may share an id

    @property
    def secured(self) -> int:
        return sum(1 for _, marking in self.schools if marking.secured)

    @property
    def rated(self) -> int:
        """The schools that gave this indicator a status (not only a description)."""
        return sum(1 for _, marking in self.schools if marking.marking is not None)


@dataclass(frozen=True)
class Domain:
    id: str
    title: str
    indicators: list[Indicator]
    anchor: str


def _marking(data: schema.Basisondersteuning, domain: schema.Domein, item: schema.Indicator,
             secured_words: set[str]) -> Marking:
    scale = data.scale(domain)
    if scale is None or item.status is None:
        return Marking(None, None, None, False, None)
    heading = render.status_heading(scale, item.status)
    own_words = {names.name_key(item.status.markering)} | ({names.name_key(heading)} if heading else set())
    return Marking(item.status.markering, heading, item.status.kolom, bool(own_words & secured_words),
                   data.assessor(domain))


def _anchors(prefix: str) -> Callable[[str], str]:
    """Page anchors for ids that may repeat: 'prefix-id', then 'prefix-id--2' ('--' is in no id)."""
    seen: dict[str, int] = {}

    def anchor(item_id: str) -> str:
        seen[item_id] = seen.get(item_id, 0) + 1
        return f"{prefix}-{item_id}" + (f"--{seen[item_id]}" if seen[item_id] > 1 else "")

    return anchor


def indicators(overview: Overview) -> list[Domain]:
    """Every domain and indicator, with each school's marking. Schools share one when
    they give it the same id and the same words (case and spacing aside): an id alone
    is each school's own, and another school's wording must not stand above a marking."""
    secured_words = {names.name_key(word) for word in overview.config.samenwerkingsverband.basisondersteuning.geborgd}
    domains: dict[tuple[str, str], tuple[str, dict[tuple[str, str], tuple[str, list]]]] = {}
    for school in overview.schools:
        data = school.profile.basisondersteuning
        for domain in data.domeinen:
            _, items = domains.setdefault((domain.id, names.name_key(domain.titel)), (domain.titel, {}))
            for item in domain.indicatoren:
                _, schools = items.setdefault((item.id, names.name_key(item.indicator)), (item.indicator, []))
                schools.append((school, _marking(data, domain, item, secured_words)))
    domain_anchor, indicator_anchor = _anchors("domein"), _anchors("indicator")
    return [
        Domain(domain_id, title,
               [Indicator(item_id, text, schools, indicator_anchor(item_id))
                for (item_id, _), (text, schools) in items.items()],
               domain_anchor(domain_id))
        for (domain_id, _), (title, items) in domains.items()
    ]


# --- the SWV's frame: per standard where each school stands -------------------


@dataclass(frozen=True)
class StandardAnswers:
    domain: frame.Domein
    standard: frame.Standaard
    # Every school answering the frame that answered this standard (a '[vul in: …]' status
    # is no answer), counted or not, in the order of scholen.yml.
    answers: list[tuple[School, schema.KaderAntwoord]]
    # The counted schools answering the frame that did not answer this standard.
    unanswered: list[School]
    # Of `answers`: the counted schools, and of those the ones whose status the frame counts as met.
    counted: list[School]
    met: list[School]


def frame_answers(overview: Overview, counted: list[School]) -> tuple[list[StandardAnswers], list[School]]:
    """Per standard of the SWV's frame (none without one) the schools' answers; and the
    schools that name no frame. An answer to an older version counts for the standards
    whose id the current frame still has (ids are stable across versions)."""
    frame = overview.config.kader
    answering = [school for school in overview.schools if school.profile.basisondersteuning.kader]
    silent = [school for school in overview.schools if not school.profile.basisondersteuning.kader]
    if frame is None:
        return [], silent
    given = {school.entry.id: {answer.standaard: answer
                               for answer in school.profile.basisondersteuning.kader.antwoorden
                               if PLACEHOLDER not in answer.status}
             for school in answering}
    counts = {school.entry.id for school in counted}
    rows = []
    for domain in frame.domeinen:
        for standard in domain.standaarden:
            answers = [(school, given[school.entry.id][standard.id]) for school in answering
                       if standard.id in given[school.entry.id]]
            answered = [(school, answer) for school, answer in answers if school.entry.id in counts]
            rows.append(StandardAnswers(
                domain, standard, answers,
                [school for school in answering
                 if school.entry.id in counts and standard.id not in given[school.entry.id]],
                [school for school, _ in answered],
                [school for school, answer in answered if answer.status in frame.voldaan]))
    return rows, silent


def frame_version(school: School, overview: Overview) -> str | None:
    """The older (or other) version of the frame the school answers to; None for the current one."""
    reference = school.profile.basisondersteuning.kader
    frame = overview.config.kader
    if reference is None or frame is None or str(reference.versie) == str(frame.versie):
        return None
    return reference.versie


# --- the SWV's specialisms: per school, from the frame's ids or its own words -----


@dataclass(frozen=True)
class SpecialismAt:
    """How a school has a specialism: a staff member carries the frame's id, or else its own words match."""

    by_id: bool
    words: list[str]


@dataclass(frozen=True)
class SpecialismGrid:
    specialism: frame.Specialisme
    # Every school (counted or not) that has it, in the order of scholen.yml.
    schools: list[tuple[School, SpecialismAt]]
    # Counted schools that have it, that do not, and the counted schools' places where none has it.
    counted: list[School]
    without: list[School]
    places_without: list[str]


def specialism_grid(overview: Overview, counted: list[School]) -> list[SpecialismGrid]:
    """Per specialism of specialismen.yml which schools have it, and where in the region it is missing."""
    by_words, _ = specialisms(overview)
    counts = {school.entry.id for school in counted}
    grid = []
    for item in by_words:
        words = {school.entry.id: texts for school, texts in item.schools}
        schools = []
        for school in overview.schools:
            carried = any(item.specialism.id in person.specialismen
                          for person in school.profile.expertise.medewerkers)
            if carried or school.entry.id in words:
                schools.append((school, SpecialismAt(carried, [] if carried else words[school.entry.id])))
        having = {school.entry.id for school, _ in schools}
        places_with = {place for school in counted if school.entry.id in having for place in school.places}
        places = dict.fromkeys(place for school in counted for place in school.places)
        grid.append(SpecialismGrid(
            item.specialism, schools,
            [school for school, _ in schools if school.entry.id in counts],
            [school for school in counted if school.entry.id not in having],
            sorted((place for place in places if place not in places_with), key=names.name_key)))
    return grid


# --- uitstroom en arrangementen ---------------------------------------------


@dataclass(frozen=True)
class Comparison:
    comparison: swv_schema.Vergelijking
    schools: list[School]  # the schools with a table this comparison reads
    counted: list[School]  # of those, the ones the totals are made over (currency.py)
    # None when no school has a table this comparison reads.
    total: schema.Tabel | None  # per category, added up over the schools
    per_school: schema.Tabel | None  # a group per school
    left_out: list[tuple[School, list[str]]]  # rows in no category


def add_up(values: list) -> int | render.Bound | None:
    """A total that is exact only when every part is: otherwise '≥ n', the least it can be,
    or None ('niet bekend') when that is 0."""
    known = [value for value in values if value is not None]
    total = sum(render.least(value, None) for value in known)
    if known and len(known) == len(values) and not any(isinstance(value, render.Bound) for value in known):
        return total
    # '≥ 0' says nothing: with no part known, or only zeros known, the total is not known.
    return render.Bound(total, f"≥ {total}") if total else None


def _years(tables: list[schema.Tabel]) -> list[str]:
    return sorted({year for table in tables for year in table.schooljaren})


def _table(comparison: swv_schema.Vergelijking, table_id: str, years: list[str], groups: list[dict],
           adds_up: bool) -> schema.Tabel:
    starts = [int(year[:4]) for year in years]
    return schema.Tabel.model_validate({
        "id": table_id,
        "titel": comparison.titel,
        "rijkop": comparison.rijkop,
        "rijen_tellen_op": adds_up,
        "schooljaren": years,
        "schooljaren_met_gaten": starts != list(range(starts[0], starts[0] + len(starts))),
        "groepen": groups,
    })


def _comparison(comparison: swv_schema.Vergelijking, overview: Overview, today: datetime.date) -> Comparison:
    spelling = {names.name_key(s): category.naam for category in comparison.categorieen for s in category.schrijfwijzen}
    wanted = set(comparison.tabellen)
    sources = [(school, [t for t in school.profile.aantallen.tabellen if t.id in wanted]) for school in overview.schools]
    sources = [(school, tables) for school, tables in sources if tables]
    years = _years([table for _, tables in sources for table in tables])
    per_school: list[tuple[School, dict[str, dict[str, list]]]] = []
    left_out = []
    for school, tables in sources:
        values: dict[str, dict[str, list]] = {c.naam: {year: [] for year in years} for c in comparison.categorieen}
        unmatched = []
        for table in tables:
            for row in table.rows:
                category = spelling.get(names.name_key(row.categorie))
                if category is None or table.unit(row) is not None:
                    unmatched.append(row.categorie)
                    continue
                for year in years:
                    values[category][year].append(row.aantallen.get(year))
        per_school.append((school, values))
        if unmatched:
            left_out.append((school, unmatched))
    if not sources:
        return Comparison(comparison, [], [], None, None, left_out)
    adds_up = all(table.rijen_tellen_op for _, tables in sources for table in tables)
    counting = currency.counted_ids(overview, today)

    def school_value(parts: list) -> int | render.Bound | None:
        # A school without a row in this category for this year did not report it; a single
        # row is shown as the school published it ('< 5' stays '< 5').
        if len(parts) == 1:
            return parts[0]
        return add_up(parts) if parts else None

    # Every school stays in the table per school, its marks in its heading; only counted ones add up.
    school_groups = [
        {"kop": school.name + currency.mark_text(school, today), "rijen": [
            {"categorie": name, "aantallen": {year: school_value(parts) for year, parts in per_year.items()}}
            for name, per_year in values.items()
        ]}
        for school, values in per_school
    ]
    totals = [
        {"categorie": category.naam, "aantallen": {
            year: add_up([school_value(values[category.naam][year]) for school, values in per_school
                          if school.entry.id in counting]) for year in years
        }}
        for category in comparison.categorieen
    ]
    return Comparison(
        comparison,
        [school for school, _ in sources],
        [school for school, _ in sources if school.entry.id in counting],
        _table(comparison, comparison.id, years, [{"rijen": totals}], adds_up),
        _table(comparison, comparison.id + PER_SCHOOL, years, school_groups, adds_up),
        left_out,
    )


def comparisons(overview: Overview, today: datetime.date) -> tuple[list[Comparison], list[tuple[School, list[schema.Tabel]]]]:
    """Each comparison of the SWV; and per school its tables that no comparison reads."""
    items = overview.config.vergelijkingen.vergelijkingen
    read = {table_id for item in items for table_id in item.tabellen}
    rest = [
        (school, [table for table in school.profile.aantallen.tabellen if table.id not in read])
        for school in overview.schools
    ]
    return [_comparison(item, overview, today) for item in items], [(school, tables) for school, tables in rest if tables]


# --- correctness -------------------------------------------------------------


def _brins(school: School) -> set[str]:
    """Every BRIN number the profile publishes: the school's and its locations'. Only the
    same number is the same place: '12AB' and '12AB01' are a school and one of its locations."""
    data = school.profile.school
    return {data.brinnummer, *(location.brinnummer for location in data.vestigingen if location.brinnummer)}


def duplicate_brins(overview: Overview) -> list[tuple[str, list[School]]]:
    """Each BRIN number that more than one school of the overview publishes, with those schools."""
    found: dict[str, list[School]] = {}
    for school in overview.schools:
        for brin in sorted(_brins(school)):
            found.setdefault(brin, []).append(school)
    return [(brin, schools) for brin, schools in found.items() if len(schools) > 1]
