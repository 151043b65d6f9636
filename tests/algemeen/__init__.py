"""The generic suite: checks that hold for any school in data/ (see tests/conftest.py).

A package, so its modules never clash with tests/*.py of the same name.
"""
