"""A school answers to its samenwerkingsverband's frame (issue 21, part 2).

basisondersteuning.yml names the frame (a path or the address of kader.json) and
the version it answers to. make check then names each standard not answered yet
and each id the frame does not have, by file and line; make nieuwe-school can
start from a frame; the school's site shows the frame's own text with the answer.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT, SCHOOLS, build_site, copy_project
from sop.data.errors import DataErrors
from sop.data.profile import load_profile
from test_starter import _make
from test_swv import REGIO, SchoolServer, as_json, unreachable_address

FRAME_FILE = REGIO / "kader.yml"
FRAME = yaml.safe_load(FRAME_FILE.read_text(encoding="utf-8"))
STANDARDS = {standard["id"]: (domain["titel"], standard["tekst"])
             for domain in FRAME["domeinen"] for standard in domain["standaarden"]}
SPECIALISMS = [item["id"] for item in yaml.safe_load((REGIO / "specialismen.yml").read_text(encoding="utf-8"))
               ["specialismen"]]
SCHOOL = SCHOOLS["voorbeeldschool"]


def answers_block(source: str, answers: dict[str, str], version: str = str(FRAME["versie"])) -> str:
    lines = ["kader:", f"  bron: {source}", f"  versie: '{version}'", "  antwoorden:"]
    for standard, status in answers.items():
        lines += [f"    - standaard: {standard}", f"      status: {status}",
                  f"      toelichting: Zo doen wij dat bij {standard}."]
    return "\n".join(lines) + "\n" if answers else "\n".join(lines[:3]) + "\n"


def answering(tmp: Path, answers: dict[str, str], source: str | None = None, **options) -> Path:
    """A copy of the fixture school that answers to tests/swv/regio's frame."""
    data = Path(shutil.copytree(SCHOOL, tmp / "data"))
    with (data / "basisondersteuning.yml").open("a", encoding="utf-8") as file:
        file.write(answers_block(source or str(FRAME_FILE), answers, **options))
    return data


def line_of(data: Path, text: str, after: str = "kader:") -> int:
    """The 1-based line of the first line starting with `text` (stripped) after `after`."""
    lines = (data / "basisondersteuning.yml").read_text(encoding="utf-8").splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith(after))
    return next(number for number in range(start, len(lines)) if lines[number].strip().startswith(text)) + 1


def notices(data: Path) -> list[str]:
    found = []
    load_profile(data, notices=found)
    return [str(notice) for notice in found]


def errors(data: Path) -> list[str]:
    with pytest.raises(DataErrors) as raised:
        load_profile(data)
    return [str(error) for error in raised.value.errors]


# Every standard, answered by no one, by all but itself, and with every status of the scale.
HALF = dict.fromkeys(list(STANDARDS)[::2], FRAME["statussen"][-1])


@pytest.mark.parametrize("left_out", STANDARDS)
def test_each_unanswered_standard_is_named_with_file_and_line(left_out, tmp_path):
    answers = {standard: FRAME["statussen"][0] for standard in STANDARDS if standard != left_out}
    data = answering(tmp_path, answers)
    found = [notice for notice in notices(data) if "nog niet beantwoord" in notice]
    domain = STANDARDS[left_out][0]
    assert found == [f"data/basisondersteuning.yml:{line_of(data, 'antwoorden:')}:3: de standaard '{left_out}' "
                     f"van het kader ({domain}) is nog niet beantwoord; zet bij 'antwoorden' waar de school staat"]


def test_a_partial_answer_names_exactly_the_standards_left(tmp_path):
    data = answering(tmp_path, HALF)
    named = [notice.split("'")[1] for notice in notices(data) if "nog niet beantwoord" in notice]
    assert sorted(named) == sorted(standard for standard in STANDARDS if standard not in HALF)


@pytest.mark.parametrize("standard", STANDARDS)
def test_an_id_the_frame_does_not_have_is_a_located_error(standard, tmp_path):
    wrong = f"{standard}-x"
    data = answering(tmp_path, {**HALF, wrong: FRAME["statussen"][0]})
    line = line_of(data, f"- standaard: {wrong}")
    assert errors(data) == [
        f"data/basisondersteuning.yml:{line}:7: de standaard '{wrong}' staat niet in het kader (versie "
        f"{FRAME['versie']}); controleer de id, of zet een eigen indicator van de school bij 'domeinen'"]


@pytest.mark.parametrize("status", FRAME["statussen"])
def test_a_status_off_the_frames_scale_is_a_located_error(status, tmp_path):
    for variant in {status.lower(), status.upper(), f"{status}!"} - {status}:
        data = answering(tmp_path / variant, {next(iter(STANDARDS)): f"'{variant}'"})
        line = line_of(data, "status:")
        assert errors(data) == [f"data/basisondersteuning.yml:{line}:7: '{variant}' is geen status van het "
                                f"kader; kies uit: {', '.join(FRAME['statussen'])}"]


