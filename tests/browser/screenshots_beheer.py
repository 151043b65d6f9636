"""Screenshots of the staff editor (/beheer/) for CONTRIBUTING.md's three worked examples.

Run by hand after a change to the editor or its forms, then look at every picture:

    .venv/bin/python tests/browser/screenshots_beheer.py

It builds the fixture school De Getijden twice (with a repository address, for the
sign-in screen; without one, so the forms work on the editor's in-browser test
backend), drives the real editor in Chromium at 1280 and 390 px wide, and writes
cropped, palette-reduced PNGs to .github/afbeeldingen/.
"""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(PROJECT), str(PROJECT / "tests")]

from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from conftest import SCHOOLS, TEST_REPO_URL, build_site, copy_project  # noqa: E402
from sop.checks.browsersupport import CHROMIUM, CHROMIUM_ARGS, DESKTOP, HEIGHTS, PHONE, serve  # noqa: E402
from sop.checks.fonts import FIXED, FONT_SETS  # noqa: E402
from tests.browser.beheersupport import add, open_form, sign_in  # noqa: E402

SCHOOL = SCHOOLS["de-getijden"]
OUT = PROJECT / ".github" / "afbeeldingen"
UNSTICK = """() => { for (const element of document.querySelectorAll('*'))
  if (getComputedStyle(element).position === 'sticky') element.style.position = 'static'; }"""
def save_png(data: bytes, name: str) -> None:
    """A palette PNG: screenshots of forms have few colours, so this keeps them small."""
    image = Image.open(io.BytesIO(data)).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    image.save(OUT / name, optimize=True)
    print(f"{OUT.relative_to(PROJECT)}/{name}")


def shoot(page, name: str, *elements, above: int = 16, full_width: bool = False) -> None:
    """Screenshot of the part of the view around `elements` (`above`: room for a label); else the view."""
    page.wait_for_timeout(400)  # let the form finish drawing after a change
    if not elements:
        save_png(page.screenshot(), name)
        return
    # A list's header sticks to the top of the form and would cover the first field.
    page.evaluate(UNSTICK)
    # In the middle of the view: away from the list headers that stick to its top.
    elements[0].evaluate("e => e.scrollIntoView({block: 'center', behavior: 'instant'})")
    page.wait_for_timeout(200)
    boxes = [element.bounding_box() for element in elements]
    width = page.viewport_size["width"]
    left = 0 if full_width else max(0, min(box["x"] for box in boxes) - 16)
    top = max(0, min(box["y"] for box in boxes) - above)
    right = width if full_width else min(width, max(box["x"] + box["width"] for box in boxes) + 16)
    bottom = min(page.viewport_size["height"], max(box["y"] + box["height"] for box in boxes) + 16)
    save_png(page.screenshot(clip={"x": left, "y": top, "width": right - left, "height": bottom - top}), name)


