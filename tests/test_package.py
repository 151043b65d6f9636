"""The package's version is said once in pyproject.toml, and the changelog has it."""

from __future__ import annotations

import re
import tomllib

import sop
from conftest import PROJECT


def test_the_changelog_names_the_version_being_released_first():
    version = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    headings = re.findall(r"^## (\S+) \(\d{4}-\d{2}-\d{2}\)$", (PROJECT / "CHANGELOG.md").read_text(encoding="utf-8"),
                          re.MULTILINE)
    assert headings and headings[0] == version, "zet de nieuwe versie bovenaan in CHANGELOG.md"
    assert len(headings) == len(set(headings))
    # What `sop nieuw` pins is the installed version: this one (make installs the project itself).
    assert sop.__version__ == version
