"""Pure render functions: validated data in, HTML or markdown out.

Every text from data passes through `escape` (HTML) or `escape_markdown`
(headings), so `<script>`, `*`, `|` or `{{ … }}` in a value show literally.
Generated HTML has no blank lines, so Python-Markdown keeps it as one raw block.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from markupsafe import escape as _html_escape

from . import schema

# Generic interface words (not facts about a school).
NOT_FILLED_IN = "niet ingevuld"
CHECKED = "aangekruist"
NOT_CHECKED = "niet aangekruist"
CHOSEN = "gekozen"


def escape(text: str) -> str:
    """HTML-escape, and neutralise braces so no template engine can ever run it."""
    return str(_html_escape(text)).replace("{", "&#123;").replace("}", "&#125;")


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]()#+\-.!|~^])")


def escape_markdown(text: str) -> str:
    """Escape text for inline markdown (a heading): markdown syntax first, then HTML."""
    return escape(_MARKDOWN_SPECIALS.sub(r"\\\1", text))


def heading(level: int, text: str, anchor: str) -> str:
    """A markdown heading with a fixed anchor, so it appears in the page's table of contents."""
    # `{ #id }` with spaces: `{#` would open a Jinja comment.
    return f"{'#' * level} {escape_markdown(text)} {{ #{anchor} }}"


def text_block(text: str) -> str:
    """Block text from data: blank line = paragraph, newline = line break, '- ' = bullet."""
    parts: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = [line.rstrip() for line in paragraph.split("\n")]
        run: list[str] = []
        bullets: list[str] = []

        def flush_run() -> None:
            if run:
                # A newline after <br>, so the search index doesn't glue the lines' words.
                parts.append("<p>" + "<br>\n".join(escape(line) for line in run) + "</p>")
                run.clear()

        def flush_bullets() -> None:
            if bullets:
                parts.append(bullet_list(bullets))
                bullets.clear()

        for line in lines:
            if line.lstrip().startswith("- "):
                flush_run()
                bullets.append(line.lstrip()[2:])
            else:
                flush_bullets()
                run.append(line)
        flush_run()
        flush_bullets()
    return "".join(parts)


def text_cell(text: str | None) -> str:
    """A table cell's content; an empty cell stays empty."""
    return text_block(text) if text else ""


def bullet_list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _table(
    caption: str, head: str, body: str, css_class: str, table_id: str | None = None, caption_shown: bool = False
) -> str:
    """A table in a focusable, labelled scroll region, so a phone can swipe wide tables.

    Most tables sit right under a heading that says what the caption says: their
    caption is for screen readers only, unless `caption_shown`.
    """
    identifier = f' id="{escape(table_id)}"' if table_id else ""
    caption_class = "" if caption_shown else ' class="sop-verborgen"'
    return (
        f'<div class="sop-tabel {css_class}" role="region" tabindex="0" '
        f'aria-label="{escape(caption)}">'
        f'<table class="sop-tabel__tabel"{identifier}><caption{caption_class}>{escape(caption)}</caption>'
        f"<thead>{head}</thead>{body}</table></div>"
    )


# --- contactgegevens ------------------------------------------------------


def contact_details(school: schema.School) -> str:
    phone_link = re.sub(r"[^0-9+]", "", school.telefoon)
    rows = [
        ("Naam", escape(school.naam)),
        ("Straat + huisnummer", escape(school.straat_en_huisnummer)),
        ("Postcode en plaats", f"{escape(school.postcode)} {escape(school.plaats)}"),
        ("Brinnummer", escape(school.brinnummer)),
        ("Telefoonnummer", f'<a href="tel:{escape(phone_link)}">{escape(school.telefoon)}</a>'),
        ("E-mailadres", f'<a href="mailto:{escape(school.email)}">{escape(school.email)}</a>'),
        ("Website", f'<a href="{escape(school.website)}">{escape(school.website)}</a>'),
    ]
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="sop-contact">{items}</dl>'


# --- onderwijskundig concept ---------------------------------------------


