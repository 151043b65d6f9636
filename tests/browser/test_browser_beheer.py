"""The staff editor at /beheer/ in Chromium, on its in-browser test backend (no repository, no internet).

The test puts a fixture school's data files in the editor's test backend, edits them in
the forms and reads back what the editor saved (tests/browser/beheersupport.py).
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import SCHOOLS, build_site, copy_project
from sop.site import beheer
from sop.data.profile import DATA_FILES, load_profile
from sop.versions.wijzigingen import compare_profiles

from .beheersupport import SIGN_IN, add, open_form, save, sign_in
from .browsersupport import DESKTOP, HEIGHTS
from .conftest import serve

SCHOOL = SCHOOLS["de-getijden"]


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory):
    """De Getijden's site built without a repository: the editor then works on its test backend."""
    project = copy_project(tmp_path_factory.mktemp("beheer"), SCHOOL)
    result = build_site(project, project / "site", repo_url=None)
    assert result.returncode == 0, result.stderr
    with serve(project / "site", "beheer-server") as served:
        yield project, served


@pytest.fixture
def editor(editor_site, browser):
    """The editor signed in to the test backend holding De Getijden's data files (a fresh browser profile)."""
    project, served = editor_site
    context = browser.new_context(locale="nl-NL", viewport={"width": DESKTOP, "height": HEIGHTS[DESKTOP]})
    page = context.new_page()
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith((served.base_url, "blob:", "data:")) else None)
    page.goto(served.url("beheer/"))
    page.get_by_role("button", name=SIGN_IN).wait_for()
    assert outside == [], "vóór het inloggen"
    sign_in(page, SCHOOL)
    yield page, served, project
    context.close()
    assert outside == [], "na het inloggen"


@contextlib.contextmanager
def saved_file(project, stem: str, text: str):
    """data/STEM.yml as the editor saved it, and what make check says about it."""
    path = project / "data" / f"{stem}.yml"
    path.write_text(text, encoding="utf-8")
    try:
        yield subprocess.run([sys.executable, "-m", "sop.site.check"], cwd=project, capture_output=True, text=True)
    finally:
        path.write_text((SCHOOL / f"{stem}.yml").read_text(encoding="utf-8"), encoding="utf-8")


def saved_profile(project, stem: str, text: str):
    """The profile with data/STEM.yml as the editor saved it, once make check passes on it."""
    with saved_file(project, stem, text) as check:
        assert check.returncode == 0, check.stdout + check.stderr
        return load_profile(project / "data")


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("stem", DATA_FILES)
def test_every_data_file_opens_in_its_form_with_its_values(editor, stem):
    page, served, _ = editor
    shown = open_form(page, served, stem)
    texts = _strings(yaml.safe_load((SCHOOL / f"{stem}.yml").read_text(encoding="utf-8")))
    first_line = [text for text in texts if "\n" not in text][:1]
    assert first_line, stem
    assert first_line[0] in [" ".join(value.split()) for value in shown] or first_line[0] in shown, stem


def test_changing_a_colleagues_function_saves_exactly_that_change(editor):
    page, served, project = editor
    # Tall enough that the form keeps every person's fields drawn (each field has its hint).
    page.set_viewport_size({"width": DESKTOP, "height": HEIGHTS[DESKTOP] * 4})
    shown = open_form(page, served, "expertise")
    boxes = page.get_by_role("textbox")
    # Sanne Bakker is the first onderwijsassistent in the fixture.
    boxes.nth(shown.index("Onderwijsassistent")).fill("Intern begeleider")
    saved = save(page, "expertise", (SCHOOL / "expertise.yml").read_text(encoding="utf-8"))
    sections = compare_profiles(load_profile(SCHOOL), saved_profile(project, "expertise", saved))
    changes = [line for section in sections for line in section.changes]
    assert len(changes) == 1, changes
    assert "Sanne Bakker" in changes[0] and "Intern begeleider" in changes[0], changes


