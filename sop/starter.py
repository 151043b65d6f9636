"""`make nieuwe-school`: a complete starter data/ for a school that adopts the project.

Every data file, with comments saying what goes where; every text the school
must still write is marked '[vul in: …]', and `make check` lists those until
they are gone. The starter passes `make check`, `make build` and `make test`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .jsonschema import SCHEMA_DIR, editor_line, schema_text
from .profile import DATA_FILES

TEMPLATES = Path(__file__).with_name("starter")
ADDRESSES = (
    "# Adressen op deze site die anderen gebruiken (een link in de schoolgids, in het\n"
    "# ondersteuningsplan van het samenwerkingsverband). Eén per regel, bijvoorbeeld\n"
    "#   stappenplan/#niveau-2\n"
    "# `make test` controleert dat elk adres blijft werken. Een nieuwe school begint leeg.\n"
)


def write_starter(target: Path) -> list[Path]:
    """Write the starter files into `target`, which must not hold data files yet."""
    existing = [path.name for path in target.glob("*")] if target.exists() else []
    if existing:
        raise FileExistsError(
            f"{target}/ bestaat al en is niet leeg ({', '.join(sorted(existing)[:5])}); "
            "verplaats of verwijder die map eerst, zodat er geen gegevens verloren gaan"
        )
    (target / SCHEMA_DIR.name).mkdir(parents=True)
    written = []
    for stem in DATA_FILES:
        body = (TEMPLATES / f"{stem}.yml").read_text(encoding="utf-8")
        path = target / f"{stem}.yml"
        path.write_text(editor_line(stem) + body, encoding="utf-8")
        (target / SCHEMA_DIR.name / f"{stem}.schema.json").write_text(schema_text(stem), encoding="utf-8")
        written.append(path)
    addresses = target / "gepubliceerde-adressen.txt"
    addresses.write_text(ADDRESSES, encoding="utf-8")
    return [*written, addresses]


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path("data")
    try:
        write_starter(target)
    except FileExistsError as error:
        print(f"Niets geschreven: {error}.", file=sys.stderr)
        return 1
    print(
        f"Een lege school staat klaar in {target}/. Vervang elke '[vul in: …]' door de gegevens "
        "van uw school (make check toont waar ze nog staan) en pas de teksten in docs/ aan "
        "(zie README, 'Een andere school')."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