def concept_checklist(concepts: list[schema.Concept]) -> str:
    items = []
    for concept in concepts:
        state = CHECKED if concept.aangekruist else NOT_CHECKED
        mark = "☑" if concept.aangekruist else "☐"
        explanation = (
            f'<div class="sop-toelichting">{text_block(concept.toelichting)}</div>'
            if concept.toelichting
            else ""
        )
        items.append(
            f'<li class="sop-concept sop-concept--{"ja" if concept.aangekruist else "nee"}">'
            f'<span aria-hidden="true">{mark}</span> {escape(concept.naam)} '
            f'<span class="sop-staat">({state})</span>{explanation}</li>'
        )
    return f'<ul class="sop-checklist">{"".join(items)}</ul>'


# --- ondersteuningsstructuur ---------------------------------------------


def introduced_list(introduction: str | None, items: list[str], note: str | None = None) -> str:
    """An optional lead-in line, a bulleted list, and an optional closing note."""
    lead = f"<p>{escape(introduction)}</p>" if introduction else ""
    return lead + bullet_list(items) + text_cell(note)


def conversation_cycle(cycle: schema.Gesprekkencyclus) -> str:
    return introduced_list(cycle.inleiding, cycle.momenten, cycle.toelichting)


def care_route(steps: list[str]) -> str:
    items = "".join(
        f"<li><strong>Stap {number}:</strong> {escape(step)}</li>"
        for number, step in enumerate(steps, start=1)
    )
    return f'<ol class="sop-stappen">{items}</ol>'


def expertise_table(expertise: schema.Expertise, hidden: frozenset[str] = frozenset()) -> str:
    columns = expertise.kolommen
    head = (
        f'<tr><th scope="col">{escape(columns.naam)}</th>'
        f'<th scope="col">{escape(columns.functie)}</th>'
        f'<th scope="col">{escape(columns.focusgebied)}</th></tr>'
    )
    rows = "".join(
        f'<tr><th scope="row">{escape(shown_names([person.naam], hidden)[0])}</th>'
        f"<td>{'<br>'.join(escape(item) for item in person.functie)}</td>"
        f"<td>{'<br>'.join(escape(item) for item in person.focusgebied)}</td></tr>"
        for person in expertise.medewerkers
    )
    return _table(expertise.titel, head, f"<tbody>{rows}</tbody>", "sop-tabel--expertise")


def roles_table(roles: schema.Rollen, hidden: frozenset[str] = frozenset()) -> str:
    head = '<tr><th scope="col">Rol</th><th scope="col">Naam</th></tr>'
    rows = []
    for role in roles.rollen:
        names = (
            ", ".join(escape(name) for name in shown_names(role.namen, hidden))
            if role.namen
            else f'<span class="sop-leeg">{NOT_FILLED_IN}</span>'
        )
        if role.toelichting:
            names = f"{escape(role.toelichting)}: {names}"
        rows.append(f'<tr><th scope="row">{escape(role.rol)}</th><td>{names}</td></tr>')
    return _table(roles.titel, head, f"<tbody>{''.join(rows)}</tbody>", "sop-tabel--rollen")


def role_groups(groups: list[schema.RollenGroep], hidden: frozenset[str] = frozenset(), level: int = 3) -> str:
    return "\n\n".join(
        f"{heading(level, group.titel, group.id)}\n\n{roles_table(group, hidden)}" for group in groups
    )


# --- feiten en aantallen --------------------------------------------------


def is_masked(count: int, threshold: int | None) -> bool:
    """With small-number masking on, counts 1..threshold-1 are not published exactly.

    0 stays 0: it identifies no pupil, and hiding it would hide that nobody left.
    """
    return bool(threshold) and 0 < count < threshold


def shown_count(count: int, threshold: int | None) -> str:
    """A count as published: exact, or '< threshold' when masked."""
    return f"< {threshold}" if is_masked(count, threshold) else str(count)


