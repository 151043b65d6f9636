"""A withheld name stays withheld however a data file writes it (issue 23).

Each withheld name of the fixture schools is spelled in every way a reader still
sees the same name: a look-alike letter from another script at every position
(Unicode's confusables, TR 39), the whole name in another script, an invisible
character or a combining mark at every position, other spaces and case. Each
spelling is recognised by the one rule for names (sop/data/names.py), in a text and
as a roster or role name; in a data file it is withheld from every published
output, or, in running text, the build is refused with the located Dutch message.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import SCHOOLS, Site, build_site, copy_project, dump_data_yaml
from confusable_homoglyphs.confusables import confusables_data
from pypdf import PdfReader

from sop.data import names
from sop.writers import opendata, render
from sop.data.errors import DataErrors
from sop.writers.pdf import PDF_NAME
from sop.data.profile import load_profile

FIXTURES = (SCHOOLS["de-getijden"], SCHOOLS["voorbeeldschool"])
WITHHELD = sorted({unicodedata.normalize("NFC", name) for data in FIXTURES
                   for name in load_profile(data).instellingen.namen_verbergen})

# Invisible: every format character (zero-width, direction marks, soft hyphen), and
# the other Default_Ignorable code points: grapheme joiner, variation selectors,
# Mongolian and Khmer ones, Hangul fillers.
INVISIBLE = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"] + [
    "\u034f", *map(chr, range(0xFE00, 0xFE10)), "\u180b", "\u180c", "\u180d", "\u180f", "\u17b4", "\u17b5",
    "\u115f", "\u1160", "\u3164", "\uffa0",
]
MARKS = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in ("Mn", "Me")]
SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC", "LISU", "FULLWIDTH", "MATHEMATICAL")


def look_alikes(letter: str) -> list[str]:
    """What Unicode's confusables list for `letter`: letters of other scripts, symbols, styled forms."""
    return [entry["c"] for entry in confusables_data.get(letter, [])]


def _cycle(name: str, characters: list[str], insert: bool) -> list[str]:
    """Each character at a position of `name`, inserted or in place of a letter; every position
    and every character at least once."""
    positions = [i for i, c in enumerate(name) if not c.isspace()]
    count = max(len(positions), len(characters))
    return [
        name[:at] + character + name[at + (0 if insert else 1):]
        for k in range(count)
        for at, character in [(positions[k % len(positions)], characters[k % len(characters)])]
    ]


def spellings(name: str) -> dict[str, list[str]]:
    """Every way of writing `name` that looks like it, by class."""
    letters = [(i, c) for i, c in enumerate(name) if not c.isspace()]
    in_scripts = []
    for script, written in ((script, written) for script in SCRIPTS for written in (name, name.upper())):
        def other(c):
            found = [g for g in look_alikes(c) if unicodedata.name(g[0], "").startswith(script)]
            return found[0] if found else c
        in_scripts.append("".join(other(c) for c in written))
    return {
        "letter from another script": [name[:i] + glyph + name[i + 1:] for i, c in letters for glyph in look_alikes(c)],
        "whole name in another script, as written and in capitals": in_scripts,
        "invisible character": _cycle(name, INVISIBLE, insert=True),
        "combining mark": _cycle(name, MARKS, insert=True),
    }


CASES = [(name, kind) for name in WITHHELD for kind in spellings(name)]


def _is_withheld(spelling: str, name: str) -> bool:
    """In a text, as a roster or role name, and with the name withheld as written that way."""
    return (names.find_name(f"Vragen? Bel {spelling}, op dinsdag.", {name}) == name
            and opendata.is_hidden(spelling, opendata.hidden_set([name]))
            and opendata.is_hidden(name, opendata.hidden_set([spelling])))


