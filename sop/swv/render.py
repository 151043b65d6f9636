"""The overview's pages: pure functions from an Overview to HTML.

Built on the school site's render functions (sop/writers/render.py): the same tables,
charts, escaping and wording for unreported and masked numbers.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import replace

from sop.data import names, schema
from sop.writers import render
from sop.writers.render import escape, heading
from sop.swv import currency
from sop.swv.compare import Comparison, Indicator, Marking, comparisons, duplicate_brins, indicators, specialisms
from sop.swv import schema as swv_schema
from sop.data.frame import UNSORTED
from sop.swv.config import OTHER_FIGURES
from sop.swv.opendata import download_names
from sop.swv.overview import IncludedSchool, Overview, pdf_address
from sop.swv.render_grids import NOT_SEARCHED, count_schools, expertise_grid, frame_explanations, frame_grid


def school_anchor(school: IncludedSchool) -> str:
    return f"school-{school.entry.id}"


def _school_link(school: IncludedSchool, today: datetime.date, page: str = "") -> str:
    """A school's name, linking to its row on the Scholen page, with its marks (currency.py)."""
    return (f'<a href="{escape(page)}#{escape(school_anchor(school))}">{escape(school.name)}</a>'
            f"{currency.mark(school, today)}")


def _school_name(school: IncludedSchool, today: datetime.date) -> str:
    """A school's name as plain text in a long list, with its marks (currency.py)."""
    return escape(school.name) + currency.mark(school, today)


def _schools_and(schools: list[IncludedSchool]) -> str:
    """'A (a) en B (b)': names with their ids in scholen.yml, where the SWV corrects them."""
    named = [f"{escape(school.name)} ({escape(school.entry.id)})" for school in schools]
    return ", ".join(named[:-1]) + f" en {named[-1]}"


def duplicate_brin_note(overview: Overview) -> str:
    """The note that one BRIN number is published by more than one school; '' when none is."""
    items = "".join(f"<li>BRIN-nummer {escape(brin)}: {_schools_and(schools)}</li>"
                    for brin, schools in duplicate_brins(overview))
    if not items:
        return ""
    return ('<div class="swv-dubbel"><p><strong>Let op:</strong> deze scholen geven hetzelfde BRIN-nummer. '
            "Staat dezelfde school twee keer in scholen.yml? Ze staan er allebei in.</p>"
            f"<ul>{items}</ul></div>")


def _not_filled() -> str:
    return f'<span class="sop-leeg">{render.NOT_FILLED_IN}</span>'


def _date(day: datetime.date | None) -> str:
    return escape(render.dutch_date(day)) if day else _not_filled()


def renewal_state(status: schema.FormeleStatus, today: datetime.date) -> str | None:
    """'verlopen' or 'bijna' (as on the school's own site), else None."""
    notice = render.renewal_notice(status, today)
    return notice[0] if notice else None


RENEWAL = "Vernieuwen vóór"


def _renewal_cell(status: schema.FormeleStatus, today: datetime.date) -> str:
    renewal = status.renewal_date
    if renewal is None:
        return f'<td data-label="{RENEWAL}">{_not_filled()}</td>'
    state = renewal_state(status, today)
    marks = {"verlopen": " <strong class=\"swv-verlopen\">verlopen</strong>",
             "bijna": " <strong class=\"swv-bijna\">binnenkort</strong>"}
    return f'<td data-label="{RENEWAL}">{escape(render.dutch_date(renewal))}{marks.get(state, "")}</td>'


