"""The whole profile as one document to paste into the schoolgids: markdown or Word.

Wetsvoorstel 36443 moves the SOP into the yearly schoolgids, so a school needs
the profile as one piece of text rather than as a website. Both formats are
built from the same list of blocks (`_blocks`), so they always hold the same
facts in the same order as the site.

Markdown targets CommonMark with GFM tables (pandoc, GitHub, most editors).
Data text is escaped so it always shows literally: a '#', '*', '|' or '<b>' in
a field never becomes markup.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from pydantic import BaseModel

from sop.data import schema
from sop.writers.opendata import (
    assert_no_hidden_names,
    check_threshold,
    hidden_set,
    is_hidden,
    published_fields,
)
from sop.data.profile import Profile
from sop.document import build
from sop.document.nodes import (
    Block,
    Cell,
    Checklist,
    Definition,
    Definitions,
    Group,
    Heading,
    Items,
    Lines,
    Paragraph,
    RowGroup,
    Strong,
    Table,
    Text,
    plain,
)
from sop.writers.render import (
    NAME_WITHHELD,
    NOT_FILLED_IN,
    concept_state,
    marking_text,
    dutch_date,
    latest_school_year,
    missing_headings_notes,
    missing_years,
    role_holders,
    roster_label,
    school_year_text,
    shown_count,
)

LANGUAGE = "nl-NL"
DOCUMENT_TITLE = "Schoolondersteuningsprofiel"


def _labelled(label: str, text: str) -> Definitions:
    """'Label: value'; a value of several lines goes below its label."""
    return Definitions((Definition((label,), Text(text)),))


def _strong(text: str) -> Paragraph:
    return Paragraph((Strong(text),))


def _cell(value, running_text: bool) -> Cell:
    if isinstance(value, str):
        return Text(value) if running_text else (value,)
    return Lines(value) if isinstance(value, tuple) else value


def _table(header: tuple[str, ...], rows, running_text: bool = False) -> Table:
    """A table from rows of values (text, several values, or None); a str row is a
    title over the rows after it."""
    groups: list[RowGroup] = [RowGroup(())]
    for row in rows:
        if isinstance(row, str):
            groups.append(RowGroup((), row))
        else:
            cells = tuple(_cell(value, running_text) for value in row)
            groups[-1] = RowGroup((*groups[-1].rows, cells), groups[-1].title)
    return Table("", header, tuple(group for group in groups if group.rows or group.title), running_text=running_text)


# --- the profile as blocks, in the order of the site -----------------------


def _name(name: str, hidden: frozenset[str]) -> str:
    # The site's wording, so the schoolgids and the site say the same.
    return NAME_WITHHELD if is_hidden(name, hidden) else name


def _summary(profile: Profile, hidden: frozenset[str]) -> Iterator[Block]:
    """'In het kort': the plain-language summary for parents, as on the start page."""
    summary = profile.in_het_kort
    yield Heading(2, "In het kort")
    yield Text("\n\n".join(statement.tekst for statement in summary.inleiding))
    yield Heading(3, "Hulp in stappen")
    yield Items(
        tuple(
            f"{level.title}. {sentence.tekst}"
            for level, sentence in zip(profile.stappenplan.niveaus, summary.niveaus)
        ),
    )
    yield Heading(3, "Waar de grenzen liggen")
    yield Text(summary.grenzen_inleiding)
    yield Items(tuple(limit.tekst for limit in summary.grenzen))
    yield Heading(3, "Met wie praat u eerst?")
    for point in summary.aanspreekpunten:
        names = ", ".join(_name(name, hidden) for name in profile.contacts(point))
        yield _labelled(f"{point.wie} ({names})" if names else point.wie, point.uitleg)


def _introduction(profile: Profile) -> Iterator[Block]:
    school = profile.school
    yield Heading(2, "Inleiding")
    yield Text(profile.inleiding.tekst)
    yield Heading(2, "Contactgegevens")
    yield from build.contact(school, 3)


def _formal_status(profile: Profile) -> Iterator[Block]:
    """School year, adoption and renewal, as on the start page (without today's notice)."""
    yield Heading(2, "Status van dit profiel")
    yield build.formal_status(profile.status, latest_school_year(profile.aantallen))


def _education(profile: Profile) -> Iterator[Block]:
    concept = profile.onderwijsconcept
    yield Heading(2, "Onderwijskundig concept")
    yield Text(concept.visie)
    yield Heading(3, "Welk concept de school volgt")
    yield build.concepts(concept.concepten)
    yield Text(concept.werkwijze)
    yield Heading(3, "Werken op niveau")
    yield Text(concept.aanpak_op_niveau)
    yield Heading(3, "Extra ondersteuning in de groep")
    yield Text(concept.extra_ondersteuning)


def _pride(profile: Profile) -> Iterator[Block]:
    yield Heading(2, "Waarde en trots")
    yield Text(profile.waarde_en_trots.tekst)


def _possibilities(profile: Profile) -> Iterator[Block]:
    data = profile.kansen_en_belemmeringen
    yield Heading(2, "Kansen en belemmeringen")
    yield Heading(3, "Sterke kanten van de school")
    yield Items(tuple(data.sterke_kanten))
    if data.meer_informatie:
        yield Text(data.meer_informatie)
    yield Heading(3, "Planning voor verdere schoolontwikkeling")
    yield Items(tuple(data.schoolontwikkeling))
    yield Heading(3, "Grenzen van de school")
    yield Items(tuple(data.grenzen))
    yield Heading(3, "Plaatsen of behouden van een leerling")
    yield from build.introduced_list(data.plaatsing.inleiding, data.plaatsing.punten)


def _support_structure(profile: Profile, hidden: frozenset[str]) -> Iterator[Block]:
    data = profile.ondersteuningsstructuur
    yield Heading(2, "Ondersteuningsstructuur")
    yield Heading(3, "Zicht op ontwikkeling")
    yield Items(tuple(data.zicht_op_ontwikkeling))
    yield Heading(3, "Gesprekkencyclus intern")
    yield from build.conversation_cycle(data.gesprekkencyclus_intern)
    yield Heading(3, "Gesprekkencyclus ouders")
    yield from build.conversation_cycle(data.gesprekkencyclus_ouders)
    yield Heading(3, data.zorgroute_titel)
    yield Items(tuple(data.zorgroute), numbered=True)
    if data.zorgroute_toelichting:
        yield Text(data.zorgroute_toelichting)

    yield Heading(3, profile.expertise.titel)
    yield build.expertise(profile.expertise, hidden)
    yield Heading(3, profile.sociale_veiligheid.titel)
    yield build.roles(profile.sociale_veiligheid, hidden)
    yield from build.role_groups(profile.externe_deskundigen.groepen, hidden, 3)


def _facts(profile: Profile, threshold: int | None) -> Iterator[Block]:
    yield Heading(2, "Feiten en aantallen")
    for table in profile.aantallen.tabellen:
        yield Heading(3, table.titel)
        note = build.missing_years_note(table)
        if note:
            yield note
        yield build.statistics(table, threshold)


def _basic_support(profile: Profile) -> Iterator[Block]:
    data = profile.basisondersteuning
    columns = data.kolommen
    yield Heading(2, "Basisondersteuning")
    if data.inleiding:
        yield Text(data.inleiding)
    for note in missing_headings_notes(data):
        yield Text(note)
    for domain in data.domeinen:
        yield Heading(3, domain.titel)
        scale = data.scale(domain)
        if scale:
            yield Text(f"Beoordeeld door {data.assessor(domain)}.")
            if scale.koppen:
                # The full scale, so the reader knows where a marking stands.
                yield Text(f"Mogelijke waarden voor ‘{columns.status}’, in de volgorde van de kolommen:")
                yield Items(tuple(scale.koppen), numbered=True)
        for group in domain.groepen:
            if group.kop:
                yield _strong(group.kop)
            header = (columns.indicator, columns.status, columns.huidige_situatie) if scale else (
                columns.indicator, columns.huidige_situatie)
            yield _table(
                header,
                tuple(
                    (
                        indicator.indicator,
                        marking_text(scale, indicator.status),
                        indicator.huidige_situatie,
                    )
                    if scale
                    else (indicator.indicator, indicator.huidige_situatie)
                    for indicator in group.indicatoren
                ),
                running_text=True,
            )


def _support_plan(profile: Profile) -> Iterator[Block]:
    data = profile.stappenplan
    yield Heading(2, "Stappenplan ondersteuning leerling")
    if data.toelichting:
        yield Text(data.toelichting)
    for level in data.niveaus:
        yield Heading(3, level.title)
        yield build.plan_level(level, data.kolommen)


def _glossary(profile: Profile) -> Iterator[Block]:
    yield Heading(2, "Begrippenlijst")
    yield build.glossary(profile.begrippen)


def _humanise(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _leaves(value: Any, label: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, BaseModel):
        for name in schema.content_fields(value):
            yield from _leaves(getattr(value, name), f"{label} › {_humanise(name)}" if label else _humanise(name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value, start=1):
            yield from _leaves(item, f"{label} {index}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{label} › {key}")
    elif value is not None:
        yield label, str(value)


def _generic(name: str, model: BaseModel) -> Iterator[Block]:
    # A data file added later must never silently miss from the schoolgids;
    # until it gets its own section it is shown field by field.
    yield Heading(2, _humanise(name))
    for label, value in _leaves(model, ""):
        yield _labelled(label, value)


def _blocks(profile: Profile, hidden: frozenset[str], threshold: int | None) -> list[Block]:
    # In the order of the site. A file mapped to () is shown inside another
    # file's section (the inleiding with the contact details, the roster and
    # the roles in the ondersteuningsstructuur).
    sections = {
        "in_het_kort": lambda: _summary(profile, hidden),
        "school": lambda: _introduction(profile),
        "inleiding": lambda: (),
        "status": lambda: _formal_status(profile),
        "onderwijsconcept": lambda: _education(profile),
        "waarde_en_trots": lambda: _pride(profile),
        "kansen_en_belemmeringen": lambda: _possibilities(profile),
        "ondersteuningsstructuur": lambda: _support_structure(profile, hidden),
        "expertise": lambda: (),
        "sociale_veiligheid": lambda: (),
        "externe_deskundigen": lambda: (),
        "aantallen": lambda: _facts(profile, threshold),
        "basisondersteuning": lambda: _basic_support(profile),
        "stappenplan": lambda: _support_plan(profile),
        "begrippen": lambda: _glossary(profile),
    }
    blocks: list[Block] = [Heading(1, f"{DOCUMENT_TITLE} {profile.school.naam}")]
    for section in sections.values():
        blocks += section()
    # published_fields: never the settings file with its names to withhold.
    for name in published_fields():
        if name not in sections:
            blocks += _generic(name, getattr(profile, name))
    assert_no_hidden_names([dataclasses.asdict(block) for block in blocks], hidden)
    return blocks


def _prepare(profile: Profile, hidden_names: Iterable[str], threshold: int | None) -> list[Block]:
    check_threshold(threshold)
    return _blocks(profile, hidden_set(hidden_names), threshold)


def _text_parts(text: str) -> list[tuple[str, list[str]]]:
    """Runs of ('lines', [...]) and ('bullets', [...]), read as the site reads data text."""
    parts: list[tuple[str, list[str]]] = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        kind_before = None  # a new paragraph never continues the previous run
        for line in paragraph.split("\n"):
            line = line.strip()
            kind, content = ("bullets", line[2:].strip()) if line.startswith("- ") else ("lines", line)
            if kind == kind_before:
                parts[-1][1].append(content)
            else:
                parts.append((kind, [content]))
                kind_before = kind
    return parts


def _cell_lines(cell: Cell) -> list[str]:
    if cell is None:
        return []
    if isinstance(cell, Lines):
        return list(cell.lines)
    return [cell.text if isinstance(cell, Text) else plain(cell)]


def _cell_text(cell: Cell) -> str:
    """A cell as data text: several values one per line."""
    return "\n".join(_cell_lines(cell))


def _value_text(value) -> str:
    return value.text if isinstance(value, Text) else plain(value)


def _rows(table: Table) -> Iterator[tuple[Cell, ...] | str]:
    """The table's rows in order, a group's title (a str) before its rows."""
    for group in table.groups:
        if group.title:
            yield group.title
        yield from group.rows


# --- markdown -----------------------------------------------------------------

# Inline markup: escape, code, emphasis, links, table pipes, strikethrough.
_INLINE = re.compile(r"[\\`*_\[\]|~]")
# '<' only starts markup before a letter, '/', '!' or '?' (tag, comment, autolink).
_TAG = re.compile(r"<(?=[A-Za-z/!?])")
# '&' only matters when it would start a character reference such as '&amp;'.
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)")
# At the start of a line: heading, block quote, list item, setext underline.
_LINE_START = re.compile(r"^([#>+=-])")
_ORDERED_START = re.compile(r"^([0-9]{1,9})([.)])")


def escape_markdown(text: str, heading: bool = False) -> str:
    """One line of data text as literal markdown (CommonMark + GFM tables)."""
    # Leading spaces would make a code block, trailing ones a line break.
    line = " ".join(text.split())
    line = _INLINE.sub(lambda match: "\\" + match.group(), line)
    if heading:
        # In a heading a '#' after a space would end it (closing sequence).
        line = line.replace("#", "\\#")
    line = _TAG.sub(r"\\<", line)
    line = _ENTITY.sub(r"\\&", line)
    line = _LINE_START.sub(r"\\\1", line)
    return _ORDERED_START.sub(r"\1\\\2", line)


def _md_text(text: str) -> list[str]:
    chunks = []
    for kind, lines in _text_parts(text):
        if kind == "bullets":
            chunks.append("\n".join(f"- {escape_markdown(line)}" for line in lines))
        else:
            # A backslash at the end of a line is CommonMark's hard line break.
            chunks.append("\\\n".join(escape_markdown(line) for line in lines))
    return chunks


def _md_label(label: str) -> str:
    label = label if label.rstrip().endswith(":") else f"{label}:"
    return f"**{escape_markdown(label)}**"


def _md_labelled(label: str, text: str) -> list[str]:
    if "\n" not in text.strip():
        return [f"{_md_label(label)} {escape_markdown(text)}"]
    return [_md_label(label), *_md_text(text)]


def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_table(table: Table) -> list[str]:
    if table.running_text:
        chunks: list[str] = []
        for row in _rows(table):
            if isinstance(row, str):
                chunks.append(f"**{escape_markdown(row)}**")
                continue
            for label, cell in zip(table.header, row):
                if _cell_text(cell):
                    chunks += _md_labelled(label, _cell_text(cell))
        return chunks + _md_note(table)
    lines = [_md_row(escape_markdown(label) for label in table.header), _md_row("---" for _ in table.header)]
    for row in _rows(table):
        if isinstance(row, str):
            lines.append(_md_row([f"**{escape_markdown(row)}**", *([""] * (len(table.header) - 1))]))
        else:
            lines.append(_md_row(", ".join(escape_markdown(line) for line in _cell_lines(cell)) for cell in row))
    return ["\n".join(lines), *_md_note(table)]


def _md_note(table: Table) -> list[str]:
    return _md_text(table.note) if table.note else []


def _check_line(check) -> str:
    # A check mark and the word: the state must survive without the symbol font.
    return f"{check.mark} {check.text} ({check.state})"


def _md_check(check) -> str:
    """A checklist line; the school's note below it, inside the same list item."""
    item = f"- {escape_markdown(_check_line(check))}"
    if not check.note:
        return item
    note = "\n\n".join(_md_text(check.note))
    return item + "\n\n" + "\n".join(f"  {line}" for line in note.split("\n")).replace("\n  \n", "\n\n")


def _md_paragraph(paragraph: Paragraph) -> list[str]:
    if len(paragraph.line) == 1 and isinstance(paragraph.line[0], Strong):
        return [f"**{escape_markdown(paragraph.line[0].text)}**"]
    return _md_text(plain(paragraph.line))


def _md_chunks(blocks) -> list[str]:
    chunks: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            # Every '#' escaped: a trailing one would be read as a closing sequence.
            chunks.append("#" * block.level + " " + escape_markdown(block.text, heading=True))
        elif isinstance(block, Text):
            chunks += _md_text(block.text)
        elif isinstance(block, Paragraph):
            chunks += _md_paragraph(block)
        elif isinstance(block, Checklist):
            chunks.append("\n".join(map(_md_check, block.items)))
        elif isinstance(block, Definitions):
            for item in block.items:
                chunks += _md_labelled(plain(item.term), _value_text(item.value))
        elif isinstance(block, Group):
            chunks += _md_chunks(block.blocks)
        elif isinstance(block, Items):
            chunks.append("\n".join(
                f"{f'{number}.' if block.numbered else '-'} {escape_markdown(item)}"
                for number, item in enumerate(block.items, start=1)
            ))
        elif isinstance(block, Table):
            chunks += _md_table(block)
        else:  # pragma: no cover - a new block type needs a renderer here
            raise TypeError(f"onbekend blok: {block!r}")
    return chunks


def write_markdown(blocks) -> str:
    """Document nodes as markdown (CommonMark with GFM tables)."""
    return "\n\n".join(_md_chunks(blocks)) + "\n"


def profile_markdown(
    profile: Profile,
    hidden_names: Iterable[str] = frozenset(),
    small_number_threshold: int | None = None,
) -> str:
    """The whole profile as one markdown document in Dutch, in the order of the site."""
    return write_markdown(_prepare(profile, hidden_names, small_number_threshold))


# --- Word ---------------------------------------------------------------------


def _set_language(element: Any) -> None:
    """Give every run and style under `element` the Dutch proofing language."""
    for rpr in element.iter(qn("w:rPr")):
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), LANGUAGE)


