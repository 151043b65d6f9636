"""Adopted versions (issue 14): the Versies page and open-data/versies/<datum>/sop.json.

A fixture repository with a made-up history: three adopted versions of the
voorbeeldschool, with between them a renamed person, a new school year, a
changed indicator marking, a reordered list and a name withheld later, and one
change after the last adoption. Built as `make build` does, it shows what a
reader sees; a copy without .git builds without the page.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from conftest import SCHOOLS, Site, build_site, copy_project, dump_data_yaml

from sop.versions import versies

TODAY = "2032-02-01"  # SOP_VANDAAG: after the third adoption, long before its renewal
WITHHELD = "Kim Klaver"  # joins the team, and is withheld before the third adoption
RENAMED = ("Pim Proef", "Pim Proefmans")


# --- a fixture repository -----------------------------------------------------------

def git(project: Path, *args: str, day: str = "2029-01-01") -> str:
    stamp = f"{day}T12:00:00+01:00"
    env = dict(os.environ, GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *identity, *args], cwd=project, env=env, check=True,
                          capture_output=True, text=True).stdout


def commit(project: Path, day: str, message: str) -> None:
    git(project, "add", "-A", day=day)
    git(project, "commit", "-q", "-m", message, day=day)


def edit(project: Path, name: str, change) -> None:
    """Change data/<name> as YAML (a function of the loaded data) or as text (old, new)."""
    path = project / "data" / name
    text = path.read_text(encoding="utf-8")
    if isinstance(change, tuple):
        assert change[0] in text, (name, change[0])
        path.write_text(text.replace(*change), encoding="utf-8")
    else:
        data = yaml.safe_load(text)
        change(data)
        path.write_text(dump_data_yaml(data), encoding="utf-8")


def adopt(project: Path, day: str, advice: str, year: str) -> None:
    status = f"schooljaar: {year}\nvastgesteld_op: {day}\nadvies_mr_op: {advice}\nvernieuwen_voor: null\n"
    (project / "data" / "status.yml").write_text(status, encoding="utf-8")
    commit(project, day, f"Vastgesteld op {day}")


def add_school_year(data: dict) -> None:
    table = data["tabellen"][0]
    table["schooljaren"].append("2033/2034")
    for group in table["groepen"]:
        for row in group["rijen"]:
            row["aantallen"]["2033/2034"] = 31


def change_marking(data: dict) -> None:
    indicator = data["domeinen"][0]["groepen"][0]["indicatoren"][1]
    assert indicator["id"] == "gedragsregels"
    indicator["status"] = {"kolom": 3, "markering": "X"}


def make_history(project: Path) -> None:
    """Three adoptions, with every kind of change the issue names in between."""
    (project / "data" / "status.yml").write_text(
        "schooljaar: null\nvastgesteld_op: null\nadvies_mr_op: null\nvernieuwen_voor: null\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    commit(project, "2029-05-01", "Eerste versie van de gegevens")
    adopt(project, "2029-10-01", "2029-09-15", "2029/2030")

    for name in ("expertise.yml", "sociale-veiligheid.yml"):
        edit(project, name, (RENAMED[0], RENAMED[1]))
    edit(project, "expertise.yml", lambda data: data["medewerkers"].append(
        {"naam": WITHHELD, "functie": ["Leerkracht groep 3"], "focusgebied": ["Lezen"]}))
    commit(project, "2030-01-15", "Pim heet nu Proefmans; Kim in het team")
    edit(project, "kansen-en-belemmeringen.yml", ("[Moestuin, Kleine klassen]", "[Kleine klassen, Moestuin]"))
    commit(project, "2030-03-01", "Andere volgorde")
    adopt(project, "2030-10-01", "2030-09-15", "2030/2031")

    edit(project, "aantallen.yml", add_school_year)
    commit(project, "2031-01-15", "Nieuw schooljaar")
    edit(project, "basisondersteuning.yml", change_marking)
    commit(project, "2031-02-01", "Gedragsregels zijn er nu")
    edit(project, "instellingen.yml", lambda data: data["namen_verbergen"].append(WITHHELD))
    commit(project, "2031-03-01", "Kim wil niet met naam op de site")
    adopt(project, "2031-10-01", "2031-09-20", "2031/2032")

    edit(project, "kansen-en-belemmeringen.yml", ("[Nieuwe leesmethode]", "[Nieuwe leesmethode, Nieuwe rekenmethode]"))
    commit(project, "2032-01-10", "Rekenmethode in de planning")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("versies"), SCHOOLS["voorbeeldschool"])
    make_history(project)
    return project


@pytest.fixture(scope="module")
def built(project) -> tuple[Site, subprocess.CompletedProcess]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOP_VANDAAG", TODAY)
        result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    return Site(project / "site", name="versies"), result


@pytest.fixture(scope="module")
def page(built):
    return built[0].article("versies")


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


def version_block(page, day: str) -> str:
    """The text of one version: from its heading to the next version's."""
    heading = page.find(id=f"versie-{day}")
    assert heading is not None, f"geen versie-{day}"
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h3":
            break
        parts.append(text(sibling))
    return " ".join(parts)