def summary(overview: Overview, today: datetime.date) -> str:
    """The home page's figures, each linking to where it is explained."""
    schools = overview.schools
    expired = sum(1 for school in schools if renewal_state(school.profile.status, today) == "verlopen")
    unfinished = sum(1 for school in schools if currency.UNFINISHED in currency.states(school, today))
    unfilled = sum(1 for school in schools if school.profile.status.renewal_date is None)
    counted = len(currency.counted(overview, today))
    if overview.missing:
        verb = "staat" if len(schools) == 1 else "staan"
        items = [f"{len(schools)} van de {len(schools) + len(overview.missing)} scholen {verb} in dit overzicht."]
    else:
        items = [f"Alle scholen staan in dit overzicht: {count_schools(len(schools))}."]
    if overview.missing:
        items.append(
            f'<a href="ontbrekend/">{len(overview.missing)} '
            f"{'school ontbreekt' if len(overview.missing) == 1 else 'scholen ontbreken'}</a>, met de reden."
        )
    if expired:
        items.append(f'Bij <a href="scholen/">{count_schools(expired)}</a> is het profiel verlopen.')
    if unfinished:
        items.append(f'Bij <a href="scholen/">{count_schools(unfinished)}</a> staat in het profiel nog '
                     "‘[vul in: …]’: het is nog niet af.")
    if unfilled:
        items.append(
            f'Bij <a href="scholen/">{count_schools(unfilled)}</a> staat niet in het '
            "profiel wanneer het vernieuwd moet worden."
        )
    if counted < len(schools):
        items.append(f"In de aantallen van dit overzicht tellen {count_schools(counted)} mee.")
    return ("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
            + currency.left_out_note(overview, today) + duplicate_brin_note(overview))


# --- Scholen ----------------------------------------------------------------


# A school whose site still publishes an older format: read through sop/data/migrations, marked.
OLDER_VERSION = "profiel in een oudere versie ({version})"
NEWER_VERSION = "profiel in een nieuwere versie ({version}); wat dit overzicht nog niet kent, staat er niet in"


def schools_table(overview: Overview, today: datetime.date) -> str:
    head = (
        '<tr><th scope="col">School</th><th scope="col">Plaats</th>'
        '<th scope="col"><abbr title="Basisregistratie Instellingen: het nummer van de school bij de overheid">'
        'BRIN</abbr></th><th scope="col">Vastgesteld op</th>'
        f'<th scope="col">{RENEWAL}</th>'
        '<th scope="col">Profiel</th></tr>'
    )
    rows = []
    # Alphabetical, to look a school up; elsewhere the order of scholen.yml.
    for school in sorted(overview.schools, key=lambda s: names.name_key(s.name)):
        status = school.profile.status
        site = school.site
        links = (
            f'<a href="{escape(site)}">website<span class="sop-verborgen"> van {escape(school.name)}</span></a>'
            f' · <a href="{escape(pdf_address(site))}">PDF<span class="sop-verborgen"> van '
            f"{escape(school.name)}</span></a>"
            if site else '<span class="sop-leeg">geen adres opgegeven</span>'
        )
        stale = f'<br><span class="sop-noot">{escape(school.stale_note)}</span>' if school.stale_note else ""
        version = OLDER_VERSION if school.profile.older else NEWER_VERSION if school.profile.newer else None
        older = (f'<br><span class="sop-noot">{version.format(version=escape(school.profile.version))}</span>'
                 if version else "")
        rows.append(
            f'<tr id="{escape(school_anchor(school))}"><th scope="row">{_school_name(school, today)}{older}{stale}</th>'
            f'<td data-label="Plaats">{escape(", ".join(school.places))}</td>'
            f'<td data-label="BRIN">{escape(school.profile.school.brinnummer)}</td>'
            f'<td data-label="Vastgesteld op">{_date(status.vastgesteld_op)}</td>{_renewal_cell(status, today)}'
            f'<td data-label="Profiel" {NOT_SEARCHED}>{links}</td></tr>'
        )
    return duplicate_brin_note(overview) + render._table(
        "Scholen in het samenwerkingsverband", head, f"<tbody>{''.join(rows)}</tbody>", "swv-tabel--scholen",
        "tabel-scholen")


def missing_schools(overview: Overview, today: datetime.date) -> str:
    if not overview.missing and not any(school.stale_note for school in overview.schools):
        return "<p>Alle scholen staan in het overzicht.</p>"
    parts = []
    if overview.missing:
        items = "".join(
            f'<li id="ontbreekt-{escape(item.entry.id)}"><strong>{escape(item.entry.naam)}</strong>: '
            f"{escape(item.reason)}</li>"
            for item in overview.missing
        )
        parts.append(f"<p>Deze scholen staan niet in het overzicht:</p><ul>{items}</ul>")
    stale = [school for school in overview.schools if school.stale_note]
    if stale:
        items = "".join(f"<li>{_school_link(school, today, '../scholen/')}: {escape(school.stale_note)}</li>"
                        for school in stale)
        parts.append(f"<p>Van deze scholen staat een eerder opgehaalde versie in het overzicht:</p><ul>{items}</ul>")
    return "".join(parts)