def statistics_table(table: schema.Tabel, threshold: int | None = None) -> str:
    years = table.schooljaren
    head = f'<tr><th scope="col">{escape(table.rijkop)}</th>' + "".join(
        # <wbr>: on a phone '2018/2019' may wrap after the slash, so more years fit.
        f'<th scope="col" class="sop-getal">{escape(year).replace("/", "/<wbr>")}</th>'
        for year in years
    ) + "</tr>"
    bodies = []
    for group in table.groepen:
        rows = []
        if group.kop:
            rows.append(
                f'<tr class="sop-groepkop"><th scope="rowgroup" colspan="{len(years) + 1}">'
                f"{escape(group.kop)}</th></tr>"
            )
        for row in group.rijen:
            cells = "".join(
                f'<td class="sop-getal">{escape(shown_count(row.aantallen[year], threshold))}</td>'
                for year in years
            )
            rows.append(f'<tr><th scope="row">{escape(row.categorie)}</th>{cells}</tr>')
        bodies.append(f"<tbody>{''.join(rows)}</tbody>")
    return _table(table.titel, head, "".join(bodies), "sop-tabel--aantallen", f"tabel-{table.id}")


SERIES_COLOURS = 8  # distinct colours in sop.css (light and dark), then they repeat


def _nice_ceiling(value: int) -> tuple[int, int]:
    """An axis maximum >= value and a whole-number tick step (about five ticks)."""
    step = max(1, -(-value // 5))
    return step * max(1, -(-value // step)), step


def statistics_chart(table: schema.Tabel, threshold: int | None = None) -> str:
    """A stacked bar chart (inline SVG, no JavaScript): per school year, pupils per category.

    With small-number masking on, a masked count is drawn hatched at height 1 (the
    least it can be) and labelled '< N', so the chart reveals no more than the table.
    """
    rows = table.rows
    years = table.schooljaren

    def height(count: int) -> int:
        return 1 if is_masked(count, threshold) else count

    totals = [sum(height(row.aantallen[year]) for row in rows) for year in years]
    top, step = _nice_ceiling(max(totals + [1]))
    # A narrow drawing, so its text stays legible when a phone scales it down.
    width, chart_height, left, bottom, upper = 420, 280, 36, 44, 24
    plot = chart_height - bottom - upper
    band = (width - left - 8) / len(years)
    bar = band * 0.55
    scale = plot / top
    chart_id = f"grafiek-{table.id}"
    parts = [
        f'<svg viewBox="0 0 {width} {chart_height}" role="img" class="sop-grafiek__svg" '
        f'aria-labelledby="{chart_id}-titel {chart_id}-uitleg" focusable="false">',
        f'<title id="{chart_id}-titel">{escape(table.titel)}</title>',
        f'<desc id="{chart_id}-uitleg">{escape(_chart_description(table, threshold))}</desc>',
        '<defs><pattern id="' + chart_id + '-arcering" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="3" height="6" class="sop-grafiek__arcering"/></pattern></defs>',
    ]
    for tick in range(0, top + 1, step):
        y = upper + plot - tick * scale
        parts.append(
            f'<line x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" class="sop-grafiek__lijn"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="sop-grafiek__tekst">{tick}</text>'
        )
    for index, year in enumerate(years):
        x = left + index * band + (band - bar) / 2
        y = upper + plot
        for series, row in enumerate(rows):
            count = row.aantallen[year]
            if count == 0:
                continue
            segment = height(count) * scale
            y -= segment
            fill = f' fill="url(#{chart_id}-arcering)"' if is_masked(count, threshold) else ""
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{segment:.1f}" '
                f'class="sop-reeks-{series % SERIES_COLOURS + 1}"{fill}/>'
            )
        label = total_label([row.aantallen[year] for row in rows], threshold)
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{y - 6:.1f}" text-anchor="middle" '
            f'class="sop-grafiek__tekst sop-grafiek__totaal">{escape(label)}</text>'
            f'<text x="{x + bar / 2:.1f}" y="{chart_height - 26}" text-anchor="middle" '
            f'class="sop-grafiek__tekst">{_two_lines(year, x + bar / 2)}</text>'
        )
    parts.append("</svg>")
    legend = "".join(
        f'<li><span class="sop-legenda__kleur sop-reeks-{series % SERIES_COLOURS + 1}" '
        f'aria-hidden="true"></span>{escape(row.categorie)}</li>'
        for series, row in enumerate(rows)
    )
    return (
        f'<figure class="sop-grafiek" id="{chart_id}">{"".join(parts)}'
        f'<figcaption>{escape(table.titel)}: totaal per schooljaar, opgebouwd per categorie '
        f'(zie de tabel hieronder voor de precieze aantallen).'
        f'<ul class="sop-legenda">{legend}</ul></figcaption></figure>'
    )


def _two_lines(year: str, x: float) -> str:
    """'2018/2019' as '2018/' over '2019': six years fit side by side on a phone."""
    first, slash, second = escape(year).partition("/")
    if not slash:
        return first
    return f'<tspan x="{x:.1f}">{first}/</tspan><tspan x="{x:.1f}" dy="1.1em">{second}</tspan>'


def total_label(counts: list[int], threshold: int | None) -> str:
    """A year's total; with masked counts only a lower bound (each masked count is at least 1)."""
    masked = [count for count in counts if is_masked(count, threshold)]
    if masked:
        return f"≥ {sum(counts) - sum(masked) + len(masked)}"
    return str(sum(counts))


def _chart_description(table: schema.Tabel, threshold: int | None) -> str:
    rows = table.rows
    per_year = []
    for year in table.schooljaren:
        parts = [
            f"{row.categorie}: {shown_count(row.aantallen[year], threshold)}"
            for row in rows
            if row.aantallen[year]
        ]
        total = total_label([row.aantallen[year] for row in rows], threshold)
        per_year.append(f"{year}: {total} in totaal" + (f" ({'; '.join(parts)})" if parts else ""))
    return "Staafdiagram. " + ". ".join(per_year) + "."


def table_downloads(table: schema.Tabel, folder: str) -> str:
    """Links to one table's open data; `folder` is the downloads folder relative to the page."""
    base = f"{folder}{table.id}"
    # The table's title, for screen readers: each link must say which table it is.
    which = f'<span class="sop-verborgen"> van {escape(table.titel)}</span>'
    return (
        f'<p class="sop-downloads">Download deze tabel: <a href="{escape(base)}.csv" download>'
        f'CSV voor Excel{which}</a> · <a href="{escape(base)}.json">JSON{which}</a></p>'
    )


def statistics_tables(
    data: schema.Aantallen, threshold: int | None = None, level: int = 2, downloads: str | None = None
) -> str:
    return "\n\n".join(
        f"{heading(level, table.titel, table.id)}\n\n{statistics_chart(table, threshold)}\n\n"
        f"{statistics_table(table, threshold)}"
        + (table_downloads(table, downloads) if downloads is not None else "")
        for table in data.tabellen
    )


def open_data_links(root: str, tables: list[schema.Tabel], open_data: str, schoolgids: str, document: str) -> str:
    """The list of downloads on the 'Over dit profiel' page; `root` leads from the page to the site root."""
    items = [
        (f"{root}{open_data}/sop.json", "Het hele profiel als JSON (sop.json)"),
        (f"{root}{open_data}/sop.schema.json", "Het JSON-schema van sop.json"),
        *(
            (f"{root}{open_data}/{table.id}.{kind}", f"{table.titel} ({label})")
            for table in tables
            for kind, label in (("csv", "CSV voor Excel"), ("json", "JSON"))
        ),
        (f"{root}{schoolgids}/{document}.docx", "Het hele profiel als Word-document, voor de schoolgids"),
        (f"{root}{schoolgids}/{document}.md", "Het hele profiel als Markdown-tekst, voor de schoolgids"),
    ]
    links = "".join(f'<li><a href="{escape(href)}">{escape(label)}</a></li>' for href, label in items)
    return f'<ul class="sop-downloads">{links}</ul>'



# --- basisondersteuning ---------------------------------------------------


def _status_label(scale: list[str], status: schema.Status) -> str:
    return scale[status.kolom - 1]


def status_scale(scale: list[str], status: schema.Status) -> str:
    """The four-step scale with the school's chosen column highlighted."""
    steps = []
    for column, label in enumerate(scale, start=1):
        if column == status.kolom:
            steps.append(
                f'<li class="sop-schaal__gekozen" aria-current="true"><strong>{escape(label)}</strong>'
                f' <span class="sop-verborgen">({CHOSEN})</span></li>'
            )
        else:
            steps.append(f"<li>{escape(label)}</li>")
    return f'<ol class="sop-schaal sop-schaal--{status.kolom}">{"".join(steps)}</ol>'


def indicator_overview(data: schema.Basisondersteuning) -> str:
    """All indicators at a glance, each linking to its details, with the chosen status."""
    scale = data.statusschaal
    columns = data.kolommen
    head = (
        f'<tr><th scope="col">{escape(columns.indicator)}</th>'
        f'<th scope="col">{escape(columns.status)}</th>'
        '<th scope="col">Markering van de school</th></tr>'
    )
    bodies = []
    for domain in data.domeinen:
        rows = [
            f'<tr class="sop-groepkop"><th scope="rowgroup" colspan="3">'
            f'<a href="#{escape(domain.id)}">{escape(domain.titel)}</a></th></tr>'
        ]
        for indicator in domain.indicatoren:
            status = indicator.status
            rows.append(
                f'<tr><th scope="row"><a href="#{escape(indicator.id)}">'
                f"{escape(indicator.indicator)}</a></th>"
                f'<td class="sop-status sop-status--{status.kolom}">'
                f"{escape(_status_label(scale, status))}</td>"
                f"<td>{escape(status.markering)}</td></tr>"
            )
        bodies.append(f"<tbody>{''.join(rows)}</tbody>")
    caption = f"Overzicht: {columns.status.lower()} per {columns.indicator.lower()}"
    return _table(
        caption, head, "".join(bodies), "sop-tabel--overzicht", "tabel-basisondersteuning", caption_shown=True
    )


def indicator_details(indicator: schema.Indicator, data: schema.Basisondersteuning, level: int = 3) -> str:
    columns = data.kolommen
    status = indicator.status
    return (
        f'<section class="sop-indicator" aria-labelledby="{escape(indicator.id)}">'
        f'<h{level} id="{escape(indicator.id)}">{escape(indicator.indicator)}</h{level}>'
        f'<p class="sop-label">{escape(columns.status)}: '
        f"<strong>{escape(_status_label(data.statusschaal, status))}</strong> "
        f"(markering van de school: ‘{escape(status.markering)}’)</p>"
        f"{status_scale(data.statusschaal, status)}"
        f'<p class="sop-label">{escape(columns.huidige_situatie)}:</p>'
        f'<div class="sop-situatie">{text_block(indicator.huidige_situatie)}</div>'
        "</section>"
    )


def basic_support(data: schema.Basisondersteuning, level: int = 2) -> str:
    parts = []
    for domain in data.domeinen:
        parts.append(heading(level, domain.titel, domain.id))
        for group in domain.groepen:
            blocks = []
            if group.kop:
                blocks.append(f'<p class="sop-subkop"><strong>{escape(group.kop)}</strong></p>')
            blocks += [indicator_details(indicator, data, level + 1) for indicator in group.indicatoren]
            parts.append("".join(blocks))
    return "\n\n".join(parts)


# --- stappenplan ----------------------------------------------------------


def _plan_cells(row: schema.Aanpak, columns: schema.StappenplanKolommen) -> str:
    # data-label lets a phone stack the cells, each under its column name.
    cells = (
        (columns.acties, row.acties),
        (columns.documenten, row.documenten),
        (columns.betrokkenen, row.betrokkenen),
        (columns.planning, row.planning),
    )
    return "".join(
        f'<td data-label="{escape(label)}">{text_cell(cell)}</td>' if cell else "<td></td>"
        for label, cell in cells
    )


def level_table(level: schema.Niveau, columns: schema.StappenplanKolommen) -> str:
    title = f"Niveau {level.niveau}: {level.naam}"
    head = "<tr>" + "".join(
        f'<th scope="col">{escape(label)}</th>'
        for label in (columns.situatie, columns.acties, columns.documenten, columns.betrokkenen, columns.planning)
    ) + "</tr>"
    rows = [
        f'<tr class="sop-aanpak"><th scope="row">{level.niveau}<br>{escape(level.naam)}</th>'
        f"{_plan_cells(level.aanpak, columns)}</tr>"
    ]
    rows += [
        f'<tr><th scope="row">{text_block(row.situatie)}</th>{_plan_cells(row, columns)}</tr>'
        for row in level.situaties
    ]
    body = f"<tbody>{''.join(rows)}</tbody>"
    return _table(title, head, body, "sop-tabel--stappenplan", f"tabel-niveau-{level.niveau}")


def support_plan(data: schema.Stappenplan, heading_level: int = 2) -> str:
    parts = [text_block(data.toelichting)] if data.toelichting else []
    for level in data.niveaus:
        parts.append(heading(heading_level, f"Niveau {level.niveau}: {level.naam}", f"niveau-{level.niveau}"))
        parts.append(level_table(level, data.kolommen))
    return "\n\n".join(parts)


# --- begrippen ------------------------------------------------------------


def term_anchor(term: schema.Begrip) -> str:
    return "begrip-" + re.sub(r"[^a-z0-9]+", "-", term.afkorting.lower()).strip("-")


def glossary_list(data: schema.Begrippen) -> str:
    items = []
    for term in sorted(data.begrippen, key=lambda t: t.afkorting.lower()):
        full = f" ({escape(term.volledig)})" if term.volledig else ""
        items.append(
            f'<dt id="{term_anchor(term)}"><strong>{escape(term.afkorting)}</strong>{full}</dt>'
            f"<dd>{escape(term.uitleg)}</dd>"
        )
    return f'<dl class="sop-begrippen">{"".join(items)}</dl>'


_BLOCK_END = re.compile(r"(</(?:p|li|dt|dd|tr|th|td|ul|ol|dl|caption|figcaption|section|h[1-6])>)")


def separate_blocks(html: str) -> str:
    """A newline after each closing block tag: the search index strips tags and
    would otherwise glue the words of neighbouring cells and items together."""
    return _BLOCK_END.sub("\\1\n", html)


def abbreviation_glossary(data: schema.Begrippen) -> dict[str, str]:
    """Spelling -> tooltip text, for Python-Markdown's abbr extension in docs/ prose."""
    return {spelling: term.title for term in data.begrippen for spelling in term.spellings}


def abbreviate(html: str, glossary: dict[str, str]) -> str:
    """Wrap every glossary term in the text of generated HTML in <abbr title>.

    Only text between tags is touched, never attributes, and longer terms win
    (so 'PLAN DO CHECK ACT' is one abbreviation, not four).
    """
    if not glossary:
        return html
    spellings = sorted(glossary, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(s) for s in spellings) + r")(?!\w)")

    def wrap(match: re.Match) -> str:
        term = match.group(1)
        return f'<abbr title="{escape(glossary[term])}">{term}</abbr>'

    def in_text(segment: re.Match) -> str:
        return pattern.sub(wrap, segment.group(0))

    return re.sub(r"(?<=>)[^<>]+(?=<)", in_text, html)


# --- in het kort ----------------------------------------------------------

NAME_WITHHELD = "naam niet gepubliceerd"


def name_key(name: str) -> str:
    """A name compared without regard to case or extra spaces, so a withheld name
    stays withheld however a data file happens to spell its spacing."""
    return " ".join(name.split()).casefold()


def shown_names(names: list[str], hidden: frozenset[str]) -> list[str]:
    """Names as the site shows them: withheld ones replaced by a neutral phrase."""
    keys = {name_key(name) for name in hidden}
    return [NAME_WITHHELD if name_key(name) in keys else name for name in names]


def level_summaries(plan: schema.Stappenplan, summaries: list[str], plan_page: str) -> str:
    """Markdown: each level of the stappenplan with its plain-language sentence and a link."""
    lines = []
    for level, summary in zip(plan.niveaus, summaries):
        title = escape_markdown(f"Niveau {level.niveau}: {level.naam}")
        lines.append(f"{level.niveau}. [**{title}**]({plan_page}#niveau-{level.niveau}). {escape_markdown(summary)}")
    return "\n".join(lines)


def contact_points(profile, hidden: frozenset[str]) -> str:
    """Who to talk to first, with names from the roster and the role lists."""
    items = []
    for point in profile.in_het_kort.aanspreekpunten:
        names = ", ".join(escape(name) for name in shown_names(profile.contacts(point), hidden))
        items.append(
            f"<dt>{escape(point.wie)}: {names}</dt><dd>{escape(point.uitleg)}</dd>"
        )
    return f'<dl class="sop-aanspreekpunten">{"".join(items)}</dl>'


# --- formele status en geschiedenis ---------------------------------------

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]
NOTICE_MONTHS = 3  # the site warns this long before the renewal date


