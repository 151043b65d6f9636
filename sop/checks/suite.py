"""Every test of the generic suite in one module, for a school's tests/test_profiel.py:

    from sop.checks.suite import *  # noqa: F401,F403

pytest then runs them there, with the fixtures of plugin.py.
"""

from __future__ import annotations

from sop.checks import (
    test_browser_axe, test_browser_fonts, test_browser_keyboard, test_browser_pages, test_browser_phone,
    test_browser_print, test_browser_privacy, test_browser_search, test_published_addresses, test_school_data,
    test_source_text,
)

MODULES = (
    test_school_data, test_published_addresses, test_source_text,
    test_browser_axe, test_browser_fonts, test_browser_keyboard, test_browser_pages, test_browser_phone,
    test_browser_print, test_browser_privacy, test_browser_search,
)


def _tests() -> dict:
    """Each module's test functions by name; one name twice would hide a test."""
    found = {}
    for module in MODULES:
        for name, value in vars(module).items():
            if name.startswith("test_") and callable(value):
                if name in found:
                    raise ImportError(f"{module.__name__}.{name}: a test of that name is already in the suite")
                found[name] = value
    return found


TESTS = _tests()
globals().update(TESTS)
__all__ = sorted(TESTS)
