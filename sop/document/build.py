"""Builders: a section of the profile as document nodes (sop.document.nodes).

Here the facts of a section are chosen and put in order, in their Dutch wording:
which fields, 'niet ingevuld', withheld names, masked small numbers, missing
years. The site, the markdown and the Word document are written from the same
nodes, so a fact added here appears in all of them.
"""

from __future__ import annotations

import datetime
import re

from sop.data import schema
from sop.document.nodes import (
    Aside,
    Block,
    Check,
    Checklist,
    Definition,
    Definitions,
    Empty,
    Group,
    Heading,
    Items,
    Lines,
    Link,
    Paragraph,
    RowGroup,
    Scale,
    Section,
    Strong,
    Table,
    Text,
)
from sop.document.wording import (
    NOT_FILLED_IN,
    concept_state,
    dutch_date,
    missing_headings_notes,
    missing_years,
    role_holders,
    roster_label,
    school_year_text,
    shown_count,
)


def _definition(label: str, *value) -> Definition:
    return Definition((label,), tuple(value))


# --- contactgegevens -----------------------------------------------------------


def _address(place) -> list[Definition]:
    """Address, BRIN and phone of the school or one of its locations (schema.Vestiging)."""
    items = [
        _definition("Straat en huisnummer", place.straat_en_huisnummer),
        _definition("Postcode en plaats", f"{place.postcode} {place.plaats}"),
    ]
    if place.brinnummer:
        items.append(_definition("Brinnummer", place.brinnummer))
    if place.telefoon:
        items.append(_definition("Telefoonnummer", Link(place.telefoon, "phone")))
    return items


def contact(school: schema.School, level: int) -> list[Block]:
    """The school's contact details, then each location under its own name."""
    blocks: list[Block] = [Definitions((
        _definition("Naam", school.naam),
        *_address(school),
        _definition("E-mailadres", Link(school.email, "mail")),
        _definition("Website", Link(school.website)),
    ), "contact")]
    if school.vestigingen:
        # Each location under its own name, so a parent finds the address of their child's building.
        blocks.append(Heading(level, f"Vestigingen ({len(school.vestigingen)})", minor=True))
        blocks += [
            Group((Paragraph((Strong(location.naam),)), Definitions(tuple(_address(location)), "contact")), "location")
            for location in school.vestigingen
        ]
    return blocks


# --- onderwijskundig concept --------------------------------------------------


def concepts(items: list[schema.Concept]) -> Checklist:
    """Each concept with its state in words (the mark alone must not carry it) and the school's note."""
    checks = []
    for concept in items:
        mark, state, kind = concept_state(concept)
        checks.append(Check(mark, concept.naam, state, kind, concept.toelichting))
    return Checklist(tuple(checks))


# --- ondersteuningsstructuur -------------------------------------------------


def introduced_list(introduction: str | None, items: list[str], note: str | None = None) -> list[Block]:
    """An optional lead-in line, a bulleted list, and an optional closing note."""
    blocks: list[Block] = [Paragraph((introduction,))] if introduction else []
    blocks.append(Items(tuple(items)))
    if note:
        blocks.append(Text(note))
    return blocks


def conversation_cycle(cycle: schema.Gesprekkencyclus) -> list[Block]:
    return introduced_list(cycle.inleiding, cycle.momenten, cycle.toelichting)


def care_route(structure: schema.Ondersteuningsstructuur, level: int) -> list[Block]:
    """The school's steps of care under its own name for them."""
    steps = structure.zorgroute
    count = f"{len(steps)} stap" if len(steps) == 1 else f"{len(steps)} stappen"
    blocks: list[Block] = [
        Heading(level, structure.zorgroute_titel, "zorgroute"),
        Paragraph((f"{structure.zorgroute_titel} kent {count}:",)),
        Items(tuple(steps), numbered=True, label="Stap"),
    ]
    if structure.zorgroute_toelichting:
        blocks.append(Text(structure.zorgroute_toelichting))
    return blocks


