"""How the profile's facts are said, in the same words in every output.

The builders (sop.document.build) and the writers use these: the wording of an
empty field, a withheld name, a masked small number, a date, a marking.
"""

from __future__ import annotations

import datetime
import decimal

from sop.data import schema
from sop.data.names import among

# Generic interface words (not facts about a school).
NOT_FILLED_IN = "niet ingevuld"
CHECKED = "aangekruist"
NOT_CHECKED = "niet aangekruist"
FILLED_IN = "ingevuld"
NOT_REPORTED = "niet bekend"
NAME_WITHHELD = "naam niet gepubliceerd"


def concept_state(concept: schema.Concept) -> tuple[str, str, str]:
    """(symbol, word, css modifier) for a checklist line. A line the school did not tick
    but wrote text on ('Anders nl. …') is answered by that text, not left unticked."""
    if concept.aangekruist:
        return "☑", CHECKED, "ja"
    if concept.toelichting:
        return "✎", FILLED_IN, "ingevuld"
    return "☐", NOT_CHECKED, "nee"


def roster_label(person: schema.Medewerker, hidden: frozenset[str]) -> str:
    """A roster row's first cell: the person's name (or the withheld phrase), or the group."""
    return shown_names([person.naam], hidden)[0] if person.naam else person.groep


def role_holders(role: schema.Rol, hidden: frozenset[str]) -> str | None:
    """Who fills a role, as text: the organisation and the names; None when unfilled."""
    if not role.filled:
        return None
    names = ", ".join(shown_names(role.namen, hidden))
    if role.organisatie:
        return f"{role.organisatie} ({names})" if names else role.organisatie
    return names


class Bound(int):
    """A count known only as a range, as published: a masked '< 5' read back from a
    school's open data, or a total over such counts ('≥ 12'). Its value is the least
    it can be (for sums and bar heights); its text is what is shown."""

    def __new__(cls, least: int, text: str):
        value = super().__new__(cls, least)
        value.text = text
        return value

    def __repr__(self) -> str:
        return f"Bound({int(self)}, {self.text!r})"


def is_masked(count: int | float | None, threshold: int | None) -> bool:
    """With small-number masking on, counts 1..threshold-1 are not published exactly.

    0 stays 0: it identifies no pupil, and hiding it would hide that nobody left.
    Only whole counts of pupils are masked, never a percentage or an average.
    A Bound is never exact.
    """
    return isinstance(count, Bound) or (bool(threshold) and isinstance(count, int) and 0 < count < threshold)


def least(count: int | float, threshold: int | None) -> int | float:
    """The least a published value can be: a masked count is at least 1."""
    if isinstance(count, Bound):
        return int(count)
    return 1 if is_masked(count, threshold) else count


def format_number(value: int | float) -> str:
    """A number as written in Dutch: decimal comma, no exponent, no trailing zeros."""
    if isinstance(value, int):
        return str(value)
    text = format(decimal.Decimal(repr(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def with_unit(number: str, unit: str | None) -> str:
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def shown_count(count: int | float | None, threshold: int | None, unit: str | None = None) -> str:
    """A value as published: exact, '< threshold' when masked, or 'niet bekend' when not reported."""
    if count is None:
        return NOT_REPORTED
    if isinstance(count, Bound):
        return count.text
    if unit is None and is_masked(count, threshold):
        return f"< {threshold}"
    return with_unit(format_number(count), unit)


def missing_years(table: schema.Tabel) -> list[str]:
    """The school years between the table's years that the school does not report."""
    years = table.schooljaren
    starts = [int(year[:4]) for year in years]
    return [
        f"{start}/{start + 1}"
        for earlier, later in zip(starts, starts[1:])
        for start in range(earlier + 1, later)
    ]


def status_heading(scale: schema.Statusschaal, status: schema.Status) -> str | None:
    """The heading of the column the school marked, if the school gave headings.

    Without headings a column number says nothing a parent can check, and '3 van 4'
    reads as a ranking: the site then shows only the school's own mark.
    """
    return scale.koppen[status.kolom - 1] if scale.koppen else None


def marking_text(scale: schema.Statusschaal, status: schema.Status) -> str:
    """The school's mark in quotes, with its column's heading only where the school gave headings."""
    heading = status_heading(scale, status)
    return f"‘{status.markering}’ ({heading})" if heading else f"‘{status.markering}’"


def _quoted_list(words: list[str]) -> str:
    quoted = [f"‘{word}’" for word in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " en " + quoted[-1]


def missing_headings_notes(data: schema.Basisondersteuning) -> list[str]:
    """Dutch sentences, one per scale whose column headings the source does not give."""
    notes = []
    for _, domain, scale in data.scales_without_headings():
        marks = list(dict.fromkeys(
            indicator.status.markering
            for used in data.domeinen if data.scale(used) is scale
            for indicator in used.indicatoren if indicator.status
        ))
        where = f" bij ‘{domain.titel}’" if domain else ""
        if not marks:
            continue
        word, verb = ("de markering", "betekent") if len(marks) == 1 else ("de markeringen", "betekenen")
        notes.append(
            f"Het profiel legt niet uit wat {word} {_quoted_list(marks)}{where} {verb}. "
            "Daarom staat hier bij elk onderdeel alleen de markering, zoals de school die schreef."
        )
    return notes


def shown_names(names: list[str | None], hidden: frozenset[str]) -> list[str]:
    """Names as the site shows them: withheld ones replaced by a neutral phrase."""
    return [NAME_WITHHELD if among(name, hidden) else name for name in names]


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]


def dutch_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def latest_school_year(figures: schema.Aantallen) -> str | None:
    """The newest school year the profile has figures for."""
    years = [year for table in figures.tabellen for year in table.schooljaren]
    return max(years, default=None)


def school_year_text(status: schema.FormeleStatus, latest_year: str | None) -> str | None:
    """The school year, or, when it is not filled in, how recent the figures are."""
    if status.schooljaar or not latest_year:
        return status.schooljaar
    return f"{NOT_FILLED_IN}; de nieuwste cijfers in dit profiel zijn van {latest_year}"
