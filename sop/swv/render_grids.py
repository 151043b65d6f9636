"""The overview's two grids: school × standard of the SWV's frame (Basisondersteuning)
and school × specialism (Expertise).

A real table per domain, a row per school, scrolling in its own region with the
school's name in view (on a phone too); under it a card per standard with its count,
and a section per specialism with where it is missing. The schools' explanations have
a page of their own (Toelichting bij het kader): with 150 schools answering 40
standards they would take the grid's first visit over 110 KB (make bench). A filter
(docs-swv/javascripts/filter.js) narrows either page to one domain or specialism;
without JavaScript everything shows. Counts are over currency.counted.
"""

from __future__ import annotations

import datetime

from sop.writers.render import escape, heading
from sop.swv import currency
from sop.swv.compare import SpecialismAt, SpecialismGrid, StandardAnswers, frame_answers, frame_version, specialism_grid
from sop.swv.overview import IncludedSchool, Overview

# Lists and tables with a line per school stay out of the search index, which every
# page loads on a first visit: with 150 schools they would make it too heavy, and a
# school's name should lead to its row on the Scholen page, not to every list it is in.
# In those long lists a name is plain text, not a link to that row: with 150 schools
# the links alone would take the Basisondersteuning page over its 110 KB (make bench).
NOT_SEARCHED = "data-search-exclude"


def count_schools(count: int) -> str:
    return "1 school" if count == 1 else f"{count} scholen"


OLDER_FRAME = "antwoord op versie {version} van het kader"
NO_ANSWER = "geen antwoord"


def _name(school: IncludedSchool, today: datetime.date) -> str:
    return escape(school.name) + currency.mark(school, today)


def _names(schools: list[IncludedSchool], today: datetime.date) -> str:
    return ", ".join(_name(school, today) for school in schools)


def _filter(name: str, label: str, everything: str, options: list[tuple[str, str]]) -> str:
    """The page's filter: it shows only the [data-f] parts with the chosen value. Hidden
    until filter.js runs, so without JavaScript everything shows and no control is useless."""
    items = "".join(f'<option value="{escape(value)}">{escape(text)}</option>' for value, text in options)
    return (f'<p class="swv-filter" data-filter hidden><label for="{name}">{label}</label> '
            f'<select id="{name}"><option value="">{everything}</option>{items}</select> '
            f'<span class="sop-verborgen" role="status"></span></p>')


def _part_heading(text: str, anchor: str, part: str) -> str:
    """A heading of the filter's part `part`: the markdown heading with data-f beside its id (attr_list)."""
    return heading(2, text, anchor).removesuffix(" }") + f' data-f="{escape(part)}" }}'


def _region(label: str, head: str, body: str) -> str:
    """A grid as a table in a labelled scroll region, out of the search index."""
    return (f'<div class="sop-tabel swv-rooster" role="region" tabindex="0" aria-label="{escape(label)}" '
            f'{NOT_SEARCHED}><table class="sop-tabel__tabel"><caption class="sop-verborgen">{escape(label)}</caption>'
            f"<thead>{head}</thead><tbody>{body}</tbody></table></div>")


# --- Basisondersteuning: school × standard --------------------------------------


def _met_count(row: StandardAnswers) -> str:
    answered = len(row.counted)
    if not answered:
        return "nog door geen school beantwoord"
    return f"voldaan bij {len(row.met)} van {count_schools(answered)} die antwoordden"


def _version_note(school: IncludedSchool, overview: Overview) -> str:
    version = frame_version(school, overview)
    return f' <span class="sop-noot">({OLDER_FRAME.format(version=escape(version))})</span>' if version else ""