def _add_runs(paragraph: Any, lines: list[str], bold: bool = False) -> None:
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        if index < len(lines) - 1:
            run.add_break()


@functools.cache
def _style_id(name: str) -> str:
    """The id of a style of python-docx's default template (every document here uses it)."""
    return Document().styles[name].style_id


def _styled(paragraph: Any, name: str) -> Any:
    """`paragraph` in style `name`. Set by id: python-docx looks up the default style
    on each assignment by name, which made the Word file the slowest part of a build."""
    paragraph._p.get_or_add_pPr().style = _style_id(name)
    return paragraph


def _docx_text(container: Any, text: str, first: Any = None, styles: tuple[str | None, str] = (None, "List Bullet")) -> None:
    """Data text into a document or table cell; `first` reuses a cell's empty paragraph.
    `styles`: of its paragraphs and of its bullets (in a list item: indented under it)."""
    for kind, lines in _text_parts(text):
        if kind == "bullets":
            for line in lines:
                paragraph = _styled(first or container.add_paragraph(), styles[1])
                _add_runs(paragraph, [line])
                first = None
        else:
            paragraph = first or container.add_paragraph()
            if styles[0]:
                _styled(paragraph, styles[0])
            _add_runs(paragraph, lines)
            first = None


def _docx_labelled(document: Any, label: str, text: str) -> None:
    label = label if label.rstrip().endswith(":") else f"{label}:"
    paragraph = document.add_paragraph()
    _add_runs(paragraph, [label], bold=True)
    if "\n" in text.strip():
        _docx_text(document, text)
    else:
        paragraph.add_run(" " + text)


