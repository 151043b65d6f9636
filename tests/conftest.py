"""Shared fixtures: the real site is built once per test run, strictly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from sop.profile import Profile, load_profile  # noqa: E402

TEST_REPO_URL = "https://github.com/voorbeeldschool/sop"
SITE_FILES = ("docs", "mkdocs.yml", "macros.py", "sop", "overrides")


def build_site(project: Path, site_dir: Path, repo_url: str | None = TEST_REPO_URL) -> subprocess.CompletedProcess:
    """Run `make build`'s pipeline (sop.build) on `project`; return the finished process."""
    # REPO_URL as the workflow sets it, so edit links are built and tested.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("REPO_URL", None)
    if repo_url:
        env["REPO_URL"] = repo_url
    script = "import sys; from pathlib import Path; from sop.build import build; " \
             "sys.exit(build(Path.cwd(), Path(sys.argv[1])))"
    return subprocess.run(
        [sys.executable, "-c", script, str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


def copy_project(target: Path, data_dir: Path) -> Path:
    """A copy of the site's code and pages with another school's data/."""
    for name in SITE_FILES:
        source = PROJECT / name
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    shutil.copytree(data_dir, target / "data")
    return target


class Site:
    def __init__(self, root: Path):
        self.root = root

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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(PROJECT, site_dir)
    assert result.returncode == 0, result.stderr
    return Site(site_dir)


@pytest.fixture(scope="session")
def profile() -> Profile:
    return load_profile(PROJECT / "data")


# The data as transcribed from the source SOP (tests/bron/data): tests of the
# transcription use it, so staff can keep data/ current without breaking them.
SOURCE_DATA = PROJECT / "tests" / "bron" / "data"


@pytest.fixture(scope="session")
def source_profile() -> Profile:
    return load_profile(SOURCE_DATA)


def built_copy(tmp_path_factory, data_dir: Path, name: str) -> Site:
    """The site built, as make build does, from a copy of the project with `data_dir` as data/."""
    project = copy_project(tmp_path_factory.mktemp(name), data_dir)
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    return Site(project / "site")


@pytest.fixture(scope="session")
def source_site(tmp_path_factory) -> Site:
    return built_copy(tmp_path_factory, SOURCE_DATA, "bron")


# The real school and the made-up one, for tests that must hold for any school.
SCHOOLS = {
    "echte-school": PROJECT / "data",
    "voorbeeldschool": PROJECT / "tests" / "voorbeeldschool" / "data",
}


@pytest.fixture(scope="module", params=list(SCHOOLS))
def school(request) -> Profile:
    return load_profile(SCHOOLS[request.param])


@pytest.fixture(scope="module")
def real() -> Profile:
    return load_profile(SCHOOLS["echte-school"])
