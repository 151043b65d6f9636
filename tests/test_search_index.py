"""Every word a parent sees in a table can be found by search: the index never glues
the words of two lines of a cell ('hoogbegaafdheidLeerkracht')."""

from __future__ import annotations

import json
import re


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_every_word_of_every_table_cell_is_in_the_search_index(school_site):
    index = json.loads((school_site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed: dict[str, set[str]] = {}
    for entry in index["docs"]:
        page = entry["location"].split("#")[0]
        indexed.setdefault(page, set()).update(_words(entry["title"] + " " + entry["text"]))
    missing = []
    for page in ("ondersteuning", "stappenplan", "feiten-en-cijfers", "basisondersteuning"):
        for cell in school_site.article(page).select("table td, table th"):
            # Each line of a cell on its own: the words must stay apart in the index.
            for line in cell.get_text("\n").split("\n"):
                missing += [f"{page}: {word}" for word in _words(line) - indexed.get(f"{page}/", set())]
    assert missing == [], missing[:10]