def _numbered(document: Any, items: tuple[str, ...]) -> None:
    """A real Word numbered list that starts again at 1.

    All 'List Number' paragraphs share one numbering, so a second list would
    go on counting; a new numbering instance with a start override restarts it.
    """
    style = document.styles["List Number"]
    numbering = document.part.numbering_part.element
    style_num = style.element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    for item in items:
        paragraph = _styled(document.add_paragraph(), "List Number")
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num.numId
        _add_runs(paragraph, [item])


def _repeat_as_header(row: Any) -> None:
    # w:tblHeader: Word repeats the row at the top of each page, and screen
    # readers announce its cells as column headers.
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _docx_table(document: Any, table: Table) -> None:
    grid = document.add_table(rows=1, cols=len(table.header))
    grid._tbl.tblPr.style = _style_id("Table Grid")
    for cell, label in zip(grid.rows[0].cells, table.header):
        _add_runs(cell.paragraphs[0], [label], bold=True)
    _repeat_as_header(grid.rows[0])
    for row in _rows(table):
        cells = grid.add_row().cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[-1])
            _add_runs(merged.paragraphs[0], [row], bold=True)
            continue
        for cell, content in zip(cells, row):
            if isinstance(content, (Lines, type(None))):
                _add_runs(cell.paragraphs[0], _cell_lines(content))
            else:
                _docx_text(cell, _cell_text(content), first=cell.paragraphs[0])
    # Space after the table, or a following heading sticks to it.
    document.add_paragraph()
    if table.note:
        _docx_text(document, table.note)


