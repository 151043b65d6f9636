"""Shared fixtures.

Two kinds of tests use them:
- product tests (tests/*.py, tests/browser/) check the code on fixture schools
  under tests/ (SCHOOLS below), never on data/, so any school can replace data/;
- the generic suite (sop/checks/, run by `make test` = `sop test` as in a school's
  repository) checks whatever school is in data/ with checks that hold for every
  school: it validates, builds, is accessible, and keeps its own published
  addresses and source text. test_generic_suite.py runs it on a school-like
  project with each fixture school as data/.
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

PROJECT = Path(__file__).resolve().parent.parent
TESTS = PROJECT / "tests"
sys.path.insert(0, str(PROJECT))

from sop.checks.builtsite import TEST_REPO_URL, Site, build_site  # noqa: E402, F401
from sop.data.profile import Profile, load_profile  # noqa: E402

# The generic suite's fixtures (site, profile, served_site, browser, tab, …), also for the product
# tests; `sop test` loads them too, and runs the suite itself on data/.
pytest_plugins = ["sop.checks.plugin"]

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
