"""What changed between two versions of the profile, in plain Dutch (issue 14).

The comparison reads the published documents (opendata.profile_document), not
the text of the YAML files: list items are matched by their stable ids, so a
reordered list is no change, and a name or count the school withholds stays
withheld here too. Pure functions, but for `profile_at` (reads git) and the CLI:

    python -m sop.versions.wijzigingen --van main [--markdown] [--kop TEKST]
"""

from __future__ import annotations

import argparse
import copy
import datetime
import difflib
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from sop.data import migrations, names
from sop.writers import opendata, render
from sop.data.errors import DataErrors
from sop.data.mkdocs_yml import mkdocs_config, nav_pages
from sop.data.profile import Profile, load_profile
from sop.versions.gitdata import VersionError, data_at, git_bytes

# The parts of the profile (published document keys, i.e. data files) in plain Dutch.
TITLES = {
    "school": "Contactgegevens",
    "inleiding": "Inleiding",
    "onderwijsconcept": "Onderwijsconcept",
    "waarde_en_trots": "Waarde en trots",
    "kansen_en_belemmeringen": "Mogelijkheden en grenzen",
    "ondersteuningsstructuur": "Ondersteuningsstructuur",
    "expertise": "Team en expertise",
    "sociale_veiligheid": "Sociale veiligheid",
    "externe_deskundigen": "Externe deskundigen",
    "aantallen": "Feiten en cijfers",
    "basisondersteuning": "Basisondersteuning",
    "stappenplan": "Stappenplan",
    "begrippen": "Begrippenlijst",
    "in_het_kort": "In het kort",
    "status": "Formele status",
}

NO_CHANGES = "Geen inhoudelijke wijzigingen in het profiel."
WITHHELD = "een medewerker van wie de naam niet gepubliceerd wordt"
WITHHELD_MANY = "medewerkers van wie de naam niet gepubliceerd wordt"
# Running text of an older version that names someone who is withheld now.
WITHHELD_TEXT = "(tekst met een naam die niet gepubliceerd wordt)"
ARROW = " → "
LONG_TEXT = 80  # longer texts: say which field changed, not the whole text
SHORT_ITEM = 60  # lists of items this short are shown whole: 'a', 'b' → 'a', 'c'
QUOTED = 200  # at most this much of a sentence in 'Nieuw: …'

# Plain Dutch for a field. None: a list whose items name themselves (a person, a row).
FIELD_WORDS: dict[str, str | None] = {
    "medewerkers": None, "tabellen": None, "rijen": None, "domeinen": None, "indicatoren": None,
    "niveaus": None, "situaties": None, "rollen": None, "groepen": None, "begrippen": None,
    "concepten": None, "vestigingen": None, "aanspreekpunten": None, "aanpak": None,
    "kop": "tussenkop", "kolommen": "kolomkop", "status": "markering", "email": "e-mailadres",
    "advies_mr_op": "advies medezeggenschapsraad op", "vernieuwen_voor": "vernieuwen vóór",
    "laatste_controle": "laatste controle",
}
# Where the same field name means something else.
PATH_WORDS = {("statusschaal", "kolommen"): "aantal kolommen", ("statusschaal", "koppen"): "kolomkoppen"}
SECTION_WORDS = {"in_het_kort": {"niveaus": "samenvatting per niveau"}}

# Fields that identify a list item, first present and filled wins (Medewerker: naam, else groep).
KEY_FIELDS = ("id", "categorie", "niveau", "situatie", "afkorting", "wie", "rol", "naam", "groep", "tekst")

# Keys that are running text: an edit to them is a changed item, not a new one.
TEXT_KEYS = ("situatie", "tekst")

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Section:
    """One part of the profile with what changed in it, one Dutch line per change."""

    title: str
    anchor: str
    changes: list[str]


# --- the two documents ------------------------------------------------------------


def combined_options(old: Profile, new: Profile) -> dict[str, Any]:
    """publication_options for both versions: the stricter setting of the two wins."""
    hidden = set(old.hidden_names()) | set(new.hidden_names())
    if not (old.instellingen.namen_tonen and new.instellingen.namen_tonen):
        # One version shows no names at all: then neither version's names are shown.
        hidden |= old.all_names() | new.all_names()
    thresholds = [p.instellingen.small_number_threshold for p in (old, new)]
    return {
        "hidden_names": frozenset(hidden),
        "small_number_threshold": max((t for t in thresholds if t), default=None),
    }


