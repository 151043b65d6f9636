"""Every value from data/ is safe everywhere it lands: pages, theme, downloads.

A hostile value (markup, quotes, an attribute list `{ onclick=… }`, a link
`](javascript:…)`, template code `{{ config }}`, control and invisible
characters) is put into every string field of every data file. The fields come
from the schema (sop/data/profile.py DATA_FILES), not from a hand-made list, so a new
field is covered the day it is added. Each value is either refused with a
located Dutch error, or the site is built with all accepted values at once (one
build) and no page or download turns any of them into markup, an attribute or a
URL.
"""

from __future__ import annotations

import json
import re
import shutil
import types
import typing
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from pydantic import BaseModel

from conftest import SCHOOLS, build_site, commit_all, copy_project
from sop.data.errors import DataErrors
from sop.data.profile import DATA_FILES, load_profile

# The fixture school with the most optional fields filled in.
FIXTURE = SCHOOLS["de-getijden"]

# Each part is something a browser, Markdown or a template engine would act on.
HOSTILE = ('<b>HXb</b> <img src=x onerror=alert(1)> "q" \'a\' & { onclick=alert(1) } *HXem* _HXu_ '
           "[HXl](javascript:alert(1)) {{ config }} {% if true %}HXif{% endif %} {# c #} `HXc` # H")
CONTROL = "\x07"  # a control character (BEL)
INVISIBLE = "\u200b\u202e"  # zero-width space, right-to-left override
# Signs that template code from data was run: mkdocs.yml's settings printed in a page.
CONFIG_LEAK = re.compile(r"mdx_configs|'site_name'|\"site_name\"|HXif(?!\{%)")


def marker(number: int) -> str:
    return f"HX{number:03d}Z"


def variants(number: int) -> list[str]:
    """From most to least hostile: a field that refuses one is tried with the next."""
    start = f"{marker(number)} {HOSTILE}"
    return [f"{start}{CONTROL}{INVISIBLE}\nHXline", f"{start}{INVISIBLE}\nHXline", f"{start}{INVISIBLE}", start]


# --- Every string field, from the schema ----------------------------------------

def _walk(annotation, value, path):
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        yield from _walk(args[0], value, path)
    elif origin in (typing.Union, types.UnionType):
        for option in args:
            if option is not type(None):
                yield from _walk(option, value, path)
    elif annotation is str:
        yield path
    elif origin is list and isinstance(value, list) and value:
        # The first item stands for all: they go through the same code.
        yield from _walk(args[0], value[0], (*path, 0))
    elif origin is dict and isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(args[1], item, (*path, key))
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(value, dict):
        yield from fields(annotation, value, path)


def fields(model: type[BaseModel], document: dict, path=()):
    """The paths of every string field of `model` in `document`, absent optional ones too."""
    for name, field in model.model_fields.items():
        key = field.alias or name
        yield from _walk(field.annotation, document.get(key), (*path, key))


def get(document, path):
    for key in path:
        document = document[key]
    return document


def put(document, path, value):
    get(document, path[:-1])[path[-1]] = value


def read(data_dir: Path, stem: str):
    return yaml.safe_load((data_dir / f"{stem}.yml").read_text(encoding="utf-8"))


class _Dumper(yaml.SafeDumper):
    """Every text double-quoted on one line: the hostile value is then exactly what YAML reads."""


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


def write(data_dir: Path, stem: str, document) -> None:
    text = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=float("inf"))
    (data_dir / f"{stem}.yml").write_text(text, encoding="utf-8")


ENGLISH = re.compile(r"\b(Input should|String should|should be|field required|Value error)\b", re.I)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """(built site, {marker: field}, [refusals]) for the fixture school with every field made hostile."""
    project = copy_project(tmp_path_factory.mktemp("vijandig"), FIXTURE)
    data = project / "data"
    documents = {stem: read(data, stem) for stem in DATA_FILES}
    accepted: dict[str, str] = {}
    refused: list[tuple[str, list]] = []
    number = 0
    for stem, model in DATA_FILES.items():
        for path in list(fields(model, documents[stem])):
            field = f"{stem}.yml: {'.'.join(map(str, path))}"
            number += 1
            original = _get_or_none(documents[stem], path)
            taken = None
            for value in variants(number):
                put(documents[stem], path, value)
                write(data, stem, documents[stem])
                try:
                    load_profile(data)
                except DataErrors as errors:
                    refused.append((field, errors.errors))
                    continue
                taken = value
                break
            if taken:
                accepted[marker(number)] = field
            else:
                _restore(documents[stem], path, original)
                write(data, stem, documents[stem])
    _add_hostile_pdf_term(data, documents)
    load_profile(data)  # all accepted values together still validate
    breaking = _fields_that_break_the_build(project, documents, accepted)
    commit_all(project)
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    return Hostile(project / "site", accepted, refused, breaking)


