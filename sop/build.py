"""`make build`: validate, build into a temporary folder, add the PDF and the
downloads (open data, schoolgids chapter), and only then replace site/.

A failed build (bad data, broken link) leaves the previous site/ exactly as it was,
so nothing half-built is ever served or uploaded.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import DataErrors
from .pdf import write_pdf
from .profile import load_profile
from .publish import write_downloads


def mkdocs_build(project: Path, site_dir: Path) -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    return subprocess.run(command, cwd=project, env=env).returncode


def write_robots(site_dir: Path) -> None:
    """robots.txt pointing search engines at the sitemap, at the address MkDocs used."""
    first = re.search(r"<loc>(.*?)</loc>", (site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    base = first.group(1) if first else ""
    (site_dir / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8")


def build(project: Path, site_dir: Path) -> int:
    try:
        # Validated once here, first: errors print without MkDocs' noise around them.
        profile = load_profile(project / "data")
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix=".site-", dir=project) as scratch:
        fresh = Path(scratch) / "site"
        status = mkdocs_build(project, fresh)
        if status != 0:
            print("De site is niet gebouwd; de vorige versie in site/ blijft staan.", file=sys.stderr)
            return status
        write_pdf(fresh, project / ".cache" / "pdf")
        write_downloads(profile, fresh)
        write_robots(fresh)
        if site_dir.exists():
            shutil.rmtree(site_dir)
        shutil.move(str(fresh), site_dir)
    return 0


if __name__ == "__main__":
    root = Path.cwd()
    sys.exit(build(root, root / "site"))