def _frame_table(overview: Overview, rows: list[StandardAnswers], answering: list[IncludedSchool],
                 today: datetime.date) -> str:
    """One table for the whole frame, a column group per domain: each school's name once (in a table
    per domain its name and marks came back too far apart for gzip to see the repeat)."""
    frame = overview.config.kader
    groups = "".join(f'<th scope="colgroup" colspan="{len(domain.standaarden)}" data-f="{escape(domain.id)}">'
                     f"{escape(domain.titel)}</th>" for domain in frame.domeinen)
    head = (f"<tr><td></td>{groups}</tr>"
            '<tr><th scope="col">School</th>'
            + "".join(f'<th scope="col" data-f="{escape(row.domain.id)}">{escape(row.standard.tekst)}</th>'
                      for row in rows) + "</tr>"
            + '<tr><th scope="row">Voldaan</th>'
            + "".join(f"<td>{len(row.met)} van {len(row.counted)}</td>" for row in rows) + "</tr>")
    met_words = set(frame.voldaan)
    given = [{school.entry.id: answer.status for school, answer in row.answers} for row in rows]
    body = []
    for school in answering:
        cells = []
        for statuses in given:
            status = statuses.get(school.entry.id)
            # Short classes: thousands of cells (v: met, g: no answer).
            cells.append(f'<td class="g">{NO_ANSWER}</td>' if status is None
                         else f'<td class="v">{escape(status)}</td>' if status in met_words
                         else f"<td>{escape(status)}</td>")
        body.append(f'<tr><th scope="row">{_name(school, today)}{_version_note(school, overview)}</th>'
                    + "".join(cells) + "</tr>")
    return _region("Standaarden per school", head, "".join(body))


def _standard_card(overview: Overview, row: StandardAnswers, explained: bool, today: datetime.date) -> str:
    """One standard: the count in view; inside, per status how many counted schools gave it, who did not
    answer, and a link to the schools' explanations. The names per status are in the table: a list of
    them here too would take a first visit over its weight with 150 schools (make bench)."""
    frame = overview.config.kader
    counted = {school.entry.id for school in row.counted}
    given = [answer.status for school, answer in row.answers if school.entry.id in counted]
    statuses = "; ".join(f"‘{escape(status)}’{' (voldaan)' if status in frame.voldaan else ''}: "
                         f"{count_schools(given.count(status))}"
                         # An older version's status the scale no longer has: after the scale.
                         for status in dict.fromkeys([*frame.statussen, *given]) if status in given)
    parts = [f"<p>Van de scholen die meetellen: {statuses}.</p>" if statuses else ""]
    if row.unanswered:
        parts.append(f"<p>Nog geen antwoord van: {_names(row.unanswered, today)}.</p>")
    if explained:
        parts.append(f'<p><a href="../toelichting/#{escape(_explanation_anchor(row))}">Toelichting van de scholen'
                     "</a></p>")
    return (f'<details class="swv-indicator" id="standaard-{escape(row.standard.id)}" '
            f'data-f="{escape(row.domain.id)}"><summary>'
            f'{escape(row.standard.tekst)} <span class="swv-telling">({_met_count(row)})</span></summary>'
            f'<div class="swv-markeringen" {NOT_SEARCHED}>{"".join(parts)}</div></details>')


def _explanation_anchor(row: StandardAnswers) -> str:
    return f"toelichting-{row.standard.id}"


def frame_grid(overview: Overview, today: datetime.date) -> str:
    """The SWV's frame: the grid, then per domain a card per standard; '' without a frame."""
    frame = overview.config.kader
    if frame is None:
        return ""
    counted = currency.counted(overview, today)
    rows, silent = frame_answers(overview, counted)
    answering = [school for school in overview.schools if school.profile.basisondersteuning.kader]
    met_words = ", ".join(f"‘{escape(word)}’" for word in frame.voldaan)
    counted_answering = [school for school in counted if school.profile.basisondersteuning.kader]
    parts = [
        f"<p>De standaarden van het samenwerkingsverband (versie {escape(frame.versie)}). Als "
        f"<strong>voldaan</strong> telt: {met_words}. Geteld over de scholen die op het kader antwoorden "
        f"({count_schools(len(counted_answering))}).</p>",
        currency.left_out_note(overview, today),
    ]
    if silent:
        parts.append(f"<p {NOT_SEARCHED}>Deze scholen antwoorden (nog) niet op het kader: {_names(silent, today)}.</p>")
    parts.append(_filter("toon-domein", "Toon domein", "Alle domeinen",
                         [(domain.id, domain.titel) for domain in frame.domeinen]))
    if answering:
        parts.append(_frame_table(overview, rows, answering, today))
    for domain in frame.domeinen:
        mine = [row for row in rows if row.domain is domain]
        parts.append(_part_heading(domain.titel, f"kader-{domain.id}", domain.id))
        parts.append("".join(_standard_card(overview, row, any(a.toelichting for _, a in row.answers), today)
                             for row in mine))
    return "\n\n".join(part for part in parts if part)


