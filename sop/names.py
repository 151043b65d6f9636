"""One rule for comparing people's names, used by validation, the site and every export.

Two spellings that look the same are the same name: compared after Unicode NFKC,
without invisible characters (soft hyphen, zero-width space, direction marks),
with spaces collapsed and case folded. A withheld name therefore stays withheld
however a data file happens to write it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def name_key(name: str) -> str:
    normal = unicodedata.normalize("NFKC", name)
    visible = "".join(character for character in normal if unicodedata.category(character) != "Cf")
    return " ".join(visible.split()).casefold()


def find_name(text: str, names: Iterable[str]) -> str | None:
    """The first of `names` that occurs as a whole word group in `text`, or None."""
    flat = name_key(text)
    for name in names:
        key = name_key(name)
        if key and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", flat):
            return name
    return None
