"""`sop nieuw`: a school's (or an SWV's) repository holds only its content and a pinned package (issue 19).

The fast tests read the written tree; the slow ones build this repository as a wheel,
install it in a fresh venv beside a new repository and run that repository's own make
targets, as a school would after `git clone`.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, SCHOOLS, TESTS

PACKAGE = PROJECT / "sop"
TEMPLATES = PACKAGE / "nieuw"
BRON = "https://github.com/voorbeeld-org/sop.pakket"
COMMIT = "0123456789abcdef0123456789abcdef01234567"
VERSION = "1.4.2"
SCHOOL_FILES = {
    "Makefile", "README.md", "CONTRIBUTING.md", "mkdocs.yml", "macros.py", "requirements.txt", ".gitignore",
    "tests/README.md", ".github/workflows/site.yml", ".github/dependabot.yml",
    "data/school.yml", "data/basisondersteuning.yml", "data/gepubliceerde-adressen.txt", "docs/index.md",
}
SWV_FILES = {
    "Makefile", "README.md", "mkdocs-swv.yml", "requirements.txt", ".gitignore", ".github/workflows/overzicht.yml",
    ".github/dependabot.yml", "swv/samenwerkingsverband.yml", "swv/scholen.yml", "swv/specialismen.yml",
    "swv/vergelijkingen.yml", "docs-swv/index.md",
}
# The one Python file a school's repository holds: the loader of the package's macros
# (its checks need none: `sop test` brings them).
PYTHON_FILES = {
    "macros.py": "# The pages' macros ({{ aantallen() }} …) come from the installed package.\n"
                 "from sop.site.macros import define_env, on_pre_page_macros  # noqa: F401\n",
}


def fake_distribution(folder: Path, version: str = VERSION, direct_url: dict | None = None) -> Path:
    """A site-packages folder in which pip 'installed' the package; first on PYTHONPATH,
    importlib.metadata finds it before the real one."""
    info = folder / f"schoolondersteuningsprofiel-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: schoolondersteuningsprofiel\nVersion: {version}\n", encoding="utf-8")
    if direct_url is not None:
        (info / "direct_url.json").write_text(json.dumps(direct_url), encoding="utf-8")
    return folder


def from_git(url: str, revision: str, commit: str = COMMIT) -> dict:
    return {"url": url, "vcs_info": {"vcs": "git", "requested_revision": revision, "commit_id": commit}}


def sop_nieuw(cwd: Path, *args: str, site: Path | None = None) -> subprocess.CompletedProcess:
    path = [str(site)] if site else []
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([*path, str(PROJECT)]))
    return subprocess.run([sys.executable, "-m", "sop", "nieuw", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


class _Config(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it, with its !ENV values as plain lists."""


_Config.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node))


def read_config(text: bytes) -> dict:
    return yaml.load(text, Loader=_Config)


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """A school's and an SWV's repository, from a package pip installed from its tag on GitHub."""
    tmp = tmp_path_factory.mktemp("nieuw")
    site = fake_distribution(tmp / "site", direct_url=from_git(f"{BRON}.git", f"v{VERSION}"))
    result = {}
    for kind, args in (("school", ()), ("swv", ("--swv",))):
        outcome = sop_nieuw(tmp, *args, kind, site=site)
        assert outcome.returncode == 0, outcome.stderr
        assert outcome.stdout.startswith("Een nieuwe repository voor ")
        result[kind] = tree(tmp / kind)
    return result


# --- What is written ------------------------------------------------------------------


def test_a_school_repository_has_its_content_and_the_package_pinned(written):
    school = written["school"]
    assert SCHOOL_FILES <= school.keys()
    assert not any(name.startswith(("swv/", "docs-swv/")) for name in school)
    config = read_config(school["mkdocs.yml"])
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert plugins[-1] == "sop" and "macros" in plugins
    assert {"module_name": "macros"}.items() <= config["plugins"][plugins.index("macros")]["macros"].items()
    assert "custom_dir" not in config["theme"] and "hooks" not in config and "extra_css" not in config
    # Every page in the menu is there, and nothing else in docs/.
    pages = {next(iter(item.values())) for item in config["nav"]}
    assert pages == {name.removeprefix("docs/") for name in school if name.startswith("docs/")}