# --- git: which commits are adopted versions -------------------------------------------

def test_every_new_vastgesteld_op_is_a_version_oldest_first(project):
    found = [adoption.status.vastgesteld_op for adoption in versies.adoption_commits(project)]
    assert found == [datetime.date(2029, 10, 1), datetime.date(2030, 10, 1), datetime.date(2031, 10, 1)]


def test_an_adoption_merged_from_a_branch_counts_once_at_its_merge(tmp_path):
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    status = repo / "data" / "status.yml"
    status.write_text("vastgesteld_op: null\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "2029-01-01", "Begin")
    git(repo, "checkout", "-q", "-b", "vaststelling")
    status.write_text("vastgesteld_op: 2029-10-01\n", encoding="utf-8")
    commit(repo, "2029-10-01", "Vastgesteld")
    status.write_text("# Vastgesteld.\nvastgesteld_op: 2029-10-01\n", encoding="utf-8")
    commit(repo, "2029-10-02", "Alleen commentaar")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge", "vaststelling", day="2029-10-03")
    found = versies.adoption_commits(repo)
    assert [(adoption.commit, adoption.status.vastgesteld_op) for adoption in found] == [
        (git(repo, "rev-parse", "HEAD").strip(), datetime.date(2029, 10, 1))]


def test_a_shallow_clone_or_an_export_has_no_history(project, tmp_path):
    assert versies.history_available(project)
    shallow = tmp_path / "ondiep"
    subprocess.run(["git", "clone", "-q", "--depth", "1", project.as_uri(), str(shallow)], check=True)
    assert not versies.history_available(shallow)
    export = tmp_path / "export"
    export.mkdir()
    assert not versies.history_available(export)


# --- the Versies page --------------------------------------------------------------------

def test_versions_newest_first_with_their_dates_and_open_data(page):
    headings = [text(h) for h in page.select("h3[id^=versie-]")]
    assert [h.removesuffix("¶").strip() for h in headings] == [
        "Versie van 1 oktober 2031", "Versie van 1 oktober 2030", "Versie van 1 oktober 2029"]
    newest = version_block(page, "2031-10-01")
    assert "Dit is de nieuwste vastgestelde versie." in newest
    assert "Vastgesteld door het bevoegd gezag op 1 oktober 2031" in newest
    assert "Advies medezeggenschapsraad op 20 september 2031" in newest
    assert "Schooljaar 2031/2032" in newest
    links = [a["href"] for a in page.select("a[href$='sop.json']")]
    assert links == [f"../open-data/versies/{day}/sop.json" for day in ("2031-10-01", "2030-10-01", "2029-10-01")]
    assert "Dit is de eerste vastgestelde versie op deze site." in version_block(page, "2029-10-01")


def test_a_renamed_person_and_no_change_for_a_reordered_list(page):
    second = version_block(page, "2030-10-01")
    assert "Veranderd ten opzichte van de versie van 1 oktober 2029" in second
    assert f"'{RENAMED[0]}' → '{RENAMED[1]}'" in second
    # Moestuin and Kleine klassen only swapped places.
    assert "Moestuin" not in second and "Mogelijkheden en grenzen" not in second


def test_a_new_school_year_and_a_changed_marking(page):
    third = version_block(page, "2031-10-01")
    assert "Nieuw schooljaar 2033/2034" in third
    assert "gedragsregels" in third.lower() and "→" in third
    assert "'X' (Deels) → 'X' (Ja)" in third


def test_what_changed_since_the_last_adoption_is_not_adopted_yet(page):
    heading = page.find(id="nog-niet-vastgesteld")
    pending = text(heading.find_next_sibling())
    following = " ".join(text(s) for s in heading.find_next_siblings()[:3])
    assert "nog niet vastgesteld" in pending
    assert "sinds de vaststelling van 1 oktober 2031" in pending
    assert "Nieuwe rekenmethode" in following
    # Only there: the newest adopted version does not have it.
    assert "Nieuwe rekenmethode" not in version_block(page, "2031-10-01")


def test_the_renewal_cycle(page):
    assert [text(item) for item in page.select("ol.sop-cyclus li")] == [
        "Advies van de medezeggenschapsraad: 20 september 2031",
        "Vastgesteld door het bevoegd gezag: 1 oktober 2031",
        "Uiterlijk vernieuwen: 1 oktober 2035",
    ]
    # The law's rule, marked as such: the school's profile does not say it.
    assert "Wat de wet vraagt (dit staat niet in het profiel zelf): het bevoegd gezag stelt het profiel " \
        "minstens eens in de vier jaar vast, na advies van de medezeggenschapsraad." in text(page)


def test_last_changed_follows_every_data_file(built):
    """The part not adopted yet changed on 10 January 2032, in kansen-en-belemmeringen.yml."""
    site, _ = built
    assert "Laatst gewijzigd: 10 januari 2032" in text(site.page("versies"))


def test_every_anchor_on_the_page_is_unique(built):
    site, _ = built
    ids = [tag["id"] for tag in site.page("versies").select("[id]")]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_the_page_is_in_the_navigation(built):
    site, _ = built
    nav = [text(a) for a in site.page("").select("nav.md-nav--primary a.md-nav__link")]
    assert "Versies" in nav


# --- a withheld name ------------------------------------------------------------------------

def test_a_withheld_name_is_never_shown(built, project):
    site, _ = built
    shown = (site.root / "versies" / "index.html").read_text(encoding="utf-8")
    assert WITHHELD not in shown
    # Kim joined before the second adoption: that comparison says someone joined.
    assert "een medewerker van wie de naam niet gepubliceerd wordt" in version_block(
        site.article("versies"), "2030-10-01")
    for document in (site.root / "open-data" / "versies").rglob("*.json"):
        assert WITHHELD not in document.read_text(encoding="utf-8"), document
    # Still withheld when Kim was not withheld yet: the version of 2030 lists her, without a name.
    team = json.loads((site.root / "open-data/versies/2030-10-01/sop.json").read_text())["expertise"]["medewerkers"]
    assert any(person["naam"] is None and person["functie"] == ["Leerkracht groep 3"] for person in team)


# --- open data per version -------------------------------------------------------------------

def test_each_version_keeps_its_own_sop_json(built):
    site, _ = built
    folder = site.root / "open-data" / "versies"
    assert sorted(p.name for p in folder.iterdir()) == ["2029-10-01", "2030-10-01", "2031-10-01"]
    for day, year in (("2029-10-01", "2029/2030"), ("2030-10-01", "2030/2031"), ("2031-10-01", "2031/2032")):
        document = json.loads((folder / day / "sop.json").read_text(encoding="utf-8"))
        assert document["status"]["vastgesteld_op"] == day
        assert document["status"]["schooljaar"] == year
    oldest = json.loads((folder / "2029-10-01" / "sop.json").read_text(encoding="utf-8"))
    assert RENAMED[1] not in json.dumps(oldest, ensure_ascii=False)
    assert any(p["naam"] == RENAMED[0] for p in oldest["expertise"]["medewerkers"])


# --- without history ---------------------------------------------------------------------------

def without_builds(project: Path, *names: str):
    """copytree's ignore: the project's built sites and caches (not the package's sop/site/)."""
    def ignore(folder, entries):
        at_root = Path(folder) == project
        return [entry for entry in entries if entry in names or entry.startswith(".site-")
                or (at_root and entry in ("site", "site-zensical", ".cache"))]
    return ignore


def test_without_git_history_the_site_builds_without_the_page_and_says_so(project, tmp_path):
    export = tmp_path / "export"
    shutil.copytree(project, export, ignore=without_builds(project, ".git"))
    result = build_site(export, export / "site")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(versies.NO_HISTORY) == 1, result.stderr
    assert not (export / "site" / "versies").exists()
    assert not (export / "site" / "open-data" / "versies").exists()
    assert "versies/" not in (export / "site" / "sitemap.xml").read_text(encoding="utf-8")
    home = (export / "site" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r'href="[^"]*versies', home)


# --- an old version that today's checks reject --------------------------------------------------

def test_an_old_version_that_no_longer_validates_does_not_break_the_build(tmp_path):
    project = copy_project(tmp_path / "oud", SCHOOLS["voorbeeldschool"])
    git(project, "init", "-q", "-b", "main")
    # A field today's schema does not know: then valid, now an error.
    edit(project, "school.yml", lambda data: data.update(faxnummer="0201234567"))
    adopt(project, "2029-10-01", "2029-09-15", "2029/2030")
    edit(project, "school.yml", lambda data: data.pop("faxnummer"))
    adopt(project, "2030-10-01", "2030-09-15", "2030/2031")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    assert "Let op: de versie van 1 oktober 2029 staat niet als open data op de site" in result.stderr
    page = Site(project / "site").article("versies")
    newest = version_block(page, "2030-10-01")
    assert "Deze versie kan niet worden vergeleken: de versie ervoor is niet leesbaar" in newest
    oldest = version_block(page, "2029-10-01")
    assert ("Deze versie is niet leesbaar: de gegevens van toen kloppen niet met de controle van nu "
            "(1 fout in data/school.yml). Open data van deze versie: niet beschikbaar") in oldest
    assert "0201234567" not in text(page)
    assert sorted(p.name for p in (project / "site/open-data/versies").iterdir()) == ["2030-10-01"]


# --- the pull request's comparison (the workflow step's own script) -----------------------------

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "school.yml"


def comparison_step() -> str:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return next(step["run"] for step in workflow["jobs"]["wijzigingen"]["steps"]
                if step.get("name") == "Vergelijken met de basisbranch")


def run_comparison_step(project: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess, str]:
    """The step as GitHub runs it (bash -e, pipefail), on a pull request against main."""
    summary = tmp_path / "summary.md"
    summary.write_text("", encoding="utf-8")
    if not (project / ".venv").exists():
        (project / ".venv").symlink_to(Path(__file__).resolve().parent.parent / ".venv")
    git(project, "update-ref", "refs/remotes/origin/main", "main")
    env = dict(os.environ, BASE_REF="main", GITHUB_STEP_SUMMARY=str(summary))
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", comparison_step()],
                            cwd=project, env=env, capture_output=True, text=True)
    return result, summary.read_text(encoding="utf-8")


