"""Browser tests. A package, so its conftest.py does not shadow tests/conftest.py,
which the other tests import as `conftest`."""