def _document(profile: Profile, options: dict[str, Any]) -> dict:
    try:
        return opendata.profile_document(profile, **options)
    except opendata.HiddenNameError:
        # This version names a withheld person in running text (an older version, before
        # the school withheld the name): such a text is replaced, never shown.
        document = opendata.profile_document(profile, small_number_threshold=options["small_number_threshold"])
        return _redact(document, opendata.hidden_set(options["hidden_names"]))


def _redact(value: Any, hidden: frozenset[str]) -> Any:
    if isinstance(value, str):
        if opendata.is_hidden(value, hidden):
            return None  # a roster or role name, as profile_document publishes it
        return WITHHELD_TEXT if names.find_name(value, hidden) else value
    if isinstance(value, dict):
        return {key: _redact(item, hidden) for key, item in value.items()}
    if isinstance(value, list):
        return [_redact(item, hidden) for item in value]
    return value


def _published_names(profile: Profile, among: set[str]) -> set[str]:
    hidden = opendata.hidden_set(profile.hidden_names())
    return {name for name in among if not opendata.is_hidden(name, hidden)}


def name_lines(old: Profile, new: Profile) -> list[str]:
    """How many of the people in both versions are (no longer) published by name: the
    comparison of the published documents cannot show it, and naming them would publish them."""
    both = old.all_names() & new.all_names()
    before, after = _published_names(old, both), _published_names(new, both)
    lines = []
    for count, went in ((len(before - after), True), (len(after - before), False)):
        if count:
            subject = "1 naam" if count == 1 else f"{count} namen"
            verb = "wordt" if count == 1 else "worden"
            lines.append(f"{subject} van medewerkers {verb} {'niet meer' if went else 'weer'} op de site "
                         "gepubliceerd (instellingen.yml)")
    return lines


def compare_profiles(old: Profile, new: Profile) -> list[Section]:
    """What changed from `old` to `new`, as published under the stricter settings of both."""
    options = combined_options(old, new)
    sections = compare_documents(_document(old, options), _document(new, options))
    settings = name_lines(old, new)
    if settings:
        team = next((section for section in sections if section.anchor == "expertise"), None)
        if team is None:
            team = Section(TITLES["expertise"], "expertise", [])
            sections.append(team)
        team.changes.extend(settings)
    hidden = options["hidden_names"]
    for section in sections:
        for line in [section.title, *section.changes]:
            if names.find_name(line, hidden):
                # Last guard: never reached while the documents keep names withheld.
                raise opendata.HiddenNameError(
                    f"in de vergelijking bij '{section.title}' staat een naam die niet gepubliceerd mag worden"
                )
    return sections


def compare_documents(old: dict, new: dict) -> list[Section]:
    """What changed from one published document (profile_document) to another."""
    sections = []
    for name in [*new, *(key for key in old if key not in new)]:
        if name == "schema_version":
            continue
        before, after = _prepared(name, old.get(name)), _prepared(name, new.get(name))
        columns = (after or before or {}).get("kolommen")
        walk = _Walk(name, columns if isinstance(columns, dict) else {})
        walk.value(before, after, (), ())
        if walk.lines:
            title = TITLES.get(name, name.replace("_", " ").capitalize())
            sections.append(Section(title, name.replace("_", "-"), walk.lines))
    return sections


# --- preparing a part: what a reader sees, in comparable form ----------------------


class _Shown(str):
    """A value already written as the site shows it ('< 5', '42,5%'): not quoted again."""


@dataclass(frozen=True)
class _Status:
    """An indicator's marking: the school's own text, and the column it is in."""

    markering: str
    kolom: int
    kolommen: int
    kop: str | None

    def text(self) -> str:
        shown = _quote(self.markering)
        return f"{shown} ({_one_line(self.kop)})" if self.kop else shown


def _flatten(owner: dict, items: str) -> None:
    """groepen[].<items> into one list, each item keeping its subheading as 'kop'."""
    owner[items] = [{**item, "kop": group.get("kop")} for group in owner.pop("groepen", []) for item in group[items]]


