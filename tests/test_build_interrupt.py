"""A build stopped at any moment leaves site/ whole, and nothing behind.

Fault injection: the build is killed at moments spread over its whole run,
including while the new site is swapped in. After every kill site/ is exactly
the complete old site or the complete new one, no work folder is left, and no
MkDocs process keeps running. Builds started together wait for each other.

The real `sop.site.build` pipeline runs in a child Python; only its slow steps are
stand-ins (a fake MkDocs that writes 71 pages, one by one, and a quick PDF and
downloads), so that thirty builds take seconds. One test kills a real build
with the real MkDocs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import PROJECT, SOURCE_DATA, copy_project

PAGES = 71

FAKE_MKDOCS = textwrap.dedent(
    """
    import os, sys, time
    site, version, log = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(log, "a") as out:
        out.write(f"start {os.getpid()} {time.time()}\\n")
    if os.environ.get("NEP_MKDOCS_FOUT"):
        raise OSError(28, "No space left on device", os.path.join(site, "index.html"))
    os.makedirs(site, exist_ok=True)
    for number in range(%d):
        page = os.path.join(site, f"pagina-{number:02d}")
        os.makedirs(page, exist_ok=True)
        with open(os.path.join(page, "index.html"), "w") as out:
            out.write(f"{version} {number}")
        time.sleep(0.004)
    with open(os.path.join(site, "sitemap.xml"), "w") as out:
        out.write("<loc>https://school.example/</loc>")
    with open(log, "a") as out:
        out.write(f"end {os.getpid()} {time.time()}\\n")
    """
    % PAGES
)

# Runs sop.site.build.build() with stand-ins for MkDocs, the data, the PDF and the
# downloads. Markers on stdout tell the test where the build is.
DRIVER = textwrap.dedent(
    """
    import os, sys, time, types
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    project, fake, version, log = Path(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
    pause = float(os.environ.get("NEP_PAUZE", "0"))

    def mark(text):
        print(text, flush=True)

    profile = types.ModuleType("sop.data.profile")
    profile.load_profile = lambda data_dir: None
    pdf = types.ModuleType("sop.writers.pdf")
    pdf.PDF_NAME = "profiel.pdf"
    def write_pdf(site, cache):
        (site / pdf.PDF_NAME).write_bytes(f"%PDF {version}\\n%%EOF\\n".encode())
    pdf.write_pdf = write_pdf
    publish = types.ModuleType("sop.site.publish")
    def write_downloads(_profile, site):
        if os.environ.get("NEP_SCHIJF_VOL"):
            raise OSError(28, "No space left on device", str(site / "open-data" / "sop.json"))
        if os.environ.get("NEP_FOUT"):
            raise RuntimeError("iets onverwachts")
        (site / "open-data").mkdir()
        (site / "open-data" / "sop.json").write_text(version)
    publish.write_downloads = write_downloads
    publish.write_version_downloads = lambda project, profile, site: None  # no git history here
    beheer = types.ModuleType("sop.site.beheer")
    beheer.write_editor = lambda site, repo_url: []  # the staff editor: not what is tested here
    sys.modules.update({"sop.data.profile": profile, "sop.writers.pdf": pdf, "sop.site.publish": publish, "sop.site.beheer": beheer})

    import sop.site.build, sop.site.sitedir
    sop.site.build.mkdocs_command = lambda project, fresh: [sys.executable, fake, str(fresh), version, log]

    real_exchange = sop.site.sitedir.exchange
    def exchange(first, second):
        mark("wissel")
        time.sleep(pause)
        return real_exchange(first, second) if not os.environ.get("NEP_GEEN_RENAMEAT2") else False
    sop.site.sitedir.exchange = exchange

    class SlowOs:
        # Only for the two renames without renameat2: a pause between them.
        def __getattr__(self, name):
            return getattr(os, name)
        def rename(self, source, target):
            os.rename(source, target)
            if str(target).endswith("/oud"):  # the old site moved aside, the new not yet in
                mark("tussen")
                time.sleep(pause)
    sop.site.sitedir.os = SlowOs()

    real_remove = sop.site.sitedir.remove_tree
    def remove_tree(path):
        mark("opruimen")
        time.sleep(pause)
        return real_remove(path)
    sop.site.sitedir.remove_tree = remove_tree

    mark("begin")
    status = sop.site.build.build(project, project / "site")
    mark("klaar")
    sys.exit(status)
    """
)


def expected_site(version: str) -> dict[str, str]:
    files = {f"pagina-{n:02d}/index.html": f"{version} {n}" for n in range(PAGES)}
    files["sitemap.xml"] = "<loc>https://school.example/</loc>"
    files["profiel.pdf"] = f"%PDF {version}\n%%EOF\n"
    files["open-data/sop.json"] = version
    files["robots.txt"] = "User-agent: *\nAllow: /\n\nSitemap: https://school.example/sitemap.xml\n"
    return files


def site_contents(site: Path) -> dict[str, str] | None:
    if not site.is_dir():
        return None
    return {
        str(path.relative_to(site)): path.read_text(encoding="utf-8")
        for path in site.rglob("*")
        if path.is_file()
    }


def alive(pid: int) -> bool:
    """Running (not merely a zombie waiting for init to reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


class FakeProject:
    def __init__(self, root: Path):
        self.root = root
        root.mkdir()
        (root / "data").mkdir()
        self.fake = root.parent / "nep_mkdocs.py"
        self.fake.write_text(FAKE_MKDOCS, encoding="utf-8")
        self.driver = root.parent / "bouw.py"
        self.driver.write_text(DRIVER, encoding="utf-8")
        self.log = root.parent / "mkdocs.log"
        self.log.touch()
        self.versions = 0
        self.entries = {"data", "site", ".cache"}

    def start(self, **env: str) -> tuple[subprocess.Popen, str]:
        self.versions += 1
        version = f"versie-{self.versions}"
        process = subprocess.Popen(
            [sys.executable, str(self.driver), str(PROJECT), str(self.root), str(self.fake), version, str(self.log)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **env},
        )
        return process, version

    def build(self, **env: str) -> tuple[subprocess.CompletedProcess, str]:
        process, version = self.start(**env)
        out, err = process.communicate(timeout=60)
        return subprocess.CompletedProcess(process.args, process.returncode, out, err), version

    def mkdocs_pids(self) -> list[int]:
        return [int(line.split()[1]) for line in self.log.read_text().splitlines() if line.startswith("start")]

    def check_clean(self, candidates: list[dict[str, str]]) -> dict[str, str]:
        """site/ is one of the candidates, whole; no work folder; no MkDocs left running."""
        contents = site_contents(self.root / "site")
        assert contents in candidates, f"site/ is niet heel: {sorted(contents or {})[:5]}… ({len(contents or {})} bestanden)"
        leftovers = {entry.name for entry in self.root.iterdir()} - self.entries
        assert not leftovers, f"achtergebleven: {leftovers}"
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in self.mkdocs_pids()) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not [pid for pid in self.mkdocs_pids() if alive(pid)], "MkDocs draait nog"
        return contents


@pytest.fixture
def project(tmp_path) -> FakeProject:
    fake = FakeProject(tmp_path / "school")
    result, version = fake.build()
    assert result.returncode == 0, result.stderr
    assert site_contents(fake.root / "site") == expected_site(version)
    return fake


def test_an_uninterrupted_build_replaces_the_site_whole(project):
    result, version = project.build()
    assert result.returncode == 0, result.stderr
    assert project.check_clean([expected_site(version)]) == expected_site(version)


def kill_after(process: subprocess.Popen, delay: float, signum: int) -> None:
    """Stop the build `delay` seconds after it began (after Python's own start-up)."""
    wait_for(process, "begin")
    time.sleep(delay)
    if process.poll() is None:
        os.kill(process.pid, signum)


def wait_for(process: subprocess.Popen, marker: str) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == marker:
            return
    pytest.fail(f"de bouw kwam niet bij '{marker}'")


def kill_at_marker(process: subprocess.Popen, marker: str, signum: int) -> None:
    wait_for(process, marker)
    os.kill(process.pid, signum)


def test_stopped_at_any_moment_site_is_old_or_new_and_nothing_is_left(project):
    """24 stops spread over the whole build, plus stops during the swap and the cleanup."""
    process, version = project.start()
    wait_for(process, "begin")
    started = time.monotonic()
    process.communicate(timeout=60)
    duration = time.monotonic() - started
    assert process.returncode == 0
    current = expected_site(version)
    signals = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
    outcomes = {"oud": 0, "nieuw": 0}
    runs = [("tijd", duration * (n + 0.5) / 24, signals[n % 3], {}) for n in range(24)]
    runs += [
        ("wissel", "wissel", signal.SIGTERM, {"NEP_PAUZE": "0.3"}),
        ("wissel", "wissel", signal.SIGINT, {"NEP_PAUZE": "0.3", "NEP_GEEN_RENAMEAT2": "1"}),
        ("wissel", "tussen", signal.SIGTERM, {"NEP_PAUZE": "0.3", "NEP_GEEN_RENAMEAT2": "1"}),
        ("wissel", "opruimen", signal.SIGTERM, {"NEP_PAUZE": "0.3"}),
    ]
    for kind, when, signum, env in runs:
        process, version = project.start(**env)
        if kind == "tijd":
            kill_after(process, when, signum)
        else:
            kill_at_marker(process, when, signum)
        _, err = process.communicate(timeout=60)
        assert "Traceback" not in err
        new = expected_site(version)
        contents = project.check_clean([current, new])
        if process.returncode > 0:  # (< 0: killed by the signal before the build had begun)
            assert "afgebroken." in err.lower(), err
        outcomes["nieuw" if contents == new else "oud"] += 1
        current = contents
    # The spread really hit both sides of the swap.
    assert outcomes["oud"] >= 5 and outcomes["nieuw"] >= 3, outcomes


def test_killed_outright_the_next_build_cleans_up(project):
    """SIGKILL can't be caught: MkDocs dies with the build, the next build removes what is left."""
    current = site_contents(project.root / "site")
    for env, marker in (({}, "mkdocs"), ({"NEP_PAUZE": "0.3", "NEP_GEEN_RENAMEAT2": "1"}, "tussen")):
        started = len(project.mkdocs_pids())
        process, version = project.start(**env)
        if marker == "mkdocs":
            while len(project.mkdocs_pids()) == started:
                time.sleep(0.01)
            time.sleep(0.1)
            os.kill(process.pid, signal.SIGKILL)
        else:
            kill_at_marker(process, marker, signal.SIGKILL)
        process.communicate(timeout=60)
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in project.mkdocs_pids()) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not [pid for pid in project.mkdocs_pids() if alive(pid)], "MkDocs leeft langer dan de bouw"
        # Killed between the two renames site/ may be missing for a moment; a build
        # that then fails must still bring back the old site.
        result, _ = project.build(NEP_MKDOCS_FOUT="1")
        assert result.returncode != 0
        assert project.check_clean([current]) == current
    result, version = project.build()
    assert result.returncode == 0
    project.check_clean([expected_site(version)])


