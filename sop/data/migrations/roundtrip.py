"""Data files edited in place: comments, key order, quotes and layout stay as the school wrote them.

PyYAML would rewrite a whole file (and drop its comments); ruamel.yaml keeps
everything a migration step does not touch, so a pull request shows only the
lines that really changed.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.tokens import CommentToken

# (mapping, sequence, offset) indents a file may use; the first that writes the
# untouched file back unchanged is how that file is written.
_LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0))


def _yaml(layout: tuple[int, int, int]) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never wrap a line the school wrote on one line
    mapping, sequence, offset = layout
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    # 'null' as written, not an empty value.
    yaml.representer.add_representer(
        type(None), lambda representer, _: representer.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def _dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


class YamlFile:
    """One data file: its parsed content (edit `data` in place) and how to write it back."""

    def __init__(self, text: str):
        self.data = None
        self.yaml = _yaml(_LAYOUTS[0])
        # As this file would be written unchanged: a file no layout writes back exactly
        # still counts as unchanged until a step edits it.
        self.unchanged = text
        for layout in _LAYOUTS:
            yaml = _yaml(layout)
            try:
                data = yaml.load(text)
            except Exception:  # noqa: BLE001: any file ruamel can't read is left to make check
                self.data = None
                return  # unreadable: left alone, make check names the error
            written = _dump(yaml, data)
            if self.data is None or written == text:
                self.data, self.yaml, self.unchanged = data, yaml, written
            if written == text:
                return

    def text(self) -> str:
        return _dump(self.yaml, self.data)

    def changed(self) -> bool:
        return self.data is not None and self.text() != self.unchanged


def new_file(header: str, data: Any) -> str:
    """A new data file: `header` (comment lines) and the data in the project's layout."""
    return header + _dump(_yaml(_LAYOUTS[0]), data)


def flow(items: list) -> CommentedSeq:
    """A short list on one line: [a, b]."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def block(**fields: Any) -> CommentedMap:
    return CommentedMap(fields)


def _end(container, key):
    """Where the comment after container[key] is kept: at its last line, the deepest last item."""
    value = container[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and value and not value.fa.flow_style():
        return _end(value, list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1)
    return container, key


def _slot(container) -> int:
    return 2 if isinstance(container, CommentedMap) else 0


def _take_comment(mapping, key):
    """The comment lines (and blank lines) after mapping[key], removed from there."""
    if not isinstance(mapping, CommentedMap) or key not in mapping:
        return None
    container, last = _end(mapping, key)
    items = container.ca.items.get(last)
    token = items[_slot(container)] if items else None
    if token is not None:
        items[_slot(container)] = None
    return token


def _put_comment(mapping, key, token) -> None:
    if token is not None:
        container, last = _end(mapping, key)
        container.ca.items.setdefault(last, [None, None, None, None])[_slot(container)] = token


def _node(value: Any) -> Any:
    """Plain lists and dicts as ruamel's, which can carry comments."""
    if isinstance(value, list) and not isinstance(value, CommentedSeq):
        return CommentedSeq(_node(item) for item in value)
    if isinstance(value, dict) and not isinstance(value, CommentedMap):
        return CommentedMap((key, _node(item)) for key, item in value.items())
    return value


def replace(mapping: dict, key: str, value: Any) -> None:
    """A new value for `key`; the comments that followed the old value follow the new one."""
    token = _take_comment(mapping, key)
    mapping[key] = _node(value)
    _put_comment(mapping, key, token)


def insert_after(mapping: dict, after: str | None, key: str, value: Any) -> None:
    """Set `key` right after `after` (at the start when None), keeping every other key
    where it is; comments that introduce the next key stay right above that key."""
    keys = list(mapping)
    position = keys.index(after) + 1 if after in keys else (0 if after is None else len(keys))
    if not isinstance(mapping, CommentedMap):
        mapping[key] = value
        return
    token = _take_comment(mapping, after)
    mapping.insert(position, key, _node(value))
    _put_comment(mapping, key, token)


def note(mapping: dict, key: str, comment: str, column: int) -> None:
    """A comment line above `key`, for whoever reads the file later."""
    if isinstance(mapping, CommentedMap):
        mapping.yaml_set_comment_before_after_key(key, before=comment, indent=column)


def _tokens(value: Any) -> Any:
    """Every comment token in a comment slot (nested lists of tokens and None)."""
    if isinstance(value, CommentToken):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _tokens(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _tokens(item)


def _nodes(node: Any, path: tuple = (), seen: set[int] | None = None):
    """Every mapping and list in `node`, once, with its (first) path. Once: an alias is the
    same object again, and a file of aliases of aliases would otherwise take forever
    (the strict reader refuses aliases, but the migration reads a file first)."""
    seen = set() if seen is None else seen
    if isinstance(node, (CommentedMap, CommentedSeq)) and id(node) not in seen:
        seen.add(id(node))
        yield path, node
        items = node.items() if isinstance(node, CommentedMap) else enumerate(node)
        for key, value in items:
            yield from _nodes(value, (*path, key), seen)


def starts(data: Any) -> dict[int, tuple]:
    """The path of the first (outermost) value that starts on each line (0-based)."""
    found: dict[int, tuple] = {}
    for path, node in _nodes(data):
        for key in (node if isinstance(node, CommentedMap) else range(len(node))):
            line = (node.lc.key(key) if isinstance(node, CommentedMap) else node.lc.item(key))[0]
            found.setdefault(line, (*path, key))
    return found


def comments(data: Any, text: str) -> list[tuple[int, int, str]]:
    """Every comment line in `text` (parsed as `data`): (line, column, text after '#'), 0-based.

    The parser's comment tokens say which lines are comments (a '#' inside a value or
    a block of text is not one); their line marks are not exact, so they are found in the text.
    """
    left = Counter(piece.strip() for _, node in _nodes(data)
                   for token in _tokens([node.ca.comment, node.ca.items, node.ca.end])
                   for piece in token.value.split("\n") if piece.strip().startswith("#"))
    found = {}
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if left[line.strip()] > 0 and line.lstrip().startswith("#"):
            left[line.strip()] -= 1
            found[number] = (len(line) - len(line.lstrip()), line.strip())
    for piece, count in left.items():  # after a value on the same line
        for number, line in enumerate(lines):
            if count > 0 and number not in found and line.rstrip().endswith(piece) and line.strip() != piece:
                found[number] = (len(line.rstrip()) - len(piece), piece)
                count -= 1
    return [(number, column, _comment_text(piece)) for number, (column, piece) in sorted(found.items())]


def _comment_text(piece: str) -> str:
    text = piece[1:]
    return text[1:] if text.startswith(" ") else text


def drop_comments(data: Any, header: str | None) -> None:
    """Remove every comment (and the blank lines kept with them); `header` becomes the first line."""
    for _, node in _nodes(data):
        node.ca.comment = None
        node.ca.items.clear()
        node.ca.end.clear()
    if header and isinstance(data, CommentedMap):
        data.yaml_set_start_comment(header)


def text_value(text: str) -> str:
    """A text as YAML writes it best: over several lines as a block (|), as it reads."""
    return LiteralScalarString(text) if "\n" in text else text
