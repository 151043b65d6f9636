"""Which profiles the SWV overview counts, and what a reader can rely on (issue 21, part 3).

Generated schools (seeded) are served as sop.json, each expired or not, unfinished
('[vul in: …]' left) or not, with uitstroom tables whose counts are exact, unreported
or masked ('< 5'). The same schools are built once for each 'ook_meetellen' of
samenwerkingsverband.yml. The tests read what a coordinator reads: the pages, the
build's messages and the downloads.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

import pytest
from test_swv import (  # noqa: F401 (server: a fixture)
    PAGES, SCHOOLS, SOON, Build, as_json, built, copy_school, edit_yaml, published, read_like_excel, section, server,
    table, tables, text, write_swv,
)

SEED = 2034
DAY = "1 augustus 2034"  # SOON, as the pages write it
YEARS = ("2021/2022", "2022/2023", "2023/2024", "2024/2025")
SBO, SO = "Speciaal basisonderwijs (SBO)", "Speciaal onderwijs (SO)"
# No name is the start of another: each occurrence on a page is one school.
NAMES = ("BS Appelgaard", "BS Berkenhof", "BS Cederlaan", "BS Duinroos", "BS Eikenrode", "BS Fluitekruid",
         "BS Goudsbloem", "BS Hazelaar")
MARK = {(False, False): "", (True, False): " (verlopen)", (False, True): " (niet af)",
        (True, True): " (verlopen) (niet af)"}
REASON = {"verlopen": "het profiel is verlopen", "niet af": "in het profiel staat nog ‘[vul in: …]’"}
VARIANTS = {"geen": [], "verlopen": ["verlopen"], "niet-af": ["niet af"], "allebei": ["verlopen", "niet af"]}
# Pages that list schools with counts, and the pages the marks are checked on.
COUNTED_PAGES = ("", "expertise", "basisondersteuning", "uitstroom")
LISTING_PAGES = ("scholen", "expertise", "basisondersteuning", "uitstroom-per-school")
DUPLICATE = "12AB"  # published by the first two schools; the third has '12AB01', one of its locations


@dataclass(frozen=True)
class Generated:
    id: str
    name: str
    expired: bool
    unfinished: bool
    brin: str
    location: bool  # a location with its own BRIN number and a name that starts like a formula
    # Per category, per school year: an int, None (not reported) or '< 5' (masked).
    counts: dict[str, list]

    @property
    def states(self) -> list[str]:
        return [state for state, on in (("verlopen", self.expired), ("niet af", self.unfinished)) if on]

    def counts_in(self, included: list[str]) -> bool:
        return set(self.states) <= set(included)


def generate() -> list[Generated]:
    rng = random.Random(SEED)
    # Every combination of expired and unfinished at least once, then chance.
    states = [(False, False), (True, False), (False, True), (True, True)]
    states += [(rng.random() < 0.4, rng.random() < 0.4) for _ in NAMES[len(states):]]
    rng.shuffle(states)
    schools = []
    for number, (name, (expired, unfinished)) in enumerate(zip(NAMES, states)):
        brin = DUPLICATE if number < 2 else f"{10 + number}CD"
        counts = {category: [rng.choice([0, 2, 7, None, "< 5"]) for _ in YEARS] for category in ("SBO", "SO")}
        schools.append(Generated(f"school-{number}", name, expired, unfinished, brin, number == 2, counts))
    # The first year: nothing reported anywhere; the second: only zeros; the third: every count masked.
    for school in schools:
        for values in school.counts.values():
            values[0], values[1], values[2] = None, rng.choice([0, None]), "< 5"
    return schools


SCHOOLS_GENERATED = generate()


def document(school: Generated) -> dict:
    """The school's sop.json, from De Proefboom's (vernieuwen vóór 1 oktober 2034, so current on SOON)."""
    data = published(SCHOOLS["voorbeeldschool"])
    data["school"].update(naam=school.name, brinnummer=school.brin, telefoon="+31 20 1234567",
                          email=f"info@{school.id}.example", website=f"https://{school.id}.example/")
    if school.location:
        data["school"]["vestigingen"] = [{"naam": "=Locatie Oost", "straat_en_huisnummer": "Oostweg 1",
                                          "postcode": "1234 AB", "plaats": "Oostdorp", "brinnummer": "12AB01",
                                          "telefoon": "020-7654321"}]
    if school.expired:
        data["status"].update(vastgesteld_op="2026-10-01", vernieuwen_voor="2030-10-01")
    if school.unfinished:
        data["expertise"]["medewerkers"][1]["focusgebied"].append("[vul in: specialisme]")
    data["aantallen"] = tables([table("uitstroom", {"SBO": [0] * len(YEARS), "SO": [0] * len(YEARS)},
                                      years=YEARS)])
    for row in data["aantallen"]["tabellen"][0]["groepen"][0]["rijen"]:
        row["aantallen"] = dict(zip(YEARS, school.counts[row["categorie"]]))
    return data


@pytest.fixture(scope="module", params=list(VARIANTS))
def overview(request, tmp_path_factory, server) -> tuple[Build, list[str]]:
    """The generated schools, built with one 'ook_meetellen'."""
    included = VARIANTS[request.param]
    tmp = tmp_path_factory.mktemp(f"meetellen-{request.param}")
    entries = [{"id": school.id, "naam": school.name,
                "sop_json": server.serve(f"/{request.param}/{school.id}/open-data/sop.json",
                                         as_json(document(school)))}
               for school in SCHOOLS_GENERATED]
    folder = write_swv(tmp / "swv", entries)
    edit_yaml(folder / "samenwerkingsverband.yml", lambda data: data.update(ook_meetellen=included))
    return built(folder, tmp, day=SOON), included


def counted(included: list[str]) -> list[Generated]:
    return [school for school in SCHOOLS_GENERATED if school.counts_in(included)]


def schools(count: int) -> str:
    return "1 school" if count == 1 else f"{count} scholen"


def readable(build: Build, page: str, leave_out: str = ".swv-weggelaten, .swv-dubbel, .sop-verborgen") -> str:
    """The page's text without the notes that name schools their own way and the link texts for screen readers."""
    article = build.article(page)
    for element in article.select(leave_out):
        element.decompose()
    return " ".join(article.get_text(" ").split()).replace(" )", ")").replace(" :", ":").replace(" ,", ",")