def frame_explanations(overview: Overview, today: datetime.date) -> str:
    """Per standard of the frame the schools' own explanations (a page of its own: with 150 schools
    they would take the grid's first visit over its weight)."""
    frame = overview.config.kader
    if frame is None:
        return '<p class="sop-leeg">Het samenwerkingsverband heeft geen kader met standaarden.</p>'
    rows, _ = frame_answers(overview, currency.counted(overview, today))
    parts = []
    for domain in frame.domeinen:
        parts.append(heading(2, domain.titel, f"kader-{domain.id}"))
        for row in (row for row in rows if row.domain is domain):
            parts.append(heading(3, row.standard.tekst, _explanation_anchor(row)))
            items = "".join(f"<li>{_name(school, today)} (‘{escape(answer.status)}’): {escape(answer.toelichting)}</li>"
                            for school, answer in row.answers if answer.toelichting)
            parts.append(f"<ul {NOT_SEARCHED}>{items}</ul>" if items
                         else '<p class="sop-leeg">Geen enkele school geeft hier een toelichting.</p>')
    return "\n\n".join(parts)


# --- Expertise: school × specialism --------------------------------------------


def _how(at: SpecialismAt) -> str:
    if at.by_id:
        return "id van het kader"
    return "uit de woorden: " + "; ".join(f"‘{escape(word)}’" for word in at.words)


def _specialism_table(grid: list[SpecialismGrid], overview: Overview, today: datetime.date) -> str:
    head = ('<tr><th scope="col">School</th>'
            + "".join(f'<th scope="col" data-f="{escape(item.specialism.id)}">{escape(item.specialism.naam)}</th>'
                      for item in grid) + "</tr>")
    found = [{school.entry.id: at for school, at in item.schools} for item in grid]
    body = []
    for school in overview.schools:
        cells = "".join(f"<td>{_how(at[school.entry.id])}</td>" if school.entry.id in at
                        else '<td class="g">nee</td>' for at in found)
        body.append(f'<tr><th scope="row">{_name(school, today)}</th>{cells}</tr>')
    return _region("Specialismen per school", head, "".join(body))


def _specialism_section(item: SpecialismGrid, counted: list[IncludedSchool], today: datetime.date) -> str:
    """How many counted schools have it, and where it is missing. Which schools have it, and how, is in
    the table's column: a list of them here too would take a first visit over its weight (make bench)."""
    specialism = item.specialism
    parts = []
    if specialism.uitleg:
        parts.append(f"<p>{escape(specialism.uitleg)}</p>")
    if not counted:
        parts.append('<p class="sop-leeg">Geen enkele school telt mee.</p>')
    else:
        parts.append(f"<p>Bij {len(item.counted)} van {count_schools(len(counted))}.</p>")
    if item.without:
        parts.append(f"<p {NOT_SEARCHED}>Zonder dit specialisme: {_names(item.without, today)}.</p>")
    if item.places_without:
        parts.append(f"<p {NOT_SEARCHED}>Plaatsen waar geen school het heeft: "
                     f"{escape(', '.join(item.places_without))}.</p>")
    # One block under the heading, so the filter hides it with the heading.
    return (_part_heading(specialism.naam, specialism.id, specialism.id)
            + f'\n\n<div data-f="{escape(specialism.id)}">{"".join(parts)}</div>')


def expertise_grid(overview: Overview, today: datetime.date) -> str:
    counted = currency.counted(overview, today)
    grid = specialism_grid(overview, counted)
    parts = [
        currency.left_out_note(overview, today),
        _filter("toon-specialisme", "Toon specialisme", "Alle specialismen",
                [(item.specialism.id, item.specialism.naam) for item in grid]),
        _specialism_table(grid, overview, today),
    ]
    parts += [_specialism_section(item, counted, today) for item in grid]
    return "\n\n".join(part for part in parts if part)