@pytest.fixture
def pull_request(project, tmp_path) -> Path:
    """A clone of the fixture repository on a branch of its own, as a pull request."""
    clone = tmp_path / "pr"
    subprocess.run(["git", "clone", "-q", project.as_uri(), str(clone)], check=True)
    git(clone, "checkout", "-q", "-b", "voorstel")
    return clone


def test_a_pull_request_gets_the_comparison_in_markdown(pull_request, tmp_path):
    edit(pull_request, "kansen-en-belemmeringen.yml", ("Moestuin]", "Moestuin, Schoolbibliotheek]"))
    edit(pull_request, "expertise.yml", ("Tess Toets", "Tess de Toets"))
    result, summary = run_comparison_step(pull_request, tmp_path)
    assert result.returncode == 0, result.stderr
    assert summary.startswith("## Wat deze pull request verandert in het profiel\n"), summary
    assert "Schoolbibliotheek" in summary and "Tess de Toets" in summary
    assert WITHHELD not in summary
    assert summary == (pull_request / "wijzigingen" / "opmerking.md").read_text(encoding="utf-8")


def rendered(markdown: str) -> BeautifulSoup:
    """The markdown as GitHub shows it (CommonMark, no raw HTML)."""
    return BeautifulSoup(MarkdownIt("commonmark", {"html": False}).render(markdown), "html.parser")


