"""The overview's two grids (issue 21, part 3) on generated schools.

Basisondersteuning: per standard of the SWV's frame, met at n of the m counted schools
that answered, which counted schools did not answer, and each school's status and
explanation. Expertise: per specialism, the schools that have it (by the frame's id,
or else from their own words), the counted schools and places without it. Schools
answer random parts of tests/swv/regio's frame, some in an older version; some are
expired or have '[vul in: …]' left, so they are shown, marked, and counted nowhere.
Every count is checked against the generated data, not against the code's own sums.
"""

from __future__ import annotations

import datetime
import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import SCHOOLS
from sop.swv import render
from sop.swv.gather import gather
from test_swv import REGIO, copy_school, edit_yaml, text, write_swv
from test_swv_kader_school import FRAME, FRAME_FILE, SPECIALISMS

DAY = datetime.date(2034, 8, 1)  # the fixture school's profile is current on this day
MET = set(FRAME["voldaan"])
DOMAINS = {domain["id"]: [standard["id"] for standard in domain["standaarden"]] for domain in FRAME["domeinen"]}
TEXTS = {standard["id"]: standard["tekst"] for domain in FRAME["domeinen"] for standard in domain["standaarden"]}
SPELLINGS = {item["id"]: item["schrijfwijzen"]
             for item in yaml.safe_load((REGIO / "specialismen.yml").read_text(encoding="utf-8"))["specialismen"]}
OLDER = "2020-2024"
# Markup, quotes and an entity: shown as text wherever a school's value lands in the grids.
HOSTILE = '<b>HX</b> & "q" \'a\' <img src=x onerror=alert(1)>'
PLACES = ["Testdorp", "Zandhoek", "Polderhaven"]
HOSTILE_PLACE = f"Dijk {HOSTILE}"  # school 01's alone: counted, it lacks some specialism
# Words in no specialism: 'Specialist' starts no spelling, nor do these.
OTHER_WORDS = ["Directeur", "Gymleraar", "Leerkracht groep 3", f"Muziek {HOSTILE}"]
NUMBER = 14


@dataclass
class Generated:
    name: str
    place: str
    frame: str | None  # the version it answers to; None: it names no frame
    expired: bool
    unfinished: bool
    answers: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # standard: (status, explanation)
    ids: set[str] = field(default_factory=set)  # specialism ids its staff carry
    words: dict[str, list[str]] = field(default_factory=dict)  # specialism: its own words that match, in order

    @property
    def counted(self) -> bool:
        return not self.expired and not self.unfinished

    @property
    def marks(self) -> list[str]:
        return ["verlopen"] * self.expired + ["niet af"] * self.unfinished


def _answers_yaml(school: Generated) -> str:
    """basisondersteuning.yml's 'kader', its strings written as JSON (which YAML reads as they are)."""
    lines = ["kader:", f"  bron: {FRAME_FILE}", f"  versie: '{school.frame}'", "  antwoorden:"]
    for standard, (status, explanation) in school.answers.items():
        lines += [f"    - standaard: {standard}", f"      status: {json.dumps(status, ensure_ascii=False)}"]
        if explanation:
            lines.append(f"      toelichting: {json.dumps(explanation, ensure_ascii=False)}")
    return "\n".join(lines if school.answers else lines[:3]) + "\n"


def _roster(school: Generated, rng: random.Random) -> list[dict]:
    """Staff with random frame ids (only where the school names a frame) and functions from the spellings."""
    people = []
    for number in range(rng.randint(1, 4)):
        functions = [rng.choice(OTHER_WORDS)]
        for specialism in rng.sample(list(SPELLINGS), rng.randint(0, 2)):
            word = rng.choice([rng.choice(SPELLINGS[specialism]).capitalize(),
                               f"Specialist {rng.choice(SPELLINGS[specialism])}"])
            functions.append(word)
            school.words.setdefault(specialism, [])
            if word not in school.words[specialism]:
                school.words[specialism].append(word)
        ids = rng.sample(SPECIALISMS, rng.randint(0, 2)) if school.frame else []
        school.ids.update(ids)
        people.append({"naam": f"Persoon {number}", "functie": functions, "specialismen": ids})
    return people


def _generate(rng: random.Random, number: int, total: int) -> Generated:
    frame = None if number == total - 1 else OLDER if number in (2, 7) else str(FRAME["versie"])
    school = Generated(
        name=f"School {number:02d}" + (f" {HOSTILE}" if number % 3 == 0 else ""),
        place=HOSTILE_PLACE if number == 1 else rng.choice(PLACES),
        frame=frame,
        expired=number % 5 == 4,
        unfinished=bool(frame) and number % 4 == 3,
    )
    if frame:
        chosen = rng.sample(list(TEXTS), rng.randint(0, len(TEXTS)))
        for standard in chosen:
            explanation = rng.choice([None, f"Zo doen wij {standard}.", f"Uitleg {HOSTILE}"])
            school.answers[standard] = (rng.choice(FRAME["statussen"]), explanation)
        if school.unfinished:
            open_one = rng.choice(list(TEXTS))
            school.answers[open_one] = ("[vul in: status]", None)
    return school


