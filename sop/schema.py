"""The data contract: one pydantic model per file in data/.

Models are strict (no silent type coercion) and forbid unknown keys, so a typo
such as `funcite:` is an error instead of a dropped field. Rules that span
several fields are in `rules.py`, which can point at the exact offending line.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

Text = Annotated[str, Field(min_length=1)]
OptionalText = Text | None
Count = Annotated[int, Field(ge=0)]


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
SchoolYear = _shaped(
    r"[0-9]{4}/[0-9]{4}",
    "'{value}' is geen geldig schooljaar; schrijf het als twee opeenvolgende jaren met een "
    "schuine streep, bijvoorbeeld '2023/2024'",
    check=lambda value: int(value[5:]) == int(value[:4]) + 1,
)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- school.yml -----------------------------------------------------------


Postcode = _shaped(r"[0-9]{4} ?[A-Z]{2}", "'{value}' is geen Nederlandse postcode; schrijf bijvoorbeeld '1234AB' of '1234 AB'")
Brinnummer = _shaped(
    r"[0-9]{2}[A-Z]{2}", "'{value}' is geen brinnummer; dat is twee cijfers en twee hoofdletters, zoals '12AB'"
)
Telefoon = _shaped(r"\+?[0-9][0-9 \-]{8,14}[0-9]", "'{value}' is geen telefoonnummer; schrijf bijvoorbeeld '020-1234567'")
Email = _shaped(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", "'{value}' is geen e-mailadres; schrijf bijvoorbeeld 'info@school.nl'")
Website = _shaped(r"https?://\S+", "'{value}' is geen volledig webadres; begin met https:// of http://")


class School(Model):
    naam: Text
    straat_en_huisnummer: Text
    postcode: Postcode
    plaats: Text
    brinnummer: Brinnummer
    telefoon: Telefoon
    email: Email
    website: Website


# --- tekstblokken ---------------------------------------------------------


class Inleiding(Model):
    tekst: Text


class WaardeEnTrots(Model):
    tekst: Text


class Concept(Model):
    naam: Text
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
    zorgroute: Annotated[list[Text], Field(min_length=1)]


# --- expertise.yml, sociale-veiligheid.yml, externe-deskundigen.yml -------


class ExpertiseKolommen(Model):
    naam: Text
    functie: Text
    focusgebied: Text


class Medewerker(Model):
    naam: Text
    functie: Annotated[list[Text], Field(min_length=1)]
    focusgebied: Annotated[list[Text], Field(min_length=1)]


class Expertise(Model):
    titel: Text
    kolommen: ExpertiseKolommen
    medewerkers: Annotated[list[Medewerker], Field(min_length=1)]


class Rol(Model):
    rol: Text
    toelichting: OptionalText = None
    # Empty list: the source leaves the role unfilled; the site says so.
    namen: list[Text]


class Rollen(Model):
    titel: Text
    rollen: Annotated[list[Rol], Field(min_length=1)]


class RollenGroep(Rollen):
    id: Slug


class ExterneDeskundigen(Model):
    groepen: Annotated[list[RollenGroep], Field(min_length=1)]


# --- aantallen.yml --------------------------------------------------------


class Rij(Model):
    categorie: Text
    aantallen: dict[SchoolYear, Count]


class Groep(Model):
    kop: OptionalText = None
    rijen: Annotated[list[Rij], Field(min_length=1)]


class Tabel(Model):
    id: Slug
    titel: Text
    rijkop: Text
    schooljaren: Annotated[list[SchoolYear], Field(min_length=1)]
    groepen: Annotated[list[Groep], Field(min_length=1)]

    @property
    def rows(self) -> list[Rij]:
        return [row for group in self.groepen for row in group.rijen]


class Aantallen(Model):
    tabellen: Annotated[list[Tabel], Field(min_length=1)]


# --- basisondersteuning.yml ----------------------------------------------


class BasisKolommen(Model):
    indicator: Text
    huidige_situatie: Text
    status: Text


class Status(Model):
    kolom: Annotated[int, Field(ge=1)]
    markering: Text


class Indicator(Model):
    id: Slug
    indicator: Text
    huidige_situatie: Text
    status: Status


class IndicatorGroep(Model):
    kop: OptionalText = None
    indicatoren: Annotated[list[Indicator], Field(min_length=1)]


class Domein(Model):
    id: Slug
    titel: Text
    groepen: Annotated[list[IndicatorGroep], Field(min_length=1)]

    @property
    def indicatoren(self) -> list[Indicator]:
        return [indicator for group in self.groepen for indicator in group.indicatoren]


class Basisondersteuning(Model):
    kolommen: BasisKolommen
    statusschaal: Annotated[list[Text], Field(min_length=2)]
    domeinen: Annotated[list[Domein], Field(min_length=1)]


# --- stappenplan.yml ------------------------------------------------------


class StappenplanKolommen(Model):
    situatie: Text
    acties: Text
    documenten: Text
    betrokkenen: Text
    planning: Text


class Aanpak(Model):
    acties: OptionalText = None
    documenten: OptionalText = None
    betrokkenen: OptionalText = None
    planning: OptionalText = None


class Situatie(Aanpak):
    situatie: Text


class Niveau(Model):
    niveau: Annotated[int, Field(ge=1)]
    naam: Text
    aanpak: Aanpak
    situaties: Annotated[list[Situatie], Field(min_length=1)]


class Stappenplan(Model):
    toelichting: OptionalText = None
    kolommen: StappenplanKolommen
    niveaus: Annotated[list[Niveau], Field(min_length=1)]


# --- begrippen.yml --------------------------------------------------------


class Begrip(Model):
    afkorting: Text
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
    namen_verbergen: list[Text]
    kleine_aantallen: KleineAantallen

    @property
    def small_number_threshold(self) -> int | None:
        return self.kleine_aantallen.drempel if self.kleine_aantallen.verbergen else None


# --- in-het-kort.yml ------------------------------------------------------


class Aanspreekpunt(Model):
    wie: Text
    uitleg: Text
    # Exactly one of these says where the names come from (checked in rules.py).
    functie: OptionalText = None
    rol: OptionalText = None


class InHetKort(Model):
    inleiding: Text
    niveaus: Annotated[list[Text], Field(min_length=1)]
    grenzen_inleiding: Text
    aanspreekpunten: Annotated[list[Aanspreekpunt], Field(min_length=1)]


# --- status.yml -----------------------------------------------------------

RENEWAL_YEARS = 4  # an SOP is renewed at least every four years


class FormeleStatus(Model):
    schooljaar: SchoolYear | None
    vastgesteld_op: datetime.date | None
    advies_mr_op: datetime.date | None
    vernieuwen_voor: datetime.date | None

    @property
    def renewal_date(self) -> datetime.date | None:
        if self.vernieuwen_voor or not self.vastgesteld_op:
            return self.vernieuwen_voor
        established = self.vastgesteld_op
        try:
            return established.replace(year=established.year + RENEWAL_YEARS)
        except ValueError:  # 29 February
            return established.replace(year=established.year + RENEWAL_YEARS, day=28)
