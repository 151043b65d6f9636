"""`make build`: validate, build into a hidden folder, add the PDF, the
downloads (open data, schoolgids chapter) and the staff editor (/beheer/), and only
then swap it in as site/.

A failed, stopped or killed build leaves the previous site/ exactly as it was
(see sitedir.py), so nothing half-built is ever served or uploaded, and no
failure ends in a Python traceback (see failure.py).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from sop.data.failure import run_guarded, write_log
from sop.site.sitedir import Publication

UNCHANGED = "De site is niet bijgewerkt; de vorige versie in site/ blijft staan."
PUBLISHED = "De nieuwe versie van de site stond al in site/."


def mkdocs_command(project: Path, site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]


def write_robots(site_dir: Path) -> None:
    """robots.txt pointing search engines at the sitemap, at the address MkDocs used."""
    first = re.search(r"<loc>(.*?)</loc>", (site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    base = first.group(1) if first else ""
    (site_dir / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8")


def _pdf_is_whole(path: Path) -> bool:
    with path.open("rb") as pdf:
        pdf.seek(max(0, path.stat().st_size - 1024))
        return b"%%EOF" in pdf.read()


def _build(project: Path, site_dir: Path, publication: Publication) -> int:
    # Imported here, not at the top: even a broken installation then gets a
    # Dutch message from run_guarded instead of a traceback.
    from sop.data.errors import DataErrors
    from sop.writers.pdf import PDF_NAME, write_pdf
    from sop.data.profile import load_profile
    from sop.site.beheer import write_editor
    from sop.site.publish import write_downloads, write_version_downloads

    from sop.site.docscheck import docs_errors
    from sop.site.docslinks import link_errors

    try:
        # Validated once here, first: errors print without MkDocs' noise around them.
        profile = load_profile(project / "data")
        mistakes = docs_errors(project) + link_errors(project)
        if mistakes:
            raise DataErrors(mistakes)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with publication:
        fresh = publication.fresh
        status = publication.run(mkdocs_command(project, fresh), cwd=project, env=env)
        if status != 0:
            if publication.child_details:
                write_log(project / ".cache", publication.child_details)
            print("De site is niet gebouwd; de vorige versie in site/ blijft staan.", file=sys.stderr)
            return status
        cache = project / ".cache" / "pdf"
        write_pdf(fresh, cache)
        if not _pdf_is_whole(fresh / PDF_NAME):
            # A build killed while caching the PDF left half a file there: render it anew.
            for cached in cache.glob("*.pdf"):
                cached.unlink()
            write_pdf(fresh, cache)
        write_downloads(profile, fresh)
        write_version_downloads(project, profile, fresh)
        write_editor(fresh, os.environ.get("REPO_URL"))
        write_robots(fresh)
        publication.commit()
    # MkDocs ends with English INFO lines; the last line says in Dutch that all went well.
    print(f"Klaar: de site is gebouwd en staat in {site_dir.name}/.")
    return 0


def build(project: Path, site_dir: Path) -> int:
    publication = Publication(site_dir)
    return run_guarded(
        lambda: _build(project, site_dir, publication),
        outcome=lambda: PUBLISHED if publication.published else UNCHANGED,
        log_dir=project / ".cache",
    )


if __name__ == "__main__":
    root = Path.cwd()
    sys.exit(build(root, root / "site"))
