"""The data contract: one pydantic model per file in data/.

Models are strict (no silent type coercion) and forbid unknown keys, so a typo
such as `funcite:` is an error instead of a dropped field. Rules that span
several fields are in `rules.py`, which can point at the exact offending line.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator, WithJsonSchema

Text = Annotated[str, Field(min_length=1)]
OptionalText = Text | None
Count = Annotated[int, Field(ge=0)]


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("hier past maar één regel tekst; haal de regelovergang weg")
    return value


# A label, title or name: shown in headings, table headers and links, so one line.
Label = Annotated[str, Field(min_length=1), AfterValidator(_one_line)]
OptionalLabel = Label | None


def _plain_name(value: str) -> str:
    """Refuse invisible and direction-changing characters in a person's name: they make
    a name look like another, so a withheld name could slip through."""
    _one_line(value)
    for character in value:
        if unicodedata.category(character) in ("Cc", "Cf"):
            raise ValueError(
                f"de naam bevat een onzichtbaar teken (U+{ord(character):04X}), vaak meegekopieerd "
                "uit Word of een pdf; typ de naam opnieuw"
            )
    return value


PersonName = Annotated[str, Field(min_length=1), AfterValidator(_plain_name)]


def _shaped(pattern: str, problem: str, check=None):
    """Text of a fixed shape: `pattern` is checked here (with a Dutch message, `problem`
    formatted with the value) and also written to the JSON Schema for editors.
    `check` adds a rule a pattern can't express."""

    def validate(value: str) -> str:
        if not re.fullmatch(pattern, value) or (check and not check(value)):
            raise ValueError(problem.format(value=value))
        return value

    return Annotated[str, AfterValidator(validate), Field(json_schema_extra={"pattern": f"^{pattern}$"})]


Slug = _shaped(
    r"[a-z0-9]+(-[a-z0-9]+)*",
    "'{value}' is geen geldige id; gebruik alleen kleine letters, cijfers en streepjes, "
    "bijvoorbeeld 'op-protocol-dyslexie'",
)
_SCHOOL_YEAR = r"[0-9]{4}/[0-9]{4}"
# Other ways a school year is written in real profiles: 2011-2012, 2011 - 2012, 2011/12, '11-'12.
_OTHER_YEAR_SPELLING = re.compile(r"[’']?([0-9]{2}|[0-9]{4}) ?[-–/] ?[’']?([0-9]{2}|[0-9]{4})")


def _school_year(value: str) -> str:
    if re.fullmatch(_SCHOOL_YEAR, value) and int(value[5:]) == int(value[:4]) + 1:
        return value
    other = _OTHER_YEAR_SPELLING.fullmatch(value.strip())
    first, second = (int(other.group(1)), int(other.group(2))) if other else (0, 0)
    first += 2000 if first < 100 else 0
    if other and not re.fullmatch(_SCHOOL_YEAR, value) and second in (first + 1, (first + 1) % 100):
        raise ValueError(
            f"schrijf het schooljaar '{value}' als '{first}/{first + 1}': vier cijfers, een "
            "schuine streep en het volgende jaar, zodat alle schooljaren hetzelfde geschreven zijn"
        )
    raise ValueError(
        f"'{value}' is geen geldig schooljaar; schrijf het als twee opeenvolgende jaren met een "
        "schuine streep, bijvoorbeeld '2023/2024'"
    )


SchoolYear = Annotated[
    str, AfterValidator(_school_year), Field(json_schema_extra={"pattern": f"^{_SCHOOL_YEAR}$"})
]

# Far wider than any date in a profile, and narrow enough that the site's date
# arithmetic (a renewal years later, a notice months before) stays in range.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def _sane_date(value: datetime.date) -> datetime.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            f"moet een datum tussen {FIRST_YEAR} en {LAST_YEAR} zijn; hier staat {value.isoformat()}. "
            "Controleer het jaartal"
        )
    return value