# --- Expertise --------------------------------------------------------------


def _texts(items: Iterable[str]) -> str:
    return "; ".join(f"‘{escape(text)}’" for text in items)


def unsorted_words(overview: Overview, today: datetime.date) -> str:
    """The functions and focus areas that no specialism (nor 'negeren') covers, with the schools that use them."""
    _, unsorted = specialisms(overview)
    parts = [heading(2, "Nog niet ingedeeld", UNSORTED)]
    if unsorted:
        rows = "".join(
            f"<li>‘{escape(text)}’: {', '.join(_school_name(s, today) for s in schools)}</li>"
            for text, schools in unsorted
        )
        parts.append(
            "<p>Deze functies en focusgebieden horen bij geen enkel specialisme in de lijst van het "
            f"samenwerkingsverband:</p><ul {NOT_SEARCHED}>{rows}</ul>"
        )
    else:
        parts.append("<p>Alle functies en focusgebieden zijn ingedeeld.</p>")
    return "\n\n".join(part for part in parts if part)


# --- Basisondersteuning -----------------------------------------------------


def _marking(entry: Marking) -> str:
    if entry.marking is None:
        return "alleen beschreven, zonder status"
    text = f"‘{escape(entry.marking)}’" + (f" ({escape(entry.heading)})" if entry.heading else "")
    return f"{text}, geborgd" if entry.secured else text


def _counted_markings(indicator: Indicator, counting: frozenset[str]) -> list[Marking]:
    """The markings of the schools the counts are made over, with a status (not only a description)."""
    return [marking for school, marking in indicator.schools
            if school.entry.id in counting and marking.marking is not None]


def _secured_count(indicator: Indicator, counting: frozenset[str]) -> str:
    rated = _counted_markings(indicator, counting)
    if rated:
        return f"geborgd bij {sum(1 for marking in rated if marking.secured)} van {count_schools(len(rated))}"
    if indicator.rated:
        return "een status alleen bij scholen die niet meetellen"
    return "alleen beschreven, zonder status"


def _indicator(indicator: Indicator, counting: frozenset[str], today: datetime.date) -> str:
    """One indicator as a disclosure: the count in view, each school's marking inside."""
    marks = "".join(
        f"<li>{_school_name(school, today)}: {_marking(marking)}</li>"
        for school, marking in indicator.schools
    )
    return (
        f'<details class="swv-indicator" id="{escape(indicator.anchor)}"><summary>'
        f'{escape(indicator.text)} <span class="swv-telling">({_secured_count(indicator, counting)})</span></summary>'
        f'<ul class="swv-markeringen" {NOT_SEARCHED}>{marks}</ul></details>'
    )


def basic_support(overview: Overview, today: datetime.date, level: int = 2) -> str:
    """The schools' own indicators side by side; under the SWV's frame one level lower (level 3)."""
    settings = overview.config.samenwerkingsverband.basisondersteuning
    words = ", ".join(f"‘{escape(word)}’" for word in settings.geborgd)
    domains = indicators(overview)
    counting = currency.counted_ids(overview, today)
    few = []
    for domain in domains:
        for item in domain.indicators:
            rated = _counted_markings(item, counting)
            if rated and sum(1 for marking in rated if marking.secured) <= settings.weinig_scholen:
                few.append(item)
    parts = [
        currency.left_out_note(overview, today),
        f"<p>Als <strong>geborgd</strong> telt een markering of kolomkop van de school zelf die luidt: {words}. "
        "Elke andere markering staat er in de woorden van de school, met de kolom waarin zij staat.</p>",
        heading(level, "Weinig geborgd", "weinig-geborgd"),
    ]
    if few:
        items = "".join(
            f'<li><a href="#{escape(item.anchor)}">{escape(item.text)}</a> ({_secured_count(item, counting)})</li>'
            for item in few
        )
        limit = settings.weinig_scholen
        how_many = "geen enkele school" if limit == 0 else f"hoogstens {count_schools(limit)}"
        parts.append(f"<p>Indicatoren die bij {how_many} geborgd zijn:</p><ul>{items}</ul>")
    else:
        parts.append("<p>Elke indicator is bij meer scholen geborgd.</p>")
    for domain in domains:
        parts.append(heading(level, domain.title, domain.anchor))
        parts.append("".join(_indicator(item, counting, today) for item in domain.indicators))
    return "\n\n".join(part for part in parts if part)


