"""Rules that span several fields, each problem with the path of the value to fix.

A reader of the SOP takes these for granted: one number per school year,
school years that follow each other, levels 1..n, names and anchors that are
unique.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel

from sop.data import names, schema
from sop.data.datafiles import DATA_FILES

Problem = tuple[tuple, str]


def duplicates(entries: Iterable[tuple[tuple, str]], what: str) -> Iterator[Problem]:
    first: dict[str, tuple] = {}
    for path, value in entries:
        if value in first:
            yield path, f"{what} '{value}' komt twee keer voor; elke {what} moet uniek zijn"
        else:
            first[value] = path


def _expertise(data: schema.Expertise) -> Iterator[Problem]:
    for index, person in enumerate(data.medewerkers):
        if (person.naam is None) == (person.groep is None):
            yield ("medewerkers", index), (
                "geef bij elke medewerker precies één van 'naam' (één persoon) of 'groep' "
                "(meer mensen zonder naam, bijvoorbeeld '18 groepsleerkrachten')"
            )
    yield from duplicates(
        (
            (("medewerkers", index, "naam"), person.naam)
            for index, person in enumerate(data.medewerkers)
            if person.naam
        ),
        "naam",
    )


def _externe_deskundigen(data: schema.ExterneDeskundigen) -> Iterator[Problem]:
    yield from duplicates(
        ((("groepen", index, "id"), group.id) for index, group in enumerate(data.groepen)), "id"
    )


def _aantallen(data: schema.Aantallen) -> Iterator[Problem]:
    yield from duplicates(
        ((("tabellen", index, "id"), table.id) for index, table in enumerate(data.tabellen)), "id"
    )
    for t, table in enumerate(data.tabellen):
        years = table.schooljaren
        yield from duplicates(
            ((("tabellen", t, "schooljaren", index), year) for index, year in enumerate(years)),
            "schooljaar",
        )
        for index, (earlier, later) in enumerate(zip(years, years[1:]), start=1):
            step = int(later[:4]) - int(earlier[:4])
            if step <= 0:
                yield ("tabellen", t, "schooljaren", index), (
                    f"zet de schooljaren van oud naar nieuw: na '{earlier}' komt hier '{later}'"
                )
            elif step > 1 and not table.schooljaren_met_gaten:
                yield ("tabellen", t, "schooljaren", index), (
                    f"de schooljaren moeten op elkaar aansluiten, maar na '{earlier}' komt '{later}'; "
                    "ontbreken er echt cijfers over de jaren ertussen, zet dan "
                    "'schooljaren_met_gaten: true' bij deze tabel"
                )
        units = {table.unit(row) for row in table.rows}
        if table.rijen_tellen_op and len(units) > 1:
            yield ("tabellen", t, "rijen_tellen_op"), (
                "rijen met verschillende eenheden kunnen niet worden opgeteld; "
                "zet 'rijen_tellen_op: false' of geef alle rijen dezelfde eenheid"
            )
        for g, group in enumerate(table.groepen):
            for r, row in enumerate(group.rijen):
                path = ("tabellen", t, "groepen", g, "rijen", r, "aantallen")
                missing = [year for year in years if year not in row.aantallen]
                extra = [year for year in row.aantallen if year not in years]
                if missing:
                    yield path, (
                        f"bij '{row.categorie}' ontbreekt een aantal voor "
                        f"{', '.join(missing)}; elke rij heeft één aantal per schooljaar "
                        "(schrijf null als de school het aantal niet heeft gemeld)"
                    )
                for year in extra:
                    yield path + (year,), (
                        f"bij '{row.categorie}' staat een aantal voor {year}, maar dat "
                        f"schooljaar staat niet bij 'schooljaren' van deze tabel"
                    )
                if table.unit(row) is not None:
                    continue
                for year, value in row.aantallen.items():
                    if isinstance(value, float):
                        yield path + (year,), (
                            f"bij '{row.categorie}' staat {value}, maar een aantal leerlingen is een "
                            "heel getal; gaat het om een percentage of gemiddelde, geef de tabel of "
                            "de rij dan een 'eenheid', bijvoorbeeld eenheid: '%'"
                        )


def _scale(scale: schema.Statusschaal, path: tuple) -> Iterator[Problem]:
    if scale.koppen and len(scale.koppen) != scale.kolommen:
        yield path + ("koppen",), (
            f"er staan {len(scale.koppen)} koppen, maar de statusschaal heeft {scale.kolommen} "
            "kolommen; geef elke kolom één kop, of laat 'koppen' weg als de bron ze niet noemt"
        )


def _basisondersteuning(data: schema.Basisondersteuning) -> Iterator[Problem]:
    ids = []
    if data.statusschaal:
        yield from _scale(data.statusschaal, ("statusschaal",))
    for d, domain in enumerate(data.domeinen):
        ids.append((("domeinen", d, "id"), domain.id))
        if domain.statusschaal:
            yield from _scale(domain.statusschaal, ("domeinen", d, "statusschaal"))
        scale = data.scale(domain)
        if scale is None and not domain.zonder_status:
            yield ("domeinen", d), (
                f"bij '{domain.titel}' ontbreekt een statusschaal: zet 'statusschaal' bovenaan het "
                "bestand of bij dit domein, of 'zonder_status: true' als dit domein alleen beschrijft"
            )
        marked_anyway = False  # one message per domain, not one per indicator
        for g, group in enumerate(domain.groepen):
            for i, indicator in enumerate(group.indicatoren):
                path = ("domeinen", d, "groepen", g, "indicatoren", i)
                ids.append((path + ("id",), indicator.id))
                status = indicator.status
                if domain.zonder_status and status:
                    if not marked_anyway:
                        yield path + ("status",), (
                            f"het domein '{domain.titel}' staat op 'zonder_status: true', dus hier hoort "
                            "geen status; haal de status weg of zet zonder_status op false"
                        )
                    marked_anyway = True
                elif scale and status is None:
                    yield path, "hier ontbreekt de 'status' (met 'kolom' en 'markering')"
                elif scale and status.kolom > scale.kolommen:
                    yield path + ("status", "kolom"), (
                        f"kolom {status.kolom} bestaat niet; de statusschaal heeft "
                        f"{scale.kolommen} kolommen (1 tot en met {scale.kolommen})"
                    )
    yield from duplicates(ids, "id")


def _stappenplan(data: schema.Stappenplan) -> Iterator[Problem]:
    # A level's label gives its anchor (niveau-3a): two labels that read alike would share one.
    first: dict[str, str] = {}
    for index, level in enumerate(data.niveaus):
        if level.anchor in first:
            earlier = first[level.anchor]
            alike = "staat al eerder" if earlier == level.niveau else f"lijkt te veel op niveau '{earlier}'"
            yield ("niveaus", index, "niveau"), (
                f"niveau '{level.niveau}' {alike} in het stappenplan; geef elk niveau een eigen "
                "nummer of naam (bijvoorbeeld 3A en 3B)"
            )
        first.setdefault(level.anchor, level.niveau)


def _begrippen(data: schema.Begrippen) -> Iterator[Problem]:
    yield from duplicates(
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


def checker(rules: dict[type, Callable[[Any], Iterable[Problem]]]) -> Callable[[BaseModel], list[Problem]]:
    """The problems of a value by the rule for its type in `rules`; none for a type without one."""
    def problems(value: BaseModel) -> list[Problem]:
        rule = rules.get(type(value))
        return list(rule(value)) if rule else []

    return problems


problems = checker(_RULES)


# --- rules between files --------------------------------------------------

FileProblem = tuple[str, tuple, str]


def across_files(profile) -> Iterator[FileProblem]:
    """Problems that only show when files are read together; (file stem, path, message)."""
    known = frozenset(profile.all_names())
    for index, name in enumerate(profile.instellingen.namen_verbergen):
        if not names.among(name, known):
            yield "instellingen", ("namen_verbergen", index), (
                f"'{name}' staat niet in expertise.yml, sociale-veiligheid.yml of "
                "externe-deskundigen.yml; schrijf de naam precies zoals daar"
            )
    yield from _hidden_names_in_text(profile)
    # The summary has one plain sentence per level and per limit, in the same order.
    for field, sentences, items, where in (
        ("niveaus", profile.in_het_kort.niveaus, profile.stappenplan.niveaus, "het stappenplan heeft"),
        ("grenzen", profile.in_het_kort.grenzen, profile.kansen_en_belemmeringen.grenzen,
         "kansen-en-belemmeringen.yml noemt"),
    ):
        if len(sentences) != len(items):
            yield "in-het-kort", (field,), (
                f"er staan {len(sentences)} zinnen bij '{field}', maar {where} {len(items)} {field}; "
                "geef elk precies één zin in eenvoudige taal, in dezelfde volgorde"
            )
    yield from _level_references(profile)
    for index, point in enumerate(profile.in_het_kort.aanspreekpunten):
        path = ("aanspreekpunten", index)
        if point.functie is not None and point.rol is not None:
            yield "in-het-kort", path, (
                f"bij '{point.wie}' hoort hooguit één van 'functie' (uit expertise.yml) of "
                "'rol' (uit sociale-veiligheid.yml of externe-deskundigen.yml)"
            )
        elif (point.functie or point.rol) and not profile.contacts(point):
            source = f"functie '{point.functie}'" if point.functie else f"rol '{point.rol}'"
            yield "in-het-kort", path, f"bij '{point.wie}': niemand heeft de {source}"


def _strings(value, path: tuple) -> Iterator[tuple[tuple, str]]:
    """Every text in a validated model, with its path in the data file."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for field in schema.content_fields(value):
            yield from _strings(getattr(value, field), path + (field,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))


