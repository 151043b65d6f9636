"""No old commit, and no date, can stop publication (issue 23).

The Versies page and `make wijzigingen` read old commits. Such a commit may hold
anything a file can hold (an impossible date, nesting 3,000 deep, a huge file,
invalid UTF-8, duplicate keys, no mapping at all), may lack a file or have
data/ as a file, and may carry any commit date (year 10000, before 1970, one
git can't read). Each shape is generated, committed to a scratch repository and
followed by a commit that fixes it; the site then still builds, and lists the
bad version as 'niet leesbaar' with a reason. Dates in data/ themselves have a
range, so date arithmetic (a renewal four years later) can't overflow.
"""

from __future__ import annotations

import calendar
import datetime
import itertools
import os
import shutil
import subprocess
import types
import typing
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pydantic import BaseModel, ValidationError

from conftest import SCHOOLS, Site, build_site, copy_project, dump_data_yaml
from sop.versions import history, versies, versies_render, wijzigingen
from sop.writers import render
from sop.data import schema
from sop.site import theme
from sop.data.errors import DataErrors
from sop.data.profile import DATA_FILES, load_profile
from sop.data.yamlfile import MAX_FILE_BYTES

FIXTURE = SCHOOLS["voorbeeldschool"]
TODAY = datetime.date(2032, 2, 1)
FIRST, LAST = "2029-10-01", "2031-10-01"  # the adoptions before and after the hostile commit


def status_text(adopted: str, advice: str = "2029-09-15") -> str:
    return f"schooljaar: 2029/2030\nvastgesteld_op: {adopted}\nadvies_mr_op: {advice}\nvernieuwen_voor: null\n"


# --- hostile content, generated ----------------------------------------------------------------

IMPOSSIBLE_DATES = [
    *(f"2030-{month:02}-{calendar.monthrange(2030, month)[1] + 1}" for month in range(1, 13)),
    "2030-13-01", "2030-00-10", "2030-01-00", "2031-02-29",
]
OUT_OF_RANGE_YEARS = [1, 1066, 1899, 2200, 9998, 9999]


def deep(opening: str, closing: str, depth: int = 3000) -> str:
    return opening * depth + closing * depth


# Whole files as bytes: what a commit can put where any data file belongs.
HOSTILE_FILES: dict[str, bytes] = {
    "diep-genest-lijst": f"vastgesteld_op: {deep('[', ']')}\n".encode(),
    "diep-genest-blok": f"vastgesteld_op: {deep('{a: ', '}')}\n".encode(),
    "diep-ingesprongen": "".join(" " * level + f"a{level}:\n" for level in range(700)).encode(),
    "te-groot": b"# " + b"x" * (MAX_FILE_BYTES + 10) + b"\n",
    "veel-te-groot": b"# " + b"x" * (20 * 1024 * 1024) + b"\n",
    "ongeldig-utf8": b"schooljaar: 2029/2030 \xff\xfe\n",
    "windows-1252": "schooljaar: 2029/2030 # één\n".encode("cp1252"),
    "nul-teken": b"schooljaar: 2029/2030\x00\n",
    "dubbel-veld": b"vastgesteld_op: 2030-03-01\nvastgesteld_op: 2030-04-01\n",
    "lijst": b"- vastgesteld_op: 2030-03-01\n",
    "tekst": b"vastgesteld op 1 maart 2030\n",
    "getal": b"20300301\n",
    "leeg": b"",
    "null": b"null\n",
    "aliasbom": b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n".encode() for n in range(8)),
    "tab": b"vastgesteld_op:\n\t2030-03-01\n",
    "aanhalingsteken-open": b'vastgesteld_op: "2030-03-01\n',
    "yaml-tag": b"vastgesteld_op: !!python/object/apply:os.system [echo]\n",
}
# A status.yml with a date that can't be.
HOSTILE_DATES: dict[str, bytes] = {
    **{f"datum-{day}": status_text(day).encode() for day in IMPOSSIBLE_DATES},
    **{f"jaar-{year}": status_text(f"{year:04}-03-01").encode() for year in OUT_OF_RANGE_YEARS},
    **{f"advies-{day}": status_text("2030-03-01", advice=day).encode() for day in IMPOSSIBLE_DATES},
}


