"""Read one YAML data file strictly, remembering where every value stands.

PyYAML silently accepts things that lose a staff member's data (a duplicate key
overwrites the first one), change its meaning (YAML 1.1 reads 010 as 8 and 1:30
as 90), or that a hostile pull request can use to hang the build (an alias bomb,
deep nesting). Those are errors here, each with file, line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sop.data.errors import DataError, Location

Path_ = tuple[str | int, ...]

# Limits far above any real data file (the largest is ~14 kB, 8 levels deep,
# 2,000 characters in one text), low enough that nothing hostile gets slow.
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 32
MAX_TEXT = 10_000
MAX_DIGITS = 100

# What YAML may not contain (C0/C1 control characters, DEL), plus the Unicode
# line and paragraph separators: PyYAML counts those as line breaks where an
# editor shows none, so every later line number would be off.
_CONTROL = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")
_CONTROL_NAMES = {
    "\x00": "een nul-teken",
    "\x08": "een backspace",
    "\x0b": "een verticale tab",
    "\x0c": "een pagina-einde",
    "\x1b": "een escape-teken",
    "\x7f": "een wisteken (DEL)",
    "\x85": "een onzichtbaar regeleinde",
    "\u2028": "een onzichtbaar regeleinde",
    "\u2029": "een onzichtbaar alinea-einde",
}
# One pasted text can hold hundreds; the first few are enough to find them.
_MAX_CONTROL_REPORTS = 10

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_VALUE = "tag:yaml.org,2002:value"


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


def _read(path: Path, name: str) -> tuple[bytes | None, list[DataError]]:
    start = Location(name, 1, 1)
    # A symlink could make the build read (and quote in its messages) any file
    # on the machine; a device or pipe would never end.
    if path.is_symlink() or not path.is_file():
        return None, [DataError(start, "dit is geen gewoon bestand (maar bijvoorbeeld een snelkoppeling); "
                                       "zet het bestand zelf in data/")]
    with path.open("rb") as stream:
        raw = stream.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        return None, [DataError(start, f"het bestand is groter dan {MAX_FILE_BYTES // 1024} kB, veel groter dan "
                                       "gegevens ooit worden; staat er per ongeluk iets anders in, zoals een "
                                       "afbeelding of een heel document? Zet alleen de gegevens in dit bestand")]
    return raw, []


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
    # split("\n"), not splitlines(): that also splits at a vertical tab, so the
    # line numbers would no longer be the editor's.
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            errors.append(
                DataError(
                    Location(name, number, indent.index("\t") + 1),
                    "inspringen met een tab is niet toegestaan; gebruik spaties",
                )
            )
    return errors


def _control_name(character: str) -> str:
    return _CONTROL_NAMES.get(character, "een onzichtbaar stuurteken")


def _control_errors(name: str, text: str) -> list[DataError]:
    found = list(_CONTROL.finditer(text))
    errors = []
    for match in found[:_MAX_CONTROL_REPORTS]:
        character = match.group()
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        errors.append(
            DataError(
                Location(name, line, column),
                f"hier staat {_control_name(character)} (U+{ord(character):04X}); dat is onzichtbaar en komt "
                "meestal mee bij kopiëren en plakken uit een tekstverwerker. Haal het weg: wis de tekst "
                "rond deze plek en typ die opnieuw",
            )
        )
    if len(found) > _MAX_CONTROL_REPORTS:
        more = len(found) - _MAX_CONTROL_REPORTS
        errors.append(DataError(errors[-1].location, f"en nog {more} van zulke onzichtbare tekens verderop in dit bestand"))
    return errors


_QUOTE_IT = "zet de hele tekst dan tussen aanhalingstekens"
# Parts of PyYAML's messages, most specific first, with what a staff member should do.
_YAML_PROBLEMS = {
    "'\\t' that cannot start any token": "inspringen met een tab is niet toegestaan; gebruik spaties",
    "expected <block end>, but found": (
        "de inspringing klopt hier niet: deze regel staat verder of minder ver in dan de "
        "regels eromheen; gebruik hetzelfde aantal spaties als de regel erboven"
    ),
    "but found another document": (
        "hier begint een tweede document (na een regel met alleen --- of ...); een gegevensbestand "
        "bevat maar één document. Haal die regel weg en zet wat eronder staat op de goede plek in het blok erboven"
    ),
    "expected '<document start>'": (
        "hier gaan de gegevens verder na het einde van het document (na een regel met alleen ..., of na "
        "een losse ] of } aan het begin van een regel); haal weg wat het document afsluit of hier niet hoort"
    ),
    "sequence entries are not allowed here": (
        "een '- ' (een nieuw item in een lijst) mag hier niet staan; zet het op een eigen regel, onder de "
        "veldnaam en verder ingesprongen"
    ),
    "found unknown escape character": (
        "een \\ tussen dubbele aanhalingstekens (\"...\") begint in YAML een code voor een speciaal teken; "
        "zet de tekst tussen enkele aanhalingstekens ('...') of schrijf \\\\ voor één \\"
    ),
    "expected escape sequence": (
        "een \\ tussen dubbele aanhalingstekens (\"...\") begint in YAML een code voor een speciaal teken; "
        "zet de tekst tussen enkele aanhalingstekens ('...') of schrijf \\\\ voor één \\"
    ),
    "found unexpected end of stream": "een aanhalingsteken of haakje wordt niet gesloten",
    "found unexpected ':'": f"een dubbele punt op een onverwachte plek; {_QUOTE_IT}",
    "expected ',' or ']'": "een lijst tussen [ en ] wordt niet goed gesloten of bevat een komma in de tekst",
    "expected ',' or '}'": "een blok tussen { en } wordt niet goed gesloten",
    "that cannot start any token": (
        f"de tekst begint met een teken dat YAML iets anders laat betekenen (zoals @, ` of %); {_QUOTE_IT}"
    ),
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


def _unclosed_quote(quote: str) -> str:
    if quote == "'":
        return (
            "het enkele aanhalingsteken (') dat hier begint, wordt op deze regel niet gesloten; zet aan het eind van de "
            "tekst ook een '. Hoort de ' bij de tekst zelf (zoals in 's-Hertogenbosch), zet de hele tekst "
            "dan tussen dubbele aanhalingstekens: \"'s-Hertogenbosch\""
        )
    return (
        "het aanhalingsteken (\") dat hier begint, wordt op deze regel niet gesloten; zet aan het eind van de tekst ook "
        "een \", of haal dit aanhalingsteken weg. Een tekst tussen aanhalingstekens moet op één regel staan"
    )


def _quotes_do_not_match(quote: str) -> str:
    other = "enkele aanhalingstekens ('...')" if quote == '"' else 'dubbele aanhalingstekens ("...")'
    return (
        f"de aanhalingstekens op deze regel kloppen niet: de {quote} die hier begint, sluit bij de volgende "
        f"{quote} op de regel. Haal de overbodige {quote} weg; horen de {quote} bij de tekst, zet de hele "
        f"tekst dan tussen {other}"
    )


def _unclosed_bracket(bracket: str) -> str:
    if bracket == "{":
        return (
            "het blok dat hier met { begint, wordt op deze regel niet gesloten; zet een } aan het eind "
            "ervan, op dezelfde regel"
        )
    return (
        "de lijst die hier met [ begint, wordt op deze regel niet gesloten; zet een ] aan het eind van de "
        "lijst, op dezelfde regel (een lange lijst kunt u ook schrijven als regels die met '- ' beginnen)"
    )


class _Refusal(Exception):
    """Something the strict reader refuses, found while scanning or composing."""

    def __init__(self, mark: yaml.Mark, message: str):
        super().__init__(message)
        self.mark = mark
        self.message = message


def _opened_at(mark: yaml.Mark) -> str:
    return mark.buffer[mark.pointer] if mark.buffer is not None else '"'


def _closes_on_its_line(mark: yaml.Mark) -> bool:
    """Whether the [ or { at `mark` has its closing bracket further on its line (quotes aside)."""
    rest = mark.buffer[mark.pointer :].split("\n", 1)[0]
    opening = rest[0]
    closing = "]" if opening == "[" else "}"
    depth = 0
    for character in rest:
        depth += (character == opening) - (character == closing)
        if depth == 0:
            return True
    return False


def _line_at(mark: yaml.Mark, offset: int = 0) -> str:
    lines = mark.buffer.split("\n")
    number = mark.line + offset
    return lines[number] if 0 <= number < len(lines) else ""


def _indent(line: str) -> int:
    """Where the field name on `line` starts: its spaces plus any list dashes ('  - naam:' is 4)."""
    return len(re.match(r"(?:\s*-(?= ))*\s*", line).group())


def _over_indented(name: str, mark: yaml.Mark) -> DataError | None:
    """A 'field: value' line indented further than the line above: YAML reads it as more of that value."""
    line = _line_at(mark)
    above = next((text for back in range(1, mark.line + 1)
                  if (text := _line_at(mark, -back)).strip() and not text.lstrip().startswith("#")), "")
    extra = _indent(line) - _indent(above)
    if extra <= 0 or not re.match(r"\s*(?:-\s+)*[^\s:#][^:]*:\s+\S", above):
        return None
    spaces = "1 spatie" if extra == 1 else f"{extra} spaties"
    return DataError(
        Location(name, mark.line + 1, len(line) - len(line.lstrip()) + 1),
        f"deze regel staat {spaces} verder ingesprongen dan de regel erboven, en dan leest YAML hem als "
        "vervolg van de tekst daar; laat de regel op dezelfde plek beginnen als de regel erboven",
    )


def _lone_dash(mark: yaml.Mark) -> str | None:
    """'2024/2025: -': a dash as the whole value, as a printed SOP writes 'not reported'."""
    rest = _line_at(mark)[mark.column:]
    if re.fullmatch(r"-\s*(#.*)?", rest) and re.search(r":\s+$", _line_at(mark)[: mark.column]):
        return (
            "een losse '-' als waarde leest YAML als het begin van een lijst; is de waarde niet bekend of niet "
            "opgegeven, schrijf dan null (zonder aanhalingstekens); hoort het streepje bij de tekst, zet het dan "
            "tussen aanhalingstekens: \"-\""
        )
    return None


def _syntax_error(name: str, error: yaml.MarkedYAMLError) -> DataError:
    context = error.context or ""
    start, problem_mark = error.context_mark, error.problem_mark
    problem = (error.problem or "").strip()
    if problem_mark and problem_mark.buffer is not None:
        over_indented = _over_indented(name, problem_mark)
        if over_indented and ("mapping values are not allowed here" in problem or "expected <block end>" in problem):
            return over_indented
        if "sequence entries are not allowed here" in problem and _lone_dash(problem_mark):
            return DataError(_location(name, problem_mark), _lone_dash(problem_mark))
    # Where a quote or bracket opened, not where the parser gave up lines later.
    if start and problem_mark and start.line != problem_mark.line:
        if context.startswith("while scanning a") and "quoted scalar" in context:
            return DataError(_location(name, start), _unclosed_quote(_opened_at(start)))
        if context.startswith("while parsing a flow"):
            return DataError(_location(name, start), _unclosed_bracket(_opened_at(start)))
    if start and context.startswith("while parsing a flow") and not _closes_on_its_line(start):
        # Text after an unclosed [ that YAML reads as list syntax (a '?', a ': ').
        return DataError(_location(name, start), _unclosed_bracket(_opened_at(start)))
    if start and problem_mark and start.line != problem_mark.line and context == "while scanning a simple key":
        # A field name that never got its ':'; PyYAML notices only on the next line.
        opened = _opened_at(start)
        if opened in "\"'":
            return DataError(_location(name, start), _quotes_do_not_match(opened))
        return DataError(_location(name, start), _YAML_PROBLEMS["could not find expected ':'"])
    mark = problem_mark or start
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


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses, while reading, what would hang or mislead.

    Quotes and brackets must close on the line where they open: a data file
    never needs more, and it lets an unclosed one be reported on its own line
    instead of where the parser gives up, often dozens of lines further.
    """

    def __init__(self, stream: str):
        self._open_brackets: list[yaml.Mark] = []
        self._depth = 0
        super().__init__(stream)

    # Scanner

    def _check_brackets_closed(self) -> None:
        if self._open_brackets and self.line > self._open_brackets[-1].line:
            mark = self._open_brackets[-1]
            raise _Refusal(mark, _unclosed_bracket(_opened_at(mark)))

    def scan_to_next_token(self) -> None:
        super().scan_to_next_token()
        # Before PyYAML's own checks on the next line, which would blame that line.
        self._check_brackets_closed()

    def fetch_more_tokens(self) -> None:
        try:
            super().fetch_more_tokens()
        except yaml.scanner.ScannerError:
            # Something that can't stand inside [ ] or { } (like the | of a text
            # block): the real mistake is the bracket before it that never closes.
            for mark in reversed(self._open_brackets):
                if not _closes_on_its_line(mark):
                    raise _Refusal(mark, _unclosed_bracket(_opened_at(mark))) from None
            raise
        self._check_brackets_closed()  # a plain text in [...] can run on to the next line

    def fetch_flow_collection_start(self, TokenClass) -> None:  # noqa: N803 (PyYAML's name)
        self._open_brackets.append(self.get_mark())
        super().fetch_flow_collection_start(TokenClass)

    def fetch_flow_collection_end(self, TokenClass) -> None:  # noqa: N803
        if self._open_brackets:
            mark = self._open_brackets.pop()
            if _opened_at(mark) + self.peek() not in ("[]", "{}"):
                # '{' closed by ']': the '{' is the one left open.
                raise _Refusal(mark, _unclosed_bracket(_opened_at(mark)))
        super().fetch_flow_collection_end(TokenClass)

    def fetch_flow_scalar(self, style: str) -> None:
        super().fetch_flow_scalar(style)
        token = self.tokens[-1]
        if token.end_mark.line != token.start_mark.line:  # e.g. a \ at the end of a line
            raise _Refusal(token.start_mark, _unclosed_quote(style))

    def scan_flow_scalar_spaces(self, double: bool, start_mark: yaml.Mark) -> list[str]:
        # Stop at the end of the line, before reading on to some later quote.
        length = 0
        while self.peek(length) in " \t":
            length += 1
        if self.peek(length) in "\0\r\n\x85\u2028\u2029":
            raise _Refusal(start_mark, _unclosed_quote('"' if double else "'"))
        return super().scan_flow_scalar_spaces(double, start_mark)

    # Composer

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refusal(
                event.start_mark,
                f"*{event.anchor} is in YAML een verwijzing naar een ander deel van het bestand; verwijzingen "
                "zijn in de gegevens niet toegestaan. Schrijf de waarde voluit; hoort de * bij de tekst, "
                f"{_QUOTE_IT}",
            )
        if event.anchor is not None:
            raise _Refusal(
                event.start_mark,
                f"&{event.anchor} maakt in YAML een anker om later naar te verwijzen; ankers en verwijzingen "
                "zijn in de gegevens niet toegestaan. Haal het anker weg; hoort de & bij de tekst, "
                f"{_QUOTE_IT}",
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!", _STR):
            written = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refusal(
                event.start_mark,
                f"{written} is in YAML een aanduiding van het soort waarde; die zijn in de gegevens niet "
                f"toegestaan. Haal de aanduiding weg; hoort de ! bij de tekst, {_QUOTE_IT}",
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refusal(
                    event.start_mark,
                    f"de gegevens zijn hier meer dan {MAX_DEPTH} niveaus diep genest, veel dieper dan een "
                    "gegevensbestand ooit is; controleer de inspringing en de haakjes [ en {",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _field_label(path: Path_) -> str:
    """"'telefoon': " or "'momenten' (item 2): ", to start a message about the value at `path`."""
    names = [step for step in path if isinstance(step, str)]
    if not names:
        return ""
    label = f"'{names[-1]}'"
    if isinstance(path[-1], int):
        label += f" (item {path[-1] + 1})"
    return f"{label}: "


def _yaml11_surprise(node: yaml.ScalarNode, value: Any) -> str | None:
    """Why a plain number in YAML 1.1 notation does not mean what it seems to say, or None."""
    if node.style is not None or node.tag not in (_INT, _FLOAT):
        return None
    written = node.value
    quoted = f'zet het tussen aanhalingstekens: "{written}"'
    if ":" in written:
        return (
            f"YAML leest {written} als getal in zestigtallen ({value}), niet als tijd of tekst; {quoted}"
        )
    if re.match(r"[-+]?0[xX]", written):
        return (
            f"YAML leest {written} als hexadecimaal getal ({value}); is het tekst, {quoted}; is het een "
            f"getal, schrijf het dan gewoon in cijfers: {value}"
        )
    if re.match(r"[-+]?0[bB]", written):
        return (
            f"YAML leest {written} als binair getal ({value}); is het tekst, {quoted}; is het een getal, "
            f"schrijf het dan gewoon in cijfers: {value}"
        )
    if node.tag == _INT and re.fullmatch(r"[-+]?0[0-9_]+", written):
        return (
            f"{written} begint met een 0, en dan leest YAML het als octaal getal ({value}); is het tekst, "
            f"zoals een telefoonnummer of postcode, {quoted}; is het een getal, laat de 0 vooraan dan weg"
        )
    if "_" in written:
        return (
            f"YAML leest {written} als het getal {value} en laat de liggende streepjes weg; is het tekst, "
            f"{quoted}; is het een getal, schrijf het dan zonder streepjes: {value}"
        )
    return None


def _stray_quote(node: yaml.ScalarNode) -> str | None:
    """A text without quotes around it that ends in one: its opening quote is missing."""
    text = node.value
    if node.style is not None or node.tag != _STR or not text.endswith(('"', "'")) or text.count(text[-1]) > 1:
        return None
    quote = text[-1]
    return (
        f"deze tekst eindigt op {quote} maar begint er niet mee, dus komt de {quote} op de site; zet ook een "
        f"{quote} aan het begin van de tekst, of haal de {quote} aan het eind weg"
    )


class _Converter:
    """Turns a composed YAML node tree into plain Python data, recording positions."""

    def __init__(self, document: YamlDocument, loader: yaml.SafeLoader):
        self.document = document
        self.loader = loader
        self.errors: list[DataError] = []

    def _error(self, node: yaml.Node, message: str) -> None:
        self.errors.append(DataError(_location(self.document.name, node.start_mark), message))

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.document.positions[path] = _location(self.document.name, node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (index,)) for index, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        self.document.source_text[path] = node.value
        if len(node.value) > MAX_TEXT:
            self._error(node, f"{_field_label(path)}deze tekst is {len(node.value)} tekens lang, meer dan de "
                              f"{MAX_TEXT} die een veld mag hebben; is er per ongeluk te veel geplakt? "
                              "Maak de tekst korter")
            return None
        if node.tag in (_VALUE, _MERGE):
            # '=' and '<<' on their own: YAML 1.1 gives them a meaning SafeLoader can't build.
            return node.value
        if node.tag == _INT and len(node.value) > MAX_DIGITS:
            self._error(node, f"{_field_label(path)}dit getal heeft meer dan {MAX_DIGITS} cijfers; "
                              f"is het tekst, {_QUOTE_IT}")
            return None
        try:
            value = self.loader.construct_object(node, deep=True)
        except ValueError:
            # PyYAML reads 2025-02-30 as a date and then fails on the impossible day.
            self._error(node, f"'{node.value}' is geen bestaande datum; schrijf een datum als jjjj-mm-dd, "
                              "bijvoorbeeld 2024-10-01")
            return None
        stray = _stray_quote(node)
        if stray:
            self._error(node, _field_label(path) + stray)
            return None
        surprise = _yaml11_surprise(node, value)
        if surprise:
            self._error(node, _field_label(path) + surprise)
            return None
        if isinstance(value, str) and _CONTROL.search(value):
            # Written as an escape ("\0", "\v") inside double quotes.
            character = _CONTROL.search(value).group()
            self._error(node, f"{_field_label(path)}deze tekst bevat via een \\-code {_control_name(character)} "
                              f"(U+{ord(character):04X}); haal die code weg")
            return None
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict = {}
        first_seen: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_location = _location(self.document.name, key_node.start_mark)
            if key is None:
                self.errors.append(DataError(key_location, "een veldnaam moet gewone tekst zijn"))
                continue
            if key_node.tag == _MERGE:
                self.errors.append(
                    DataError(
                        key_location,
                        "'<<' voegt in YAML de velden van een ander blok in; dat is in de gegevens niet "
                        "toegestaan. Schrijf de velden voluit en haal de regel met '<<' weg",
                    )
                )
                continue
            if len(key) > MAX_TEXT:
                self.errors.append(DataError(key_location, f"deze veldnaam is langer dan {MAX_TEXT} tekens"))
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
    raw, errors = _read(path, name)
    if raw is None:
        return None, errors
    text, errors = _decode(name, raw)
    if text is None:
        return None, errors
    errors = _tab_errors(name, text) + _control_errors(name, text)
    if errors:
        return None, errors
    document = YamlDocument(name, None)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [DataError(Location(name, 1, 1), "het bestand is leeg")]
        converter = _Converter(document, loader)
        document.data = converter.convert(node, ())
    except _Refusal as refusal:
        return None, [DataError(_location(name, refusal.mark), refusal.message)]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_error(name, error)]
    except yaml.YAMLError as error:  # unmarked: should not happen after the checks above
        return None, [DataError(Location(name, 1, 1), f"het bestand kan niet als YAML gelezen worden ({error})")]
    finally:
        loader.dispose()
    return (None if converter.errors else document), converter.errors
