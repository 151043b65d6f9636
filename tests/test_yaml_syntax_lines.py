"""An unclosed quote or bracket is reported on the line where it opens.

Generated, not a hand list: in every data file of the frozen source school, a
quote or bracket is opened and left open (or a closing bracket is dropped) at
the positions where staff type values and field names. The one message must
name that line, say it is not closed, and say what to do, not point at some
line further down where the parser happened to give up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import SOURCE_DATA

from sop.data.yamlfile import read_yaml

FILES = sorted(SOURCE_DATA.glob("*.yml"))


def _plain_scalars(text: str) -> list[yaml.Token]:
    """Every plain (unquoted, not |) scalar: a field name or a value as staff type it."""
    return [t for t in yaml.scan(text) if isinstance(t, yaml.ScalarToken) and t.plain]


def _cases(path: Path) -> list[tuple[str, int, str, str]]:
    """(description, line, broken text, opened character) for one file."""
    text = path.read_text(encoding="utf-8")
    cases = []
    by_line: dict[int, list[yaml.Token]] = {}
    for token in _plain_scalars(text):
        by_line.setdefault(token.start_mark.line, []).append(token)
    for line, tokens in sorted(by_line.items()):
        # The value (last scalar on the line) with each opener in turn, and the
        # field name (first scalar) with a quote: every line gets broken.
        opener = "\"'[{"[line % 4]
        value, key = tokens[-1], tokens[0]
        at = value.start_mark.index
        cases.append((f"{opener} voor '{value.value[:20]}'", line + 1, text[:at] + opener + text[at:], opener))
        if key is not value and line % 2:
            at = key.start_mark.index
            cases.append((f"\" voor veld '{key.value}'", line + 1, text[:at] + '"' + text[at:], '"'))
        if line % 3 == 0:
            # Before the indentation, as a slip of the mouse would.
            opener = "\"'[{"[line // 3 % 4]
            at = text.rfind("\n", 0, key.start_mark.index) + 1
            cases.append((f"{opener} aan het begin van de regel", line + 1, text[:at] + opener + text[at:], opener))
    for token in yaml.scan(text):
        if isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
            at = token.start_mark.index
            closer = text[at]
            cases.append((f"{closer} weggehaald", token.start_mark.line + 1, text[:at] + text[at + 1 :],
                          "[" if closer == "]" else "{"))
    return cases


CASES = [(path.name, *case) for path in FILES for case in _cases(path)]


def test_the_generated_cases_cover_every_file_and_many_lines():
    assert {case[0] for case in CASES} == {path.name for path in FILES}
    assert len(CASES) > 500
    assert {case[4] for case in CASES} == {'"', "'", "[", "{"}


@pytest.mark.parametrize("name", [path.name for path in FILES])
def test_an_unclosed_quote_or_bracket_is_reported_on_its_own_line(name, tmp_path):
    target = tmp_path / name
    wrong = []
    for file, description, line, text, opener in CASES:
        if file != name:
            continue
        target.write_text(text, encoding="utf-8")
        document, errors = read_yaml(target, f"data/{name}")
        messages = [str(error) for error in errors]
        if document is not None or len(errors) != 1 or errors[0].location.line != line:
            wrong.append(f"regel {line}, {description}: {messages or 'geen fout'}")
            continue
        message = errors[0].message
        rest_of_line = text.splitlines()[line - 1]
        # Where the line itself closes what was opened, the parser fails on that
        # line for another reason; the line is then all that matters.
        if rest_of_line.count(opener) == 1 and ("]" if opener == "[" else "}" if opener == "{" else opener) \
                not in rest_of_line[rest_of_line.index(opener) + 1 :]:
            if f"({opener})" not in message and f"met {opener} begint" not in message:
                wrong.append(f"regel {line}, {description}: noemt het teken niet: {message}")
            elif "niet gesloten" not in message or "zet " not in message:
                wrong.append(f"regel {line}, {description}: zegt niet wat te doen: {message}")
    assert not wrong, "\n".join(wrong[:20]) + f"\n({len(wrong)} in totaal)"


@pytest.mark.parametrize(
    "text, line, column, expected",
    [
        # The quote swallows the lines below up to the next quote; PyYAML then
        # complains at line 4.
        ('a: "eerste\nb: tweede\nc: "derde"\nd: vierde\n', 1, 4, 'het aanhalingsteken (") dat hier begint'),
        ("a: 's-Hertogenbosch\nb: 1\n", 1, 4, "dubbele aanhalingstekens"),
        ("a: [een, twee\nb: drie\nc: [vier]\n", 1, 4, "de lijst die hier met [ begint"),
        ("a: {b: 1\nc: 2\n", 1, 4, "het blok dat hier met { begint"),
        ("a: [een, twee", 1, 4, "de lijst die hier met [ begint"),  # no newline at the end
        ('a: "een\\\n  twee"\n', 1, 4, "aanhalingsteken"),  # a \ continuing the text on the next line
        ("- [een, [twee, drie]\n- vier\n", 1, 3, "de lijst die hier met [ begint"),
    ],
)
def test_examples(tmp_path, text, line, column, expected):
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    _, errors = read_yaml(path, "data/x.yml")
    assert [(e.location.line, e.location.column) for e in errors] == [(line, column)], errors
    assert expected in errors[0].message