@pytest.mark.parametrize("status", FRAME["statussen"])
def test_every_status_of_the_scale_is_accepted(status, tmp_path):
    data = answering(tmp_path, dict.fromkeys(STANDARDS, f"'{status}'"))
    assert not [notice for notice in notices(data) if "kader" in notice]


def test_a_standard_answered_twice_is_a_located_error(tmp_path):
    first = next(iter(STANDARDS))
    data = Path(shutil.copytree(SCHOOL, tmp_path / "data"))
    block = answers_block(str(FRAME_FILE), {first: "Geborgd"})
    block += "\n".join(block.splitlines()[4:]) + "\n"
    (data / "basisondersteuning.yml").write_text(
        (data / "basisondersteuning.yml").read_text(encoding="utf-8") + block, encoding="utf-8")
    lines = (data / "basisondersteuning.yml").read_text(encoding="utf-8").splitlines()
    second = [number for number, line in enumerate(lines, 1) if line.strip() == f"- standaard: {first}"][1]
    assert errors(data) == [f"data/basisondersteuning.yml:{second}:7: de standaard '{first}' is al beantwoord; "
                            "geef elke standaard één antwoord"]


def test_an_answer_to_an_older_frame_version_is_named(tmp_path):
    data = answering(tmp_path, HALF, version="2021-2025")
    line = line_of(data, "versie:")
    assert (f"data/basisondersteuning.yml:{line}:3: dit profiel antwoordt op versie 2021-2025 van het kader, maar "
            f"het kader is nu versie {FRAME['versie']}; kijk de antwoorden na en zet dan 'versie: {FRAME['versie']}'"
            ) in notices(data)


def _unread(data: Path) -> list[str]:
    return [notice for notice in notices(data) if "de antwoorden op het kader zijn niet nagekeken" in notice]


def test_a_frame_path_that_leads_nowhere_is_named_where_it_is_given(tmp_path):
    data = answering(tmp_path, HALF, source="../geen-kader.yml")
    assert _unread(data) == [
        f"data/basisondersteuning.yml:{line_of(data, 'bron:')}:3: het kader 'data/../geen-kader.yml' bestaat niet; "
        "geef het pad vanaf de map data/, of het webadres van kader.json; de antwoorden op het kader zijn niet nagekeken"]


def test_a_broken_frame_file_is_reported_where_it_is_broken(tmp_path):
    frame = tmp_path / "kader.yml"
    frame.write_text(FRAME_FILE.read_text(encoding="utf-8").replace("voldaan:", "voldan:"), encoding="utf-8")
    data = answering(tmp_path, HALF, source="../kader.yml")
    assert _unread(data) == [
        f"data/basisondersteuning.yml:{line_of(data, 'bron:')}:3: het kader 'data/../kader.yml' bevat fouten; de "
        "eerste is data/../kader.yml:2:1: ontbreekt het veld 'voldaan' (en nog 1); de antwoorden op het kader zijn "
        "niet nagekeken"]


# --- specialism ids in expertise.yml -----------------------------------------------


def _with_specialisms(data: Path, ids: list[str]) -> int:
    """Gives the first staff member these specialism ids; returns the line of the list."""
    path = data / "expertise.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(number for number, line in enumerate(lines) if line.strip().startswith("functie:"))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines.insert(at + 1, f"{indent}specialismen: [{', '.join(ids)}]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 2


def test_every_specialism_of_the_frame_may_be_given(tmp_path):
    data = answering(tmp_path, HALF)
    _with_specialisms(data, SPECIALISMS)
    assert load_profile(data).expertise.medewerkers[0].specialismen == SPECIALISMS


@pytest.mark.parametrize("specialism", SPECIALISMS)
def test_a_specialism_the_frame_does_not_have_is_a_located_error(specialism, tmp_path):
    data = answering(tmp_path, HALF)
    line = _with_specialisms(data, [f"{specialism}-x"])
    found = errors(data)
    assert len(found) == 1 and found[0].startswith(f"data/expertise.yml:{line}:") and \
        f"het specialisme '{specialism}-x' staat niet in het kader; kies uit: {', '.join(SPECIALISMS)}" in found[0]


def test_specialism_ids_without_a_frame_say_where_they_come_from(tmp_path):
    data = Path(shutil.copytree(SCHOOL, tmp_path / "data"))
    line = _with_specialisms(data, [SPECIALISMS[0]])
    found = errors(data)
    assert len(found) == 1 and found[0].startswith(f"data/expertise.yml:{line}:") and \
        "noem dat kader eerst bij 'kader' in basisondersteuning.yml" in found[0]


# --- the frame by address ------------------------------------------------------------