def expertise(data: schema.Expertise, hidden: frozenset[str]) -> Table:
    columns = data.kolommen
    rows = tuple(
        ((roster_label(person, hidden),), Lines(tuple(person.functie)), Lines(tuple(person.focusgebied)))
        for person in data.medewerkers
    )
    return Table(data.titel, (columns.naam, columns.functie, columns.focusgebied), (RowGroup(rows),), "expertise")


def roles(data: schema.Rollen, hidden: frozenset[str]) -> Table:
    rows = []
    for role in data.rollen:
        holders = role_holders(role, hidden)
        names = (holders,) if holders else (Empty(NOT_FILLED_IN),)
        # The explanation is kept even for an unfilled role: it is a fact too.
        rows.append(((role.rol,), (f"{role.toelichting}: ", *names) if role.toelichting else names))
    return Table(data.titel, ("Rol", "Naam"), (RowGroup(tuple(rows)),), "roles")


def role_groups(groups: list[schema.RollenGroep], hidden: frozenset[str], level: int) -> list[Block]:
    blocks: list[Block] = []
    for group in groups:
        blocks += [Heading(level, group.titel, group.id), roles(group, hidden)]
    return blocks


# --- feiten en aantallen -----------------------------------------------------


def missing_years_note(table: schema.Tabel) -> Paragraph | None:
    missing = missing_years(table)
    if not missing:
        return None
    years = ", ".join(missing[:-1]) + " en " + missing[-1] if len(missing) > 1 else missing[0]
    return Paragraph((f"Over {years} staan geen cijfers in het profiel.",), "note")


def _count(count, threshold: int | None, unit: str | None):
    shown = shown_count(count, threshold, unit)
    return (Empty(shown),) if count is None else (shown,)


def statistics(table: schema.Tabel, threshold: int | None) -> Table:
    """The table as published: masked small numbers, 'niet bekend' where not reported."""
    groups = tuple(
        RowGroup(
            tuple(
                (
                    (row.categorie, Aside(row.toelichting)) if row.toelichting else (row.categorie,),
                    *(_count(row.aantallen[year], threshold, table.unit(row)) for year in table.schooljaren),
                )
                for row in group.rijen
            ),
            group.kop,
        )
        for group in table.groepen
    )
    return Table(
        table.titel, (table.rijkop, *table.schooljaren), groups, "statistics", f"tabel-{table.id}", table.toelichting
    )


# --- basisondersteuning --------------------------------------------------------


def basic_support_introduction(data: schema.Basisondersteuning) -> list[Block]:
    """The school's introduction, and what the profile leaves unexplained about its markings."""
    blocks: list[Block] = [Text(data.inleiding)] if data.inleiding else []
    return blocks + [Paragraph((note,), "note") for note in missing_headings_notes(data)]


# The frame's anchors hold '--', which no id of the school (a slug) has: they never collide
# with the school's own domains and indicators on the same page.
FRAME_ANCHOR = "swv--kader"
NOT_ANSWERED = "nog niet beantwoord"


def _frame_standard(standard, answer: schema.KaderAntwoord | None, statuses: list[str], level: int) -> Section:
    """One standard in the SWV's words, with where the school stands on the SWV's scale."""
    if answer is None:
        blocks: tuple = (Paragraph(("Stand: ", Empty(NOT_ANSWERED)), "label"),)
    else:
        chosen = statuses.index(answer.status) + 1 if answer.status in statuses else None
        blocks = (Paragraph(("Stand: ", Strong(answer.status)), "label"), Scale(tuple(statuses), chosen))
        if answer.toelichting:
            blocks += (Group((Text(answer.toelichting),), "situation"),)
    return Section(level, standard.tekst, f"swv--{standard.id}", blocks, "indicator")


