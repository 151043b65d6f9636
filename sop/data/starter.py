"""`make nieuwe-school`: a complete starter data/ for a school that adopts the project.

Every data file, with comments saying what goes where; every text the school
must still write is marked '[vul in: …]', and `make check` lists those until
they are gone. The starter passes `make check`, `make build` and `make test`.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from sop.data.jsonschema import SCHEMA_DIR, editor_line, schema_text
from sop.data.kader import Frame, Unread, is_address, read_frame
from sop.data.profile import DATA_FILES

TEMPLATES = Path(__file__).with_name("starter")
ADDRESSES = (
    "# Adressen op deze site die anderen gebruiken (een link in de schoolgids, in het\n"
    "# ondersteuningsplan van het samenwerkingsverband). Eén per regel, bijvoorbeeld\n"
    "#   stappenplan/#niveau-2\n"
    "# `make test` controleert dat elk adres blijft werken. Een nieuwe school begint leeg.\n"
)


def frame_block(frame: Frame, source: str) -> str:
    """basisondersteuning.yml's 'kader': every standard of the frame, its status still to fill in."""
    choices = ", ".join(frame.kader.statussen)
    lines = [
        "kader:",
        f"  bron: {json.dumps(source, ensure_ascii=False)}",
        f"  versie: {json.dumps(frame.kader.versie, ensure_ascii=False)}",
        "  antwoorden:",
    ]
    for domain in frame.kader.domeinen:
        for standard in domain.standaarden:
            # The standard's own words, for whoever fills in the status: a note, never published.
            note = f"{' '.join(domain.titel.split())}: {' '.join(standard.tekst.split())}"
            lines += [
                f"    - notities: [{json.dumps(note, ensure_ascii=False)}]",
                f"      standaard: {standard.id}",
                f"      status: {json.dumps(f'[vul in: {choices}]', ensure_ascii=False)}",
            ]
    return "\n".join(lines) + "\n"


def frame_source(typed: str, target: Path) -> str:
    """How basisondersteuning.yml names the frame: an address as typed, a path from the data folder."""
    if is_address(typed):
        return typed
    return Path(os.path.relpath(Path(typed).expanduser().resolve(), target.resolve())).as_posix()


def write_starter(target: Path, frame: tuple[Frame, str] | None = None) -> list[Path]:
    """Write the starter files into `target`, which must not hold data files yet.
    With `frame` (the frame and how the data folder names it), basisondersteuning.yml
    answers to it. All or nothing: see write_all_or_nothing.
    """
    written = write_all_or_nothing(target, lambda draft: write_data(draft, frame))
    return [target / path for path in written]


def write_all_or_nothing(target: Path, write: Callable[[Path], list[Path]]) -> list[Path]:
    """Let `write` fill a new folder beside `target`, which becomes `target` only when
    every file is there; `target` must not exist or be empty. Returns the written
    paths, relative to the folder.
    """
    for folder in (target, *target.parents):
        if folder.exists():
            if not folder.is_dir():
                raise NotADirectoryError(f"{folder} is een bestand, geen map; kies een map die nog niet bestaat")
            break
    existing = [path.name for path in target.iterdir()] if target.exists() else []
    if existing:
        raise FileExistsError(
            f"{target}/ bestaat al en is niet leeg ({', '.join(sorted(existing)[:5])}); "
            "verplaats of verwijder die map eerst, zodat er geen gegevens verloren gaan"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".nieuwe-school-", dir=target.parent))
    try:
        draft = scratch / "nieuw"  # made by mkdir: with the usual permissions, not mkdtemp's
        draft.mkdir()
        written = [path.relative_to(draft) for path in write(draft)]
        draft.replace(target)  # onto an empty folder too
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return written


def write_data(folder: Path, frame: tuple[Frame, str] | None) -> list[Path]:
    """The starter data files in `folder` (made if needed)."""
    (folder / SCHEMA_DIR.name).mkdir(parents=True)
    written = []
    for stem in DATA_FILES:
        body = (TEMPLATES / f"{stem}.yml").read_text(encoding="utf-8")
        if stem == "basisondersteuning" and frame:
            body += frame_block(*frame)
        path = folder / f"{stem}.yml"
        path.write_text(f"# yaml-language-server: $schema=schema/{stem}.schema.json\n{body}", encoding="utf-8")
        (folder / SCHEMA_DIR.name / f"{stem}.schema.json").write_text(schema_text(stem), encoding="utf-8")
        written.append(path)
    addresses = folder / "gepubliceerde-adressen.txt"
    addresses.write_text(ADDRESSES, encoding="utf-8")
    return [*written, addresses]


# Why the system refused to write, for the errors a person can do something about.
_REASONS = {
    errno.EACCES: "u mag daar geen map maken of schrijven",
    errno.EPERM: "u mag daar geen map maken of schrijven",
    errno.ENOTDIR: "een deel van dat pad is een bestand, geen map",
    errno.ENAMETOOLONG: "die naam is te lang",
    errno.EROFS: "daar kan niet geschreven worden (alleen lezen)",
    errno.ENOSPC: "de schijf is vol",
}


def write_error(error: OSError, target: Path) -> str:
    if error.errno is None:
        return str(error)  # one of ours, already in Dutch
    reason = _REASONS.get(error.errno, f"de computer meldt: {error.strerror}")
    return f"{target}/ kon niet worden gemaakt: {reason}"


def main(argv: list[str]) -> int:
    # make passes MAP as one argument, empty when it was not given. Spaces around the
    # name are dropped, as make drops those in front: a folder name never means them.
    typed = argv[0].strip() if argv else ""
    target = Path(typed).expanduser() if typed else Path("data")
    frame = None
    typed_frame = argv[1].strip() if len(argv) > 1 else ""
    if typed_frame:
        source = frame_source(typed_frame, target)
        try:
            frame = read_frame(str(Path(typed_frame).expanduser()), Path.cwd()), source
        except Unread as unread:
            print(f"Niets geschreven: {unread}.", file=sys.stderr)
            return 1
    try:
        write_starter(target, frame)
    except OSError as error:
        print(f"Niets geschreven: {write_error(error, target)}.", file=sys.stderr)
        return 1
    print(
        f"Een lege school staat klaar in {target}/. Vervang elke '[vul in: …]' door de gegevens "
        "van uw school (make check toont waar ze nog staan) en pas de teksten in docs/ aan "
        "(zie README, 'Een andere school')."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
