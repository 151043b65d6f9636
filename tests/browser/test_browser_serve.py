"""`make serve` (sop.site.serve): while data/ has an error, the browser shows it on a
Dutch page with the same bestand:regel:kolom message as the terminal, and the
page reloads by itself once the file is fixed. Nothing is built into site/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SOURCE_DATA, copy_project
from sop.checks.browsersupport import PHONE
from sop.data.errors import DataErrors
from sop.data.profile import load_profile

GOOD = "    functie: [ICT-er]\n"
# A misspelt field, and one whose name is HTML: the page must show it as text.
BAD = "    funcite: [ICT-er]\n    <b>vet</b>: x\n"
ERROR_PAGE = "h1:text('Fout in de gegevens')"
SITE_PAGE = "article.md-content__inner h1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_server(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"make serve stopte:\n{log.read_text(encoding='utf-8')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"make serve startte niet binnen een minuut:\n{log.read_text(encoding='utf-8')}")


def report(project: Path) -> list[str]:
    """What `make check` and `make build` say about the project's data."""
    try:
        load_profile(project / "data")
    except DataErrors as errors:
        return errors.report().splitlines()
    return []


def test_serve_shows_data_errors_in_the_browser_until_fixed(tmp_path, tab):
    project = copy_project(tmp_path / "project", SOURCE_DATA)
    data_file = project / "data" / "expertise.yml"
    good = data_file.read_text(encoding="utf-8")
    assert GOOD in good
    data_file.write_text(good.replace(GOOD, BAD, 1), encoding="utf-8")
    expected = report(project)
    assert any(line.startswith("data/expertise.yml:") and "<b>vet</b>" in line for line in expected)

    port = free_port()
    log = tmp_path / "serve.log"
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "REPO_URL")}
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "sop.site.serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_for_server(port, process, log)
        page = tab(PHONE)
        address = f"http://127.0.0.1:{port}/onderwijs/"

        # Broken from the start: the error page, in Dutch, with the message as text.
        page.goto(address)
        page.wait_for_selector(ERROR_PAGE)
        shown = page.evaluate("[...document.querySelectorAll('li')].map(li => li.textContent)")
        assert shown == expected
        assert page.evaluate("document.documentElement.lang") == "nl"
        assert page.evaluate("document.querySelectorAll('main b').length") == 0, "HTML uit het bestand is uitgevoerd"
        terminal = log.read_text(encoding="utf-8")
        assert all(line in terminal for line in expected), terminal

        # Fixed: the same tab shows the page, without anyone reloading it.
        data_file.write_text(good, encoding="utf-8")
        page.wait_for_selector(SITE_PAGE, timeout=30_000)
        assert page.text_content(SITE_PAGE).strip().startswith("Onderwijs")

        # Broken again while the page is open: it switches to the error page by itself.
        data_file.write_text(good.replace(GOOD, BAD, 1), encoding="utf-8")
        page.wait_for_selector(ERROR_PAGE, timeout=30_000)
        assert page.evaluate("[...document.querySelectorAll('li')].map(li => li.textContent)") == expected
    finally:
        process.terminate()
        process.wait(timeout=10)
    terminal = log.read_text(encoding="utf-8")
    assert "[macros]" not in terminal, f"ontwikkelaarsmeldingen in make serve:\n{terminal}"
    assert not (project / "site").exists(), "make serve schreef een site/ om te publiceren"