@pytest.fixture(scope="module")
def frame_server(tmp_path_factory):
    from sop.swv.config import load_config
    from sop.swv.opendata import frame_document

    server = SchoolServer()
    document = frame_document(load_config(REGIO, "regio"))
    yield server, server.serve("/open-data/kader.json", as_json(document))
    server.close()


def test_a_frame_by_address_is_checked_like_a_local_one(frame_server, tmp_path):
    _, address = frame_server
    data = answering(tmp_path, HALF, source=address)
    named = [notice.split("'")[1] for notice in notices(data) if "nog niet beantwoord" in notice]
    assert sorted(named) == sorted(standard for standard in STANDARDS if standard not in HALF)
    line = _with_specialisms(data, ["onbekend"])
    assert [error for error in errors(data) if error.startswith(f"data/expertise.yml:{line}:")]


def test_an_address_that_gives_no_frame_is_a_notice_not_an_error(frame_server, tmp_path):
    server, _ = frame_server
    for name, address in {"geen-json": server.serve("/geen.json", b"<html>"),
                          "onbereikbaar": unreachable_address()}.items():
        data = answering(tmp_path / name, HALF, source=address)
        found = _unread(data)
        assert len(found) == 1 and found[0].startswith(f"data/basisondersteuning.yml:{line_of(data, 'bron:')}:3: ")
        assert "<html>" not in found[0]


# --- make nieuwe-school from a frame ---------------------------------------------------


@pytest.mark.skipif(shutil.which("make") is None, reason="make ontbreekt")
def test_a_new_school_from_a_frame_lists_every_standard_to_fill_in(tmp_path):
    target = tmp_path / "nieuw" / "data"
    result = _make(PROJECT, "nieuwe-school", f"MAP={target}", f"KADER={FRAME_FILE}")
    assert result.returncode == 0, result.stderr
    found = notices(target)
    text = (target / "basisondersteuning.yml").read_text(encoding="utf-8")
    for standard in STANDARDS:
        line = line_of(target, f"standaard: {standard}")
        assert (f"data/basisondersteuning.yml:{line + 1}:7: hier staat nog '[vul in: "
                f"{', '.join(FRAME['statussen'])}]'; vul de gegevens van de school in") in found, standard
    assert not [notice for notice in found if "nog niet beantwoord" in notice or "versie" in notice]
    # The frame's text is shown from the frame, not copied: here it is only a note for staff,
    # in the data (a comment would be lost when the form editor saves the file).
    answers = yaml.safe_load(text)["kader"]["antwoorden"]
    assert all(answer.keys() == {"notities", "standaard", "status"} for answer in answers)
    assert not [line for line in text.splitlines()[1:] if line.lstrip().startswith("#")]


def test_a_new_school_from_a_frame_that_is_not_there_writes_nothing(tmp_path):
    target = tmp_path / "nieuw" / "data"
    result = subprocess.run([sys.executable, "-m", "sop.data.starter", str(target), str(tmp_path / "geen.yml")],
                            cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"Niets geschreven: het kader '{tmp_path / 'geen.yml'}' bestaat niet")
    assert not target.exists()


# --- the school's site -------------------------------------------------------------------


def test_the_site_shows_the_frames_text_with_the_schools_answer(tmp_path):
    data = answering(tmp_path, HALF)
    # The school's own domain and indicator named like the frame's: each keeps its own anchor.
    own = (data / "basisondersteuning.yml").read_text(encoding="utf-8")
    own = own.replace("  - id: veiligheid\n", "  - id: domein\n", 1).replace("id: pestprotocol\n", "id: kader\n", 1)
    (data / "basisondersteuning.yml").write_text(own, encoding="utf-8")
    project = copy_project(tmp_path / "project", data)
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    for page in ("basisondersteuning", "volledig-profiel"):
        html = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        anchors = [element["id"] for element in html.select("[id]")]
        assert len(anchors) == len(set(anchors)), page
        for standard, (domain, text) in STANDARDS.items():
            block = html.find(id=f"swv--{standard}").find_parent("section")
            shown = " ".join(block.get_text(" ").split())
            assert shown.startswith(text), (page, standard)
            if standard in HALF:
                assert f"Stand: {HALF[standard]}" in shown and f"Zo doen wij dat bij {standard}." in shown
                assert block.select_one('[aria-current="true"]').get_text(strip=True) == HALF[standard]
            else:
                assert "Stand: nog niet beantwoord" in shown


def test_without_a_readable_frame_the_site_still_shows_every_answer(tmp_path):
    from sop.writers import render

    data = answering(tmp_path, HALF, source="../geen-kader.yml")
    profile = load_profile(data)
    shown = " ".join(BeautifulSoup(render.frame_answers(profile.basisondersteuning, profile.kader), "html.parser")
                     .get_text(" ").split())
    assert "dat kader kon bij het maken van deze site niet worden gelezen" in shown
    for standard, status in HALF.items():
        assert f"{standard}: {status}" in shown