def _prepared(name: str, part: Any) -> Any:
    if not isinstance(part, dict):
        return part
    part = copy.deepcopy(part)
    if name == "aantallen":
        for table in part.get("tabellen", []):
            _flatten(table, "rijen")
            for row in table["rijen"]:
                unit = row.get("eenheid") or table.get("eenheid")
                row["aantallen"] = {
                    year: _Shown(value if isinstance(value, str) else render.shown_count(value, None, unit))
                    for year, value in row["aantallen"].items()
                }
    if name == "basisondersteuning":
        for domain in part.get("domeinen", []):
            _flatten(domain, "indicatoren")
            scale = None if domain.get("zonder_status") else (domain.get("statusschaal") or part.get("statusschaal"))
            for indicator in domain["indicatoren"]:
                indicator["status"] = _status(indicator.get("status"), scale)
    return part


def _status(status: dict | None, scale: dict | None) -> _Status | None:
    if not status or not scale:
        return None
    headings = scale.get("koppen") or []
    column = status["kolom"]
    heading = headings[column - 1] if 0 < column <= len(headings) else None
    return _Status(status["markering"], column, scale["kolommen"], heading)


# --- words --------------------------------------------------------------------------


def _one_line(text: str) -> str:
    # Control characters shown, not obeyed: a value cannot steer a terminal.
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _short(text: str, limit: int = SHORT_ITEM) -> str:
    text = _one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # a word left out, not cut in half
    return cut.rstrip() + "…"


def _quote(text: str, limit: int = SHORT_ITEM) -> str:
    return f"'{_short(text, limit)}'"


def _is_long(value: Any) -> bool:
    return isinstance(value, str) and not isinstance(value, _Shown) and ("\n" in value.strip() or len(value) > LONG_TEXT)


def _value(value: Any) -> str:
    """A short value as a reader sees it."""
    if value is None:
        return render.NOT_FILLED_IN
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)):
        return render.format_number(value)
    if isinstance(value, _Shown):
        return str(value)
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return render.dutch_date(datetime.date.fromisoformat(value))
    if isinstance(value, str):
        return _quote(value, LONG_TEXT)
    if isinstance(value, list):
        withheld = value.count(None)  # names not published: how many, as the site shows
        shown = [_value(item) for item in value if item is not None]
        if withheld:
            shown.append(WITHHELD if withheld == 1 else f"{withheld} {WITHHELD_MANY}")
        return ", ".join(shown) or render.NOT_FILLED_IN
    return render.NOT_FILLED_IN if not value else "(blok met velden)"


class Label(NamedTuple):
    """How a list item is named: in a path ('Indicator 'x''), and as the new or removed thing."""

    path: str
    noun: str
    worded: bool  # `path` starts with our own word, so it may get a capital
    alone: bool = False  # names itself without its parents (an indicator id is unique)


def _key(item: dict) -> tuple[str, str] | None:
    for field in KEY_FIELDS:
        if item.get(field) is not None:
            return field, str(item[field])
    return None  # a person whose name is withheld


def _label(item: dict) -> Label:
    key = _key(item)
    if key is None:
        return Label(WITHHELD, WITHHELD + _detail(item), True)
    field, value = key
    quoted = _quote(value)
    if field == "id" and "indicator" in item:
        return Label(f"indicator {quoted}", f"indicator {quoted}", True, alone=True)
    if field == "id":
        title = _quote(item.get("titel") or value)
        kind = "tabel" if "rijkop" in item else "groep" if "rollen" in item else "domein"
        if kind == "domein":
            return Label(f"domein {title}", f"domein {title}", True)
        return Label(title, f"{kind} {title}", False)
    if field == "categorie":
        return Label(quoted, f"rij {quoted}{_detail(item)}", False)
    if field == "niveau":
        level = f"niveau {_one_line(value)}"
        return Label(level, f"{level} ({_short(item.get('naam') or '')})", True)
    if field == "situatie":
        return Label(f"situatie {quoted}", f"situatie {_quote(value, QUOTED)}", True)
    words = {"afkorting": "begrip", "rol": "rol", "wie": "aanspreekpunt"}
    if field == "naam" and "postcode" in item:
        words["naam"] = "vestiging"
    if field == "naam" and "aangekruist" in item:
        words["naam"] = "concept"
    if field in words:
        text = f"{words[field]} {quoted}"
        return Label(text, text + _detail(item), True)
    if field in ("naam", "groep") and "functie" in item:
        return Label(_one_line(value), _one_line(value) + _detail(item), False)
    return Label(quoted, _quote(value, QUOTED), False)