def field(page, value: str, after: str | None = None):
    """The first text field whose value is `value` (after the one with `after`), as a handle.

    The form draws only the fields near the view: scroll down from its top until it is there.
    """
    page.mouse.move(page.viewport_size["width"] // 2, page.viewport_size["height"] // 2)
    page.mouse.wheel(0, -100_000)
    for _ in range(80):
        page.wait_for_timeout(150)
        boxes = page.get_by_role("textbox")
        handles = [boxes.nth(i).element_handle() for i in range(boxes.count())]
        values = [handle.input_value() for handle in handles]
        if (after is None or after in values) and value in values[values.index(after) if after else 0:]:
            return handles[values.index(value, values.index(after) if after else 0)]
        page.mouse.wheel(0, page.viewport_size["height"] // 2)
    raise AssertionError(f"geen veld met {value!r} in het formulier")


def sign_in_screen(page, served, suffix: str) -> None:
    page.goto(served.url("beheer/"))
    token = page.get_by_role("button", name="Inloggen met een toegangstoken")
    token.wait_for()
    # Not the local repository above them: the editor offers that only on the computer it runs on.
    shoot(page, f"beheer-inloggen-{suffix}.png", page.get_by_role("button", name=re.compile("Inloggen met .GitHub")), token)


def function_example(page, served, suffix: str) -> None:
    """(a) Sanne Bakker's function: Onderwijsassistent becomes Intern begeleider."""
    if suffix == "breed":
        page.goto(served.url("beheer/#/collections/gegevens"))
        page.get_by_role("row", name="Expertise").wait_for()
        shoot(page, f"beheer-lijst-{suffix}.png")
    open_form(page, served, "expertise")
    field(page, "Onderwijsassistent", after="Sanne Bakker").fill("Intern begeleider")
    field(page, "Sanne Bakker").evaluate("e => e.scrollIntoView({block: 'center', behavior: 'instant'})")
    page.wait_for_timeout(300)
    shoot(page, f"beheer-functie-{suffix}.png", field(page, "Sanne Bakker"),
          field(page, "Intern begeleider", after="Sanne Bakker"), above=40)
    if suffix == "breed":
        shoot(page, f"beheer-opslaan-{suffix}.png", page.get_by_role("button", name="Opslaan"), full_width=True)


def school_year_example(page, served, suffix: str) -> None:
    """(b) The table 'Zittenblijvers en verwijzen' gets 2024/2025, with a count in each row."""
    open_form(page, served, "aantallen")
    add(page.get_by_role("button", name=re.compile("Schooljaren.* toevoegen")).nth(1), "2024/2025")
    if suffix == "breed":
        # A field's group is named after it: "Veld “Schooljaren”" (not "… met gaten").
        school_years = page.get_by_role("group", name=re.compile(r"Schooljaren\W*$")).nth(1)
        shoot(page, f"beheer-schooljaar-{suffix}.png", school_years)
    # Its first row, Zittenblijvers: 8 in 2022/2023 (on a phone the form draws fewer rows at a time).
    groups = page.get_by_role("group", name=re.compile(r"Aantallen\W*$"))
    counts = next(group for group in map(groups.nth, range(groups.count()))
                  if [box.input_value() for box in group.locator("input").all()[:2]] == ["2022/2023", "8"])
    add(counts.get_by_role("button", name="Toevoegen", exact=True), "2024/2025", "5")
    shoot(page, f"beheer-aantal-{suffix}.png", field(page, "Zittenblijvers"), counts, above=40)


def withhold_example(page, served, suffix: str) -> None:
    """(c) Sanne Bakker's name is left off the site: instellingen.yml's namen_verbergen."""
    open_form(page, served, "instellingen")
    add(page.get_by_role("button", name=re.compile("Namen verbergen.* toevoegen")), "Sanne Bakker")
    shoot(page, f"beheer-naam-{suffix}.png", page.get_by_role("group", name=re.compile("Namen verbergen")))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        fonts = FONT_SETS[FIXED].fontconfig(Path(temporary))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                             env={**os.environ, "FONTCONFIG_FILE": str(fonts)})
        sites = {}
        for kind, repo_url in (("github", TEST_REPO_URL), ("test", None)):
            project = copy_project(Path(temporary) / kind, SCHOOL)
            result = build_site(project, project / "site", repo_url=repo_url)
            if result.returncode:
                print(result.stderr, file=sys.stderr)
                return 1
            sites[kind] = project / "site"
        for width, suffix in ((DESKTOP, "breed"), (PHONE, "smal")):
            # A fresh browser profile for each: no changes left unsaved by the one before.
            def new_page():
                return browser.new_context(locale="nl-NL", viewport={"width": width, "height": HEIGHTS[width]}).new_page()

            with serve(sites["github"], "github") as served:
                page = new_page()
                sign_in_screen(page, served, suffix)
                page.context.close()
            with serve(sites["test"], "test") as served:
                for example in (function_example, school_year_example, withhold_example):
                    page = new_page()
                    page.goto(served.url("beheer/"))
                    sign_in(page, SCHOOL)
                    example(page, served, suffix)
                    page.context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