def clear(path: Path) -> None:
    """Remove whatever stands at `path`: a file, a link or a folder."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.is_symlink() or path.exists():
        path.unlink()


def write_hostile(path: Path, shape: str) -> None:
    """Put shape `shape` where data file `path` belongs: content, or no regular file at all."""
    clear(path)
    if shape == "verwijderd":
        return
    if shape == "map":
        (path / "a").mkdir(parents=True)
        (path / "a" / "b.yml").write_text("a: 1\n", encoding="utf-8")
    elif shape == "snelkoppeling":
        path.symlink_to("/etc/passwd")
    else:
        path.write_bytes({**HOSTILE_FILES, **HOSTILE_DATES}[shape])


SHAPES = [*HOSTILE_FILES, "verwijderd", "map", "snelkoppeling"]


# --- a scratch repository ----------------------------------------------------------------------

def git(project: Path, *args: str, stamp: str = "2029-01-01T12:00:00+01:00") -> str:
    env = dict(os.environ, GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *identity, *args], cwd=project, env=env, check=True,
                          capture_output=True, text=True).stdout.strip()


def commit(project: Path, day: str, message: str) -> str:
    git(project, "add", "-A")
    git(project, "commit", "-q", "--allow-empty", "-m", message, stamp=f"{day}T12:00:00+01:00")
    return git(project, "rev-parse", "HEAD")


def commit_raw_date(project: Path, timestamp: str, message: str) -> str:
    """A commit with a date `git commit` refuses (before 1970, unreadable), as other tools can write it."""
    git(project, "add", "-A")
    tree, parent = git(project, "write-tree"), git(project, "rev-parse", "HEAD")
    person = f"Test <test@example.org> {timestamp}"
    text = f"tree {tree}\nparent {parent}\nauthor {person}\ncommitter {person}\n\n{message}\n"
    sha = subprocess.run(["git", "hash-object", "--literally", "-t", "commit", "-w", "--stdin"], cwd=project,
                         input=text, capture_output=True, text=True, check=True).stdout.strip()
    git(project, "update-ref", "HEAD", sha)
    return sha


def adopt(project: Path, day: str) -> str:
    (project / "data" / "status.yml").write_text(status_text(day), encoding="utf-8")
    return commit(project, day, f"Vastgesteld op {day}")


def new_repository(path: Path) -> Path:
    project = copy_project(path, FIXTURE)
    git(project, "init", "-q", "-b", "main")
    adopt(project, FIRST)
    return project


def restore_status(project: Path) -> None:
    """status.yml back as it was at the first adoption: no new version."""
    clear(project / "data" / "status.yml")
    (project / "data" / "status.yml").write_text(status_text(FIRST), encoding="utf-8")


def break_status(project: Path, shape: str, day: str) -> str:
    """A hostile status.yml on main, then a commit that fixes it: the sha of the hostile commit."""
    write_hostile(project / "data" / "status.yml", shape)
    bad = commit(project, day, f"Status: {shape}")
    restore_status(project)
    commit(project, day, "Status hersteld")
    return bad


def break_adoption(project: Path, shape: str, day: str) -> str:
    """An adoption whose expertise.yml is hostile, then a commit that fixes the file."""
    write_hostile(project / "data" / "expertise.yml", shape)
    bad = adopt(project, day)
    clear(project / "data" / "expertise.yml")
    shutil.copy(FIXTURE / "expertise.yml", project / "data" / "expertise.yml")
    commit(project, day, "Expertise hersteld")
    return bad


def versions_page(project: Path) -> BeautifulSoup:
    """The Versies page's content as the macro gives it (markdown headings around HTML)."""
    html = versies_render.page(project, load_profile(project / "data"), TODAY, "../open-data/")
    return BeautifulSoup(html, "html.parser")


def text(element) -> str:
    return " ".join(element.get_text().replace("\xa0", " ").split())