# The pattern is FIRST_YEAR..LAST_YEAR, for editors.
Date = Annotated[
    datetime.date, AfterValidator(_sane_date), Field(json_schema_extra={"pattern": r"^(19|20|21)[0-9]{2}-"})
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- school.yml -----------------------------------------------------------


Postcode = _shaped(r"[0-9]{4} ?[A-Z]{2}", "'{value}' is geen Nederlandse postcode; schrijf bijvoorbeeld '1234AB' of '1234 AB'")
Brinnummer = _shaped(
    r"[0-9]{2}[A-Z]{2}([0-9]{2})?",
    "'{value}' is geen brinnummer; dat is twee cijfers en twee hoofdletters, zoals '12AB', "
    "eventueel met het vestigingsnummer erachter, zoals '12AB01'",
)
Telefoon = _shaped(r"\+?[0-9][0-9 \-]{8,14}[0-9]", "'{value}' is geen telefoonnummer; schrijf bijvoorbeeld '020-1234567'")
# Only the characters of an ordinary address: it becomes a mailto: link, never anything else.
Email = _shaped(
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}",
    "'{value}' is geen e-mailadres; schrijf bijvoorbeeld 'info@school.nl'",
)
# No quotes, brackets or braces: an address stays an address in every attribute and template.
Website = _shaped(
    r"https?://[A-Za-z0-9\-.]+(:[0-9]+)?(/[^\s\"'<>\\{}|^`]*)?",
    "'{value}' is geen volledig webadres; begin met https:// of http:// en gebruik geen spaties of aanhalingstekens",
)


class Vestiging(Model):
    """A location of the school besides its main address."""

    naam: Label
    straat_en_huisnummer: Label
    postcode: Postcode
    plaats: Label
    brinnummer: Brinnummer | None = None
    telefoon: Telefoon | None = None


class School(Model):
    naam: Label
    straat_en_huisnummer: Label
    postcode: Postcode
    plaats: Label
    brinnummer: Brinnummer
    telefoon: Telefoon
    email: Email
    website: Website
    vestigingen: list[Vestiging] = []


# --- tekstblokken ---------------------------------------------------------


class Inleiding(Model):
    tekst: Text


class WaardeEnTrots(Model):
    tekst: Text


class Concept(Model):
    naam: Label
    aangekruist: bool
    toelichting: OptionalText = None


class Onderwijsconcept(Model):
    visie: Text
    concepten: Annotated[list[Concept], Field(min_length=1)]
    werkwijze: Text
    aanpak_op_niveau: Text
    extra_ondersteuning: Text


class Plaatsing(Model):
    inleiding: Text
    punten: Annotated[list[Text], Field(min_length=1)]


class KansenEnBelemmeringen(Model):
    sterke_kanten: Annotated[list[Text], Field(min_length=1)]
    meer_informatie: OptionalText = None
    schoolontwikkeling: Annotated[list[Text], Field(min_length=1)]
    grenzen: Annotated[list[Text], Field(min_length=1)]
    plaatsing: Plaatsing


# --- ondersteuningsstructuur.yml -----------------------------------------


class Gesprekkencyclus(Model):
    inleiding: OptionalText = None
    momenten: Annotated[list[Text], Field(min_length=1)]
    toelichting: OptionalText = None


class Ondersteuningsstructuur(Model):
    zicht_op_ontwikkeling: Annotated[list[Text], Field(min_length=1)]
    gesprekkencyclus_intern: Gesprekkencyclus
    gesprekkencyclus_ouders: Gesprekkencyclus
    # The school's own name for its steps of care, e.g. 'De 1-zorgroute'.
    zorgroute_titel: Label
    zorgroute: Annotated[list[Text], Field(min_length=1)]
    # How the zorgroute relates to the stappenplan, where the two differ.
    zorgroute_toelichting: OptionalText = None


# --- expertise.yml, sociale-veiligheid.yml, externe-deskundigen.yml -------


class ExpertiseKolommen(Model):
    naam: Label
    functie: Label
    focusgebied: Label