# --- marked everywhere, left out of the counts --------------------------------


def test_every_school_carries_its_marks_wherever_it_appears(overview):
    build, _ = overview
    for page in LISTING_PAGES:
        shown = readable(build, page)
        for school in SCHOOLS_GENERATED:
            places = [match.end() for match in re.finditer(re.escape(school.name), shown)]
            assert places, (page, school.name)
            mark = MARK[school.expired, school.unfinished]
            for end in places:
                after = shown[end:]
                assert after.startswith(mark), (page, school.name, after[:40])
                assert not re.match(r" \((verlopen|niet af)", after[len(mark):]), (page, school.name, after[:40])


def test_unfinished_profiles_show_their_placeholder_as_unsorted_with_the_mark(overview):
    build, _ = overview
    line = next(item for item in build.items("expertise", "niet-ingedeeld") if item.startswith("‘[vul in"))
    assert line == "‘[vul in: specialisme]’: " + ", ".join(
        school.name + MARK[school.expired, True] for school in SCHOOLS_GENERATED if school.unfinished)


def test_each_page_with_counts_names_who_is_left_out_and_why(overview):
    build, included = overview
    left_out = [school for school in SCHOOLS_GENERATED if not school.counts_in(included)]
    for page in COUNTED_PAGES:
        notes = build.article(page).select(".swv-weggelaten")
        if not left_out:
            assert not notes, page
            continue
        assert len(notes) == 1, page
        note = text(notes[0])
        assert note.startswith("Niet meegeteld in de aantallen op deze pagina (ze staan er wel bij, gemarkeerd). ")
        assert notes[0].has_attr("data-search-exclude"), page
        # Grouped by reason: each school after each of its reasons, and only there.
        for state, reason in REASON.items():
            group = note.split(f"{reason[0].upper()}{reason[1:]}: ", 1)[1].split(".", 1)[0].split(", ") \
                if any(state in school.states for school in left_out) else []
            assert sorted(group) == sorted(school.name for school in left_out if state in school.states), (page, note)
        for school in counted(included):
            assert school.name not in note, (page, note)
    summary = build.list_items("")
    told = f"In de aantallen van dit overzicht tellen {schools(len(counted(included)))} mee."
    assert (told in summary) == bool(left_out)


