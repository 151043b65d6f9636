"""`make swv`: fetch every school's profile, then build the overview (and its PDF) into site-swv/.

As `make build` for a school: the SWV's files are validated first (Dutch
errors, nothing built), the site is built into a hidden folder and swapped in
only when complete, and a failure never ends in a traceback. A school that
cannot be fetched or read does not stop the build: it is reported and listed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sop.data.failure import run_guarded
from sop.site.sitedir import Publication
from sop.swv.site import CONFIG_FILE, FOLDER_VARIABLE, INDEX_VARIABLE, PROJECT, display_name

UNCHANGED = "Het overzicht is niet bijgewerkt; de vorige versie blijft staan."
PUBLISHED = "Het nieuwe overzicht stond al klaar."


def _build(folder: Path, cache: Path, site_dir: Path, publication: Publication) -> int:
    from sop.data.errors import DataErrors
    from sop.site.theme import today
    from sop.swv.compare import duplicate_brins
    from sop.swv.opendata import FOLDER, INDEX, downloads
    from sop.swv.gather import gather
    from sop.swv.pdf import write_overview_pdf
    from sop.swv.render_grids import count_schools

    day = today()
    try:
        overview = gather(folder, cache, day, display_dir=display_name(folder))
    except DataErrors as errors:
        # Named by the SWV folder itself: the data report's heading takes a path's first part ('/').
        count = len(errors.errors)
        print(f"De bestanden in {display_name(folder)}/ bevatten {'1 fout' if count == 1 else f'{count} fouten'}; "
              "het overzicht is niet gebouwd.", *errors.errors, sep="\n", file=sys.stderr)
        return 1
    for item in overview.missing:
        print(f"Let op: {item.entry.naam} ({item.entry.id}) staat niet in het overzicht: {item.reason}", file=sys.stderr)
    for school in overview.schools:
        if school.stale_note:
            print(f"Let op: {school.name} ({school.entry.id}): {school.stale_note}", file=sys.stderr)
    for brin, schools in duplicate_brins(overview):
        named = [f"{school.name} ({school.entry.id})" for school in schools]
        print(f"Let op: {', '.join(named[:-1])} en {named[-1]} hebben hetzelfde BRIN-nummer {brin}; "
              "staat dezelfde school twee keer in scholen.yml? Ze staan allebei in het overzicht.", file=sys.stderr)
    if not overview.schools:
        print("Geen enkele school kon gelezen worden; het overzicht is niet gebouwd.", file=sys.stderr)
        return 1
    files = downloads(overview, day)
    with publication:
        fresh = publication.fresh
        # The pages are built from this very index (sop/swv/macros.py), not from a second gathering.
        index = publication.work / INDEX
        index.write_bytes(files[INDEX])
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        env[FOLDER_VARIABLE], env[INDEX_VARIABLE] = str(folder.resolve()), str(index)
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                   str(CONFIG_FILE), "--site-dir", str(fresh)]
        status = publication.run(command, cwd=PROJECT, env=env)
        if status != 0:
            print("Het overzicht is niet gebouwd; de vorige versie blijft staan.", file=sys.stderr)
            return status
        for name, content in files.items():
            path = fresh / FOLDER / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        try:
            write_overview_pdf(fresh, CONFIG_FILE, overview.config.samenwerkingsverband.naam, day, cache / "pdf")
        except Exception:
            # run_guarded adds what went wrong and that the previous overview stays.
            print("De PDF van het overzicht kon niet worden gemaakt.", file=sys.stderr)
            raise
        publication.commit()
    print(f"Overzicht gebouwd in {site_dir}: {count_schools(len(overview.schools))}, "
          f"{len(overview.missing)} ontbrekend.", file=sys.stderr)
    return 0


def build(folder: Path, cache: Path, site_dir: Path) -> int:
    publication = Publication(site_dir)
    return run_guarded(
        lambda: _build(folder, cache, site_dir, publication),
        outcome=lambda: PUBLISHED if publication.published else UNCHANGED,
        log_dir=cache.parent,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="Bouw het overzicht van het samenwerkingsverband.")
    parser.add_argument("--map", type=Path, default=PROJECT / "swv", help="de map met de bestanden van het SWV")
    parser.add_argument("--cache", type=Path, default=PROJECT / ".cache" / "swv")
    parser.add_argument("--site", type=Path, default=PROJECT / "site-swv")
    arguments = parser.parse_args()
    return build(arguments.map, arguments.cache, arguments.site)


if __name__ == "__main__":
    sys.exit(main())
