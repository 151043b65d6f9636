"""Nothing of the school's SOP is lost: every word of the source text is on the site.

The source is the text extracted from the school's PDF (tests/bron/), the site is
built from the data as transcribed from it (tests/bron/data). Its tables lost their
layout, so word order can't be compared, but every word must appear.
"""

from __future__ import annotations

import re
from pathlib import Path

SOURCE = Path(__file__).parent / "bron" / "sop-cbs-vesterhavet.txt"

# Halves of words the PDF broke at a line end; the site has the whole word.
HYPHENATION_HALVES = {
    "onderwijsondersteu", "nend", "leerkrachtonder", "steuner", "overgangsdocumen", "ten",
}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def site_words(site) -> set[str]:
    found: set[str] = set()
    for page in site.root.rglob("index.html"):
        article = site.page(str(page.parent.relative_to(site.root)).replace(".", "")).select_one("article")
        if article is not None:
            found.update(words(article.get_text(" ")))
    return found


def test_every_word_of_the_source_is_on_the_site(source_site):
    on_site = site_words(source_site)
    missing = sorted({word for word in words(SOURCE.read_text(encoding="utf-8"))
                      if word not in on_site and word not in HYPHENATION_HALVES})
    assert missing == []


def test_hyphenated_words_are_whole_on_the_site(source_site):
    on_site = site_words(source_site)
    for word in ("onderwijsondersteunend", "leerkrachtondersteuner", "overgangsdocumenten"):
        assert word in on_site