def test_an_swv_repository_has_only_the_overview(written):
    swv = written["swv"]
    assert SWV_FILES <= swv.keys()
    assert not any(name.startswith(("data/", "docs/", "tests/")) for name in swv)
    config = read_config(swv["mkdocs-swv.yml"])
    plugins = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "sop-swv" in plugins and config["docs_dir"] == "docs-swv"
    workflow = yaml.safe_load(swv[".github/workflows/overzicht.yml"])
    assert workflow[True]["schedule"] == [{"cron": "17 5 * * 1,4"}]


def _without_reference_only(config: dict) -> dict:
    """The settings without what only the reference school's site has: an old address it
    keeps working (redirects) and the package's own code to watch while it is worked on."""
    plugins = [plugin for plugin in config["plugins"] if not (isinstance(plugin, dict) and "redirects" in plugin)]
    return {**config, "plugins": plugins, "watch": [entry for entry in config["watch"] if entry == "data"]}


@pytest.mark.parametrize("kind, config", [("school", "mkdocs.yml"), ("swv", "mkdocs-swv.yml")])
def test_a_new_repository_gets_the_settings_of_this_one(written, kind, config):
    """The settings a new school or SWV starts with are this repository's, so the
    reference school tests what every new one gets (and the two cannot drift)."""
    ours, new = read_config((PROJECT / config).read_bytes()), read_config(written[kind][config])
    assert (_without_reference_only(ours) if kind == "school" else ours) == new


def test_no_python_file_but_the_macros_loader(written):
    python = {kind: {name: body.decode() for name, body in files.items() if name.endswith(".py")}
              for kind, files in written.items()}
    assert python == {"school": PYTHON_FILES, "swv": {}}


def test_no_package_file_is_copied(written):
    """The code, theme overrides, CSS, scripts and schemas come from the installed package,
    so an upgrade brings them; only the content templates of sop nieuw are written out."""
    content_templates = (TEMPLATES / "school", TEMPLATES / "swv", PACKAGE / "data" / "starter")
    package = {path.read_bytes(): path for path in PACKAGE.rglob("*")
               if path.is_file() and "__pycache__" not in path.parts
               and not any(path.is_relative_to(folder) for folder in content_templates)}
    # data/schema/: the editors' schemas of the data beside it, which make bijwerken rewrites with it.
    copied = {f"{kind}/{name}": package[body].relative_to(PROJECT).as_posix()
              for kind, files in written.items() for name, body in files.items()
              if body in package and not name.startswith("data/schema/")}
    assert copied == {}


def test_the_pin_names_the_version_and_the_tags_commit(written):
    pin = f"schoolondersteuningsprofiel[test] @ git+{BRON}@v{VERSION}\n"
    for kind, workflow, name in (("school", "site.yml", "school.yml"), ("swv", "overzicht.yml", "overzicht.yml")):
        files = written[kind]
        assert files["requirements.txt"].decode() == pin
        uses = re.findall(r"^\s+uses: (.*)$", files[f".github/workflows/{workflow}"].decode(), re.M)
        assert uses == [f"voorbeeld-org/sop.pakket/.github/workflows/{name}@{COMMIT} # v{VERSION}"]
        dependabot = yaml.safe_load(files[".github/dependabot.yml"])
        assert {(u["package-ecosystem"], u["schedule"]["interval"], u["cooldown"]["default-days"])
                for u in dependabot["updates"]} == {("github-actions", "weekly", 7), ("pip", "weekly", 7)}
        assert f"{BRON}" in files["README.md"].decode()
        assert not [name for name, body in files.items() if b"@@" in body]