def _add_school_year(page, served, counts: tuple[str, str]) -> str:
    """Add 2024/2025 to the table zittenblijven-en-verwijzen, type `counts` in its two rows; the saved file."""
    # Tall enough that the form keeps the table's rows drawn while they are added to.
    page.set_viewport_size({"width": DESKTOP, "height": HEIGHTS[DESKTOP] * 4})
    open_form(page, served, "aantallen")
    # The second table: two rows, school years 2022/2023 and 2023/2024.
    add(page.get_by_role("button", name=re.compile("Schooljaren.* toevoegen")).nth(1), "2024/2025")
    for row, count in enumerate(counts):
        add(page.get_by_role("button", name="Toevoegen", exact=True).nth(2 + row), "2024/2025", count)
    return save(page, "aantallen", (SCHOOL / "aantallen.yml").read_text(encoding="utf-8"))


# What staff type as a count, and the number saved: digits (a decimal comma too), or empty
# for a count the school did not report.
@pytest.mark.parametrize("counts, saved", [(("5", "4"), [5, 4]), ((" 12 ", "0"), [12, 0]), (("", "3"), [None, 3])])
def test_adding_a_school_year_to_a_table_gives_a_valid_table(editor, counts, saved):
    page, served, project = editor
    text = _add_school_year(page, served, counts)
    table = next(table for table in saved_profile(project, "aantallen", text).aantallen.tabellen
                 if table.id == "zittenblijven-en-verwijzen")
    assert table.schooljaren[-1] == "2024/2025"
    assert [row.aantallen["2024/2025"] for group in table.groepen for row in group.rijen] == saved


# What the form must not turn into a count: text, '1.000' (a thousand, or one?), a decimal
# in a table of pupils; and what the check then says.
@pytest.mark.parametrize("counts, said", [
    (("vijf", "1.000"), ["bij 'Zittenblijvers': '2024/2025' moet een getal in cijfers zijn (zonder aanhalingstekens), "
                         "of null als de school het niet heeft gemeld; hier staat 'vijf'",
                         "bij 'Verwezen naar SBO of SO': '2024/2025' moet een getal in cijfers zijn "
                         "(zonder aanhalingstekens), of null als de school het niet heeft gemeld; hier staat '1.000'"]),
    (("2,5", "4"), ["bij 'Zittenblijvers' staat 2.5, maar een aantal leerlingen is een heel getal"]),
])
def test_a_count_the_form_cannot_read_is_named_by_the_check(editor, counts, said):
    page, served, project = editor
    with saved_file(project, "aantallen", _add_school_year(page, served, counts)) as check:
        assert check.returncode == 1
        for message in said:
            assert message in check.stderr


def _other_last_character(text: str) -> str:
    """`text` with its last character changed to another of its kind, so a pattern still fits."""
    last = text[-1]
    other = "1" if last == "0" else "0" if last.isdigit() else "b" if last == "a" else "a" if last.isalpha() else "a"
    return text[:-1] + other


# status.yml's empty dates are left out of the file on saving (omit_empty_optional_fields):
# left out reads as empty, so that is no change either.
@pytest.mark.parametrize("stem", DATA_FILES)
def test_saving_a_form_unchanged_changes_no_content(editor, stem):
    """The editor saves only a changed form: change a text and change it back, two saves."""
    page, served, project = editor
    shown = open_form(page, served, stem)
    original = (SCHOOL / f"{stem}.yml").read_text(encoding="utf-8")
    index = next(i for i, value in enumerate(shown) if value)
    page.get_by_role("textbox").nth(index).fill(_other_last_character(shown[index]))
    changed = save(page, stem, original)
    open_form(page, served, stem)
    page.get_by_role("textbox").nth(index).fill(shown[index])
    assert compare_profiles(load_profile(SCHOOL), saved_profile(project, stem, save(page, stem, changed))) == []


def test_a_form_link_under_a_section_opens_that_form(editor, school_sites):
    """Each 'formulier …' link of the site (built with a repository) opens its form in the editor."""
    page, served, _ = editor
    site = school_sites("de-getijden")
    links = set()
    for path in site.root.rglob("index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links |= {(a["href"].partition("#")[2], a.get_text()) for a in soup.select(".sop-bewerk a")
                  if a.get_text().startswith("formulier ")}
    assert links
    for route, text in sorted(links):
        page.goto(served.url(f"{beheer.EDITOR}/#{route}"))
        label = text.removeprefix("formulier ")
        # Waited for, not looked at once: after a change of route only in the '#', the previous
        # form's buttons may still stand while the new form is drawn (it failed that way under load).
        page.get_by_text(f"Gegevens van het profiel › {label}", exact=True).wait_for(state="visible")
        page.get_by_role("button", name="Opslaan").wait_for()