def test_builds_started_together_wait_for_each_other(project):
    processes = [project.start() for _ in range(3)]
    results = [(process.communicate(timeout=60), process.returncode, version) for process, version in processes]
    assert [status for _, status, _ in results] == [0, 0, 0], [err for (_, err), _, _ in results]
    project.check_clean([expected_site(version) for _, _, version in results])
    spans = []
    starts = {}
    for line in project.log.read_text().splitlines():
        what, pid, moment = line.split()
        if what == "start":
            starts[pid] = float(moment)
        else:
            spans.append((starts[pid], float(moment)))
    spans.sort()
    assert len(spans) == 4
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert start >= end, "twee bouwprocessen liepen tegelijk"


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"NEP_SCHIJF_VOL": "1"}, "De schijf is vol: '"),
        ({"NEP_MKDOCS_FOUT": "1"}, "De schijf is vol: '"),
        ({"NEP_FOUT": "1"}, "Er ging iets onverwachts mis in het programma; dat ligt niet aan uw gegevens."),
    ],
)
def test_a_failing_build_says_what_happened_in_dutch_and_keeps_the_site(project, env, expected):
    before = site_contents(project.root / "site")
    result, _ = project.build(**env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert expected in result.stderr
    assert "De site is niet bijgewerkt; de vorige versie in site/ blijft staan." in result.stderr or \
        "de vorige versie in site/ blijft staan" in result.stderr
    if "NEP_FOUT" in env:
        assert "Meld dit bij de beheerder van de site" in result.stderr
    project.entries.add(".cache")
    project.check_clean([before])


def test_a_real_build_stopped_during_mkdocs(tmp_path):
    project = copy_project(tmp_path / "project", SOURCE_DATA)
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("vorige versie", encoding="utf-8")
    before = {entry.name for entry in project.iterdir()}
    build = subprocess.Popen(
        [sys.executable, "-m", "sop.site.build"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT), "NO_MKDOCS_2_WARNING": "1"},
    )
    mkdocs = None
    deadline = time.monotonic() + 60
    while mkdocs is None and time.monotonic() < deadline and build.poll() is None:
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                    command = (entry / "cmdline").read_bytes()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == build.pid and b"mkdocs" in command:
                    mkdocs = int(entry.name)
        time.sleep(0.05)
    assert mkdocs is not None, "MkDocs startte niet"
    time.sleep(0.5)
    build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 128 + signal.SIGTERM
    assert "De bouw is afgebroken. De site is niet bijgewerkt; de vorige versie in site/ blijft staan." in err
    assert "Traceback" not in err
    assert (site / "index.html").read_text(encoding="utf-8") == "vorige versie"
    assert {entry.name for entry in project.iterdir()} - before <= {".cache"}
    deadline = time.monotonic() + 5
    while alive(mkdocs) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(mkdocs)