def generated_swv(tmp: Path, number: int = NUMBER, seed: int = 2103) -> tuple[list[Generated], Path]:
    """An SWV with tests/swv/regio's frame and `number` generated schools (the last names no frame)."""
    rng = random.Random(seed)
    generated, entries = [], []
    for index in range(number):
        school = _generate(rng, index, number)
        folder = copy_school(SCHOOLS["voorbeeldschool"], tmp / f"s{index}", naam=school.name,
                             plaats=school.place, brinnummer=f"{10 + index:02d}AB")
        if school.frame:
            with (folder / "basisondersteuning.yml").open("a", encoding="utf-8") as file:
                file.write(_answers_yaml(school))
        roster = _roster(school, rng)
        # The fixture's own staff stay (instellingen.yml withholds a name of theirs), but for
        # the one whose focus areas are specialisms; its contact person becomes the director.
        edit_yaml(folder / "expertise.yml", lambda data: data.update(
            medewerkers=[p for p in data["medewerkers"] if p["naam"] != "Tess Toets"] + roster))
        edit_yaml(folder / "in-het-kort.yml", lambda data: data["aanspreekpunten"][0].update(functie="Directeur"))
        if school.expired:
            edit_yaml(folder / "status.yml", lambda data: data.update(vernieuwen_voor=datetime.date(2031, 1, 1)))
        generated.append(school)
        entries.append({"id": f"s{index}", "naam": f"School {index}", "map": str(folder)})
    swv = write_swv(tmp / "swv", entries)
    shutil.copy(REGIO / "kader.yml", swv / "kader.yml")
    return generated, swv


@pytest.fixture(scope="module")
def grids(tmp_path_factory):
    """The generated schools, and both pages as the overview renders them."""
    tmp = tmp_path_factory.mktemp("grids")
    generated, swv = generated_swv(tmp)
    # The seed gives every case: counted and marked schools (both marks), older versions counted.
    assert {(s.expired, s.unfinished) for s in generated} >= {(False, False), (True, False), (False, True)}
    assert any(s.frame == OLDER and s.counted for s in generated)
    overview = gather(swv, tmp / "cache", DAY)
    assert not overview.missing, overview.missing
    made = render.pages(overview, DAY)
    raw = {page: made[page]() for page in ("basisondersteuning", "expertise", "toelichting_kader")}
    return generated, raw, {page: BeautifulSoup(html, "html.parser") for page, html in raw.items()}


def _answered(generated: list[Generated], standard: str) -> list[tuple[Generated, str]]:
    return [(school, school.answers[standard][0]) for school in generated
            if school.frame and standard in school.answers and "[vul in" not in school.answers[standard][0]]


def _schools(count: int) -> str:
    return "1 school" if count == 1 else f"{count} scholen"


def _listed(school: Generated) -> str:
    """A school's name as a page shows it: its marks after it."""
    return " ".join([school.name, *(f"({mark})" for mark in school.marks)])


@pytest.mark.parametrize("standard", TEXTS)
def test_each_standard_counts_the_counted_schools_that_meet_it(grids, standard):
    generated, _, pages = grids
    answered = [(school, status) for school, status in _answered(generated, standard) if school.counted]
    met = [school for school, status in answered if status in MET]
    card = pages["basisondersteuning"].find("details", id=f"standaard-{standard}")
    expected = (f"voldaan bij {len(met)} van {_schools(len(answered))} die antwoordden" if answered
                else "nog door geen school beantwoord")
    assert text(card.summary) == f"{TEXTS[standard]} ({expected})"
    # Per status of the frame's scale how many counted schools gave it.
    statuses = [status for _, status in answered]
    per_status = "; ".join(f"‘{status}’{' (voldaan)' if status in MET else ''}: {_schools(statuses.count(status))}"
                           for status in FRAME["statussen"] if status in statuses)
    body = text(card.div)
    assert (f"Van de scholen die meetellen: {per_status}." in body) == bool(answered)
    waiting = [school for school in generated if school.frame and school.counted
               and school not in [s for s, _ in answered]]
    assert (f"Nog geen antwoord van: {', '.join(s.name for s in waiting)}." in body) == bool(waiting)
    explained = any(school.answers[standard][1] for school, _ in _answered(generated, standard))
    links = [a["href"] for a in card.find_all("a")]
    assert links == ([f"../toelichting/#toelichting-{standard}"] if explained else [])


def _under_headings(markdown: str) -> dict[str, str]:
    """The HTML under each markdown heading of a macro's output, by the heading's anchor."""
    found, anchor = {}, None
    for line in markdown.split("\n"):
        if line.startswith("#"):
            anchor = line.rsplit("{ #", 1)[1].rstrip(" }")
            found[anchor] = ""
        elif anchor:
            found[anchor] += line
    return found


