"""Pure render functions: validated data in, HTML or markdown out.

Sections the schoolgids shows too are built once as document nodes
(sop.document.build) and written here by `write_html`; the functions the
macros call stay, as thin wrappers. What only the site has (charts, links,
downloads, tooltips, the renewal notice) is written here directly.

Every text from data passes through `escape` (HTML) or `escape_markdown`
(headings), so `<script>`, `*`, `|` or `{{ … }}` in a value show literally.
Generated HTML has no blank lines, so Python-Markdown keeps it as one raw block.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable

from markupsafe import escape as _html_escape

from sop.data import schema
from sop.document import build, nodes
# The wording of the facts lives with the document builders; the names stay
# importable from here for the glue, the PDF, the versions and the SWV overview.
from sop.document.wording import (  # noqa: F401
    NAME_WITHHELD,
    NOT_FILLED_IN,
    NOT_REPORTED,
    Bound,
    dutch_date,
    format_number,
    is_masked,
    latest_school_year,
    least,
    marking_text,
    missing_years,
    roster_label,
    shown_count,
    shown_names,
    status_heading,
    with_unit,
)


# A newline after <br>: the search index strips tags, and would glue the words of two lines.
LINE_BREAK = "<br>\n"


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
                parts.append("<p>" + LINE_BREAK.join(escape(line) for line in run) + "</p>")
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


# --- the shared document (sop.document) as HTML -----------------------------
# The builders say what a section holds; this writes it as the site shows it.
# `kind` chooses the site's look (its CSS classes), never what is said.

_LIST_CLASSES = {"contact": "sop-contact", "status": "sop-contact sop-status", "glossary": "sop-begrippen"}
_TABLE_CLASSES = {
    "roles": "sop-tabel--rollen", "expertise": "sop-tabel--expertise", "statistics": "sop-tabel--aantallen",
    "plan": "sop-tabel--stappenplan",
}
_GROUP_CLASSES = {"location": "sop-vestiging", "situation": "sop-situatie"}
_PARAGRAPH_CLASSES = {"note": ' class="sop-noot"', "label": ' class="sop-label"'}


def _link(link: nodes.Link) -> str:
    if link.kind == "phone":
        return f'<a href="tel:{escape(re.sub(r"[^0-9+]", "", link.text))}">{escape(link.text)}</a>'
    href = f"mailto:{link.text}" if link.kind == "mail" else link.text
    return f'<a href="{escape(href)}">{address_text(link.text)}</a>'


def _inline(part: nodes.Inline) -> str:
    if isinstance(part, str):
        return escape(part)
    if isinstance(part, nodes.Strong):
        return f"<strong>{escape(part.text)}</strong>"
    if isinstance(part, nodes.Empty):
        return f'<span class="sop-leeg">{escape(part.text)}</span>'
    if isinstance(part, nodes.Aside):
        return f'\n<span class="sop-rijnoot">{escape(part.text)}</span>'
    return _link(part)


def _line(line: nodes.Line) -> str:
    return "".join(map(_inline, line))


def _cell(cell: nodes.Cell) -> str:
    if isinstance(cell, nodes.Lines):
        return LINE_BREAK.join(escape(line) for line in cell.lines)
    if isinstance(cell, nodes.Text):
        return text_cell(cell.text)
    return _line(cell) if cell else ""


def _number_cell(cell: nodes.Cell) -> str:
    # A value the school did not report keeps its words, in the look of an unknown number.
    if isinstance(cell, tuple) and len(cell) == 1 and isinstance(cell[0], nodes.Empty):
        return f'<td class="sop-getal sop-onbekend">{escape(cell[0].text)}</td>'
    return f'<td class="sop-getal">{_cell(cell)}</td>'


def _document_table(table: nodes.Table) -> str:
    numeric = table.kind == "statistics"
    plan = table.kind == "plan"

    def column(index: int, label: str) -> str:
        if numeric and index:
            # <wbr>: on a phone '2018/2019' may wrap after the slash, so more years fit.
            return f'<th scope="col" class="sop-getal">{escape(label).replace("/", "/<wbr>")}</th>'
        return f'<th scope="col">{escape(label)}</th>'

    head = "<tr>" + "".join(column(index, label) for index, label in enumerate(table.header)) + "</tr>"
    bodies = []
    for group in table.groups:
        rows = []
        if group.title:
            rows.append(
                # The span stays in view beside the row labels when the years scroll (sop.css).
                f'<tr class="sop-groepkop"><th scope="rowgroup" colspan="{len(table.header)}">'
                f"<span>{escape(group.title)}</span></th></tr>"
            )
        for first, *cells in group.rows:
            if numeric:
                shown = "".join(map(_number_cell, cells))
            elif plan:
                # data-label lets a phone stack the cells, each under its column name.
                shown = "".join(
                    f'<td data-label="{escape(label)}">{_cell(cell)}</td>' if cell else "<td></td>"
                    for label, cell in zip(table.header[1:], cells)
                )
            else:
                shown = "".join(f"<td>{_cell(cell)}</td>" for cell in cells)
            # The first row of a level of the stappenplan is the level's own approach.
            row_class = ' class="sop-aanpak"' if plan and not bodies and not rows else ""
            rows.append(f'<tr{row_class}><th scope="row">{_cell(first)}</th>{shown}</tr>')
        bodies.append(f"<tbody>{''.join(rows)}</tbody>")
    note = f'<div class="sop-toelichting">{text_block(table.note)}</div>' if table.note else ""
    return _table(table.caption, head, "".join(bodies), _TABLE_CLASSES[table.kind], table.anchor) + note


def _definition(item: nodes.Definition) -> str:
    anchor = f' id="{escape(item.anchor)}"' if item.anchor else ""
    value = text_block(item.value.text) if isinstance(item.value, nodes.Text) else _line(item.value)
    return f"<dt{anchor}>{_line(item.term)}</dt><dd>{value}</dd>"


def _check(check: nodes.Check) -> str:
    note = f'<div class="sop-toelichting">{text_block(check.note)}</div>' if check.note else ""
    return (
        f'<li class="sop-concept sop-concept--{check.kind}">'
        f'<span aria-hidden="true">{check.mark}</span> {escape(check.text)} '
        f'<span class="sop-staat">({check.state})</span>{note}</li>'
    )


def _scale(scale: nodes.Scale) -> str:
    steps = "".join(
        f'<li class="sop-schaal__gekozen" aria-current="true"><strong>{escape(step)}</strong></li>'
        if number == scale.chosen else f"<li>{escape(step)}</li>"
        for number, step in enumerate(scale.steps, start=1)
    )
    return f'<ol class="sop-schaal sop-schaal--{scale.chosen or 0}">{steps}</ol>'


def _block(block: nodes.Block) -> str:
    if isinstance(block, nodes.Heading):
        if block.minor:
            return f'<p class="sop-subkop"><strong>{escape(block.text)}</strong></p>'
        return heading(block.level, block.text, block.anchor)
    if isinstance(block, nodes.Text):
        return text_block(block.text)
    if isinstance(block, nodes.Paragraph):
        return f"<p{_PARAGRAPH_CLASSES.get(block.kind, '')}>{_line(block.line)}</p>"
    if isinstance(block, nodes.Items):
        if block.label:
            return '<ol class="sop-stappen">' + "".join(
                f"<li><strong>{escape(label)}</strong> {escape(item)}</li>"
                for label, item in zip(nodes.item_labels(block), block.items)
            ) + "</ol>"
        tag = "ol" if block.numbered else "ul"
        return f"<{tag}>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + f"</{tag}>"
    if isinstance(block, nodes.Checklist):
        return f'<ul class="sop-checklist">{"".join(map(_check, block.items))}</ul>'
    if isinstance(block, nodes.Definitions):
        return f'<dl class="{_LIST_CLASSES[block.kind]}">{"".join(map(_definition, block.items))}</dl>'
    if isinstance(block, nodes.Table):
        return _document_table(block)
    if isinstance(block, nodes.Scale):
        return _scale(block)
    if isinstance(block, nodes.Section):
        anchor = escape(block.anchor)
        return (
            f'<section class="sop-{block.kind}" aria-labelledby="{anchor}">'
            f'<h{block.level} id="{anchor}">{escape(block.title)}</h{block.level}>{write_html(block.blocks)}</section>'
        )
    if isinstance(block, nodes.Group):
        return f'<div class="{_GROUP_CLASSES[block.kind]}">{write_html(block.blocks)}</div>'
    raise TypeError(f"onbekend blok: {block!r}")  # pragma: no cover - a new node type needs a writer here


def _is_heading(block: nodes.Block) -> bool:
    return isinstance(block, nodes.Heading) and not block.minor


def write_html(blocks) -> str:
    """Blocks as one piece of page source: HTML without blank lines, and each
    heading a markdown heading between blank lines (so it is in the table of contents)."""
    parts: list[str] = []
    before = None
    for block in blocks:
        if parts and (_is_heading(block) or _is_heading(before)):
            parts.append("\n\n")
        parts.append(_block(block))
        before = block
    return "".join(parts)


# --- contactgegevens ------------------------------------------------------


# An address in pieces that each end after '@', '.' or '/' ('//' stays whole).
_ADDRESS_PIECES = re.compile(r"[^@./]*(?:[@.]|/+)|[^@./]+")


def address_text(address: str) -> str:
    """An e-mail or web address as link text that a phone wraps only after '@', '.' or
    '/': each piece unbreakable (a break after its '-' reads as a hyphenated word)."""
    pieces = _ADDRESS_PIECES.findall(address)
    return "<wbr>".join(f'<span class="sop-adres">{escape(piece)}</span>' for piece in pieces)


def contact_details(school: schema.School) -> str:
    return write_html(build.contact(school, 3))


# --- onderwijskundig concept ---------------------------------------------


def concept_checklist(concepts: list[schema.Concept]) -> str:
    return write_html([build.concepts(concepts)])


# --- ondersteuningsstructuur ---------------------------------------------


def introduced_list(introduction: str | None, items: list[str], note: str | None = None) -> str:
    """An optional lead-in line, a bulleted list, and an optional closing note."""
    return write_html(build.introduced_list(introduction, items, note))


def conversation_cycle(cycle: schema.Gesprekkencyclus) -> str:
    return write_html(build.conversation_cycle(cycle))


def care_route(structure: schema.Ondersteuningsstructuur, level: int = 2) -> str:
    return write_html(build.care_route(structure, level))


def expertise_table(expertise: schema.Expertise, hidden: frozenset[str] = frozenset()) -> str:
    return write_html([build.expertise(expertise, hidden)])


def roles_table(roles: schema.Rollen, hidden: frozenset[str] = frozenset()) -> str:
    return write_html([build.roles(roles, hidden)])


def role_groups(groups: list[schema.RollenGroep], hidden: frozenset[str] = frozenset(), level: int = 3) -> str:
    return write_html(build.role_groups(groups, hidden, level))


# --- feiten en aantallen --------------------------------------------------


def _year_slots(table: schema.Tabel) -> list[str | None]:
    """The chart's x axis: each reported year, and None where years are missing."""
    slots: list[str | None] = []
    for index, year in enumerate(table.schooljaren):
        if index and int(year[:4]) > int(table.schooljaren[index - 1][:4]) + 1:
            slots.append(None)
        slots.append(year)
    return slots