class Hostile(typing.NamedTuple):
    site: Path
    accepted: dict[str, str]  # marker -> field
    refused: list[tuple[str, list]]  # (field, its DataErrors)
    breaking: list[tuple[str, str]]  # (field, generator's message): valid, yet no site


def _generator_fails(project: Path) -> str:
    """MkDocs alone (no PDF): the quick way to see whether these data build."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / ".proef")],
                            cwd=project, capture_output=True, text=True)
    shutil.rmtree(project / ".proef", ignore_errors=True)
    warnings = [line for line in result.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]
    return "" if result.returncode == 0 else "\n".join(warnings) or result.stderr.strip()[-500:]


def _fields_that_break_the_build(project: Path, documents: dict, accepted: dict[str, str]) -> list[tuple[str, str]]:
    """Accepted values that still stop the build: found file by file, then field by field,
    and put back to the school's own value so the rest is still checked."""
    failure = _generator_fails(project)
    if not failure:
        return []
    data = project / "data"
    pristine = {stem: read(FIXTURE, stem) for stem in DATA_FILES}
    breaking = []
    for stem in DATA_FILES:
        write(data, stem, pristine[stem])
        fixed = not _generator_fails(project)
        write(data, stem, documents[stem])
        if not fixed:
            continue
        for mark, field in list(accepted.items()):
            if not field.startswith(f"{stem}.yml: "):
                continue
            path = tuple(int(key) if key.isdigit() else key for key in field.split(": ", 1)[1].split("."))
            _restore(documents[stem], path, _get_or_none(pristine[stem], path))
            write(data, stem, documents[stem])
            if not _generator_fails(project):
                breaking.append((field, failure))
                del accepted[mark]
                break
        failure = _generator_fails(project)
        if not failure:
            break
    assert not failure, f"de bouw mislukt nog steeds:\n{failure}"
    return breaking


def _add_hostile_pdf_term(data: Path, documents: dict) -> None:
    """The theme's footer explains "PDF" from the glossary: give that term a hostile explanation."""
    terms = documents["begrippen"]["begrippen"]
    if any(term.get("afkorting") == "PDF" for term in terms):
        terms = [term for term in terms if term.get("afkorting") != "PDF"]
    terms.append({"afkorting": "PDF", "volledig": f"HXpdf {HOSTILE}", "uitleg": f"HXpdf {HOSTILE}"})
    documents["begrippen"]["begrippen"] = terms
    write(data, "begrippen", documents["begrippen"])


def _get_or_none(document, path):
    try:
        return get(document, path)
    except (KeyError, IndexError, TypeError):
        return None


def _restore(document, path, original):
    if original is None:
        get(document, path[:-1]).pop(path[-1], None)
    else:
        put(document, path, original)


# --- What must never happen in a page or download --------------------------------

def html_problems(name: str, html: str) -> list[str]:
    """Hostile data acting as markup, attribute or URL in one HTML document."""
    page = BeautifulSoup(html, "html.parser")
    problems = []
    for tag in page.find_all(True):
        for attribute, value in tag.attrs.items():
            if attribute.lower().startswith("on"):
                problems.append(f"{name}: attribuut {attribute}= op <{tag.name}>")
            if attribute in ("href", "src", "action") and str(value).strip().lower().startswith("javascript:"):
                problems.append(f"{name}: {attribute}=\"{value}\" op <{tag.name}>")
        if tag.name in ("b", "em", "i", "code") and re.fullmatch(r"HX(b|em|u|c)", tag.get_text()):
            problems.append(f"{name}: <{tag.name}>{tag.get_text()}</{tag.name}> uit de gegevens werd opmaak")
        if tag.name == "a" and tag.get_text() == "HXl":
            problems.append(f"{name}: [HXl](…) uit de gegevens werd een link")
        if tag.name == "img" and tag.get("src") == "x":
            problems.append(f"{name}: <img> uit de gegevens werd een afbeelding")
    for script in page.select('script[type="application/ld+json"]'):
        try:
            json.loads(script.string or "")
        except json.JSONDecodeError as error:
            problems.append(f"{name}: JSON-LD is geen geldige JSON meer ({error})")
    if CONFIG_LEAK.search(page.get_text()):
        problems.append(f"{name}: template-code uit de gegevens is uitgevoerd")
    return problems


