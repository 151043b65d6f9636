"""A mistake in docs/*.md stops make check and make build with a Dutch message on the
.md file's real line (front matter counted), and nothing is published."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import SOURCE_DATA, build_site, copy_project

from sop.site.check import main as check

# (what a staff member does to a page, the page, the line it ends up on, words of the message)
MISTAKES = {
    "kop zonder afsluiting": (
        "ondersteuning.md", lambda text: text.replace("---\n\n#", "\n#", 1), 1, "wordt niet afgesloten"),
    "kop met ongeldige YAML": (
        "ondersteuning.md", lambda text: text.replace("description: ", "description: Wat: ", 1), 2, "geen geldige YAML"),
    "onbekende macro": (
        "ondersteuning.md", lambda text: text.replace("{{ zorgroute() }}", "{{ zorgroutje() }}"), None,
        "bedoelt u 'zorgroute'"),
    "macro met een onbekend argument": (
        "feiten-en-cijfers.md", lambda text: text.replace("{{ aantallen() }}", "{{ aantallen(kop=3) }}"), None,
        "krijgt hier andere waarden"),
    "{{ niet gesloten": (
        "index.md", lambda text: text.replace("{{ school.naam }}", "{{ school.naam"), None, "wordt niet gesloten"),
    "verkeerd gespelde variabele": (
        "index.md", lambda text: text.replace("{{ school.naam }}", "{{ schol.naam }}"), None, "bedoelt u 'school'"),
}


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_mistake_in_docs_gets_a_dutch_message_on_its_own_line(mistake, tmp_path, capsys):
    page, change, line, words = MISTAKES[mistake]
    project = copy_project(tmp_path / "project", SOURCE_DATA)
    path = project / "docs" / page
    original = path.read_text(encoding="utf-8")
    changed = change(original)
    assert changed != original
    path.write_text(changed, encoding="utf-8")
    if line is None:  # the line the staff member edited
        line = next(number for number, (old, new) in enumerate(
            zip(original.splitlines(), changed.splitlines()), start=1) if old != new)

    assert check(project) == 1
    report = capsys.readouterr().err
    assert report.startswith("De pagina's in docs/ bevatten 1 fout")
    assert f"docs/{page}:{line}:1: " in report and words in report, report

    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("vorige versie", encoding="utf-8")
    result = build_site(project, site)
    assert result.returncode == 1
    assert f"docs/{page}:{line}:1: " in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert (site / "index.html").read_text(encoding="utf-8") == "vorige versie"


DOCS_CORPUS = yaml.safe_load((Path(__file__).parent / "fouten" / "docs-corpus.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def checked_copy(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("project"), SOURCE_DATA)


@pytest.mark.parametrize("case", DOCS_CORPUS, ids=[case["naam"] for case in DOCS_CORPUS])
def test_each_mistake_in_a_page_gives_its_exact_message(case, checked_copy, capsys):
    page = checked_copy / "docs" / "pagina.md"
    page.write_text(case["inhoud"], encoding="utf-8")
    try:
        assert check(checked_copy) == 1
    finally:
        page.unlink()
    report = capsys.readouterr().err.splitlines()
    assert report[1:] == case["meldingen"]
    assert all(message.startswith("docs/pagina.md:") for message in case["meldingen"])