def _docx_blocks(document: Any, blocks) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            _styled(document.add_paragraph(block.text), f"Heading {block.level}")
        elif isinstance(block, Text):
            _docx_text(document, block.text)
        elif isinstance(block, Paragraph):
            if len(block.line) == 1 and isinstance(block.line[0], Strong):
                _add_runs(document.add_paragraph(), [block.line[0].text], bold=True)
            else:
                _docx_text(document, plain(block.line))
        elif isinstance(block, Definitions):
            for item in block.items:
                _docx_labelled(document, plain(item.term), _value_text(item.value))
        elif isinstance(block, Checklist):
            for check in block.items:
                _add_runs(_styled(document.add_paragraph(), "List Bullet"), [_check_line(check)])
                if check.note:
                    _docx_text(document, check.note, styles=("List Continue", "List Bullet 2"))
        elif isinstance(block, Group):
            _docx_blocks(document, block.blocks)
        elif isinstance(block, Items):
            if block.numbered:
                _numbered(document, block.items)
            else:
                for item in block.items:
                    _add_runs(_styled(document.add_paragraph(), "List Bullet"), [item])
        elif isinstance(block, Table):
            _docx_table(document, block)
        else:  # pragma: no cover - a new block type needs a renderer here
            raise TypeError(f"onbekend blok: {block!r}")


