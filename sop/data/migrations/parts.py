"""What a migration step reads and changes: the data files of a folder, or the
sections of a published sop.json. A step is written once against `Parts` and
works on both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from sop.data.jsonschema import editor_line
from sop.data.profile import published_fields
from sop.data.migrations.roundtrip import YamlFile, block, comments, drop_comments, flow, insert_after, new_file, note, replace, starts


@dataclass(frozen=True)
class Choice:
    """A value a step chose on its own (`path` in data/STEM.yml), and why, in Dutch."""

    stem: str
    path: tuple
    message: str


class Parts:
    def __init__(self):
        self.choices: list[Choice] = []

    def choose(self, stem: str, path: tuple, message: str) -> None:
        self.choices.append(Choice(stem, path, message))

    def get(self, stem: str) -> dict | None:
        raise NotImplementedError

    def missing(self, stem: str) -> bool:
        raise NotImplementedError

    def create(self, stem: str, comment: str, data: dict) -> None:
        raise NotImplementedError

    def unfilled(self, what: str) -> str:
        """The value for a fact the old version did not have."""
        raise NotImplementedError

    # Plain dicts and lists by default; a data file keeps its layout (FolderParts).
    def block(self, **fields: Any) -> dict:
        return dict(fields)

    def flow(self, items: list) -> list:
        return list(items)

    def insert_after(self, mapping: dict, after: str | None, key: str, value: Any) -> None:
        mapping[key] = value

    def replace(self, mapping: dict, key: str, value: Any) -> None:
        mapping[key] = value

    def note(self, mapping: dict, key: str, comment: str) -> None:
        pass

    # Comments: only a data file has them.
    def comments(self, stem: str) -> list[tuple[int, int, str]]:
        """Each comment line of data/STEM.yml: (line, column, text), 0-based."""
        return []

    def starts(self, stem: str) -> dict[int, tuple]:
        """The path of the value that starts on each line of data/STEM.yml."""
        return {}

    def inline(self, stem: str, line: int, column: int) -> bool:
        """Whether the comment at (line, column) follows a value on its line."""
        return False

    def drop_comments(self, stem: str, header: str) -> None:
        pass


class FolderParts(Parts):
    """The data files of a folder, by stem, from their texts; `changed()` gives what to write."""

    def __init__(self, texts: dict[str, str]):
        super().__init__()
        self.texts = texts
        self.files: dict[str, YamlFile] = {}
        self.created: dict[str, str] = {}
        self.read_again: dict[str, str] = {}

    def _text(self, stem: str) -> str:
        return self.created.get(stem, self.texts.get(stem, ""))

    def _file(self, stem: str) -> YamlFile | None:
        if stem not in self.files and stem in self.texts:
            self.files[stem] = YamlFile(self.texts[stem])
        return self.files.get(stem)

    def get(self, stem: str) -> dict | None:
        file = self._file(stem)
        return file.data if file is not None and isinstance(file.data, dict) else None

    def missing(self, stem: str) -> bool:
        return stem not in self.texts and stem not in self.created

    def create(self, stem: str, comment: str, data: dict) -> None:
        header = editor_line(stem) + "".join(f"# {line}\n" for line in comment.splitlines())
        self.created[stem] = new_file(header, data)
        # Read back, so a later step can change it like any other file.
        self.files[stem] = YamlFile(self.created[stem])

    def unfilled(self, what: str) -> str:
        return DoubleQuotedScalarString(f"[vul in: {what}]")

    def block(self, **fields: Any) -> dict:
        return block(**fields)

    def flow(self, items: list) -> list:
        return flow(items)

    def insert_after(self, mapping: dict, after: str | None, key: str, value: Any) -> None:
        insert_after(mapping, after, key, value)

    def replace(self, mapping: dict, key: str, value: Any) -> None:
        replace(mapping, key, value)

    def note(self, mapping: dict, key: str, comment: str) -> None:
        column = getattr(getattr(mapping, "lc", None), "col", 0) or 0
        note(mapping, key, comment, column)

    def _read_again(self, stem: str) -> tuple[YamlFile | None, str]:
        """The file as it would be written now, read again: a step before may have added
        values and comments, which have no line yet."""
        file = self._file(stem)
        if file is None or file.data is None:
            return file, self._text(stem)
        text = file.text()
        if self.read_again.get(stem) != text:
            again = YamlFile(text)
            again.unchanged = file.unchanged
            self.files[stem], self.read_again[stem] = again, text
        return self.files[stem], text

    def comments(self, stem: str) -> list[tuple[int, int, str]]:
        file, text = self._read_again(stem)
        return comments(file.data, text) if file is not None else []

    def starts(self, stem: str) -> dict[int, tuple]:
        file, _ = self._read_again(stem)
        return starts(file.data) if file is not None else {}

    def inline(self, stem: str, line: int, column: int) -> bool:
        lines = self._read_again(stem)[1].splitlines()
        return line < len(lines) and bool(lines[line][:column].strip())

    def drop_comments(self, stem: str, header: str) -> None:
        file = self._file(stem)
        if file is not None:
            drop_comments(file.data, header)

    def changed(self) -> dict[str, str]:
        """The new text of each file a step changed or created, by stem."""
        return {stem: file.text() for stem, file in self.files.items() if stem in self.created or file.changed()}


class DocumentParts(Parts):
    """The sections of a published sop.json (a copy: edited in place)."""

    def __init__(self, document: dict, not_stated: str):
        super().__init__()
        self.document = document
        self.not_stated = not_stated

    @staticmethod
    def _key(stem: str) -> str:
        return stem.replace("-", "_")

    def get(self, stem: str) -> dict | None:
        value = self.document.get(self._key(stem))
        return value if isinstance(value, dict) else None

    def missing(self, stem: str) -> bool:
        # A file that is not published (instellingen.yml, verklaringen.yml) is never missing here.
        return self._key(stem) not in self.document and self._key(stem) in published_fields()

    def create(self, stem: str, comment: str, data: dict) -> None:
        self.document[self._key(stem)] = data

    def unfilled(self, what: str) -> str:
        return self.not_stated
