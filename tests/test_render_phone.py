"""What a small screen must not get wrong, checked on the render functions for whole
classes of input: a masked count ('< N') is never drawn as a bar of exact height,
and an address wraps only after '@', '.' or '/' (the rest is in sop/checks/test_browser_phone.py)."""

from __future__ import annotations

import itertools
import re

import pytest
from bs4 import BeautifulSoup

from sop.writers import render
from sop.data import schema

YEARS = ["2030/2031", "2031/2032", "2032/2033"]


def _table(values: list[list[int | None]], stacked: bool) -> schema.Tabel:
    """One row per list of values, one value per school year."""
    years = YEARS[: len(values[0])]
    return schema.Tabel(
        id="t", titel="Uitstroom", rijkop="Aantal", rijen_tellen_op=stacked, schooljaren=years,
        groepen=[schema.Groep(rijen=[
            schema.Rij(categorie=f"Rij {number}", aantallen=dict(zip(years, row)))
            for number, row in enumerate(values)
        ])],
    )


def _shapes(threshold: int):
    """Tables of one to three rows over one to three years with at least one masked
    count (1 or threshold - 1), the other values exact (0, or at least the threshold),
    masked or not reported."""
    kinds = [0, 1, threshold - 1, threshold, threshold + 7, None]
    for rows, years in ((1, 1), (2, 1), (1, 3), (2, 2), (3, 1)):
        for values in itertools.islice(itertools.product(kinds, repeat=rows * years), 0, None, 7):
            if any(render.is_masked(value, threshold) for value in values):
                yield [list(values[row * years:(row + 1) * years]) for row in range(rows)]


def _unmasked(values: list[list[int | None]], threshold: int) -> list[list[int | None]]:
    return [[None if render.is_masked(value, threshold) else value for value in row] for row in values]


CASES = [
    (threshold, stacked, values)
    for threshold in (2, 5, 15) for stacked in (True, False) for values in _shapes(threshold)
]


@pytest.mark.parametrize("threshold, stacked, values", CASES)
def test_a_masked_count_is_never_drawn_to_scale(threshold, stacked, values):
    table = _table(values, stacked)
    chart = BeautifulSoup(render.statistics_chart(table, threshold), "html.parser")
    drawn = [rect for rect in chart.select("svg > rect")]
    bars = [rect for rect in drawn if "sop-grafiek__minder" not in rect.get("class", [])]
    blocks = [rect for rect in drawn if "sop-grafiek__minder" in rect.get("class", [])]
    flat = [value for row in values for value in row]
    masked = [value for value in flat if render.is_masked(value, threshold)]
    # Bars only for exact numbers; a masked count is a block, all blocks one size.
    assert len(bars) == len([value for value in flat if value and not render.is_masked(value, threshold)])
    assert len(blocks) == len(masked)
    assert len({block["height"] for block in blocks}) <= 1
    # The axis measures the exact numbers only: as if the masked counts were not there.
    plain = BeautifulSoup(render.statistics_chart(_table(_unmasked(values, threshold), stacked), threshold),
                          "html.parser")
    ticks = [text.get_text() for text in chart.select('text[text-anchor="end"]')]
    assert ticks == [text.get_text() for text in plain.select('text[text-anchor="end"]')]
    # Under the chart, in words, what a block means.
    assert f"minder dan {threshold}." in chart.select_one(".sop-legenda__uitleg").get_text()


def test_a_lower_bound_is_striped_not_solid():
    # A total over masked counts (the SWV overview): at least 6, drawn as a striped bar.
    table = _table([[render.Bound(6, "≥ 6"), 9]], stacked=False)
    chart = BeautifulSoup(render.statistics_chart(table), "html.parser")
    bound, exact = chart.select("svg > rect")
    assert "sop-grafiek__ondergrens" in bound["class"] and bound["fill"].startswith("url(#")
    assert exact["class"] == ["sop-reeks-1"] and not exact.get("fill")
    assert "minstens" in chart.select_one(".sop-legenda__uitleg").get_text()


LOCAL = ["info", "jan.de-vries", "a_b+c", "x"]
DOMAINS = ["school.nl", "de-getijden.nl", "obs.de-wilgen-oost.example.org"]
PATHS = ["", "/", "/contact/", "/a-b/c.html?d=e&f=g"]


def _addresses():
    yield from (f"{local}@{domain}" for local in LOCAL for domain in DOMAINS)
    yield from (f"{scheme}{www}{domain}{path}" for scheme in ("https://", "http://") for www in ("", "www.")
                for domain in DOMAINS for path in PATHS)


@pytest.mark.parametrize("address", list(_addresses()))
def test_an_address_wraps_only_after_at_sign_dot_or_slash(address):
    email, website = (address, "https://school.nl/") if "@" in address else ("info@school.nl", address)
    school = schema.School(
        naam="School", straat_en_huisnummer="Laan 1", postcode="1234 AB", plaats="Ergens",
        brinnummer="99XX", telefoon="012-3456789", email=email, website=website,
    )
    html = render.contact_details(school)
    link = BeautifulSoup(html, "html.parser").find("a", href=re.compile(re.escape(address) + "$"))
    assert link.get_text() == address and link["href"].removeprefix("mailto:") == address
    # Unbreakable pieces (a '-' inside one is no place to wrap), a break chance between them.
    pieces = [span.get_text() for span in link.find_all("span", class_="sop-adres")]
    assert "".join(pieces) == address
    assert all(piece[-1] in "@./" for piece in pieces[:-1])
    assert len(link.find_all("wbr")) == len(pieces) - 1
