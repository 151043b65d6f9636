"""Any school can run the generic suite (sop/checks) from the package and keep it green.

Here it runs, as its own pytest, in a school-like repository: content only
(data/, docs/, mkdocs.yml, macros.py), run with `sop test` as a school runs it,
with this repository's package on PYTHONPATH; once with each fixture school as
data/, once with the starter.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, SCHOOLS, build_site, load_profile

from sop.data.starter import write_starter

# What a school that has published nothing yet has: comments only.
EMPTY_LIST = "# De adressen die deze school heeft gepubliceerd, één per regel.\n# Nog niets gepubliceerd.\n"


def school_mkdocs_yml() -> str:
    """This repository's mkdocs.yml as a school has it: no sop/ folder to watch."""
    text = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    own = "  # This repository only: the package's own code, while it is being worked on.\n  - sop\n"
    assert own in text
    return text.replace(own, "")


def school_repository(target: Path, data_dir: Path) -> Path:
    """A school's repository with `data_dir` as data/: its content only, no code and no test of the package."""
    shutil.copytree(data_dir, target / "data")
    shutil.copytree(PROJECT / "docs", target / "docs")
    shutil.copy(PROJECT / "macros.py", target / "macros.py")
    (target / "mkdocs.yml").write_text(school_mkdocs_yml(), encoding="utf-8")
    if not (target / "data" / "schema").exists():
        # Generated from the code, as `make schema` does after a school replaces data/.
        subprocess.run([sys.executable, "-m", "sop.writers.schemafiles"], cwd=target, check=True, capture_output=True,
                       env=package_env())
    return target


def package_env() -> dict[str, str]:
    """The package importable from this repository, as if installed."""
    return dict(os.environ, PYTHONPATH=str(PROJECT), NO_MKDOCS_2_WARNING="1")


def run_suite(project: Path, *options: str) -> subprocess.CompletedProcess:
    """`sop test` (make test) in the school's repository."""
    return subprocess.run([sys.executable, "-m", "sop", "test", "-q", "-p", "no:cacheprovider", *options],
                          cwd=project, env=package_env(), capture_output=True, text=True)


def summary(result) -> str:
    return f"{result.stdout[-6000:]}\n{result.stderr[-2000:]}"


def test_a_school_repository_holds_no_code_and_no_test_of_the_package(tmp_path):
    project = school_repository(tmp_path / "school", SCHOOLS["voorbeeldschool"])
    python = sorted(path.relative_to(project).as_posix() for path in project.rglob("*.py")
                    if "node_modules" not in path.parts)
    assert python == ["macros.py"]


@pytest.mark.parametrize("name", SCHOOLS)
def test_generic_suite_passes_with_each_fixture_school_as_data(tmp_path, name):
    project = school_repository(tmp_path / name, SCHOOLS[name])
    addresses = project / "data" / "gepubliceerde-adressen.txt"
    if not addresses.exists():
        addresses.write_text(EMPTY_LIST, encoding="utf-8")
    result = run_suite(project)
    assert result.returncode == 0, summary(result)
    passed = re.search(r"(\d+) passed", result.stdout)
    assert passed and int(passed.group(1)) >= 20, summary(result)  # it really ran


def test_generic_suite_passes_for_a_new_school_from_make_nieuwe_school(tmp_path):
    """The starter data/ (placeholders, no published addresses yet) is green too."""
    starter = tmp_path / "starter"
    write_starter(starter)
    result = run_suite(school_repository(tmp_path / "nieuw", starter))
    assert result.returncode == 0, summary(result)


def test_generic_suite_names_each_broken_address_and_lost_word(tmp_path):
    project = school_repository(tmp_path / "kapot", SCHOOLS["voorbeeldschool"])
    data = project / "data"
    (data / "gepubliceerde-adressen.txt").write_text(
        "# Gepubliceerd\n/\nonderwijs/\nonderwijs/#bestaat-niet\nverdwenen/\n", encoding="utf-8")
    (data / "bron.txt").write_text("Bij De Proefboom leren kinde-\nren buiten met snorkels.\n", encoding="utf-8")
    # A folder around the school's repository with its own pytest settings (a board's repository of
    # schools) is pytest's rootdir: the suite checks the current folder then.
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    result = run_suite(project, "-m", "not browser")
    assert result.returncode == 1, summary(result)
    failed = re.findall(r"^FAILED \S+::(\w+)", result.stdout, re.MULTILINE)
    assert sorted(failed) == [
        "test_every_published_address_still_works",
        "test_every_word_of_the_schools_source_text_is_on_the_site",
        "test_once_addresses_are_published_every_page_is_listed",
    ], summary(result)
    for expected in ("onderwijs/#bestaat-niet: de pagina bestaat, maar het onderdeel #bestaat-niet niet meer",
                     "verdwenen/: deze pagina of dit bestand bestaat niet meer",
                     "zet deze pagina's in data/gepubliceerde-adressen.txt",
                     "['snorkels']"):
        assert expected in result.stdout, summary(result)


def test_a_school_adds_its_own_css_page_and_template_in_its_own_repository(tmp_path):
    """README, 'Eigen stijl, pagina's en sjablonen': a stylesheet after the package's, a page
    with the package's macros, and one template of its own over the package's, none of them
    a copy of a package file; the package's other templates and stylesheets stay in use."""
    project = school_repository(tmp_path / "eigen", SCHOOLS["voorbeeldschool"])
    (project / "docs" / "stylesheets").mkdir()
    (project / "docs" / "stylesheets" / "eigen.css").write_text(".eigen-regel { color: #123456; }\n", encoding="utf-8")
    (project / "docs" / "eigen.md").write_text(
        "---\ndescription: Een eigen pagina van de school.\n---\n\n# Eigen pagina\n\n{{ contactgegevens() }}\n",
        encoding="utf-8")
    (project / "overrides" / "partials").mkdir(parents=True)
    (project / "overrides" / "partials" / "copyright.html").write_text(
        '<div class="md-copyright">Eigen voet van de school</div>\n', encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n", 1)
    config = config.replace("nav:\n", "nav:\n  - Eigen pagina: eigen.md\n", 1)
    (project / "mkdocs.yml").write_text(config + "\nextra_css:\n  - stylesheets/eigen.css\n", encoding="utf-8")

    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', home)
    own = [sheet.rsplit("/", 1)[-1] for sheet in sheets if "stylesheets/" in sheet and "assets/" not in sheet]
    assert own == ["sop.css", "toegankelijkheid.css", "eigen.css"], sheets
    assert "Eigen voet van de school" in home and "Gemaakt met" not in home
    assert 'type="application/ld+json"' in home  # the package's main.html is still the page's template
    page = (project / "site" / "eigen" / "index.html").read_text(encoding="utf-8")
    # The package's macros work on it: the contact details in the page's text, brinnummer and all.
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    assert "Eigen pagina" in article and load_profile(SCHOOLS["voorbeeldschool"]).school.brinnummer in article