def dutch_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _months_before(day: datetime.date, months: int) -> datetime.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def renewal_notice(status: schema.FormeleStatus, today: datetime.date) -> tuple[str, str] | None:
    """('verlopen' | 'bijna', message) when the SOP is (nearly) due for renewal."""
    renewal = status.renewal_date
    if renewal is None:
        return None
    if today > renewal:
        return "verlopen", (
            f"Let op: dit schoolondersteuningsprofiel is verlopen. Het had vóór "
            f"{dutch_date(renewal)} vernieuwd moeten worden."
        )
    if today >= _months_before(renewal, NOTICE_MONTHS):
        return "bijna", f"Dit schoolondersteuningsprofiel wordt uiterlijk {dutch_date(renewal)} vernieuwd."
    return None


def formal_status(status: schema.FormeleStatus, today: datetime.date) -> str:
    def shown(value) -> str:
        if value is None:
            return f'<span class="sop-leeg">{NOT_FILLED_IN}</span>'
        return escape(dutch_date(value) if isinstance(value, datetime.date) else value)

    rows = [
        ("Schooljaar", shown(status.schooljaar)),
        ("Vastgesteld door het bevoegd gezag op", shown(status.vastgesteld_op)),
        ("Advies medezeggenschapsraad op", shown(status.advies_mr_op)),
        ("Uiterlijk vernieuwen op", shown(status.renewal_date)),
    ]
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    notice = renewal_notice(status, today)
    banner = (
        f'<p class="sop-melding sop-melding--{notice[0]}" role="note">{escape(notice[1])}</p>'
        if notice
        else ""
    )
    return f'{banner}<dl class="sop-contact sop-status">{items}</dl>'