def _detail(item: dict) -> str:
    """A little more about a new or removed item: a person's function, a row's numbers, …"""
    if isinstance(item.get("functie"), list):
        return f" ({', '.join(_short(f) for f in item['functie'])})"
    if isinstance(item.get("aantallen"), dict):
        return f" ({'; '.join(f'{year}: {_value(v)}' for year, v in item['aantallen'].items())})"
    if "rol" in item and (item.get("namen") or item.get("organisatie")):
        holders = ([_short(item["organisatie"])] if item.get("organisatie") else []) + [
            WITHHELD if name is None else _one_line(name) for name in item.get("namen") or []
        ]
        return f" ({', '.join(holders)})"
    return ""


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _canonical(value: Any) -> Any:
    """Order-free form of a value: two items that differ only in order are the same."""
    if isinstance(value, dict):
        return tuple(sorted((key, _canonical(item)) for key, item in value.items()))
    if isinstance(value, list):
        return tuple(sorted((_canonical(item) for item in value), key=repr))
    return value


# --- the walk -------------------------------------------------------------------------


class _Walk:
    """Walks one part of both documents side by side and writes a line per change."""

    def __init__(self, section: str, columns: dict):
        self.section = section
        self.columns = columns  # the school's own column headings in this part
        self.lines: list[str] = []
        # (table, year) -> index of its 'Nieuw schooljaar' line, which gets each row's count.
        self.new_years: dict[tuple[str, str], int] = {}

    def words(self, fields: tuple[str, ...]) -> str:
        words = []
        for index, field in enumerate(fields):
            previous = fields[index - 1] if index else None
            if previous == "kolommen" and "kolomkop" in words:
                continue  # 'kolomkop 'Acties' → …': the old value names the column
            word = PATH_WORDS.get((previous, field)) or SECTION_WORDS.get(self.section, {}).get(
                field, FIELD_WORDS.get(field, field.replace("_", " "))
            )
            if word:
                words.append(word)
        return ", ".join(words)

    def say(self, where: tuple[Label, ...], text: str) -> None:
        if not where:
            self.lines.append(_cap(text))
            return
        head = ", ".join(label.path for label in where)
        self.lines.append(f"{_cap(head) if where[0].worded else head}: {text}")

    def say_item(self, verb: str, where: tuple[Label, ...], fields: tuple[str, ...], noun: str) -> None:
        place = ", ".join([label.path for label in where] + ([self.words(fields)] if self.words(fields) else []))
        self.lines.append(f"{verb} bij {place}: {noun}" if place else f"{verb}: {noun}")

    def value(self, old: Any, new: Any, where: tuple[Label, ...], fields: tuple[str, ...]) -> None:
        if old == new:
            return
        if isinstance(old, dict) or isinstance(new, dict):
            old, new = old or {}, new or {}
            if fields and fields[-1] == "aantallen":
                self.counts(old, new, where)
                return
            for key in [*new, *(key for key in old if key not in new)]:
                self.value(old.get(key), new.get(key), where, (*fields, key))
        elif isinstance(old, list) or isinstance(new, list):
            self.sequence(old or [], new or [], where, fields)
        elif isinstance(old, _Status) or isinstance(new, _Status):
            self.status(old, new, where, fields)
        else:
            self.scalar(old, new, where, fields)

    def scalar(self, old: Any, new: Any, where: tuple[Label, ...], fields: tuple[str, ...]) -> None:
        words = self.words(fields)
        # A text under one of the school's own column headings is named by that heading.
        texts = all(value is None or isinstance(value, str) for value in (old, new))
        column = self.columns.get(fields[-1]) if texts and fields and fields[0] != "kolommen" else None
        heading = _quote(column) if isinstance(column, str) else None
        if _is_long(old) or _is_long(new):
            what = heading or words
            subject = "tekst" if what in ("tekst", "") else f"tekst bij {what}"
            done = "toegevoegd" if old is None else "weggehaald" if new is None else "gewijzigd"
            self.say(where, f"{subject} {done}")
            return
        change = f"{_value(old)}{ARROW}{_value(new)}"
        if heading:
            self.say((*where, Label(heading, heading, False)), change)
        else:
            self.say(where, f"{words} {change}" if words else change)

    def status(self, old: _Status | None, new: _Status | None, where, fields) -> None:
        def text(status: _Status | None) -> str:
            return status.text() if status else "geen status"

        if old and new and text(old) == text(new):
            # Only the column moved, and the columns have no headings: a number ('3 van 4')
            # would read as a ranking the profile does not give.
            self.say(where, f"{self.words(fields)} {text(new)} staat nu in een andere kolom; "
                            "het profiel zegt niet wat de kolommen betekenen")
            return
        self.say(where, f"{self.words(fields)} {text(old)}{ARROW}{text(new)}")

    def counts(self, old: dict, new: dict, where: tuple[Label, ...]) -> None:
        # A year only in `old` left the table: 'Schooljaar … weggehaald' already says so.
        table = ", ".join(label.path for label in where[:-1])
        for year, value in new.items():
            if year not in old and (table, year) in self.new_years:
                index = self.new_years[table, year]
                separator = ": " if self.lines[index] == f"Nieuw schooljaar {year} in {table}" else ", "
                self.lines[index] += f"{separator}{where[-1].path} {_value(value)}"
            elif year not in old:
                self.say((*where, Label(year, year, False)), _value(value))
            elif old[year] != value:
                self.say((*where, Label(year, year, False)), f"{_value(old[year])}{ARROW}{_value(value)}")

    def sequence(self, old: list, new: list, where: tuple[Label, ...], fields: tuple[str, ...]) -> None:
        if any(isinstance(item, dict) for item in [*old, *new]):
            self.items(old, new, where, fields)
        elif fields and fields[-1] == "schooljaren" and where:
            table = ", ".join(label.path for label in where)
            for year in [y for y in new if y not in old]:
                self.new_years[table, year] = len(self.lines)
                self.lines.append(f"Nieuw schooljaar {year} in {table}")
            for year in [y for y in old if y not in new]:
                self.lines.append(f"Schooljaar {year} weggehaald uit {table}")
        elif fields and fields[-1] == "koppen":
            # Headings in column order: their order is their meaning.
            if old != new:
                self.scalar(old, new, where, fields)
        elif Counter(old) != Counter(new):
            # A list of short items replaced as a whole reads best as 'old → new';
            # when some items stay, name only what was added or removed.
            if not set(old) & set(new) and all(
                item is None or (len(item) <= SHORT_ITEM and "\n" not in item) for item in [*old, *new]
            ):
                self.scalar(old, new, where, fields)
                return
            for item in list((Counter(new) - Counter(old)).elements()):
                self.say_item("Nieuw", where, fields, _quote(item, QUOTED))
            for item in list((Counter(old) - Counter(new)).elements()):
                self.say_item("Weggehaald", where, fields, _quote(item, QUOTED))

    def edited(self, old: dict, new: dict, where: tuple[Label, ...], fields: tuple[str, ...]) -> None:
        """A situation or summary whose text changed: named by its old text."""
        noun, after = _label(old).noun, _key(new)[1]
        if not (_is_long(_key(old)[1]) or _is_long(after)):
            noun += f"{ARROW}{_quote(after, LONG_TEXT)}"
        self.say_item("Gewijzigd", where, fields, noun)

    def items(self, old: list, new: list, where: tuple[Label, ...], fields: tuple[str, ...]) -> None:
        """Lists of records, matched by their key field, never by position."""
        old_by_key: dict[Any, list[dict]] = {}
        for item in old:
            old_by_key.setdefault(_key(item), []).append(item)
        added: list[dict] = []
        for item in new:
            key = _key(item)
            if key is not None and old_by_key.get(key):
                previous, label = old_by_key[key].pop(0), _label(item)
                self.value(previous, item, (label,) if label.alone else (*where, label), ())
            else:
                added.append(item)
        removed = [item for items in old_by_key.values() for item in items]
        # Withheld people, and a situation or summary whose text was edited: matched by
        # everything else they have. Not short names: a new person with the same function
        # as one who left is no renamed person.
        for item in list(added):
            twin = next((o for o in removed if _same_but_key(o, item)), None)
            if twin is not None:
                added.remove(item)
                removed.remove(twin)
                if _key(twin) != _key(item):
                    self.edited(twin, item, where, fields)
        for item in added:
            self.say_item("Nieuw", where, fields, _label(item).noun)
        for item in removed:
            self.say_item("Weggehaald", where, fields, _label(item).noun)


