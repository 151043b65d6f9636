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


def _no_docstring(schema: dict, model: type) -> None:
    # pydantic turns a class docstring into the schema's description; ours are English
    # code comments, and a description is shown to staff as the form's hint.
    schema.pop("description", None)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, json_schema_extra=_no_docstring)


NOTES = "notities"


class WithNotes(Model):
    """A data file, or an item of a list in one: it can carry notes for the staff.

    They are for whoever keeps the data (how a source table was read, where a text
    comes from), so never published: excluded from every dump, left out of sop.json's
    schema, and skipped by every walk over the content (`content_fields`).
    """

    notities: list[Text] = Field([], exclude=True, description=(
        "Uitleg voor wie deze gegevens bijhoudt, bijvoorbeeld hoe een tabel uit de bron is gelezen of waar "
        "een tekst vandaan komt. Ouders zien dit nooit: het staat niet op de site."))


def content_fields(model: BaseModel) -> list[str]:
    """The fields of `model` that hold the profile (published): all but the staff's notes."""
    return [name for name, field in type(model).model_fields.items() if not field.exclude]


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


class Vestiging(WithNotes):
    """A location of the school besides its main address."""

    naam: Annotated[Label, Field(description="De naam van dit gebouw, bijvoorbeeld 'Locatie Noord'.")]
    straat_en_huisnummer: Annotated[Label, Field(description=(
        "Straat en huisnummer van dit gebouw, bijvoorbeeld 'Noordweg 1'."))]
    postcode: Annotated[Postcode, Field(description="De postcode, bijvoorbeeld '1234 AB'.")]
    plaats: Annotated[Label, Field(description="De plaats waar dit gebouw staat.")]
    brinnummer: Annotated[Brinnummer | None, Field(description=(
        "Het brinnummer van dit gebouw met het vestigingsnummer erachter, bijvoorbeeld '12AB01'. Mag leeg blijven."))] = None
    telefoon: Annotated[Telefoon | None, Field(description=(
        "Het telefoonnummer van dit gebouw, als het een eigen nummer heeft. Mag leeg blijven."))] = None


class School(WithNotes):
    naam: Annotated[Label, Field(description="De naam van de school, zoals ouders hem kennen.")]
    straat_en_huisnummer: Annotated[Label, Field(description=(
        "Straat en huisnummer van het hoofdgebouw, bijvoorbeeld 'Schoolstraat 12'."))]
    postcode: Annotated[Postcode, Field(description="De postcode, bijvoorbeeld '1234 AB'.")]
    plaats: Annotated[Label, Field(description="De plaats van het hoofdgebouw.")]
    brinnummer: Annotated[Brinnummer, Field(description=(
        "Het brinnummer: twee cijfers en twee hoofdletters (12AB), of zes tekens met het vestigingsnummer (12AB00)."))]
    telefoon: Annotated[Telefoon, Field(description="Het telefoonnummer van de school, bijvoorbeeld '020-1234567'.")]
    email: Annotated[Email, Field(description="Het algemene e-mailadres van de school, bijvoorbeeld 'info@school.nl'.")]
    website: Annotated[Website, Field(description="De website van de school, met https:// ervoor.")]
    vestigingen: Annotated[list[Vestiging], Field(description=(
        "Heeft de school meer gebouwen? Zet ze hier, elk met een eigen adres. Eén gebouw: laat dit leeg."))] = []


# --- tekstblokken ---------------------------------------------------------


class Inleiding(WithNotes):
    tekst: Annotated[Text, Field(description="De inleiding van het profiel, in de woorden van de school.")]


class WaardeEnTrots(WithNotes):
    tekst: Annotated[Text, Field(description="Waar de school trots op is, in de woorden van de school.")]


class Concept(WithNotes):
    naam: Annotated[Label, Field(description="De naam van het concept, zoals in de checklist van het profiel.")]
    aangekruist: Annotated[bool, Field(description="Aan als de school dit concept in het profiel heeft aangekruist.")]
    toelichting: Annotated[OptionalText, Field(description=(
        "De uitleg van de school bij dit concept, als het profiel die geeft."))] = None


