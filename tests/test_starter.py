"""`make nieuwe-school`: a new school starts from a complete, valid data/ that says what to fill in."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT, build_site, copy_project, run_make

from sop.data.profile import DATA_FILES, load_profile
from sop.data.starter import main, write_starter


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
    from sop.site.check import main

    project = copy_project(tmp_path / "project", starter)
    assert main(project) == 0
    out = capsys.readouterr().out
    assert "Alle gegevens in data/ en de pagina's in docs/ zijn in orde." in out
    assert "Let op: data/school.yml:4:1: hier staat nog '[vul in: naam van de school]'" in out


# --- make nieuwe-school MAP=...: the folder typed, or a Dutch reason --------------------

# Characters a shell or make would act on, and spaces: in a folder name after MAP=,
# each at the start, in the middle or at the end.
SPECIAL = " '\"$`\\;&|<>()*?[]{}!#%=~^,:@+-"
FOLDER_NAMES = [
    (f"{c}school", f"mijn{c}school", f"school{c}")[i % 3] for i, c in enumerate(SPECIAL)
] + ["mijn data", "it's $HOME", "$(shell echo x)", "a$$b", "nieuwe  school", "x'; touch gehackt; '"]


def _make(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    """`make ARGUMENTS` in `project`, with the installed .venv (not reinstalled)."""
    return run_make(project, *arguments)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("maken")
    for name in ("Makefile", "requirements.txt"):
        shutil.copy(PROJECT / name, project / name)
    for name in (".venv", "sop"):
        (project / name).symlink_to(PROJECT / name)
    (project / "README.md").write_text("# Lees mij\n", encoding="utf-8")
    return project


def _listing(folder: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
            for p in folder.rglob("*") if p.parts[len(folder.parts)] not in (".venv", "sop")}


@pytest.mark.skipif(shutil.which("make") is None, reason="make ontbreekt")
def test_make_writes_the_starter_into_exactly_the_folder_typed(project):
    wrong = []
    for name in FOLDER_NAMES:
        before = set(os.listdir(project))
        result = _make(project, "nieuwe-school", f"MAP={name}")
        added = set(os.listdir(project)) - before
        expected = name.strip()  # spaces around a name are dropped
        if result.returncode != 0 or added != {expected} or not (project / expected / "school.yml").is_file():
            wrong.append((name, sorted(added), result.stderr[-300:]))
        assert "Een lege school staat klaar in" in result.stdout or wrong
    assert wrong == []


REFUSED = {
    "een bestand": ("README.md", "README.md is een bestand, geen map"),
    "een map in een bestand": ("README.md/data", "README.md is een bestand, geen map"),
    "dieper in een bestand": ("README.md/a b/c", "README.md is een bestand, geen map"),
    "een map die niet leeg is": ("bestaand", "bestaand/ bestaat al en is niet leeg (school.yml)"),
    "een map met alleen een verborgen bestand": ("verborgen", "verborgen/ bestaat al en is niet leeg (.gitkeep)"),
}


@pytest.mark.skipif(shutil.which("make") is None, reason="make ontbreekt")
@pytest.mark.parametrize("case", REFUSED)
def test_make_refuses_a_file_or_a_full_folder_in_dutch_and_changes_nothing(project, case):
    target, reason = REFUSED[case]
    (project / "bestaand").mkdir(exist_ok=True)
    (project / "bestaand" / "school.yml").write_text("naam: Bestaand\n", encoding="utf-8")
    (project / "verborgen").mkdir(exist_ok=True)
    (project / "verborgen" / ".gitkeep").write_text("", encoding="utf-8")
    before = _listing(project)
    result = _make(project, "nieuwe-school", f"MAP={target}")
    assert result.returncode != 0
    assert result.stderr.startswith(f"Niets geschreven: {reason}"), result.stderr
    assert "Traceback" not in result.stderr and "make:" not in result.stderr + result.stdout
    assert _listing(project) == before


def test_a_failure_halfway_leaves_no_half_folder(tmp_path, monkeypatch, capsys):
    calls = []

    def full_disk(stem):
        calls.append(stem)
        if len(calls) == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        return "{}"

    monkeypatch.setattr("sop.data.starter.schema_text", full_disk)
    assert main([str(tmp_path / "nieuw")]) == 1
    assert capsys.readouterr().err == f"Niets geschreven: {tmp_path / 'nieuw'}/ kon niet worden gemaakt: de schijf is vol.\n"
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(shutil.which("make") is None, reason="make ontbreekt")
def test_make_bijwerken_works_in_exactly_the_folder_typed(project):
    """MAP reaches the migration as typed, like nieuwe-school's: spaces, quotes, $ and all."""
    old = PROJECT / "tests" / "scholen" / "versie-1.0" / "data"
    wrong = []
    for name in FOLDER_NAMES:
        folder = project / "bijwerken" / name.strip()
        shutil.copytree(old, folder)
        before = set(os.listdir(project))
        result = _make(project, "bijwerken", f"MAP=bijwerken/{name.strip()}")
        if result.returncode != 0 or set(os.listdir(project)) != before or not (folder / "verklaringen.yml").is_file():
            wrong.append((name, result.stdout[-200:] + result.stderr[-300:]))
    assert wrong == []