def _same_but_key(old: dict, new: dict) -> bool:
    """The same item with its text edited: equal in every field but its key."""
    old_key, new_key = _key(old), _key(new)
    if (old_key is None) != (new_key is None) or (old_key and new_key and old_key[0] != new_key[0]):
        return False
    if old_key and new_key and not (old_key[0] in TEXT_KEYS or _is_long(old_key[1]) or _is_long(new_key[1])):
        return False
    skip = {old_key[0]} if old_key else set()
    return _canonical({k: v for k, v in old.items() if k not in skip}) == _canonical(
        {k: v for k, v in new.items() if k not in skip}
    )


# --- writers ----------------------------------------------------------------------------


def as_text(sections: list[Section]) -> str:
    """For the terminal."""
    if not sections:
        return NO_CHANGES + "\n"
    return "\n\n".join(
        "\n".join([section.title, *(f"- {line}" for line in section.changes)]) for section in sections
    ) + "\n"


# A zero-width joiner after these keeps GitHub from making a mention, an issue or commit
# reference or a link out of a value: '@team', '#12', 'GH-12', 'https://…', 'www.…'.
_GITHUB_REFERENCES = re.compile(r"[@#]|(?<=:)(?=//)|(?i:(?<=\bwww)(?=\.)|(?<=\bgh-))")