def test_no_fact_of_the_reference_school_or_swv_in_the_templates(written):
    """A new school starts from its own blank pages: nothing of CBS Vesterhavet, the fixture
    schools or the example SWV."""
    facts = set()
    for data in SCHOOLS.values():
        school = yaml.safe_load((data / "school.yml").read_text(encoding="utf-8"))
        facts |= {school["naam"], school["plaats"], school["website"], school["email"]}
    regio = yaml.safe_load((TESTS / "swv" / "regio" / "samenwerkingsverband.yml").read_text(encoding="utf-8"))
    facts |= {regio["naam"], regio["website"], "Kust en Polder"}
    found = {(f"{kind}/{name}", fact) for kind, files in written.items() for name, body in files.items()
             for fact in facts if fact.casefold() in body.decode("utf-8").casefold()}
    assert found == set()


def test_the_generated_workflows_pass_zizmor_and_actionlint(written, tmp_path):
    from workflowlint import lint_workflow_file

    for kind, name in (("school", "site.yml"), ("swv", "overzicht.yml")):
        path = tmp_path / kind / ".github" / "workflows" / name
        path.parent.mkdir(parents=True)
        path.write_bytes(written[kind][f".github/workflows/{name}"])
        assert lint_workflow_file(path) == [], kind


# --- Where the package comes from -------------------------------------------------------


@pytest.mark.parametrize("revision", ["main", "0123456", COMMIT, "v0.1.0"])
def test_an_install_from_another_revision_pins_the_tag_only(revision, tmp_path):
    """The commit goes into the workflow only when it is the tag's: a branch's commit
    beside '# v1.4.2' would say something false to whoever reads it (and to Dependabot)."""
    site = fake_distribution(tmp_path / "site", direct_url=from_git(BRON, revision))
    assert sop_nieuw(tmp_path, "school", site=site).returncode == 0
    workflow = (tmp_path / "school" / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    assert f"uses: voorbeeld-org/sop.pakket/.github/workflows/school.yml@v{VERSION}\n" in workflow


@pytest.mark.parametrize("direct_url", [None, {"url": "file:///tmp/sop-1.4.2-py3-none-any.whl", "archive_info": {}},
                                        {"url": "file:///src/sop", "dir_info": {"editable": True}},
                                        from_git("https://gitlab.com/a/b", f"v{VERSION}")])
def test_without_a_github_install_bron_is_asked_for_in_dutch(direct_url, tmp_path):
    site = fake_distribution(tmp_path / "site", direct_url=direct_url)
    result = sop_nieuw(tmp_path, "school", site=site)
    assert result.returncode == 1
    assert result.stderr.startswith("Niets geschreven: sop weet niet uit welke GitHub-repository dit pakket komt")
    assert "sop nieuw --bron https://github.com/EIGENAAR/REPOSITORY MAP" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]
    # With --bron it is written, pinned to the tag.
    assert sop_nieuw(tmp_path, "--bron", BRON, "school", site=site).returncode == 0
    assert (tmp_path / "school" / "requirements.txt").read_text(encoding="utf-8").endswith(f"@v{VERSION}\n")


HOSTILE = ["/", ";", " ", "$", "`", "'", '"', "\n", "\r", "\t", "#", "@", ":", "?", "&", "|", "<", ">", "\\", "%",
           "{", "}", "~", "*", "ë", "\u202e", "\x1b"]


def _names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    plain = string.ascii_letters + string.digits + "_.-"
    result = []
    for _ in range(count):
        owner, repo = ("".join(rng.choices(plain, k=rng.randint(1, 12))) for _ in range(2))
        bad = rng.choice(HOSTILE) * rng.randint(1, 2)
        at = rng.randint(0, 1)
        parts = [owner, repo]
        cut = rng.randint(0, len(parts[at]) - 1)  # not last: a trailing "/" is a plain address
        parts[at] = parts[at][:cut] + bad + parts[at][cut:]
        result.append((parts[0], parts[1]))
    return [*result, ("..", "sop"), ("voorbeeld", "."), ("", "sop")]


