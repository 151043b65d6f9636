"""The generic suite: checks that hold for any school's content (its data/ and docs/).

A school's repository holds no test code: `sop test` (make test) runs these
checks from the package (run.py), with the school's own tests in tests/ if any.

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
