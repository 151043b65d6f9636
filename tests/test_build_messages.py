"""`make check` and `make build` never show a Python traceback: a full disk, a
folder without write permission or a bug in the code each get a Dutch sentence
saying what happened and where to report it; the site stays as it was.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys

import pytest
from conftest import PROJECT, SOURCE_DATA, copy_project, run_make

from sop.site import sitedir
from sop.site.build import build
from sop.site.check import main as check
from sop.data.failure import TracebackFilter
from sop.site.sitedir import Publication


@pytest.fixture
def project(tmp_path):
    root = copy_project(tmp_path / "project", SOURCE_DATA)
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("vorige versie", encoding="utf-8")
    return root


def assert_site_unchanged(project):
    assert [p.name for p in (project / "site").iterdir()] == ["index.html"]
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "vorige versie"
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site")]


def test_check_with_a_bug_in_the_code(project, monkeypatch, capsys):
    monkeypatch.setenv("REPO_URL", "https://github.com/voorbeeldschool/sop")

    def broken(_data_dir, **_options):
        raise RuntimeError("kapot")

    monkeypatch.setattr("sop.data.profile.load_profile", broken)
    assert check(project) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert captured.err.startswith("Er ging iets onverwachts mis in het programma; dat ligt niet aan uw gegevens.")
    assert "Meld dit bij de beheerder van de site, via https://github.com/voorbeeldschool/sop/issues" in captured.err
    assert "RuntimeError: kapot" in captured.err
    assert "Traceback" in (project / ".cache" / "laatste-fout.txt").read_text(encoding="utf-8")


def test_check_of_an_unreadable_file(project, monkeypatch, capsys):
    def unreadable(path, name):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr("sop.data.profile.read_yaml", unreadable)
    assert check(project) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith("Geen toestemming om '") and ".yml' te lezen of te schrijven" in err


@pytest.mark.parametrize(
    "error, expected",
    [
        (OSError(errno.ENOSPC, "No space left on device", "/schijf/site"), "De schijf is vol: '/schijf/site' kon niet worden geschreven."),
        (PermissionError(errno.EACCES, "Permission denied", "/schijf"), "Geen toestemming om '/schijf' te lezen of te schrijven."),
        (OSError(errno.EROFS, "Read-only file system", "/schijf"), "'/schijf' staat op een schijf waarop niet geschreven kan worden"),
    ],
)
def test_build_that_cannot_write(project, monkeypatch, capsys, error, expected):
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(sitedir.tempfile, "mkdtemp", fail)
    assert build(project, project / "site") == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith(expected)
    assert err.rstrip().endswith("De site is niet bijgewerkt; de vorige versie in site/ blijft staan.")
    assert_site_unchanged(project)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_build_in_a_read_only_folder(project, capsys):
    project.chmod(0o555)
    try:
        assert build(project, project / "site") == 1
    finally:
        project.chmod(0o755)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Geen toestemming" in err
    assert_site_unchanged(project)


def test_a_broken_installation_gets_a_dutch_message(project):
    (project / "sop" / "writers" / "pdf.py").write_text("raise ImportError('weasyprint ontbreekt')\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sop.site.build"], cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "Er ging iets onverwachts mis in het programma" in result.stderr
    assert "ImportError: weasyprint ontbreekt" in result.stderr
    assert_site_unchanged(project)


def test_an_old_site_that_cannot_be_deleted_does_not_break_the_new_one(tmp_path, monkeypatch, capsys):
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "sub" / "vast.html").write_text("oud", encoding="utf-8")
    real_rmtree = shutil.rmtree

    def stubborn(path, *args, **kwargs):
        if (path / "site" / "sub" / "vast.html").exists():
            raise PermissionError(errno.EPERM, "Operation not permitted", str(path / "site" / "sub" / "vast.html"))
        real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(sitedir.shutil, "rmtree", stubborn)
    with Publication(site) as publication:
        publication.fresh.mkdir()
        (publication.fresh / "index.html").write_text("nieuw", encoding="utf-8")
        publication.commit()
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert "kon niet helemaal worden verwijderd (de site zelf is in orde)" in capsys.readouterr().err
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "site"]
    assert len(leftovers) == 1 and leftovers[0].startswith(".site-build-")

    monkeypatch.setattr(sitedir.shutil, "rmtree", real_rmtree)
    with Publication(site) as publication:  # the next build removes what was left
        pass
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert (site / "index.html").read_text(encoding="utf-8") == "nieuw"


def test_a_read_only_subfolder_of_the_old_site_is_removed(tmp_path):
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "sub" / "pagina.html").write_text("oud", encoding="utf-8")
    (site / "sub").chmod(0o555)
    with Publication(site) as publication:
        publication.fresh.mkdir()
        (publication.fresh / "index.html").write_text("nieuw", encoding="utf-8")
        publication.commit()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert [p.name for p in site.iterdir()] == ["index.html"]


def test_an_uncommitted_build_leaves_the_site_alone(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("oud", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with Publication(site) as publication:
            publication.fresh.mkdir()
            (publication.fresh / "index.html").write_text("half", encoding="utf-8")
            raise RuntimeError("mislukt")
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert (site / "index.html").read_text(encoding="utf-8") == "oud"


def test_tracebacks_of_mkdocs_are_held_back_and_summarised():
    shown = []
    output = TracebackFilter(shown.append)
    for line in [
        "INFO    -  Building documentation\n",
        "Traceback (most recent call last):\n",
        '  File "x.py", line 1, in <module>\n',
        "    open('a')\n",
        "    ^^^^^^^^^\n",
        "KeyError: 'a'\n",
        "\n",
        "During handling of the above exception, another exception occurred:\n",
        "\n",
        "Traceback (most recent call last):\n",
        '  File "y.py", line 2, in <module>\n',
        "OSError: [Errno 28] No space left on device: '/tmp/site/index.html'\n",
        "WARNING -  na de fout\n",
    ]:
        output.feed(line)
    assert shown == ["INFO    -  Building documentation\n", "\n", "WARNING -  na de fout\n"]
    assert output.summary() == (
        "De schijf is vol: '/tmp/site/index.html' kon niet worden geschreven. Maak ruimte vrij en probeer het opnieuw."
    )


def _make(project, *arguments):
    """`make ARGUMENTS` as staff run it, with the installed .venv (not reinstalled)."""
    for name in ("Makefile", "requirements.txt"):
        shutil.copy(PROJECT / name, project / name)
    if not (project / ".venv").exists():
        (project / ".venv").symlink_to(PROJECT / ".venv")
    return run_make(project, *arguments)


# Every way a staff command fails: what to run, what to break first, and the Dutch message it gives.
FAILING_COMMANDS = {
    "check met een fout in data/": (["check"], "school.yml", "De gegevens in data/ bevatten 1 fout"),
    "build met een fout in data/": (["build"], "school.yml", "De gegevens in data/ bevatten 1 fout"),
    "check met een fout in docs/": (["check"], "index.md", "De pagina's in docs/ bevatten"),
    "wijzigingen zonder VAN": (["wijzigingen"], None, "Zeg met welke versie u wilt vergelijken"),
    "wijzigingen met een onbekende versie": (["wijzigingen", "VAN=bestaat-niet"], None, "bestaat-niet"),
}


@pytest.mark.skipif(shutil.which("make") is None, reason="make ontbreekt")
@pytest.mark.parametrize("case", FAILING_COMMANDS)
def test_a_failed_command_ends_with_its_dutch_message_not_makes(project, case):
    arguments, broken, words = FAILING_COMMANDS[case]
    if broken == "school.yml":
        path = project / "data" / broken
        path.write_text(path.read_text(encoding="utf-8").replace("\nnaam:", "\nnaam: [", 1), encoding="utf-8")
    elif broken:
        path = project / "docs" / broken
        path.write_text(path.read_text(encoding="utf-8") + "\n[kapot](bestaat-niet.md)\n", encoding="utf-8")
    result = _make(project, *arguments)
    assert result.returncode != 0
    assert words in result.stdout + result.stderr
    assert "make:" not in result.stdout + result.stderr and "Error" not in result.stderr, result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "vorige versie"


@pytest.mark.skipif(shutil.which("make") is None, reason="make ontbreekt")
def test_a_successful_build_ends_with_a_dutch_line(project):
    result = _make(project, "build")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "Klaar: de site is gebouwd en staat in site/."
    assert (project / "site" / "index.html").read_text(encoding="utf-8") != "vorige versie"