class Onderwijsconcept(WithNotes):
    visie: Annotated[Text, Field(description="De visie van de school op onderwijs.")]
    concepten: Annotated[Annotated[list[Concept], Field(min_length=1)], Field(description=(
        "De checklist uit het profiel: één regel per concept, aangekruist of niet."))]
    werkwijze: Annotated[Text, Field(description="Hoe de school werkt, in de woorden van het profiel.")]
    aanpak_op_niveau: Annotated[Text, Field(description="Hoe de school lesgeeft op verschillende niveaus.")]
    extra_ondersteuning: Annotated[Text, Field(description="Hoe de school extra ondersteuning geeft.")]


class Plaatsing(Model):
    inleiding: Annotated[Text, Field(description="De zin boven de punten over plaatsen en behouden van leerlingen.")]
    punten: Annotated[Annotated[list[Text], Field(min_length=1)], Field(description="Eén punt per regel.")]


class KansenEnBelemmeringen(WithNotes):
    sterke_kanten: Annotated[Annotated[list[Text], Field(min_length=1)], Field(description=(
        "De sterke kanten van de school: één punt per regel."))]
    meer_informatie: Annotated[OptionalText, Field(description=(
        "Waar ouders meer lezen, als het profiel dat noemt."))] = None
    schoolontwikkeling: Annotated[Annotated[list[Text], Field(min_length=1)], Field(description=(
        "Waar de school aan werkt: één punt per regel."))]
    grenzen: Annotated[Annotated[list[Text], Field(min_length=1)], Field(description=(
        "Wat de school niet kan bieden: één grens per regel. In het kort (in-het-kort.yml) staat bij elke grens één zin in eenvoudige taal."))]
    plaatsing: Annotated[Plaatsing, Field(description="Wanneer de school een leerling kan plaatsen of houden.")]


# --- ondersteuningsstructuur.yml -----------------------------------------


class Gesprekkencyclus(Model):
    inleiding: Annotated[OptionalText, Field(description="De zin boven de momenten, als het profiel die heeft.")] = None
    momenten: Annotated[Annotated[list[Text], Field(min_length=1)], Field(description=(
        "De gesprekken in het jaar, in volgorde: één per regel."))]
    toelichting: Annotated[OptionalText, Field(description=(
        "Uitleg onder de momenten, als het profiel die heeft."))] = None


class Ondersteuningsstructuur(WithNotes):
    zicht_op_ontwikkeling: Annotated[Annotated[list[Text], Field(min_length=1)], Field(description=(
        "Hoe de school de ontwikkeling van leerlingen volgt: één punt per regel."))]
    gesprekkencyclus_intern: Annotated[Gesprekkencyclus, Field(description=(
        "De gesprekken binnen de school over leerlingen."))]
    gesprekkencyclus_ouders: Annotated[Gesprekkencyclus, Field(description="De gesprekken met ouders.")]
    # The school's own name for its steps of care, e.g. 'De 1-zorgroute'.
    zorgroute_titel: Annotated[Label, Field(description=(
        "De naam die de school haar zorgroute geeft, bijvoorbeeld 'De 1-zorgroute'."))]
    zorgroute: Annotated[Annotated[list[Text], Field(min_length=1)], Field(description=(
        "De stappen van de zorgroute, in volgorde: één stap per regel."))]
    # How the zorgroute relates to the stappenplan, where the two differ.
    zorgroute_toelichting: Annotated[OptionalText, Field(description=(
        "Hoe de zorgroute en het stappenplan bij elkaar horen, als die twee verschillen."))] = None


# --- expertise.yml, sociale-veiligheid.yml, externe-deskundigen.yml -------


class ExpertiseKolommen(Model):
    naam: Annotated[Label, Field(description="De kop van de kolom met namen, bijvoorbeeld 'Naam'.")]
    functie: Annotated[Label, Field(description="De kop van de kolom met functies, bijvoorbeeld 'Functie'.")]
    focusgebied: Annotated[Label, Field(description=(
        "De kop van de kolom met focusgebieden, bijvoorbeeld 'Focusgebied'."))]


