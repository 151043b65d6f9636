"""YAML that would hang the build or silently change what staff wrote is refused,
with a located Dutch message, never a traceback or a 'technische melding'.

Each test breaks a copy of the frozen source school's data (tests/bron/data) and
runs the whole validation, as `make check` does.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from conftest import SOURCE_DATA

from sop.data.errors import DataErrors
from sop.data.profile import load_profile
from sop.data.yamlfile import MAX_DEPTH, MAX_FILE_BYTES, MAX_TEXT


def errors_after(tmp_path: Path, file: str, change) -> list:
    data_dir = tmp_path / "data"
    shutil.copytree(SOURCE_DATA, data_dir)
    path = data_dir / file
    text = path.read_text(encoding="utf-8")
    path.write_text(change(text), encoding="utf-8", newline="")
    started = time.monotonic()
    with pytest.raises(DataErrors) as raised:
        load_profile(data_dir)
    assert time.monotonic() - started < 10
    errors = raised.value.errors
    for error in errors:
        assert "technische melding" not in error.message
        assert "Traceback" not in error.message
    return errors


def replace_once(old: str, new: str):
    def change(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)

    return change


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# Aliases, nesting and size: a pull request must not be able to hang the build.

BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)


def test_an_alias_bomb_is_refused_at_once(tmp_path):
    errors = errors_after(tmp_path, "inleiding.yml", lambda text: text + BOMB)
    lines = (SOURCE_DATA / "inleiding.yml").read_text(encoding="utf-8").count("\n")
    assert [str(e) for e in errors] == [
        f"data/inleiding.yml:{lines + 1}:4: &a maakt in YAML een anker om later naar te verwijzen; ankers en "
        "verwijzingen zijn in de gegevens niet toegestaan. Haal het anker weg; hoort de & bij de tekst, zet de "
        "hele tekst dan tussen aanhalingstekens"
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("    functie: [ICT-er]", "    functie: *ict", "*ict is in YAML een verwijzing"),
        ("  - naam: Niels Boersma", "  - <<: {focusgebied: [ICT]}\n    naam: Niels Boersma", "'<<' voegt in YAML"),
        ("    functie: [ICT-er]", "    functie: !!python/object/apply:os.system [ls]", "!!python/object/apply:os.system is in YAML"),
        ("    functie: [ICT-er]", "    functie: !lijst [ICT-er]", "!lijst is in YAML"),
    ],
)
def test_aliases_merge_keys_and_tags_are_refused(tmp_path, old, new, expected):
    text = (SOURCE_DATA / "expertise.yml").read_text(encoding="utf-8")
    errors = errors_after(tmp_path, "expertise.yml", replace_once(old, new))
    assert len(errors) == 1 and errors[0].location.line == line_of(text, old)
    assert expected in errors[0].message


@pytest.mark.parametrize(
    "nesting",
    [
        "diep: " + "[" * 50_000,
        "diep: " + "{a: " * 20_000,
        "diep:\n" + "".join(f"{'  ' * (i + 1)}- x:\n" for i in range(200)),
        "diep:\n" + "".join(f"{' ' * (i + 1)}x:\n" for i in range(200)),
    ],
)
def test_deep_nesting_is_refused_without_a_recursion_error(tmp_path, nesting):
    errors = errors_after(tmp_path, "status.yml", lambda text: text + nesting + "\n")
    assert len(errors) == 1
    assert f"meer dan {MAX_DEPTH} niveaus diep genest" in errors[0].message
    assert errors[0].location.line > 1


def test_a_huge_file_is_refused_unread(tmp_path):
    errors = errors_after(tmp_path, "begrippen.yml", lambda text: text + "# " + "x" * MAX_FILE_BYTES + "\n")
    assert [str(e) for e in errors] == [
        f"data/begrippen.yml:1:1: het bestand is groter dan {MAX_FILE_BYTES // 1024} kB, veel groter dan gegevens "
        "ooit worden; staat er per ongeluk iets anders in, zoals een afbeelding of een heel document? Zet alleen "
        "de gegevens in dit bestand"
    ]


def test_a_huge_value_is_refused(tmp_path):
    text = (SOURCE_DATA / "school.yml").read_text(encoding="utf-8")
    errors = errors_after(tmp_path, "school.yml", replace_once("plaats: ", "plaats: " + "x" * MAX_TEXT))
    assert len(errors) == 1
    assert errors[0].location.line == line_of(text, "plaats: ")
    written = len(text.split("plaats: ", 1)[1].split("\n", 1)[0])
    assert errors[0].message.startswith(f"'plaats': deze tekst is {MAX_TEXT + written} tekens lang, "
                                        f"meer dan de {MAX_TEXT} die een veld mag hebben")


def test_a_data_file_that_is_a_symlink_is_not_followed(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(SOURCE_DATA, data_dir)
    secret = tmp_path / "geheim.yml"
    secret.write_text("wachtwoord: geheim\n", encoding="utf-8")
    (data_dir / "school.yml").unlink()
    (data_dir / "school.yml").symlink_to(secret)
    with pytest.raises(DataErrors) as raised:
        load_profile(data_dir)
    report = raised.value.report()
    assert "data/school.yml:1:1: dit is geen gewoon bestand" in report
    assert "geheim" not in report


# Control characters pasted from a word processor.

@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x0c", "\x01", "\x1b", "\x7f", "\x85", "\u2028", "\u2029"])
@pytest.mark.parametrize("file, where", [("expertise.yml", "Niels Boersma"), ("stappenplan.yml", "Lkr observeert")])
def test_a_control_character_is_reported_at_its_position(tmp_path, character, file, where):
    text = (SOURCE_DATA / file).read_text(encoding="utf-8")
    at = text.index(where) + 5
    line = text[:at].count("\n") + 1
    column = at - text.rfind("\n", 0, at)
    errors = errors_after(tmp_path, file, lambda text: text[:at] + character + text[at:])
    assert [(e.location.file, e.location.line, e.location.column) for e in errors] == [(f"data/{file}", line, column)]
    assert f"(U+{ord(character):04X})" in errors[0].message
    assert "kopiëren en plakken" in errors[0].message


def test_lines_after_a_vertical_tab_keep_their_numbers(tmp_path):
    # Python's splitlines() breaks at a vertical tab; an editor does not.
    text = (SOURCE_DATA / "expertise.yml").read_text(encoding="utf-8")
    errors = errors_after(
        tmp_path, "expertise.yml",
        lambda t: t.replace("Niels", "Ni\x0bels", 1).replace("    functie: [ICT-er]", "\tfunctie: [ICT-er]", 1),
    )
    assert [e.location.line for e in errors] == [line_of(text, "Niels"), line_of(text, "    functie: [ICT-er]")]


def test_a_control_character_written_as_an_escape_is_refused(tmp_path):
    text = (SOURCE_DATA / "expertise.yml").read_text(encoding="utf-8")
    errors = errors_after(tmp_path, "expertise.yml", replace_once("  - naam: Niels Boersma", '  - naam: "Niels\\0"'))
    assert [(e.location.line, e.message) for e in errors] == [
        (line_of(text, "  - naam: Niels Boersma"),
         "'naam': deze tekst bevat via een \\-code een nul-teken (U+0000); haal die code weg")
    ]


# YAML 1.1 numbers that don't mean what they say, in a text field and in a number field.

SURPRISES = {
    "010": "begint met een 0, en dan leest YAML het als octaal getal (8)",
    "+0777": "begint met een 0, en dan leest YAML het als octaal getal (511)",
    "0x1F": "YAML leest 0x1F als hexadecimaal getal (31)",
    "0b101": "YAML leest 0b101 als binair getal (5)",
    "1_000": "YAML leest 1_000 als het getal 1000 en laat de liggende streepjes weg",
    "1:30": "YAML leest 1:30 als getal in zestigtallen (90), niet als tijd of tekst",
    "1:30.5": "YAML leest 1:30.5 als getal in zestigtallen (90.5), niet als tijd of tekst",
    "2_5.5": "YAML leest 2_5.5 als het getal 25.5 en laat de liggende streepjes weg",
}


@pytest.mark.parametrize("written", SURPRISES)
@pytest.mark.parametrize(
    "file, old, template, field",
    [
        ("school.yml", "telefoon: 023-5611503", "telefoon: {}", "'telefoon'"),
        ("aantallen.yml", "              2018/2019: 0", "              2018/2019: {}", "'2018/2019'"),
        ("ondersteuningsstructuur.yml", "    - November", "    - {}", "'momenten' (item 2)"),
    ],
)
def test_yaml_1_1_numbers_are_explained(tmp_path, written, file, old, template, field):
    text = (SOURCE_DATA / file).read_text(encoding="utf-8")
    errors = errors_after(tmp_path, file, replace_once(old, template.format(written)))
    line = line_of(text, old)
    column = len(template.split("{}")[0]) + 1
    assert [(e.location.line, e.location.column) for e in errors] == [(line, column)]
    message = errors[0].message
    assert message.startswith(f"{field}: ")
    assert SURPRISES[written] in message
    assert f'zet het tussen aanhalingstekens: "{written}"' in message


def test_ordinary_values_read_as_before(tmp_path):
    from sop.data.yamlfile import read_yaml

    path = tmp_path / "x.yml"
    path.write_text(
        "datum: 2024-10-01\nja: true\nnee: false\nleeg: null\nniets:\ngetal: 12\nnul: 0\nmin: -3\n"
        "komma: 1.5\ntekst: 023-5611503\ncode: '010'\ntijd: \"12:30\"\nnegen: 09\nzin: Dit is 1:30 uur.\n",
        encoding="utf-8",
    )
    document, errors = read_yaml(path, "data/x.yml")
    assert errors == []
    assert document.data == {
        "datum": __import__("datetime").date(2024, 10, 1), "ja": True, "nee": False, "leeg": None, "niets": None,
        "getal": 12, "nul": 0, "min": -3, "komma": 1.5, "tekst": "023-5611503", "code": "010", "tijd": "12:30",
        "negen": "09", "zin": "Dit is 1:30 uur.",
    }


@pytest.mark.parametrize(
    "separator, moved, expected",
    [
        ("---", 0, "hier begint een tweede document (na een regel met alleen --- of ...); een gegevensbestand bevat "
                   "maar één document."),
        ("...", 1, "hier gaan de gegevens verder na het einde van het document (na een regel met alleen ..., of na "
                   "een losse ] of } aan het begin van een regel)"),
    ],
)
def test_a_second_document_is_explained(tmp_path, separator, moved, expected):
    old = "  - naam: Niels Boersma"
    text = (SOURCE_DATA / "expertise.yml").read_text(encoding="utf-8")
    errors = errors_after(tmp_path, "expertise.yml", replace_once(old, f"{separator}\n- naam: Niels Boersma"))
    assert [e.location.line for e in errors] == [line_of(text, old) + moved]
    assert errors[0].message.startswith(expected)


def test_a_leading_document_marker_is_fine(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(SOURCE_DATA, data_dir)
    path = data_dir / "school.yml"
    path.write_text("---\n" + path.read_text(encoding="utf-8") + "...\n", encoding="utf-8")
    assert load_profile(data_dir).school.naam
