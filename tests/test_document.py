"""The profile described once: the site and the schoolgids say the same per section.

Each shared section is built once (sop.document.build) and written as HTML for
the site and as markdown for the schoolgids. A fact (a word, a number, a name)
added to one output only makes the words differ and this test fail.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import markdown as python_markdown
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from sop.data.profile import Profile, load_profile
from sop.document import build
from sop.document.nodes import Heading
from sop.writers import render
from sop.writers.opendata import hidden_set, publication_options
from sop.writers.schoolgids import profile_markdown, write_markdown

# Long before any renewal date: the site's renewal notice (about today, site only) stays away.
LONG_AGO = datetime.date(1900, 1, 1)


def site_words(page_source: str, running_text: bool) -> list[str]:
    """The words a visitor reads in a macro's output, as MkDocs renders it.

    With `running_text`, each table is read as the schoolgids writes a table of
    long cells: per row, each filled cell after its column's name.
    """
    soup = BeautifulSoup(python_markdown.markdown(page_source, extensions=["attr_list"]), "html.parser")
    # A table's caption names it for screen readers; the schoolgids names it in the heading above.
    for caption in soup.find_all("caption"):
        caption.decompose()
    if running_text:
        for table in soup.find_all("table"):
            labels = [cell.get_text(" ") for cell in table.thead.find_all("th")]
            table.replace_with(" ".join(
                f"{label} {cell.get_text(' ')}"
                for row in table.tbody.find_all("tr")
                for label, cell in zip(labels, row.find_all(["th", "td"]))
                if cell.get_text().strip()
            ))
    return re.findall(r"\w+", soup.get_text(" "))


def markdown_words(text: str) -> list[str]:
    html = MarkdownIt("commonmark").enable("table").render(text)
    return re.findall(r"\w+", BeautifulSoup(html, "html.parser").get_text(" "))


def without_charts(html: str) -> str:
    # The chart is the site's own view of the table under it, not a fact of its own.
    return re.sub(r'<figure class="sop-grafiek".*?</figure>', "", html, flags=re.S)


def sections(school: Profile, hidden: frozenset[str], threshold: int | None):
    """(name, the site's macro output, the same section's nodes for the schoolgids)."""
    structure = school.ondersteuningsstructuur
    places = school.kansen_en_belemmeringen.plaatsing
    groups = school.externe_deskundigen.groepen
    latest = render.latest_school_year(school.aantallen)
    yield "contact", render.contact_details(school.school), build.contact(school.school, 3)
    yield "concepten", render.concept_checklist(school.onderwijsconcept.concepten), [
        build.concepts(school.onderwijsconcept.concepten)]
    yield "status", render.formal_status(school.status, LONG_AGO, latest), [build.formal_status(school.status, latest)]
    for name in ("gesprekkencyclus_intern", "gesprekkencyclus_ouders"):
        cycle = getattr(structure, name)
        yield name, render.conversation_cycle(cycle), build.conversation_cycle(cycle)
    yield "plaatsing", render.introduced_list(places.inleiding, places.punten), build.introduced_list(
        places.inleiding, places.punten)
    yield "zorgroute", render.care_route(structure, 3), build.care_route(structure, 3)
    yield "expertise", render.expertise_table(school.expertise, hidden), [build.expertise(school.expertise, hidden)]
    yield "sociale_veiligheid", render.roles_table(school.sociale_veiligheid, hidden), [
        build.roles(school.sociale_veiligheid, hidden)]
    yield "externe_deskundigen", render.role_groups(groups, hidden, 3), build.role_groups(groups, hidden, 3)
    statistics = []
    for table in school.aantallen.tabellen:
        note = build.missing_years_note(table)
        statistics += [Heading(3, table.titel), *([note] if note else []), build.statistics(table, threshold)]
    yield "aantallen", without_charts(render.statistics_tables(school.aantallen, threshold)), statistics
    for level in school.stappenplan.niveaus:
        yield level.anchor, render.level_table(level, school.stappenplan.kolommen), [
            build.plan_level(level, school.stappenplan.kolommen)]
    yield "begrippen", render.glossary_list(school.begrippen), [build.glossary(school.begrippen)]


@pytest.mark.parametrize("published", [False, True], ids=["alles", "instellingen"])
def test_site_and_schoolgids_say_the_same_per_section(school, published):
    options = publication_options(school) if published else {}
    hidden = hidden_set(options.get("hidden_names", ()))
    threshold = options.get("small_number_threshold")
    whole = profile_markdown(school, **options)
    for name, site, blocks in sections(school, hidden, threshold):
        section = write_markdown(blocks)
        # The schoolgids builds this section from the same nodes ...
        assert section.strip() in whole, name
        # ... and the site says the same words, in the same order.
        running_text = any(getattr(block, "running_text", False) for block in blocks)
        assert site_words(site, running_text) == markdown_words(section), name


KADER_SCHOOLS = sorted((Path(__file__).parent / "swv" / "kader-scholen").iterdir())


@pytest.mark.parametrize("folder", KADER_SCHOOLS, ids=lambda folder: folder.name)
@pytest.mark.parametrize("framed", [True, False], ids=["kader", "kader-onleesbaar"])
def test_answers_to_the_swv_frame_are_in_the_schoolgids_as_on_the_site(folder, framed):
    school = load_profile(folder / "data")
    data = school.basisondersteuning
    frame = school.kader if framed else None
    section = write_markdown(build.frame_answers(data, frame, 3))
    assert site_words(render.frame_answers(data, frame, 3), False) == markdown_words(section)
    if framed:
        # Before: the schoolgids left the school's answers to its samenwerkingsverband out.
        assert section.strip() in profile_markdown(school)
