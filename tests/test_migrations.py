"""A profile written for an older format never breaks (issue 18).

The 1.0 fixture (tests/scholen/versie-1.0) is CBS Vesterhavet's data/ as it was
at commit ed3ea39, with the sop.json its own site published then (`sop.json`)
and the text of that site (`site-1.0.json`, made with `freeze()` below from a
build of ed3ea39 by its own code). It is not in conftest.SCHOOLS: it is not
valid today until `make bijwerken` has run.
"""

from __future__ import annotations

import difflib
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import PROJECT, SCHOOLS, TESTS, Site, build_site, commit_all, copy_project
from sop.data import migrations
from sop.data.jsonschema import RELEASED, stored_release
from sop.writers.schemafiles import release_files
from sop.writers.opendata import SCHEMA_VERSION, profile_json_schema
from sop.data.profile import DATA_FILES, load_profile
from sop.versions.wijzigingen import compare_profiles
from sop.swv.render import OLDER_VERSION
from test_swv import SchoolServer, as_json, built, published, write_swv

OLD = TESTS / "scholen" / "versie-1.0"
OLD_DATA = OLD / "data"
# The data files the 1.0 -> 2.0 step changes or adds, in the fixture.
CHANGED = ("aantallen", "basisondersteuning", "in-het-kort", "ondersteuningsstructuur", "verklaringen")


