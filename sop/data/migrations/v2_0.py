"""Step 1.0 -> 2.0: the only code that knows the 1.0 format.

1.0 (until commit 7519937) had no rijen_tellen_op, a status scale as a list of
headings, no assessor, 'In het kort' as plain text without sources, no name for
the zorgroute and no verklaringen.yml. Each piece is changed only when it still
has its 1.0 shape, so a folder that is partly (or wholly) 2.0 is left as it is.

Where 2.0 needs a fact that 1.0 did not have, the step takes what 1.0 showed on
the site, or writes a '[vul in: …]' text that make check reports; every such
choice is recorded (`parts.choose`) and printed by make bijwerken.
"""

from __future__ import annotations

from sop.data import schema
from sop.data.migrations.parts import Parts

SOURCE, TARGET = "1.0", "2.0"

# The part of the site every 1.0 summary sentence came from, by the 1.0 file's own
# comment ('Alles hier staat ook in het SOP zelf'): the whole profile.
WHOLE_PROFILE = "volledig-profiel#volledig-profiel"
LIMITS = "mogelijkheden-en-grenzen#grenzen"
PLAN = "stappenplan#stappenplan"
# Where 1.0 took a contact point's names from (Profile.contacts), by field and file.
ROSTER = "ondersteuning#interne-expertise"
STATEMENTS_COMMENT = (
    "Uitspraken die de site namens de school doet (toegankelijkheid, hoe wijzigingen\n"
    "worden nagekeken). Leeg (null) tot de school ze bevestigt; de site zegt dan\n"
    "\"niet ingevuld\" en make check noemt wat nog openstaat.\n"
)
ROLE_PAGES = {"sociale-veiligheid": "ondersteuning#sociale-veiligheid", "externe-deskundigen": "ondersteuning#extern"}


def _mapping(value) -> bool:
    return isinstance(value, dict)


def _mappings(value) -> list:
    return [item for item in value if _mapping(item)] if isinstance(value, list) else []


