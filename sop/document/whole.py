"""The whole profile as one document, in the order of the site (for the schoolgids).

Wetsvoorstel 36443 moves the SOP into the yearly schoolgids, so a school needs
the profile as one piece of text rather than as a website. The sections the
site shows too come from sop.document.build, so they hold the same facts in the
same words as the site.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from sop.data import names, schema
from sop.data.profile import Profile, published_fields
from sop.document import build
from sop.document.nodes import (
    Block,
    Cell,
    Definition,
    Definitions,
    Heading,
    Items,
    Lines,
    Paragraph,
    RowGroup,
    Strong,
    Table,
    Text,
)
from sop.document.wording import NAME_WITHHELD, latest_school_year, marking_text

DOCUMENT_TITLE = "Schoolondersteuningsprofiel"


def _labelled(label: str, text: str) -> Definitions:
    """'Label: value'; a value of several lines goes below its label."""
    return Definitions((Definition((label,), Text(text)),))


def _strong(text: str) -> Paragraph:
    return Paragraph((Strong(text),))


def _cell(value, running_text: bool) -> Cell:
    if isinstance(value, str):
        return Text(value) if running_text else (value,)
    return Lines(value) if isinstance(value, tuple) else value


def _table(header: tuple[str, ...], rows, running_text: bool = False) -> Table:
    """A table from rows of values (text, several values, or None); a str row is a
    title over the rows after it."""
    groups: list[RowGroup] = [RowGroup(())]
    for row in rows:
        if isinstance(row, str):
            groups.append(RowGroup((), row))
        else:
            cells = tuple(_cell(value, running_text) for value in row)
            groups[-1] = RowGroup((*groups[-1].rows, cells), groups[-1].title)
    return Table("", header, tuple(group for group in groups if group.rows or group.title), running_text=running_text)


# --- the profile as blocks, in the order of the site -----------------------


def _name(name: str, hidden: frozenset[str]) -> str:
    # The site's wording, so the schoolgids and the site say the same.
    return NAME_WITHHELD if names.among(name, hidden) else name


def _summary(profile: Profile, hidden: frozenset[str]) -> Iterator[Block]:
    """'In het kort': the plain-language summary for parents, as on the start page."""
    summary = profile.in_het_kort
    yield Heading(2, "In het kort")
    yield Text("\n\n".join(statement.tekst for statement in summary.inleiding))
    yield Heading(3, "Hulp in stappen")
    yield Items(
        tuple(
            f"{level.title}. {sentence.tekst}"
            for level, sentence in zip(profile.stappenplan.niveaus, summary.niveaus)
        ),
    )
    yield Heading(3, "Waar de grenzen liggen")
    yield Text(summary.grenzen_inleiding)
    yield Items(tuple(limit.tekst for limit in summary.grenzen))
    yield Heading(3, "Met wie praat u eerst?")
    for point in summary.aanspreekpunten:
        holders = ", ".join(_name(name, hidden) for name in profile.contacts(point))
        yield _labelled(f"{point.wie} ({holders})" if holders else point.wie, point.uitleg)


def _introduction(profile: Profile) -> Iterator[Block]:
    school = profile.school
    yield Heading(2, "Inleiding")
    yield Text(profile.inleiding.tekst)
    yield Heading(2, "Contactgegevens")
    yield from build.contact(school, 3)


def _formal_status(profile: Profile) -> Iterator[Block]:
    """School year, adoption and renewal, as on the start page (without today's notice)."""
    yield Heading(2, "Status van dit profiel")
    yield build.formal_status(profile.status, latest_school_year(profile.aantallen))


def _education(profile: Profile) -> Iterator[Block]:
    concept = profile.onderwijsconcept
    yield Heading(2, "Onderwijskundig concept")
    yield Text(concept.visie)
    yield Heading(3, "Welk concept de school volgt")
    yield build.concepts(concept.concepten)
    yield Text(concept.werkwijze)
    yield Heading(3, "Werken op niveau")
    yield Text(concept.aanpak_op_niveau)
    yield Heading(3, "Extra ondersteuning in de groep")
    yield Text(concept.extra_ondersteuning)


def _pride(profile: Profile) -> Iterator[Block]:
    yield Heading(2, "Waarde en trots")
    yield Text(profile.waarde_en_trots.tekst)


def _possibilities(profile: Profile) -> Iterator[Block]:
    data = profile.kansen_en_belemmeringen
    yield Heading(2, "Kansen en belemmeringen")
    yield Heading(3, "Sterke kanten van de school")
    yield Items(tuple(data.sterke_kanten))
    if data.meer_informatie:
        yield Text(data.meer_informatie)
    yield Heading(3, "Planning voor verdere schoolontwikkeling")
    yield Items(tuple(data.schoolontwikkeling))
    yield Heading(3, "Grenzen van de school")
    yield Items(tuple(data.grenzen))
    yield Heading(3, "Plaatsen of behouden van een leerling")
    yield from build.introduced_list(data.plaatsing.inleiding, data.plaatsing.punten)


def _support_structure(profile: Profile, hidden: frozenset[str]) -> Iterator[Block]:
    data = profile.ondersteuningsstructuur
    yield Heading(2, "Ondersteuningsstructuur")
    yield Heading(3, "Zicht op ontwikkeling")
    yield Items(tuple(data.zicht_op_ontwikkeling))
    yield Heading(3, "Gesprekkencyclus intern")
    yield from build.conversation_cycle(data.gesprekkencyclus_intern)
    yield Heading(3, "Gesprekkencyclus ouders")
    yield from build.conversation_cycle(data.gesprekkencyclus_ouders)
    yield from build.care_route(data, 3)

    yield Heading(3, profile.expertise.titel)
    yield build.expertise(profile.expertise, hidden)
    yield Heading(3, profile.sociale_veiligheid.titel)
    yield build.roles(profile.sociale_veiligheid, hidden)
    yield from build.role_groups(profile.externe_deskundigen.groepen, hidden, 3)


def _facts(profile: Profile, threshold: int | None) -> Iterator[Block]:
    yield Heading(2, "Feiten en aantallen")
    for table in profile.aantallen.tabellen:
        yield Heading(3, table.titel)
        note = build.missing_years_note(table)
        if note:
            yield note
        yield build.statistics(table, threshold)


def _basic_support(profile: Profile) -> Iterator[Block]:
    data = profile.basisondersteuning
    columns = data.kolommen
    yield Heading(2, "Basisondersteuning")
    yield from build.basic_support_introduction(data)
    for domain in data.domeinen:
        yield Heading(3, domain.titel)
        scale = data.scale(domain)
        if scale:
            yield Text(f"Beoordeeld door {data.assessor(domain)}.")
            if scale.koppen:
                # The full scale, so the reader knows where a marking stands.
                yield Text(f"Mogelijke waarden voor ‘{columns.status}’, in de volgorde van de kolommen:")
                yield Items(tuple(scale.koppen), numbered=True)
        for group in domain.groepen:
            if group.kop:
                yield _strong(group.kop)
            header = (columns.indicator, columns.status, columns.huidige_situatie) if scale else (
                columns.indicator, columns.huidige_situatie)
            yield _table(
                header,
                tuple(
                    (
                        indicator.indicator,
                        marking_text(scale, indicator.status),
                        indicator.huidige_situatie,
                    )
                    if scale
                    else (indicator.indicator, indicator.huidige_situatie)
                    for indicator in group.indicatoren
                ),
                running_text=True,
            )
    # The school's answers to the samenwerkingsverband's standards, as on the site.
    yield from build.frame_answers(data, profile.kader, 3)


def _support_plan(profile: Profile) -> Iterator[Block]:
    data = profile.stappenplan
    yield Heading(2, "Stappenplan ondersteuning leerling")
    if data.toelichting:
        yield Text(data.toelichting)
    for level in data.niveaus:
        yield Heading(3, level.title)
        yield build.plan_level(level, data.kolommen)


def _glossary(profile: Profile) -> Iterator[Block]:
    yield Heading(2, "Begrippenlijst")
    yield build.glossary(profile.begrippen)


def _humanise(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _leaves(value: Any, label: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, BaseModel):
        for name in schema.content_fields(value):
            yield from _leaves(getattr(value, name), f"{label} › {_humanise(name)}" if label else _humanise(name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value, start=1):
            yield from _leaves(item, f"{label} {index}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{label} › {key}")
    elif value is not None:
        yield label, str(value)


def _generic(name: str, model: BaseModel) -> Iterator[Block]:
    # A data file added later must never silently miss from the schoolgids;
    # until it gets its own section it is shown field by field.
    yield Heading(2, _humanise(name))
    for label, value in _leaves(model, ""):
        yield _labelled(label, value)


def document(profile: Profile, hidden: frozenset[str], threshold: int | None) -> list[Block]:
    """The whole profile as nodes, in the order of the site: what the schoolgids holds."""
    # In the order of the site. A file mapped to () is shown inside another
    # file's section (the inleiding with the contact details, the roster and
    # the roles in the ondersteuningsstructuur).
    sections = {
        "in_het_kort": lambda: _summary(profile, hidden),
        "school": lambda: _introduction(profile),
        "inleiding": lambda: (),
        "status": lambda: _formal_status(profile),
        "onderwijsconcept": lambda: _education(profile),
        "waarde_en_trots": lambda: _pride(profile),
        "kansen_en_belemmeringen": lambda: _possibilities(profile),
        "ondersteuningsstructuur": lambda: _support_structure(profile, hidden),
        "expertise": lambda: (),
        "sociale_veiligheid": lambda: (),
        "externe_deskundigen": lambda: (),
        "aantallen": lambda: _facts(profile, threshold),
        "basisondersteuning": lambda: _basic_support(profile),
        "stappenplan": lambda: _support_plan(profile),
        "begrippen": lambda: _glossary(profile),
    }
    blocks: list[Block] = [Heading(1, f"{DOCUMENT_TITLE} {profile.school.naam}")]
    for section in sections.values():
        blocks += section()
    # published_fields: never the settings file with its names to withhold.
    for name in published_fields():
        if name not in sections:
            blocks += _generic(name, getattr(profile, name))
    return blocks