class Medewerker(Model):
    """One person by name, or a group the school does not name ('18 groepsleerkrachten');
    exactly one of the two (checked in rules.py)."""

    naam: PersonName | None = None
    groep: OptionalLabel = None
    functie: Annotated[list[Text], Field(min_length=1)]
    # Absent when the school gives no focus area: nothing is made up.
    focusgebied: list[Text] = []
    # Ids from the samenwerkingsverband's frame (basisondersteuning.yml 'kader'), beside the school's own words.
    specialismen: Annotated[list[Slug], Field(
        description="De specialismen uit het kader van het samenwerkingsverband (hun id's), naast de eigen woorden")] = []


class Expertise(Model):
    titel: Label
    kolommen: ExpertiseKolommen
    medewerkers: Annotated[list[Medewerker], Field(min_length=1)]


class Rol(Model):
    rol: Label
    toelichting: OptionalText = None
    # Neither names nor an organisation: the source leaves the role unfilled; the site says so.
    namen: list[PersonName] = []
    # A role filled by an organisation or a team rather than a named person.
    organisatie: OptionalLabel = None

    @property
    def filled(self) -> bool:
        return bool(self.namen or self.organisatie)


class Rollen(Model):
    titel: Label
    rollen: Annotated[list[Rol], Field(min_length=1)]


class RollenGroep(Rollen):
    id: Slug


class ExterneDeskundigen(Model):
    groepen: Annotated[list[RollenGroep], Field(min_length=1)]


# --- aantallen.yml --------------------------------------------------------


# A number in a table: a count of pupils, or with a unit (%, an average) any number;
# null when the school did not report it (checked per unit in rules.py).
def _value(value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(
            "moet een getal in cijfers zijn (zonder aanhalingstekens), of null als de school het "
            f"niet heeft gemeld; hier staat '{value}'"
        )
    if value < 0:
        raise ValueError(f"moet 0 of meer zijn, maar hier staat {value}")
    return value


Value = Annotated[
    int | float | None,
    PlainValidator(_value),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, {"type": "number", "minimum": 0}, {"type": "null"}]}),
]


class Rij(Model):
    categorie: Label
    aantallen: dict[SchoolYear, Value]
    # This row's unit, when it differs from the table's.
    eenheid: OptionalLabel = None
    toelichting: OptionalText = None


class Groep(Model):
    kop: OptionalLabel = None
    rijen: Annotated[list[Rij], Field(min_length=1)]


class Tabel(Model):
    id: Slug
    titel: Label
    rijkop: Label
    # Each pupil counts in one row only: only then a total and a stacked chart make sense.
    rijen_tellen_op: bool
    # No unit: whole counts of pupils. Otherwise e.g. '%' or 'gemiddelde score'.
    eenheid: OptionalLabel = None
    schooljaren: Annotated[list[SchoolYear], Field(min_length=1)]
    # The school reports some years and not the ones between: the gap is shown.
    schooljaren_met_gaten: bool = False
    groepen: Annotated[list[Groep], Field(min_length=1)]
    toelichting: OptionalText = None

    @property
    def rows(self) -> list[Rij]:
        return [row for group in self.groepen for row in group.rijen]

    def unit(self, row: Rij) -> str | None:
        return row.eenheid or self.eenheid

    @property
    def counts(self) -> bool:
        """Whole counts of pupils in every row: small-number masking applies."""
        return all(self.unit(row) is None for row in self.rows)


class Aantallen(Model):
    tabellen: Annotated[list[Tabel], Field(min_length=1)]


# --- basisondersteuning.yml ----------------------------------------------


class BasisKolommen(Model):
    indicator: Label
    huidige_situatie: Label
    status: Label


class Statusschaal(Model):
    """The status columns of the grid: how many, and their headings when the school gave them."""

    kolommen: Annotated[int, Field(ge=1)]
    # Left to right, one per column; empty when the source has no headings.
    koppen: list[Label] = []


class Status(Model):
    kolom: Annotated[int, Field(ge=1)]
    markering: Label


class Indicator(Model):
    id: Slug
    indicator: Text
    huidige_situatie: Text
    # Absent in a domain 'zonder_status' (descriptive only).
    status: Status | None = None


class IndicatorGroep(Model):
    kop: OptionalLabel = None
    indicatoren: Annotated[list[Indicator], Field(min_length=1)]


