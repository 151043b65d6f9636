"""Every abbreviation on the site is explained: in the glossary, as a tooltip, on the list page."""

from __future__ import annotations

import random
import re

import pytest

from sop.writers import render
from sop.data import schema

ALL_CAPS = re.compile(r"(?<!\w)[A-Z][A-Z0-9]+(?!\w)")
POSTCODE = re.compile(r"\b\d{4} ?[A-Z]{2}\b")
PAGES = ["", "onderwijs", "mogelijkheden-en-grenzen", "ondersteuning", "feiten-en-cijfers",
         "basisondersteuning", "stappenplan", "begrippen"]


def unexplained_capitals(article) -> list[str]:
    """All-caps words outside <abbr> (postcodes such as '1234 AB' are no abbreviations)."""
    for abbr in article.find_all("abbr"):
        abbr.decompose()
    return sorted(set(ALL_CAPS.findall(POSTCODE.sub("", article.get_text(" ")))))


def without_charts(article):
    """The page's text as tooltips can reach it: an SVG chart stays plain text, and its
    words are in the table and caption beside it, which have their tooltips."""
    for chart in article.find_all("svg"):
        chart.decompose()
    return article


@pytest.mark.parametrize("page", PAGES)
def test_every_glossary_term_on_a_page_gets_its_tooltip(school_site, page):
    site, profile = school_site, school_site.profile
    article = without_charts(site.article(page, tooltips=True))
    glossary = render.abbreviation_glossary(profile.begrippen)
    for abbr in article.find_all("abbr"):
        assert abbr.get("title") == glossary[abbr.get_text()]
        abbr.decompose()
    left = [term for term in glossary if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", article.get_text(" "))]
    assert left == [], f"{site.name} /{page}: zonder uitleg: {left}"


@pytest.mark.parametrize("page", PAGES)
def test_every_all_caps_abbreviation_is_explained(source_site, page):
    # Only on CBS Vesterhavet: its glossary also explains the abbreviations of
    # the pages' own text (PDF, CSV, JSON), which another school's need not.
    unexplained = unexplained_capitals(without_charts(source_site.article(page, tooltips=True)))
    assert unexplained == [], f"voeg toe aan begrippen.yml: {unexplained}"


def test_required_abbreviations_are_in_the_glossary(source_profile):
    spellings = {s for term in source_profile.begrippen.begrippen for s in term.spellings}
    required = {"IB", "OPP", "TLV", "SBO", "SO", "SWV", "NT2", "RT", "ZAT", "CCP", "SMW", "MR", "KiVa",
                "ASS", "ADHD", "TOS", "DMT", "LVS", "IEP", "lln", "lkr"}
    assert required <= spellings


def test_glossary_page_lists_every_term_with_an_anchor(school_site):
    site, profile = school_site, school_site.profile
    article = site.article("begrippen", tooltips=True)
    for term in profile.begrippen.begrippen:
        entry = article.find("dt", id=render.term_anchor(term))
        assert entry is not None and term.afkorting in entry.get_text()
        assert entry.find_next_sibling("dd").get_text(" ", strip=True) != ""


def test_abbreviate_touches_text_only_and_prefers_longest_term():
    glossary = {"IB": "Intern begeleider", "IB-er": "Intern begeleider", "PLAN DO": "cyclus", "DO": "x"}
    html = render.abbreviate('<p title="IB">IB en de IB-er, PLAN DO</p>', glossary)
    assert html.startswith('<p title="IB">')
    assert html.count("<abbr") == 3
    assert '<abbr title="cyclus">PLAN DO</abbr>' in html
    assert '<abbr title="Intern begeleider">IB-er</abbr>' in html


def test_tooltip_text_is_escaped():
    term = schema.Begrip(afkorting="XY", volledig='"<b>"', uitleg="uitleg")
    html = render.abbreviate("<p>XY</p>", render.abbreviation_glossary(schema.Begrippen(begrippen=[term])))
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_charts_keep_their_text_plain(source_profile):
    """An SVG chart's title, description and labels are no place for an HTML <abbr>:
    the text around the chart gets its tooltips, the chart stays plain text."""
    glossary = render.abbreviation_glossary(source_profile.begrippen)
    for table in source_profile.aantallen.tabellen:
        chart = render.statistics_chart(table)
        if not chart:
            continue
        html = render.abbreviate(f"<p>{render.escape(table.titel)}</p>{chart}", glossary)
        svg = html[html.index("<svg"):html.index("</svg>")]
        assert "<abbr" not in svg
        assert render.abbreviate(chart, glossary).count("<abbr") == html[html.index("</svg>"):].count("<abbr")


@pytest.mark.parametrize("seed", range(20))
def test_the_glossary_names_only_spellings_a_reader_would_not_recognise(seed):
    """'Kiva' beside 'KiVa' is the same word to a parent; 'IB-er' beside 'IB'er' is not.
    Each spelling that differs only in letter case from the term (or from one named
    before it) stays out of "Ook geschreven als", every other one is named, in order."""
    rng = random.Random(seed)
    word = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz-'") for _ in range(rng.randint(2, 8))) + "x"
    recase = lambda text: "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)  # noqa: E731
    others = [f"{word}{suffix}" for suffix in rng.sample(["1", "-er", "'s", " plan", "en"], 3)]
    spellings = [recase(word), others[0], recase(others[0]), others[1], recase(word), others[2]]
    term = schema.Begrip(afkorting=recase(word), uitleg="Uitleg.", schrijfwijzen=spellings)
    glossary = render.glossary_list(schema.Begrippen(begrippen=[term]))
    named = re.search(r"Ook geschreven als: (.*?)\.</", glossary)
    assert named and named.group(1).split(", ") == [render.escape(other) for other in others], glossary
