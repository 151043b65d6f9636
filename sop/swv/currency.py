"""Which profiles the overview counts: an expired profile, or one with '[vul in: …]'
left, is marked wherever it appears and, unless the SWV says otherwise
(samenwerkingsverband.yml 'ook_meetellen'), left out of every count."""

from __future__ import annotations

import datetime

from sop.writers.render import escape, renewal_notice
from sop.swv.overview import IncludedSchool, Overview

EXPIRED = "verlopen"
UNFINISHED = "niet af"
# What a mark says, for the reader of the overview.
EXPLAINED = {
    EXPIRED: "het profiel is verlopen",
    UNFINISHED: "in het profiel staat nog ‘[vul in: …]’",
}


def states(school: IncludedSchool, today: datetime.date) -> list[str]:
    """EXPIRED and/or UNFINISHED, in that order; [] for a current, finished profile."""
    notice = renewal_notice(school.profile.status, today)
    expired = [EXPIRED] if notice and notice[0] == "verlopen" else []
    # The published document as a whole: a placeholder anywhere means the school is not done.
    unfinished = [UNFINISHED] if school.unfinished else []
    return expired + unfinished


def counts(overview: Overview, school: IncludedSchool, today: datetime.date) -> bool:
    included = set(overview.config.samenwerkingsverband.ook_meetellen)
    return set(states(school, today)) <= included


def counted(overview: Overview, today: datetime.date) -> list[IncludedSchool]:
    """The schools every count of the overview is made over, in the order of scholen.yml."""
    return [school for school in overview.schools if counts(overview, school, today)]


def left_out(overview: Overview, today: datetime.date) -> list[IncludedSchool]:
    return [school for school in overview.schools if not counts(overview, school, today)]


def mark(school: IncludedSchool, today: datetime.date) -> str:
    """A school's marks as HTML (after its name), '' for a current, finished profile."""
    return "".join(f' <strong class="swv-markering--{state.replace(" ", "-")}" title="{escape(EXPLAINED[state])}">'
                   f"({escape(state)})</strong>" for state in states(school, today))


def mark_text(school: IncludedSchool, today: datetime.date) -> str:
    """The marks as plain text, as `mark` reads (' (verlopen) (niet af)'), for places that
    take no HTML: a table's group heading, a spreadsheet cell."""
    return "".join(f" ({state})" for state in states(school, today))


def counted_ids(overview: Overview, today: datetime.date) -> frozenset[str]:
    """The ids (scholen.yml) of the counted schools: a school's data holds dicts, so it is no set member."""
    return frozenset(school.entry.id for school in counted(overview, today))


def left_out_note(overview: Overview, today: datetime.date) -> str:
    """The sentence a page with counts carries when schools are left out of them; '' otherwise.
    Grouped by reason, and out of the search index: with many schools it is long, and every
    page loads that index."""
    schools = left_out(overview, today)
    if not schools:
        return ""
    groups = []
    for state in (EXPIRED, UNFINISHED):
        named = [escape(school.name) for school in schools if state in states(school, today)]
        if named:
            reason = EXPLAINED[state]
            groups.append(f"{reason[0].upper()}{reason[1:]}: {', '.join(named)}.")
    return (f'<p class="swv-weggelaten" data-search-exclude>Niet meegeteld in de aantallen op deze pagina '
            f"(ze staan er wel bij, gemarkeerd). {' '.join(groups)}</p>")
