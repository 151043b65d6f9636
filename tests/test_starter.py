"""`make nieuwe-school`: a new school starts from a complete, valid data/ that says what to fill in."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_site, copy_project

from sop.profile import DATA_FILES, load_profile
from sop.starter import write_starter


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("nieuw") / "data"
    write_starter(target)
    return target


def test_starter_has_every_data_file_with_its_schema_line(starter):
    for stem in DATA_FILES:
        first = (starter / f"{stem}.yml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=schema/{stem}.schema.json"
        assert (starter / "schema" / f"{stem}.schema.json").exists()
    assert (starter / "gepubliceerde-adressen.txt").read_text(encoding="utf-8").startswith("#")


def test_starter_validates_and_lists_every_text_still_to_fill_in(starter):
    notices = []
    load_profile(starter, notices=notices)
    placeholders = [n for n in notices if "[vul in" in n.message]
    lines = {}
    for notice in placeholders:
        path = starter / Path(notice.location.file).name
        lines.setdefault(path, path.read_text(encoding="utf-8").splitlines())
        # Each notice points at the line where the placeholder stands.
        assert "[vul in" in lines[path][notice.location.line - 1], notice
    written = sum(text.count("[vul in") for text in (p.read_text(encoding="utf-8") for p in starter.glob("*.yml")))
    assert len(placeholders) == written


def test_starter_builds_and_the_build_says_what_is_unfinished(starter, tmp_path):
    project = copy_project(tmp_path / "project", starter)
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    assert "Let op: data/school.yml:4:1: hier staat nog '[vul in: naam van de school]'" in result.stderr
    assert (project / "site" / "index.html").exists()


def test_starter_never_overwrites_existing_data(tmp_path):
    target = tmp_path / "data"
    target.mkdir()
    (target / "school.yml").write_text("naam: Bestaand\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_starter(target)
    assert (target / "school.yml").read_text(encoding="utf-8") == "naam: Bestaand\n"


def test_make_check_passes_the_starter_and_lists_what_is_unfinished(starter, tmp_path, capsys):
    from sop.check import main

    project = copy_project(tmp_path / "project", starter)
    assert main(project) == 0
    out = capsys.readouterr().out
    assert "Alle gegevens in data/ en de pagina's in docs/ zijn in orde." in out
    assert "Let op: data/school.yml:4:1: hier staat nog '[vul in: naam van de school]'" in out