class Medewerker(WithNotes):
    """One person by name, or a group the school does not name ('18 groepsleerkrachten');
    exactly one of the two (checked in rules.py)."""

    naam: Annotated[PersonName | None, Field(description=(
        "De naam van één persoon. Vul naam óf groep in, niet allebei."))] = None
    groep: Annotated[OptionalLabel, Field(description=(
        "Meer mensen zonder naam, bijvoorbeeld '18 groepsleerkrachten'. Vul naam óf groep in, niet allebei."))] = None
    functie: Annotated[Annotated[list[Text], Field(min_length=1)], Field(description=(
        "De functies, één per regel, bijvoorbeeld 'Leerkracht groep 6' en 'Intern begeleider'."))]
    # Absent when the school gives no focus area: nothing is made up.
    focusgebied: Annotated[list[Text], Field(description=(
        "De focusgebieden, één per regel, als het profiel die noemt. Noemt het profiel ze niet, laat dit dan leeg."))] = []
    # Ids from the samenwerkingsverband's frame (basisondersteuning.yml 'kader'), beside the school's own words.
    specialismen: Annotated[list[Slug], Field(
        description="De specialismen uit het kader van het samenwerkingsverband (hun id's), naast de eigen woorden")] = []


class Expertise(WithNotes):
    titel: Annotated[Label, Field(description="De kop boven de tabel, bijvoorbeeld 'Interne expertise'.")]
    kolommen: Annotated[ExpertiseKolommen, Field(description="De koppen van de kolommen.")]
    medewerkers: Annotated[Annotated[list[Medewerker], Field(min_length=1)], Field(description=(
        "Wie er op school werken, in de volgorde van het profiel."))]


class Rol(WithNotes):
    rol: Annotated[Label, Field(description="De naam van de rol, bijvoorbeeld 'Anti-pestcoördinator'.")]
    toelichting: Annotated[OptionalText, Field(description="Uitleg bij de rol, als het profiel die geeft.")] = None
    # Neither names nor an organisation: the source leaves the role unfilled; the site says so.
    namen: Annotated[list[PersonName], Field(description=(
        "Wie deze rol heeft: één naam per regel. Geen naam en geen organisatie: de site zegt 'niet ingevuld'."))] = []
    # A role filled by an organisation or a team rather than a named person.
    organisatie: Annotated[OptionalLabel, Field(description=(
        "Een organisatie of team dat de rol vervult, in plaats van namen, bijvoorbeeld 'het KiVa-team'."))] = None

    @property
    def filled(self) -> bool:
        return bool(self.namen or self.organisatie)


class Rollen(WithNotes):
    titel: Annotated[Label, Field(description="De kop boven de rollen.")]
    rollen: Annotated[Annotated[list[Rol], Field(min_length=1)], Field(description=(
        "De rollen, in de volgorde van het profiel."))]


class RollenGroep(Rollen):
    id: Annotated[Slug, Field(description=(
        "Een korte naam voor het adres van deze groep op de site: kleine letters, cijfers en streepjes, bijvoorbeeld 'contactpersonen'."))]


class ExterneDeskundigen(WithNotes):
    groepen: Annotated[Annotated[list[RollenGroep], Field(min_length=1)], Field(description=(
        "Deskundigen en contactpersonen buiten de school, in groepen met een eigen kop."))]


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


class Rij(WithNotes):
    categorie: Annotated[Label, Field(description="Waar deze rij over gaat, bijvoorbeeld 'Speciaal basisonderwijs'.")]
    aantallen: Annotated[dict[SchoolYear, Value], Field(description=(
        "Per schooljaar het getal, in cijfers (zonder aanhalingstekens), bijvoorbeeld 2023/2024: 5. Heeft de school het getal niet gemeld: null (in het formulier: leeg laten). Elk schooljaar van de tabel heeft hier een getal."))]
    # This row's unit, when it differs from the table's.
    eenheid: Annotated[OptionalLabel, Field(description=(
        "De eenheid van deze rij, als die anders is dan die van de tabel, bijvoorbeeld '%'."))] = None
    toelichting: Annotated[OptionalText, Field(description="Uitleg bij deze rij, als het profiel die geeft.")] = None


class Groep(WithNotes):
    kop: Annotated[OptionalLabel, Field(description="Een tussenkop boven deze rijen, als de tabel die heeft.")] = None
    rijen: Annotated[Annotated[list[Rij], Field(min_length=1)], Field(description="De rijen onder deze kop.")]