def test_expertise_counts_only_the_counted_schools(overview):
    build, included = overview
    # Every generated school names 'Rekenen' (De Proefboom's team).
    sentence = text(section(build.article("expertise"), "rekenen")[0])
    count = len(counted(included))
    assert sentence.startswith(f"Bij {count} van {schools(count)}." if count else "Geen enkele school telt mee."), sentence
    # Shown for every school, marked or not: the grid's column.
    table = build.article("expertise").find("div", class_="swv-rooster").table
    column = [th.get("data-f") for th in table.thead.find_all("th")].index("rekenen")
    rows = table.tbody.find_all("tr")
    assert len(rows) == len(SCHOOLS_GENERATED)
    assert all(text(row.find_all(["th", "td"])[column]) != "nee" for row in rows)


def test_basic_support_counts_only_the_counted_schools(overview):
    build, included = overview
    count = len(counted(included))
    for indicator, secured in (("pestprotocol", count), ("gedragsregels", 0)):
        details = build.article("basisondersteuning").find("details", id=f"indicator-{indicator}")
        expected = (f"(geborgd bij {secured} van {schools(count)})" if count
                    else "(een status alleen bij scholen die niet meetellen)")
        assert text(details.select_one(".swv-telling")) == expected
        assert len(details.select("li")) == len(SCHOOLS_GENERATED)
    few = [a["href"] for element in section(build.article("basisondersteuning"), "weinig-geborgd")
           for a in element.select("li a")]
    assert ("#indicator-gedragsregels" in few) == bool(count)


def expected_total(values: list) -> str:
    """A total over these counts as a reader must see it: exact, '≥ least', or 'niet bekend'."""
    least = sum(1 if value == "< 5" else value for value in values if value is not None)
    if values and all(isinstance(value, int) for value in values):
        return str(least)
    return f"≥ {least}" if least else "niet bekend"


def test_totals_are_made_over_the_counted_schools_and_never_say_at_least_0(overview):
    build, included = overview
    over = counted(included)
    rows = build.rows("uitstroom", "tabel-uitstroom-sbo-so")
    assert rows[0] == ["Leerlingen naar", *YEARS]
    for row, key in zip(rows[1:], ("SBO", "SO")):
        expected = [expected_total([school.counts[key][year] for school in over]) for year in range(len(YEARS))]
        assert row[1:] == expected, row[0]
    assert rows[1][1] == "niet bekend"  # nothing reported
    assert rows[1][2] in ("0", "niet bekend")  # only zeros and unreported counts
    if over:
        assert rows[1][3] == f"≥ {len(over)}"  # every part '< 5': at least 1 each
    per_school = [row[0] for row in build.rows("uitstroom-per-school", "tabel-uitstroom-sbo-so-per-school")[1:] if len(row) == 1]
    assert per_school == [school.name + MARK[school.expired, school.unfinished] for school in SCHOOLS_GENERATED]
    sentence = text(section(build.article("uitstroom"), "uitstroom-sbo-so")[0])
    left_out = len(SCHOOLS_GENERATED) - len(over)
    assert sentence.startswith(f"Opgeteld over {schools(len(over))}"
                               + (f" (niet meegeteld: {schools(left_out)}, gemarkeerd" if left_out else "."))
    csv_total = read_like_excel(build.download("uitstroom-sbo-so.csv"))
    assert [row[2:] for row in csv_total[1:]] == [[cell.replace("niet bekend", "") for cell in row[1:]]
                                                  for row in rows[1:]]
    for path in build.site_dir.rglob("*"):
        if path.suffix in (".html", ".csv", ".json"):
            assert "≥ 0" not in path.read_text(encoding="utf-8-sig"), path


def test_the_open_data_tells_each_schools_state(overview):
    build, included = overview
    index = build.index()
    assert index["stand_van"] == SOON and index["ook_meetellen"] == included
    by_id = {item["id"]: item for item in index["scholen"]}
    sheet = read_like_excel(build.download("scholen.csv"))
    columns = sheet[0]
    rows = {row[0]: dict(zip(columns, row)) for row in sheet[1:]}
    for school in SCHOOLS_GENERATED:
        assert by_id[school.id]["staat"] == school.states
        assert by_id[school.id]["meegeteld"] == school.counts_in(included)
        assert rows[school.id]["Staat van het profiel"] == "; ".join(school.states)
        assert rows[school.id]["Meegeteld"] == ("ja" if school.counts_in(included) else "nee")
    for name in ("expertise.csv", "basisondersteuning.csv"):
        sheet = read_like_excel(build.download(name))
        at = sheet[0].index("Staat van het profiel")
        for row in sheet[1:]:
            school = next(school for school in SCHOOLS_GENERATED if school.name == row[sheet[0].index("School")])
            assert row[at:at + 2] == ["; ".join(school.states), "ja" if school.counts_in(included) else "nee"]