def test_a_data_error_gives_the_dutch_errors_instead(pull_request, tmp_path):
    edit(pull_request, "expertise.yml", ("  functie:\n  - Directeur", "  funcite:\n  - Directeur"))
    result, summary = run_comparison_step(pull_request, tmp_path)
    assert result.returncode == 0, result.stderr  # the comment shows the errors; Controle en bouw fails
    shown = rendered(summary)
    assert text(shown.h2) == "Wat deze pull request verandert in het profiel"
    assert text(shown.p).startswith("Er is geen vergelijking.")
    # One list item per line of the report, word for word, so it wraps on a phone.
    report = [line for line in result.stderr.splitlines() if line.startswith(("De gegevens", "data/"))]
    assert [text(item) for item in shown.select("li")] == report
    assert report[0].startswith("De gegevens in data/ bevatten 2 fouten")
    assert any(re.match(r"data/expertise\.yml:\d+:\d+: .*'functie'", line) for line in report)
    assert not shown.select("pre, code")


# --- Zensical (sop/site/zensical.py) ---------------------------------------------------------------------

ZENSICAL_PYTHON = Path(__file__).resolve().parent.parent / ".venv-zensical" / "bin" / "python"


def build_zensical(project: Path) -> subprocess.CompletedProcess:
    if not ZENSICAL_PYTHON.exists():
        pytest.skip("Zensical ontbreekt (.venv-zensical); tests/test_zensical.py installeert het")
    return subprocess.run([ZENSICAL_PYTHON, "-m", "sop.site.zensical", "site-zensical"], cwd=project,
                          capture_output=True, text=True, env=dict(os.environ, SOP_VANDAAG=TODAY))


