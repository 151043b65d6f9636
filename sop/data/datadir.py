"""Everything in data/ must be something the build reads (or knows to leave alone).

A file the build ignores is a staff member's work that silently never reaches
the site: 'school.yaml' instead of 'school.yml', a copy kept 'just in case', a
new file nobody wired up.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from sop.data.errors import DataError, Location

# Not the list of files: that would change every message with each new data file.
_ONLY = "In data/ horen alleen de gegevensbestanden van het profiel, zoals school.yml en expertise.yml."


def unexpected_entries(
    data_dir: Path,
    display_dir: str,
    data_files: Iterable[str],
    extra_files: Iterable[str] = (),
    extra_dirs: Iterable[str] = (),
    only: str = _ONLY,
) -> list[DataError]:
    """An error for every entry of `data_dir` that is not one of the known files or folders.

    `data_files` are the stems of the YAML files (read as STEM.yml).
    """
    if not data_dir.is_dir():
        return []
    stems = set(data_files)
    expected = {f"{stem}.yml" for stem in stems}
    extra_files, extra_dirs = set(extra_files), set(extra_dirs)
    errors = []
    for entry in sorted(data_dir.iterdir()):
        name = entry.name
        if entry.is_symlink():
            message = (
                "dit is een snelkoppeling (symbolische link) en geen gewoon bestand; die leest de bouw "
                f"niet. Zet het bestand zelf in {display_dir}/ of verwijder de snelkoppeling"
            )
        elif entry.is_dir():
            if name in extra_dirs:
                continue
            message = (
                f"de map '{name}' hoort niet in {display_dir}/ en wordt niet gelezen; zet de gegevens in de "
                f"bestanden in {display_dir}/ zelf en verwijder de map. {only}"
            )
        elif name in expected or name in extra_files:
            continue
        else:
            message = _unknown_file(data_dir, name, stems, display_dir, only)
        errors.append(DataError(Location(f"{display_dir}/{name}", 1, 1), message))
    return errors


def _unknown_file(data_dir: Path, name: str, stems: set[str], display_dir: str, only: str) -> str:
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if extension.lower() in ("yaml", "yml"):
        known = next((s for s in sorted(stems) if s.lower() == stem.lower()), None)
        if known:
            why = "het eindigt op .yaml" if extension.lower() == "yaml" else "de naam is anders geschreven"
            if (data_dir / f"{known}.yml").exists():
                return (
                    f"de bouw leest dit bestand niet, want {why}; hij leest '{known}.yml', en dat bestaat "
                    f"ook. Zet wat in dit bestand nieuw is in '{known}.yml' en verwijder dit bestand (of "
                    f"verwijder '{known}.yml' en hernoem dit bestand naar '{known}.yml')"
                )
            return f"de bouw leest dit bestand niet, want {why}; hernoem het naar '{known}.yml'"
        guess = difflib.get_close_matches(stem.lower(), sorted(stems), n=1, cutoff=0.6)
        hint = f" (bedoelt u '{guess[0]}.yml'?)" if guess else ""
        rename = " Een gegevensbestand eindigt op .yml, niet op .yaml." if extension.lower() == "yaml" else ""
        return (
            f"onbekend bestand{hint}: de bouw leest het niet, dus wat erin staat komt niet op de site. "
            f"Zet de gegevens in het bestand waar ze horen en verwijder dit bestand.{rename} {only}"
        )
    return (
        f"dit bestand hoort niet in {display_dir}/ en wordt niet gelezen; verwijder het of zet het ergens anders. {only}"
    )