# Where a name stands as a name: the site and the exports replace it there.
_NAME_FIELDS = {(schema.Medewerker, "naam"), (schema.Rol, "namen")}


def _hidden_names_in_text(profile) -> Iterator[FileProblem]:
    """A withheld name inside free text would be published: only a person can rewrite it."""
    hidden = profile.hidden_names()
    if not hidden:
        return
    for stem, model in DATA_FILES.items():
        if model is schema.Instellingen:
            continue
        data = getattr(profile, stem.replace("-", "_"))
        for path, text in _strings(data, ()):
            if _is_name_field(data, path):
                continue
            name = names.find_name(text, hidden)
            if name:
                field = next((f"'{step}': " for step in reversed(path) if isinstance(step, str)), "")
                yield stem, path, (
                    f"{field}hier staat de naam '{name}', die volgens instellingen.yml niet gepubliceerd "
                    "mag worden; alleen namen in de lijst met medewerkers en bij rollen worden "
                    "vanzelf weggelaten, dus herschrijf deze tekst zonder de naam"
                )


def _is_name_field(data, path: tuple) -> bool:
    node = data
    for step in path:
        if isinstance(node, BaseModel) and isinstance(step, str):
            if (type(node), step) in _NAME_FIELDS:
                return True
            node = getattr(node, step)
        else:
            node = node[step]
    return False


