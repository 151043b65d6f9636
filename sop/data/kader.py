"""A school's answers to its samenwerkingsverband's frame (basisondersteuning.yml 'kader').

The frame is the SWV's: its standards, status scale and specialisms. The school
names it (an address of the SWV's kader.json, or a path on this computer) and the
version it answers to; make check then says which standards are not answered yet
and which ids the frame does not have. The frame's texts are the SWV's: the school
does not copy them, its site shows them from the frame.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from sop.data.errors import DataError
from sop.data.frame import Kader, KaderDocument, Specialismen
from sop.data.frame import problems as frame_rules
from sop.data.rules import PLACEHOLDER
from sop.data.validate import validate_document
from sop.data.yamlfile import read_yaml

FILE = "basisondersteuning"


@dataclass(frozen=True)
class Frame:
    kader: Kader
    # id -> name; None when the frame names no specialisms (a kader.yml without specialismen.yml beside it).
    specialismen: dict[str, str] | None

    def standards(self) -> dict[str, tuple[str, str]]:
        """standard id -> (its domain's title, its text)."""
        return {standard.id: (domain.titel, standard.tekst)
                for domain in self.kader.domeinen for standard in domain.standaarden}


class Unread(Exception):
    """The frame could not be read: the message says why, in Dutch."""


def _broken(what: str, errors: list[DataError]) -> Unread:
    """A frame file with mistakes: the first, located in the frame's own file (the SWV's to fix)."""
    more = f" (en nog {len(errors) - 1})" if len(errors) > 1 else ""
    return Unread(f"{what} bevat fouten; de eerste is {min(errors)}{more}")


def is_address(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _published(document: dict) -> Frame:
    value = KaderDocument.model_validate(document)
    return Frame(value, {item.id: item.naam for item in value.specialismen})


def _from_address(address: str) -> Frame:
    from sop.data import fetch

    try:
        content = fetch.download(address)
    except Exception as error:  # noqa: BLE001: any failure to fetch is said in Dutch, never raised
        raise Unread(f"het kader op {address} kon niet worden opgehaald: {fetch.reason(error)}") from None
    try:
        return _published(json.loads(content.decode("utf-8")))
    except (ValueError, ValidationError):
        raise Unread(f"het bestand op {address} is geen geldig kader (kader.json van een samenwerkingsverband)") from None


def _local(path: Path, name: str) -> Frame:
    if not path.is_file():
        raise Unread(f"het kader '{name}' bestaat niet; geef het pad vanaf de map data/, of het webadres van kader.json")
    document, errors = read_yaml(path, name)
    if document is None:
        raise _broken(f"het kader '{name}'", errors)
    if isinstance(document.data, dict) and "schema_version" in document.data:
        try:
            return _published(document.data)
        except ValidationError:
            raise Unread(f"'{name}' is geen geldig kader (kader.json van een samenwerkingsverband)") from None
    value, errors = validate_document(document, Kader, frame_rules)
    if errors:
        raise _broken(f"het kader '{name}'", errors)
    beside = path.with_name("specialismen.yml")
    if not beside.is_file():
        return Frame(value, None)
    document, errors = read_yaml(beside, str(Path(name).with_name("specialismen.yml")))
    specialisms, more = validate_document(document, Specialismen, frame_rules) if document else (None, [])
    if errors or more:
        raise _broken(f"specialismen.yml bij het kader '{name}'", errors + more)
    return Frame(value, {item.id: item.naam for item in specialisms.specialismen})


def read_frame(source: str, data_dir: Path, display_dir: str | None = None) -> Frame:
    """The frame `source` names, an address or a path from `data_dir` (named in messages
    from `display_dir`, or as typed); raises Unread."""
    if is_address(source):
        return _from_address(source)
    return _local(data_dir / source, f"{display_dir}/{source}" if display_dir else source)


def problems(profile, frame: Frame) -> tuple[list, list]:
    """(errors, notices) as (file stem, path, message): what the school's answers
    say that the frame does not have, and what the frame asks that is not answered yet."""
    reference = profile.basisondersteuning.kader
    standards = frame.standards()
    errors, notices = [], []
    answered: set[str] = set()
    for index, answer in enumerate(reference.antwoorden):
        path = ("kader", "antwoorden", index)
        if answer.standaard not in standards:
            errors.append((FILE, (*path, "standaard"), (
                f"de standaard '{answer.standaard}' staat niet in het kader (versie {frame.kader.versie}); "
                "controleer de id, of zet een eigen indicator van de school bij 'domeinen'")))
        elif answer.standaard in answered:
            errors.append((FILE, (*path, "standaard"), (
                f"de standaard '{answer.standaard}' is al beantwoord; geef elke standaard één antwoord")))
        answered.add(answer.standaard)
        if answer.status not in frame.kader.statussen and PLACEHOLDER not in answer.status:
            errors.append((FILE, (*path, "status"), (
                f"'{answer.status}' is geen status van het kader; kies uit: {', '.join(frame.kader.statussen)}")))
    if reference.versie != frame.kader.versie:
        notices.append((FILE, ("kader", "versie"), (
            f"dit profiel antwoordt op versie {reference.versie} van het kader, maar het kader is nu versie "
            f"{frame.kader.versie}; kijk de antwoorden na en zet dan 'versie: {frame.kader.versie}'")))
    for standard_id, (domain, _) in standards.items():
        if standard_id not in answered:
            notices.append((FILE, ("kader", "antwoorden"), (
                f"de standaard '{standard_id}' van het kader ({domain}) is nog niet beantwoord; "
                "zet bij 'antwoorden' waar de school staat")))
    if frame.specialismen is not None:
        for index, person in enumerate(profile.expertise.medewerkers):
            for number, specialism in enumerate(person.specialismen):
                if specialism not in frame.specialismen:
                    errors.append(("expertise", ("medewerkers", index, "specialismen", number), (
                        f"het specialisme '{specialism}' staat niet in het kader; kies uit: "
                        + ", ".join(frame.specialismen))))
    return errors, notices


def without_frame(profile) -> list:
    """Errors for specialism ids when the school names no frame they could come from."""
    return [("expertise", ("medewerkers", index, "specialismen"), (
                "een specialisme-id komt uit het kader van het samenwerkingsverband; noem dat kader eerst "
                "bij 'kader' in basisondersteuning.yml, of zet het specialisme bij 'focusgebied'"))
            for index, person in enumerate(profile.expertise.medewerkers) if person.specialismen]


def check(profile, data_dir: Path, display_dir: str) -> tuple[Frame | None, list, list]:
    """The frame the profile answers to, with (errors, notices) as in `problems`. A frame
    that cannot be read is a notice, not an error: it is the SWV's, its site may be down,
    and an old version of data/ (make wijzigingen) is read where a relative path leads nowhere."""
    reference = profile.basisondersteuning.kader
    if reference is None:
        return None, without_frame(profile), []
    try:
        frame = read_frame(reference.bron, data_dir, display_dir)
    except Unread as unread:
        problem = [(FILE, ("kader", "bron"), f"{unread}; de antwoorden op het kader zijn niet nagekeken")]
        return None, [], problem
    return frame, *problems(profile, frame)