@pytest.mark.parametrize("name, kind", CASES)
def test_every_look_alike_spelling_is_the_withheld_name(name, kind):
    missed = [spelling for spelling in spellings(name)[kind] if not _is_withheld(spelling, name)]
    assert not missed, [ascii(s) for s in missed[:10]]
    # Only look-alikes: another letter is another person, still shown; so is a longer word.
    others = [name[:i] + ("x" if c.lower() != "x" else "z") + name[i + 1:] for i, c in enumerate(name) if c.isalpha()]
    assert [o for o in [*others, f"{name}s"] if names.find_name(f"Bel {o}.", {name}) or
            opendata.is_hidden(o, opendata.hidden_set([name]))] == []


# --- in data files: withheld from every output, or refused ------------------------

SCHOOL = SCHOOLS["de-getijden"]
NAME = unicodedata.normalize("NFC", load_profile(SCHOOL).instellingen.namen_verbergen[0])


def sample() -> list[str]:
    """A few spellings of every class, each a name the data files accept (no format character)."""
    chosen = []
    for spelled in spellings(NAME).values():
        accepted = [s for s in spelled if not any(unicodedata.category(c) in ("Cc", "Cf") for c in s)]
        chosen += accepted[:: max(1, len(accepted) // 12)]
    return chosen


def _edit(data: Path, stem: str, change) -> None:
    path = data / f"{stem}.yml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    # Every other character escaped (\\uXXXX): the file says exactly which code points stand there.
    path.write_text(dump_data_yaml(document, allow_unicode=False, width=1_000_000), encoding="utf-8")


def published_text(site: Path) -> str:
    """Everything a reader can get: pages, search index, open data, the schoolgids and the PDF."""
    parts = [p.read_text(encoding="utf-8") for p in site.rglob("*")
             if p.suffix in {".html", ".json", ".jsonld", ".csv", ".md", ".txt", ".xml", ".js"}]
    for docx in site.rglob("*.docx"):
        with zipfile.ZipFile(docx) as archive:
            parts.append(re.sub(r"<[^>]+>", "", archive.read("word/document.xml").decode("utf-8")))
    parts += [page.extract_text() for page in PdfReader(site / PDF_NAME).pages]
    return unicodedata.normalize("NFC", "\n".join(parts))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The school with every sample spelling as a staff member's name and a role's name."""
    project = copy_project(tmp_path_factory.mktemp("namen"), SCHOOL)
    spelled = sample()

    def add_staff(document):
        document["medewerkers"] += [{"naam": s, "functie": ["Groepsleerkracht"]} for s in spelled]

    def add_role_names(document):
        document["rollen"][0]["namen"] = [*document["rollen"][0].get("namen", []), *spelled]

    _edit(project / "data", "expertise", add_staff)
    _edit(project / "data", "sociale-veiligheid", add_role_names)
    result = build_site(project, project / "site")
    return result, spelled, project / "site"


def test_look_alike_names_in_the_roster_and_roles_are_withheld_everywhere(built):
    result, spelled, site = built
    assert result.returncode == 0, result.stderr
    roster = Site(site).article("ondersteuning").select_one(".sop-tabel--expertise table")
    assert roster.get_text().count(render.NAME_WITHHELD) == len(spelled) + 1  # and the fixture's own
    text = published_text(site)
    assert [ascii(s) for s in spelled if unicodedata.normalize("NFC", s) in text] == []
    assert names.find_name(text, {NAME}) is None


def test_a_look_alike_name_in_running_text_stops_the_build_at_its_line(tmp_path):
    project = copy_project(tmp_path, SCHOOL)
    spelled = sample()

    def add_focus(document):  # each spelling its own text: each gets its own message
        document["medewerkers"][1]["focusgebied"] = [f"Samen met {s}" for s in spelled]

    _edit(project / "data", "expertise", add_focus)
    with pytest.raises(DataErrors) as raised:
        load_profile(project / "data")
    messages = [str(error) for error in raised.value.errors]
    expected = re.compile(rf"^data/expertise\.yml:\d+:\d+: 'focusgebied': hier staat de naam '{re.escape(NAME)}', die volgens "
                          "instellingen.yml niet gepubliceerd mag worden")
    assert len([m for m in messages if expected.match(unicodedata.normalize("NFC", m))]) == len(spelled), messages[:5]