# --- Uitstroom en arrangementen ---------------------------------------------


CHART_YEARS = 6  # with more school years side by side, the chart's year labels run into each other


def _chart(total: schema.Tabel) -> str:
    """The chart of the total over the last CHART_YEARS school years (the table below has
    them all); none when every total is 0 or unknown: an empty frame tells nothing."""
    if not any(render.least(value, None) for row in total.rows for value in row.aantallen.values() if value is not None):
        return ""
    years = total.schooljaren[-CHART_YEARS:]
    if len(years) < len(total.schooljaren):
        starts = [int(year[:4]) for year in years]
        total = total.model_copy(update={
            "titel": f"{total.titel}, de laatste {len(years)} schooljaren",
            "schooljaren": years,
            "schooljaren_met_gaten": starts != list(range(starts[0], starts[0] + len(starts))),
        })
    return render.statistics_chart(total)


def _comparison(item: Comparison, today: datetime.date) -> str:
    parts = [heading(2, item.comparison.titel, item.comparison.id)]
    if not item.schools:
        parts.append('<p class="sop-leeg">Geen enkele school heeft een tabel voor deze vergelijking.</p>')
        return "\n\n".join(parts)
    left_out = len(item.schools) - len(item.counted)
    over = count_schools(len(item.counted)) + (
        f" (niet meegeteld: {count_schools(left_out)}, gemarkeerd in de tabel per school)" if left_out else "")
    parts.append(
        f"<p>Opgeteld over {over}. Een getal met ≥ is een ondergrens: "
        "een school meldde het getal niet, of liet een klein aantal weg zodat geen leerling herkenbaar is "
        "(dan staat er bijvoorbeeld &lt; 5). Is van geen enkele school een getal bekend, dan staat er "
        f"{render.NOT_REPORTED}.</p>"
    )
    # The chart says again what the table under it says, and every page loads the search
    # index: the table (its categories) is what search finds.
    parts.append(f"<div {NOT_SEARCHED}>{_chart(item.total)}</div>")
    parts.append(render.statistics_table(item.total))
    if item.comparison.toelichting:
        parts.append(f'<div class="sop-toelichting">{render.text_block(item.comparison.toelichting)}</div>')
    parts.append(f'<p>De getallen van elke school: <a href="../{PER_SCHOOL_PAGE}/#{escape(item.comparison.id)}">'
                 f"{escape(item.comparison.titel)}, per school</a>.</p>")
    if item.left_out:
        rows = "".join(
            f"<li>{_school_link(school, today, '../scholen/')}: {_texts(categories)}</li>"
            for school, categories in item.left_out
        )
        parts.append(f"<p>Rijen die bij geen categorie horen en dus niet zijn meegeteld:</p><ul {NOT_SEARCHED}>{rows}</ul>")
    return "\n\n".join(parts)


# The comparisons' tables per school have a page of their own: with 150 schools they
# would take the Uitstroom page over its 110 KB (make bench).
PER_SCHOOL_PAGE = "uitstroom-per-school"


def outflow_per_school(overview: Overview, today: datetime.date) -> str:
    """Each comparison's table with a group per school (marked as everywhere)."""
    found, _ = comparisons(overview, today)
    parts = []
    for item in found:
        parts.append(heading(2, item.comparison.titel, item.comparison.id))
        if item.per_school is None:
            parts.append('<p class="sop-leeg">Geen enkele school heeft een tabel voor deze vergelijking.</p>')
            continue
        # Its own name: the table region must not share the total's label (landmark-unique).
        per_school = item.per_school.model_copy(update={"titel": f"{item.comparison.titel}, per school"})
        parts.append(render.statistics_table(per_school))
    return "\n\n".join(parts) or "<p>Het samenwerkingsverband vergelijkt geen tabellen van de scholen.</p>"


