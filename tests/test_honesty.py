"""The site says nothing the school did not say: no ranking word of our own on the
basisondersteuning page or in its open data, for every fixture school."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT, SOURCE_TEXT, build_site, copy_project

from sop.writers import render
from sop.data import schema

# Words that rank a school's basisondersteuning. The site may only show one where the
# school's own data (its marks, headings, texts) has it.
RANKING_WORDS = [
    "nog niet aanwezig", "niet aanwezig", "aanwezig", "in ontwikkeling", "ontwikkelpunt", "op orde",
    "sterk ontwikkeld", "ontwikkeld", "gekozen", "onvoldoende", "voldoende", "matig", "zwak", "sterk",
    "goed", "zeer goed", "uitstekend", "geborgd", "basiskwaliteit", "niveau bereikt",
]


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _has(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


@pytest.fixture(scope="module")
def school(school_site):
    return school_site.profile, school_site


# Where the school's own document is at hand, its basisondersteuning chapter is what
# it wrote, not our data: (file, first line of the chapter, first line after it).
SOURCES = {"bron": (SOURCE_TEXT, r"\s*5\. ", r"\s*6\. ")}


def _chapter(path: Path, start: str, end: str) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if re.match(start, line))
    last = next(i for i, line in enumerate(lines) if i > first and re.match(end, line))
    return "\n".join(lines[first:last])


def test_no_ranking_word_the_school_did_not_write(school, request):
    profile, site = school
    source = SOURCES.get(request.node.callspec.params["school_site"])
    written = _chapter(*source) if source else " ".join(_strings(profile.basisondersteuning.model_dump(mode="json")))
    page = site.article("basisondersteuning").get_text(" ")
    published = " ".join(_strings(json.loads(
        (site.root / "open-data" / "sop.json").read_text(encoding="utf-8"))["basisondersteuning"]))
    invented = [word for word in RANKING_WORDS if not _has(word, written) and (_has(word, page) or _has(word, published))]
    assert invented == [], f"woorden die de school niet schreef: {invented}"


def _references(profile) -> list[str]:
    summary = profile.in_het_kort
    statements = [*summary.inleiding, *summary.niveaus, *summary.grenzen, *summary.aanspreekpunten]
    return [ref for statement in statements for ref in statement.bron]


def test_every_summary_sentence_links_to_a_part_of_the_profile_that_exists(school):
    profile, site = school
    home = site.article("")
    hrefs = {a["href"] for a in home.select("a[href]")}
    for ref in _references(profile):
        page, anchor = ref.split("#")
        target = site.page("" if page == "index" else page)
        assert target.find(id=anchor) is not None, f"{ref} bestaat niet"
        assert ("#" + anchor if page == "index" else f"{page}/#{anchor}") in hrefs, f"geen link naar {ref}"


def test_each_limit_in_plain_words_with_the_schools_wording_one_click_away(school):
    profile, site = school
    listed = site.article("").select_one("#grenzen-in-het-kort").find_next_sibling("ul")
    limits = profile.in_het_kort.grenzen
    if all(limit.bron == limits[0].bron for limit in limits):
        # The same link after every limit is said once, under the list.
        assert [" ".join(li.get_text(" ").split()) for li in listed.select("li")] == [l.tekst for l in limits]
        assert " ".join(listed.find_next_sibling("p").get_text(" ").split()) == (
            "Meer hierover: Mogelijkheden en grenzen")
    else:
        assert [re.sub(r" \)", ")", " ".join(li.get_text(" ").split())) for li in listed.select("li")] == [
            f"{limit.tekst} (Meer hierover: Mogelijkheden en grenzen)" for limit in limits]
    wording = site.article("mogelijkheden-en-grenzen").select_one("#grenzen").find_next_sibling("ul").get_text(" ")
    for limit in profile.kansen_en_belemmeringen.grenzen:
        assert " ".join(limit.split()) in " ".join(wording.split())


def test_statements_on_the_schools_behalf_come_from_its_data(school):
    profile, site = school
    statement = profile.verklaringen.toegankelijkheid
    claim = " ".join(site.article("toegankelijkheid").get_text(" ").split())
    # An address comes in pieces a phone may wrap after @ . / (get_text(" ") spaces them apart).
    joined = " ".join(site.article("toegankelijkheid").get_text("").split())
    for value in (statement.status, statement.contact, statement.afhandeling):
        assert (value or "niet ingevuld") in claim or (value or "niet ingevuld") in joined
    review = " ".join(site.article("over").select_one("#bijhouden").find_next("dl").get_text(" ").split())
    assert (profile.verklaringen.controle_wijzigingen or "niet ingevuld") in review
    # Nothing the school did not confirm: no claim of conformance, no date of ours.
    if statement.status is None:
        assert "voldoet" not in claim
    if statement.laatste_controle is None:
        stand = site.article("toegankelijkheid").select_one("#stand-van-zaken").find_next("dl").get_text(" ")
        assert not re.search(r"\b20[0-9]{2}\b", stand) and "niet ingevuld" in stand


# --- Basisondersteuning: a column is data, its position no claim ------------------

def _support(columns: int, marked: list[tuple[int, str]], headings: list[str]) -> schema.Basisondersteuning:
    indicators = [{"id": f"i-{n}", "indicator": f"Indicator {n}", "huidige_situatie": "Zo gaat het.",
                   "status": {"kolom": column, "markering": mark}} for n, (column, mark) in enumerate(marked)]
    return schema.Basisondersteuning.model_validate({
        "kolommen": {"indicator": "Indicator", "huidige_situatie": "Huidige situatie", "status": "Status"},
        "beoordeeld_door": "de school zelf",
        "statusschaal": {"kolommen": columns, "koppen": headings},
        "domeinen": [{"id": "domein", "titel": "Domein", "groepen": [{"indicatoren": indicators}]}],
    })


# Every place a mark can stand in a grid of one to six columns.
POSITIONS = [(columns, column) for columns in range(1, 7) for column in range(1, columns + 1)]
# A column's position in words: 'kolom 3', '3 van 4', 'derde kolom', an empty box read out.
POSITION_WORDS = re.compile(r"\bkolom|\d\s*van\s*\d|\b(eerste|tweede|derde|vierde|vijfde|zesde)\b", re.IGNORECASE)


def _shown(data: schema.Basisondersteuning) -> tuple[str, str]:
    html = render.indicator_overview(data) + render.basic_support(data)
    return html, " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


@pytest.mark.parametrize("columns, column", POSITIONS)
def test_without_headings_only_the_schools_mark_shows_and_that_the_profile_does_not_explain_it(columns, column):
    html, text = _shown(_support(columns, [(column, "X"), (columns, "geborgd")], []))
    assert not POSITION_WORDS.search(text), text
    assert "sop-schaal" not in html  # no grid of empty boxes with one filled in
    assert "‘X’" in text and "‘geborgd’" in text
    assert "Het profiel legt niet uit wat de markeringen ‘X’ en ‘geborgd’ betekenen." in text


@pytest.mark.parametrize("columns, column", POSITIONS)
def test_with_headings_the_mark_stands_under_the_schools_own_heading(columns, column):
    headings = [f"Kop{number}" for number in range(1, columns + 1)]
    html, text = _shown(_support(columns, [(column, "X")], headings))
    assert f"beoordeeld door de school zelf: ‘X’ (Kop{column})" in text
    grid = BeautifulSoup(html, "html.parser").select("ol.sop-schaal > li")
    assert [" ".join(li.get_text(" ").split()) for li in grid] == [
        f"Kop{number}: ‘X’" if number == column else f"Kop{number}" for number in range(1, columns + 1)]
    assert not re.search(r"\bkolom\b|\d\s*van\s*\d", text, re.IGNORECASE)
    assert "legt niet uit" not in text


def test_no_column_position_on_any_page_or_download_of_a_school_without_headings(school):
    profile, site = school
    if any(scale and scale.koppen for scale in map(profile.basisondersteuning.scale, profile.basisondersteuning.domeinen)):
        pytest.skip("deze school geeft koppen")
    pages = [site.article(name).get_text(" ") for name in ("basisondersteuning", "volledig-profiel")]
    downloads = [(site.root / "schoolgids" / "schoolondersteuningsprofiel.md").read_text(encoding="utf-8")]
    for text in pages + downloads:
        assert not re.search(r"\bkolom\s*\d|\d\s*van\s*\d\b", text, re.IGNORECASE)


# --- 'In het kort': each sentence rests on the parts it links to -------------------

def _section(site, ref: str) -> str:
    """The text of the part of a page a reference points at: its heading and what follows,
    up to the next heading of the same level or higher (or the element itself)."""
    page, _, anchor = ref.partition("#")
    article = site.article("" if page == "index" else page)
    for staff_only in article.select(".sop-bewerk"):
        staff_only.decompose()
    element = article.find(id=anchor)
    if not re.fullmatch(r"h[1-6]", element.name):
        return element.get_text(" ")
    parts = [element.get_text(" ")]
    for sibling in element.find_next_siblings():
        if re.fullmatch(r"h[1-6]", sibling.name) and sibling.name <= element.name:
            break
        parts.append(sibling.get_text(" "))
    return " ".join(parts) if len(parts) > 1 else element.parent.get_text(" ")


def _statements(profile):
    summary = profile.in_het_kort
    own = [f"stappenplan#{level.anchor}" for level in profile.stappenplan.niveaus]
    yield from ((item.tekst, item.bron) for item in summary.inleiding)
    yield from ((item.tekst, [anchor, *item.bron]) for item, anchor in zip(summary.niveaus, own))
    yield from ((item.tekst, item.bron) for item in summary.grenzen)
    yield from ((f"{item.wie}: {item.uitleg}", item.bron) for item in summary.aanspreekpunten)


def _terms(profile, text: str) -> set[str]:
    """The glossary terms and school groups ('groep 7') a sentence names."""
    spellings = [s for term in profile.begrippen.begrippen for s in term.spellings]
    found = {s for s in spellings if _has(s, text)}
    return found | set(re.findall(r"\bgroep \d\b", text))


# Words that carry no claim of their own.
FUNCTION_WORDS = {"wordt", "worden", "kunnen", "kan", "heeft", "hebben", "zijn", "welke", "deze", "daarna", "omdat",
                  "niet", "voor", "door", "meer", "over", "naar", "haar", "hoe", "dan", "dat", "wat", "met", "ook",
                  "soms", "daarbij", "onder", "andere", "kind", "uw"}


def _content_words(text: str) -> set[str]:
    """Word stems (the first six letters), so 'handelingsdelen' meets 'handelingsdeel'."""
    return {word[:6] for word in re.findall(r"\w{4,}", text.lower()) if word not in FUNCTION_WORDS}


def test_each_summary_sentence_says_only_what_the_parts_it_links_to_say(school):
    profile, site = school
    for sentence, refs in _statements(profile):
        sections = {ref: _section(site, ref) for ref in refs}
        everything = " ".join(sections.values())
        # A term, a school or a group the linked parts don't mention is borrowed from elsewhere.
        missing = {term for term in _terms(profile, sentence) if not _has(term, everything)}
        assert not missing, f"{sentence!r} noemt {missing}, maar {refs} niet"
        # 'Meer hierover' leads to a part that is about the sentence, not somewhere else.
        words = _content_words(sentence)
        for ref, text in sections.items():
            assert not words or words & _content_words(text), f"{ref} zegt niets van {sentence!r}"


# --- Who parents can go to ----------------------------------------------------------

# The two roles a school's complaints procedure gives parents to talk to.
CONFIDANTS = ("vertrouwenspersoon", "contactpersoon")


def test_every_named_confidant_is_someone_to_talk_to_first(school):
    profile, site = school
    roles = {point.rol for point in profile.in_het_kort.aanspreekpunten if point.rol}
    first = " ".join(site.article("").select_one("dl.sop-aanspreekpunten").get_text(" ").split())
    for role in profile.sociale_veiligheid.rollen:
        if role.rol.lower() in CONFIDANTS and role.filled:
            assert role.rol in roles, f"{role.rol} staat niet bij 'Met wie praat u eerst?'"
            assert role.rol in first


# --- The glossary: what it says it covers ----------------------------------------

# Terms of passend onderwijs a parent may not know; any that is on the site needs an entry.
SPECIALIST_TERMS = ["arrangement", "zorgplicht", "handelingsdeel", "handelingsverlegen", "handelingsgericht werken",
                    "eigen leerlijn", "uitstroom", "cluster", "consulent passend onderwijs", "geborgd",
                    "warme overdracht", "ontwikkelingsperspectief", "toelaatbaarheidsverklaring"]
CONTENT_PAGES = ["", "onderwijs", "mogelijkheden-en-grenzen", "ondersteuning", "feiten-en-cijfers",
                 "basisondersteuning", "stappenplan", "over", "toegankelijkheid"]


def test_every_specialist_term_on_the_site_is_in_the_glossary(school):
    profile, site = school
    shown = " ".join(site.article(page).get_text(" ") for page in CONTENT_PAGES)
    explained = " ".join(f"{term.title} {' '.join(term.spellings)}" for term in profile.begrippen.begrippen)
    missing = [term for term in SPECIALIST_TERMS
               if re.search(rf"(?<!\w){term}", shown, re.IGNORECASE) and not _has(term, explained)]
    assert missing == [], f"zonder uitleg in begrippen.yml: {missing}"


def test_every_glossary_term_is_on_the_site(school):
    """The glossary page says it explains the terms on this site: no entry for a word it never uses."""
    profile, site = school
    shown = " ".join(site.article(page).get_text(" ") for page in CONTENT_PAGES)
    unused = [term.afkorting for term in profile.begrippen.begrippen
              if not any(_has(spelling, shown) for spelling in term.spellings)]
    assert unused == []
    intro = site.article("begrippen").find("p").get_text(" ")
    assert "op deze site" in intro and "Alle" not in intro


def test_a_term_the_profile_only_abbreviates_is_explained_from_the_profile(real):
    """For an abbreviation the profile never writes out, the glossary may say only what the
    profile says around it: no kind of body ('organisatie'), no school group it does not use."""
    source = " ".join(SOURCE_TEXT.read_text(encoding="utf-8").split())
    for term in real.begrippen.begrippen:
        uses = " ".join(source[max(0, m.start() - 400):m.end() + 400]
                        for m in re.finditer(rf"(?<!\w){re.escape(term.afkorting)}(?!\w)", source))
        for group in re.findall(r"groep \d", term.uitleg):
            assert group in uses, f"{term.afkorting}: '{group}' staat niet bij de afkorting in het profiel"
        if term.volledig is None and term.afkorting.isupper():
            for kind in ("organisatie", "instelling", "bedrijf", "stichting", "loket"):
                assert kind not in term.uitleg.lower() or kind in uses.lower(), f"{term.afkorting}: '{kind}'"


# --- Product text: true of every build, no promise made for the school --------------

# Things only a school can say: who keeps the data, what others may do with it, how it
# compares to the government's norm, that the site checks more than form.
PROMISES = [r"vrij te gebruiken", r"passen die aan", r"past de site", r"controleert [^.]*alle gegevens",
            r"klopt er iets niet", r"dezelfde als voor de overheid", r"kent nog geen vastgestelde versie",
            r"Zodra het bevoegd gezag"]
ALL_PAGES = CONTENT_PAGES + ["begrippen", "volledig-profiel"]


def test_no_page_makes_a_promise_for_the_school(school):
    profile, site = school
    for page in ALL_PAGES:
        text = " ".join(site.article(page).get_text(" ").split())
        made = [promise for promise in PROMISES if re.search(promise, text)]
        assert made == [], f"/{page}: {made}"


@pytest.fixture(scope="module")
def site_without_repository(tmp_path_factory):
    """CBS Vesterhavet's site built as on a computer without a repository address."""
    from conftest import SOURCE_DATA, Site
    project = copy_project(tmp_path_factory.mktemp("zonder-repo"), SOURCE_DATA)
    result = build_site(project, project / "site", repo_url=None)
    assert result.returncode == 0, result.stderr
    return Site(project / "site")


