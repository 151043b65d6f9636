"""Nothing of the school's own SOP is lost: every word of data/bron.txt is on the site.

Only for a school that supplies the text of its SOP document (data/bron.txt).
Tables lose their layout in such a text, so word order can't be compared, but
every word must appear.
"""

from __future__ import annotations

import pytest

from sop.checks.support import missing_words, site_words


def test_every_word_of_the_schools_source_text_is_on_the_site(school_dir, site):
    source = school_dir / "data" / "bron.txt"
    if not source.exists():
        pytest.skip("geen data/bron.txt: deze school vergelijkt de site niet met een brontekst")
    missing = missing_words(source.read_text(encoding="utf-8"), site_words(site))
    assert missing == [], f"woorden uit data/bron.txt die nergens op de site staan: {missing}"
