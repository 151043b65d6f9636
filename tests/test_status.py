"""The SOP's formal status, and the notices before and after its renewal date."""

from __future__ import annotations

import datetime
import itertools
import random
import shutil

import pytest
from conftest import SCHOOLS, build_site, copy_project

from sop.writers import render
from sop.data import schema
from sop.data.profile import load_profile

STATUS = schema.FormeleStatus(
    schooljaar="2030/2031", vastgesteld_op=datetime.date(2030, 10, 1),
    advies_mr_op=datetime.date(2030, 9, 15), vernieuwen_voor=None,
)


@pytest.mark.parametrize("today, expected", [
    ("2034-06-30", None),
    ("2034-07-01", "bijna"),
    ("2034-10-01", "bijna"),
    ("2034-10-02", "verlopen"),
])
def test_notice_starts_three_months_before_and_warns_after_renewal(today, expected):
    notice = render.renewal_notice(STATUS, datetime.date.fromisoformat(today))
    assert (notice[0] if notice else None) == expected


def test_renewal_defaults_to_four_years_after_establishment():
    assert STATUS.renewal_date == datetime.date(2034, 10, 1)


def test_status_shows_dutch_dates_and_unfilled_fields():
    html = render.formal_status(STATUS, datetime.date(2031, 1, 1))
    assert "1 oktober 2030" in html and "15 september 2030" in html and "1 oktober 2034" in html
    empty = schema.FormeleStatus(schooljaar=None, vastgesteld_op=None, advies_mr_op=None, vernieuwen_voor=None)
    assert render.formal_status(empty, datetime.date(2031, 1, 1)).count("niet ingevuld") == 4


def test_real_school_status_is_not_invented(source_site):
    # The source SOP gives no dates; the site says so instead of guessing.
    status = source_site.article("").select_one("dl.sop-status").get_text(" ", strip=True)
    assert status.count("niet ingevuld") == 4


@pytest.mark.parametrize("today, shown", [("2032-01-01", None), ("2034-08-01", "bijna"), ("2035-01-01", "verlopen")])
def test_site_and_build_show_the_notice(tmp_path, today, shown, monkeypatch):
    project = copy_project(tmp_path / "p", SCHOOLS["voorbeeldschool"])
    monkeypatch.setenv("SOP_VANDAAG", today)
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    if shown is None:
        assert "sop-melding" not in home and "Waarschuwing" not in result.stderr
    else:
        assert f"sop-melding--{shown}" in home
        assert "1 oktober 2034" in home
        assert "Waarschuwing" in result.stderr


FILLED = {"schooljaar": "2024/2025", "vastgesteld_op": "2024-10-01", "advies_mr_op": "2024-09-20"}


@pytest.mark.parametrize("shapes", list(itertools.product(["ingevuld", "null", "weg"], repeat=len(FILLED))))
def test_an_empty_or_left_out_status_field_is_not_filled_in_and_check_says_so(tmp_path, shapes):
    """The form editor leaves an empty field out of status.yml: that reads as null, and
    make check names each of these fields still to fill in, wherever it is empty."""
    data = tmp_path / "data"
    shutil.copytree(SCHOOLS["de-getijden"], data)
    lines = [f"{field}: {value if shape == 'ingevuld' else 'null'}"
             for (field, value), shape in zip(FILLED.items(), shapes) if shape != "weg"]
    # vernieuwen_voor empty means four years after adoption: no gap, never named.
    lines += ["vernieuwen_voor: null"] if random.Random(str(shapes)).random() < .5 else []
    (data / "status.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    notices = []
    status = load_profile(data, notices=notices).status
    named = [notice.message.split("'")[1] for notice in notices if notice.location.file.endswith("status.yml")]
    empty = [field for field, shape in zip(FILLED, shapes) if shape != "ingevuld"]
    assert sorted(named) == sorted(empty)
    assert [field for field in FILLED if getattr(status, field) is None] == empty
    assert status.vernieuwen_voor is None