def test_zensical_builds_the_page_with_history_and_leaves_it_out_without(project, tmp_path):
    with_history = tmp_path / "met"
    shutil.copytree(project, with_history, ignore=without_builds(project))
    result = build_zensical(with_history)
    assert result.returncode == 0, result.stdout + result.stderr
    assert versies.NO_HISTORY not in result.stderr
    page = Site(with_history / "site-zensical").article("versies")
    assert len(page.select("h3[id^=versie-]")) == 3
    assert (with_history / "site-zensical/open-data/versies/2031-10-01/sop.json").exists()

    export = tmp_path / "export"
    shutil.copytree(with_history, export, ignore=shutil.ignore_patterns(".git", "site-zensical", ".cache", ".site-*"))
    result = build_zensical(export)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.count(versies.NO_HISTORY) == 1, result.stderr
    site = export / "site-zensical"
    assert not (site / "versies").exists() and not (site / "versies.md").exists()
    assert not (site / "open-data" / "versies").exists()
    assert not re.search(r'href="[^"]*versies', (site / "index.html").read_text(encoding="utf-8"))



# --- a new school made from this template: only its own commits count (issue 22) ----------------

TEMPLATE = SCHOOLS["bron"]  # the school whose history a fork inherits
NEW_SCHOOL = SCHOOLS["de-getijden"]
TAKEOVER = "2030-05-01"  # the first commit whose data/school.yml names the new school


def append(project: Path, path: str, line: str) -> None:
    with (project / path).open("a", encoding="utf-8") as file:
        file.write(f"\n{line}\n")


def template_history(path: Path) -> Path:
    """The template school's own history; branch 'sjabloon' is where the template goes on."""
    project = copy_project(path, TEMPLATE)
    git(project, "init", "-q", "-b", "main")
    commit(project, "2027-01-10", "Sjabloon")
    for page in ("begrippen.md", "onderwijs.md", "ondersteuning.md"):
        append(project, f"docs/{page}", "Een zin van de school van het sjabloon.")
    edit(project, "expertise.yml", ("Niels Boersma", "Niels Boersma-Jansen"))
    commit(project, "2028-02-01", "Sjabloon bijgewerkt")
    git(project, "branch", "sjabloon")
    return project


def new_school_data(project: Path, keep: tuple[str, ...] = ()) -> None:
    """data/ becomes the new school's; the files in `keep` stay as they are."""
    kept = {name: (project / "data" / name).read_bytes() for name in keep}
    shutil.rmtree(project / "data")
    shutil.copytree(NEW_SCHOOL, project / "data")
    for name, content in kept.items():
        (project / "data" / name).write_bytes(content)


