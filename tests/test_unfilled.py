"""A new school's profile is not published while anything is unfilled.

The starter's sample contact details (postcode 1234 AB, info@school.example, …) are
valid in form, so only these rules stop them going live as the school's own links:
`make check` lists them like a '[vul in: …]', and the deploy job refuses while any
is left. A local `make build` still works.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT, SOURCE_DATA, copy_project

from sop.site.check import main as check
from sop.data.profile import load_profile
from sop.data.starter import TEMPLATES, write_starter

STARTER_SCHOOL = yaml.safe_load((TEMPLATES / "school.yml").read_text(encoding="utf-8"))
SAMPLES = {field: str(value) for field, value in STARTER_SCHOOL.items()
           if isinstance(value, (str, int)) and "[vul in" not in str(value)}
# Domains reserved for examples and tests (RFC 2606, 6761), as a made-up address would use.
EXAMPLE_HOSTS = ["school.example", "www.school.example", "example.com", "www.example.org", "example.net",
                 "school.test", "school.invalid", "school.localhost", "EXAMPLE.COM"]


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("nieuw") / "data"
    write_starter(target)
    return target


def _unfilled(data: Path) -> list[str]:
    notices = []
    load_profile(data, notices=notices)
    return [str(notice) for notice in notices if "vul de gegevens van de school in" in notice.message]


def test_every_sample_contact_detail_of_the_starter_is_reported_on_its_line(starter):
    assert len(SAMPLES) >= 5  # postcode, brinnummer, telefoon, email, website
    lines = (starter / "school.yml").read_text(encoding="utf-8").splitlines()
    unfilled = _unfilled(starter)
    for field, value in SAMPLES.items():
        line = next(number for number, text in enumerate(lines, 1) if text.startswith(f"{field}:"))
        assert f"data/school.yml:{line}:1: hier staat nog het voorbeeld '{value}'; vul de gegevens van de school in" \
            in unfilled, (field, unfilled)


@pytest.mark.parametrize("host", EXAMPLE_HOSTS)
def test_an_address_on_an_example_domain_is_reported(tmp_path, host):
    data = tmp_path / "data"
    shutil.copytree(SOURCE_DATA, data)
    assert _unfilled(data) == []
    school = data / "school.yml"
    text = school.read_text(encoding="utf-8")
    email = next(line for line in text.splitlines() if line.startswith("email:"))
    website = next(line for line in text.splitlines() if line.startswith("website:"))
    school.write_text(text.replace(email, f"email: info@{host}").replace(website, f"website: https://{host}/"),
                      encoding="utf-8")
    unfilled = _unfilled(data)
    assert [message.split(": ", 1)[1] for message in unfilled] == [
        f"hier staat nog het voorbeeld 'info@{host}'; vul de gegevens van de school in",
        f"hier staat nog het voorbeeld 'https://{host}/'; vul de gegevens van de school in",
    ]


@pytest.mark.parametrize("field", ["postcode", "brinnummer", "telefoon"])
def test_a_sample_in_a_location_is_reported(tmp_path, field):
    data = tmp_path / "data"
    shutil.copytree(SOURCE_DATA, data)
    location = {"naam": "Locatie Noord", "straat_en_huisnummer": "Noordweg 1", "postcode": "2133 DW",
                "plaats": "Hoofddorp", field: SAMPLES[field]}
    school = data / "school.yml"
    text = school.read_text(encoding="utf-8")
    assert "\nvestigingen:" not in text
    school.write_text(text + yaml.safe_dump({"vestigingen": [location]}, allow_unicode=True), encoding="utf-8")
    unfilled = _unfilled(data)
    assert len(unfilled) == 1 and f"het voorbeeld '{SAMPLES[field]}'" in unfilled[0]


def test_publishing_refuses_while_anything_is_unfilled_and_make_check_does_not(starter, tmp_path, capsys):
    project = copy_project(tmp_path / "nieuw", starter)
    assert check(project) == 0
    capsys.readouterr()
    assert check(project, publishing=True) == 1
    err = capsys.readouterr().err
    assert err.startswith("De site wordt niet gepubliceerd: er zijn nog ")
    assert "make build wel" in err and "Traceback" not in err
    done = copy_project(tmp_path / "klaar", SOURCE_DATA)
    assert check(done, publishing=True) == 0


def test_the_deploy_job_runs_the_publishing_check_before_the_site_is_handed_to_pages():
    workflow = yaml.safe_load((PROJECT / ".github" / "workflows" / "school.yml").read_text(encoding="utf-8"))
    steps = next(job["steps"] for job in workflow["jobs"].values()
                 if any("upload-pages-artifact" in step.get("uses", "") for step in job["steps"]))
    runs = [step.get("run", "") for step in steps]
    refusal = next(index for index, run in enumerate(runs) if "-m sop check --publiceren" in run)
    upload = next(index for index, step in enumerate(steps) if "upload-pages-artifact" in step.get("uses", ""))
    assert refusal < upload
    assert steps[refusal]["if"] == "github.ref == 'refs/heads/main'"