class Domein(Model):
    id: Slug
    titel: Label
    # This domain's own scale and assessor, when they differ from the file's.
    statusschaal: Statusschaal | None = None
    beoordeeld_door: OptionalLabel = None
    # Only a description per indicator, no status.
    zonder_status: bool = False
    groepen: Annotated[list[IndicatorGroep], Field(min_length=1)]

    @property
    def indicatoren(self) -> list[Indicator]:
        return [indicator for group in self.groepen for indicator in group.indicatoren]


class KaderAntwoord(Model):
    standaard: Annotated[Slug, Field(description="De id van de standaard in het kader")]
    status: Annotated[Label, Field(description="Waar de school staat: een status uit het kader")]
    toelichting: Annotated[OptionalText, Field(description="De eigen uitleg van de school")] = None


class KaderVerwijzing(Model):
    """The samenwerkingsverband's frame the school answers to; its texts come from the frame."""

    bron: Annotated[Label, Field(description=(
        "Het adres van kader.json van het samenwerkingsverband, of een pad naar het kader op deze computer "
        "(vanaf de map data/)"))]
    versie: Annotated[Label, Field(description="De versie van het kader waarop de school antwoordt")]
    antwoorden: Annotated[list[KaderAntwoord], Field(description="Per standaard van het kader: waar de school staat")] = []


class Basisondersteuning(Model):
    kolommen: BasisKolommen
    # Who set the markings: the school itself, an audit by the samenwerkingsverband, ...
    beoordeeld_door: Label
    # The school's own words above the grid, if any.
    inleiding: OptionalText = None
    statusschaal: Statusschaal | None = None
    domeinen: Annotated[list[Domein], Field(min_length=1)]
    kader: Annotated[KaderVerwijzing | None, Field(
        description="Het kader van het samenwerkingsverband waarop de school antwoordt")] = None

    def scale(self, domain: Domein) -> Statusschaal | None:
        return None if domain.zonder_status else (domain.statusschaal or self.statusschaal)

    def assessor(self, domain: Domein) -> str:
        return domain.beoordeeld_door or self.beoordeeld_door

    def scales_without_headings(self) -> list[tuple[tuple, Domein | None, Statusschaal]]:
        """(path in the file, its domain or None for the file's own, scale) for each scale
        some domain uses whose column headings the source does not give."""
        scales = [(("statusschaal",), None, self.statusschaal)] + [
            (("domeinen", index, "statusschaal"), domain, domain.statusschaal)
            for index, domain in enumerate(self.domeinen)
        ]
        return [
            (path, domain, scale)
            for path, domain, scale in scales
            if scale and not scale.koppen and any(self.scale(used) is scale for used in self.domeinen)
        ]


# --- stappenplan.yml ------------------------------------------------------


class StappenplanKolommen(Model):
    situatie: Label
    acties: Label
    documenten: Label
    betrokkenen: Label
    planning: Label


class Aanpak(Model):
    acties: OptionalText = None
    documenten: OptionalText = None
    betrokkenen: OptionalText = None
    planning: OptionalText = None


class Situatie(Aanpak):
    situatie: Text


def _level_label(value):
    # 'niveau: 1' is read as a number, 'niveau: 3A' as text: both are labels.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


LevelLabel = Annotated[
    Label, BeforeValidator(_level_label), WithJsonSchema({"type": ["string", "integer"]})
]


class Niveau(Model):
    # Text, in list order: levels may start at 0 or have sub-levels such as '3A'.
    niveau: LevelLabel
    naam: Label
    aanpak: Aanpak
    situaties: Annotated[list[Situatie], Field(min_length=1)]

    @property
    def anchor(self) -> str:
        return "niveau-" + (re.sub(r"[^a-z0-9]+", "-", self.niveau.lower()).strip("-") or "x")

    @property
    def title(self) -> str:
        return f"Niveau {self.niveau}: {self.naam}"


class Stappenplan(Model):
    toelichting: OptionalText = None
    kolommen: StappenplanKolommen
    niveaus: Annotated[list[Niveau], Field(min_length=1)]