def _docx(blocks: list[Block], profile: Profile) -> bytes:
    document = Document()
    _docx_blocks(document, blocks)
    # Language on the styles and on every run: pasted text keeps its direct
    # formatting, so the Dutch spelling check still applies in the schoolgids.
    for run in document.element.body.iter(qn("w:r")):
        run.get_or_add_rPr()
    _set_language(document.styles.element)
    _set_language(document.element.body)

    properties = document.core_properties
    properties.title = f"{DOCUMENT_TITLE} {profile.school.naam}"
    properties.author = profile.school.naam
    properties.last_modified_by = profile.school.naam
    properties.language = LANGUAGE
    properties.subject = DOCUMENT_TITLE
    properties.comments = ""
    # The template's dates (2013) are not ours, and a pure function cannot know
    # today's; without them Word fills in the date when the school saves.
    for name in ("dcterms:created", "dcterms:modified"):
        element = properties._element.find(qn(name))
        if element is not None:
            properties._element.remove(element)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def profile_docx(
    profile: Profile,
    hidden_names: Iterable[str] = frozenset(),
    small_number_threshold: int | None = None,
) -> bytes:
    """The whole profile as a Word document (.docx) with real headings and tables."""
    return _docx(_prepare(profile, hidden_names, small_number_threshold), profile)
