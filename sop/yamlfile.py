"""Read one YAML data file strictly, remembering where every value stands.

PyYAML silently accepts things that lose a staff member's data (a duplicate key
overwrites the first one) or that the web editor makes easy (tabs, a file saved
as Windows-1252). Those are errors here, each with file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, Location

Path_ = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """The plain data of a file plus the position of every mapping, key and value."""

    name: str
    data: Any
    positions: dict[Path_, Location] = field(default_factory=dict)
    # What was literally written for each scalar, to explain type errors.
    source_text: dict[Path_, str] = field(default_factory=dict)

    def location(self, path: Path_) -> Location:
        """Position of the value at `path`, or of its nearest ancestor that has one."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Location(self.name, 1, 1))


def _location(name: str, mark: yaml.Mark) -> Location:
    return Location(name, mark.line + 1, mark.column + 1)


def _decode(name: str, raw: bytes) -> tuple[str | None, list[DataError]]:
    try:
        # utf-8-sig: a BOM (as some editors write) is fine and dropped.
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = (
            "het bestand is niet opgeslagen als UTF-8 (bijvoorbeeld vanuit Word als "
            "Windows-1252); sla het op als UTF-8 of typ de tekens met accenten opnieuw "
            "in de webeditor van GitHub"
        )
        return None, [DataError(Location(name, line, column), message)]


def _tab_errors(name: str, text: str) -> list[DataError]:
    errors = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            errors.append(
                DataError(
                    Location(name, number, indent.index("\t") + 1),
                    "inspringen met een tab is niet toegestaan; gebruik spaties",
                )
            )
    return errors


_QUOTE_IT = "zet de hele tekst dan tussen aanhalingstekens"
# Parts of PyYAML's messages, most specific first, with what a staff member should do.
_YAML_PROBLEMS = {
    "'\\t' that cannot start any token": "inspringen met een tab is niet toegestaan; gebruik spaties",
    "found duplicate anchor": "dit anker (&) staat twee keer in het bestand",
    "expected <block end>, but found": (
        "de inspringing klopt hier niet: deze regel staat verder of minder ver in dan de "
        "regels eromheen; gebruik hetzelfde aantal spaties als de regel erboven"
    ),
    "found unexpected end of stream": "een aanhalingsteken of haakje wordt niet gesloten",
    "found unexpected ':'": f"een dubbele punt op een onverwachte plek; {_QUOTE_IT}",
    "expected ',' or ']'": "een lijst tussen [ en ] wordt niet goed gesloten of bevat een komma in de tekst",
    "expected ',' or '}'": "een blok tussen { en } wordt niet goed gesloten",
    "that cannot start any token": (
        f"de tekst begint met een teken dat YAML iets anders laat betekenen (zoals @, ` of %); {_QUOTE_IT}"
    ),
    "found undefined alias": f"een tekst die met * begint leest YAML als verwijzing; {_QUOTE_IT}",
    "did not find expected alphabetic or numeric character": (
        f"een tekst die met & of * begint leest YAML als verwijzing; {_QUOTE_IT}"
    ),
    "did not find expected key": (
        "de inspringing klopt hier niet, of er ontbreekt een '- ' voor een nieuw item in een lijst"
    ),
    "did not find expected '-' indicator": "in deze lijst ontbreekt een '- ' voor een item, of de inspringing klopt niet",
    "could not find expected ':'": "hier ontbreekt een dubbele punt (:) na de veldnaam",
    "mapping values are not allowed here": (
        "een dubbele punt (:) op een onverwachte plek; staat er een ': ' in de tekst? "
        "Zet de tekst dan tussen aanhalingstekens"
    ),
}


def _syntax_error(name: str, error: yaml.MarkedYAMLError) -> DataError:
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or "").strip()
    for english, dutch in _YAML_PROBLEMS.items():
        if english in problem:
            message = dutch
            break
    else:
        message = (
            "de YAML-opmaak klopt hier niet (controleer inspringing, streepjes en "
            f"aanhalingstekens); technische melding: {problem}"
        )
    return DataError(_location(name, mark) if mark else Location(name, 1, 1), message)


class _Converter:
    """Turns a composed YAML node tree into plain Python data, recording positions."""

    def __init__(self, document: YamlDocument, loader: yaml.SafeLoader):
        self.document = document
        self.loader = loader
        self.errors: list[DataError] = []

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.document.positions[path] = _location(self.document.name, node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (index,)) for index, item in enumerate(node.value)]
        self.document.source_text[path] = node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError:
            # PyYAML reads 2025-02-30 as a date and then fails on the impossible day.
            self.errors.append(
                DataError(
                    _location(self.document.name, node.start_mark),
                    f"'{node.value}' is geen bestaande datum; schrijf een datum als jjjj-mm-dd, "
                    "bijvoorbeeld 2024-10-01",
                )
            )
            return None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict = {}
        first_seen: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_location = _location(self.document.name, key_node.start_mark)
            if key is None:
                self.errors.append(DataError(key_location, "een veldnaam moet gewone tekst zijn"))
                continue
            if key in first_seen:
                self.errors.append(
                    DataError(
                        key_location,
                        f"het veld '{key}' staat twee keer in hetzelfde blok (ook op regel "
                        f"{first_seen[key].line}); de tweede zou de eerste stilletjes "
                        "overschrijven. Voeg ze samen of verwijder er één; is het een nieuw "
                        "item in een lijst, begin het dan met '- '",
                    )
                )
                continue
            first_seen[key] = key_location
            result[key] = self.convert(value_node, path + (key,))
            # Point messages about a value at the line of its key.
            self.document.positions[path + (key,)] = key_location
        return result


def read_yaml(path: Path, name: str) -> tuple[YamlDocument | None, list[DataError]]:
    """Read `path`; `name` is how messages refer to it (e.g. 'data/school.yml')."""
    text, errors = _decode(name, path.read_bytes())
    if text is None:
        return None, errors
    errors = _tab_errors(name, text)
    if errors:
        return None, errors
    document = YamlDocument(name, None)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [DataError(Location(name, 1, 1), "het bestand is leeg")]
        converter = _Converter(document, loader)
        document.data = converter.convert(node, ())
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_error(name, error)]
    finally:
        loader.dispose()
    return (None if converter.errors else document), converter.errors