# --- reference date, duplicate BRIN, contact details ----------------------------


def test_every_page_says_the_day_it_holds_for(overview):
    build, _ = overview
    for page in PAGES:
        footer = build.site.page(page).select_one(".sop-paginavoet")
        assert footer is not None and f"Stand van {DAY}" in text(footer), page


def test_a_brin_number_published_twice_is_reported_and_both_schools_stay(overview):
    build, _ = overview
    first, second = SCHOOLS_GENERATED[:2]
    assert (f"Let op: {first.name} ({first.id}) en {second.name} ({second.id}) hebben hetzelfde BRIN-nummer "
            f"{DUPLICATE}; staat dezelfde school twee keer in scholen.yml?") in build.result.stderr
    # A school and a location of another ('12AB' and '12AB01') are no duplicate.
    assert build.result.stderr.count("hetzelfde BRIN-nummer") == 1
    for page in ("", "scholen"):
        notes = build.article(page).select(".swv-dubbel")
        assert len(notes) == 1, page
        assert (f"BRIN-nummer {DUPLICATE}: {first.name} ({first.id}) en {second.name} ({second.id})"
                in text(notes[0])), page
    listed = [row["id"] for row in build.article("scholen").select("tbody tr")]
    assert f"school-{first.id}" in listed and f"school-{second.id}" in listed


def test_the_school_list_csv_carries_the_published_contact_details(overview):
    build, _ = overview
    sheet = read_like_excel(build.download("scholen.csv"))
    columns = sheet[0]
    assert columns == ["id", "School", "Plaats", "BRIN", "Vastgesteld op", "Vernieuwen vóór", "Staat van het profiel",
                       "Meegeteld", "Adres", "Postcode", "Telefoon", "E-mail", "Website", "Vestigingen", "Profiel",
                       "PDF"]
    rows = {row[0]: dict(zip(columns, row)) for row in sheet[1:]}
    for school in SCHOOLS_GENERATED:
        published_school = document(school)["school"]
        row = rows[school.id]
        assert row["Adres"] == published_school["straat_en_huisnummer"]
        assert row["Postcode"] == published_school["postcode"]
        # A leading '+' would be a formula in Excel: the apostrophe keeps it text.
        assert row["Telefoon"] == "'" + published_school["telefoon"]
        assert row["E-mail"] == published_school["email"] and row["Website"] == published_school["website"]
        locations = published_school["vestigingen"]
        assert row["Vestigingen"] == (
            "'=Locatie Oost, Oostweg 1, 1234 AB Oostdorp, BRIN 12AB01, telefoon 020-7654321" if locations else "")
    for row in sheet:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@"), cell


# --- counted in Dutch -----------------------------------------------------------


@pytest.fixture(scope="module")
def one_school(tmp_path_factory) -> Build:
    tmp = tmp_path_factory.mktemp("een-school")
    data = copy_school(SCHOOLS["voorbeeldschool"], tmp / "alleen", naam="BS Alleen")
    return built(write_swv(tmp / "swv", [{"id": "alleen", "naam": "BS Alleen", "map": str(data)}]), tmp)


def test_one_school_is_one_school_everywhere(one_school, overview):
    assert re.search(r"Overzicht gebouwd in .*: 1 school, 0 ontbrekend\.", one_school.result.stderr)
    assert "Alle scholen staan in dit overzicht: 1 school." in one_school.list_items("")
    assert text(section(one_school.article("expertise"), "rekenen")[0]).startswith("Bij 1 van 1 school.")
    assert "(geborgd bij 1 van 1 school)" in one_school.page_text("basisondersteuning")
    assert "Opgeteld over 1 school." in one_school.page_text("uitstroom")
    build, _ = overview
    for each in (one_school, build):
        for page in PAGES:
            shown = each.page_text(page)
            assert not re.search(r"(?<![\d,])1 scholen|\b[02-9] school\b|\d{2,} school\b", shown), (page, shown)

