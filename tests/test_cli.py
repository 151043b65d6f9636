"""`python -m sop COMMAND` (issue 19's one entry point) does what make's targets do."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import PROJECT, SCHOOLS, copy_project
from sop.cli import COMMANDS


def _sop(cwd, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sop", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(PROJECT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"})


def test_help_names_every_command_in_dutch(tmp_path):
    result = _sop(tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Gebruik: python -m sop OPDRACHT")
    for name, (_, text) in COMMANDS.items():
        assert f"  {name} " in result.stdout and text in result.stdout


@pytest.mark.parametrize("typed", ["bouw", "CHECK", "--check", "Check "])
def test_an_unknown_command_is_refused_in_dutch(tmp_path, typed):
    result = _sop(tmp_path, typed)
    assert result.returncode == 2
    assert result.stderr.startswith(f"'{typed}' is geen opdracht van sop.")
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("cli"), SCHOOLS["de-getijden"])
    school = project / "data" / "school.yml"
    school.write_text(school.read_text(encoding="utf-8").replace("naam:", "nam:", 1), encoding="utf-8")
    return project


def test_check_says_what_make_check_says(broken_project):
    direct = subprocess.run([sys.executable, "-m", "sop.site.check"], cwd=broken_project, capture_output=True, text=True)
    through = _sop(broken_project, "check")
    assert through.returncode == direct.returncode == 1
    assert through.stdout + through.stderr == direct.stdout + direct.stderr
    assert "data/school.yml:" in through.stdout + through.stderr
