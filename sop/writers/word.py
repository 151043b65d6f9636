"""Document nodes (sop.document.nodes) as a Word document: real headings, lists
and tables, in Dutch."""

from __future__ import annotations

import functools
import io
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from sop.document.nodes import (
    Checklist,
    Definitions,
    Group,
    Heading,
    Items,
    Lines,
    Paragraph,
    Scale,
    Section,
    Strong,
    Table,
    Text,
    cell_lines,
    cell_text,
    check_line,
    plain,
    table_rows,
    text_parts,
    value_text,
)

LANGUAGE = "nl-NL"


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
    for kind, lines in text_parts(text):
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


def _numbered(document: Any, items: tuple[str, ...], chosen: int | None = None) -> None:
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
    for number, item in enumerate(items, start=1):
        paragraph = _styled(document.add_paragraph(), "List Number")
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num.numId
        _add_runs(paragraph, [item], bold=number == chosen)


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
    for row in table_rows(table):
        cells = grid.add_row().cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[-1])
            _add_runs(merged.paragraphs[0], [row], bold=True)
            continue
        for cell, content in zip(cells, row):
            if isinstance(content, (Lines, type(None))):
                _add_runs(cell.paragraphs[0], cell_lines(content))
            else:
                _docx_text(cell, cell_text(content), first=cell.paragraphs[0])
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
                _docx_labelled(document, plain(item.term), value_text(item.value))
        elif isinstance(block, Checklist):
            for check in block.items:
                _add_runs(_styled(document.add_paragraph(), "List Bullet"), [check_line(check)])
                if check.note:
                    _docx_text(document, check.note, styles=("List Continue", "List Bullet 2"))
        elif isinstance(block, Group):
            _docx_blocks(document, block.blocks)
        elif isinstance(block, Section):
            _docx_blocks(document, (Heading(block.level, block.title), *block.blocks))
        elif isinstance(block, Scale):
            _numbered(document, block.steps, block.chosen)
        elif isinstance(block, Items):
            # A numbered list says its numbers itself (also for a label such as 'Stap').
            if block.numbered:
                _numbered(document, block.items)
            else:
                for item in block.items:
                    _add_runs(_styled(document.add_paragraph(), "List Bullet"), [item])
        elif isinstance(block, Table):
            _docx_table(document, block)
        else:  # pragma: no cover - a new block type needs a renderer here
            raise TypeError(f"onbekend blok: {block!r}")


def write_docx(blocks, title: str, subject: str, author: str) -> bytes:
    """Document nodes as a .docx file; `author` also stands as its last editor."""
    document = Document()
    _docx_blocks(document, blocks)
    # Language on the styles and on every run: pasted text keeps its direct
    # formatting, so the Dutch spelling check still applies in the schoolgids.
    for run in document.element.body.iter(qn("w:r")):
        run.get_or_add_rPr()
    _set_language(document.styles.element)
    _set_language(document.element.body)

    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.last_modified_by = author
    properties.language = LANGUAGE
    properties.subject = subject
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
