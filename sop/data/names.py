"""One rule for comparing people's names, used by validation, the site and every export.

`name_key` folds a text for sorting and for matching words: NFKC, without
invisible characters, spaces collapsed, case folded.

`person_key` is how a reader sees a name, for withheld names: besides that
folding, letters from another script that look the same (Cyrillic 'і', Greek
'ο', Cherokee 'Ꭺ') count as the same letter, after the confusables of Unicode
TR 39 (the table of the `confusable-homoglyphs` package), and accents, other
combining marks and every invisible character are left out. A withheld name
therefore stays withheld however a data file happens to write it. It is never
used to sort: 'm' and 'rn' share a key.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Hangul fillers: Default_Ignorable letters that show as nothing or a blank.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
# Combining marks, format characters (zero-width, direction marks) and unassigned code points.
_UNSEEN = frozenset(("Mn", "Me", "Cf", "Cn"))
_WORD = re.compile(r"\w+")


def name_key(name: str) -> str:
    normal = unicodedata.normalize("NFKC", name)
    visible = "".join(character for character in normal if unicodedata.category(character) != "Cf")
    return " ".join(visible.split()).casefold()


def _seen(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if c not in _FILLERS and unicodedata.category(c) not in _UNSEEN)


def _fold(text: str) -> str:
    return _seen(unicodedata.normalize("NFKC", text).casefold())


@functools.cache
def _look_alikes() -> dict[str, str]:
    """Each character that looks like another: the one that stands for both.

    The package lists each confusable pair of TR 39 both ways, as a star around
    the prototype (the only entry with more than one look-alike); a pair of two
    single characters has no such centre and takes the smaller one.
    """
    from confusable_homoglyphs.confusables import confusables_data

    def clean(text: str) -> str:  # the table wraps right-to-left letters in direction marks
        return "".join(c for c in text if unicodedata.category(c) != "Cf")

    degree = {clean(key): len(entries) for key, entries in confusables_data.items()}
    table = {}
    for key, entries in confusables_data.items():
        source, other = clean(key), clean(entries[0]["c"])
        if len(source) != 1 or degree[source] > 1:
            continue  # a prototype stands for itself
        if degree[other] > 1 or len(other) > 1 or other < source:
            table[source] = other
    return table


def _settle(text: str) -> str:
    """Look-alikes replaced and folded until nothing changes: a key is then its own key."""
    table = _look_alikes()
    while (settled := _fold("".join(table.get(c, c) for c in text))) != text:
        text = settled
    return text


@functools.cache
def _letter(character: str) -> str:
    """One character as a reader sees it, in lower case.

    By its look as written, so a Cyrillic 'Н' is an 'h' (its lower case 'н' looks
    like no 'h'), and before NFKC, which turns some look-alikes ('˛', 'ͺ') into a
    space and a mark. But TR 39 reads a capital I as an 'l': a capital that looks
    like I, and is an i in lower case, stays an 'i'.
    """
    written = _settle(_look_alikes().get(character, character))
    return "i" if written == "l" and _settle(_fold(character)) == "i" else written


def person_key(name: str) -> str:
    """`name` as a reader sees it: two names with one key look the same."""
    letters = "".join(_letter(c) for c in unicodedata.normalize("NFD", name))
    return " ".join(_settle(letters).split())


@dataclass(frozen=True)
class _Names:
    """A set of names ready for lookups: their keys, and each name as its words."""

    keys: frozenset[str]
    words: dict[tuple[str, ...], str]
    lengths: tuple[int, ...]  # the numbers of words names have


@functools.lru_cache(maxsize=8)
def _prepare(names: frozenset[str]) -> _Names:
    keys: set[str] = set()
    words: dict[tuple[str, ...], str] = {}
    for name in sorted(names):
        key = person_key(name)
        keys.add(key)
        if _WORD.search(key):
            words.setdefault(tuple(_WORD.findall(key)), name)
    return _Names(frozenset(keys), words, tuple(sorted({len(group) for group in words})))


# The last sets of names asked for, by the object itself: callers ask about many texts
# with one set, and finding an equal set of thousands of names in the cache compares
# them all on every call.
_recent: dict[int, tuple[frozenset[str], _Names]] = {}


def _prepared(names: Iterable[str]) -> _Names:
    entry = _recent.get(id(names))
    if entry is None or entry[0] is not names:
        if len(_recent) >= 8:
            _recent.clear()
        names = names if isinstance(names, frozenset) else frozenset(names)
        entry = _recent[id(names)] = names, _prepare(names)
    return entry[1]


def find_name(text: str, names: Iterable[str]) -> str | None:
    """The first of `names` that occurs as a whole word group in `text`, or None.

    Linear in the length of `text`: a lookup per word and per name length, not a
    search per name.
    """
    if not names:
        return None
    prepared = _prepared(names)
    words = _WORD.findall(person_key(text))
    for start in range(len(words)):
        for length in prepared.lengths:
            name = prepared.words.get(tuple(words[start:start + length]))
            if name:
                return name
    return None


def among(name: str, names: Iterable[str]) -> bool:
    """Whether `name` is one of `names`, however either is written."""
    return bool(names) and person_key(name) in _prepared(names).keys