def version_block(page, day: str) -> str:
    """The text of one version in a built page: from its heading to the next heading."""
    heading = page.find(id=f"versie-{day}")
    assert heading is not None, f"geen versie-{day}"
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h2", "h3"):
            break
        parts.append(text(sibling))
    return " ".join(parts)


def dutch(day: str) -> str:
    return render.dutch_date(datetime.date.fromisoformat(day))


def assert_no_traceback(output: str) -> None:
    for sign in ("Traceback", "onverwachts", "Error:"):
        assert sign not in output, output


def compare_with(project: Path, rev: str, capsys) -> str:
    """`make wijzigingen` against `rev`: refused in Dutch, never a crash."""
    assert wijzigingen.main(["--van", rev], project) == 1
    output = capsys.readouterr()
    assert_no_traceback(output.out + output.err)
    return output.err


# --- each shape on its own ---------------------------------------------------------------------

def listed_as_not_readable(page, bad: str, day: str) -> str:
    """The reason an unreadable change of status.yml is listed with."""
    listed = page.find(id=f"niet-leesbaar-{bad[:12]}")
    assert listed is not None, text(page)
    start = f"Wijziging {bad[:7]} van {dutch(day)}: niet leesbaar: "
    assert text(listed).startswith(start), text(listed)
    return text(listed).removeprefix(start)


@pytest.mark.parametrize("shape", SHAPES)
def test_a_hostile_file_in_an_old_commit_is_not_readable_and_the_rest_stays(shape, tmp_path, capsys):
    project = new_repository(tmp_path / "school")
    bad_status = break_status(project, shape, "2030-03-01")
    bad_adoption = break_adoption(project, shape, "2030-10-01")
    adopt(project, LAST)

    history = versies.read_history(project, load_profile(project / "data"))
    assert [version.adopted.isoformat() for version in history.versions] == [FIRST, "2030-10-01", LAST]
    assert [version.document is not None for version in history.versions] == [True, False, True]
    page = versions_page(project)
    assert "data/status.yml" in listed_as_not_readable(page, bad_status, "2030-03-01")
    shown = text(page)
    assert ("Deze versie is niet leesbaar: de gegevens van toen kloppen niet met de controle van nu "
            "(1 fout in data/expertise.yml)") in shown or "fouten in data/expertise.yml)" in shown
    assert "Deze versie kan niet worden vergeleken: de versie ervoor is niet leesbaar" in shown
    for bad in (bad_status, bad_adoption):
        assert f"Versie '{bad}' van data/ bevat " in compare_with(project, bad, capsys)


def test_every_impossible_date_in_an_old_status_is_listed_as_not_readable(tmp_path):
    project = new_repository(tmp_path / "school")
    bad = {shape: break_status(project, shape, "2030-03-01") for shape in HOSTILE_DATES}
    adopt(project, LAST)

    history = versies.read_history(project, load_profile(project / "data"))
    assert [version.adopted.isoformat() for version in history.versions] == [FIRST, LAST]
    page = versions_page(project)
    # Not versions of their own: the adoption after them is compared with the one before.
    assert f"ten opzichte van de versie van {dutch(FIRST)}:" in text(page)
    for shape, sha in bad.items():
        assert listed_as_not_readable(page, sha, "2030-03-01") == (
            "de gegevens van toen kloppen niet met de controle van nu (1 fout in data/status.yml)."), shape


def test_data_that_is_a_file_in_an_old_commit(tmp_path, capsys):
    project = new_repository(tmp_path / "school")
    (project / "data").rename(tmp_path / "data-bewaard")
    (project / "data").write_text("geen map\n", encoding="utf-8")
    bad = commit(project, "2030-03-01", "data is een bestand")
    (project / "data").unlink()
    (tmp_path / "data-bewaard").rename(project / "data")
    commit(project, "2030-03-02", "data hersteld")
    adopt(project, LAST)

    page = versions_page(project)
    assert text(page.find(id=f"niet-leesbaar-{bad[:12]}")) == (
        f"Wijziging {bad[:7]} van 1 maart 2030: niet leesbaar: in deze versie is data/ geen map.")
    assert compare_with(project, bad, capsys).strip() == f"In versie '{bad}' is data/ geen map."