def frame_answers(data: schema.Basisondersteuning, frame, level: int) -> list[Block]:
    """The samenwerkingsverband's standards in its own words (`frame`, read by the build),
    each with the school's answer; without a readable frame, the answers alone."""
    reference = data.kader
    if reference is None:
        return []
    blocks: list[Block] = [Heading(level, "Basisondersteuning van het samenwerkingsverband", FRAME_ANCHOR)]
    answers = {answer.standaard: answer for answer in reference.antwoorden}
    if frame is None:
        return blocks + [
            Paragraph((
                f"De school antwoordt op het kader van het samenwerkingsverband (versie {reference.versie}), "
                "maar dat kader kon bij het maken van deze site niet worden gelezen. Hieronder staan de "
                "antwoorden zonder de tekst van de standaarden.",
            ), "note"),
            Items(tuple(f"{answer.standaard}: {answer.status}" for answer in reference.antwoorden)),
        ]
    blocks.append(Paragraph((
        "Elk samenwerkingsverband legt vast welke basisondersteuning elke school biedt. Hieronder staan de "
        f"standaarden van het samenwerkingsverband (versie {frame.kader.versie}), met per standaard waar de "
        "school staat.",
    )))
    for domain in frame.kader.domeinen:
        blocks.append(Heading(level + 1, domain.titel, f"swv--domein--{domain.id}"))
        blocks += [
            _frame_standard(standard, answers.get(standard.id), frame.kader.statussen, level + 2)
            for standard in domain.standaarden
        ]
    return blocks


# --- stappenplan ---------------------------------------------------------------


def _plan_cells(row: schema.Aanpak) -> tuple[Text | None, ...]:
    return tuple(Text(cell) if cell else None for cell in (row.acties, row.documenten, row.betrokkenen, row.planning))


def plan_level(level: schema.Niveau, columns: schema.StappenplanKolommen) -> Table:
    """One level of the stappenplan: the level's own approach first, then each situation."""
    rows = [(Lines((level.niveau, level.naam)), *_plan_cells(level.aanpak))]
    rows += [(Text(row.situatie), *_plan_cells(row)) for row in level.situaties]
    header = (columns.situatie, columns.acties, columns.documenten, columns.betrokkenen, columns.planning)
    return Table(level.title, header, (RowGroup(tuple(rows)),), "plan", f"tabel-{level.anchor}", running_text=True)


# --- begrippen en status -----------------------------------------------------


def term_anchor(term: schema.Begrip) -> str:
    return "begrip-" + re.sub(r"[^a-z0-9]+", "-", term.afkorting.lower()).strip("-")


def other_spellings(term: schema.Begrip) -> list[str]:
    """The spellings a reader would not recognise as the term: 'Kiva' next to 'KiVa' says
    nothing new, 'IB-er' next to 'IB'er' does (the site finds every spelling either way)."""
    seen = {term.afkorting.casefold()}
    shown = []
    for spelling in term.schrijfwijzen:
        if spelling.casefold() not in seen:
            seen.add(spelling.casefold())
            shown.append(spelling)
    return shown


def glossary(data: schema.Begrippen) -> Definitions:
    items = []
    for term in sorted(data.begrippen, key=lambda term: term.afkorting.lower()):
        full = (f" ({term.volledig})",) if term.volledig else ()
        spellings = other_spellings(term)
        other = f" Ook geschreven als: {', '.join(spellings)}." if spellings else ""
        items.append(Definition((Strong(term.afkorting), *full), (term.uitleg + other,), term_anchor(term)))
    return Definitions(tuple(items), "glossary")


def formal_status(status: schema.FormeleStatus, latest_year: str | None) -> Definitions:
    """School year, adoption and renewal; what is not filled in says so."""

    def shown(value):
        if value is None:
            return Empty(NOT_FILLED_IN)
        return dutch_date(value) if isinstance(value, datetime.date) else value

    return Definitions((
        _definition("Schooljaar", shown(school_year_text(status, latest_year))),
        _definition("Vastgesteld door het bevoegd gezag op", shown(status.vastgesteld_op)),
        _definition("Advies medezeggenschapsraad op", shown(status.advies_mr_op)),
        _definition("Uiterlijk vernieuwen op", shown(status.renewal_date)),
    ), "status")