# --- begrippen.yml --------------------------------------------------------


class Begrip(Model):
    afkorting: Label
    volledig: OptionalText = None
    uitleg: Text
    # Other spellings in the source (Kiva, KIVA) that get the same explanation.
    schrijfwijzen: list[Text] = []

    @property
    def title(self) -> str:
        return f"{self.volledig}: {self.uitleg}" if self.volledig else self.uitleg

    @property
    def spellings(self) -> list[str]:
        return [self.afkorting, *self.schrijfwijzen]


class Begrippen(Model):
    begrippen: Annotated[list[Begrip], Field(min_length=1)]


# --- instellingen.yml -----------------------------------------------------


class KleineAantallen(Model):
    verbergen: bool
    drempel: Annotated[int, Field(ge=2)]


class Instellingen(Model):
    namen_tonen: bool
    namen_verbergen: list[PersonName]
    kleine_aantallen: KleineAantallen

    @property
    def small_number_threshold(self) -> int | None:
        return self.kleine_aantallen.drempel if self.kleine_aantallen.verbergen else None


# --- in-het-kort.yml ------------------------------------------------------


# Where in the profile a summary sentence comes from: 'page#anchor', e.g.
# 'stappenplan#niveau-6'. The build fails on a reference that does not resolve.
SourceRef = _shaped(
    r"[a-z0-9-]+#[a-z0-9-]+",
    "'{value}' is geen verwijzing naar een onderdeel; schrijf pagina#onderdeel, "
    "bijvoorbeeld 'stappenplan#niveau-6' (het deel achter # staat in het adres van dat onderdeel)",
)
Sources = Annotated[list[SourceRef], Field(min_length=1)]


class Samenvatting(Model):
    """A sentence for parents and the part(s) of the profile it summarises."""

    tekst: Text
    bron: Sources


class Aanspreekpunt(Model):
    wie: Label
    uitleg: Text
    bron: Sources
    # At most one of these says where the names come from (checked in rules.py);
    # neither for a contact the school describes without a name ('de leerkracht').
    functie: OptionalText = None
    rol: OptionalText = None


class InHetKort(Model):
    inleiding: Annotated[list[Samenvatting], Field(min_length=1)]
    # One per level of the stappenplan, in the same order.
    niveaus: Annotated[list[Samenvatting], Field(min_length=1)]
    grenzen_inleiding: Text
    # One plain sentence per limit in kansen-en-belemmeringen.yml, in the same order.
    grenzen: list[Samenvatting]
    aanspreekpunten: Annotated[list[Aanspreekpunt], Field(min_length=1)]


# --- verklaringen.yml -----------------------------------------------------


class Toegankelijkheidsverklaring(Model):
    """What the school itself states about the site's accessibility: null until it does."""

    # Its claim, e.g. 'voldoet gedeeltelijk aan WCAG 2.2 niveau AA'.
    status: OptionalText = None
    laatste_controle: Date | None = None
    contact: Email | None = None
    # What happens with a report, e.g. 'We antwoorden binnen vijf werkdagen.'
    afhandeling: OptionalText = None


class Verklaringen(Model):
    """Statements the site makes on the school's behalf, so the school confirms them."""

    toegankelijkheid: Toegankelijkheidsverklaring
    # How a change is checked before it is published.
    controle_wijzigingen: OptionalText = None


# --- status.yml -----------------------------------------------------------

RENEWAL_YEARS = 4  # an SOP is renewed at least every four years


class FormeleStatus(Model):
    schooljaar: SchoolYear | None
    vastgesteld_op: Date | None
    advies_mr_op: Date | None
    vernieuwen_voor: Date | None

    @property
    def renewal_date(self) -> datetime.date | None:
        if self.vernieuwen_voor or not self.vastgesteld_op:
            return self.vernieuwen_voor
        established = self.vastgesteld_op
        try:
            return established.replace(year=established.year + RENEWAL_YEARS)
        except ValueError:  # 29 February
            return established.replace(year=established.year + RENEWAL_YEARS, day=28)