# --- commit dates git can hold ------------------------------------------------------------------

# Unix timestamps with a time zone, as they stand in a commit object.
ODD_COMMIT_DATES = {
    "jaar-10000": "253402300800 +0000",
    "jaar-5138": "99999999999 +0000",
    "jaar-138072": "4294967296000 +0000",
    "1970": "0 +0000",
    "1970-tijdzone": "1 +1400",
    "voor-1970": "-100000 +0000",
    "onleesbaar": "abc +0000",
    "te-groot-getal": "99999999999999999999 +0000",
}
# Odd but possible dates: shown as git gives them.
POSSIBLE_COMMIT_DATES = {
    "rare-tijdzone": ("1900000000 +9999", "2030-03-21"),
    "toekomst": ("5619700000 +0100", "2148-01-30"),
}


@pytest.mark.parametrize("name", [*ODD_COMMIT_DATES, *POSSIBLE_COMMIT_DATES])
def test_an_odd_commit_date_gives_no_impossible_date_and_no_crash(name, tmp_path):
    stamp, shown = POSSIBLE_COMMIT_DATES.get(name, (ODD_COMMIT_DATES.get(name), None))
    project = new_repository(tmp_path / "school")
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNieuwe zin.\n", encoding="utf-8")
    write_hostile(project / "data" / "status.yml", f"datum-{IMPOSSIBLE_DATES[1]}")
    bad = commit_raw_date(project, stamp, "Een rare datum")
    restore_status(project)
    commit_raw_date(project, stamp, "Hersteld")

    # The footer: an impossible date is no date, so the last commit with a possible one counts.
    settings = theme.theme_settings(project, load_profile(project / "data"), None, None)
    footer = settings["extra"]["sop_laatst_gewijzigd_html"][theme.page_url("index.md")]
    assert footer == f"<p>Laatst gewijzigd: {dutch(shown or FIRST)}</p>"
    assert [day.isoformat() for day, _ in history.change_log(project)] == [*([shown] if shown else []), FIRST]
    listed = text(versions_page(project).find(id=f"niet-leesbaar-{bad[:12]}"))
    assert listed.startswith(f"Wijziging {bad[:7]}{f' van {dutch(shown)}' if shown else ''}: niet leesbaar: ")


# --- one build after every hostile commit at once ----------------------------------------------

@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    project = new_repository(tmp_path_factory.mktemp("vijandig") / "school")
    bad_status = {shape: break_status(project, shape, "2030-03-01") for shape in [*SHAPES, *HOSTILE_DATES]}
    # A handful of unreadable adoptions: each one a version of its own.
    adoptions = ["diep-genest-lijst", "veel-te-groot", "ongeldig-utf8", "dubbel-veld", "lijst", "verwijderd",
                 "map", "snelkoppeling"]
    bad_adoptions = {shape: break_adoption(project, shape, f"2030-{number + 3:02}-15")
                     for number, shape in enumerate(adoptions)}
    commit_raw_date(project, ODD_COMMIT_DATES["jaar-10000"], "Jaar 10000")
    commit_raw_date(project, ODD_COMMIT_DATES["voor-1970"], "Voor 1970")
    adopt(project, LAST)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOP_VANDAAG", TODAY.isoformat())
        result = build_site(project, project / "site")
    return project, result, bad_status, bad_adoptions


def test_the_site_still_builds(hostile_build):
    project, result, _, _ = hostile_build
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result.stdout + result.stderr)
    assert (project / "site" / "versies" / "index.html").exists()


def test_every_hostile_status_is_listed_as_not_readable(hostile_build):
    project, _, bad_status, _ = hostile_build
    page = Site(project / "site").article("versies")
    for shape, sha in bad_status.items():
        listed = page.find(id=f"niet-leesbaar-{sha[:12]}")
        assert listed is not None, shape
        assert "niet leesbaar: " in text(listed), shape