class Tabel(WithNotes):
    id: Annotated[Slug, Field(description=(
        "Een korte naam voor het adres van de tabel op de site: kleine letters, cijfers en streepjes, bijvoorbeeld 'uitstroom'."))]
    titel: Annotated[Label, Field(description="De titel boven de tabel.")]
    rijkop: Annotated[Label, Field(description="De kop boven de eerste kolom, bijvoorbeeld 'Aantal leerlingen naar'.")]
    # Each pupil counts in one row only: only then a total and a stacked chart make sense.
    rijen_tellen_op: Annotated[bool, Field(description=(
        "Aan als elke leerling in precies één rij telt. Alleen dan toont de site een totaal en een gestapelde grafiek."))]
    # No unit: whole counts of pupils. Otherwise e.g. '%' or 'gemiddelde score'.
    eenheid: Annotated[OptionalLabel, Field(description=(
        "Leeg bij aantallen leerlingen. Anders de eenheid, bijvoorbeeld '%' of 'gemiddelde score'."))] = None
    schooljaren: Annotated[Annotated[list[SchoolYear], Field(min_length=1)], Field(description=(
        "De schooljaren van de tabel, oud naar nieuw, bijvoorbeeld '2023/2024'. Een nieuw schooljaar zet u achteraan, en u geeft elke rij een getal voor dat jaar."))]
    # The school reports some years and not the ones between: the gap is shown.
    schooljaren_met_gaten: Annotated[bool, Field(description=(
        "Aan als de school sommige schooljaren niet meldt (de jaren ertussen ontbreken). De site laat dat gat dan zien."))] = False
    groepen: Annotated[Annotated[list[Groep], Field(min_length=1)], Field(description=(
        "De rijen van de tabel, eventueel in groepen met een tussenkop."))]
    toelichting: Annotated[OptionalText, Field(description="Uitleg onder de tabel, als het profiel die geeft.")] = None

    @property
    def rows(self) -> list[Rij]:
        return [row for group in self.groepen for row in group.rijen]

    def unit(self, row: Rij) -> str | None:
        return row.eenheid or self.eenheid

    @property
    def counts(self) -> bool:
        """Whole counts of pupils in every row: small-number masking applies."""
        return all(self.unit(row) is None for row in self.rows)


class Aantallen(WithNotes):
    tabellen: Annotated[Annotated[list[Tabel], Field(min_length=1)], Field(description=(
        "De tabellen met cijfers per schooljaar."))]


# --- basisondersteuning.yml ----------------------------------------------


class BasisKolommen(Model):
    indicator: Annotated[Label, Field(description="De kop van de kolom met indicatoren.")]
    huidige_situatie: Annotated[Label, Field(description="De kop van de kolom met de huidige situatie.")]
    status: Annotated[Label, Field(description="De kop van de kolom met de status.")]


class Statusschaal(Model):
    """The status columns of the grid: how many, and their headings when the school gave them."""

    kolommen: Annotated[Annotated[int, Field(ge=1)], Field(description=(
        "Hoeveel statuskolommen de tabel in het profiel heeft."))]
    # Left to right, one per column; empty when the source has no headings.
    koppen: Annotated[list[Label], Field(description=(
        "De koppen van de statuskolommen, van links naar rechts. Noemt het profiel ze niet, laat dit dan leeg: de site bedenkt geen woorden."))] = []


class Status(Model):
    kolom: Annotated[Annotated[int, Field(ge=1)], Field(description=(
        "In welke statuskolom de markering staat: 1 is de eerste van links."))]
    markering: Annotated[Label, Field(description="De markering van de school, letterlijk, bijvoorbeeld 'X'.")]


class Indicator(WithNotes):
    id: Annotated[Slug, Field(description=(
        "Een korte naam voor het adres van de indicator op de site: kleine letters, cijfers en streepjes."))]
    indicator: Annotated[Text, Field(description="De indicator, zoals in het profiel.")]
    huidige_situatie: Annotated[Text, Field(description=(
        "De huidige situatie: een korte beschrijving, zoals in het profiel."))]
    # Absent in a domain 'zonder_status' (descriptive only).
    status: Annotated[Status | None, Field(description=(
        "Waar de school staat. Leeg in een domein zonder status."))] = None


class IndicatorGroep(WithNotes):
    kop: Annotated[OptionalLabel, Field(description=(
        "Een tussenkop boven deze indicatoren, als het profiel die heeft."))] = None
    indicatoren: Annotated[Annotated[list[Indicator], Field(min_length=1)], Field(description=(
        "De indicatoren onder deze kop."))]


