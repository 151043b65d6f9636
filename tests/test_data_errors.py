"""Every mistake in tests/fouten/corpus.yml gives its exact Dutch message, and no site.

Each case changes a copy of tests/bron/data, not data/, so staff edits to data/
never shift the lines these messages point at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SOURCE_DATA, copy_project

from sop.site.build import build
from sop.data.errors import DataErrors
from sop.data.profile import load_profile

CORPUS = yaml.safe_load((Path(__file__).parent / "fouten" / "corpus.yml").read_text(encoding="utf-8"))


def break_data(case: dict, data_dir: Path) -> None:
    if "ook" in case:  # a mistake that needs a change in a second file too
        break_data(case["ook"], data_dir)
    path = data_dir / case["bestand"]
    if case.get("verwijder"):
        path.unlink()
        return
    text = case["inhoud"] if "inhoud" in case else path.read_text(encoding="utf-8")
    if "zoek" in case:
        assert case["zoek"] in text, f"{case['naam']}: 'zoek' staat niet in {case['bestand']}"
        text = text.replace(case["zoek"], case["vervang"], 1)
    path.write_bytes(text.encode(case.get("codering", "utf-8")))


def messages_for(case: dict, tmp_path: Path) -> list[str]:
    data_dir = tmp_path / "data"
    shutil.copytree(SOURCE_DATA, data_dir)
    break_data(case, data_dir)
    with pytest.raises(DataErrors) as raised:
        load_profile(data_dir)
    return [str(error) for error in raised.value.errors]


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("case", CORPUS, ids=[case["naam"] for case in CORPUS])
def test_each_mistake_gives_its_exact_message(case, tmp_path):
    assert messages_for(case, tmp_path) == case["meldingen"]


@pytest.mark.parametrize("case", CORPUS[:3], ids=[case["naam"] for case in CORPUS[:3]])
def test_a_broken_case_does_not_build_and_keeps_the_previous_site(case, tmp_path, capsys):
    project = copy_project(tmp_path / "project", SOURCE_DATA)
    previous = project / "site"
    previous.mkdir()
    (previous / "index.html").write_text("vorige versie", encoding="utf-8")
    break_data(case, project / "data")
    assert build(project, previous) == 1
    assert (previous / "index.html").read_text(encoding="utf-8") == "vorige versie"
    assert case["meldingen"][0] in capsys.readouterr().err


def test_github_actions_annotations(tmp_path, capsys, monkeypatch):
    case = CORPUS[0]
    project = copy_project(tmp_path / "project", SOURCE_DATA)
    break_data(case, project / "data")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    from sop.site.check import main

    assert main(project) == 1
    file, line, column, message = case["meldingen"][0].split(":", 3)
    expected = f"::error file={file},line={line},col={column}::{message.strip()}"
    assert expected in capsys.readouterr().out.splitlines()


def test_utf8_with_bom_is_fine(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(SOURCE_DATA, data_dir)
    path = data_dir / "expertise.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_profile(data_dir).expertise.medewerkers[0].naam == "Carolien Huizing"


def test_no_corpus_message_is_english_or_unlocated():
    # "technische melding" quotes PyYAML's English: every known mistake has a Dutch message.
    for case in CORPUS:
        for message in case["meldingen"]:
            assert "technische melding" not in message, case["naam"]
            file, line, column, text = message.split(":", 3)
            assert file.startswith("data/") and line.isdigit() and column.isdigit() and text.strip(), message
