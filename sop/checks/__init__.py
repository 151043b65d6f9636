"""The generic suite: checks that hold for any school's content (its data/ and docs/).

A school's repository runs it from the package with two small files:

    tests/conftest.py:      pytest_plugins = ["sop.checks.plugin"]
    tests/test_profiel.py:  from sop.checks.suite import *  # noqa: F401,F403

It validates data/, builds the site, checks accessibility with axe-core in
Chromium, the published addresses and, if supplied, the source text. It checks
the project in pytest's rootdir (else the current folder), never this package's
own folder (plugin.py).

PYTEST_DONT_REWRITE: said of this file only (it has no assert), so pytest
does not warn that it was imported before the line below marks its modules.
"""

import pytest

# pytest shows the values in a failing assert only in modules it rewrites: these
# are imported as a package, not collected as test files.
pytest.register_assert_rewrite("sop.checks")