def _gap_note(table: schema.Tabel) -> str:
    note = build.missing_years_note(table)
    return write_html([note]) if note else ""


def statistics_table(table: schema.Tabel, threshold: int | None = None) -> str:
    return write_html([build.statistics(table, threshold)])


SERIES_COLOURS = 8  # distinct colours in sop.css (light and dark), then they repeat


def _nice_ceiling(value: float) -> tuple[float, float]:
    """An axis maximum >= value and a round tick step (about five ticks)."""
    if isinstance(value, int):
        step = max(1, -(-value // 5))
        return step * max(1, -(-value // step)), step
    raw = max(value, 1e-9) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(factor * magnitude for factor in (1, 2, 2.5, 5, 10) if factor * magnitude >= raw)
    return step * math.ceil(value / step - 1e-9), step


def _ticks(top: float, step: float) -> list[int | float]:
    return [step * index for index in range(round(top / step) + 1)]


# A count published as '< N' is drawn as a block of this height (px), the same
# for every such count: its size says nothing about the number.
MARKER = 14


def is_below(count: int | float | None, threshold: int | None) -> bool:
    """A count published only as '< N' (masked): it is somewhere from 1 to N-1."""
    return count is not None and is_masked(count, threshold) and shown_count(count, threshold).startswith("<")


def statistics_chart(table: schema.Tabel, threshold: int | None = None) -> str:
    """A bar chart (inline SVG, no JavaScript) per school year.

    Rows that add up (each pupil in one row) are stacked with their total on top;
    other rows stand side by side, without a total. A value that was not reported
    is left out. A count published as '< N' is no bar: a striped block of one size
    (on top of its year's stack, or at the foot of its place), explained under the
    chart; the axis measures only exact numbers, so the chart claims no more than
    the table. A lower bound ('≥ n', a total over such counts) is a striped bar.
    Rows with different units share no axis: then there is only the table.
    """
    rows = table.rows
    units = {table.unit(row) for row in rows}
    if len(units) > 1:
        return ""
    unit = units.pop()
    stacked = table.rijen_tellen_op
    slots = _year_slots(table)

    def height(value):
        return least(value, threshold)

    def scaled(year):
        """The year's values drawn to scale: reported, and not '< N'."""
        return [height(value) for value in (row.aantallen[year] for row in rows)
                if value is not None and not is_below(value, threshold)]

    def below(year) -> int:
        return sum(is_below(row.aantallen[year], threshold) for row in rows)

    reported = [value for year in table.schooljaren for value in scaled(year)]
    peaks = [sum(scaled(year)) if stacked else max(scaled(year), default=0) for year in table.schooljaren]
    highest = max(peaks + [1])
    if all(isinstance(value, int) for value in reported):
        highest = int(math.ceil(highest))
    top, step = _nice_ceiling(highest)
    tick_unit = "%" if unit == "%" else None

    def tick_label(tick) -> str:
        return with_unit(format_number(round(tick, 6) if isinstance(tick, float) else tick), tick_unit)

    # Without an exact number above 0 there is nothing to measure: only the base line.
    ticks = _ticks(top, step) if any(reported) else [0]
    # Blocks stacked on the highest bar need room above it.
    blocks_on_top = max(map(below, table.schooljaren)) * MARKER if stacked else 0
    # A narrow drawing, so its text stays legible when a phone scales it down; the
    # left margin fits the longest axis label.
    # With nothing to measure the drawing is only as high as a block.
    width, bottom, upper, plot = 420, 44, 24 + blocks_on_top, 212 if any(reported) else MARKER
    chart_height = upper + plot + bottom
    left = max(36, 12 + 9 * max(len(tick_label(tick)) for tick in ticks))
    band = (width - left - 8) / len(slots)
    bar = band * (0.55 if stacked else 0.8)
    scale = plot / top
    chart_id = f"grafiek-{table.id}"
    striped = sorted({
        series for series, row in enumerate(rows) for value in row.aantallen.values() if is_masked(value, threshold)
    })
    parts = [
        f'<svg viewBox="0 0 {width} {chart_height}" role="img" class="sop-grafiek__svg" '
        f'aria-labelledby="{chart_id}-titel {chart_id}-uitleg" focusable="false">',
        f'<title id="{chart_id}-titel">{escape(table.titel)}</title>',
        f'<desc id="{chart_id}-uitleg">{escape(_chart_description(table, threshold))}</desc>',
        # Stripes in a row's own colour, for its counts that are not exact.
        "<defs>" + "".join(
            f'<pattern id="{chart_id}-streep-{series}" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="3" height="6" '
            f'class="sop-reeks-{series % SERIES_COLOURS + 1}"/></pattern>'
            for series in striped
        ) + "</defs>",
    ]
    for tick in ticks:
        y = upper + plot - tick * scale
        parts.append(
            f'<line x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" class="sop-grafiek__lijn"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="sop-grafiek__tekst">'
            f"{escape(tick_label(tick))}</text>"
        )

    def rect(x: float, y: float, bar_width: float, bar_height: float, value, series: int) -> str:
        if is_below(value, threshold):
            look = f'class="sop-grafiek__minder" fill="url(#{chart_id}-streep-{series})"'
        elif is_masked(value, threshold):
            look = f'class="sop-grafiek__ondergrens" fill="url(#{chart_id}-streep-{series})"'
        else:
            look = f'class="sop-reeks-{series % SERIES_COLOURS + 1}"'
        return f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" height="{bar_height:.1f}" {look}/>'

    def size(value) -> float:
        return MARKER if is_below(value, threshold) else height(value) * scale

    for index, year in enumerate(slots):
        x = left + index * band + (band - bar) / 2
        centre = x + bar / 2
        if year is None:
            # A gap in the school years: an empty place on the axis, marked '…'.
            parts.append(
                f'<text x="{centre:.1f}" y="{chart_height - 26}" text-anchor="middle" '
                f'class="sop-grafiek__tekst">…</text>'
            )
            continue
        base = upper + plot
        if stacked:
            y = base
            # Exact numbers first, to scale; the blocks of '< N' on top of them.
            order = sorted(enumerate(rows), key=lambda item: is_below(item[1].aantallen[year], threshold))
            for series, row in order:
                value = row.aantallen[year]
                if not value:
                    continue
                y -= size(value)
                parts.append(rect(x, y, bar, size(value), value, series))
            label = total_label([row.aantallen[year] for row in rows], threshold, unit)
            parts.append(
                f'<text x="{centre:.1f}" y="{y - 6:.1f}" text-anchor="middle" '
                f'class="sop-grafiek__tekst sop-grafiek__totaal">{escape(label)}</text>'
            )
        else:
            each = bar / len(rows)
            for series, row in enumerate(rows):
                value = row.aantallen[year]
                if not value:
                    continue
                parts.append(rect(x + series * each, base - size(value), each, size(value), value, series))
        parts.append(
            f'<text x="{centre:.1f}" y="{chart_height - 26}" text-anchor="middle" '
            f'class="sop-grafiek__tekst">{_two_lines(year, centre)}</text>'
        )
    parts.append("</svg>")
    legend = "".join(
        f'<li><span class="sop-legenda__kleur sop-reeks-{series % SERIES_COLOURS + 1}" '
        f'aria-hidden="true"></span>{escape(row.categorie)}</li>'
        for series, row in enumerate(rows)
    )
    in_unit = f" (in {escape(unit)})" if unit else ""
    how = (
        f"totaal per schooljaar{in_unit}, opgebouwd per categorie"
        if stacked
        else f"per schooljaar een staaf per categorie{in_unit}; deze getallen tellen niet op tot een totaal"
    )
    return (
        f'<figure class="sop-grafiek" id="{chart_id}">{"".join(parts)}'
        f"<figcaption>{escape(table.titel)}: {how} "
        f"(zie de tabel hieronder voor de precieze getallen)."
        f'<ul class="sop-legenda">{legend}</ul>{_striped_note(table, threshold)}</figcaption></figure>'
    )


def _striped_note(table: schema.Tabel, threshold: int | None) -> str:
    """What the striped shapes in a chart mean, when it has any."""
    values = [value for row in table.rows for value in row.aantallen.values() if is_masked(value, threshold)]
    below = sorted({shown_count(value, threshold)[1:].strip() for value in values if is_below(value, threshold)})
    sentences = []
    if below:
        sentences.append(
            f"Een gestreept blokje betekent: minder dan {' of '.join(below)}. Het precieze aantal staat "
            "niet in het profiel, zodat geen leerling herkenbaar is; het blokje is altijd even groot."
        )
    if any(not is_below(value, threshold) for value in values):
        sentences.append("Een gestreepte staaf laat zien hoeveel het minstens is: het echte aantal kan hoger zijn.")
    if not sentences:
        return ""
    return (
        '<p class="sop-legenda__uitleg"><span class="sop-legenda__kleur sop-legenda__streep" aria-hidden="true">'
        f"</span>{escape(' '.join(sentences))}</p>"
    )


def _two_lines(year: str, x: float) -> str:
    """'2018/2019' as '2018/' over '2019': six years fit side by side on a phone."""
    first, slash, second = escape(year).partition("/")
    if not slash:
        return first
    return f'<tspan x="{x:.1f}">{first}/</tspan><tspan x="{x:.1f}" dy="1.1em">{second}</tspan>'


def total_label(counts: list, threshold: int | None, unit: str | None = None) -> str:
    """A year's total; only a lower bound ('≥') when a count is masked (each masked
    count is at least 1) or not reported (at least 0); 'niet bekend' when that bound is 0."""
    known = [count for count in counts if count is not None]
    masked = [count for count in known if is_masked(count, threshold)]
    total = sum(least(count, threshold) for count in known)
    number = with_unit(format_number(round(total, 6) if isinstance(total, float) else total), unit)
    if not masked and len(known) == len(counts):
        return number
    return f"≥ {number}" if total else NOT_REPORTED


def _chart_description(table: schema.Tabel, threshold: int | None) -> str:
    rows = table.rows
    per_year = []
    for year in table.schooljaren:
        values = [row.aantallen[year] for row in rows]
        parts = [
            f"{row.categorie}: {shown_count(value, threshold, table.unit(row))}"
            for row, value in zip(rows, values)
            if value != 0
        ]
        if table.rijen_tellen_op:
            total = total_label(values, threshold, table.unit(rows[0]))
            per_year.append(f"{year}: {total} in totaal" + (f" ({'; '.join(parts)})" if parts else ""))
        else:
            per_year.append(f"{year}: " + ("; ".join(parts) if parts else "overal 0"))
    missing = missing_years(table)
    gap = f" Geen cijfers over {', '.join(missing)}." if missing else ""
    return "Staafdiagram. " + ". ".join(per_year) + "." + gap


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
        f"{heading(level, table.titel, table.id)}\n\n{_gap_note(table)}{statistics_chart(table, threshold)}\n\n"
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


def status_scale(scale: schema.Statusschaal, status: schema.Status) -> str:
    """The school's column headings, its marking under the one it marked (only with headings)."""
    if not scale.koppen:
        return ""
    steps = []
    for column, label in enumerate(scale.koppen, start=1):
        if column == status.kolom:
            steps.append(
                f'<li class="sop-schaal__gekozen" aria-current="true"><strong>{escape(label)}: '
                f"‘{escape(status.markering)}’</strong></li>"
            )
        else:
            steps.append(f"<li>{escape(label)}</li>")
    return f'<ol class="sop-schaal sop-schaal--{status.kolom}">{"".join(steps)}</ol>'


def indicator_overview(data: schema.Basisondersteuning) -> str:
    """All indicators at a glance, each linking to its details, with their marking."""
    columns = data.kolommen
    # A column for the headings only when some scale has them: never an empty 'Status'.
    headed = any(scale and scale.koppen for scale in map(data.scale, data.domeinen))
    width = 3 if headed else 2
    head = (
        # The school's own mark first: on a phone it stays in view without scrolling.
        f'<tr><th scope="col">{escape(columns.indicator)}</th>'
        '<th scope="col">Markering</th>'
        + (f'<th scope="col">{escape(columns.status)}</th>' if headed else "")
        + "</tr>"
    )
    bodies = []
    for domain in data.domeinen:
        scale = data.scale(domain)
        who = f" (beoordeeld door {escape(data.assessor(domain))})" if scale else ""
        rows = [
            f'<tr class="sop-groepkop"><th scope="rowgroup" colspan="{width}">'
            f'<a href="#{escape(domain.id)}">{escape(domain.titel)}</a>{who}</th></tr>'
        ]
        for indicator in domain.indicatoren:
            status = indicator.status
            # data-label: on a phone each indicator is one block, each cell under its column's name.
            mark, state = ' data-label="Markering"', f' data-label="{escape(columns.status)}"'
            if scale and status:
                cells = f"<td{mark}>{escape(status.markering)}</td>"
                if headed:
                    cells += f'<td class="sop-status"{state}>{escape(status_heading(scale, status) or "")}</td>'
            else:
                empty = "<td></td>" if headed else ""
                cells = f'{empty}<td class="sop-leeg"{state if headed else mark}>geen status</td>'
            rows.append(
                f'<tr><th scope="row"><a href="#{escape(indicator.id)}">'
                f"{escape(indicator.indicator)}</a></th>{cells}</tr>"
            )
        bodies.append(f"<tbody>{''.join(rows)}</tbody>")
    caption = f"Overzicht: markering per {columns.indicator.lower()}"
    return write_html(build.basic_support_introduction(data)) + _table(
        caption, head, "".join(bodies), "sop-tabel--overzicht", "tabel-basisondersteuning", caption_shown=True
    )


def indicator_details(
    indicator: schema.Indicator, data: schema.Basisondersteuning, domain: schema.Domein, level: int = 3
) -> str:
    columns = data.kolommen
    status = indicator.status
    scale = data.scale(domain)
    marking = ""
    if scale and status:
        column = status_heading(scale, status)
        marking = (
            f'<p class="sop-label">{escape(columns.status)}, beoordeeld door '
            f"{escape(data.assessor(domain))}: <strong>‘{escape(status.markering)}’</strong>"
            + (f" ({escape(column)})" if column else "")
            + f"</p>{status_scale(scale, status)}"
        )
    return (
        f'<section class="sop-indicator" aria-labelledby="{escape(indicator.id)}">'
        f'<h{level} id="{escape(indicator.id)}">{escape(indicator.indicator)}</h{level}>'
        f"{marking}"
        f'<p class="sop-label">{escape(columns.huidige_situatie)}:</p>'
        f'<div class="sop-situatie">{text_block(indicator.huidige_situatie)}</div>'
        "</section>"
    )


def frame_answers(data: schema.Basisondersteuning, frame, level: int = 2) -> str:
    return write_html(build.frame_answers(data, frame, level))


def basic_support(data: schema.Basisondersteuning, level: int = 2, frame=None) -> str:
    parts = []
    for domain in data.domeinen:
        parts.append(heading(level, domain.titel, domain.id))
        for group in domain.groepen:
            blocks = []
            if group.kop:
                blocks.append(f'<p class="sop-subkop"><strong>{escape(group.kop)}</strong></p>')
            blocks += [indicator_details(indicator, data, domain, level + 1) for indicator in group.indicatoren]
            parts.append("".join(blocks))
    return "\n\n".join([*parts, frame_answers(data, frame, level)])


# --- stappenplan ----------------------------------------------------------


def level_table(level: schema.Niveau, columns: schema.StappenplanKolommen) -> str:
    return write_html([build.plan_level(level, columns)])


def support_plan(
    data: schema.Stappenplan, heading_level: int = 2, summaries: list[schema.Samenvatting] = ()
) -> str:
    """Each level's table, after its plain-language sentence from 'In het kort' (one per level)."""
    parts = [text_block(data.toelichting)] if data.toelichting else []
    plain = list(summaries) or [None] * len(data.niveaus)
    for level, summary in zip(data.niveaus, plain):
        parts.append(heading(heading_level, level.title, level.anchor))
        if summary:
            parts.append(f'<p class="sop-inkort"><strong>In het kort:</strong> {escape(summary.tekst)}</p>')
        parts.append(level_table(level, data.kolommen))
    return "\n\n".join(parts)


# --- begrippen ------------------------------------------------------------


term_anchor = build.term_anchor


def glossary_list(data: schema.Begrippen) -> str:
    return write_html([build.glossary(data)])


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

    # Not inside an inline SVG chart: an HTML <abbr> is no SVG element, and the
    # chart's <title> and <desc> must stay plain text for screen readers.
    # Nor in a markdown heading: the abbr extension gives its words their tooltips
    # (twice if here too), and its '{ #uitstroom }' is an id, not a word.
    parts = re.split(r"(<svg\b(?s:.*?)</svg>|^#+ [^\n]*$)", html, flags=re.M)
    return "".join(
        part if part.startswith(("<svg", "#")) else re.sub(r"(?<=>)[^<>]+(?=<)", in_text, part)
        for part in parts
    )


# --- in het kort ----------------------------------------------------------


READ_MORE = "Meer hierover"


def _page_and_anchor(ref: str) -> tuple[str, str]:
    page, _, anchor = ref.partition("#")
    return page, anchor


def source_links(refs: list[str], titles: dict[str, str]) -> str:
    """Markdown links from a summary sentence to the parts of the profile it rests on.

    Markdown, so MkDocs checks every target; each link is named after its page
    (`titles`: page -> title in the navigation).
    """
    links = [
        f"[{escape_markdown(titles.get(page, page))}]({page}.md#{anchor})"
        for page, anchor in map(_page_and_anchor, refs)
    ]
    return f"{READ_MORE}: " + " · ".join(links)


def summary_paragraphs(statements: list[schema.Samenvatting], titles: dict[str, str]) -> str:
    """Markdown: each sentence for parents with links to where the profile says it."""
    return "\n\n".join(
        f"{escape_markdown(statement.tekst)} ({source_links(statement.bron, titles)})" for statement in statements
    )


def level_summaries(
    plan: schema.Stappenplan, summaries: list[schema.Samenvatting], titles: dict[str, str], plan_page: str
) -> str:
    """Markdown: each level of the stappenplan with its plain-language sentence and its sources."""
    lines = []
    for level, summary in zip(plan.niveaus, summaries):
        title = escape_markdown(level.title)
        own = f"{plan_page}#{level.anchor}"
        others = [ref for ref in summary.bron if ref != own]
        more = f" ({source_links(others, titles)})" if others else ""
        lines.append(f"- [**{title}**]({plan_page}.md#{level.anchor}). {escape_markdown(summary.tekst)}{more}")
    return "\n".join(lines)


def limit_summaries(introduction: str, limits: list[schema.Samenvatting], titles: dict[str, str]) -> str:
    """Markdown: each limit of the school in plain words, its own wording one click away.

    Where every limit rests on the same parts, the link is said once under the list:
    the same '(Meer hierover: …)' after each line is noise on a phone.
    """
    shared = limits[0].bron if limits and all(limit.bron == limits[0].bron for limit in limits) else None
    lines = [escape_markdown(introduction), ""]
    lines += [f"- {escape_markdown(limit.tekst)}" + ("" if shared else f" ({source_links(limit.bron, titles)})")
              for limit in limits]
    if shared:
        lines += ["", source_links(shared, titles)]
    return "\n".join(lines)


def contact_points(profile, hidden: frozenset[str], href, titles: dict[str, str]) -> str:
    """Who to talk to first, with names from the roster and the role lists.

    `href` turns a source reference ('page#anchor') into a link from this page.
    """
    items = []
    for point in profile.in_het_kort.aanspreekpunten:
        names = ", ".join(escape(name) for name in shown_names(profile.contacts(point), hidden))
        who = f"{escape(point.wie)}: {names}" if names else escape(point.wie)
        links = " · ".join(
            f'<a href="{escape(href(ref))}">{escape(titles.get(_page_and_anchor(ref)[0], ref))}</a>'
            for ref in point.bron
        )
        items.append(f"<dt>{who}</dt><dd>{escape(point.uitleg)} ({READ_MORE}: {links})</dd>")
    return f'<dl class="sop-aanspreekpunten">{"".join(items)}</dl>'


# --- formele status en geschiedenis ---------------------------------------

NOTICE_MONTHS = 3  # the site warns this long before the renewal date


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


def formal_status(status: schema.FormeleStatus, today: datetime.date, latest_year: str | None = None) -> str:
    notice = renewal_notice(status, today)
    banner = (
        f'<p class="sop-melding sop-melding--{notice[0]}" role="note">{escape(notice[1])}</p>'
        if notice
        else ""
    )
    return banner + write_html([build.formal_status(status, latest_year)])


def _definitions(rows: list[tuple[str, str]]) -> str:
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="sop-contact">{items}</dl>'


def _or_not_filled(html: str | None) -> str:
    return html if html else f'<span class="sop-leeg">{NOT_FILLED_IN}</span>'


def accessibility_claim(statement: schema.Toegankelijkheidsverklaring) -> str:
    """What the school itself declares about the site's accessibility, and since when."""
    rows = [
        ("Verklaring van de school", _or_not_filled(escape(statement.status) if statement.status else None)),
        ("Laatst gecontroleerd op", _or_not_filled(
            dutch_date(statement.laatste_controle) if statement.laatste_controle else None)),
    ]
    return _definitions(rows)


def accessibility_reports(statement: schema.Toegankelijkheidsverklaring) -> str:
    """Where to report a problem with the site and what the school then does."""
    contact = statement.contact
    rows = [
        ("Melden bij", _or_not_filled(
            f'<a href="mailto:{escape(contact)}">{address_text(contact)}</a>' if contact else None)),
        ("Wat de school met uw melding doet", _or_not_filled(
            escape(statement.afhandeling) if statement.afhandeling else None)),
    ]
    return _definitions(rows)


def change_review(procedure: str | None) -> str:
    """How the school checks a change before it is published, in its own words."""
    return _definitions([("Hoe de school een wijziging nakijkt", _or_not_filled(
        escape(procedure) if procedure else None))])


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


def edit_links(edit_base: str, files: list[str], forms: list[tuple[str, str]] = ()) -> str:
    """Small links under a section to the data files it shows, for staff.

    forms: (label, link) of each file's form in the editor at /beheer/, when the site has it.
    """
    links = " · ".join(
        f'<a href="{escape(edit_base)}data/{escape(stem)}.yml">data/{escape(stem)}.yml</a>' for stem in files
    )
    if forms:
        # Each link says what it opens: a form, or the file on GitHub (no jargon: parents read it too).
        in_forms = " · ".join(f'<a href="{escape(href)}">formulier {escape(label)}</a>' for label, href in forms)
        links = f"{in_forms}; of het bestand op GitHub: {links}"
    # A blank line first, so it never joins a markdown list the macro ended with.
    return f'\n\n<p class="sop-bewerk">Wijzig deze gegevens: {links}</p>'


def staff_guide(repo_url: str) -> str:
    """Where staff find the guide to changing this profile (CONTRIBUTING.md)."""
    if not repo_url:
        return "<p>De handleiding voor medewerkers staat in het bestand CONTRIBUTING.md bij de bronbestanden van deze site.</p>"
    href = escape(f"{repo_url}/blob/main/CONTRIBUTING.md")
    # Only with a repository: the edit links under each section are made from its address.
    return (
        "<p>Onder elk onderdeel staat welk bestand de gegevens bevat, met een link om het te wijzigen.</p>"
        f'<p>De <a href="{href}">handleiding voor medewerkers</a> legt stap voor stap uit hoe u een gegeven wijzigt.</p>'
    )
