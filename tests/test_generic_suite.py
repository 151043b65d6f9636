"""Any school can replace data/ and keep `make test` green.

The generic suite (conftest.GENERIC_SUITE: tests/algemeen and tests/browser)
checks whatever school is in data/. Here it runs, as its own pytest, on a copy
of the project with each fixture school as data/.
"""

from __future__ import annotations

import re

import pytest
from conftest import SCHOOLS, copy_with_generic_suite, run_generic_suite

from sop.data.starter import write_starter

# What a school that has published nothing yet has: comments only.
EMPTY_LIST = "# De adressen die deze school heeft gepubliceerd, één per regel.\n# Nog niets gepubliceerd.\n"


def summary(result) -> str:
    return f"{result.stdout[-6000:]}\n{result.stderr[-2000:]}"


@pytest.mark.parametrize("name", SCHOOLS)
def test_generic_suite_passes_with_each_fixture_school_as_data(tmp_path, name):
    project = copy_with_generic_suite(tmp_path / name, SCHOOLS[name])
    addresses = project / "data" / "gepubliceerde-adressen.txt"
    if not addresses.exists():
        addresses.write_text(EMPTY_LIST, encoding="utf-8")
    result = run_generic_suite(project)
    assert result.returncode == 0, summary(result)
    passed = re.search(r"(\d+) passed", result.stdout)
    assert passed and int(passed.group(1)) >= 20, summary(result)  # it really ran


def test_generic_suite_passes_for_a_new_school_from_make_nieuwe_school(tmp_path):
    """The starter data/ (placeholders, no published addresses yet) is green too."""
    starter = tmp_path / "starter"
    write_starter(starter)
    project = copy_with_generic_suite(tmp_path / "nieuw", starter)
    result = run_generic_suite(project)
    assert result.returncode == 0, summary(result)


def test_generic_suite_names_each_broken_address_and_lost_word(tmp_path):
    project = copy_with_generic_suite(tmp_path / "kapot", SCHOOLS["voorbeeldschool"])
    data = project / "data"
    (data / "gepubliceerde-adressen.txt").write_text(
        "# Gepubliceerd\n/\nonderwijs/\nonderwijs/#bestaat-niet\nverdwenen/\n", encoding="utf-8")
    (data / "bron.txt").write_text("Bij De Proefboom leren kinde-\nren buiten met snorkels.\n", encoding="utf-8")
    result = run_generic_suite(project, ("tests/algemeen",))
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
