"""Render functions on small, made-up data: structure and escaping."""

from __future__ import annotations

import re

from sop.writers import render
from sop.data import schema

INJECTION = "<script>alert(1)</script> {{ config }} {% include 'x' %} | a | b | *nadruk* _ook_"


def test_escape_neutralises_html_and_templates():
    escaped = render.escape(INJECTION)
    assert "<script>" not in escaped
    assert "&lt;script&gt;" in escaped
    assert "{{" not in escaped and "{%" not in escaped
    assert "&#123;&#123; config &#125;&#125;" in escaped


def test_escape_markdown_keeps_syntax_literal():
    escaped = render.escape_markdown("Niveau *1* | _x_ [link](y) # {{ z }}")
    assert r"\*1\*" in escaped and r"\|" in escaped and r"\_x\_" in escaped
    assert r"\[link\]\(y\)" in escaped and "{" not in escaped


def test_heading_has_fixed_anchor_with_jinja_safe_spacing():
    assert render.heading(2, "Niveau 1: Zorg", "niveau-1") == "## Niveau 1: Zorg { #niveau-1 }"


def test_text_block_paragraphs_breaks_and_bullets():
    html = render.text_block("Eerste regel\nTweede regel\n\nDenk aan:\n- een\n- <twee>\nSlot")
    assert html == (
        "<p>Eerste regel<br>\nTweede regel</p>"
        "<p>Denk aan:</p><ul><li>een</li><li>&lt;twee&gt;</li></ul><p>Slot</p>"
    )
    assert "\n\n" not in html  # one raw HTML block for Python-Markdown


def test_contact_details_link_phone_mail_and_site():
    school = schema.School(
        naam="OBS De Test & Co", straat_en_huisnummer="Laan 1", postcode="1234 AB", plaats="Ergens",
        brinnummer="99XX", telefoon="012-3456789", email="info@test.nl", website="https://test.nl/",
    )
    html = render.contact_details(school)
    assert 'href="tel:0123456789"' in html
    assert 'href="mailto:info@test.nl"' in html
    assert "OBS De Test &amp; Co" in html


def test_roles_table_marks_unfilled_roles_and_escapes():
    roles = schema.Rollen(titel="Rollen", rollen=[
        schema.Rol(rol="Jeugdarts", namen=[]),
        schema.Rol(rol="Team", toelichting="Kiva", namen=[INJECTION, "B"]),
    ])
    html = render.roles_table(roles)
    assert '<span class="sop-leeg">niet ingevuld</span>' in html
    assert "<script>" not in html and "Kiva: &lt;script&gt;" in html
    assert '<caption class="sop-verborgen">Rollen</caption>' in html


def test_statistics_table_one_column_per_year_in_order():
    table = schema.Tabel(
        id="test", titel="Uitstroom", rijkop="Aantal", rijen_tellen_op=True, schooljaren=["2030/2031", "2031/2032"],
        groepen=[schema.Groep(kop="Groep", rijen=[
            schema.Rij(categorie="A", aantallen={"2031/2032": 7, "2030/2031": 3}),
        ])],
    )
    html = render.statistics_table(table)
    headers = re.findall(r'<th scope="col"[^>]*>(.+?)</th>', html)
    assert [header.replace("<wbr>", "") for header in headers] == ["Aantal", "2030/2031", "2031/2032"]
    assert re.findall(r'<td class="sop-getal">(\d+)</td>', html) == ["3", "7"]
    assert 'colspan="3"' in html and 'id="tabel-test"' in html


def test_status_scale_marks_the_chosen_column_with_the_schools_own_word():
    html = render.status_scale(schema.Statusschaal(kolommen=3, koppen=["a", "b", "c"]),
                               schema.Status(kolom=2, markering="X"))
    assert re.findall(r"<li[^>]*>(.*?)</li>", html)[1] == "<strong>b: ‘X’</strong>"
    assert html.count("sop-schaal__gekozen") == 1


def test_status_scale_without_headings_invents_none():
    # No grid of empty boxes: a column without a heading only looks like a ranking.
    status = schema.Status(kolom=3, markering="geborgd")
    assert render.status_scale(schema.Statusschaal(kolommen=4), status) == ""
    assert render.marking_text(schema.Statusschaal(kolommen=4), status) == "‘geborgd’"


def test_support_plan_levels_are_headings_with_tables():
    columns = schema.StappenplanKolommen(situatie="S", acties="A", documenten="D", betrokkenen="B", planning="P")
    plan = schema.Stappenplan(kolommen=columns, niveaus=[
        schema.Niveau(niveau=1, naam="Eén", aanpak=schema.Aanpak(acties="x"),
                      situaties=[schema.Situatie(situatie=INJECTION, planning="Dagelijks")]),
    ])
    markdown = render.support_plan(plan)
    assert "## Niveau 1: Eén { #niveau-1 }" in markdown
    assert 'id="tabel-niveau-1"' in markdown
    assert "<script>" not in markdown and "{{" not in markdown
    assert '<td data-label="P"><p>Dagelijks</p></td>' in markdown


def test_separate_blocks_keeps_words_of_neighbouring_cells_apart():
    html = render.separate_blocks("<tr><th>Rol</th><td>Naam</td></tr>")
    assert html == "<tr><th>Rol</th>\n<td>Naam</td>\n</tr>\n"


def test_an_unfilled_role_keeps_its_explanation():
    roles = schema.Rollen(titel="T", rollen=[schema.Rol(rol="Anti-pest", toelichting="Kiva Team", namen=[])])
    assert 'Kiva Team: <span class="sop-leeg">niet ingevuld</span>' in render.roles_table(roles)


def test_withheld_names_match_regardless_of_case_and_spacing():
    assert render.shown_names(["Kim  van Weeren", "Ander"], frozenset({"kim van weeren"})) == [
        "naam niet gepubliceerd", "Ander"]


def test_a_link_all_limits_share_is_said_once():
    titles = {"mogelijkheden-en-grenzen": "Mogelijkheden en grenzen", "stappenplan": "Stappenplan"}
    same = [schema.Samenvatting(tekst=f"Grens {n}.", bron=["mogelijkheden-en-grenzen#grenzen"]) for n in range(6)]
    shown = render.limit_summaries("Soms:", same, titles)
    assert shown.count("Meer hierover") == 1 and shown.count("](mogelijkheden-en-grenzen.md#grenzen)") == 1
    assert shown.splitlines()[-1].startswith("Meer hierover: [Mogelijkheden en grenzen]")
    mixed = [*same[:2], schema.Samenvatting(tekst="Anders.", bron=["stappenplan#niveau-6"])]
    shown = render.limit_summaries("Soms:", mixed, titles)
    assert shown.count("Meer hierover") == 3 and "- Anders\\. (Meer hierover: [Stappenplan]" in shown