@pytest.mark.parametrize("seed", range(3))
def test_a_hostile_owner_or_repository_is_refused_and_nothing_written(seed, tmp_path):
    """Only [A-Za-z0-9_.-]: anything else could end the YAML line, start a shell command in
    the workflow or point the pin elsewhere."""
    rng = random.Random(seed)
    wheel = fake_distribution(tmp_path / "wheel")
    for number, (owner, repo) in enumerate(_names(rng, 12)):
        address = f"https://github.com/{owner}/{repo}"
        as_bron = sop_nieuw(tmp_path, "--bron", address, f"via-bron-{number}", site=wheel)
        assert as_bron.returncode != 0, address
        assert as_bron.stderr.startswith("Niets geschreven: --bron "), as_bron.stderr
        assert "Traceback" not in as_bron.stderr
        # The same name in pip's record of a git install: not trusted either, so --bron is asked for.
        site = fake_distribution(tmp_path / f"site-{number}", direct_url=from_git(address, f"v{VERSION}"))
        from_pip = sop_nieuw(tmp_path, f"via-pip-{number}", site=site)
        assert from_pip.returncode == 1 and "--bron" in from_pip.stderr, address
    assert not [path.name for path in tmp_path.iterdir() if path.name.startswith(("via-", ".nieuwe-"))]


@pytest.mark.parametrize("seed", range(3))
def test_every_plain_name_is_pinned_as_given(seed, tmp_path):
    rng = random.Random(seed)
    plain = string.ascii_letters + string.digits + "_-"
    owner = "".join(rng.choices(plain, k=rng.randint(1, 20)))
    repo = "".join(rng.choices(plain + ".", k=rng.randint(1, 20))).strip(".") or "r"
    site = fake_distribution(tmp_path / "site", direct_url=from_git(f"https://github.com/{owner}/{repo}", f"v{VERSION}"))
    assert sop_nieuw(tmp_path, "--swv", "swv", site=site).returncode == 0
    assert (tmp_path / "swv" / "requirements.txt").read_text(encoding="utf-8") == (
        f"schoolondersteuningsprofiel[test] @ git+https://github.com/{owner}/{repo}@v{VERSION}\n")


@pytest.mark.parametrize("existing", ["data/school.yml", "README.md", ".git/HEAD", "notities.txt"])
def test_a_folder_that_is_not_empty_is_left_as_it_was(existing, tmp_path):
    site = fake_distribution(tmp_path / "site", direct_url=from_git(BRON, f"v{VERSION}"))
    target = tmp_path / "school"
    (target / existing).parent.mkdir(parents=True)
    (target / existing).write_text("van de school\n", encoding="utf-8")
    before = tree(target)
    for args in ((), ("--swv",)):
        result = sop_nieuw(tmp_path, *args, "school", site=site)
        assert result.returncode == 1
        assert result.stderr.startswith(f"Niets geschreven: school/ bestaat al en is niet leeg ({existing.split('/')[0]})")
        assert tree(target) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["school", "site"]


def test_an_empty_folder_is_filled(tmp_path):
    site = fake_distribution(tmp_path / "site", direct_url=from_git(BRON, f"v{VERSION}"))
    (tmp_path / "leeg").mkdir()
    assert sop_nieuw(tmp_path, "leeg", site=site).returncode == 0
    assert (tmp_path / "leeg" / "data" / "school.yml").is_file()


def test_the_school_repositorys_data_is_make_nieuwe_schools(tmp_path):
    site = fake_distribution(tmp_path / "site", direct_url=from_git(BRON, f"v{VERSION}"))
    assert sop_nieuw(tmp_path, "school", site=site).returncode == 0
    subprocess.run([sys.executable, "-m", "sop.data.starter", "data"], cwd=tmp_path, check=True, capture_output=True,
                   env=dict(os.environ, PYTHONPATH=str(PROJECT)))
    assert tree(tmp_path / "school" / "data") == tree(tmp_path / "data")