def _texts(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def detect(parts: Parts) -> bool:
    """Whether any piece of the folder (or document) still has its 1.0 shape."""
    tables = _mappings((parts.get("aantallen") or {}).get("tabellen"))
    grid = parts.get("basisondersteuning")
    summary = parts.get("in-het-kort")
    structure = parts.get("ondersteuningsstructuur")
    return (
        (parts.get("verklaringen") is None and parts.missing("verklaringen"))
        or any("rijen_tellen_op" not in table for table in tables)
        or (_mapping(grid) and (_texts(grid.get("statusschaal")) or "beoordeeld_door" not in grid))
        or (_mapping(summary) and (
            isinstance(summary.get("inleiding"), str)
            or (_texts(summary.get("niveaus")) and bool(summary.get("niveaus")))
            or "grenzen" not in summary
            or any("bron" not in point for point in _mappings(summary.get("aanspreekpunten")))))
        or (_mapping(structure) and "zorgroute_titel" not in structure)
    )


def upgrade(parts: Parts) -> None:
    _tables(parts)
    _grid(parts)
    _summary(parts)
    _structure(parts)
    _statements(parts)


def _tables(parts: Parts) -> None:
    tables = (parts.get("aantallen") or {}).get("tabellen")
    for index, table in enumerate(_mappings(tables)):
        if "rijen_tellen_op" in table:
            continue
        parts.insert_after(table, "rijkop", "rijen_tellen_op", False)
        parts.note(table, "rijen_tellen_op", "make bijwerken: false, want 1.0 zei niet of een leerling in één rij telt")
        parts.choose("aantallen", ("tabellen", index, "rijen_tellen_op"), (
            f"tabel '{table.get('titel', table.get('id'))}': rijen_tellen_op is false gezet. Versie 1.0 telde de "
            "rijen altijd op tot een totaal, ook als een leerling in meer rijen stond; nu staat er geen totaal "
            "en geen gestapelde grafiek, dus ook geen totaal dat niet klopt. Telt elke leerling in precies één "
            "rij? Zet dan true"))


def _grid(parts: Parts) -> None:
    grid = parts.get("basisondersteuning")
    if not _mapping(grid):
        return
    scale = grid.get("statusschaal")
    if _texts(scale) and scale:
        # 1.0's list was the headings of the status columns, left to right, one per column.
        parts.replace(grid, "statusschaal", parts.block(kolommen=len(scale), koppen=scale))
    if "beoordeeld_door" not in grid:
        parts.insert_after(grid, "kolommen", "beoordeeld_door",
                           parts.unfilled("wie de status in dit overzicht heeft gegeven, bijvoorbeeld de school zelf"))
        parts.choose("basisondersteuning", ("beoordeeld_door",), (
            "beoordeeld_door is nieuw en stond niet in versie 1.0: vul in wie de status heeft gegeven"))


def _summary(parts: Parts) -> None:
    summary = parts.get("in-het-kort")
    if not _mapping(summary):
        return
    introduction = summary.get("inleiding")
    if isinstance(introduction, str):
        # 1.0 showed each line as its own line (text_block); '- ' started a bullet.
        lines = [line.strip().removeprefix("- ").strip() for line in introduction.splitlines()]
        parts.replace(summary, "inleiding",
                      [parts.block(tekst=line, bron=parts.flow([WHOLE_PROFILE])) for line in lines if line])
        parts.note(summary, "inleiding", "make bijwerken: elke zin verwijst naar het volledige profiel; kies het onderdeel")
        parts.choose("in-het-kort", ("inleiding",), (
            "de inleiding staat nu per zin, met als bron het volledige profiel (versie 1.0 noemde geen bron). "
            "Zet bij elke zin het onderdeel waar het staat, bijvoorbeeld onderwijs#werken-op-niveau"))
    levels = summary.get("niveaus")
    if _texts(levels) and levels:
        anchors = [_level_anchor(level) for level in _mappings((parts.get("stappenplan") or {}).get("niveaus"))]
        parts.replace(summary, "niveaus", [
            parts.block(tekst=text, bron=parts.flow([anchors[index] if index < len(anchors) else PLAN]))
            for index, text in enumerate(levels)
        ])
        parts.choose("in-het-kort", ("niveaus",), (
            "elke zin bij niveaus heeft als bron het niveau van het stappenplan op dezelfde plaats, "
            "waar versie 1.0 de zin ook naartoe linkte"))
    if "grenzen" not in summary:
        limits = (parts.get("kansen-en-belemmeringen") or {}).get("grenzen")
        limits = limits if _texts(limits) else []
        parts.insert_after(summary, "grenzen_inleiding", "grenzen",
                           [parts.block(tekst=text, bron=parts.flow([LIMITS])) for text in limits])
        parts.choose("in-het-kort", ("grenzen",), (
            "grenzen is nieuw: hier staan de grenzen uit kansen-en-belemmeringen.yml, woord voor woord, zoals "
            "versie 1.0 ze hier toonde. Schrijf ze gerust in eenvoudiger woorden, één zin per grens"))
    for index, point in enumerate(_mappings(summary.get("aanspreekpunten"))):
        if "bron" not in point:
            source, why = _contact_source(parts, point)
            parts.insert_after(point, "uitleg", "bron", parts.flow([source]))
            parts.choose("in-het-kort", ("aanspreekpunten", index, "bron"), (
                f"aanspreekpunt '{point.get('wie')}': bron {source}, {why}"))


def _level_anchor(level: dict) -> str:
    # The anchor the site gives this level (one definition: schema.Niveau).
    label = level.get("niveau")
    return f"stappenplan#{schema.Niveau.model_construct(niveau=str(label)).anchor}"


def _contact_source(parts: Parts, point: dict) -> tuple[str, str]:
    """Where the contact point's names come from, as 1.0 looked them up, and why."""
    if point.get("functie"):
        return ROSTER, "want de namen komen uit expertise.yml (functie)"
    for stem, page in ROLE_PAGES.items():
        roles = _roles(parts.get(stem))
        if point.get("rol") and point.get("rol") in roles:
            return page, f"want de namen komen uit {stem}.yml (rol)"
    return WHOLE_PROFILE, "het volledige profiel (versie 1.0 noemde geen bron); kies het onderdeel waar het staat"


def _roles(data) -> set:
    if not _mapping(data):
        return set()
    lists = [data.get("rollen")] + [group.get("rollen") for group in _mappings(data.get("groepen"))]
    return {role.get("rol") for roles in lists for role in _mappings(roles)}


def _structure(parts: Parts) -> None:
    structure = parts.get("ondersteuningsstructuur")
    if _mapping(structure) and "zorgroute_titel" not in structure:
        keys = list(structure)
        before = keys[keys.index("zorgroute") - 1] if "zorgroute" in keys and keys.index("zorgroute") else None
        parts.insert_after(structure, before, "zorgroute_titel",
                           parts.unfilled("de naam die de school haar zorgroute geeft, bijvoorbeeld De zorgroute"))
        parts.choose("ondersteuningsstructuur", ("zorgroute_titel",), (
            "zorgroute_titel is nieuw: de naam van de zorgroute stond in versie 1.0 niet in de gegevens; vul hem in"))


def _statements(parts: Parts) -> None:
    if parts.get("verklaringen") is None and parts.missing("verklaringen"):
        parts.create("verklaringen", STATEMENTS_COMMENT, {
            "toegankelijkheid": {"status": None, "laatste_controle": None, "contact": None, "afhandeling": None},
            "controle_wijzigingen": None,
        })
        parts.choose("verklaringen", (), (
            "nieuw bestand: wat de site namens de school verklaart (toegankelijkheid, nakijken van wijzigingen). "
            "Alles staat op null: de site zegt 'niet ingevuld' tot de school het invult"))
