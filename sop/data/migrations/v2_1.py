"""Step 2.0 -> 2.1: a minor version, so nothing to change.

2.1 only added optional fields (a school's answers to its samenwerkingsverband's
frame): every 2.0 folder and sop.json is already valid 2.1.
"""

from __future__ import annotations

from sop.data.migrations.parts import Parts

SOURCE, TARGET = "2.0", "2.1"


def detect(parts: Parts) -> bool:
    return False


def upgrade(parts: Parts) -> None:
    """Nothing: 2.0 data is 2.1 data."""