def outflow(overview: Overview, today: datetime.date) -> str:
    found, rest = comparisons(overview, today)
    parts = [currency.left_out_note(overview, today), *(_comparison(item, today) for item in found)]
    parts.append(heading(2, "Overige cijfers per school", OTHER_FIGURES))
    if rest:
        rows = []
        for school, tables in rest:
            site = f' (<a href="{escape(school.site)}">profiel<span class="sop-verborgen"> van {escape(school.name)}'\
                   "</span></a>)" if school.site else ""
            listed = "".join(
                f"<li>{escape(table.titel)}: {_texts(row.categorie for row in table.rows)}</li>" for table in tables
            )
            # In a <div>: the search index would end an excluded list at its first inner </ul>.
            rows.append(f"<li><div {NOT_SEARCHED}>{_school_link(school, today, '../scholen/')}{site}<ul>{listed}</ul>"
                        "</div></li>")
        parts.append(
            "<p>Deze tabellen zijn niet met andere scholen te vergelijken; de getallen staan in het "
            f"profiel van de school.</p><ul>{''.join(rows)}</ul>"
        )
    else:
        parts.append("<p>Alle cijfers van de scholen staan in de vergelijkingen hierboven.</p>")
    return "\n\n".join(part for part in parts if part)


# --- open data and glossary -------------------------------------------------


def open_data_links(files: list[tuple[str, str]]) -> str:
    links = "".join(f'<li><a href="../open-data/{escape(name)}">{escape(label)}</a></li>' for name, label in files)
    return f'<ul class="sop-downloads">{links}</ul>'


def glossary(swv: swv_schema.Samenwerkingsverband) -> dict[str, str]:
    """The SWV's own explanations of abbreviations (swv/samenwerkingsverband.yml)."""
    return {spelling: term.title for term in swv.begrippen for spelling in term.spellings}


def abbreviate(html: str, terms: dict[str, str]) -> str:
    return render.separate_blocks(render.abbreviate(html, terms))


def basic_support_page(overview: Overview, today: datetime.date) -> str:
    """The grid of the SWV's frame; then the own indicators of the schools that name no frame. A school
    that answers the frame is compared on it (its own indicators are on its site): both would say the
    same twice, and take a first visit over its weight with 150 schools (make bench)."""
    if overview.config.kader is None:
        return basic_support(overview, today)
    silent = [school for school in overview.schools if not school.profile.basisondersteuning.kader]
    if not silent:
        return frame_grid(overview, today)
    return "\n\n".join([
        frame_grid(overview, today), heading(2, "Eigen indicatoren van scholen zonder kader", "eigen-indicatoren"),
        "<p>Deze scholen antwoorden (nog) niet op het kader. Hun eigen indicatoren staan hier naast elkaar.</p>",
        basic_support(replace(overview, schools=silent), today, level=3)])


def pages(overview: Overview, today: datetime.date) -> dict[str, Callable[[], str]]:
    """Every macro of the overview's pages (docs-swv/), by name: the MkDocs run calls them,
    and the build tries them on each school alone before it takes the school in."""
    parts: dict[str, Callable[[], str]] = {
        "samenvatting": lambda: summary(overview, today),
        "scholen": lambda: schools_table(overview, today),
        "expertise": lambda: expertise_grid(overview, today) + "\n\n" + unsorted_words(overview, today),
        "basisondersteuning": lambda: basic_support_page(overview, today),
        "toelichting_kader": lambda: frame_explanations(overview, today),
        "uitstroom": lambda: outflow(overview, today),
        "uitstroom_per_school": lambda: outflow_per_school(overview, today),
        "ontbrekende_scholen": lambda: missing_schools(overview, today),
        "open_data": lambda: open_data_links(download_names(overview, today)),
    }
    terms = glossary(overview.config.samenwerkingsverband)
    return {name: (lambda part=part: abbreviate(part(), terms)) for name, part in parts.items()}