def test_a_valid_value_never_stops_the_build(hostile):
    """What validates also builds: otherwise staff get MkDocs' English warning, not a located error."""
    assert not hostile.breaking, "\n".join(f"{field}: {message}" for field, message in hostile.breaking)


def test_hostile_values_reach_fields(hostile):
    """The test means something only if most fields took a hostile value."""
    accepted = hostile.accepted
    assert len(accepted) >= 50, f"maar {len(accepted)} velden namen een vijandige waarde aan"
    schools = {field.split(":")[0] for field in accepted.values()}
    assert len(schools) >= 12, schools


def test_every_refusal_is_located_and_dutch(hostile):
    bad = []
    for field, errors in hostile.refused:
        for error in errors:
            where = error.location
            if not (re.fullmatch(r"data/[a-z-]+\.yml", where.file) and where.line > 0 and where.column > 0):
                bad.append(f"{field}: zonder plek: {error}")
            if ENGLISH.search(error.message):
                bad.append(f"{field}: niet in het Nederlands: {error}")
    assert not bad, "\n".join(bad)


def test_every_refusal_is_one_line(hostile):
    """One error, one line 'data/FILE.yml:LINE:COL: …' in the terminal report."""
    split = [f"{field}: {error}" for field, errors in hostile.refused for error in errors if "\n" in error.message]
    assert not split, "\n\n".join(split[:5])


def test_no_page_turns_data_into_markup_attribute_or_url(hostile):
    site = hostile.site
    problems = []
    for path in sorted(site.rglob("*.html")):
        if path.relative_to(site).parts[0] == "assets":
            continue
        problems += html_problems(path.relative_to(site).as_posix(), path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(sorted(set(problems)))


def test_values_show_literally_in_title_header_and_meta(hostile):
    """The school's name, as typed, in <title>, the header, og:site_name and the h1."""
    site, accepted = hostile.site, hostile.accepted
    name_marker = next(mark for mark, field in accepted.items() if field == "school.yml: naam")
    page = BeautifulSoup((site / "onderwijs" / "index.html").read_text(encoding="utf-8"), "html.parser")
    shown = [page.title.get_text(), page.select_one(".md-header__topic").get_text(),
             page.select_one('meta[property="og:site_name"]')["content"],
             page.select_one(".md-header__button.md-logo")["title"]]
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    shown.append(home.select_one("article h1").get_text())
    for text in shown:
        assert name_marker in text
        assert "<b>HXb</b>" in text and "{ onclick=alert(1) }" in text and "&amp;" not in text


def test_glossary_explanation_stays_inside_its_tooltip(hostile):
    """The footer's <abbr title> holds the whole explanation, as typed."""
    page = BeautifulSoup((hostile.site / "onderwijs" / "index.html").read_text(encoding="utf-8"), "html.parser")
    abbr = page.select_one(".sop-paginavoet abbr")
    assert abbr is not None and abbr.get_text() == "PDF"
    assert abbr["title"] == f"HXpdf {HOSTILE}: HXpdf {HOSTILE}"


def test_downloads_keep_data_as_text(hostile):
    """The schoolgids chapter (markdown) renders without markup from data; sop.json parses."""
    site, accepted = hostile.site, hostile.accepted
    chapter = (site / "schoolgids" / "schoolondersteuningsprofiel.md").read_text(encoding="utf-8")
    problems = html_problems("schoolgids .md", MarkdownIt("commonmark").render(chapter))
    assert not problems, "\n".join(problems)
    document = json.loads((site / "open-data" / "sop.json").read_text(encoding="utf-8"))
    assert any(mark in json.dumps(document, ensure_ascii=False) for mark in accepted)
    assert (site / "schoolondersteuningsprofiel.pdf").stat().st_size > 0


def test_the_checks_catch_markup(tmp_path):
    """Without escaping, each kind of hostile value is reported."""
    html = ('<html><title>x</title><b>HXb</b><a href="javascript:alert(1)">HXl</a>'
            '<p onclick="alert(1)">x</p><img src=x><script type="application/ld+json">{"a": "</script>')
    found = "\n".join(html_problems("test", html))
    for expected in ("<b>HXb</b>", "javascript:", "onclick", "<img>", "JSON-LD"):
        assert expected in found
