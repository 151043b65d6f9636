"""Generic check of whatever samenwerkingsverband is in swv/ (issue 13).

An SWV replaces swv/ with its own files, as a school replaces data/; this
checks those files, not the code. They must be valid (the same Dutch
'FILE:LINE:COL' errors as `make swv`). When every school in swv/scholen.yml is
a local folder (`map:`), as in this repository's example, the overview is also
built as `make swv` builds it, and every school must be in it. With web
addresses (`sop_json:`) only the files are checked: the tests use no internet,
and a school whose site is down is no error in the SWV's files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import PROJECT

from sop.data.errors import DataErrors
from sop.swv.config import SwvConfig, load_config

SWV = PROJECT / "swv"


@pytest.fixture(scope="module")
def loaded() -> tuple[SwvConfig | None, str]:
    """The SWV's files, or None and the Dutch report of every error in them."""
    if not SWV.is_dir():
        pytest.skip("er is geen map swv/: deze repository maakt geen overzicht voor een samenwerkingsverband")
    try:
        return load_config(SWV, "swv"), ""
    except DataErrors as errors:
        return None, errors.report().replace("de site is niet gebouwd", "het overzicht is niet gebouwd")


def test_the_swv_files_are_valid(loaded):
    config, report = loaded
    if config is None:
        pytest.fail(report, pytrace=False)


def test_the_overview_builds_with_every_local_school(loaded, tmp_path):
    config, _ = loaded
    if config is None:
        pytest.skip("de bestanden in swv/ bevatten fouten (zie test_the_swv_files_are_valid)")
    schools = config.scholen.scholen
    online = [school.id for school in schools if school.map is None]
    if online:
        pytest.skip(f"swv/scholen.yml noemt webadressen (sop_json) bij {', '.join(online)}: "
                    "alleen de bestanden zijn gecontroleerd, het overzicht wordt hier niet gebouwd (geen internet)")
    site = tmp_path / "site-swv"
    result = subprocess.run(
        [sys.executable, "-m", "sop.swv.build", "--map", str(SWV), "--site", str(site),
         "--cache", str(tmp_path / "cache")],
        cwd=PROJECT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").is_file(), result.stderr
    index = json.loads((site / "open-data" / "swv.json").read_text(encoding="utf-8"))
    # A local school that cannot be read is listed as missing and the build goes
    # on; here it is the SWV's own folder, so it is an error to fix.
    missing = [f"{item['id']}: {item['reden']}" for item in index["ontbrekend"]]
    assert not missing, "scholen ontbreken in het overzicht:\n" + "\n".join(missing)
    assert [school["id"] for school in index["scholen"]] == [school.id for school in schools]