def test_every_hostile_adoption_is_a_version_that_is_not_readable(hostile_build):
    project, result, _, bad_adoptions = hostile_build
    page = Site(project / "site").article("versies")
    for number, shape in enumerate(bad_adoptions):
        day = f"2030-{number + 3:02}-15"
        assert "Deze versie is niet leesbaar: " in version_block(page, day), shape
        assert f"Let op: de versie van {dutch(day)} staat niet als open data op de site" in result.stderr
        assert not (project / "site" / "open-data" / "versies" / day).exists()
    published = sorted(p.name for p in (project / "site" / "open-data" / "versies").iterdir())
    assert published == [FIRST, LAST]


def test_no_page_shows_an_impossible_commit_date(hostile_build):
    project, _, _, _ = hostile_build
    for page in ("", "over"):
        shown = text(Site(project / "site").page(page))
        assert "10000" not in shown and "1970" not in shown and "1969" not in shown, page


# --- dates in data/: a range, found from the schema ---------------------------------------------

def _has_date(annotation) -> bool:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated or origin in (typing.Union, types.UnionType):
        return any(_has_date(arg) for arg in args)
    return annotation is datetime.date


def _model(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next(filter(None, map(_model, typing.get_args(annotation))), None)


def date_fields(model: type[BaseModel], path: tuple = ()):
    for name, field in model.model_fields.items():
        if _has_date(field.annotation):
            yield (*path, name)
        elif _model(field.annotation) and typing.get_origin(field.annotation) is not list:
            yield from date_fields(_model(field.annotation), (*path, name))


DATE_FIELDS = [(stem, path) for stem, model in DATA_FILES.items() for path in date_fields(model)]


def with_date(data_dir: Path, stem: str, path: tuple, day: datetime.date) -> None:
    file = data_dir / f"{stem}.yml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    owner = data
    for key in path[:-1]:
        owner = owner[key]
    owner[path[-1]] = day
    file.write_text(dump_data_yaml(data), encoding="utf-8")


@pytest.mark.parametrize("year", OUT_OF_RANGE_YEARS)
@pytest.mark.parametrize(("stem", "path"), DATE_FIELDS, ids=lambda value: "-".join(value) if isinstance(
    value, tuple) else value)
def test_a_date_outside_its_range_is_a_located_dutch_error(stem, path, year, tmp_path):
    data_dir = tmp_path / "data"
    copy_project(tmp_path / "kopie", FIXTURE)
    (tmp_path / "kopie" / "data").rename(data_dir)
    with_date(data_dir, stem, path, datetime.date(year, 3, 1))
    with pytest.raises(DataErrors) as raised:
        load_profile(data_dir)
    expected = (f"'{path[-1]}' moet een datum tussen {schema.FIRST_YEAR} en {schema.LAST_YEAR} zijn; "
                f"hier staat {year:04}-03-01. Controleer het jaartal")
    assert any(error.location.file == f"data/{stem}.yml" and error.message == expected
               for error in raised.value.errors), [str(e) for e in raised.value.errors]


# Days across everything datetime.date can hold, the ends of each year and leap days included.
CANDIDATE_DAYS = [
    *(datetime.date(year, month, day) for year in (1, 1899, 1900, 2024, 2199, 2200, 9995, 9998, 9999)
      for month, day in ((1, 1), (3, 31), (12, 31))),
    *(datetime.date(year, 2, 29) for year in (4, 1904, 2196, 9996)),
]


def test_every_date_the_schema_accepts_can_be_computed_with():
    """A renewal date years later and a notice months before it: in range for every accepted date."""
    computed = []
    for field, day in itertools.product(("vastgesteld_op", "vernieuwen_voor"), CANDIDATE_DAYS):
        try:
            status = schema.FormeleStatus.model_validate(
                {"schooljaar": None, "vastgesteld_op": None, "advies_mr_op": None, "vernieuwen_voor": None,
                 field: day})
        except ValidationError:
            continue  # refused with a located message: see the test above
        renewal = status.renewal_date
        for today in (day, renewal, datetime.date.min, datetime.date.max):
            assert render.dutch_date(renewal) in render.formal_status(status, today), (field, day)
            assert render.dutch_date(renewal) in versies_render.renewal_cycle(status, today).replace("&nbsp;", " ")
        computed.append(day)
    assert datetime.date(schema.LAST_YEAR, 12, 31) in computed
