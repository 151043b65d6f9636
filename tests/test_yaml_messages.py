"""Slips staff make while typing get a message about that slip, not about YAML's view of it.

Generated over every data file of the frozen source school: each line where the
slip can happen gets it, and the one message must name that line and say what
to do about this slip.
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import SOURCE_DATA

from sop.data.profile import load_profile
from sop.data.errors import DataErrors
from sop.data.yamlfile import read_yaml

FILES = sorted(SOURCE_DATA.glob("*.yml"))
KEY_VALUE = re.compile(r"(\s*(?:- )*)[^\s#:\-\"'][^:]*: +[^\s#|>]")


def _read(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_yaml(path, f"data/{name}")


def _over_indented_cases():
    """A 'field: value' line below another one at the same depth, pushed 1 to 4 spaces further in."""
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        keys = {token.start_mark.line for token in yaml.scan(text) if isinstance(token, yaml.KeyToken)}
        for number in range(1, len(lines)):
            above, line = lines[number - 1], lines[number]
            here = KEY_VALUE.match(line)
            if {number - 1, number} <= keys and KEY_VALUE.match(above) and here and not here.group(1).strip() \
                    and len(here.group(1)) == len(KEY_VALUE.match(above).group(1)):
                extra = number % 4 + 1
                broken = lines[:number] + [" " * extra + line] + lines[number + 1:]
                yield path.name, number + 1, extra, "\n".join(broken)


OVER_INDENTED = list(_over_indented_cases())


def test_over_indentation_is_tried_in_every_file():
    assert len({case[0] for case in OVER_INDENTED}) >= 8
    assert len(OVER_INDENTED) > 100


@pytest.mark.parametrize("name", [path.name for path in FILES])
def test_a_line_indented_too_far_is_called_that(tmp_path, name):
    wrong = []
    for file, line, extra, text in OVER_INDENTED:
        if file != name:
            continue
        document, errors = _read(tmp_path, name, text)
        spaces = "1 spatie" if extra == 1 else f"{extra} spaties"
        expected = f"deze regel staat {spaces} verder ingesprongen dan de regel erboven"
        if document is not None or [e.location.line for e in errors] != [line] or expected not in errors[0].message:
            wrong.append(f"regel {line} (+{extra}): {[str(e) for e in errors] or 'geen fout'}")
    assert not wrong, "\n".join(wrong[:10]) + f"\n({len(wrong)} in totaal)"


def _numbers(path):
    """(line, column) of every number written as a value, as in aantallen.yml."""
    text = path.read_text(encoding="utf-8")
    return [(t.start_mark.line, t.start_mark.column) for t in yaml.scan(text)
            if isinstance(t, yaml.ScalarToken) and t.plain and re.fullmatch(r"\d+", t.value)
            and text.split("\n")[t.start_mark.line][: t.start_mark.column].rstrip().endswith(":")]


@pytest.mark.parametrize("path", [p for p in FILES if _numbers(p)], ids=lambda p: p.name)
def test_a_dash_for_not_reported_suggests_null(tmp_path, path):
    lines = path.read_text(encoding="utf-8").split("\n")
    places = _numbers(path)
    assert places
    for line, column in places[::7]:
        broken = lines.copy()
        written = re.match(r"\d+", broken[line][column:]).group()
        broken[line] = broken[line][:column] + "-" + broken[line][column + len(written):]
        document, errors = _read(tmp_path, path.name, "\n".join(broken))
        assert document is None and len(errors) == 1, errors
        assert (errors[0].location.line, errors[0].location.column) == (line + 1, column + 1)
        assert "schrijf dan null" in errors[0].message and "lijst" in errors[0].message


def _texts(path):
    """Every plain text value on a line of its own: where a closing quote can be typed without an opening one."""
    text = path.read_text(encoding="utf-8")
    return [t for t in yaml.scan(text) if isinstance(t, yaml.ScalarToken) and t.plain
            and re.search(r"[^\W\d]", t.value) and t.start_mark.line == t.end_mark.line
            and text.split("\n")[t.start_mark.line][: t.start_mark.column].rstrip().endswith((":", "-"))
            and not text.split("\n")[t.start_mark.line][t.end_mark.column:].strip()]


@pytest.mark.parametrize("quote", ['"', "'"])
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_text_missing_its_opening_quote_is_refused(tmp_path, path, quote):
    lines = path.read_text(encoding="utf-8").split("\n")
    tokens = _texts(path)
    wrong = []
    for token in tokens[::3]:
        broken = lines.copy()
        broken[token.end_mark.line] = broken[token.end_mark.line][: token.end_mark.column] + quote
        document, errors = _read(tmp_path, path.name, "\n".join(broken))
        if document is not None or [e.location.line for e in errors] != [token.start_mark.line + 1] \
                or f"begint er niet mee, dus komt de {quote} op de site" not in errors[0].message:
            wrong.append(f"regel {token.start_mark.line + 1}: {[str(e) for e in errors] or 'geen fout'}")
    assert not wrong, "\n".join(wrong[:10]) + f"\n({len(wrong)} in totaal)"


def test_a_refused_school_year_names_its_field_not_key(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(SOURCE_DATA, data)
    path = data / "aantallen.yml"
    years = sorted(set(re.findall(r"^\s+(\d{4}/\d{4}):", path.read_text(encoding="utf-8"), re.M)))
    text = path.read_text(encoding="utf-8")
    for year in years:
        text = text.replace(f" {year}:", f" {year.replace('/', '-')}:", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        load_profile(data)
    messages = [error.message for error in raised.value.errors]
    assert len(messages) == len(years)
    assert all("[key]" not in message and message.count("'aantallen': schrijf het schooljaar") == 1
               for message in messages), messages
