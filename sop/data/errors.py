"""Data errors as a staff member reads them: 'data/FILE.yml:LINE:COLUMN: message'."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class DataError:
    location: Location
    message: str

    def __post_init__(self):
        # One error, one line: a quoted value with a line break must not start a line
        # without 'FILE:LINE:COL' in the report.
        one_line = self.message.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " ↵ ")
        object.__setattr__(self, "message", one_line)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"

    def github_annotation(self) -> str:
        """A GitHub Actions workflow command, shown on the line in a pull request."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        where = self.location
        return f"::error file={where.file},line={where.line},col={where.column}::{message}"


class DataErrors(Exception):
    """All errors found in the data at once, so a staff member can fix them in one go."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(errors)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        heading = "1 fout" if count == 1 else f"{count} fouten"
        folders = sorted({error.location.file.split("/")[0] + "/" for error in self.errors}) or ["data/"]
        place = "De gegevens in data/" if folders == ["data/"] else (
            "De pagina's in docs/" if folders == ["docs/"] else f"De bestanden in {' en '.join(folders)}")
        lines = [f"{place} bevatten {heading}; de site is niet gebouwd."]
        lines += [str(error) for error in self.errors]
        return "\n".join(lines)