def test_a_school_on_the_swvs_frame_answers_each_standard(tmp_path):
    site = fake_distribution(tmp_path / "site", direct_url=from_git(BRON, f"v{VERSION}"))
    frame = TESTS / "swv" / "regio" / "kader.yml"
    assert sop_nieuw(tmp_path, "school", "--kader", str(frame), site=site).returncode == 0
    written = yaml.safe_load((tmp_path / "school" / "data" / "basisondersteuning.yml").read_text(encoding="utf-8"))
    standards = [s["id"] for d in yaml.safe_load(frame.read_text(encoding="utf-8"))["domeinen"] for s in d["standaarden"]]
    assert [answer["standaard"] for answer in written["kader"]["antwoorden"]] == standards
    # Named from data/, where basisondersteuning.yml is.
    assert (tmp_path / "school" / "data" / written["kader"]["bron"]).resolve() == frame.resolve()
    # An SWV keeps its frame in swv/kader.yml.
    refused = sop_nieuw(tmp_path, "--swv", "--kader", str(frame), "swv", site=site)
    assert refused.returncode == 2 and refused.stderr.startswith("Niets geschreven: --kader hoort bij een school")
    assert not (tmp_path / "swv").exists()


# --- The real thing: a wheel, a fresh venv, the new repository's own make targets ---------

# The browser tests of the generated repository, as this repository's (tests/browser).
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """`command` as staff type it in a terminal: not as a make inside this repository's
    `make test`, which would add 'make[1]: Entering directory …' around every message."""
    outer = {name: value for name, value in os.environ.items() if name not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                            env={**outer, "CHROMIUM_PATH": CHROMIUM, **env})
    assert result.returncode == 0, f"{' '.join(command)} in {cwd}:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result


def build_wheel(source: Path, into: Path) -> Path:
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(into), str(source)], cwd=into)
    (wheel,) = into.glob("schoolondersteuningsprofiel-*.whl")
    return wheel


def install(venv: Path, wheel: Path) -> Path:
    """A fresh venv with the wheel and its test extra from PyPI (pip's cache makes repeats fast)."""
    if not venv.exists():
        _run([sys.executable, "-m", "venv", str(venv)], cwd=venv.parent)
    _run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", f"{wheel}[test]"],
         cwd=venv.parent)
    return venv


def adopt(venv: Path, repository: Path) -> None:
    """The venv as the repository's .venv, already installed: make skips its own install."""
    (repository / ".venv").symlink_to(venv, target_is_directory=True)
    (venv / "bin" / ".installed").touch()


def package_source(target: Path, version: str | None = None) -> Path:
    """A copy of the package's sources (a build writes into the folder it builds), at `version`."""
    shutil.copytree(PROJECT, target, symlinks=True, ignore=_not_the_package)
    if version:
        pyproject = target / "pyproject.toml"
        text = pyproject.read_text(encoding="utf-8")
        pyproject.write_text(re.sub(r'^version = "[^"]+"', f'version = "{version}"', text, count=1, flags=re.M),
                             encoding="utf-8")
    return target


def _not_the_package(folder: str, names: list[str]) -> set[str]:
    """What a wheel is not built from: this repository's venvs, builds and tests."""
    skipped = {"__pycache__"} | ({".git", ".venv", ".venv-zensical", "node_modules", "site", "site-swv",
                                  "site-zensical", ".cache", "build", "tests"} if Path(folder) == PROJECT else set())
    return {name for name in names if name in skipped or name.endswith(".egg-info")}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wiel")
    return build_wheel(package_source(tmp / "bron"), tmp)


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    return install(tmp_path_factory.mktemp("venv") / "venv", wheel)


def new_repository(venv: Path, target: Path, *args: str) -> Path:
    """`sop nieuw` of the installed wheel: its templates come from the wheel too."""
    result = _run([str(venv / "bin" / "sop"), "nieuw", "--bron", BRON, *args, str(target)], cwd=target.parent)
    assert result.stdout.startswith("Een nieuwe repository voor ")
    adopt(venv, target)
    return target


