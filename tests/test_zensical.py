"""The site still builds after Material's end of life: the same docs/, data/ and
macros.py built with Zensical give the same site as the production build
(MkDocs + Material).

Zensical runs from its own venv (.venv-zensical, requirements-zensical.txt),
installed here when missing, so the production venv never changes. Every
difference is collected and reported together, with the Zensical version: after
raising the pin, one failing run lists all that changed.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT, SCHOOLS, build_site, commit_all, copy_project

ZENSICAL_VENV = PROJECT / ".venv-zensical"
ZENSICAL_PYTHON = ZENSICAL_VENV / "bin" / "python"
# The share of the article text that must be the same on each page.
SAME_TEXT = 0.99
# Known and accepted: Zensical's Dutch names this button "Wijzig deze pagina"
# (Material's own Dutch, which mkdocs.yml's 'custom' language renames).
EDIT_LABELS = {"Bewerk deze pagina", "Wijzig deze pagina"}
# Differences Zensical 0.0.73 has and the README's switch checklist names. A
# version that no longer has one fails the test too, so the list stays true.
KNOWN = {
    # Zensical turns every link to a .md file, even in HTML, into a page link:
    # the schoolgids chapter (a markdown download) becomes a missing page.
    "schoolgids-link": "over/index.html: links in het artikel: alleen in MkDocs "
                       "['/schoolgids/schoolondersteuningsprofiel.md'], alleen in Zensical "
                       "['/schoolgids/schoolondersteuningsprofiel/']",
}


def zensical_python() -> Path:
    """.venv-zensical's Python, installed by its Makefile target when missing."""
    if not (ZENSICAL_VENV / "bin" / ".installed").exists():
        result = subprocess.run(["make", ".venv-zensical/bin/.installed"], cwd=PROJECT, capture_output=True, text=True)
        if result.returncode != 0:
            message = f"Zensical kon niet worden geïnstalleerd:\n{result.stdout}{result.stderr}"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
    return ZENSICAL_PYTHON


def zensical_version(python: Path) -> str:
    return subprocess.run([python, "-c", "from importlib.metadata import version; print(version('zensical'))"],
                          capture_output=True, text=True).stdout.strip() or "?"


def build_zensical(project: Path, python: Path, site: str = "site-zensical") -> subprocess.CompletedProcess:
    """`make build-zensical` on `project`: sop.site.zensical with .venv-zensical's Python."""
    env = dict(os.environ, REPO_URL="https://github.com/voorbeeldschool/sop")
    return subprocess.run([python, "-m", "sop.site.zensical", site], cwd=project, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory):
    """(MkDocs site, Zensical site, Zensical version) of the frozen source school."""
    python = zensical_python()
    project = copy_project(tmp_path_factory.mktemp("zensical"), SCHOOLS["bron"])
    commit_all(project)
    mkdocs = build_site(project, project / "site")
    assert mkdocs.returncode == 0, mkdocs.stderr
    zensical = build_zensical(project, python)
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    return project / "site", project / "site-zensical", zensical_version(python)


# --- What a reader sees, from one built site -----------------------------------

def pages(site: Path) -> list[str]:
    """Every HTML page, as its path in the site (assets and search aside)."""
    return sorted(
        path.relative_to(site).as_posix() for path in site.rglob("*.html")
        if not path.relative_to(site).parts[0] in ("assets", "search")
    )


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def words(element) -> str:
    return " ".join(element.get_text(" ").split()) if element else ""


def article_text(page: BeautifulSoup) -> str:
    article = page.select_one("article.md-content__inner")
    if not article:
        return ""
    for widget in article.select(".md-content__button"):  # the edit button: icon, label differs
        widget.decompose()
    return words(article)


def absolute(page_path: str, href: str) -> str:
    """A link as the address it leads to: './x' and 'x' from the same page are one link."""
    return urljoin("/" + page_path.removesuffix("index.html"), href)


def page_facts(page_path: str, page: BeautifulSoup) -> dict[str, object]:
    """Everything on a page the two builds must agree on, except the article's text."""
    article = page.select_one("article.md-content__inner")
    footer = page.select_one(".sop-paginavoet")
    jsonld = page.select_one('script[type="application/ld+json"]')
    meta = {tag["property"]: tag.get("content") for tag in page.select("meta[property]")}
    edit = page.select_one('a.md-content__button[rel="edit"]')
    return {
        "titel (<title>)": words(page.title),
        "naam in de kop": words(page.select_one(".md-header__topic")),
        "Open Graph": {key: value for key, value in meta.items() if key != "og:url"},
        "JSON-LD": json.loads(jsonld.string) if jsonld else None,
        # Ids starting with __ are the theme's own (Zensical's skip target).
        "ankers in het artikel": sorted(tag["id"] for tag in article.select("[id]")
                                        if not tag["id"].startswith("__")) if article else [],
        "links in het artikel": sorted(absolute(page_path, a["href"]) for a in article.select("a[href]")
                                       if "md-content__button" not in a.get("class", [])) if article else [],
        "uitleg bij afkortingen": sorted({(words(abbr), abbr.get("title")) for abbr in page.select("abbr")}),
        "paginavoet": words(footer),
        "voettekst met link naar toegankelijkheid": [(words(a), absolute(page_path, a["href"]))
                                                     for a in page.select(".md-copyright a")],
        "PDF-link": [(absolute(page_path, a["href"]), a.has_attr("download")) for a in page.select("a.sop-pdf-link")],
        "bewerklink": (edit["href"], edit.get("title") in EDIT_LABELS) if edit else None,
        "aankondiging": words(page.select_one(".sop-aankondiging")),
        "taal": page.html.get("lang") if page.html else None,
    }