class Domein(WithNotes):
    id: Annotated[Slug, Field(description=(
        "Een korte naam voor het adres van het domein op de site: kleine letters, cijfers en streepjes."))]
    titel: Annotated[Label, Field(description="De titel van het domein.")]
    # This domain's own scale and assessor, when they differ from the file's.
    statusschaal: Annotated[Statusschaal | None, Field(description=(
        "Alleen invullen als dit domein andere statuskolommen heeft dan de rest."))] = None
    beoordeeld_door: Annotated[OptionalLabel, Field(description=(
        "Alleen invullen als iemand anders de status van dit domein gaf dan bij de rest."))] = None
    # Only a description per indicator, no status.
    zonder_status: Annotated[bool, Field(description=(
        "Aan als dit domein alleen een beschrijving per indicator heeft, zonder status."))] = False
    groepen: Annotated[Annotated[list[IndicatorGroep], Field(min_length=1)], Field(description=(
        "De indicatoren van het domein, eventueel in groepen met een tussenkop."))]

    @property
    def indicatoren(self) -> list[Indicator]:
        return [indicator for group in self.groepen for indicator in group.indicatoren]


class KaderAntwoord(WithNotes):
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


class Basisondersteuning(WithNotes):
    kolommen: Annotated[BasisKolommen, Field(description="De koppen van de kolommen van de tabel.")]
    # Who set the markings: the school itself, an audit by the samenwerkingsverband, ...
    beoordeeld_door: Annotated[Label, Field(description=(
        "Wie de status gaf, bijvoorbeeld 'de school zelf' of 'een audit van het samenwerkingsverband'."))]
    # The school's own words above the grid, if any.
    inleiding: Annotated[OptionalText, Field(description=(
        "De woorden van de school boven de tabel, als het profiel die heeft."))] = None
    statusschaal: Annotated[Statusschaal | None, Field(description="De statuskolommen van de tabel.")] = None
    domeinen: Annotated[Annotated[list[Domein], Field(min_length=1)], Field(description=(
        "De domeinen, elk met zijn indicatoren."))]
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
    situatie: Annotated[Label, Field(description="De kop van de kolom met de situatie.")]
    acties: Annotated[Label, Field(description="De kop van de kolom met de acties.")]
    documenten: Annotated[Label, Field(description="De kop van de kolom met de documenten.")]
    betrokkenen: Annotated[Label, Field(description="De kop van de kolom met wie er betrokken zijn.")]
    planning: Annotated[Label, Field(description="De kop van de kolom met de planning.")]


class Aanpak(Model):
    acties: Annotated[OptionalText, Field(description="Wat er gebeurt.")] = None
    documenten: Annotated[OptionalText, Field(description="Welke documenten erbij horen.")] = None
    betrokkenen: Annotated[OptionalText, Field(description="Wie er betrokken zijn.")] = None
    planning: Annotated[OptionalText, Field(description="Wanneer het gebeurt.")] = None


class Situatie(WithNotes, Aanpak):
    situatie: Annotated[Text, Field(description="De situatie van de leerling, zoals in het profiel.")]


def _level_label(value):
    # 'niveau: 1' is read as a number, 'niveau: 3A' as text: both are labels.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


LevelLabel = Annotated[
    Label, BeforeValidator(_level_label), WithJsonSchema({"type": ["string", "integer"]})
]


class Niveau(WithNotes):
    # Text, in list order: levels may start at 0 or have sub-levels such as '3A'.
    niveau: Annotated[LevelLabel, Field(description="Het niveau zoals het profiel het noemt: 0, 1, 2 of 3A, 3B.")]
    naam: Annotated[Label, Field(description="De naam van het niveau, bijvoorbeeld 'Basisondersteuning in de groep'.")]
    aanpak: Annotated[Aanpak, Field(description=(
        "De algemene aanpak op dit niveau (de eerste rij van het niveau in het profiel)."))]
    situaties: Annotated[Annotated[list[Situatie], Field(min_length=1)], Field(description=(
        "De situaties op dit niveau, elk met zijn eigen aanpak."))]

    @property
    def anchor(self) -> str:
        return "niveau-" + (re.sub(r"[^a-z0-9]+", "-", self.niveau.lower()).strip("-") or "x")

    @property
    def title(self) -> str:
        return f"Niveau {self.niveau}: {self.naam}"


