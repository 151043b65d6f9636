"""The build refuses what would publish a broken or unsafe site."""

from __future__ import annotations

from conftest import SOURCE_DATA, Site, build_site, copy_project

INJECTION = "<script>alert(1)</script> {{ config }} {% include 'x' %} | a | b | *nadruk*"


def test_broken_anchor_in_a_page_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path, SOURCE_DATA)
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[kapot](stappenplan.md#niveau-99)\n", encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert "niveau-99" in result.stderr


def test_data_error_stops_the_build_with_the_dutch_message(tmp_path):
    project = copy_project(tmp_path, SOURCE_DATA)
    roster = project / "data" / "expertise.yml"
    roster.write_text(roster.read_text(encoding="utf-8").replace("    functie: [ICT-er]\n", ""), encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert "bij 'Niels Boersma' ontbreekt het veld 'functie'" in result.stderr
    assert not (project / "site" / "index.html").exists()


def test_injected_markup_and_templates_show_as_literal_text(tmp_path):
    project = copy_project(tmp_path, SOURCE_DATA)
    data = project / "data"
    for name, old in (("expertise.yml", "Niels Boersma"),
                      ("stappenplan.yml", "Lln indelen op passend niveau"),
                      ("aantallen.yml", "Groepsarrangementen"),
                      ("inleiding.yml", "Het ondersteuningsprofiel geeft")):
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, f'"{INJECTION}"' if name != "inleiding.yml" else INJECTION, 1),
                        encoding="utf-8")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    site = Site(project / "site")
    for page in ("", "ondersteuning", "stappenplan", "feiten-en-cijfers"):
        article = site.article(page)
        assert INJECTION in article.get_text(), page
        assert article.find("script") is None
        assert article.find("em") is None  # *nadruk* stayed literal


def test_a_local_build_without_repository_works_and_has_no_edit_links(tmp_path):
    project = copy_project(tmp_path, SOURCE_DATA)
    result = build_site(project, project / "site", repo_url=None)
    assert result.returncode == 0, result.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'rel="edit"' not in home and "sop-bewerk" not in home
