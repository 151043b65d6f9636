"""Nothing of CBS Vesterhavet's SOP was lost in the transcription, and the check that
says so (sop/checks/test_source_text.py, for any school's data/bron.txt) works.

The source is the text extracted from the school's PDF (tests/bron/), the site is
built from the data as transcribed from it (tests/bron/data). Its tables lost their
layout, so word order can't be compared, but every word must appear.
"""

from __future__ import annotations

import pytest
from conftest import SOURCE_TEXT

from sop.checks.support import hyphenated, missing_words, site_words


@pytest.fixture(scope="module")
def on_source_site(source_site) -> set[str]:
    return site_words(source_site)


def test_every_word_of_the_source_is_on_the_site(on_source_site):
    assert missing_words(SOURCE_TEXT.read_text(encoding="utf-8"), on_source_site) == []


def test_words_the_pdf_broke_at_a_line_end_are_whole_on_the_site(on_source_site):
    broken = {first + second for first, second in hyphenated(SOURCE_TEXT.read_text(encoding="utf-8"))}
    for word in ("onderwijsondersteunend", "leerkrachtondersteuner", "overgangsdocumenten"):
        assert word in broken  # the source has it in two halves
        assert word in on_source_site


SITE = {"de", "leerling", "krijgt", "onderwijsondersteunend", "personeel", "2022", "2023"}


@pytest.mark.parametrize("source, missing", [
    ("De leerling krijgt personeel", []),
    ("De LEERLING, krijgt: personeel!", []),  # case and punctuation don't matter
    ("De leerling krijgt remedial teaching", ["remedial", "teaching"]),
    ("onderwijsondersteu-\nnend personeel", []),  # broken at a line end, whole on the site
    ("onderwijsondersteu- \r\n  nend personeel", []),
    ("leerkrachtonder-\nsteuner", ["leerkrachtonder", "steuner"]),  # not whole on the site
    ("schooljaar 2022-\n2023", ["schooljaar"]),  # halves on the site on their own are fine
    ("onderwijsondersteu- nend", ["nend", "onderwijsondersteu"]),  # a dash mid-line is no break
])
def test_missing_words_reports_exactly_the_words_not_on_the_site(source, missing):
    assert missing_words(source, SITE) == missing
