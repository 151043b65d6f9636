"""Step 2.1 -> 2.2: comments in the data files become notes for the staff (`notities`).

The form editor (/beheer/) writes a file anew and drops every comment, and with it
what staff wrote down there: how a source table was read ('Aanname: …'), where a
text comes from. 2.2 gives that a place in the data: `notities`, in every file and
in every item of a list, shown in the form and never published. This step moves
each comment to the nearest item (or the file) that has a place for notes, with
the field it stood at when that was not the item itself, and keeps only the
`yaml-language-server` line. A 2.1 folder is recognised by its comments.
"""

from __future__ import annotations

import functools
import json

from sop.data.jsonschema import schema_text
from sop.data.profile import DATA_FILES
from sop.data.schema import NOTES
from sop.data.migrations.parts import Parts
from sop.data.migrations.roundtrip import text_value

SOURCE, TARGET = "2.1", "2.2"
EDITOR_LINE = "yaml-language-server:"


def detect(parts: Parts) -> bool:
    return any(comments(parts, stem) for stem in DATA_FILES)


def upgrade(parts: Parts) -> None:
    for stem in DATA_FILES:
        notes = _notes(parts, stem)
        if notes is None:
            continue
        data = parts.get(stem)
        # The schema line stays where the file had one.
        kept = [text for line, _, text in parts.comments(stem) if line == 0 and text.startswith(EDITOR_LINE)]
        parts.drop_comments(stem, kept[0] if kept else None)
        for holder, texts in notes.items():
            mapping = _at(data, holder)
            # A file's notes on top; an item's at its end, so its first line ('- id: …') stays as it was.
            after = None if not holder or NOTES in mapping else list(mapping)[-1]
            parts.insert_after(mapping, after, NOTES, [*mapping.get(NOTES, []), *map(text_value, texts)])


def comments(parts: Parts, stem: str) -> list[tuple[int, int, str]]:
    """The comment lines of data/STEM.yml that are knowledge (not the schema line)."""
    return [(line, column, text) for line, column, text in parts.comments(stem)
            if not (line == 0 and text.startswith(EDITOR_LINE))]


def _notes(parts: Parts, stem: str) -> dict[tuple, list[str]] | None:
    """The notes for each holder (the path of a mapping with `notities`), in file order."""
    found = comments(parts, stem)
    if not found:
        return None
    data, starts = parts.get(stem), parts.starts(stem)
    notes: dict[tuple, list[str]] = {}
    for lines in blocks(found):
        line, column, _ = lines[0]
        if parts.inline(stem, line, column):
            target = starts.get(line) or next((starts[number] for number in sorted(starts) if number > line), ())
        else:
            target = next((starts[number] for number in sorted(starts) if number > line), ())
        holder = target[:_holder_depth(stem, target)]
        rest = target[len(holder):]
        # Above the first field of a file or item: about all of it.
        place = "" if rest[:1] == tuple(_at(data, holder))[:1] and len(rest) == 1 else _place(_at(data, holder), rest)
        text = "\n".join(text for _, _, text in lines).strip("\n")
        notes.setdefault(holder, []).append(f"Bij {place}: {text}" if place else text)
    return notes


def blocks(lines: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Comment lines one after the other form one note; a blank line or a value ends it."""
    blocks: list[list] = []
    for line in lines:
        if blocks and blocks[-1][-1][0] == line[0] - 1:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return [block for block in blocks if any(text.strip() for _, _, text in block)]


@functools.cache
def _schema(stem: str) -> dict:
    return json.loads(schema_text(stem))


def _holder_depth(stem: str, path: tuple) -> int:
    """How much of `path` leads to the deepest mapping that can carry notes."""
    root = _schema(stem)
    node, depth = root, 0
    for index, step in enumerate(path):
        node = _resolve(node, root)
        if NOTES in node.get("properties", {}):
            depth = index
        node = node.get("items") if isinstance(step, int) else node.get("properties", {}).get(step)
        if not isinstance(node, dict):
            return depth
    return len(path) if NOTES in _resolve(node, root).get("properties", {}) else depth


def _resolve(node: dict, root: dict) -> dict:
    while True:
        if "$ref" in node:
            node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            node = next((option for option in node["anyOf"] if option.get("type") != "null"), {})
        else:
            return node


def _at(data, path: tuple):
    for step in path:
        data = data[step]
    return data


def _place(value, path: tuple) -> str:
    """Where in `value` a note stood, in words: 'statusschaal › koppen', 'zorgroute › 'Stap 1…''."""
    words = []
    for step in path:
        value = value[step]
        if isinstance(step, int):
            first = next((item for item in value.values() if isinstance(item, (str, int))), None) \
                if isinstance(value, dict) else value
            words.append(f"'{_short(str(first))}'" if first is not None else f"nr. {step + 1}")
        else:
            words.append(str(step))
    return " › ".join(words)


def _short(text: str, size: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size].rstrip() + "…"
