"""Driving the staff editor (/beheer/) on its in-browser test backend: for its browser test and screenshots.

Sveltia CMS's test backend keeps the files in the browser's own storage (origin private
file system, folder sveltia-cms-test): a fixture school's data files are put there, then
edited in the forms; what the editor saved is read back from there.
"""

from __future__ import annotations

from pathlib import Path

from sop.checks.browsersupport import DESKTOP, HEIGHTS
from sop.site.beheer import form_label, form_path
from sop.data.profile import DATA_FILES

SIGN_IN = "Werken met een testrepository"
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
  // null while the editor is writing the file anew
  try { return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text(); } catch { return null; }
}"""


def sign_in(page, school: Path) -> None:
    """On /beheer/'s sign-in screen: put the school's data files in the test backend and sign in to it."""
    page.get_by_role("button", name=SIGN_IN).wait_for()
    files = {f"data/{stem}.yml": (school / f"{stem}.yml").read_text(encoding="utf-8") for stem in DATA_FILES}
    page.evaluate(WRITE, [REPOSITORY, files])
    page.get_by_role("button", name=SIGN_IN).click()
    # The list of files; on a phone first the list of collections.
    page.wait_for_url("**/#/collections**")


def open_form(page, served, stem: str) -> list[str]:
    """Open data/STEM.yml's form with every list opened; return the values of its text fields."""
    page.goto(served.url(form_path(stem)))
    # The form's own title first: after a change of route in the '#', the previous
    # form's buttons can still stand while this one is drawn.
    page.get_by_text(f"Gegevens van het profiel › {form_label(stem)}", exact=True).wait_for(state="visible")
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
    seen, stable = -1, 0
    while stable < 3:  # the same number of fields three times running: all are drawn
        count = boxes.count()
        stable, seen = (stable + 1 if count == seen else 0), count
        if count:
            boxes.last.scroll_into_view_if_needed()
        page.mouse.wheel(0, HEIGHTS[DESKTOP] * 3)
        page.wait_for_timeout(200)
    return [boxes.nth(i).input_value() for i in range(boxes.count())]


def save(page, stem: str, before: str) -> str:
    """Click Opslaan and return data/STEM.yml once the editor has written it anew."""
    page.get_by_role("button", name="Opslaan").click()
    for _ in range(50):  # the editor writes the file a moment after the click
        saved = page.evaluate(READ, [REPOSITORY, f"data/{stem}.yml"])
        if saved is not None and saved != before:
            # The editor closes the form after saving and shows the list of files.
            page.wait_for_url("**/collections/gegevens")
            return saved
        page.wait_for_timeout(200)
    raise AssertionError(f"data/{stem}.yml is niet opgeslagen")


def add(button, *texts: str) -> None:
    """Click an add button and type `texts` in the fields it made: the last ones of its list."""
    fields = button.locator("xpath=ancestor::*[.//input][1]").locator("input")
    # The form draws a list's fields once they are in view.
    button.scroll_into_view_if_needed()
    button.page.wait_for_timeout(300)
    before = fields.count()
    button.click()
    fields.nth(before + len(texts) - 1).wait_for()
    assert fields.count() == before + len(texts)
    for index, text in enumerate(texts):
        assert fields.nth(before + index).input_value() == ""
        fields.nth(before + index).fill(text)