def _markdown(text: str) -> str:
    """One line of data-bearing text, inert in GitHub markdown."""
    escaped = render.escape_markdown(_GITHUB_REFERENCES.sub(lambda m: m.group(0) + "\u200d", _one_line(text)))
    # Quotes are harmless outside an HTML attribute; plain ones keep the raw text readable.
    return escaped.replace("&#39;", "'").replace("&#34;", '"')


def as_markdown(sections: list[Section], heading: str) -> str:
    """For a GitHub job summary or pull-request comment."""
    parts = [f"## {_markdown(heading)}", ""]
    if not sections:
        parts.append(NO_CHANGES)
    for section in sections:
        parts += [f"### {_markdown(section.title)}", "", *(f"- {_markdown(line)}" for line in section.changes), ""]
    return "\n".join(parts).rstrip("\n") + "\n"


def as_html(sections: list[Section], level: int, anchor_prefix: str = "") -> str:
    """For the site: a heading (with a stable id) and a list per part; no blank lines."""
    if not sections:
        return f"<p>{render.escape(NO_CHANGES)}</p>"
    return "".join(
        f'<h{level} id="{render.escape(anchor_prefix + section.anchor)}">{render.escape(section.title)}</h{level}>'
        f"<ul>{''.join(f'<li>{render.escape(line)}</li>' for line in section.changes)}</ul>"
        for section in sections
    )


# --- a version from git -------------------------------------------------------------------


def _did_you_mean(project: Path, rev: str) -> str:
    """' (bedoelt u 'main'?)' for a mistyped branch or tag, else ''."""
    try:
        refs = git_bytes(project, "for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/tags", "refs/remotes")
    except (subprocess.CalledProcessError, VersionError):
        return ""
    hint = difflib.get_close_matches(rev, refs.decode(errors="replace").split(), n=1)
    return f" (bedoelt u '{hint[0]}'?)" if hint else ""


def version_words(project: Path, rev: str) -> str:
    """The version compared with, as staff know it: 'HEAD' is git's word for the last saved version."""
    try:
        day = git_bytes(project, "log", "-1", "--format=%cs", f"{rev}^{{commit}}", "--").decode().strip()
    except (subprocess.CalledProcessError, VersionError):
        day = ""
    when = f" van {render.dutch_date(datetime.date.fromisoformat(day))}" if day else ""
    if rev in ("HEAD", "@"):
        return f"de laatst opgeslagen versie{when}"
    return f"versie '{rev}'{when}"