FILE_SENTENCE = "Onder elk onderdeel staat welk bestand de gegevens bevat"


def test_the_files_under_each_part_are_mentioned_only_where_they_are_linked(site_without_repository, source_site):
    bare = site_without_repository.article("over")
    assert FILE_SENTENCE not in bare.get_text(" ") and bare.select(".sop-bewerk") == []
    linked = source_site.article("over")
    assert FILE_SENTENCE in linked.get_text(" ") and linked.select(".sop-bewerk")


# --- How current the profile is ---------------------------------------------------


def test_a_missing_school_year_says_how_recent_the_figures_are(school):
    profile, site = school
    if profile.status.schooljaar:
        pytest.skip("deze school noemt het schooljaar")
    newest = max(year for table in profile.aantallen.tabellen for year in table.schooljaren)
    said = f"niet ingevuld; de nieuwste cijfers in dit profiel zijn van {newest}"
    for page in ("", "over"):
        status = site.article(page).select_one("dl.sop-status")
        assert said in " ".join(status.get_text(" ").split())
    gids = (site.root / "schoolgids" / "schoolondersteuningsprofiel.md").read_text(encoding="utf-8")
    assert said in " ".join(gids.split())


# --- Plain words where the tables are hard ------------------------------------------


def test_each_level_of_the_stappenplan_opens_with_its_plain_summary(school):
    profile, site = school
    article = site.article("stappenplan")
    for level, summary in zip(profile.stappenplan.niveaus, profile.in_het_kort.niveaus):
        after = article.find(id=level.anchor).find_next_sibling()
        assert " ".join(after.get_text(" ").split()) == f"In het kort: {' '.join(summary.tekst.split())}"


def test_the_home_page_names_the_moments_of_the_talks_with_parents(real, source_site):
    home = source_site.article("").get_text(" ").lower()
    assert "een paar keer" not in home
    for moment in real.ondersteuningsstructuur.gesprekkencyclus_ouders.momenten:
        months = re.findall(r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december",
                            moment.lower()) or ["begin van het schooljaar"]
        assert any(month in home for month in months), moment


def test_where_the_zorgroute_and_the_stappenplan_differ_the_site_says_how_they_relate(school):
    profile, site = school
    # Numbered alike (stap 5, niveau 5), a reader takes them for one ladder.
    route = [" ".join(step.split()).lower() for step in profile.ondersteuningsstructuur.zorgroute]
    levels = [" ".join(level.naam.split()).lower() for level in profile.stappenplan.niveaus]
    if len(route) != len(levels) or route == levels:
        pytest.skip("geen twee gelijk genummerde, verschillende indelingen")
    section = _section(site, "ondersteuning#zorgroute")
    assert "stappenplan" in section.lower(), "zorgroute en stappenplan verschillen, zonder uitleg"