@pytest.mark.slow
def test_a_new_school_repository_checks_builds_and_tests_green(venv, tmp_path):
    school = new_repository(venv, tmp_path / "school")
    for target in ("check", "build", "test"):
        _run(["make", target], cwd=school)
    assert (school / "site" / "index.html").is_file()
    assert (school / "site" / "open-data" / "sop.json").is_file()


@pytest.mark.slow
def test_a_new_swv_repository_builds_its_overview(venv, tmp_path):
    swv = new_repository(venv, tmp_path / "swv", "--swv")
    school = shutil.copytree(SCHOOLS["voorbeeldschool"], tmp_path / "school-data")
    (swv / "swv" / "scholen.yml").write_text(yaml.safe_dump(
        {"scholen": [{"id": "proefschool", "naam": "Proefschool", "map": str(school)}]}), encoding="utf-8")
    for target in ("swv", "test"):
        _run(["make", target], cwd=swv)
    index = json.loads((swv / "site-swv" / "open-data" / "swv.json").read_text(encoding="utf-8"))
    assert index["ontbrekend"] == [] and [s["id"] for s in index["scholen"]] == ["proefschool"]


def _git(repository: Path, *args: str) -> str:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    return _run(["git", *identity, *args], cwd=repository).stdout


@pytest.mark.slow
def test_upgrading_is_raising_the_pin_and_make_bijwerken(wheel, tmp_path):
    """A school made on an older version, with data in the 1.0 format, gets Dependabot's pull
    request: the pin raised, make bijwerken, make test green, and the comparison shows
    that the migration changed nothing in the profile."""
    # The older version: this code with a lower version number.
    current = re.search(r'^version = "([^"]+)"', (PROJECT / "pyproject.toml").read_text(encoding="utf-8"), re.M)[1]
    older_source = package_source(tmp_path / "ouder", version="0.9.0")
    older = install(tmp_path / "venv-ouder", build_wheel(older_source, tmp_path))

    school = new_repository(older, tmp_path / "school")
    requirements = school / "requirements.txt"
    assert requirements.read_text(encoding="utf-8").endswith("@v0.9.0\n")
    shutil.rmtree(school / "data")
    shutil.copytree(TESTS / "scholen" / "versie-1.0" / "data", school / "data")
    _git(school, "init", "-q", "-b", "main")
    _git(school, "add", "-A")
    _git(school, "commit", "-q", "-m", "Ons profiel, op versie 0.9.0")

    # Dependabot's pull request: the pin raised; the workflow then installs the new version.
    requirements.write_text(requirements.read_text(encoding="utf-8").replace("@v0.9.0", f"@v{current}"),
                            encoding="utf-8")
    install(older, wheel)
    (older / "bin" / ".installed").touch()
    upgraded = _run(["make", "bijwerken"], cwd=school)
    assert upgraded.stdout.startswith("De gegevens in data/ zijn bijgewerkt van versie 1.0 naar ")
    changed = {line[3:] for line in _git(school, "status", "--porcelain", "--untracked-files=all").splitlines()}
    assert changed == {"requirements.txt"} | {name for name in changed if name.startswith("data/")}
    assert "data/verklaringen.yml" in changed  # new in 2.0: the migration did run
    _run(["make", "test"], cwd=school)
    assert _run([str(older / "bin" / "pip"), "show", "schoolondersteuningsprofiel"], cwd=school).stdout.count(
        f"Version: {current}\n") == 1
    comparison = _run(["make", "wijzigingen", "VAN=HEAD"], cwd=school).stdout
    heading, *rest = comparison.strip().splitlines()
    assert heading.startswith("Wijzigingen in het profiel sinds ")
    assert [line for line in rest if line] == ["Geen inhoudelijke wijzigingen in het profiel."]
