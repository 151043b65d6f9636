"""What a page in docs/ may contain besides the project's macros: plain markdown only.

Staff change these pages through pull requests, and a reviewer reads a text
change, not what it turns into. So a page may not carry its own HTML (a
`<script>`, an `onclick`, an `<iframe>`): all HTML on the site comes from the
macros, which escape every value. Raw HTML is refused rather than filtered
through an allow-list, because the pages need none: headings, lists, links,
emphasis and tables are markdown, and everything else is a macro. A refusal
names the line; a filter would change the page silently.

For the same reason attribute lists (`{ #anchor }`) may only set an anchor or a
class, and links and images may only point to a page or file inside docs/ or to
an http(s) or mailto address: never `javascript:`, never a file of the build
machine. The page text is checked with every `{{ … }}` masked out, so a macro's
own output is never mistaken for the page's.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from sop.data.errors import DataError, Location

# `<` starts HTML in markdown when a letter, '/', '!' or '?' follows.
_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
# Markdown's own autolinks: <https://…> and <naam@voorbeeld.nl> (with or without mailto:).
_AUTOLINK = re.compile(r"<(?:https?://[^<>\s]+|(?:mailto:)?[^<>\s!@]+@[^<>\s@]+)>", re.IGNORECASE)
# An attribute list of the attr_list extension: `{ #id .class }`, also with a colon.
_ATTRIBUTES = re.compile(r"\{:?([^{}\n]*)\}")
_SAFE_ATTRIBUTE = re.compile(r"[#.][A-Za-z][\w-]*")
# Where attr_list reads braces: at the end of a line, or right after a link, image, code or emphasis.
_ATTRIBUTE_PLACE = re.compile(r"[)\]*_`]$")
# [text](url …) and ![alt](url …); [name]: url for a reference link.
_INLINE_LINK = re.compile(r"\]\(\s*(<[^<>\n]*>|[^)\n]*)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^<>\n]*>|.+)", re.MULTILINE)
# An address in angle brackets, as markdown allows in a link: [tekst](<over.md>), [ref]: <over.md>.
_BRACKETED_ADDRESS = re.compile(r"(?:\]\(|^ {0,3}\[[^\]\n]+\]:)[ \t]*$")
_JINJA = re.compile(r"\{\{.*?\}\}|\{#.*?#\}|\{%.*?%\}", re.DOTALL)
ALLOWED_SCHEMES = ("http", "https", "mailto")
_HTML_MESSAGE = (
    "hier staat HTML-opmaak ({found}); een pagina bevat alleen gewone tekst met markdown, de opmaak komt "
    "uit de macro's. Bedoelt u het teken <, schrijf dan &lt;"
)


def mask_templates(text: str) -> str:
    """The text with every {{ … }}, {# … #} and {% … %} blanked out, lines and columns kept."""
    return _JINJA.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _html_problems(text: str) -> Iterator[tuple[int, str]]:
    for match in _HTML_START.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _AUTOLINK.match(text, match.start()) or _BRACKETED_ADDRESS.search(text[line_start:match.start()]):
            continue
        tag = text[match.start():].split("\n", 1)[0].split(">", 1)[0]
        found = (tag if len(tag) <= 40 else tag[:37] + "…") + ">"
        yield match.start(), _HTML_MESSAGE.format(found=found)


def _attribute_problems(text: str) -> Iterator[tuple[int, str]]:
    for match in _ATTRIBUTES.finditer(text):
        tokens = match.group(1).split()
        at_line_end = text[match.end():].split("\n", 1)[0].strip() == ""
        read_by_attr_list = "=" in match.group(1) or at_line_end or bool(
            _ATTRIBUTE_PLACE.search(text[:match.start()]))
        if read_by_attr_list and tokens and not all(_SAFE_ATTRIBUTE.fullmatch(token) for token in tokens):
            yield match.start(), (
                f"tussen {{ en }} mag alleen een anker staan, zoals {{ #naam }} (of een klasse, .naam); "
                f"'{match.group(1).strip()[:40]}' zou de pagina een eigen kenmerk geven, zoals onclick of style, "
                "en dat is niet toegestaan")


def link_problem(url: str, page: str) -> str | None:
    """Why a link or image address on `page` (a path in docs/) is not allowed, or None."""
    # A browser ignores spaces and control characters inside a scheme ('java\tscript:'),
    # and markdown passes entities through ('&#106;avascript:'): check what the browser reads.
    address = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url).strip("<>"))
    if not address:
        return None
    parts = urlsplit(address.replace("\\", "/"))
    if parts.scheme:
        if parts.scheme.lower() not in ALLOWED_SCHEMES:
            return (f"de link '{url[:60]}' begint met '{parts.scheme}:'; een link gaat naar een pagina van deze "
                    "site (zoals over.md) of naar een adres dat begint met https://, http:// of mailto:")
        if parts.scheme.lower() != "mailto" and not parts.netloc:
            return f"de link '{url[:60]}' mist de naam van de website; schrijf het hele adres, zoals https://www.voorbeeld.nl/"
        return None
    if parts.netloc or address.replace("\\", "/").startswith("/"):
        return (f"de link '{url[:60]}' begint met /; link naar een pagina van deze site met haar bestandsnaam "
                "(zoals over.md), of schrijf het hele adres met https://")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if target == ".." or target.startswith("../"):
        return (f"de link '{url[:60]}' wijst naar een bestand buiten docs/; een link gaat naar een pagina of "
                "bestand in docs/ of naar een adres dat begint met https://, http:// of mailto:")
    return None


def page_links(text: str) -> Iterator[tuple[int, str]]:
    """(offset, address) of every link and image address written in a page's markdown."""
    for pattern in (_INLINE_LINK, _REFERENCE):
        for match in pattern.finditer(text):
            yield match.start(1), match.group(1)


def _address_problem(written: str, page: str) -> str | None:
    # What markdown takes as the address (up to a space and a title), and what a
    # browser reads when it drops the spaces inside it ('java\tscript:'): both must pass.
    first = written.split()[0] if written.split() else ""
    return link_problem(first, page) or link_problem("".join(written.split()), page)


def markup_errors(name: str, page: str, body: str, offset: int) -> list[DataError]:
    """Raw HTML, unsafe attribute lists and links leaving docs/ in a page body.

    `name` is the file as shown ('docs/over.md'), `page` its path inside docs/ and
    `offset` the lines the front matter takes before `body`.
    """
    text = mask_templates(body)
    found = list(_html_problems(text)) + list(_attribute_problems(text))
    found += [(index, problem) for index, url in page_links(text) if (problem := _address_problem(url, page))]
    errors = []
    for index, message in sorted(found):
        line, column = _position(text, index)
        errors.append(DataError(Location(name, line + offset, column), message))
    return errors
