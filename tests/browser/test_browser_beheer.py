"""The staff editor at /beheer/ in Chromium, on its in-browser test backend (no repository, no internet).

Sveltia CMS's test backend keeps the files in the browser's own storage (origin private
file system, folder sveltia-cms-test): the test puts a fixture school's data files there,
edits them in the forms and reads back what the editor saved.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import PROJECT, SCHOOLS, build_site, copy_project
from sop import beheer
from sop.profile import DATA_FILES, load_profile
from sop.wijzigingen import compare_profiles

from .browsersupport import DESKTOP, HEIGHTS
from .conftest import serve

pytestmark = pytest.mark.skipif(not (PROJECT / beheer.PACKAGE).is_dir(), reason="npm-pakketten ontbreken (npm ci)")

SCHOOL = SCHOOLS["de-getijden"]
REPOSITORY = "sveltia-cms-test"
WRITE = """async ([folder, files]) => {
  let repo = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder, {create: true});
  for (const [path, text] of Object.entries(files)) {
    let dir = repo; const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writer = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writer.write(text); await writer.close();
  }
}"""
READ = """async ([folder, path]) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
  const parts = path.split('/');
  for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
  return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
}"""


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
    page.get_by_role("button", name="Werken met een testrepository").wait_for()
    assert outside == [], "vóór het inloggen"
    files = {f"data/{stem}.yml": (SCHOOL / f"{stem}.yml").read_text(encoding="utf-8") for stem in DATA_FILES}
    page.evaluate(WRITE, [REPOSITORY, files])
    page.get_by_role("button", name="Werken met een testrepository").click()
    page.wait_for_url("**/collections/**")
    yield page, served, project
    context.close()
    assert outside == [], "na het inloggen"


def open_form(page, served, stem: str) -> list[str]:
    """Open data/STEM.yml's form with every list opened; return the values of its text fields."""
    page.goto(served.url(f"beheer/#/collections/gegevens/entries/{stem}"))
    page.get_by_role("button", name="Opslaan").wait_for()
    for _ in range(5):
        buttons = page.get_by_role("button", name="Alles uitvouwen")
        closed = [buttons.nth(i) for i in range(buttons.count()) if buttons.nth(i).is_enabled()]
        if not closed:
            break
        for button in closed:
            button.click()
    boxes = page.get_by_role("textbox")
    # The form draws fields as they scroll into view.
    seen = -1
    while boxes.count() != seen:
        seen = boxes.count()
        if seen:
            boxes.last.scroll_into_view_if_needed()
        page.mouse.wheel(0, HEIGHTS[DESKTOP] * 3)
        page.wait_for_timeout(200)
    return [boxes.nth(i).input_value() for i in range(boxes.count())]


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
    shown = open_form(page, served, "expertise")
    boxes = page.get_by_role("textbox")
    # Sanne Bakker is the first onderwijsassistent in the fixture.
    boxes.nth(shown.index("Onderwijsassistent")).fill("Intern begeleider")
    page.get_by_role("button", name="Opslaan").click()
    original = (SCHOOL / "expertise.yml").read_text(encoding="utf-8")
    saved = original
    for _ in range(50):  # the editor writes the file a moment after the click
        saved = page.evaluate(READ, [REPOSITORY, "data/expertise.yml"])
        if saved != original:
            break
        page.wait_for_timeout(200)
    (project / "data" / "expertise.yml").write_text(saved, encoding="utf-8")

    check = subprocess.run([sys.executable, "-m", "sop.check"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    sections = compare_profiles(load_profile(SCHOOL), load_profile(project / "data"))
    changes = [line for section in sections for line in section.changes]
    assert len(changes) == 1, changes
    assert "Sanne Bakker" in changes[0] and "Intern begeleider" in changes[0], changes
