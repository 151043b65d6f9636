"""The fixture SWV with a frame (tests/swv/kader, issue 21 part 4), and make check on its schools.

Its schools (tests/swv/kader-scholen) answer the frame partially: two current and
finished, one expired, one unfinished (as make nieuwe-school KADER=… makes it) and
one on an older version of the frame; the three other fixture schools do not answer.
make check on each names exactly the standards it has not answered, by file and line.
"""

from __future__ import annotations

import datetime
import json
import random
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import PROJECT, TESTS, copy_project
from sop.site.check import main as check
from sop.data.kader import read_frame
from sop.data.profile import load_profile
from sop.data.starter import frame_block
from sop.swv.currency import EXPIRED, UNFINISHED, states
from sop.swv.gather import gather
from test_swv import built

KADER = TESTS / "swv" / "kader"
SCHOOLS_DIR = TESTS / "swv" / "kader-scholen"
# The day the fixture's dates are made for (SOP_VANDAAG).
DAY = "2027-03-01"
FRAME = yaml.safe_load((KADER / "kader.yml").read_text(encoding="utf-8"))
STANDARDS = {standard["id"]: domain["titel"] for domain in FRAME["domeinen"] for standard in domain["standaarden"]}
ENTRIES = yaml.safe_load((KADER / "scholen.yml").read_text(encoding="utf-8"))["scholen"]
# The fixture's own schools, answering the frame: id -> data folder.
ANSWERING = {entry["id"]: (KADER / entry["map"]).resolve() for entry in ENTRIES
             if (KADER / entry["map"]).resolve().is_relative_to(SCHOOLS_DIR)}
UNFINISHED_SCHOOL = "de-strandloper"


def answers(data: Path) -> dict:
    """basisondersteuning.yml's 'kader', as the school wrote it."""
    return yaml.safe_load((data / "basisondersteuning.yml").read_text(encoding="utf-8"))["kader"]


def line_of(data: Path, text: str, start: int = 0) -> int:
    """The 1-based line of the first line from `start` whose stripped text starts with `text`."""
    lines = (data / "basisondersteuning.yml").read_text(encoding="utf-8").splitlines()
    return next(number for number in range(start, len(lines)) if lines[number].strip().startswith(text)) + 1


