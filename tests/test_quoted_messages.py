"""Every message README.md and CONTRIBUTING.md quote as a command's output is one the code gives today (issue 22).

Staff compare what they see with the guide word for word: a message the code no
longer gives (a changed wording, a field list that grew) sends them looking for
a mistake that is not there. A quote is a line of a ``` or ```text block, or
inline code that starts with a location (data/x.yml:3:5: …).

- A message with a location in data/ or docs/ equals one in tests/fouten/corpus.yml
  or tests/fouten/docs-corpus.yml, which their own tests check against the code,
  or a choice make bijwerken prints for tests/scholen/versie-1.0/data.
- A message with a location in swv/ equals one the SWV check gives for a mistake
  in a copy of tests/swv/regio (SWV_MISTAKES below).
- Line and column may differ only where the guide says so ("De regelnummers …
  kunnen bij u anders zijn"), until the next heading of the same level. '[…]'
  leaves out part of a message, a final '…' (`data/expertise.yml:34:5: …`) its rest.
- Any other line is built from the code's own texts: it matches an f-string or
  string in sop/, and every part the f-string fills in is a value (a name, an
  address, a number) or is itself built from such a text. So a changed sentence
  inside a message ('de naam van de website is onbekend') is caught too.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import io
import re
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from conftest import PROJECT, TESTS

from sop.data import bijwerken
from sop.data.errors import DataErrors
from sop.swv.config import load_config

GUIDES = ("README.md", "CONTRIBUTING.md")
LOCATED = re.compile(r"^(data|docs|swv)/[\w./-]+:(\d+):(\d+): ")
# The guide's own sentence that its line numbers are examples.
NUMBERS_MAY_DIFFER = re.compile(r"regelnummers\b.*\b(kunnen bij u anders zijn|zijn een voorbeeld)", re.S)
# The guide explaining the form of a message, not quoting one.
FORM = "data/BESTAND.yml:REGEL:KOLOM: melding"


class Quote(NamedTuple):
    where: str  # README.md:110
    text: str
    numbers_may_differ: bool

    def pattern(self) -> re.Pattern:
        """The quote as a pattern: '[…]' leaves out part of a message, a final '…' its rest."""
        text = re.sub(r"^([^:]+):\d+:\d+: ", r"\1:L:K: ", self.text) if self.numbers_may_differ else self.text
        parts = [re.escape(part) for part in text.split("[…]")]
        return re.compile(".*".join(parts).removesuffix("…") + (".*" if text.endswith("…") else ""), re.S)


def quotes_in(name: str) -> list[Quote]:
    found, fence = [], None
    level, paragraph = 0, ""  # the current heading's level; the paragraph read so far
    scopes: list[int] = []  # the levels of the headings under which numbers may differ
    for number, line in enumerate((PROJECT / name).read_text(encoding="utf-8").splitlines(), 1):
        opening = re.match(r"\s*```(\w*)", line)
        if opening:
            fence = None if fence is not None else opening[1]
            continue
        if fence is not None:
            if fence in ("", "text") and line.strip() and line.strip() != FORM:
                found.append(Quote(f"{name}:{number}", line.strip(), bool(scopes)))
            continue
        heading = re.match(r"(#+) ", line)
        if heading:
            level = len(heading[1])
            scopes = [scope for scope in scopes if scope < level]
        paragraph = f"{paragraph} {line.strip()}" if line.strip() and not heading else ""
        if NUMBERS_MAY_DIFFER.search(paragraph):
            scopes.append(level)
            paragraph = ""
        for code in re.findall(r"`([^`]+)`", line):
            if LOCATED.match(code):
                found.append(Quote(f"{name}:{number}", code, bool(scopes)))
    return found


QUOTES = [quote for name in GUIDES for quote in quotes_in(name)]


def without_numbers(message: str) -> str:
    return re.sub(r"^([^:]+):\d+:\d+: ", r"\1:L:K: ", message)


def matches(quote: Quote, given: list[str]) -> bool:
    pattern = quote.pattern()
    return any(pattern.fullmatch(without_numbers(message) if quote.numbers_may_differ else message)
               for message in given)


# --- located messages in data/ and docs/: the corpora ------------------------------------------

def corpus_messages() -> list[str]:
    return [message for corpus in ("corpus.yml", "docs-corpus.yml")
            for case in yaml.safe_load((TESTS / "fouten" / corpus).read_text(encoding="utf-8"))
            for message in case["meldingen"]]


@pytest.fixture(scope="module")
def upgrade_choices(tmp_path_factory) -> list[str]:
    """What make bijwerken prints for data/ in the 1.0 format: each choice with its place."""
    folder = tmp_path_factory.mktemp("bijwerken")
    shutil.copytree(TESTS / "scholen" / "versie-1.0" / "data", folder / "data")
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(io.StringIO()) as printed:
        patch.chdir(folder)
        assert bijwerken.main(Path("data")) == 0
    return printed.getvalue().splitlines()


@pytest.mark.parametrize("quote", [q for q in QUOTES if re.match(r"(data|docs)/", q.text)], ids=str)
def test_a_quoted_message_about_data_or_docs_is_in_a_corpus(quote, upgrade_choices):
    assert matches(quote, corpus_messages() + upgrade_choices), (
        f"{quote.where} citeert een melding die de code niet (meer) geeft:\n{quote.text}")


# --- located messages in swv/: the SWV check on mistakes in tests/swv/regio --------------------

# Per mistake: file, text to find, its replacement (in a copy of tests/swv/regio).
SWV_MISTAKES = [
    ("scholen.yml", "    naam: IKC De Getijden\n", "    nam: IKC De Getijden\n"),
    ("scholen.yml", "    map: ../../voorbeeldschool/data\n", ""),
    ("scholen.yml", "  - id: de-getijden\n", "  - id: De Kim\n    naam: OBS De Kim\n"
                    "    sop_json: sop.obs-dekim.example/open-data/sop.json\n  - id: de-getijden\n"),
    ("scholen.yml", "  - id: de-proefboom\n", "  - id: de-getijden\n"),
    ("specialismen.yml", "schrijfwijzen: [rekenen, dyscalculie]", "schrijfwijzen: [rekenen, dyscalculie, dyslexie]"),
    ("samenwerkingsverband.yml", 'geborgd: [geborgd, "Ja", Goed]', 'geborgd: [geborgd, "Ja", Goed, yes]'),
]


@pytest.fixture(scope="module")
def swv_messages(tmp_path_factory) -> list[str]:
    given = []
    for number, (name, find, replacement) in enumerate(SWV_MISTAKES):
        folder = tmp_path_factory.mktemp(f"swv-{number}") / "swv"
        shutil.copytree(TESTS / "swv" / "regio", folder)
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert find in text, (name, find)
        path.write_text(text.replace(find, replacement, 1), encoding="utf-8")
        with pytest.raises(DataErrors) as raised:
            load_config(folder)
        given += [str(error) for error in raised.value.errors]
    return given


@pytest.mark.parametrize("quote", [q for q in QUOTES if q.text.startswith("swv/")], ids=str)
def test_a_quoted_message_about_swv_is_given_by_the_check(quote, swv_messages):
    assert matches(quote, swv_messages), (
        f"{quote.where} citeert een melding die de code niet (meer) geeft:\n{quote.text}\n"
        "De controle geeft:\n" + "\n".join(swv_messages))


# --- every other line: built from the code's own texts -----------------------------------------

# Prose: two lowercase words in a row. A value (a school's name, an address, '3 scholen') has none.
PROSE = re.compile(r"(?<![\w/.-])[a-zà-ÿ]{2,} [a-zà-ÿ]{2,}(?![\w/.-])")


def code_texts() -> list[re.Pattern]:
    """Each f-string and string in sop/ with prose in it, as a pattern: a filled-in part matches anything."""
    patterns = {}
    for path in sorted((PROJECT / "sop").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                parts = [(value.value, True) if isinstance(value, ast.Constant) else ("", False)
                         for value in node.values]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                parts = [(node.value, True)]
            else:
                continue
            literal = " ".join(text for text, fixed in parts if fixed)
            if PROSE.search(literal):
                patterns[literal] = "".join(re.escape(text) if fixed else "(.*?)" for text, fixed in parts)
    # The longest texts first: the most specific explanation of a line.
    return [re.compile(pattern, re.S) for _, pattern in sorted(patterns.items(), key=lambda item: -len(item[0]))]


CODE_TEXTS = code_texts()


@functools.cache
def built_from_code(text: str, value_allowed: bool = True) -> bool:
    if value_allowed and not PROSE.search(text):
        return True
    for pattern in CODE_TEXTS:
        match = pattern.fullmatch(text)
        if match and all(built_from_code(part) for part in match.groups()):
            return True
    return False


@pytest.mark.parametrize("quote", [q for q in QUOTES if not LOCATED.match(q.text)], ids=str)
def test_any_other_quoted_line_is_built_from_the_code_texts(quote):
    assert built_from_code(quote.text, value_allowed=False), (
        f"{quote.where} citeert een regel die de code niet (meer) geeft:\n{quote.text}")


def test_the_guides_quote_enough_to_check():
    """The reading above finds the quotes: a change in how the guides quote can't empty this test."""
    assert len([q for q in QUOTES if q.text.startswith("data/")]) >= 25
    assert len([q for q in QUOTES if q.text.startswith("swv/")]) >= 5
    assert len([q for q in QUOTES if not LOCATED.match(q.text)]) >= 4
    assert any(q.numbers_may_differ for q in QUOTES) and not all(q.numbers_may_differ for q in QUOTES)
