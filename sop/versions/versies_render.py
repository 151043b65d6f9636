"""The Versies page: the renewal cycle, the changes not adopted yet and every
adopted version with its dates, open data and comparison. Pure (data in, HTML
out, every value escaped with render.escape), except `page`, which reads git."""

from __future__ import annotations

import datetime

from sop.writers import render
from sop.data import schema
from sop.writers.render import NOT_FILLED_IN, dutch_date, escape, heading
from sop.data.profile import Profile
from sop.writers.opendata import OPEN_DATA
from sop.versions.versies import Comparison, History, Version, read_history

_NUMBER_WORDS = ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien")


def _years(count: int) -> str:
    return f"{_NUMBER_WORDS[count] if count < len(_NUMBER_WORDS) else count} jaar"


def _date(day: datetime.date | None) -> str:
    if day is None:
        return f'<span class="sop-leeg">{NOT_FILLED_IN}</span>'
    # No-break spaces: a phone keeps '1 oktober 2031' on one line.
    return f'<time datetime="{day.isoformat()}">{escape(dutch_date(day)).replace(" ", "&nbsp;")}</time>'


def renewal_cycle(status: schema.FormeleStatus, today: datetime.date) -> str:
    """MR advice, adoption and the renewal date of today's profile, as three steps."""
    steps = [
        ("Advies van de medezeggenschapsraad", status.advies_mr_op),
        ("Vastgesteld door het bevoegd gezag", status.vastgesteld_op),
        ("Uiterlijk vernieuwen", status.renewal_date),
    ]
    items = "".join(
        f"<li>{label}: {_date(day)}</li>" for label, day in steps)
    notice = render.renewal_notice(status, today)
    banner = (f'<p class="sop-melding sop-melding--{notice[0]}" role="note">{escape(notice[1])}</p>'
              if notice else "")
    return (
        # The law's rule, not the school's words: the page says so.
        f"<p>Wat de wet vraagt (dit staat niet in het profiel zelf): het bevoegd gezag stelt het profiel "
        f"minstens eens in de {_years(schema.RENEWAL_YEARS)} vast, na advies van de medezeggenschapsraad. "
        "Elke vaststelling waarvan de datum hier is ingevuld, is een versie op deze pagina.</p>"
        f'{banner}<ol class="sop-cyclus">{items}</ol>'
    )


def _comparison(comparison: Comparison, as_html, level: int, since: str, anchor: str) -> str:
    if comparison.sections is None:
        return f"<p>Deze versie kan niet worden vergeleken: {escape(comparison.problem or '')}.</p>"
    if not comparison.sections:
        return f"<p>Niets veranderd {since}.</p>"
    # The anchor as prefix: every version has its own 'expertise' heading.
    return f"<p>Veranderd {since}:</p>" + as_html(comparison.sections, level, f"{anchor}-")


def pending_changes(history: History, as_html, level: int) -> str:
    """What changed since the last adoption and is not adopted yet."""
    if not history.versions:
        # A missing date says nothing about whether the profile was adopted.
        return ("<p>Op deze site is nog geen datum van vaststelling ingevuld. Dat zegt niet of het profiel "
                "is vastgesteld; alleen dat die datum hier ontbreekt.</p>")
    last = history.versions[-1]
    since = f"sinds de vaststelling van {_date(last.adopted)}"
    if history.pending.sections is None:
        problem = last.problem or history.pending.problem or ""
        return f"<p>Wat {since} is veranderd, kan niet worden getoond: {escape(problem)}.</p>"
    if not history.pending.sections:
        return f"<p>Niets veranderd {since}: deze site toont de vastgestelde versie.</p>"
    return (f"<p>Deze wijzigingen staan al op de site, maar zijn nog niet vastgesteld. Veranderd {since}:</p>"
            + as_html(history.pending.sections, level, "nog-niet-vastgesteld-"))


def version_details(version: Version, document_href: str) -> str:
    rows = [
        ("Vastgesteld door het bevoegd gezag op", _date(version.adopted)),
        ("Advies medezeggenschapsraad op", _date(version.advice)),
        ("Schooljaar", escape(version.school_year) if version.school_year else _date(None)),
    ]
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    # The address in full, under the dates: it is what a reader cites.
    if version.document is not None:
        data = (f'<a href="{escape(document_href)}" type="application/json">'
                f"{escape(OPEN_DATA)}/{escape(version.document_path)}</a> (JSON)")
    else:
        data = "niet beschikbaar"
    unreadable = f"<p>Deze versie is niet leesbaar: {escape(version.problem)}.</p>" if version.problem else ""
    return f'<dl class="sop-contact sop-versie">{items}</dl>{unreadable}<p>Open data van deze versie: {data}</p>'


def unreadable_changes(history: History) -> str:
    """Changes of the formal status that can't be read, newest first."""
    items = "".join(
        f'<li id="{escape(change.anchor)}">Wijziging {escape(change.commit[:7])}'
        f"{f' van {_date(change.day)}' if change.day else ''}: niet leesbaar: {escape(change.problem)}.</li>"
        for change in reversed(history.unreadable))
    return ("<p>Deze wijzigingen van de formele status (data/status.yml) kan de site niet lezen. Of het "
            f"profiel daarbij is vastgesteld, is daardoor niet bekend.</p><ul>{items}</ul>")


def versions_page(history: History, status: schema.FormeleStatus, today: datetime.date,
                  open_data_href: str, as_html) -> str:
    """The macro's output: markdown headings (for the table of contents) around HTML blocks.

    `open_data_href`: the open data folder as a link from this page ('../open-data/');
    `as_html`: sop.versions.wijzigingen.as_html.
    """
    parts = [
        heading(2, "Vaststellen en vernieuwen", "vaststellen-en-vernieuwen"),
        renewal_cycle(status, today),
        # Not "Nog niet vastgesteld": without a date on the site that reads as "not adopted".
        heading(2, "Sinds de laatste vaststelling", "nog-niet-vastgesteld"),
        pending_changes(history, as_html, 3),
        heading(2, "Vastgestelde versies", "vastgestelde-versies"),
    ]
    if not history.versions:
        parts.append("<p>Nog geen: er is geen datum van vaststelling ingevuld. Met die datum staat de "
                     "versie hier.</p>")
    newest_first = list(reversed(history.versions))
    for number, version in enumerate(newest_first):
        parts.append(heading(3, f"Versie van {dutch_date(version.adopted)}", version.anchor))
        block = version_details(version, open_data_href + version.document_path)
        if number == 0:
            block = "<p><strong>Dit is de nieuwste vastgestelde versie.</strong></p>" + block
        previous = newest_first[number + 1] if number + 1 < len(newest_first) else None
        if version.changes is None or previous is None:
            block += "<p>Dit is de eerste vastgestelde versie op deze site.</p>"
        else:
            block += _comparison(version.changes, as_html, 4,
                                 f"ten opzichte van de versie van {_date(previous.adopted)}", version.anchor)
        parts.append(block)
    if history.unreadable:
        parts += [heading(2, "Niet leesbare wijzigingen", "niet-leesbare-wijzigingen"), unreadable_changes(history)]
    return "\n\n".join(parts)


def page(project, profile: Profile, today: datetime.date, open_data_href: str) -> str:
    """The `versies()` macro: reads the history only when the page is rendered."""
    history = read_history(project, profile)
    if history is None:  # the hook leaves the page out then; this is for a bare generator run
        return "<p>Zonder git-geschiedenis zijn de versies niet bekend.</p>"
    from sop.versions.wijzigingen import as_html

    return versions_page(history, profile.status, today, open_data_href, as_html)