def downloads(site: Path) -> dict[str, bytes]:
    """Open data, schoolgids chapter and robots.txt: the bytes must match."""
    found = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.is_file() and (name.startswith(("open-data/", "schoolgids/")) or name == "robots.txt"):
            found[name] = b"" if name.endswith(".docx") else path.read_bytes()  # docx: zip dates
    return found


def search_language(site: Path) -> list[str] | None:
    for index in (site / "search" / "search_index.json", site / "search.json"):
        if index.exists():
            return json.loads(index.read_text(encoding="utf-8"))["config"].get("lang")
    return None


def differences(mkdocs: Path, zensical: Path) -> list[str]:
    """What a reader would notice differs, one line each; empty when the sites agree."""
    found = []
    only_mkdocs = sorted(set(pages(mkdocs)) - set(pages(zensical)))
    only_zensical = sorted(set(pages(zensical)) - set(pages(mkdocs)))
    if only_mkdocs or only_zensical:
        found.append(f"pagina's alleen in MkDocs: {only_mkdocs}; alleen in Zensical: {only_zensical}")
    for page in sorted(set(pages(mkdocs)) & set(pages(zensical))):
        a, b = soup(mkdocs, page), soup(zensical, page)
        text_a, text_b = article_text(a), article_text(b)
        same = difflib.SequenceMatcher(None, text_a.split(), text_b.split(), autojunk=False).ratio()
        if same < SAME_TEXT:
            found.append(f"{page}: artikeltekst {same:.1%} gelijk (minimaal {SAME_TEXT:.0%})")
        facts_a, facts_b = page_facts(page, a), page_facts(page, b)
        for key in facts_a:
            one, other = facts_a[key], facts_b[key]
            if one == other:
                continue
            if isinstance(one, list) and isinstance(other, list):
                # Lists of links, anchors, tooltips: name only what differs.
                found.append(f"{page}: {key}: alleen in MkDocs {sorted(set(one) - set(other))}, "
                             f"alleen in Zensical {sorted(set(other) - set(one))}")
            else:
                found.append(f"{page}: {key}: MkDocs {one!r} ≠ Zensical {other!r}")
    files_a, files_b = downloads(mkdocs), downloads(zensical)
    for name in sorted(set(files_a) | set(files_b)):
        if files_a.get(name) != files_b.get(name):
            found.append(f"download {name}: verschilt of ontbreekt")
    for name in ("schoolondersteuningsprofiel.pdf", "sitemap.xml"):
        if (mkdocs / name).exists() != (zensical / name).exists():
            found.append(f"{name}: in de ene bouw wel, in de andere niet")
    languages = search_language(mkdocs), search_language(zensical)
    if languages[0] != ["nl"] or languages[1] != ["nl"]:
        found.append(f"zoektaal: MkDocs {languages[0]}, Zensical {languages[1]} (moet ['nl'] zijn)")
    return found


# --- The tests ------------------------------------------------------------------

def test_zensical_builds_the_same_site_as_mkdocs(both_builds):
    mkdocs, zensical, version = both_builds
    found = differences(mkdocs, zensical)
    new = [line for line in found if line not in KNOWN.values()]
    gone = [name for name, known in KNOWN.items() if known not in found]
    report = []
    if new:
        report.append(f"Zensical {version} bouwt een andere site dan MkDocs:\n" + "\n".join(new))
    if gone:
        report.append(f"Met Zensical {version} is dit verschil verdwenen; haal het uit KNOWN: {gone}")
    assert not report, "\n".join(report)


def test_the_comparison_notices_what_a_reader_would(both_builds, tmp_path):
    """A Zensical build that lost the footer, the school's name or a page is reported."""
    import shutil

    mkdocs, zensical, _ = both_builds
    broken = tmp_path / "kapot"
    shutil.copytree(zensical, broken)
    page = broken / "onderwijs" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<div class="sop-paginavoet">.*?</div>', "", html, flags=re.S)
    page.write_text(html.replace("CBS Vesterhavet", "Schoolnaam"), encoding="utf-8")
    (broken / "over" / "index.html").unlink()
    found = "\n".join(differences(mkdocs, broken))
    for expected in ("onderwijs/index.html: paginavoet", "onderwijs/index.html: titel", "alleen in MkDocs: ['over/index.html']"):
        assert expected in found


def test_search_is_dutch_in_both(both_builds):
    mkdocs, zensical, _ = both_builds
    assert search_language(mkdocs) == search_language(zensical) == ["nl"]


def test_a_data_error_stops_the_zensical_build_in_dutch_without_traceback(tmp_path):
    python = zensical_python()
    project = copy_project(tmp_path / "project", SCHOOLS["bron"])
    school = project / "data" / "school.yml"
    lines = school.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("naam:"))
    lines[number] = "naam: 12"
    school.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build_zensical(project, python)
    assert result.returncode != 0
    assert f"data/school.yml:{number + 1}:1: 'naam' moet tekst zijn" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (project / "site-zensical").exists()


def test_macros_need_nothing_from_mkdocs():
    """Zensical runs define_env without MkDocs installed; it must not write the theme's config."""
    source = (PROJECT / "macros.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import)\s+mkdocs", source, re.M)
    assert not re.search(r"env\.conf\[[^]]+\]\s*(\[[^]]+\]\s*)*=|env\.conf\[[^]]+\]\.(update|setdefault)", source)
