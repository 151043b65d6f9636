"""Document nodes (sop.document.nodes) as markdown: CommonMark with GFM tables
(pandoc, GitHub, most editors).

Data text is escaped so it always shows literally: a '#', '*', '|' or '<b>' in
a field never becomes markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sop.document.nodes import (
    Checklist,
    Definitions,
    Group,
    Heading,
    Items,
    Paragraph,
    Scale,
    Section,
    Strong,
    Table,
    Text,
    cell_lines,
    cell_text,
    check_line,
    item_labels,
    plain,
    table_rows,
    text_parts,
    value_text,
)

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
    for kind, lines in text_parts(text):
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
        for row in table_rows(table):
            if isinstance(row, str):
                chunks.append(f"**{escape_markdown(row)}**")
                continue
            for label, cell in zip(table.header, row):
                if cell_text(cell):
                    chunks += _md_labelled(label, cell_text(cell))
        return chunks + _md_note(table)
    lines = [_md_row(escape_markdown(label) for label in table.header), _md_row("---" for _ in table.header)]
    for row in table_rows(table):
        if isinstance(row, str):
            lines.append(_md_row([f"**{escape_markdown(row)}**", *([""] * (len(table.header) - 1))]))
        else:
            lines.append(_md_row(", ".join(escape_markdown(line) for line in cell_lines(cell)) for cell in row))
    return ["\n".join(lines), *_md_note(table)]


def _md_note(table: Table) -> list[str]:
    return _md_text(table.note) if table.note else []


def _md_check(check) -> str:
    """A checklist line; the school's note below it, inside the same list item."""
    item = f"- {escape_markdown(check_line(check))}"
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
                chunks += _md_labelled(plain(item.term), value_text(item.value))
        elif isinstance(block, Group):
            chunks += _md_chunks(block.blocks)
        elif isinstance(block, Section):
            chunks += _md_chunks((Heading(block.level, block.title), *block.blocks))
        elif isinstance(block, Scale):
            # The school's step in bold; the line above it says it in words.
            chunks.append("\n".join(
                f"{number}. " + (f"**{escape_markdown(step)}**" if number == block.chosen else escape_markdown(step))
                for number, step in enumerate(block.steps, start=1)
            ))
        elif isinstance(block, Items) and block.label:
            # The label says the number: a bulleted list, not '1. Stap 1:'.
            chunks.append("\n".join(
                f"- **{escape_markdown(label)}** {escape_markdown(item)}"
                for label, item in zip(item_labels(block), block.items)
            ))
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
