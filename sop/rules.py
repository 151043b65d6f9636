"""Rules that span several fields, each problem with the path of the value to fix.

A reader of the SOP takes these for granted: one number per school year,
school years that follow each other, levels 1..n, names and anchors that are
unique.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pydantic import BaseModel

from . import schema

Problem = tuple[tuple, str]


def _duplicates(entries: Iterable[tuple[tuple, str]], what: str) -> Iterator[Problem]:
    first: dict[str, tuple] = {}
    for path, value in entries:
        if value in first:
            yield path, f"{what} '{value}' komt twee keer voor; elke {what} moet uniek zijn"
        else:
            first[value] = path


def _expertise(data: schema.Expertise) -> Iterator[Problem]:
    yield from _duplicates(
        ((("medewerkers", index, "naam"), person.naam) for index, person in enumerate(data.medewerkers)),
        "naam",
    )


def _externe_deskundigen(data: schema.ExterneDeskundigen) -> Iterator[Problem]:
    yield from _duplicates(
        ((("groepen", index, "id"), group.id) for index, group in enumerate(data.groepen)), "id"
    )


def _aantallen(data: schema.Aantallen) -> Iterator[Problem]:
    yield from _duplicates(
        ((("tabellen", index, "id"), table.id) for index, table in enumerate(data.tabellen)), "id"
    )
    for t, table in enumerate(data.tabellen):
        years = table.schooljaren
        yield from _duplicates(
            ((("tabellen", t, "schooljaren", index), year) for index, year in enumerate(years)),
            "schooljaar",
        )
        for index, (earlier, later) in enumerate(zip(years, years[1:]), start=1):
            if int(later[:4]) != int(earlier[:4]) + 1:
                yield (
                    ("tabellen", t, "schooljaren", index),
                    f"de schooljaren moeten op elkaar aansluiten, maar na '{earlier}' komt '{later}'",
                )
        for g, group in enumerate(table.groepen):
            for r, row in enumerate(group.rijen):
                path = ("tabellen", t, "groepen", g, "rijen", r, "aantallen")
                missing = [year for year in years if year not in row.aantallen]
                extra = [year for year in row.aantallen if year not in years]
                if missing:
                    yield path, (
                        f"bij '{row.categorie}' ontbreekt een aantal voor "
                        f"{', '.join(missing)}; elke rij heeft één aantal per schooljaar"
                    )
                for year in extra:
                    yield path + (year,), (
                        f"bij '{row.categorie}' staat een aantal voor {year}, maar dat "
                        f"schooljaar staat niet bij 'schooljaren' van deze tabel"
                    )


def _basisondersteuning(data: schema.Basisondersteuning) -> Iterator[Problem]:
    ids = []
    columns = len(data.statusschaal)
    for d, domain in enumerate(data.domeinen):
        ids.append((("domeinen", d, "id"), domain.id))
        for g, group in enumerate(domain.groepen):
            for i, indicator in enumerate(group.indicatoren):
                path = ("domeinen", d, "groepen", g, "indicatoren", i)
                ids.append((path + ("id",), indicator.id))
                if indicator.status.kolom > columns:
                    yield path + ("status", "kolom"), (
                        f"kolom {indicator.status.kolom} bestaat niet; de statusschaal heeft "
                        f"{columns} kolommen (1 tot en met {columns})"
                    )
    yield from _duplicates(ids, "id")


def _stappenplan(data: schema.Stappenplan) -> Iterator[Problem]:
    for expected, level in enumerate(data.niveaus, start=1):
        if level.niveau != expected:
            yield ("niveaus", expected - 1, "niveau"), (
                "de niveaus moeten 1, 2, 3 … zonder gaten en op volgorde staan; "
                f"hier verwacht: niveau {expected}, gevonden: niveau {level.niveau}"
            )
            return


def _begrippen(data: schema.Begrippen) -> Iterator[Problem]:
    yield from _duplicates(
        (
            (("begrippen", index, "afkorting" if spelling == term.afkorting else "schrijfwijzen"), spelling)
            for index, term in enumerate(data.begrippen)
            for spelling in term.spellings
        ),
        "afkorting",
    )


def _status(data: schema.FormeleStatus) -> Iterator[Problem]:
    established, advice, renewal = data.vastgesteld_op, data.advies_mr_op, data.vernieuwen_voor
    if renewal and not established:
        yield ("vernieuwen_voor",), "vul ook 'vastgesteld_op' in: vernieuwen hoort bij een vaststelling"
    if established and advice and advice > established:
        yield ("advies_mr_op",), (
            f"het advies van de MR ({advice.isoformat()}) moet vóór de vaststelling "
            f"({established.isoformat()}) liggen"
        )
    if established and renewal:
        latest = data.model_copy(update={"vernieuwen_voor": None}).renewal_date
        if renewal > latest:
            yield ("vernieuwen_voor",), (
                f"het SOP moet uiterlijk {schema.RENEWAL_YEARS} jaar na vaststelling vernieuwd "
                f"worden, dus op of vóór {latest.isoformat()}"
            )
        if renewal <= established:
            yield ("vernieuwen_voor",), "de vernieuwingsdatum moet na de vaststelling liggen"


_RULES = {
    schema.FormeleStatus: _status,
    schema.Begrippen: _begrippen,
    schema.Expertise: _expertise,
    schema.ExterneDeskundigen: _externe_deskundigen,
    schema.Aantallen: _aantallen,
    schema.Basisondersteuning: _basisondersteuning,
    schema.Stappenplan: _stappenplan,
}


def problems(value: BaseModel) -> list[Problem]:
    rule = _RULES.get(type(value))
    return list(rule(value)) if rule else []


# --- rules between files --------------------------------------------------

FileProblem = tuple[str, tuple, str]


def across_files(profile) -> Iterator[FileProblem]:
    """Problems that only show when files are read together; (file stem, path, message)."""
    known = profile.all_names()
    for index, name in enumerate(profile.instellingen.namen_verbergen):
        if name not in known:
            yield "instellingen", ("namen_verbergen", index), (
                f"'{name}' staat niet in expertise.yml, sociale-veiligheid.yml of "
                "externe-deskundigen.yml; schrijf de naam precies zoals daar"
            )
    levels = len(profile.stappenplan.niveaus)
    summaries = len(profile.in_het_kort.niveaus)
    if summaries != levels:
        yield "in-het-kort", ("niveaus",), (
            f"er staan {summaries} zinnen bij 'niveaus', maar het stappenplan heeft {levels} "
            "niveaus; geef elk niveau precies één zin"
        )
    for index, point in enumerate(profile.in_het_kort.aanspreekpunten):
        path = ("aanspreekpunten", index)
        if (point.functie is None) == (point.rol is None):
            yield "in-het-kort", path, (
                f"bij '{point.wie}' hoort precies één van 'functie' (uit expertise.yml) of "
                "'rol' (uit sociale-veiligheid.yml of externe-deskundigen.yml)"
            )
        elif not profile.contacts(point):
            source = f"functie '{point.functie}'" if point.functie else f"rol '{point.rol}'"
            yield "in-het-kort", path, f"bij '{point.wie}': niemand heeft de {source}"
