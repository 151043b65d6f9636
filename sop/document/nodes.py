"""The node types of one profile document, independent of any format.

Builders (sop.document.build) turn a profile section into these nodes; the
writers (sop.writers: HTML, markdown, Word) each turn the same nodes into their
format. A fact is added once, in a builder, and every output shows it.

`kind` names what a node is in the profile (a roles table, the contact details),
so a writer can give it its format's look (the HTML classes); it never changes
what the node says.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Union

# --- inline content: a run of these makes a line --------------------------


@dataclasses.dataclass(frozen=True)
class Strong:
    text: str


@dataclasses.dataclass(frozen=True)
class Empty:
    """A value the school left out, said in words ('niet ingevuld')."""

    text: str


@dataclasses.dataclass(frozen=True)
class Link:
    """A web, mail or phone address: a link on the site, its text elsewhere."""

    text: str
    kind: str = "url"  # "url", "mail" or "phone"


@dataclasses.dataclass(frozen=True)
class Aside:
    """A short explanation that belongs to the text before it, e.g. under a row's name."""

    text: str


Inline = Union[str, Strong, Empty, Link, Aside]
Line = tuple[Inline, ...]


def plain(line: Line) -> str:
    """A line's words without markup, as the markdown and Word writers show them."""
    return "".join(part if isinstance(part, str) else (
        f" ({part.text})" if isinstance(part, Aside) else part.text) for part in line)


# --- blocks ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Heading:
    level: int  # 1 = the document title
    text: str
    anchor: str | None = None
    # A label over a few blocks inside a section: a heading in the schoolgids,
    # but on a site page no entry in its table of contents.
    minor: bool = False


@dataclasses.dataclass(frozen=True)
class Text:
    """Free text from data: blank line = paragraph, newline = line break, '- ' = bullet."""

    text: str


@dataclasses.dataclass(frozen=True)
class Paragraph:
    """One paragraph of inline content; kind 'note' is a remark about the data, 'subheading' a label."""

    line: Line
    kind: str | None = None


@dataclasses.dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    numbered: bool = False
    # Numbered items whose number is said in words before each: 'Stap 1:'.
    label: str | None = None


def item_labels(items: Items) -> list[str]:
    return [f"{items.label} {number}:" for number in range(1, len(items.items) + 1)]


@dataclasses.dataclass(frozen=True)
class Check:
    """A line of a checklist: its mark, what it says, its state in words, and the school's note."""

    mark: str
    text: str
    state: str
    kind: str  # "ja", "ingevuld" or "nee": ticked, answered in words, or not ticked
    note: str | None = None  # free text


@dataclasses.dataclass(frozen=True)
class Checklist:
    items: tuple[Check, ...]


@dataclasses.dataclass(frozen=True)
class Definition:
    """'Label: value' (the label bold in text formats)."""

    term: Line
    value: Union[Line, Text]
    anchor: str | None = None


@dataclasses.dataclass(frozen=True)
class Definitions:
    items: tuple[Definition, ...]
    kind: str = ""


@dataclasses.dataclass(frozen=True)
class Lines:
    """A table cell of several short values: one per line, or comma-separated in markdown."""

    lines: tuple[str, ...]


# A table cell: a line of inline content, several values, free text, or nothing.
Cell = Union[Line, Lines, Text, None]


@dataclasses.dataclass(frozen=True)
class RowGroup:
    """Rows under an optional title that spans the table."""

    rows: tuple[tuple[Cell, ...], ...]
    title: str | None = None


@dataclasses.dataclass(frozen=True)
class Table:
    """A table whose first column names each row. `caption` says what it is."""

    caption: str
    header: tuple[str, ...]
    groups: tuple[RowGroup, ...]
    kind: str = ""
    anchor: str | None = None
    note: str | None = None  # free text under the table
    # Cells with paragraphs and bullets do not fit a markdown table; markdown
    # then shows each row as labelled paragraphs. Word keeps the table.
    running_text: bool = False


@dataclasses.dataclass(frozen=True)
class Scale:
    """A scale's steps in order, the one the school chose marked (None: no choice on it)."""

    steps: tuple[str, ...]
    chosen: int | None  # 1-based


@dataclasses.dataclass(frozen=True)
class Section:
    """A titled part with its own heading (one standard of the frame), kept out of the
    site's table of contents; kind says what it is."""

    level: int
    title: str
    anchor: str
    blocks: tuple
    kind: str = ""


@dataclasses.dataclass(frozen=True)
class Group:
    """Blocks that belong together (one location of the school); kind says what."""

    blocks: tuple
    kind: str = ""


Block = Union[Heading, Text, Paragraph, Items, Checklist, Definitions, Table, Scale, Section, Group]


# --- reading nodes: shared by the text writers ----------------------------------


def text_parts(text: str) -> list[tuple[str, list[str]]]:
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


def cell_lines(cell: Cell) -> list[str]:
    if cell is None:
        return []
    if isinstance(cell, Lines):
        return list(cell.lines)
    return [cell.text if isinstance(cell, Text) else plain(cell)]


def cell_text(cell: Cell) -> str:
    """A cell as data text: several values one per line."""
    return "\n".join(cell_lines(cell))


def value_text(value) -> str:
    return value.text if isinstance(value, Text) else plain(value)


def table_rows(table: Table) -> Iterator[tuple[Cell, ...] | str]:
    """The table's rows in order, a group's title (a str) before its rows."""
    for group in table.groups:
        if group.title:
            yield group.title
        yield from group.rows


def check_line(check) -> str:
    # A check mark and the word: the state must survive without the symbol font.
    return f"{check.mark} {check.text} ({check.state})"
