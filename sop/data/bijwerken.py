"""`make bijwerken`: bring data/ from the version it is in to the current one, in place.

Only files that change are written, and in them only the lines that change
(sop/data/migrations keeps comments and layout). Every value the migration chose on
its own is printed with its place, so a staff member can check it. Running it
again changes nothing; a current data/ is left exactly as it is.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sop.data.failure import run_guarded


def _bijwerken(folder: Path, display_dir: str) -> int:
    # Imported here: even a broken installation gets a Dutch message, not a traceback.
    from sop.data import migrations
    from sop.data.profile import DATA_FILES
    from sop.data.yamlfile import read_yaml

    if not folder.is_dir():
        print(f"Er is geen map {display_dir}/ om bij te werken.", file=sys.stderr)
        return 1
    errors = [error for stem in DATA_FILES if (folder / f"{stem}.yml").is_file()
              for error in read_yaml(folder / f"{stem}.yml", f"{display_dir}/{stem}.yml")[1]]
    if errors:
        count = "1 fout" if len(errors) == 1 else f"{len(errors)} fouten"
        print(f"De gegevens in {display_dir}/ bevatten {count} in de opmaak; er is niets bijgewerkt. "
              "Verbeter die eerst en typ dan opnieuw make bijwerken.", file=sys.stderr)
        for error in sorted(errors):
            print(error, file=sys.stderr)
        return 1
    version, choices, written = migrations.upgrade_folder(folder)
    if not written:
        print(f"De gegevens in {display_dir}/ hebben al de nieuwste versie ({migrations.CURRENT}); er is niets veranderd.")
        return 0
    changed = [path for path in written if path.suffix == ".yml"]
    files = "1 bestand" if len(changed) == 1 else f"{len(changed)} bestanden"
    print(f"De gegevens in {display_dir}/ zijn bijgewerkt van versie {version} naar {migrations.CURRENT} "
          f"({files} gewijzigd of nieuw).")
    if choices:
        print(f"Kijk deze {len(choices)} keuzes na; de nieuwe versie vraagt iets wat de oude niet had:")
        for choice in choices:
            document, _ = read_yaml(folder / f"{choice.stem}.yml", f"{display_dir}/{choice.stem}.yml")
            where = document.location(choice.path) if document else f"{display_dir}/{choice.stem}.yml"
            print(f"{where}: {choice.message}")
    print("Typ daarna make check: die noemt wat nog ingevuld moet worden ('[vul in: …]').")
    return 0


def main(folder: Path | None = None) -> int:
    folder = folder or Path("data")
    return run_guarded(lambda: _bijwerken(folder, folder.as_posix().rstrip("/")), log_dir=Path(".cache"))


if __name__ == "__main__":
    # make passes MAP as one argument, empty when it was not given.
    sys.exit(main(Path(sys.argv[1].strip()).expanduser() if sys.argv[1:] and sys.argv[1].strip() else None))