def answer_line(data: Path, standard: str) -> int:
    """The line of the (first) answer's 'standaard: `standard`' in the school's 'kader' (its status follows)."""
    lines = (data / "basisondersteuning.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("kader:")
    return next(number for number in range(start, len(lines))
                if lines[number].split("#")[0].strip().removeprefix("- ") == f"standaard: {standard}") + 1


def as_project(tmp: Path, school_id: str) -> Path:
    """A project with the school as data/, placed as in the fixture so 'kader.bron' (a relative path) still leads
    to the frame: tmp/kader/ holds the SWV's files, tmp/kader-scholen/<id>/ is the project."""
    shutil.copytree(KADER, tmp / "kader")
    return copy_project(tmp / "kader-scholen" / school_id, ANSWERING[school_id])


def make_check(project: Path, capsys) -> tuple[int, list[str], str]:
    """make check's exit status, its 'Let op:' lines (without that prefix) and its errors."""
    status = check(project)
    out, err = capsys.readouterr()
    return status, [line.removeprefix("Let op: ") for line in out.splitlines() if line.startswith("Let op: ")], err


# --- What the fixture holds --------------------------------------------------------


@pytest.fixture(scope="module")
def overview(tmp_path_factory):
    return gather(KADER, tmp_path_factory.mktemp("cache"), datetime.date.fromisoformat(DAY), display_dir="kader")


def test_the_frame_is_large_enough_to_compare_on():
    assert len(FRAME["domeinen"]) >= 3 and len(STANDARDS) >= 12


def test_the_fixture_has_every_kind_of_answering_school(overview):
    day = datetime.date.fromisoformat(DAY)
    found = {school.entry.id: states(school, day) for school in overview.schools}
    assert len(found) == len(ENTRIES) and not overview.missing
    assert found[UNFINISHED_SCHOOL] == [UNFINISHED]
    expired = [school for school in ANSWERING if found[school] == [EXPIRED]]
    current = [school for school in ANSWERING if found[school] == []]
    older = [school for school in ANSWERING if str(answers(ANSWERING[school])["versie"]) != str(FRAME["versie"])]
    assert expired and older and set(older) <= set(current)
    # A current, finished school on this version answers partially: met, not met, unanswered, explained.
    partial = []
    for school in set(current) - set(older):
        given = answers(ANSWERING[school])["antwoorden"]
        statuses = {answer["status"] for answer in given}
        staff = load_profile(ANSWERING[school]).expertise.medewerkers
        if (statuses & set(FRAME["voldaan"]) and statuses - set(FRAME["voldaan"]) and len(given) < len(STANDARDS)
                and any(answer.get("toelichting") for answer in given)
                and any(person.specialismen for person in staff)):
            partial.append(school)
    assert partial
    # The other fixture schools are listed and answer nothing.
    others = [school for school in overview.schools if school.entry.id not in ANSWERING]
    assert len(others) == 3 and all(school.profile.basisondersteuning.kader is None for school in others)


def test_the_unfinished_school_is_what_make_nieuwe_school_makes_from_the_frame():
    data = ANSWERING[UNFINISHED_SCHOOL]
    source = answers(data)["bron"]
    block = frame_block(read_frame(source, data), source)
    assert block in (data / "basisondersteuning.yml").read_text(encoding="utf-8")


# --- make check on each school -------------------------------------------------------


@pytest.mark.parametrize("school", sorted(set(ANSWERING) - {UNFINISHED_SCHOOL}))
def test_make_check_names_exactly_the_unanswered_standards(school, tmp_path, capsys):
    project = as_project(tmp_path, school)
    data = project / "data"
    status, notices, errors = make_check(project, capsys)
    assert status == 0, errors
    reference = answers(data)
    start = line_of(data, "kader:") - 1
    at = line_of(data, "antwoorden:", start)
    left = set(STANDARDS) - {answer["standaard"] for answer in reference["antwoorden"]}
    assert left
    assert sorted(notice for notice in notices if "nog niet beantwoord" in notice) == sorted(
        f"data/basisondersteuning.yml:{at}:3: de standaard '{standard}' van het kader ({STANDARDS[standard]}) "
        "is nog niet beantwoord; zet bij 'antwoorden' waar de school staat" for standard in left)
    version = [notice for notice in notices if "van het kader, maar het kader is nu versie" in notice]
    if str(reference["versie"]) == str(FRAME["versie"]):
        assert version == []
    else:
        assert version == [
            f"data/basisondersteuning.yml:{line_of(data, 'versie:', start)}:3: dit profiel antwoordt op versie "
            f"{reference['versie']} van het kader, maar het kader is nu versie {FRAME['versie']}; kijk de antwoorden "
            f"na en zet dan 'versie: {FRAME['versie']}'"]


def test_make_check_names_every_placeholder_of_the_unfinished_school(tmp_path, capsys):
    project = as_project(tmp_path, UNFINISHED_SCHOOL)
    data = project / "data"
    status, notices, errors = make_check(project, capsys)
    assert status == 0, errors
    for standard in STANDARDS:
        line = answer_line(data, standard) + 1
        assert (f"data/basisondersteuning.yml:{line}:7: hier staat nog '[vul in: {', '.join(FRAME['statussen'])}]'; "
                "vul de gegevens van de school in") in notices, standard
    assert not [notice for notice in notices if "nog niet beantwoord" in notice or "versie" in notice]


# Words a made-up id is put together from, some of them parts of the frame's ids.
WORDS = ("op", "protocol", "dyslexie", "veiligheid", "beleid", "ib", "oud", "2021", "x", "ruimte", "eigen")


def _with_unknown_ids(data: Path, rng: random.Random) -> list[str]:
    """Puts answers to ids the frame does not have between the school's answers; returns those ids."""
    path = data / "basisondersteuning.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith("kader:"))
    places = [number for number in range(start, len(lines)) if lines[number].startswith("    - standaard:")]
    places.append(len(lines))
    wrong = []
    for place in sorted(rng.sample(places, rng.randint(1, len(places))), reverse=True):
        near = rng.choice(list(STANDARDS))
        standard = rng.choice([f"{near}-x", near[:-1], f"{near}-{rng.randint(2, 99)}", f"oud-{near}",
                               "-".join(rng.choices(WORDS, k=rng.randint(1, 4)))])
        if standard in STANDARDS or standard in wrong:
            continue
        wrong.append(standard)
        lines[place:place] = [f"    - standaard: {standard}", f"      status: {rng.choice(FRAME['statussen'])}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return wrong


@pytest.mark.parametrize("seed", range(6))
def test_make_check_names_every_id_the_frame_does_not_have_on_its_line(seed, tmp_path, capsys):
    rng = random.Random(seed)
    school = sorted(ANSWERING)[seed % len(ANSWERING)]
    project = as_project(tmp_path, school)
    data = project / "data"
    wrong = _with_unknown_ids(data, rng)
    status, _, errors = make_check(project, capsys)
    assert status == 1
    found = [line for line in errors.splitlines() if "staat niet in het kader" in line]
    assert sorted(found) == sorted(
        f"data/basisondersteuning.yml:{answer_line(data, standard)}:7: de standaard "
        f"'{standard}' staat niet in het kader (versie {FRAME['versie']}); controleer de id, of zet een eigen "
        "indicator van de school bij 'domeinen'" for standard in wrong)
    assert "Traceback" not in errors


# --- make swv on the fixture ----------------------------------------------------------


@pytest.fixture(scope="module")
def kader_build(tmp_path_factory):
    return built(KADER, tmp_path_factory.mktemp("kader-swv"), day=DAY)


def test_make_swv_builds_the_fixture_with_every_school(kader_build):
    assert f"{len(ENTRIES)} scholen, 0 ontbrekend" in kader_build.result.stderr
    index = kader_build.index()
    assert [school["id"] for school in index["scholen"]] == [entry["id"] for entry in ENTRIES]
    assert index["ontbrekend"] == []
    shown = kader_build.page_text("scholen")
    assert all(entry["naam"] in shown for entry in ENTRIES)


def test_the_fixtures_kader_json_validates_against_its_published_schema(kader_build):
    document = json.loads(kader_build.download("kader.json"))
    frame_schema = json.loads(kader_build.download("kader.schema.json"))
    Draft202012Validator.check_schema(frame_schema)
    assert list(Draft202012Validator(frame_schema).iter_errors(document)) == []
    assert document["versie"] == str(FRAME["versie"]) and document["domeinen"] == FRAME["domeinen"]



# --- make bench's row of schools answering a frame (sop/bench.py) ----------------------


def test_the_bench_rows_schools_each_answer_a_40_standard_frame(tmp_path):
    from sop import bench
    from sop.swv.config import load_config

    frame = bench.generated_frame()
    served = tmp_path / "gepubliceerd"
    served.mkdir()
    folder = bench.swv_fixture(PROJECT, tmp_path / "bench", 4, served, "http://127.0.0.1:9/", frame=frame)
    kader = load_config(folder).kader
    assert len(kader.domeinen) >= 4 and sum(len(domain.standaarden) for domain in kader.domeinen) == 40
    local = sorted((tmp_path / "bench" / "scholen").iterdir())
    published = sorted(served.rglob("sop.json"))
    assert len(local) == len(published) == 2
    for data in local:
        notices = []
        profile = load_profile(data, notices=notices)
        assert len(profile.basisondersteuning.kader.antwoorden) > 20
        assert any(person.specialismen for person in profile.expertise.medewerkers)
        assert not [notice for notice in notices if "niet nagekeken" in str(notice)]
    for document in published:
        assert json.loads(document.read_text(encoding="utf-8"))["basisondersteuning"]["kader"]["antwoorden"]