class Stappenplan(WithNotes):
    toelichting: Annotated[OptionalText, Field(description=(
        "Uitleg boven het stappenplan, als het profiel die geeft."))] = None
    kolommen: Annotated[StappenplanKolommen, Field(description="De koppen van de kolommen.")]
    niveaus: Annotated[Annotated[list[Niveau], Field(min_length=1)], Field(description="De niveaus, in volgorde.")]


# --- begrippen.yml --------------------------------------------------------


class Begrip(WithNotes):
    afkorting: Annotated[Label, Field(description=(
        "De afkorting of vakterm zoals die op de site staat, bijvoorbeeld 'IB'."))]
    volledig: Annotated[OptionalText, Field(description=(
        "De volledige vorm, bijvoorbeeld 'Intern begeleider'. Leeg als het profiel die niet geeft."))] = None
    uitleg: Annotated[Text, Field(description="Eén zin uitleg in gewone taal.")]
    # Other spellings in the source (Kiva, KIVA) that get the same explanation.
    schrijfwijzen: Annotated[list[Text], Field(description=(
        "Andere manieren waarop het profiel dezelfde afkorting schrijft, bijvoorbeeld 'Kiva' naast 'KiVa'."))] = []

    @property
    def title(self) -> str:
        return f"{self.volledig}: {self.uitleg}" if self.volledig else self.uitleg

    @property
    def spellings(self) -> list[str]:
        return [self.afkorting, *self.schrijfwijzen]


class Begrippen(WithNotes):
    begrippen: Annotated[Annotated[list[Begrip], Field(min_length=1)], Field(description=(
        "Elke afkorting en vakterm die op de site staat. Op de site krijgt elke afkorting deze uitleg als u erop tikt of met de muis eroverheen gaat."))]


# --- instellingen.yml -----------------------------------------------------


class KleineAantallen(Model):
    verbergen: Annotated[bool, Field(description=(
        "Aan: een klein aantal leerlingen staat op de site als '< 5', zodat niemand herkenbaar is."))]
    drempel: Annotated[Annotated[int, Field(ge=2)], Field(description=(
        "Vanaf welk aantal een getal wel zichtbaar is, bijvoorbeeld 5."))]


class Instellingen(WithNotes):
    namen_tonen: Annotated[bool, Field(description=(
        "Aan: de namen van medewerkers staan op de site. Uit: alleen hun functies."))]
    namen_verbergen: Annotated[list[PersonName], Field(description=(
        "Namen van mensen die geen toestemming geven voor publicatie: één naam per regel, precies zoals elders geschreven."))]
    kleine_aantallen: Annotated[KleineAantallen, Field(description="Hoe de site kleine aantallen leerlingen toont.")]

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


class Samenvatting(WithNotes):
    """A sentence for parents and the part(s) of the profile it summarises."""

    tekst: Annotated[Text, Field(description=(
        "Eén zin voor ouders in eenvoudige taal. Zeg alleen wat in het profiel staat."))]
    bron: Annotated[Sources, Field(description=(
        "Waar dat in het profiel staat: pagina#onderdeel, bijvoorbeeld 'stappenplan#niveau-1'. Het deel achter # staat in het adres van dat onderdeel."))]


class Aanspreekpunt(WithNotes):
    wie: Annotated[Label, Field(description=(
        "Met wie ouders praten, bijvoorbeeld 'De leerkracht' of 'De intern begeleider'."))]
    uitleg: Annotated[Text, Field(description=(
        "Waarvoor ouders bij dit aanspreekpunt terechtkunnen, in eenvoudige taal."))]
    bron: Annotated[Sources, Field(description=(
        "Waar dat in het profiel staat: pagina#onderdeel, bijvoorbeeld 'ondersteuning#interne-expertise'."))]
    # At most one of these says where the names come from (checked in rules.py);
    # neither for a contact the school describes without a name ('de leerkracht').
    functie: Annotated[OptionalText, Field(description=(
        "Zoekt de namen bij deze functie in expertise.yml. Vul functie óf rol in, of geen van beide voor een aanspreekpunt zonder naam."))] = None
    rol: Annotated[OptionalText, Field(description=(
        "Zoekt de namen bij deze rol in sociale-veiligheid.yml en externe-deskundigen.yml. Vul functie óf rol in, of geen van beide."))] = None


