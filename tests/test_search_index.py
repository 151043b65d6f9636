"""Every word a parent sees in a table can be found by search: the index never glues
the words of two lines of a cell ('hoogbegaafdheidLeerkracht')."""

from __future__ import annotations

import json
import re


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_every_word_of_every_table_cell_is_in_the_search_index(school_site):
    index = json.loads((school_site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    # Split as the search in the browser splits (its separator is in the index), so a word
    # glued to a '/' or '(' counts as missing, as it is for a parent who searches for it.
    separator = re.compile(index["config"]["separator"])
    indexed: dict[str, set[str]] = {}
    for entry in index["docs"]:
        page = entry["location"].split("#")[0]
        text = re.sub(r"<[^>]+>", " ", entry["title"] + " " + entry["text"]).lower()
        indexed.setdefault(page, set()).update(separator.split(text))
    missing = []
    for page in ("ondersteuning", "stappenplan", "feiten-en-cijfers", "basisondersteuning"):
        for cell in school_site.article(page).select("table td, table th"):
            # Each line of a cell on its own: the words must stay apart in the index.
            for line in cell.get_text("\n").split("\n"):
                missing += [f"{page}: {word}" for word in _words(line) - indexed.get(f"{page}/", set())]
    assert missing == [], missing[:10]