def profile_at(project: Path, rev: str) -> Profile:
    """data/ as it was in git revision `rev` (a commit, tag or branch), validated.

    Raises DataErrors (files named 'data (versie REV)/…') or VersionError.
    """
    unknown = f"Onbekende versie '{rev}': geef een commit, tag of branch"
    if not rev or rev.startswith("-") or any(c in rev for c in "\0\n\r"):
        raise VersionError(unknown)
    try:
        commit = git_bytes(project, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except subprocess.CalledProcessError:
        raise VersionError(unknown + _did_you_mean(project, rev)) from None
    with tempfile.TemporaryDirectory(prefix="sop-versie-") as folder:
        data = Path(folder) / "data"
        try:
            data_at(project, commit, data)
        except VersionError as error:
            raise VersionError(f"In versie '{rev}' {error}.") from None
        # Data written for an older format is read as today's (sop/data/migrations).
        migrations.upgrade_folder(data)
        return load_profile(data, display_dir=f"data (versie {rev})")


def page_changes(project: Path, rev: str) -> list[Section]:
    """The pages in docs/ whose text differs from version `rev`: readers see those changes too."""
    try:
        listed = git_bytes(project, "diff", "--name-status", "--no-renames", "-z", f"{rev}^{{commit}}", "--", "docs")
        untracked = git_bytes(project, "ls-files", "-z", "--others", "--exclude-standard", "--", "docs")
    except (subprocess.CalledProcessError, VersionError):
        return []
    fields = listed.decode(errors="replace").split("\0")
    changes = dict(zip(fields[1::2], fields[0::2]))
    changes.update((name, "A") for name in untracked.decode(errors="replace").split("\0") if name)
    titles = _page_titles(project)
    words = {"A": "Nieuwe pagina", "D": "Pagina weggehaald"}
    lines = [
        f"{words.get(kind, 'Tekst gewijzigd op pagina')} {_quote(titles.get(name[5:], name[5:]))}"
        for name, kind in sorted(changes.items()) if name.endswith(".md")
    ]
    return [Section("Pagina's", "paginas", lines)] if lines else []


def _page_titles(project: Path) -> dict[str, str]:
    """Page file (as in docs/) -> its title in the navigation."""
    try:
        return dict(nav_pages(mkdocs_config(project).get("nav")))
    except (OSError, ValueError, AttributeError):
        return {}


# --- command line ---------------------------------------------------------------------------

USAGE = "Gebruik: python -m sop.versions.wijzigingen --van VERSIE [--markdown] [--kop TEKST]"
HELP = f"""{USAGE}

Zegt in gewone taal wat er in het profiel verandert: data/ in versie VERSIE (een
commit, tag of branch, bijvoorbeeld main) naast data/ zoals het nu is.

  --van VERSIE   de versie om mee te vergelijken
  --markdown     als markdown, voor een pull request op GitHub
  --kop TEKST    de kop boven de vergelijking
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # Dutch instead of argparse's English
        self.exit(2, f"{USAGE}\n")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = _Parser(add_help=False)
    parser.add_argument("-h", "--help", action="store_true")
    parser.add_argument("--van")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--kop")
    return parser.parse_args(argv)


def _run(project: Path, args: argparse.Namespace) -> int:
    if args.help:
        print(HELP, end="")
        return 0
    if not args.van:
        print(f"Geef aan met welke versie u wilt vergelijken, bijvoorbeeld --van main.\n{USAGE}", file=sys.stderr)
        return 2
    try:
        new = load_profile(project / "data")
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    try:
        old = profile_at(project, args.van)
    except VersionError as error:
        print(f"{error}", file=sys.stderr)
        return 1
    except DataErrors as errors:
        count = len(errors.errors)
        print(f"Versie '{args.van}' van data/ bevat {count} {'fout' if count == 1 else 'fouten'}; "
              "daarmee kan niet worden vergeleken.", file=sys.stderr)
        print("\n".join(str(error) for error in errors.errors), file=sys.stderr)
        return 1
    try:
        sections = compare_profiles(old, new) + page_changes(project, args.van)
    except opendata.HiddenNameError as error:
        print(f"De vergelijking wordt niet getoond: {error}.", file=sys.stderr)
        return 1
    heading = args.kop or f"Wijzigingen in het profiel sinds {version_words(project, args.van)}"
    if args.markdown:
        print(as_markdown(sections, heading), end="")
    else:
        print(f"{_one_line(heading)}\n\n{as_text(sections)}", end="")
    return 0


def main(argv: list[str] | None = None, project: Path | None = None) -> int:
    from sop.data.failure import run_guarded

    project = project or Path.cwd()
    args = _arguments(argv)
    return run_guarded(lambda: _run(project, args), log_dir=project / ".cache")


if __name__ == "__main__":
    sys.exit(main())