class InHetKort(WithNotes):
    inleiding: Annotated[Annotated[list[Samenvatting], Field(min_length=1)], Field(description=(
        "De samenvatting bovenaan de startpagina: één zin per regel, elk met zijn bron."))]
    # One per level of the stappenplan, in the same order.
    niveaus: Annotated[Annotated[list[Samenvatting], Field(min_length=1)], Field(description=(
        "Eén zin per niveau van het stappenplan, in dezelfde volgorde."))]
    grenzen_inleiding: Annotated[Text, Field(description="De zin boven de grenzen.")]
    # One plain sentence per limit in kansen-en-belemmeringen.yml, in the same order.
    grenzen: Annotated[list[Samenvatting], Field(description=(
        "Eén zin per grens uit kansen-en-belemmeringen.yml, in dezelfde volgorde."))]
    aanspreekpunten: Annotated[Annotated[list[Aanspreekpunt], Field(min_length=1)], Field(description=(
        "Met wie praten ouders eerst? Eén aanspreekpunt per regel."))]


# --- verklaringen.yml -----------------------------------------------------


class Toegankelijkheidsverklaring(Model):
    """What the school itself states about the site's accessibility: null until it does."""

    # Its claim, e.g. 'voldoet gedeeltelijk aan WCAG 2.2 niveau AA'.
    status: Annotated[OptionalText, Field(description=(
        "Wat de school zegt over de toegankelijkheid van de site, bijvoorbeeld 'voldoet gedeeltelijk aan WCAG 2.2 niveau AA'. Leeg tot de school het bevestigt."))] = None
    laatste_controle: Annotated[Date | None, Field(description=(
        "Wanneer de toegankelijkheid voor het laatst is gecontroleerd, bijvoorbeeld 2026-11-29. Leeg tot dat is gebeurd."))] = None
    contact: Annotated[Email | None, Field(description=(
        "Het e-mailadres voor meldingen over de toegankelijkheid, bijvoorbeeld 'info@school.nl'."))] = None
    # What happens with a report, e.g. 'We antwoorden binnen vijf werkdagen.'
    afhandeling: Annotated[OptionalText, Field(description=(
        "Wat er gebeurt met een melding, bijvoorbeeld 'We antwoorden binnen vijf werkdagen.'"))] = None


class Verklaringen(WithNotes):
    """Statements the site makes on the school's behalf, so the school confirms them."""

    toegankelijkheid: Annotated[Toegankelijkheidsverklaring, Field(description=(
        "De toegankelijkheidsverklaring van de site. Leeg tot de school ze bevestigt; de site zegt dan 'niet ingevuld'."))]
    # How a change is checked before it is published.
    controle_wijzigingen: Annotated[OptionalText, Field(description=(
        "Hoe een wijziging wordt nagekeken voordat die op de site komt, bijvoorbeeld 'Een collega kijkt elke wijziging na.' Leeg tot de school het bevestigt."))] = None


# --- status.yml -----------------------------------------------------------

RENEWAL_YEARS = 4  # an SOP is renewed at least every four years


class FormeleStatus(WithNotes):
    # Each may be left out: empty (null) or absent both mean "not filled in" (the form editor
    # leaves an empty field out); make check names the ones still to fill in (rules.notices).
    schooljaar: Annotated[SchoolYear | None, Field(description=(
        "Het schooljaar waarvoor het profiel geldt, bijvoorbeeld '2024/2025'. Leeg (null) als het profiel dat niet noemt."))] = None
    vastgesteld_op: Annotated[Date | None, Field(description=(
        "De datum waarop het bestuur het profiel vaststelde, bijvoorbeeld 2024-10-01. Leeg (null) tot het is vastgesteld."))] = None
    advies_mr_op: Annotated[Date | None, Field(description=(
        "De datum van het advies van de medezeggenschapsraad. Leeg (null) tot die er is."))] = None
    vernieuwen_voor: Annotated[Date | None, Field(description=(
        "Wanneer het profiel uiterlijk vernieuwd moet zijn. Leeg (null): vier jaar na de vaststelling."))] = None

    @property
    def renewal_date(self) -> datetime.date | None:
        if self.vernieuwen_voor or not self.vastgesteld_op:
            return self.vernieuwen_voor
        established = self.vastgesteld_op
        try:
            return established.replace(year=established.year + RENEWAL_YEARS)
        except ValueError:  # 29 February
            return established.replace(year=established.year + RENEWAL_YEARS, day=28)