@pytest.mark.parametrize("standard", TEXTS)
def test_the_explanations_page_gives_each_schools_own_words_per_standard(grids, standard):
    generated, raw, _ = grids
    block = BeautifulSoup(_under_headings(raw["toelichting_kader"])[f"toelichting-{standard}"], "html.parser")
    expected = [f"{_listed(school)} (‘{status}’): {school.answers[standard][1]}"
                for school, status in _answered(generated, standard) if school.answers[standard][1]]
    assert [text(item) for item in block.find_all("li")] == expected
    assert (text(block) == "Geen enkele school geeft hier een toelichting.") == (not expected)


def test_the_grid_has_a_row_per_answering_school_a_column_per_standard_and_the_counts_on_top(grids):
    generated, _, pages = grids
    table = pages["basisondersteuning"].find("div", class_="swv-rooster").table
    groups, head, counts = table.thead.find_all("tr")
    assert [(text(cell), int(cell["colspan"])) for cell in groups.find_all("th")] == [
        (domain["titel"], len(domain["standaarden"])) for domain in FRAME["domeinen"]]
    assert [text(cell) for cell in head.find_all("th")] == ["School", *TEXTS.values()]
    assert [cell["data-f"] for cell in head.find_all("th")[1:]] == [d for d, ids in DOMAINS.items() for _ in ids]
    expected_counts = []
    for standard in TEXTS:
        answered = [(s, status) for s, status in _answered(generated, standard) if s.counted]
        expected_counts.append(f"{sum(status in MET for _, status in answered)} van {len(answered)}")
    assert [text(cell) for cell in counts.find_all("td")] == expected_counts
    rows = table.tbody.find_all("tr")
    answering = [school for school in generated if school.frame]
    assert len(rows) == len(answering)
    for school, row in zip(answering, rows):
        older = f" (antwoord op versie {OLDER} van het kader)" if school.frame == OLDER else ""
        assert text(row.th) == _listed(school) + older
        assert [text(cell) for cell in row.find_all("td")] == [
            school.answers[s][0] if s in school.answers and "[vul in" not in school.answers[s][0] else "geen antwoord"
            for s in TEXTS]


def test_a_school_naming_no_frame_is_listed_once_and_in_no_grid(grids):
    generated, _, pages = grids
    silent = [school for school in generated if not school.frame]
    page = pages["basisondersteuning"]
    note = f"Deze scholen antwoorden (nog) niet op het kader: {', '.join(_listed(s) for s in silent)}."
    assert note in text(page)
    for school in silent:
        assert all(school.name not in text(element) for element in page.select("[data-f]"))


def test_only_schools_naming_no_frame_are_compared_on_their_own_indicators(grids):
    generated, raw, _ = grids
    own = BeautifulSoup(raw["basisondersteuning"].split("{ #eigen-indicatoren }", 1)[1], "html.parser")
    named = {text(item).split(":")[0] for item in own.select("details[id^=indicator-] li")}
    assert named == {_listed(school) for school in generated if not school.frame}


def test_marked_schools_are_named_in_the_note_on_both_grids(grids):
    generated, _, pages = grids
    for name in ("basisondersteuning", "expertise"):
        note = text(pages[name].find(class_="swv-weggelaten"))
        for school in generated:
            assert (school.name in note) == (not school.counted), school.name


@pytest.mark.parametrize("specialism", SPECIALISMS)
def test_each_specialism_counts_the_counted_schools_that_have_it(grids, specialism):
    generated, _, pages = grids
    having = [school for school in generated if specialism in school.ids or specialism in school.words]
    counted = [school for school in generated if school.counted]
    section = pages["expertise"].find("div", attrs={"data-f": specialism})
    assert f"Bij {sum(s.counted for s in having)} van {_schools(len(counted))}." in text(section)

    def how(school: Generated) -> str:
        if specialism in school.ids:
            return "id van het kader"
        return "uit de woorden: " + "; ".join(f"‘{word}’" for word in school.words[specialism])

    without = [school for school in counted if school not in having]
    body = text(section)
    assert (f"Zonder dit specialisme: {', '.join(s.name for s in without)}." in body) == bool(without)
    places = sorted({s.place for s in counted} - {s.place for s in counted if s in having}, key=str.lower)
    assert (f"Plaatsen waar geen school het heeft: {', '.join(places)}." in body) == bool(places)
    # The table's column for this specialism: which schools have it, and how.
    table = pages["expertise"].find("table")
    column = SPECIALISMS.index(specialism) + 1
    cells = [text(row.find_all(["th", "td"])[column]) for row in table.tbody.find_all("tr")]
    assert cells == [how(s) if s in having else "nee" for s in generated]


def test_no_school_supplied_value_becomes_markup(grids):
    """Names, places, explanations and own words with markup stay text: no <b> or <img> comes from them."""
    generated, raw, pages = grids
    for name, page in pages.items():
        assert not page.find_all(["b", "img"]), name
        assert "<b>HX" not in raw[name] and "<img src=x" not in raw[name], name
        assert HOSTILE in text(page), name
    assert f"Uitleg {HOSTILE}" in text(pages["toelichting_kader"])
    assert f"Plaatsen waar geen school het heeft: {HOSTILE_PLACE}" in text(pages["expertise"])
