"""The samenwerkingsverband's own frame (issue 21): kader.yml in its folder, checked
with located Dutch errors, and published by the overview as kader.json with a JSON Schema."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from sop.data.errors import DataErrors
from sop.swv.config import load_config
from test_swv import LATE, REGIO, Build, built, run_swv

FRAME = yaml.safe_load((REGIO / "kader.yml").read_text(encoding="utf-8"))
SPECIALISMS = yaml.safe_load((REGIO / "specialismen.yml").read_text(encoding="utf-8"))["specialismen"]


@pytest.fixture(scope="module")
def regio_frame(tmp_path_factory) -> Build:
    return built(REGIO, tmp_path_factory.mktemp("kader"), day=LATE)


def test_the_fixture_frame_is_large_enough_to_compare_on():
    assert len(FRAME["domeinen"]) >= 3
    assert sum(len(domain["standaarden"]) for domain in FRAME["domeinen"]) >= 12


def test_kader_json_validates_against_its_published_schema(regio_frame):
    document = json.loads(regio_frame.download("kader.json"))
    frame_schema = json.loads(regio_frame.download("kader.schema.json"))
    Draft202012Validator.check_schema(frame_schema)
    assert list(Draft202012Validator(frame_schema).iter_errors(document)) == []
    # The schema refuses what a school could not answer to.
    broken = {**document, "domeinen": [{**document["domeinen"][0], "standaarden": []}]}
    assert list(Draft202012Validator(frame_schema).iter_errors(broken))


def test_kader_json_holds_the_whole_frame_as_the_swv_wrote_it(regio_frame):
    document = json.loads(regio_frame.download("kader.json"))
    assert document["versie"] == str(FRAME["versie"])
    assert document["statussen"] == FRAME["statussen"] and document["voldaan"] == FRAME["voldaan"]
    assert document["domeinen"] == FRAME["domeinen"]
    assert document["specialismen"] == [
        {"id": item["id"], "naam": item["naam"], "uitleg": item.get("uitleg")} for item in SPECIALISMS]
    assert document["samenwerkingsverband"]["naam"] == "Samenwerkingsverband Kust en Polder PO"


def test_the_open_data_page_links_the_frame(regio_frame):
    links = {link["href"] for link in regio_frame.article("open-data").select(".sop-downloads a")}
    assert {"../open-data/kader.json", "../open-data/kader.schema.json"} <= links


# --- Mistakes in kader.yml, every one of a kind -------------------------------------


def _id_lines(text: str, indent: str) -> list[int]:
    """The 0-based line numbers of `indent- id: ...` lines."""
    return [number for number, line in enumerate(text.splitlines()) if line.startswith(f"{indent}- id: ")]


def _with_line(text: str, number: int, new: str) -> str:
    lines = text.splitlines()
    lines[number] = new
    return "\n".join(lines) + "\n"


def _errors(folder: Path) -> list[str]:
    with pytest.raises(DataErrors) as raised:
        load_config(folder, "regio")
    return [str(error) for error in raised.value.errors]


def _mistakes() -> dict[str, tuple[str, int, int, str]]:
    """name -> (kader.yml text, line, column, part of the message)."""
    text = (REGIO / "kader.yml").read_text(encoding="utf-8")
    lines = text.splitlines()
    standards, domains = _id_lines(text, "      "), _id_lines(text, "  ")
    mistakes = {}
    # Every standard given the id of the first one, in its own domain or another.
    first = re.sub(r".*- id: ", "", lines[standards[0]])
    for number in standards[1:]:
        mistakes[f"standaard-regel-{number + 1}"] = (
            _with_line(text, number, f"      - id: {first}"), number + 1, 9, f"id '{first}' komt twee keer voor")
    first = re.sub(r".*- id: ", "", lines[domains[0]])
    for number in domains[1:]:
        mistakes[f"domein-regel-{number + 1}"] = (
            _with_line(text, number, f"  - id: {first}"), number + 1, 5, f"id '{first}' komt twee keer voor")
    # Every status, written in 'voldaan' other than in 'statussen'.
    voldaan = next(number for number, line in enumerate(lines) if line.startswith("voldaan:"))
    for status in FRAME["statussen"]:
        for variant in (status.lower(), status.upper(), f"{status}.", status.replace(" ", "  ")):
            if variant != status:
                mistakes[f"voldaan-{variant}"] = (
                    _with_line(text, voldaan, f"voldaan: [{json.dumps(variant, ensure_ascii=False)}]"),
                    voldaan + 1, 11, f"'{variant}' staat niet bij 'statussen'")
    statussen = next(number for number, line in enumerate(lines) if line.startswith("statussen:"))
    for status in FRAME["statussen"]:
        doubled = [*FRAME["statussen"], status]
        mistakes[f"status-twee-keer-{status}"] = (
            _with_line(text, statussen, f"statussen: {json.dumps(doubled, ensure_ascii=False)}"),
            statussen + 1, None, f"status '{status}' komt twee keer voor")
    return mistakes


MISTAKES = _mistakes()


@pytest.mark.parametrize("name", MISTAKES)
def test_every_mistake_in_the_frame_is_a_located_dutch_error(name, tmp_path):
    text, line, column, says = MISTAKES[name]
    folder = Path(shutil.copytree(REGIO, tmp_path / "regio"))
    (folder / "kader.yml").write_text(text, encoding="utf-8")
    where = f"regio/kader.yml:{line}:" + (f"{column}: " if column else "")
    assert any(error.startswith(where) and says in error for error in _errors(folder)), _errors(folder)


@pytest.mark.parametrize("field", ["versie", "statussen", "voldaan", "domeinen"])
def test_a_frame_without_a_required_field_names_it(field, tmp_path):
    folder = Path(shutil.copytree(REGIO, tmp_path / "regio"))
    lines = (folder / "kader.yml").read_text(encoding="utf-8").splitlines()
    (folder / "kader.yml").write_text(
        "\n".join(line for line in lines if not line.startswith(f"{field}:")) + "\n", encoding="utf-8")
    if field == "domeinen":  # its indented lines would be left without their key
        (folder / "kader.yml").write_text(
            "\n".join(line for line in lines[:lines.index("domeinen:")]) + "\n", encoding="utf-8")
    assert any(error.startswith("regio/kader.yml:") and f"ontbreekt het veld '{field}'" in error
               for error in _errors(folder))


def test_a_broken_frame_builds_no_overview_and_says_where(tmp_path):
    folder = Path(shutil.copytree(REGIO, tmp_path / "regio"))
    text, line, column, says = next(iter(MISTAKES.values()))
    (folder / "kader.yml").write_text(text, encoding="utf-8")
    result = run_swv(folder, tmp_path / "site", tmp_path / "cache")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{folder.as_posix()}/kader.yml:{line}:{column}: " in result.stderr and says in result.stderr
    assert not (tmp_path / "site").exists()
