"""`sop test` (make test): the package's checks of this folder's site, and the folder's own tests.

A school's repository holds no test code: the checks come with the package, as its
theme does. Tests a school or SWV writes itself go in tests/ and run too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The checks: the test modules beside this one, given as their folder, so that each
# test is named by its module ('test_school_data.py::test_…').
CHECKS = Path(__file__).parent
OWN_TESTS = Path("tests")


def arguments(argv: list[str]) -> list[str]:
    """pytest's command line: the checks' fixtures, their tests, tests/ when there is one, and argv."""
    own = [str(OWN_TESTS)] if OWN_TESTS.is_dir() else []
    return ["-p", "sop.checks.plugin", "--rootdir", str(Path.cwd()), str(CHECKS), *own, *argv]


def main(argv: list[str]) -> int:
    return int(pytest.main(arguments(argv)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