def fork(project: Path) -> None:
    """A fork (or 'use this template'): the school's data in one commit, the template's glossary kept."""
    new_school_data(project, keep=("begrippen.yml",))
    commit(project, TAKEOVER, "Onze school")


def starter(project: Path) -> None:
    """README, 'Een andere school': the template's data aside, make nieuwe-school, then filled in."""
    from sop.data.starter import write_starter

    (project / "data").rename(project / "data-oud")
    commit(project, "2030-04-01", "Gegevens van het sjabloon opzij")
    write_starter(project / "data")
    commit(project, "2030-04-15", "Lege school")
    new_school_data(project)
    shutil.copy(project / "data-oud" / "begrippen.yml", project / "data" / "begrippen.yml")
    commit(project, TAKEOVER, "Onze school ingevuld")


def own_edits(project: Path) -> None:
    append(project, "docs/onderwijs.md", "Een zin van onze school.")
    commit(project, "2030-06-01", "Zin over ons onderwijs")
    append(project, "data/expertise.yml", "  - naam: Nieuwe Collega\n    functie: [IB]")
    commit(project, "2030-07-01", "Nieuwe collega")


def sync_fork(project: Path) -> None:
    """The template goes on, and the fork merges that in (GitHub's Sync fork)."""
    git(project, "checkout", "-q", "sjabloon")
    append(project, "docs/begrippen.md", "Een betere uitleg van het sjabloon.")
    commit(project, "2030-08-01", "Sjabloon verbeterd")
    git(project, "checkout", "-q", "main")
    git(project, "merge", "-q", "--no-ff", "-m", "Sync fork", "sjabloon", day="2030-09-01")


def rename(field: str, value: str):
    def step(project: Path) -> None:
        edit(project, "school.yml", lambda data: data.update({field: value}))
        commit(project, "2031-01-01", f"Nieuwe {field}")
    return step


# Per route after the template's history: its steps, and the footer of each page that differs
# from the fork's (None: no date). A new name or number keeps the school's history.
OWN_FOOTERS = {"onderwijs.md": "1 juni 2030", "ondersteuning.md": "1 juli 2030",
               "feiten-en-cijfers.md": "1 mei 2030", "begrippen.md": None}
ROUTES = {
    "fork": ([fork, own_edits], {}),
    "nieuwe-school": ([starter, own_edits], {"begrippen.md": "1 mei 2030"}),
    "sync-fork": ([fork, own_edits, sync_fork], {"begrippen.md": "1 september 2030"}),
    "nieuwe-naam": ([fork, own_edits, rename("naam", "IKC Het Getij")], {}),
    "nieuw-brinnummer": ([fork, own_edits, rename("brinnummer", "99ZZ01")], {}),
}


@pytest.mark.parametrize("route", ROUTES)
def test_a_new_school_shows_only_its_own_dates(route, tmp_path):
    from sop.versions import history
    from sop.site import theme
    from sop.data.profile import load_profile

    project = template_history(tmp_path)
    steps, footers = ROUTES[route]
    for step in steps:
        step(project)

    settings = theme.theme_settings(project, load_profile(project / "data"), None, None)
    shown = settings["extra"]["sop_laatst_gewijzigd_html"]
    for page, day in {**OWN_FOOTERS, **footers}.items():
        assert shown.get(theme.page_url(page)) == (day and f"<p>Laatst gewijzigd: {day}</p>"), page
    days = [day.isoformat() for day, _ in history.change_log(project)]
    assert days and min(days) == TAKEOVER, days
    assert "2030-08-01" not in days  # the template's own commit, merged in by Sync fork


def test_a_new_school_lists_only_its_own_adopted_versions(tmp_path):
    """The template school's adoption is not a version of the new school's profile."""
    project = template_history(tmp_path)
    edit(project, "status.yml", ("vastgesteld_op: null", "vastgesteld_op: 2027-03-01"))
    commit(project, "2028-03-01", "Sjabloon vastgesteld")
    fork(project)
    adopted = [adoption.status.vastgesteld_op for adoption in versies.adoption_commits(project) if adoption.status]
    assert adopted == [yaml.safe_load((NEW_SCHOOL / "status.yml").read_text(encoding="utf-8"))["vastgesteld_op"]]
