"""A school's site as `make build` builds it, and its pages read back as HTML."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from sop.data.profile import Profile

# The repository the test build links to: edit links are then built and checked.
TEST_REPO_URL = "https://github.com/voorbeeldschool/sop"


def build_site(project: Path, site_dir: Path, repo_url: str | None = TEST_REPO_URL) -> subprocess.CompletedProcess:
    """Run `make build`'s pipeline (sop.site.build) on `project`; return the finished process."""
    # REPO_URL as the workflow sets it, so edit links are built and tested.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("REPO_URL", None)
    if repo_url:
        env["REPO_URL"] = repo_url
    script = "import sys; from pathlib import Path; from sop.site.build import build; " \
             "sys.exit(build(Path.cwd(), Path(sys.argv[1])))"
    return subprocess.run(
        [sys.executable, "-c", script, str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


class Site:
    def __init__(self, root: Path, profile: Profile | None = None, name: str = ""):
        self.root = root
        self.profile = profile  # the data it was built from, when known
        self.name = name

    def __repr__(self) -> str:
        return f"Site({self.name or self.root})"

    def page(self, name: str, tooltips: bool = False) -> BeautifulSoup:
        """A built page; without `tooltips`, <abbr> wrappers are removed so text compares as written."""
        path = self.root / ("index.html" if name == "" else f"{name}/index.html")
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if not tooltips:
            for abbr in soup.find_all("abbr"):
                abbr.unwrap()
            soup.smooth()
        return soup

    def article(self, name: str, tooltips: bool = False):
        return self.page(name, tooltips).select_one("article.md-content__inner")