def change_log(days: list[tuple[datetime.date, list[tuple[str, str]]]]) -> str:
    """Per day the pages whose content changed, as (title, link) pairs."""
    if not days:
        return "<p>Er is geen versiegeschiedenis beschikbaar.</p>"
    items = "".join(
        f'<li><time datetime="{day.isoformat()}">{dutch_date(day)}</time>: '
        + ", ".join(f'<a href="{escape(href)}">{escape(title)}</a>' for title, href in pages)
        + "</li>"
        for day, pages in days
    )
    return f'<ul class="sop-geschiedenis">{items}</ul>'


def edit_links(edit_base: str, files: list[str]) -> str:
    """Small links under a section to the data files it shows, for staff."""
    links = " · ".join(
        f'<a href="{escape(edit_base)}data/{escape(stem)}.yml">data/{escape(stem)}.yml</a>' for stem in files
    )
    # A blank line first, so it never joins a markdown list the macro ended with.
    return f'\n\n<p class="sop-bewerk">Wijzig deze gegevens: {links}</p>'


def staff_guide(repo_url: str) -> str:
    """Where staff find the guide to changing this profile (CONTRIBUTING.md)."""
    if not repo_url:
        return "<p>De handleiding voor medewerkers staat in het bestand CONTRIBUTING.md bij de bronbestanden van deze site.</p>"
    href = escape(f"{repo_url}/blob/main/CONTRIBUTING.md")
    return f'<p>De <a href="{href}">handleiding voor medewerkers</a> legt stap voor stap uit hoe u een gegeven wijzigt.</p>'
