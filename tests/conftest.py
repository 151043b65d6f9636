"""Shared fixtures.

Two kinds of tests use them:
- product tests (tests/*.py) check the code on fixture schools under tests/
  (SCHOOLS below), never on data/, so any school can replace data/;
- the generic suite (GENERIC_SUITE) checks whatever school is in data/ with
  checks that hold for every school: it validates, builds, is accessible, and
  keeps its own published addresses and source text. test_generic_suite.py
  runs it on a copy of the project with each fixture school as data/.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parent.parent
TESTS = PROJECT / "tests"
sys.path.insert(0, str(PROJECT))

from sop.data.profile import Profile, load_profile  # noqa: E402

TEST_REPO_URL = "https://github.com/voorbeeldschool/sop"
SITE_FILES = ("docs", "mkdocs.yml", "macros.py", "sop")

# The fixture schools every product test runs on. Add a school with one line.
SCHOOLS = {
    # CBS Vesterhavet as transcribed from its SOP (frozen: data/ may move on).
    "bron": TESTS / "bron" / "data",
    # A made-up school with other years, categories, levels and settings.
    "voorbeeldschool": TESTS / "voorbeeldschool" / "data",
    # Everything real profiles contain: locations, roster groups, units, gaps, …
    "de-getijden": TESTS / "scholen" / "de-getijden" / "data",
}
SOURCE_DATA = SCHOOLS["bron"]
# The text of CBS Vesterhavet's SOP document, for the frozen copy above.
SOURCE_TEXT = TESTS / "bron" / "sop-cbs-vesterhavet.txt"

# The checks that hold for any school in data/ (paths relative to the project).
GENERIC_SUITE = ("tests/algemeen", "tests/browser")
# What a copy needs to run the generic suite besides the site files and data/.
GENERIC_SUITE_FILES = ("pytest.ini", "tests/conftest.py", *GENERIC_SUITE)
# Tests in tests/browser that are no generic check of data/, left out when the
# generic suite runs on a fixture school (on data/ they all run):
NOT_GENERIC = (
    # A product test of make serve, on the frozen copy in tests/bron.
    "tests/browser/test_browser_serve.py",
    # A product test of the staff editor, on the fixture school in tests/scholen/de-getijden.
    "tests/browser/test_browser_beheer.py",
)

class _DataDumper(yaml.SafeDumper):
    """Writes YAML as the data files' reader reads it: a text of several lines (a note)
    as a block (|), since the reader refuses a quoted text that runs over lines."""


_DataDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def dump_data_yaml(data, **options) -> str:
    """yaml.safe_dump for a data file a test changed (same options)."""
    return yaml.dump(data, Dumper=_DataDumper, **{"sort_keys": False, "allow_unicode": True, **options})


# Fixture sites are committed on this day, so page dates and the change log
# (read from git) are known to the tests.
FIXTURE_COMMIT_DATE = datetime.date(2031, 3, 14)


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


def run_make(project: Path, *arguments: str, **environment: str) -> subprocess.CompletedProcess:
    """`make ARGUMENTS` in `project` as staff run it from a terminal: with the installed
    packages (not reinstalled), and not as a make inside `make test`, which would add
    'make[1]: Entering directory …' around every message."""
    env = {name: value for name, value in os.environ.items() if name not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    return subprocess.run(["make", "-o", ".venv/bin/.installed", "-o", "node_modules/.installed", *arguments],
                          cwd=project, capture_output=True, text=True,
                          env={**env, "NO_MKDOCS_2_WARNING": "1", **environment})


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
    # No node_modules/, as in a school's repository: the editor and axe-core come with sop/ (sop/vendor/).
    return target


def commit_all(project: Path, day: datetime.date = FIXTURE_COMMIT_DATE) -> None:
    """Make `project` a git repository with everything in one commit on `day`."""
    stamp = f"{day.isoformat()}T12:00:00+01:00"
    env = dict(os.environ, GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Testschool"]):
        subprocess.run(["git", *identity, *command], cwd=project, env=env, check=True, capture_output=True)


def copy_with_generic_suite(target: Path, data_dir: Path) -> Path:
    """A copy of the project with `data_dir` as data/ and the generic suite, ready to run."""
    copy_project(target, data_dir)
    for name in GENERIC_SUITE_FILES:
        source, copy = PROJECT / name, target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy)
    if not (target / "data" / "schema").exists():
        # Generated from the code, as `make schema` does after a school replaces data/.
        subprocess.run([sys.executable, "-m", "sop.writers.schemafiles"], cwd=target, check=True, capture_output=True)
    return target


def run_generic_suite(project: Path, paths: tuple[str, ...] = GENERIC_SUITE) -> subprocess.CompletedProcess:
    """The generic suite (or `paths` of it) on `project`'s data/, as a separate pytest run."""
    deselect = [arg for test in NOT_GENERIC for arg in ("--deselect", test)]
    return subprocess.run(
        [sys.executable, "-m", "pytest", *paths, "-q", "-p", "no:cacheprovider", *deselect],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
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


# --- The school in data/: for the generic suite only ---------------------------

@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    """The site built strictly from data/ (generic suite and browser tests)."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(PROJECT, site_dir)
    assert result.returncode == 0, result.stderr
    return Site(site_dir, name="data")


@pytest.fixture(scope="session")
def profile() -> Profile:
    """The validated data/ (generic suite only)."""
    return load_profile(PROJECT / "data")


# --- The fixture schools: for product tests -----------------------------------

def built_copy(tmp_path_factory, data_dir: Path, name: str, history: bool = True) -> Site:
    """The site built, as make build does, from a copy of the project with `data_dir` as data/.

    With `history`, the copy is one git commit on FIXTURE_COMMIT_DATE.
    """
    project = copy_project(tmp_path_factory.mktemp(name), data_dir)
    if history:
        commit_all(project)
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    return Site(project / "site", load_profile(data_dir), name)


@pytest.fixture(scope="session")
def school_sites(tmp_path_factory):
    """school_sites(name): the site of fixture school `name`, built once per run."""
    built: dict[str, Site] = {}

    def get(name: str) -> Site:
        if name not in built:
            built[name] = built_copy(tmp_path_factory, SCHOOLS[name], name)
        return built[name]

    return get


@pytest.fixture(scope="module", params=list(SCHOOLS))
def school_site(request, school_sites) -> Site:
    """Each fixture school's built site in turn; `.profile` is its data."""
    return school_sites(request.param)


@pytest.fixture(scope="session")
def source_site(school_sites) -> Site:
    return school_sites("bron")


@pytest.fixture(scope="session")
def source_profile() -> Profile:
    return load_profile(SOURCE_DATA)


@pytest.fixture(scope="module", params=list(SCHOOLS))
def school(request) -> Profile:
    return load_profile(SCHOOLS[request.param])


@pytest.fixture(scope="module")
def real() -> Profile:
    """CBS Vesterhavet, the real school, as frozen in tests/bron/data."""
    return load_profile(SOURCE_DATA)