def run(project: Path, module: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", module, *args], cwd=project, env=env, capture_output=True, text=True)


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A copy of the project with the 1.0 data as data/, after `make bijwerken`."""
    project = copy_project(tmp_path_factory.mktemp("bijgewerkt"), OLD_DATA)
    return project, run(project, "sop.data.bijwerken", "data")


# --- make bijwerken on the 1.0 data ---------------------------------------------------


def test_bijwerken_brings_the_1_0_data_to_a_profile_that_passes_make_check(migrated):
    project, result = migrated
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"De gegevens in data/ zijn bijgewerkt van versie 1.0 naar {SCHEMA_VERSION}")
    check = run(project, "sop.site.check")
    assert check.returncode == 0, check.stderr
    # What is left is only what the school must fill in: '[vul in: …]' texts, its own statements and dates.
    left = [line for line in check.stdout.splitlines() if line.startswith("Let op: ")]
    assert left and all("hier staat nog '[vul in: " in line or "verklaringen.yml" in line or "status.yml" in line
                        for line in left), left


def test_every_choice_is_printed_in_dutch_with_its_file_and_line(migrated):
    project, result = migrated
    choices = [line for line in result.stdout.splitlines() if re.match(r"data/[a-z-]+\.yml:\d+:\d+: ", line)]
    # One per table, the assessor, the summary's introduction, levels and limits, one per
    # contact point, the zorgroute's name and the new verklaringen.yml.
    summary = yaml.safe_load((OLD_DATA / "in-het-kort.yml").read_text(encoding="utf-8"))
    tables = yaml.safe_load((OLD_DATA / "aantallen.yml").read_text(encoding="utf-8"))["tabellen"]
    assert len(choices) == len(tables) + 1 + 3 + len(summary["aanspreekpunten"]) + 1 + 1, result.stdout
    for line in choices:
        file, number = re.match(r"(data/[a-z-]+\.yml):(\d+):", line).groups()
        text = (project / file).read_text(encoding="utf-8").splitlines()
        assert 1 <= int(number) <= len(text), line


def test_the_migrated_profile_builds(migrated, tmp_path):
    project, _ = migrated
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr


def test_running_it_twice_changes_nothing(migrated):
    project, _ = migrated
    before = files(project / "data")
    again = run(project, "sop.data.bijwerken", "data")
    assert again.returncode == 0
    assert again.stdout.strip() == (
        f"De gegevens in data/ hebben al de nieuwste versie ({SCHEMA_VERSION}); er is niets veranderd.")
    assert files(project / "data") == before


@pytest.mark.parametrize("name", [*SCHOOLS, "starter"])
def test_a_current_folder_stays_byte_identical(name, tmp_path):
    folder = tmp_path / "data"
    if name == "starter":
        assert run(PROJECT, "sop.data.starter", str(folder)).returncode == 0
    else:
        shutil.copytree(SCHOOLS[name], folder)
    before = files(folder)
    result = run(PROJECT, "sop.data.bijwerken", str(folder))
    assert result.returncode == 0 and "er is niets veranderd" in result.stdout
    assert files(folder) == before


@pytest.mark.parametrize("done", [subset for size in range(len(CHANGED) + 1)
                                  for subset in itertools.combinations(CHANGED, size)])
def test_a_partly_migrated_folder_ends_as_the_fully_migrated_one(done, migrated, tmp_path):
    """Every mix of 1.0 files and files already in 2.0 (a school that began by hand, or an
    interrupted run): make bijwerken finishes the job, and touches no finished file."""
    project, _ = migrated
    folder = tmp_path / "data"
    shutil.copytree(OLD_DATA, folder)
    for stem in done:
        shutil.copy(project / "data" / f"{stem}.yml", folder / f"{stem}.yml")
    migrations.upgrade_folder(folder)
    data_files = lambda found: {name: text for name, text in found.items() if name.endswith(".yml")}  # noqa: E731
    assert data_files(files(folder)) == data_files(files(project / "data"))


def _comment_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def _notes(value) -> list[str]:
    """Every note for the staff in a loaded data file, in file order."""
    if isinstance(value, dict):
        return [*value.get("notities", []), *(note for item in value.values() for note in _notes(item))]
    return [note for item in value for note in _notes(item)] if isinstance(value, list) else []


def _without_notes(value):
    if isinstance(value, dict):
        return {key: _without_notes(item) for key, item in value.items() if key != "notities"}
    return [_without_notes(item) for item in value] if isinstance(value, list) else value


def _kept_as_notes(old: str, new: str) -> list[str]:
    """The comment lines of `old` whose text is not in a note of `new` (the schema line aside)."""
    notes = "\n".join(_notes(yaml.safe_load(new)))
    return [line for line in _comment_lines(old)[1:] if line.strip().lstrip("#").strip() not in notes]


def test_the_pull_request_diff_holds_only_the_changed_lines(migrated):
    project, _ = migrated
    # The only lines of the 1.0 files a step must change: values whose shape changed, and
    # comments, which 2.2 moves into the data (the form editor drops them).
    reshaped = {
        "basisondersteuning": ["  - Nog niet aanwezig", "  - In ontwikkeling", "  - Op orde", "  - Sterk ontwikkeld"],
        "in-het-kort": [
            "inleiding: |",
            *(line for line in (OLD_DATA / "in-het-kort.yml").read_text(encoding="utf-8").splitlines()
              if line.startswith("  ") and not line.lstrip().startswith("- wie") and ":" not in line[:12]
              and not line.startswith("    ")),
        ],
    }
    for stem in CHANGED[:-1]:
        old = (OLD_DATA / f"{stem}.yml").read_text(encoding="utf-8")
        new = (project / "data" / f"{stem}.yml").read_text(encoding="utf-8")
        removed = [line[1:] for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
                   if line.startswith("-") and not line.startswith("---")]
        assert [line for line in removed if line.strip() and line not in reshaped.get(stem, [])
                and not line.lstrip().startswith("#")] == [], stem
    for stem in CHANGED[:-1] + tuple(stem for stem in DATA_FILES if stem not in CHANGED):
        old = (OLD_DATA / f"{stem}.yml").read_text(encoding="utf-8")
        new = (project / "data" / f"{stem}.yml").read_text(encoding="utf-8")
        # Every comment is kept, as a note in the data; only the schema line stays a comment.
        assert _kept_as_notes(old, new) == [], stem
        assert _comment_lines(new) == _comment_lines(old)[:1], stem
        if stem not in CHANGED:
            assert _without_notes(yaml.safe_load(new)) == yaml.safe_load(old), stem


def _with_random_comments(text: str, rng: random.Random) -> tuple[str, list[str]]:
    """`text` with comments in random places: above a line (at its indentation, or at the
    left margin), after a value, at the end. Returns the new text and the comments' texts."""
    lines, out, added = text.splitlines(), [], []
    words = ["Aanname:", "Bron:", "blz. 12", "de tabel", "kolom 3", "'X'", "\"leeg\"", "→", "é", "50%", "a: b", "[1]"]
    block = False
    for number, line in enumerate(lines):
        indent = len(line) - len(line.lstrip())
        if block and line.strip() and indent <= block_indent:
            block = False
        if not block and number and line.strip() and rng.random() < 0.15:
            comment = " ".join(rng.choice(words) for _ in range(rng.randint(1, 6))) + f" {len(added)}"
            out.append(" " * rng.choice([0, indent]) + "# " + comment)
            added.append(comment)
        stripped = line.rstrip()
        if (not block and number and rng.random() < 0.05 and stripped.endswith(("]", "true", "false", "null"))
                and not stripped.lstrip().startswith("- ")):
            comment = f"na de waarde {len(added)}"
            stripped += "  # " + comment
            added.append(comment)
        out.append(stripped)
        if re.search(r"(:|^ *-) [|>][-+]?$", line.rstrip()):
            block, block_indent = True, indent
    comment = f"aan het eind {len(added)}"
    return "\n".join([*out, "# " + comment]) + "\n", [*added, comment]


@pytest.mark.parametrize("seed", range(3))
def test_bijwerken_moves_every_comment_into_notes_and_changes_no_content(seed, tmp_path):
    """The form editor drops comments: make bijwerken (2.1 -> 2.2) keeps each as a note for the staff."""
    rng = random.Random(seed)
    school = rng.choice(sorted(SCHOOLS))
    project = copy_project(tmp_path, SCHOOLS[school])
    folder = project / "data"
    added = {}
    for stem in DATA_FILES:
        path = folder / f"{stem}.yml"
        text, added[stem] = _with_random_comments(path.read_text(encoding="utf-8"), rng)
        path.write_text(text, encoding="utf-8")
    # make check passes, and names each comment's place as a notice for the staff.
    check = run(project, "sop.site.check")
    assert check.returncode == 0, check.stderr
    for stem, comments in added.items():
        lines = (folder / f"{stem}.yml").read_text(encoding="utf-8").splitlines()
        for comment in comments:
            number = next(index for index, line in enumerate(lines) if line.endswith(f"# {comment}"))
            # One notice per block of comment lines, at its first (the schema line is none).
            first = number
            while first > 1 and any(
                    lines[first - 1].endswith(f"# {other}") for other in comments):
                first -= 1
            assert re.search(rf"^Let op: data/{stem}\.yml:({'|'.join(str(n + 1) for n in range(first, number + 1))}):"
                             rf"\d+: hier staat commentaar \(een regel met #\).*make bijwerken.*'notities'",
                             check.stdout, re.MULTILINE), (stem, comment)
    result = run(project, "sop.data.bijwerken", "data")
    assert result.returncode == 0, result.stderr
    assert f"bijgewerkt van versie 2.1 naar {SCHEMA_VERSION}" in result.stdout
    assert "hier staat commentaar" not in run(project, "sop.site.check").stdout
    for stem in DATA_FILES:
        new = yaml.safe_load((folder / f"{stem}.yml").read_text(encoding="utf-8"))
        notes = "\n".join(_notes(new))
        assert [comment for comment in added[stem] if comment not in notes] == [], (school, stem)
        assert _without_notes(new) == _without_notes(yaml.safe_load(
            (SCHOOLS[school] / f"{stem}.yml").read_text(encoding="utf-8"))), (school, stem)
    # The profile reads as before: nothing of the notes reaches the site or the open data.
    assert compare_profiles(load_profile(SCHOOLS[school]), load_profile(folder)) == []


# --- The site: every fact the 1.0 site carried -----------------------------------------


def _norm(text: str) -> str:
    return " ".join(text.split())


def site_text(root: Path) -> dict:
    """What a reader reads on a built site: each page's text, and the cells of every table row."""
    site = Site(root)
    names = sorted("" if page.parent == root else page.parent.relative_to(root).as_posix()
                   for page in root.glob("**/index.html") if not {"search", "assets"} & set(page.parts))
    pages, rows = {}, []
    for name in names:
        article = site.article(name)
        if article is None:
            continue
        pages[name] = _norm(article.get_text(" "))
        # Body rows only (headings are wording, not facts), cells in any order (the columns moved).
        rows += [sorted(_norm(cell.get_text(" ")) for cell in row.find_all(["th", "td"]))
                 for row in article.select("table tbody tr")]
    return {"pages": pages, "rows": rows}


def freeze(site_dir: Path) -> None:
    """Write site-1.0.json from a site built by the 1.0 code (git archive ed3ea39)."""
    (OLD / "site-1.0.json").write_text(json.dumps(site_text(site_dir), ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")


def _texts_in(value) -> list[str]:
    """Every text in a loaded file or document, as written."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in _texts_in(item)]


def _data_texts(value) -> list[str]:
    return [_norm(text) for text in _texts_in(value)]


@pytest.fixture(scope="module")
def migrated_site(migrated, tmp_path_factory) -> dict:
    project, _ = migrated
    site_dir = tmp_path_factory.mktemp("site-bijgewerkt")
    result = build_site(project, site_dir)
    assert result.returncode == 0, result.stderr
    return {"root": site_dir, **site_text(site_dir)}


def test_the_migrated_site_carries_every_fact_the_1_0_site_carried(migrated_site):
    old = json.loads((OLD / "site-1.0.json").read_text(encoding="utf-8"))
    old_text, new_text = " ".join(old["pages"].values()), " ".join(migrated_site["pages"].values())
    # Each line of each text in the 1.0 data that its site showed (a line was a line there).
    facts = {_norm(line) for stem in DATA_FILES if (OLD_DATA / f"{stem}.yml").exists()
             for text in _texts_in(yaml.safe_load((OLD_DATA / f"{stem}.yml").read_text(encoding="utf-8")))
             for line in text.splitlines() if len(line.strip()) > 2 and _norm(line) in old_text}
    assert len(facts) > 100
    # Without spaces: the new site splits an address into parts a line may break between.
    unspaced = "".join(new_text.split())
    missing = sorted(fact for fact in facts if "".join(fact.split()) not in unspaced)
    assert missing == [], "\n".join(missing)
    # Every table row (indicators and their marks, counts per school year, roles) is there,
    # its cells together in one row (a cell may now say more, such as who gave the status).
    def holds(new: list[str], row: list[str]) -> bool:
        return all(any(cell in other for other in new) for cell in row)

    assert [row for row in old["rows"] if not any(holds(new, row) for new in migrated_site["rows"])] == []


def test_the_site_publishes_the_schema_of_every_released_version(migrated_site):
    for version in migrations.released_versions():
        published_schema = migrated_site["root"] / "open-data" / "schema" / version / "sop.schema.json"
        assert json.loads(published_schema.read_text(encoding="utf-8")) == migrations.released_schema(version)


# --- Readers of older versions -----------------------------------------------------------


def test_a_published_1_0_profile_reads_as_the_current_version():
    old = json.loads((OLD / "sop.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(migrations.released_schema("1.0")).validate(old)
    upgraded = migrations.upgrade_document(old)
    jsonschema.Draft202012Validator(profile_json_schema()).validate(upgraded)
    assert upgraded["schema_version"] == SCHEMA_VERSION
    # Nothing the school published is lost: every text of 1.0 is still in it.
    texts = json.dumps(upgraded, ensure_ascii=False)
    lines = {line.strip() for text in _texts_in(old) for line in text.splitlines()} - {"1.0", ""}
    assert sorted(line for line in lines if json.dumps(line, ensure_ascii=False)[1:-1] not in texts) == []


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """An SWV overview of schools on 1.0 and 2.0, their sop.json served over HTTP."""
    server = SchoolServer()
    tmp = tmp_path_factory.mktemp("gemengd")
    current = published(SCHOOLS["voorbeeldschool"])
    served = {"op-1-0": json.loads((OLD / "sop.json").read_text(encoding="utf-8")), "op-2-0": current}
    schools = [{"id": school_id, "naam": school_id, "sop_json": server.serve(f"/{school_id}/open-data/sop.json",
                                                                             as_json(document))}
               for school_id, document in served.items()]
    schools.append({"id": "getijden", "naam": "getijden", "map": str(SCHOOLS["de-getijden"])})
    try:
        yield built(write_swv(tmp / "swv", schools), tmp, served=served)
    finally:
        server.close()


def test_the_swv_overview_lists_every_school_and_marks_the_1_0_one(mixed):
    assert mixed.index()["ontbrekend"] == []
    rows = {row["id"]: _norm(row.get_text(" ")) for row in mixed.article("scholen").select("tr[id]")}
    marked = [school_id for school_id, text in rows.items() if OLDER_VERSION.format(version="1.0") in text]
    assert len(rows) == 3 and len(marked) == 1
    assert "CBS Vesterhavet" in rows[marked[0]]


def _git(project: Path, *args: str) -> str:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *identity, *args], cwd=project, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def history(migrated, tmp_path_factory) -> tuple[Path, str]:
    """A school's repository: the 1.0 data adopted, then migrated and adopted again."""
    project = copy_project(tmp_path_factory.mktemp("geschiedenis"), OLD_DATA)
    status = project / "data" / "status.yml"
    status.write_text(status.read_text(encoding="utf-8").replace("vastgesteld_op: null", "vastgesteld_op: 2025-01-01"),
                      encoding="utf-8")
    commit_all(project)
    old_commit = _git(project, "rev-parse", "HEAD").strip()
    assert run(project, "sop.data.bijwerken", "data").returncode == 0
    status.write_text(status.read_text(encoding="utf-8").replace("2025-01-01", "2026-01-01"), encoding="utf-8")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "Bijgewerkt")
    return project, old_commit


def test_make_wijzigingen_compares_with_a_1_0_version(history):
    project, old_commit = history
    result = run(project, "sop.versions.wijzigingen", "--van", old_commit)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wijzigingen in het profiel sinds versie '{old_commit}'")


def test_the_versies_page_reads_a_1_0_version(history):
    from sop.versions import versies

    project, _ = history
    found = versies.read_history(project, load_profile(project / "data"))
    assert [version.profile is not None for version in found.versions] == [True, True]
    assert found.versions[1].changes.sections is not None


# --- Versioning rules -----------------------------------------------------------------------


def test_the_json_schema_changes_only_with_a_new_schema_version():
    """Fails when sop/data/schema.py changes the published or editors' JSON Schema while
    schema_version stays: give a new version (sop/writers/opendata.py), a migration step for a
    major one (sop/data/migrations), a line in README's version list, then run make schema."""
    assert stored_release(SCHEMA_VERSION) == release_files()


def test_every_released_version_has_its_migration_and_its_line_in_the_readme():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    versions = migrations.released_versions()
    assert versions[-1] == SCHEMA_VERSION == migrations.CURRENT
    steps = {(step.SOURCE, step.TARGET) for step in migrations.STEPS}
    for older, newer in zip(versions, versions[1:]):
        if migrations.version_key(newer)[0] != migrations.version_key(older)[0]:
            assert (older, newer) in steps, f"geen migratie van {older} naar {newer} in sop/data/migrations"
    for version in versions:
        assert re.search(rf"^- \*\*{re.escape(version)}\*\*", readme, re.MULTILINE), version
    assert sorted(path.name for path in RELEASED.iterdir()) == versions


# --- a newer minor version: only optional fields added, left out --------------------


def _places(value, path=()):
    """Every object in a published profile, by its path."""
    if isinstance(value, dict):
        yield path
        for key, item in value.items():
            yield from _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _places(item, (*path, index))


def _at(document, path):
    for step in path:
        document = document[step]
    return document


def _newer_minor() -> str:
    major, minor = migrations.version_key(SCHEMA_VERSION)
    return f"{major}.{minor + 1}"


@pytest.fixture(scope="module")
def current_document():
    from sop.swv.published import read_published

    document = published(SCHOOLS["voorbeeldschool"])
    return document, read_published(document)


def test_a_newer_minor_version_is_read_without_the_fields_it_added(current_document):
    """A school on newer code publishes fields this overview does not know yet: every
    place such a field can be added, with every kind of value, is read as before."""
    from sop.swv.published import read_published

    document, expected = current_document
    # Not in a row's counts: their keys are school years, data rather than fields.
    places = [path for path in _places(document) if not (len(path) > 1 and path[-1] == "aantallen")]
    assert len(places) > 50
    values = ["tekst", 3, None, [1, 2], {"diep": {"dieper": True}}]
    for number, path in enumerate(places):
        newer = json.loads(json.dumps(document))
        newer["schema_version"] = _newer_minor()
        _at(newer, path)[f"nieuw_veld_{number}"] = values[number % len(values)]
        read = read_published(newer)
        assert read.newer and not read.older and read.version == _newer_minor()
        assert (read.school, read.status, read.expertise, read.basisondersteuning, read.aantallen) == (
            expected.school, expected.status, expected.expertise, expected.basisondersteuning, expected.aantallen)
        assert f"nieuw_veld_{number}" in json.dumps(newer)  # the school's document itself is left as it is


def test_a_newer_minor_version_with_a_wrong_known_field_is_still_refused(current_document):
    from sop.swv.published import Unreadable, read_published

    document, _ = current_document
    newer = {**json.loads(json.dumps(document)), "schema_version": _newer_minor()}
    newer["school"]["naam"] = 42
    with pytest.raises(Unreadable, match="voldoet niet aan het schema: een waarde heeft het verkeerde type"):
        read_published(newer)


def test_a_newer_major_version_is_refused(current_document):
    from sop.swv.published import Unreadable, read_published

    document, _ = current_document
    major = migrations.version_key(SCHEMA_VERSION)[0] + 1
    with pytest.raises(Unreadable, match=rf"nieuwere schema_version \({major}\.0\) dan dit overzicht kent"):
        read_published({**document, "schema_version": f"{major}.0"})


def test_a_school_on_a_newer_minor_version_is_marked_in_the_overview(current_document):
    from sop.swv.render import NEWER_VERSION

    assert "nieuwere versie" in NEWER_VERSION.format(version=_newer_minor())


# --- the minor-version rule, enforced --------------------------------------------------


def test_every_minor_version_only_adds_optional_fields():
    """Each released version, and today's schema, against the release before it of the same major."""
    versions = migrations.released_versions()
    schemas = [(version, migrations.released_schema(version)) for version in versions]
    schemas.append((SCHEMA_VERSION, profile_json_schema()))
    for (older, old), (newer, new) in zip(schemas, schemas[1:]):
        if migrations.version_key(older)[0] == migrations.version_key(newer)[0]:
            assert migrations.minor_version_problems(old, new) == [], (older, newer)


def test_the_minor_version_rule_sees_what_breaks_it():
    current = profile_json_schema()
    assert migrations.minor_version_problems(current, current) == []
    root = "school"
    for change, expected in (
        (lambda s, d: d[root]["properties"].update(nieuw={"type": "string"}), []),
        (lambda s, d: (d[root]["properties"].update(nieuw={"type": "string"}), d[root]["required"].append("nieuw")),
         [f"'sop.json.school.nieuw' is nu verplicht"]),
        (lambda s, d: d[root]["properties"].pop("naam"), ["'sop.json.school.naam' is verdwenen"]),
        (lambda s, d: d[root]["properties"].update(naam={"type": "integer"}), ["'sop.json.school.naam' heeft een ander type"]),
    ):
        new = json.loads(json.dumps(current))
        definitions = {name: new["$defs"][new["properties"][name]["$ref"].rsplit("/", 1)[-1]]
                       for name in ("school",) if "$ref" in new["properties"][name]} or {"school": new["properties"]["school"]}
        change(new, definitions)
        assert migrations.minor_version_problems(current, new) == expected
