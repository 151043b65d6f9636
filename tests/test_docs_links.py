"""A link in docs/ to a page or heading that does not exist stops `make check`, in Dutch,
on the link's line; a link to any heading that does exist (also one a macro writes) passes.

Generated from the pages themselves: every link in docs/ is broken once in its page
name and once in its anchor, and a link to every id of every page is added.
"""

from __future__ import annotations

import re

import pytest
from conftest import SOURCE_DATA, build_site, copy_project

from sop.site.check import main as check
from sop.site.docslinks import link_errors
from sop.site.docsmarkup import page_links


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("links"), SOURCE_DATA)


def _links(project):
    """(page, line, target) of every link between pages in docs/."""
    found = []
    for path in sorted((project / "docs").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for start, written in page_links(text):
            target = written.split()[0] if written.split() else ""
            if target and not re.match(r"[a-z]+:", target) and (target.endswith(".md") or "#" in target):
                found.append((path.name, text.count("\n", 0, start) + 1, target))
    return found


def _break(project, page, target, broken):
    path = project / "docs" / page
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace(f"({target})", f"({broken})", 1), encoding="utf-8")
    return original


def test_the_pages_link_to_pages_and_headings(project):
    links = _links(project)
    assert len(links) >= 8 and any("#" in target for _, _, target in links)


@pytest.mark.parametrize("part", ["pagina", "kop"])
def test_every_broken_link_is_named_on_its_line(project, part):
    wrong = []
    for page, line, target in _links(project):
        name, _, anchor = target.partition("#")
        if part == "pagina":
            if not name:
                continue
            broken = f"{name[:-4]}{name[-3:]}" + (f"#{anchor}" if anchor else "")
            words = "bestaat niet in docs/"
        else:
            broken = f"{target}x" if anchor else f"{target}#bestaat-niet"
            words = "staat geen kop of onderdeel met het adres"
        original = _break(project, page, target, broken)
        try:
            errors = link_errors(project)
        finally:
            (project / "docs" / page).write_text(original, encoding="utf-8")
        located = [(e.location.file, e.location.line) for e in errors]
        if located != [(f"docs/{page}", line)] or words not in errors[0].message or f"'{broken}'" not in errors[0].message:
            wrong.append(f"{page}:{line} {broken}: {[str(e) for e in errors] or 'geen fout'}")
    assert not wrong, "\n".join(wrong)


def test_a_link_to_every_heading_that_exists_passes(project, school_sites):
    site = school_sites("bron")
    pages = sorted(path.name for path in (project / "docs").glob("*.md") if path.name not in ("versies.md",))
    lines = []
    for page in pages:
        html = site.page("" if page == "index.md" else page[:-3])
        article = html.select_one("article")
        ids = [tag["id"] for tag in article.select("h1[id], h2[id], h3[id], h4[id]")]
        lines += [f"[{page} {anchor}]({page}#{anchor})" for anchor in ids]
    assert len(lines) > 30
    path = project / "docs" / "over.md"
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    try:
        assert link_errors(project) == []
    finally:
        path.write_text(original, encoding="utf-8")


def test_make_check_and_make_build_stop_on_a_broken_anchor(tmp_path, capsys):
    project = copy_project(tmp_path / "project", SOURCE_DATA)
    page, line, target = next(link for link in _links(project) if "#" in link[2] and not link[2].startswith("#"))
    _break(project, page, target, target + "x")
    assert check(project) == 1
    report = capsys.readouterr().err
    assert report.startswith("De pagina's in docs/ bevatten 1 fout")
    assert f"docs/{page}:{line}:" in report and "werkt niet" in report
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("vorige versie", encoding="utf-8")
    result = build_site(project, site)
    assert result.returncode == 1 and f"docs/{page}:{line}:" in result.stderr
    assert "WARNING" not in result.stderr and (site / "index.html").read_text(encoding="utf-8") == "vorige versie"
