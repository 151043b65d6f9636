"""A file in data/ that the build would not read stops `make check` and `make build`,
named in a Dutch message: otherwise someone's work silently never reaches the site.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import SOURCE_DATA, copy_project

from sop.site.build import build
from sop.site.check import main as check
from sop.data.errors import DataErrors
from sop.data.profile import EXTRA_DIRS, EXTRA_FILES, load_profile


def messages(data_dir) -> list[str]:
    with pytest.raises(DataErrors) as raised:
        load_profile(data_dir)
    return [str(error) for error in raised.value.errors]


@pytest.fixture
def data_dir(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(SOURCE_DATA, target)
    return target


def test_a_yaml_spelling_gets_a_hint_to_rename_it(data_dir):
    (data_dir / "status.yml").rename(data_dir / "status.yaml")
    assert messages(data_dir) == [
        "data/status.yaml:1:1: de bouw leest dit bestand niet, want het eindigt op .yaml; hernoem het naar 'status.yml'",
        "data/status.yml:1:1: dit bestand ontbreekt in data/",
    ]


def test_a_yaml_copy_next_to_the_real_file(data_dir):
    shutil.copy(data_dir / "school.yml", data_dir / "school.yaml")
    assert messages(data_dir) == [
        "data/school.yaml:1:1: de bouw leest dit bestand niet, want het eindigt op .yaml; hij leest 'school.yml', "
        "en dat bestaat ook. Zet wat in dit bestand nieuw is in 'school.yml' en verwijder dit bestand (of verwijder "
        "'school.yml' en hernoem dit bestand naar 'school.yml')"
    ]


@pytest.mark.parametrize("name", ["kopie.yml", "expertise-oud.yml", "nieuw.yaml", "notities.txt", ".DS_Store",
                                  "school.yml.bak", "Expertise.yml"])
def test_an_unknown_file_is_named(data_dir, name):
    (data_dir / name).write_text("naam: iets\n", encoding="utf-8")
    found = messages(data_dir)
    assert len(found) == 1
    assert found[0].startswith(f"data/{name}:1:1: ")
    assert "gelezen" in found[0] or "leest" in found[0]


def test_a_close_name_gets_a_suggestion(data_dir):
    (data_dir / "expertse.yml").write_text("medewerkers: []\n", encoding="utf-8")
    assert "(bedoelt u 'expertise.yml'?)" in messages(data_dir)[0]


def test_a_broken_new_file_is_reported_not_parsed(data_dir):
    (data_dir / "nieuw.yml").write_text('naam: "niet gesloten\n\x00', encoding="utf-8")
    found = messages(data_dir)
    assert len(found) == 1 and found[0].startswith("data/nieuw.yml:1:1: onbekend bestand")


def test_unknown_folders_and_links_are_named(data_dir, tmp_path):
    (data_dir / "oud").mkdir()
    (data_dir / "link.yml").symlink_to(tmp_path)
    found = messages(data_dir)
    assert [message.split(": ", 1)[0] for message in found] == ["data/link.yml:1:1", "data/oud:1:1"]


def test_every_unknown_file_is_reported_with_the_other_errors(data_dir):
    (data_dir / "kopie.yml").write_text("x: 1\n", encoding="utf-8")
    (data_dir / "school.yaml").write_text("x: 1\n", encoding="utf-8")
    path = data_dir / "expertise.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("    functie: [ICT-er]\n", ""), encoding="utf-8")
    files = [message.split(":", 1)[0] for message in messages(data_dir)]
    assert files == ["data/expertise.yml", "data/kopie.yml", "data/school.yaml"]


def test_the_known_extra_files_and_folders_are_allowed(data_dir):
    for name in EXTRA_FILES:
        (data_dir / name).write_text("iets\n", encoding="utf-8")
    for name in EXTRA_DIRS:
        (data_dir / name).mkdir(exist_ok=True)
        (data_dir / name / "iets.json").write_text("{}", encoding="utf-8")
    assert load_profile(data_dir).school.naam


def test_make_check_stops_on_an_unknown_file(tmp_path, capsys):
    project = copy_project(tmp_path / "project", SOURCE_DATA)
    (project / "data" / "kopie.yml").write_text("x: 1\n", encoding="utf-8")
    assert check(project) == 1
    err = capsys.readouterr().err
    assert "data/kopie.yml:1:1: onbekend bestand" in err
    assert "Traceback" not in err


def test_make_build_stops_on_an_unknown_file_and_keeps_the_site(tmp_path, capsys):
    project = copy_project(tmp_path / "project", SOURCE_DATA)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("vorige versie", encoding="utf-8")
    (project / "data" / "school.yaml").write_text("x: 1\n", encoding="utf-8")
    assert build(project, project / "site") == 1
    assert "data/school.yaml:1:1: de bouw leest dit bestand niet, want het eindigt op .yaml" in capsys.readouterr().err
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "vorige versie"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