# What the starter (make nieuwe-school) marks as still to be written.
PLACEHOLDER = "[vul in"
# How a notice about a placeholder starts: the deploy job refuses while one is left.
UNFILLED = "hier staat nog "


# Domains reserved for examples (RFC 2606, 6761): never a school's address.
_EXAMPLE_HOSTS = ("example.com", "example.net", "example.org")
_EXAMPLE_TLDS = ("example", "test", "invalid", "localhost")


def _is_example_address(value: str) -> bool:
    host = (urlsplit(value).hostname if "//" in value else value.rpartition("@")[2]) or ""
    host = host.lower().rstrip(".")
    return host.rpartition(".")[2] in _EXAMPLE_TLDS or any(
        host == example or host.endswith("." + example) for example in _EXAMPLE_HOSTS)


def _starter_samples() -> dict[str, str]:
    """The starter's sample contact details (postcode 1234 AB, …): valid in form, so a check of
    their form lets them go live as the school's own."""
    template = yaml.safe_load((Path(__file__).with_name("starter") / "school.yml").read_text(encoding="utf-8"))
    return {field: str(value) for field, value in template.items()
            if isinstance(value, (str, int)) and PLACEHOLDER not in str(value)}


def _contact_samples(school) -> Iterator[tuple[tuple, str]]:
    samples = _starter_samples()
    places = [((), school)] + [(("vestigingen", index), place) for index, place in enumerate(school.vestigingen)]
    for prefix, place in places:
        for field in type(place).model_fields:
            value = getattr(place, field)
            if isinstance(value, str) and (value == samples.get(field) or (
                    field in ("email", "website") and _is_example_address(value))):
                yield prefix + (field,), value


def notices(profile) -> Iterator[FileProblem]:
    """Valid but unfinished: the site is built, and the build says what is missing."""
    for stem in DATA_FILES:
        for path, text in _strings(getattr(profile, stem.replace("-", "_")), ()):
            if PLACEHOLDER in text:
                yield stem, path, f"{UNFILLED}'{text}'; vul de gegevens van de school in"
    for path, value in _contact_samples(profile.school):
        yield "school", path, f"{UNFILLED}het voorbeeld '{value}'; vul de gegevens van de school in"
    statements = profile.verklaringen
    for path, value in (
        (("toegankelijkheid", "status"), statements.toegankelijkheid.status),
        (("toegankelijkheid", "laatste_controle"), statements.toegankelijkheid.laatste_controle),
        (("toegankelijkheid", "contact"), statements.toegankelijkheid.contact),
        (("toegankelijkheid", "afhandeling"), statements.toegankelijkheid.afhandeling),
        (("controle_wijzigingen",), statements.controle_wijzigingen),
    ):
        if value is None:
            yield "verklaringen", path, (
                f"'{path[-1]}' is niet ingevuld; de site zegt hier 'niet ingevuld' tot de school dit bevestigt"
            )
    # Empty or left out (the form editor leaves an empty field out). An empty vernieuwen_voor
    # is no gap: it means four years after the adoption.
    for field in ("schooljaar", "vastgesteld_op", "advies_mr_op"):
        if getattr(profile.status, field) is None:
            yield "status", (field,), (
                f"'{field}' is niet ingevuld; de site zegt hier 'niet ingevuld'. Vul het in zodra het bekend is"
            )
    for path, _, scale in profile.basisondersteuning.scales_without_headings():
        yield "basisondersteuning", path, (
            f"de {scale.kolommen} statuskolommen hebben geen koppen; de site toont daarom alleen "
            "de markering, niet de kolom. Vul 'koppen' in als de school ze kent"
        )


def _level_references(profile) -> Iterator[FileProblem]:
    """A summary sentence pointing at a level that no longer exists (its label changed)."""
    anchors = {level.anchor for level in profile.stappenplan.niveaus}
    summary = profile.in_het_kort
    for field in ("inleiding", "niveaus", "grenzen", "aanspreekpunten"):
        for index, statement in enumerate(getattr(summary, field)):
            for position, ref in enumerate(statement.bron):
                anchor = ref.partition("#")[2]
                if anchor.startswith("niveau-") and anchor not in anchors:
                    yield "in-het-kort", (field, index, "bron", position), (
                        f"'{ref}' verwijst naar een niveau dat het stappenplan niet (meer) heeft; "
                        f"de niveaus heten nu: {', '.join(sorted(anchors))}"
                    )
