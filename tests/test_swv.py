"""Product tests of the samenwerkingsverband's overview (make swv, sop/swv/).

Every overview is built as SWV staff build it (python -m sop.swv.build) into
tmp_path, from SWV folders written here: the three fixture schools by local
folder, and schools served as sop.json by an HTTP server on 127.0.0.1 started
in the test (never the internet), several of them broken. The tests read what
a user reads: the pages, the messages of the build and the downloads.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from conftest import PROJECT, SCHOOLS, TESTS, Site, dump_data_yaml
from sop.data import names, schema
from sop.writers.opendata import SCHEMA_VERSION, profile_document, profile_json_schema, publication_options
from sop.data.profile import load_profile

REGIO = TESTS / "swv" / "regio"
SWV_FILES = ("samenwerkingsverband.yml", "scholen.yml", "specialismen.yml", "vergelijkingen.yml")
PAGES = ("", "scholen", "expertise", "basisondersteuning", "toelichting", "uitstroom", "uitstroom-per-school", "ontbrekend",
         "open-data")
# The pages that show the included schools' data.
OVERVIEW_PAGES = ("scholen", "expertise", "basisondersteuning", "uitstroom-per-school")

# 'Today' of a build (SOP_VANDAAG), so renewal marks and cache dates are known.
# De Proefboom renews before 1 oktober 2034, De Getijden before 1 oktober 2028.
SOON = "2034-08-01"  # De Proefboom due within three months, De Getijden expired
LATE = "2035-01-01"  # both expired
WEEK_LATER = "2034-08-08"  # a week after SOON: a rebuild that uses the cache

# Names the fixture schools withhold (instellingen.yml namen_verbergen).
WITHHELD = ("Quinten Quiz", "René de Wit")

PDF = "schoolondersteuningsprofiel.pdf"


# --- Building ---------------------------------------------------------------


def run_swv(folder: Path, site: Path, cache: Path, day: str = SOON) -> subprocess.CompletedProcess:
    """`make swv SWV=folder`, with the site and cache in tmp_path."""
    local = "127.0.0.1,localhost"
    env = dict(os.environ, SOP_VANDAAG=day, NO_MKDOCS_2_WARNING="1", NO_PROXY=local, no_proxy=local)
    command = [sys.executable, "-m", "sop.swv.build", "--map", str(folder), "--site", str(site), "--cache", str(cache)]
    return subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True)


def regio_schools() -> list[dict]:
    """tests/swv/regio's schools, their folders made absolute so any SWV folder can list them."""
    entries = yaml.safe_load((REGIO / "scholen.yml").read_text(encoding="utf-8"))["scholen"]
    return [{**entry, "map": str((REGIO / entry["map"]).resolve())} for entry in entries]


def write_swv(target: Path, schools: list[dict], source: Path = REGIO) -> Path:
    """An SWV folder: the files of `source`, with `schools` as scholen.yml."""
    target.mkdir(parents=True)
    for name in SWV_FILES:
        shutil.copy(source / name, target / name)
    dump_yaml(target / "scholen.yml", {"scholen": schools})
    return target


def dump_yaml(path: Path, data) -> None:
    path.write_text(dump_data_yaml(data, width=10_000), encoding="utf-8")


def edit_yaml(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    dump_yaml(path, data)


def count_every_profile(folder: Path) -> Path:
    """The SWV counts expired and unfinished profiles too (ook_meetellen): the overviews here
    test how counts are made over several schools; tests/test_swv_currency.py which schools count."""
    edit_yaml(folder / "samenwerkingsverband.yml", lambda data: data.update(ook_meetellen=["verlopen", "niet af"]))
    return folder


def copy_school(source: Path, target: Path, **school_fields) -> Path:
    """A copy of a school's data folder, with other values in its school.yml."""
    shutil.copytree(source, target)
    edit_yaml(target / "school.yml", lambda data: data.update(school_fields))
    return target


def published(data_dir: Path) -> dict:
    """The sop.json the school's own site publishes (sop/site/publish.py)."""
    profile = load_profile(data_dir)
    return profile_document(profile, **publication_options(profile))


def as_json(document) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def tables(definitions: list[dict]) -> dict:
    """The 'aantallen' part of a published profile, from tables written as in aantallen.yml."""
    return schema.Aantallen.model_validate({"tabellen": definitions}).model_dump(mode="json")


def table(table_id: str, rows: dict[str, list], adds_up: bool = True, years=("2022/2023", "2023/2024")) -> dict:
    return {
        "id": table_id, "titel": table_id.capitalize(), "rijkop": "Leerlingen", "rijen_tellen_op": adds_up,
        "schooljaren": list(years),
        "groepen": [{"rijen": [{"categorie": name, "aantallen": dict(zip(years, values))}
                               for name, values in rows.items()]}],
    }


# --- A local web server for the schools' sop.json ------------------------------


class SchoolServer:
    """Serves `files` (path -> bytes) on 127.0.0.1; any other path is a 404."""

    def __init__(self):
        files: dict[str, bytes] = {}
        self.files = files

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                content = files.get(self.path)
                if content is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def serve(self, path: str, content: bytes) -> str:
        """Serve `content` at `path`; returns its address."""
        self.files[path] = content
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[SchoolServer]:
    running = SchoolServer()
    yield running
    running.close()


def unreachable_address() -> str:
    """An address on this computer where nothing listens (a port just released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/open-data/sop.json"


# --- Reading a built overview ----------------------------------------------------


def text(element) -> str:
    """An element's text as a reader sees it, with spaces collapsed."""
    return " ".join(element.get_text().split())


@dataclass
class Build:
    folder: Path
    site_dir: Path
    result: subprocess.CompletedProcess
    # The documents served to this build, by school id.
    served: dict[str, dict] = field(default_factory=dict)

    @property
    def site(self) -> Site:
        return Site(self.site_dir)

    def article(self, page: str):
        return self.site.article(page)

    def page_text(self, page: str) -> str:
        return " ".join(self.article(page).get_text(" ").split())

    def list_items(self, page: str) -> list[str]:
        return [text(item) for item in self.article(page).find_all("li")]

    def rows(self, page: str, table_id: str) -> list[list[str]]:
        found = self.article(page).find("table", id=table_id)
        assert found is not None, f"no table {table_id} on {page or 'start'}"
        return [[text(cell) for cell in row.find_all(["th", "td"])] for row in found.find_all("tr")]

    def items(self, page: str, heading_id: str) -> list[str]:
        """The text of each list item under a heading of the page (up to the next h2)."""
        return [text(item) for element in section(self.article(page), heading_id) for item in element.find_all("li")]

    def index(self) -> dict:
        return json.loads((self.site_dir / "open-data" / "swv.json").read_text(encoding="utf-8"))

    def download(self, name: str) -> bytes:
        return (self.site_dir / "open-data" / name).read_bytes()


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def section(article, heading_id: str) -> list:
    """The elements between the heading with this id and the next heading of its level or higher."""
    heading = article.find(id=heading_id)
    assert heading is not None, heading_id
    ends = {f"h{level}" for level in range(1, int(heading.name[1]) + 1)} if heading.name in HEADINGS else {"h2"}
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ends:
            break
        found.append(sibling)
    return found


def built(folder: Path, tmp: Path, day: str = SOON, served: dict | None = None) -> Build:
    result = run_swv(folder, tmp / "site-swv", tmp / "cache", day)
    assert result.returncode == 0, result.stderr
    return Build(folder, tmp / "site-swv", result, served or {})


def read_like_excel(raw: bytes) -> list[list[str]]:
    """A CSV as Dutch Excel opens it; fails unless ';', UTF-8 with BOM and CRLF."""
    assert raw.startswith(codecs.BOM_UTF8)
    assert raw.count(b"\n") == raw.count(b"\r\n"), "every line ends with CRLF"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def site_texts(site_dir: Path) -> Iterator[tuple[Path, str]]:
    """Every file of a site as text; JSON also decoded, so '\\u00e9' is searched as 'é'."""
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        content = raw.decode("utf-8", errors="replace")
        yield path, content
        if path.suffix == ".json":
            yield path, json.dumps(json.loads(content), ensure_ascii=False)


def snapshot(site_dir: Path) -> dict[str, str]:
    return {path.relative_to(site_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site_dir.rglob("*")) if path.is_file()}


def total_cell(parts: list[str]) -> str:
    """The total an SWV page must show for the schools' cells `parts` (per-school table):
    exact only when every part is an exact number, else '≥ the least it can be'."""
    reported = [part for part in parts if part != "niet bekend"]
    least = sum(1 if part.startswith("<") else int(part.removeprefix("≥ ")) for part in reported)
    exact = len(reported) == len(parts) and all(part.isdigit() for part in parts)
    # '≥ 0' says nothing: no part known, or only zeros, is 'niet bekend'.
    return str(least) if exact else f"≥ {least}" if least else "niet bekend"


# --- The overviews ----------------------------------------------------------------


@pytest.fixture(scope="module")
def regio(tmp_path_factory) -> Build:
    """tests/swv/regio's three fixture schools by local folder, on a day both dated profiles
    have expired: marked, and (count_every_profile) counted."""
    tmp = tmp_path_factory.mktemp("regio")
    return built(count_every_profile(write_swv(tmp / "swv", regio_schools())), tmp, day=LATE)


# The names as the regio overview shows them: both dated profiles expired on LATE.
MARKED = {"CBS Vesterhavet": "CBS Vesterhavet", "OBS De Proefboom": "OBS De Proefboom (verlopen)",
          "IKC De Getijden": "IKC De Getijden (verlopen)"}


def marked(line: str) -> str:
    """A line 'School: …' as the regio overview shows it, with the school's mark."""
    school, rest = line.split(": ", 1)
    return f"{MARKED.get(school, school)}: {rest}"


# The broken schools of the large overview: id -> (name in scholen.yml, part of the reason).
# The line of the BRIN number the broken copy of De Proefboom spoils.
BRIN_LINE = 1 + (SCHOOLS["voorbeeldschool"] / "school.yml").read_text(encoding="utf-8").splitlines().index(
    "brinnummer: 00AA")
BROKEN = {
    "kapotte-json": ("BS De Kapotte Accolade", "is geen geldige JSON"),
    "buiten-schema": ("BS Buiten Het Schema", "het profiel voldoet niet aan het schema: er ontbreekt een verplicht veld ("),
    "te-nieuw": ("BS Van Morgen", "het profiel heeft een nieuwere schema_version (3.0) dan dit overzicht kent"),
    # A 2.0 profile labelled 1.0: an older version is read, but checked against its own schema.
    "te-oud": ("BS Van Gisteren", "het profiel voldoet niet aan het schema van versie 1.0: "),
    "niet-gevonden": ("BS Zoekgeraakt", "de website gaf foutcode 404 (niet gevonden)"),
    "onbereikbaar": ("BS Onbereikbaar", "de website weigerde de verbinding"),
    "kapotte-map": ("BS Kapotte Map", "de gegevens in de map van de school bevatten 1 fout (school.yml, regel "
                                      f"{BRIN_LINE}); "
                                      "de school ziet de meldingen met make check"),
    "geen-map": ("BS Zonder Map", "de map van de school ('map' in scholen.yml) bestaat niet of kan niet gelezen worden"),
}


@pytest.fixture(scope="module")
def large(tmp_path_factory, server) -> Build:
    """The three fixture schools, a school served as sop.json, a copy of De Getijden that
    shows no names, and a school for every way a profile can fail to be read."""
    tmp = tmp_path_factory.mktemp("groot")
    source = SCHOOLS["voorbeeldschool"]
    valid = published(source)
    valid["school"].update(naam="OBS Op Afstand", plaats="Verweg", brinnummer="01AB")
    # Unlike De Proefboom, Op Afstand has secured its behaviour rules: 1 of 2 schools.
    valid["basisondersteuning"]["domeinen"][0]["groepen"][0]["indicatoren"][1]["status"] = {"kolom": 3, "markering": "ja"}
    schemaless = json.loads(json.dumps(valid))
    del schemaless["school"]["naam"]
    served = {
        "op-afstand": valid,
        "buiten-schema": schemaless,
        "te-nieuw": {**valid, "schema_version": "3.0"},
        "te-oud": {**valid, "schema_version": "1.0"},
    }
    addresses = {school_id: server.serve(f"/{school_id}/open-data/sop.json", as_json(document))
                 for school_id, document in served.items()}
    addresses["kapotte-json"] = server.serve("/kapotte-json/open-data/sop.json", b'{"schema_version": "2.0", ')
    addresses["niet-gevonden"] = server.url("/niet-gevonden/open-data/sop.json")
    addresses["onbereikbaar"] = unreachable_address()

    broken_data = tmp / "kapot"
    shutil.copytree(source, broken_data)
    school_yml = broken_data / "school.yml"
    school_yml.write_text(school_yml.read_text(encoding="utf-8").replace("brinnummer: 00AA", "brinnummer: [00AA]"),
                          encoding="utf-8")
    without_names = copy_school(SCHOOLS["de-getijden"], tmp / "zonder-namen", naam="IKC Zonder Namen")
    edit_yaml(without_names / "instellingen.yml", lambda data: data.update(namen_tonen=False))

    schools = [
        *regio_schools(),
        {"id": "op-afstand", "naam": "Op Afstand", "sop_json": addresses["op-afstand"]},
        {"id": "zonder-namen", "naam": "IKC Zonder Namen", "map": str(without_names)},
        *({"id": school_id, "naam": BROKEN[school_id][0], "sop_json": addresses[school_id]}
          for school_id in ("kapotte-json", "buiten-schema", "te-nieuw", "te-oud", "niet-gevonden", "onbereikbaar")),
        {"id": "kapotte-map", "naam": BROKEN["kapotte-map"][0], "map": str(broken_data)},
        {"id": "geen-map", "naam": BROKEN["geen-map"][0], "map": f"{tmp}/bestaat-niet"},
    ]
    folder = count_every_profile(write_swv(tmp / "swv", schools))
    return built(folder, tmp, served=served, day=SOON)


INCLUDED = ("CBS Vesterhavet", "OBS De Proefboom", "IKC De Getijden", "OBS Op Afstand", "IKC Zonder Namen")
# On SOON De Getijden and its copy Zonder Namen have expired.
INCLUDED_MARKED = ("CBS Vesterhavet", "OBS De Proefboom", "IKC De Getijden (verlopen)", "OBS Op Afstand",
                   "IKC Zonder Namen (verlopen)")


# --- 1. Schools that cannot be read, and the cache --------------------------------


def test_every_unreadable_school_is_listed_with_its_reason(large):
    assert large.result.returncode == 0
    listed = {item["id"].removeprefix("ontbreekt-"): text(item) for item in large.article("ontbrekend")
              .select("li[id^=ontbreekt-]")}
    assert set(listed) == set(BROKEN)
    folder = large.folder.parent
    for school_id, (name, reason) in BROKEN.items():
        assert listed[school_id].startswith(f"{name}: "), listed[school_id]
        assert reason in listed[school_id]
        # Published: no folder of the computer that built it.
        assert str(folder) not in listed[school_id]
    start = large.list_items("")
    assert f"{len(INCLUDED)} van de {len(INCLUDED) + len(BROKEN)} scholen staan in dit overzicht." in start
    assert f"{len(BROKEN)} scholen ontbreken, met de reden." in start


def test_the_build_names_every_missing_school(large):
    messages = large.result.stderr.splitlines()
    for item in large.index()["ontbrekend"]:
        line = f"Let op: {item['naam']} ({item['id']}) staat niet in het overzicht: {item['reden']}"
        assert line in messages
    assert "Traceback" not in large.result.stderr
    assert f"{len(INCLUDED)} scholen, {len(BROKEN)} ontbrekend." in large.result.stderr


def test_readable_schools_are_on_every_page_and_broken_ones_on_none(large):
    for page in OVERVIEW_PAGES:
        shown = large.page_text(page)
        for name in INCLUDED:
            assert name in shown, (page, name)
        for name, _ in BROKEN.values():
            assert name not in shown, (page, name)
    assert [row[0] for row in large.rows("scholen", "tabel-scholen")[1:]] == sorted(INCLUDED_MARKED, key=names.name_key)


@pytest.fixture(scope="module")
def stale(tmp_path_factory, server) -> tuple[Build, Build, dict]:
    """Two builds sharing a cache. Between them one school's file disappears (404), another
    school's whole site goes down, a third school's file turns into broken JSON, and a
    school is added whose site is down already."""
    tmp = tmp_path_factory.mktemp("cache")
    own_server = SchoolServer()
    first = published(SCHOOLS["voorbeeldschool"])
    first["school"]["naam"] = "OBS Even Weg"
    # Each its own BRIN number: the same one twice is reported (Let op).
    first["school"]["brinnummer"] = "01EW"
    second = json.loads(json.dumps(first))
    second["school"].update(naam="OBS Plat", brinnummer="02PL")
    third = json.loads(json.dumps(first))
    third["school"].update(naam="OBS Half Af", brinnummer="03HA")
    gone = server.serve("/even-weg/open-data/sop.json", as_json(first))
    down = own_server.serve("/open-data/sop.json", as_json(second))
    broken = server.serve("/half-af/open-data/sop.json", as_json(third))
    schools = [regio_schools()[0], {"id": "even-weg", "naam": "Even weg", "sop_json": gone},
               {"id": "plat", "naam": "Plat", "sop_json": down},
               {"id": "half-af", "naam": "Half af", "sop_json": broken}]
    folder = write_swv(tmp / "swv", schools)
    before = built(folder, tmp, day=SOON)
    del server.files["/even-weg/open-data/sop.json"]
    server.serve("/half-af/open-data/sop.json", b'{"schema_version": "2.0", ')
    own_server.close()
    schools.append({"id": "nieuw", "naam": "BS Nieuw en Plat", "sop_json": server.url("/nieuw/open-data/sop.json")})
    dump_yaml(folder / "scholen.yml", {"scholen": schools})
    after = built(folder, tmp, day=WEEK_LATER)
    return before, after, {"even-weg": first, "plat": second, "half-af": third}


def test_a_school_whose_site_is_down_stays_in_with_its_last_copy(stale):
    before, after, documents = stale
    assert "Let op" not in before.result.stderr
    notes = {
        "even-weg": "bij deze bouw geen bruikbaar profiel opgehaald (de website gaf foutcode 404 (niet "
                    "gevonden)); de kopie van 1 augustus 2034 is gebruikt",
        "plat": "bij deze bouw geen bruikbaar profiel opgehaald (de website weigerde de verbinding)",
        # A broken new file never replaces the last good copy.
        "half-af": "bij deze bouw geen bruikbaar profiel opgehaald (het bestand is geen geldige JSON)",
    }
    names_by_id = {"even-weg": "OBS Even Weg", "plat": "OBS Plat", "half-af": "OBS Half Af"}
    index = {school["id"]: school for school in after.index()["scholen"]}
    scholen = after.article("scholen")
    stale_list = after.items("ontbrekend", "ontbrekend")
    for school_id, note in notes.items():
        name = names_by_id[school_id]
        # The copy of the first build, on every page.
        assert index[school_id]["profiel"] == documents[school_id]
        assert note in index[school_id]["melding"]
        for page in OVERVIEW_PAGES:
            assert name in after.page_text(page), (page, name)
        row = scholen.find("tr", id=f"school-{school_id}")
        assert note in text(row.select_one(".sop-noot"))
        assert any(item.startswith(f"{name}: {note}") for item in stale_list), stale_list
        assert f"Let op: {name} ({school_id}): {note}" in after.result.stderr
    assert "Van deze scholen staat een eerder opgehaalde versie in het overzicht" in after.page_text("ontbrekend")


def test_a_school_down_on_its_first_fetch_is_missing(stale):
    _, after, _ = stale
    missing = after.index()["ontbrekend"]
    assert [item["id"] for item in missing] == ["nieuw"]
    reason = missing[0]["reden"]
    assert reason.startswith(f"geen bruikbaar profiel op {missing[0]['bron']}: ")
    assert "foutcode 404" in reason
    assert f"BS Nieuw en Plat: {reason}" in after.list_items("ontbrekend")
    assert "BS Nieuw en Plat" not in after.page_text("scholen")


# --- 2. Known cells of every table, from the fixture YAML ------------------------


def test_schools_table(regio):
    site = "https://cbs-vesterhavet.example/sop/"
    assert regio.rows("scholen", "tabel-scholen") == [
        ["School", "Plaats", "BRIN", "Vastgesteld op", "Vernieuwen vóór", "Profiel"],
        # CBS Vesterhavet's status.yml is empty: nothing is made up.
        ["CBS Vesterhavet", "Hoofddorp", "11ZW", "niet ingevuld", "niet ingevuld",
         "website van CBS Vesterhavet · PDF van CBS Vesterhavet"],
        # Vestigingen add their places; Voorbeeldstad once. Renewal: four years after adoption.
        ["IKC De Getijden (verlopen)", "Voorbeeldstad, Buitendorp", "99ZZ00", "1 oktober 2024",
         "1 oktober 2028 verlopen", "website van IKC De Getijden · PDF van IKC De Getijden"],
        ["OBS De Proefboom (verlopen)", "Testdorp", "00AA", "1 oktober 2030", "1 oktober 2034 verlopen",
         "geen adres opgegeven"],
    ]
    links = {row["id"]: [a["href"] for a in row.find_all("a")] for row in regio.article("scholen").select("tbody tr")}
    assert links == {
        "school-cbs-vesterhavet": [site, site + PDF],
        "school-de-getijden": ["https://de-getijden.example/", "https://de-getijden.example/" + PDF],
        "school-de-proefboom": [],
    }
    summary = regio.list_items("")
    assert "Alle scholen staan in dit overzicht: 3 scholen." in summary
    assert "Bij 2 scholen is het profiel verlopen." in summary
    assert "Bij 1 school staat niet in het profiel wanneer het vernieuwd moet worden." in summary
    assert "Alle scholen staan in het overzicht." in regio.page_text("ontbrekend")


def test_renewal_marks_follow_the_day(regio, large):
    def renewal(build: Build) -> dict[str, str]:
        return {row[0]: row[4] for row in build.rows("scholen", "tabel-scholen")[1:]}

    # Three months before the date 'binnenkort', after it 'verlopen'; without a date nothing.
    assert renewal(large)["OBS De Proefboom"] == "1 oktober 2034 binnenkort"
    assert renewal(regio)["OBS De Proefboom (verlopen)"] == "1 oktober 2034 verlopen"
    assert renewal(large)["IKC De Getijden (verlopen)"] == "1 oktober 2028 verlopen"
    assert renewal(large)["CBS Vesterhavet"] == "niet ingevuld"
    # A school served as sop.json: its address gives the site and the PDF.
    row = large.article("scholen").find("tr", id="school-op-afstand")
    site = next(school["site"] for school in large.index()["scholen"] if school["id"] == "op-afstand")
    assert site.endswith("/op-afstand/")
    assert [a["href"] for a in row.find_all("a")] == [site, site + PDF]


# Per specialism of tests/swv/regio/specialismen.yml: each school's own words that match.
EXPERTISE = {
    "gedrag": ["CBS Vesterhavet: ‘Gedrag’; ‘Natuur/gedrag’", "OBS De Proefboom: ‘Gedrag’", "IKC De Getijden: ‘Gedrag’"],
    "taal-en-lezen": ["CBS Vesterhavet: ‘Taal/Lees’; ‘Taal/Lezen’; ‘Taal/spellingspecialist’; ‘Taal en NT2’",
                      "IKC De Getijden: ‘Lezen’"],
    "nt2": ["CBS Vesterhavet: ‘NT2-specialist’; ‘Taal en NT2’"],
    "hoogbegaafdheid": ["IKC De Getijden: ‘Hoogbegaafdheid’"],
    "rekenen": ["CBS Vesterhavet: ‘Rekenen’", "OBS De Proefboom: ‘Rekenen’"],
    "intern-begeleider": ["CBS Vesterhavet: ‘IB’", "OBS De Proefboom: ‘IB’", "IKC De Getijden: ‘Intern begeleider’"],
    # 'ASS' is no part of 'Onderwijsassistent': a spelling matches where a word starts.
    "autisme": [],
}
UNSORTED = {
    "Beleid": "OBS De Proefboom", "Concierge-zaken": "CBS Vesterhavet", "Coördinator bb": "CBS Vesterhavet",
    "Cultuur": "CBS Vesterhavet", "Gymleraar": "OBS De Proefboom", "ICT": "CBS Vesterhavet",
    "ICT-er": "CBS Vesterhavet", "Leerkracht gr 6": "CBS Vesterhavet", "Leerkracht groep 1": "CBS Vesterhavet",
    "Leerkracht groep 3": "CBS Vesterhavet", "Leerkracht groep 4a": "CBS Vesterhavet",
    "Leerkracht groep 5": "OBS De Proefboom", "Leerkracht groep 6": "CBS Vesterhavet",
    "Leerkracht groep 8": "CBS Vesterhavet", "Levensbeschouwing": "CBS Vesterhavet", "Motoriek": "OBS De Proefboom",
}


def expertise_column(build: Build, specialism: str) -> dict[str, str]:
    """Per school (its name without the marks of sop/swv/currency.py) its cell in the specialism's
    column of the Expertise grid."""
    table = build.article("expertise").find("div", class_="swv-rooster").table
    column = [cell.get("data-f") for cell in table.thead.find_all("th")].index(specialism)
    return {re.sub(r" \((verlopen|niet af)\)", "", text(row.th)): text(row.find_all(["th", "td"])[column])
            for row in table.tbody.find_all("tr")}


def test_expertise_per_specialism_in_the_schools_words(regio):
    for specialism, expected in EXPERTISE.items():
        having = dict(line.split(": ", 1) for line in expected)
        shown = expertise_column(regio, specialism)
        assert shown == {school: f"uit de woorden: {having[school]}" if school in having else "nee"
                         for school in shown}, specialism
        assert set(having) <= set(shown)
    assert regio.items("expertise", "niet-ingedeeld") == [f"‘{word}’: {MARKED[school]}"
                                                          for word, school in UNSORTED.items()]
    # The functions the SWV ignores are nowhere, nor are any names.
    page = regio.page_text("expertise")
    for ignored in ("Directeur", "Groepsleerkracht", "Onderwijsassistent", "Conciërge", "Tess Toets", "Pim Proef"):
        assert ignored not in page


def test_unsorted_words_list_every_school_that_uses_them(large):
    # Op Afstand is a copy of De Proefboom: one line per word, both schools on it.
    unsorted = large.items("expertise", "niet-ingedeeld")
    assert "‘Beleid’: OBS De Proefboom, OBS Op Afstand" in unsorted
    assert "‘Motoriek’: OBS De Proefboom, OBS Op Afstand" in unsorted
    having = {school: cell for school, cell in expertise_column(large, "rekenen").items() if cell != "nee"}
    assert having == dict.fromkeys(("CBS Vesterhavet", "OBS De Proefboom", "OBS Op Afstand"), "uit de woorden: ‘Rekenen’")


def indicator(build: Build, indicator_id: str) -> tuple[str, list[str]]:
    """(the count in the summary, each school's marking) of one indicator."""
    details = build.article("basisondersteuning").find("details", id=f"indicator-{indicator_id}")
    count = text(details.select_one(".swv-telling"))
    return count, [text(item) for item in details.select("li")]


def test_basic_support_shows_each_school_marking_in_its_own_words(regio):
    assert indicator(regio, "op-valide-toetsen") == (
        "(geborgd bij 0 van 1 school)", ["CBS Vesterhavet: ‘X borging’"])
    assert indicator(regio, "op-informatie-verzamelen") == (
        "(geborgd bij 1 van 1 school)", ["CBS Vesterhavet: ‘geborgd’, geborgd"])
    assert indicator(regio, "gedragsregels") == (
        "(geborgd bij 0 van 1 school)", ["OBS De Proefboom (verlopen): ‘X’ (Deels)"])
    assert indicator(regio, "pestprotocol")[1] == ["OBS De Proefboom (verlopen): ‘ja’ (Ja), geborgd"]
    assert indicator(regio, "veiligheidsbeleid")[1] == ["IKC De Getijden (verlopen): ‘Goed’ (Goed), geborgd"]
    # A domain with its own scale and assessor.
    assert indicator(regio, "zorgstructuur-beschreven")[1] == ["IKC De Getijden (verlopen): ‘ja’ (Ja), geborgd"]
    assert indicator(regio, "prikkelarme-ruimte") == (
        "(alleen beschreven, zonder status)", ["IKC De Getijden (verlopen): alleen beschreven, zonder status"])
    # Every indicator of every school: its marking, then the column's heading where the school gave headings;
    # without headings no column number ('kolom 3 van 4' reads as a ranking the profile does not give).
    for school_dir, name in ((SCHOOLS["bron"], "CBS Vesterhavet"), (SCHOOLS["voorbeeldschool"], "OBS De Proefboom"),
                             (SCHOOLS["de-getijden"], "IKC De Getijden")):
        data = load_profile(school_dir).basisondersteuning
        for domain in data.domeinen:
            scale = data.scale(domain)
            for group in domain.groepen:
                for item in group.indicatoren:
                    shown = indicator(regio, item.id)[1]
                    if scale is None:
                        assert shown == [f"{MARKED[name]}: alleen beschreven, zonder status"]
                        continue
                    heading = f" ({scale.koppen[item.status.kolom - 1]})" if scale.koppen else ""
                    assert shown[0] in (f"{MARKED[name]}: ‘{item.status.markering}’{heading}",
                                        f"{MARKED[name]}: ‘{item.status.markering}’{heading}, geborgd"), shown
                    assert "kolom" not in shown[0]


def test_few_secured_lists_indicators_secured_nowhere_but_not_descriptions(regio):
    listed = [a["href"] for element in section(regio.article("basisondersteuning"), "weinig-geborgd")
              for a in element.select("li a")]
    assert listed == ["#indicator-op-valide-toetsen", "#indicator-op-protocol-dyscalculie",
                      "#indicator-op-cyclische-aanpak", "#indicator-sk-voorschoolse-voorzieningen",
                      "#indicator-gedragsregels"]
    assert "Indicatoren die bij geen enkele school geborgd zijn:" in regio.page_text("basisondersteuning")
    headings = [h["id"] for h in regio.article("basisondersteuning").find_all("h2")]
    # Domains matched by id across schools: De Proefboom and De Getijden share 'veiligheid'.
    assert headings == ["weinig-geborgd", "domein-onderwijsproces", "domein-veiligheid-en-schoolklimaat",
                        "domein-sturen-kwaliteitszorg-en-ambitie", "domein-veiligheid", "domein-audit",
                        "domein-voorzieningen"]
    veiligheid = section(regio.article("basisondersteuning"), "domein-veiligheid")
    assert [element["id"] for element in veiligheid if element.name == "details"] == [
        "indicator-pestprotocol", "indicator-gedragsregels", "indicator-veiligheidsbeleid"]


def test_secured_counts_add_up_over_schools(large):
    assert indicator(large, "gedragsregels") == (
        "(geborgd bij 1 van 2 scholen)", ["OBS De Proefboom: ‘X’ (Deels)", "OBS Op Afstand: ‘ja’ (Ja), geborgd"])
    assert indicator(large, "pestprotocol")[0] == "(geborgd bij 2 van 2 scholen)"
    assert indicator(large, "veiligheidsbeleid")[0] == "(geborgd bij 2 van 2 scholen)"
    listed = [a["href"] for element in section(large.article("basisondersteuning"), "weinig-geborgd")
              for a in element.select("li a")]
    assert "#indicator-gedragsregels" not in listed


NB = "niet bekend"


def test_outflow_totals_are_lower_bounds_unless_every_part_is_exact(regio):
    years = ["2018/2019", "2019/2020", "2020/2021", "2021/2022", "2022/2023", "2023/2024",
             "2030/2031", "2031/2032", "2032/2033"]
    sbo, so = "Speciaal basisonderwijs (SBO)", "Speciaal onderwijs (SO)"
    assert regio.rows("uitstroom", "tabel-uitstroom-sbo-so") == [
        ["Leerlingen naar", *years],
        # Where only zeros are known the total is 'niet bekend', not '≥ 0'.
        [sbo, "≥ 2", "≥ 6", "≥ 3", "≥ 4", NB, "≥ 1", "≥ 1", "≥ 1", "≥ 1"],
        [so, NB, NB, "≥ 7", "≥ 2", "≥ 2", "≥ 11", "≥ 21", "≥ 22", "≥ 23"],
    ]
    assert regio.rows("uitstroom-per-school", "tabel-uitstroom-sbo-so-per-school") == [
        ["Leerlingen naar", *years],
        ["CBS Vesterhavet"],
        [sbo, "2", "0", "3", "4", "0", "0", NB, NB, NB],
        # SO: the four 'cluster' rows of CBS Vesterhavet added up.
        [so, "0", "0", "0", "2", "2", "2", NB, NB, NB],
        ["OBS De Proefboom (verlopen)"],
        # De Proefboom hides counts under 15, De Getijden under 5: shown as the school shows them.
        [sbo, NB, NB, NB, NB, NB, NB, "< 15", "< 15", "< 15"],
        [so, NB, NB, NB, NB, NB, NB, "21", "22", "23"],
        ["IKC De Getijden (verlopen)"],
        [sbo, NB, "6", NB, NB, NB, "< 5", NB, NB, NB],
        [so, NB, "0", "7", NB, NB, "9", NB, NB, NB],
    ]
    # One school with all counts exact: exact totals.
    assert regio.rows("uitstroom", "tabel-arrangementen")[1:] == [
        ["Individueel arrangement", *["0"] * 6], ["Groepsarrangement", *["0"] * 6]]
    assert regio.items("uitstroom", "arrangementen")[-1] == (
        "CBS Vesterhavet: ‘Visuele beperkingen (voorheen cluster 1)’; ‘Taalontwikkelingsstoornissen en/ of "
        "auditieve beperkingen (voorheen cluster 2)’; ‘Lichamelijke beperkingen, zeer moeilijk lerenden, "
        "langdurig zieken of een combinatie daarvan (voorheen cluster 3)’; ‘Psychiatrische problematiek en / of "
        "ernstige gedragsproblematiek (voorheen cluster 4)’; ‘Andersoortige inzet arrangement’")


def check_totals(build: Build, comparison: str) -> None:
    """Every total cell follows from the per-school cells (see total_cell)."""
    totals = build.rows("uitstroom", f"tabel-{comparison}")
    per_school = [row for row in build.rows("uitstroom-per-school", f"tabel-{comparison}-per-school")[1:] if len(row) > 1]
    for row in totals[1:]:
        parts = [school_row for school_row in per_school if school_row[0] == row[0]]
        for column in range(1, len(row)):
            assert row[column] == total_cell([part[column] for part in parts]), (comparison, row[0], totals[0][column])


@pytest.mark.parametrize("overview", ["regio", "large", "exact"])
def test_every_total_follows_from_the_schools_cells(overview, request):
    build = request.getfixturevalue(overview)
    for comparison in ("uitstroom-sbo-so", "arrangementen"):
        check_totals(build, comparison)


@pytest.fixture(scope="module")
def exact(tmp_path_factory, server) -> Build:
    """Two schools served as sop.json with the same school years and no hidden counts,
    but for one '< 5'; rows in no category, and a table no comparison reads."""
    tmp = tmp_path_factory.mktemp("exact")
    base = published(SCHOOLS["voorbeeldschool"])
    first = {**base, "school": {**base["school"], "naam": "BS Eerste"}, "aantallen": tables([
        table("uitstroom", {"SBO": [3, 4], "SO": [1, 0], "Thuiszitters": [2, 2]}),
        table("arrangementen", {"Lln met individueel arrangement": [6, 7], "Groepsarrangementen": [2, 3]}, False),
        table("leesresultaten", {"Boven het landelijk gemiddelde": [12, 14]}, False),
    ])}
    second = {**base, "school": {**base["school"], "naam": "BS Tweede"}, "aantallen": tables([
        table("verwijzingen", {"Speciaal basisonderwijs": [4, 5], "Speciaal onderwijs": [2, 6]}),
        table("arrangementen", {"Lln met individueel arrangement": [10, 3], "Groepsarrangementen": [0, 1]}, False),
    ])}
    # As a school that hides small counts publishes it.
    second["aantallen"]["tabellen"][1]["groepen"][0]["rijen"][0]["aantallen"]["2023/2024"] = "< 5"
    schools = [
        {"id": "eerste", "naam": "Eerste", "sop_json": server.serve("/eerste/open-data/sop.json", as_json(first))},
        {"id": "tweede", "naam": "Tweede", "sop_json": server.serve("/tweede/open-data/sop.json", as_json(second))},
    ]
    return built(write_swv(tmp / "swv", schools), tmp, served={"eerste": first, "tweede": second})


def test_totals_are_exact_when_every_school_gives_exact_counts(exact):
    assert exact.rows("uitstroom", "tabel-uitstroom-sbo-so") == [
        ["Leerlingen naar", "2022/2023", "2023/2024"],
        ["Speciaal basisonderwijs (SBO)", "7", "9"],
        ["Speciaal onderwijs (SO)", "3", "6"],
    ]
    # '< 5' from one school: its own cell stays '< 5', the total is at least 7 + 1.
    assert exact.rows("uitstroom", "tabel-arrangementen")[1:] == [
        ["Individueel arrangement", "16", "≥ 8"], ["Groepsarrangement", "2", "4"]]
    assert exact.rows("uitstroom-per-school", "tabel-arrangementen-per-school")[1:] == [
        ["BS Eerste"], ["Individueel arrangement", "6", "7"], ["Groepsarrangement", "2", "3"],
        ["BS Tweede"], ["Individueel arrangement", "10", "< 5"], ["Groepsarrangement", "0", "1"]]
    assert exact.items("uitstroom", "uitstroom-sbo-so")[-1] == "BS Eerste: ‘Thuiszitters’"
    assert exact.items("uitstroom", "overige-cijfers")[-1] == "Leesresultaten: ‘Boven het landelijk gemiddelde’"
    assert read_like_excel(exact.download("arrangementen.csv"))[1:] == [
        ["", "Individueel arrangement", "16", "≥ 8"], ["", "Groepsarrangement", "2", "4"]]
    assert read_like_excel(exact.download("arrangementen-per-school.csv"))[1:] == [
        ["BS Eerste", "Individueel arrangement", "6", "7"], ["BS Eerste", "Groepsarrangement", "2", "3"],
        ["BS Tweede", "Individueel arrangement", "10", "< 5"], ["BS Tweede", "Groepsarrangement", "0", "1"]]


def test_tables_no_comparison_reads_are_listed_per_school(regio):
    other = regio.article("uitstroom").find(id="overige-cijfers")
    schools = [item for element in section(regio.article("uitstroom"), "overige-cijfers")
               for item in element.find_all("li", recursive=False)]
    assert other is not None and len(schools) == 1
    assert schools[0].a.get_text() == "IKC De Getijden"
    assert [text(item) for item in schools[0].select("ul li")] == [
        "Zittenblijvers en verwijzingen: ‘Zittenblijvers’; ‘Verwezen naar SBO of SO’",
        "Doorstroom naar het voortgezet onderwijs: ‘Vmbo’; ‘Havo en vwo’",
        "Kengetallen: ‘Leerlingen met een eigen leerlijn’; ‘Gemiddelde groepsgrootte’; ‘Verzuim’",
    ]
    assert schools[0].find("a", href="https://de-getijden.example/") is not None


# --- 3. Privacy ----------------------------------------------------------------------


def name_forms(name: str) -> set[str]:
    return {unicodedata.normalize(form, name) for form in ("NFC", "NFD")}


@pytest.mark.parametrize("overview", ["regio", "large"])
def test_withheld_names_are_in_no_file_of_the_overview(overview, request):
    build = request.getfixturevalue(overview)
    for path, content in site_texts(build.site_dir):
        flat = names.name_key(content)
        for name in WITHHELD:
            assert names.name_key(name) not in flat, (name, path)
            for form in name_forms(name):
                assert form not in content, (name, path)


def test_a_school_that_shows_no_names_publishes_none(large):
    profile = next(school["profiel"] for school in large.index()["scholen"] if school["id"] == "zonder-namen")
    people = profile["expertise"]["medewerkers"]
    assert all(person["naam"] is None for person in people)
    assert any(person["functie"] for person in people), "the functions stay"
    roster_names = load_profile(SCHOOLS["de-getijden"]).all_names()
    assert roster_names, "the copied school has names to hide"
    document = json.dumps(profile, ensure_ascii=False)
    for name in roster_names:
        for form in name_forms(name):
            assert form not in document, name


# --- 4. Open data ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def own_documents(school_sites) -> dict[str, dict]:
    """Each fixture school's sop.json as its own built site publishes it."""
    ids = {"cbs-vesterhavet": "bron", "de-proefboom": "voorbeeldschool", "de-getijden": "de-getijden"}
    return {school_id: json.loads((school_sites(name).root / "open-data" / "sop.json").read_text(encoding="utf-8"))
            for school_id, name in ids.items()}


def test_swv_json_holds_every_profile_exactly_as_the_school_publishes_it(large, own_documents):
    index = large.index()
    assert index["schema_version"] == "1.1" and index["profiel_schema_version"] == SCHEMA_VERSION
    assert index["samenwerkingsverband"]["naam"] == "Samenwerkingsverband Kust en Polder PO"
    assert index["gemaakt_op"] == SOON
    schools = {school["id"]: school for school in index["scholen"]}
    assert [school["naam"] for school in index["scholen"]] == list(INCLUDED)
    for school_id, document in own_documents.items():
        assert schools[school_id]["profiel"] == document, school_id
        assert schools[school_id]["bron"] is None and schools[school_id]["melding"] is None
    assert schools["op-afstand"]["profiel"] == large.served["op-afstand"]
    assert schools["op-afstand"]["bron"].endswith("/op-afstand/open-data/sop.json")
    without_names = large.folder.parent / "zonder-namen"
    assert schools["zonder-namen"]["profiel"] == published(without_names)
    reasons = {item["id"]: item for item in index["ontbrekend"]}
    assert set(reasons) == set(BROKEN)
    shown = {item["id"].removeprefix("ontbreekt-"): text(item)
             for item in large.article("ontbrekend").select("li[id^=ontbreekt-]")}
    for school_id, item in reasons.items():
        assert item["naam"] == BROKEN[school_id][0]
        assert shown[school_id] == f"{item['naam']}: {item['reden']}"
    assert reasons["kapotte-map"]["bron"] is None
    assert reasons["niet-gevonden"]["bron"].endswith("/niet-gevonden/open-data/sop.json")


@pytest.mark.parametrize("overview", ["regio", "large", "exact"])
def test_every_profile_validates_against_the_published_schema(overview, request):
    build = request.getfixturevalue(overview)
    published_schema = json.loads(build.download("sop.schema.json"))
    assert published_schema == profile_json_schema()
    Draft202012Validator.check_schema(published_schema)
    validator = Draft202012Validator(published_schema)
    for school in build.index()["scholen"]:
        validator.validate(school["profiel"])


def test_csv_files_open_as_dutch_spreadsheets_with_known_rows(regio):
    files = sorted(path.name for path in (regio.site_dir / "open-data").glob("*.csv"))
    assert files == ["arrangementen-per-school.csv", "arrangementen.csv", "basisondersteuning.csv", "expertise.csv",
                     "scholen.csv", "uitstroom-sbo-so-per-school.csv", "uitstroom-sbo-so.csv"]
    sheets = {name: read_like_excel(regio.download(name)) for name in files}
    # The columns of the page, each school's state, and the contact details tested in test_swv_currency.py.
    assert [row[:8] + row[-2:] for row in sheets["scholen.csv"]] == [
        ["id", "School", "Plaats", "BRIN", "Vastgesteld op", "Vernieuwen vóór", "Staat van het profiel", "Meegeteld",
         "Profiel", "PDF"],
        ["cbs-vesterhavet", "CBS Vesterhavet", "Hoofddorp", "11ZW", "", "", "", "ja",
         "https://cbs-vesterhavet.example/sop/", "https://cbs-vesterhavet.example/sop/" + PDF],
        ["de-proefboom", "OBS De Proefboom", "Testdorp", "00AA", "2030-10-01", "2034-10-01", "verlopen", "ja", "", ""],
        ["de-getijden", "IKC De Getijden", "Voorbeeldstad, Buitendorp", "99ZZ00", "2024-10-01", "2028-10-01",
         "verlopen", "ja", "https://de-getijden.example/", "https://de-getijden.example/" + PDF],
    ]
    # The same schools and words as the Expertise page, one row per word.
    specialism_names = {item["id"]: item["naam"] for item in
                        yaml.safe_load((REGIO / "specialismen.yml").read_text(encoding="utf-8"))["specialismen"]}
    expected = []
    for specialism, lines in EXPERTISE.items():
        for line in lines:
            school, words = line.split(": ", 1)
            state = "" if MARKED[school] == school else "verlopen"
            expected += [[specialism_names[specialism], specialism, school, state, "ja", word.strip("‘’")]
                         for word in words.split("; ")]
    assert sheets["expertise.csv"] == [
        ["Specialisme", "id", "School", "Staat van het profiel", "Meegeteld", "Functie of focusgebied"], *expected]
    support = sheets["basisondersteuning.csv"]
    assert support[0] == ["Domein", "Indicator-id", "Indicator", "School", "Staat van het profiel", "Meegeteld",
                          "Markering", "Kolomkop", "Kolom", "Beoordeeld door", "Geborgd"]
    # The state columns are tested in test_swv_currency.py.
    by_id = {(row[1], row[3]): row[:4] + row[6:] for row in support[1:]}
    assert by_id[("op-valide-toetsen", "CBS Vesterhavet")] == [
        "Onderwijsproces", "op-valide-toetsen", "De school gebruikt voor rekenen en taal valide toetsen en legt dit "
        "vast in het onderwijs-leerlingvolgsysteem.", "CBS Vesterhavet", "X borging", "", "2",
        "de school zelf", "nee"]
    assert by_id[("zorgstructuur-beschreven", "IKC De Getijden")][4:] == [
        "ja", "Ja", "2", "een audit van het samenwerkingsverband", "ja"]
    assert by_id[("prikkelarme-ruimte", "IKC De Getijden")][4:] == ["", "", "", "", "nee"]
    indicators = sum(1 for path in SCHOOLS.values() for domain in load_profile(path).basisondersteuning.domeinen
                     for group in domain.groepen for _ in group.indicatoren)
    assert len(support) == 1 + indicators
    assert sheets["uitstroom-sbo-so.csv"] == [
        ["Tussenkop", "Leerlingen naar", "2018/2019", "2019/2020", "2020/2021", "2021/2022", "2022/2023",
         "2023/2024", "2030/2031", "2031/2032", "2032/2033"],
        ["", "Speciaal basisonderwijs (SBO)", "≥ 2", "≥ 6", "≥ 3", "≥ 4", "", "≥ 1", "≥ 1", "≥ 1", "≥ 1"],
        ["", "Speciaal onderwijs (SO)", "", "", "≥ 7", "≥ 2", "≥ 2", "≥ 11", "≥ 21", "≥ 22", "≥ 23"],
    ]
    # Not reported: an empty cell, as in the schools' own CSV files.
    assert sheets["uitstroom-sbo-so-per-school.csv"][5:7] == [
        ["IKC De Getijden (verlopen)", "Speciaal basisonderwijs (SBO)", "", "6", "", "", "", "< 5", "", "", ""],
        ["IKC De Getijden (verlopen)", "Speciaal onderwijs (SO)", "", "0", "7", "", "", "9", "", "", ""],
    ]


def site_links(build: Build, page: str) -> Iterator[tuple[str, Path, str]]:
    """(href, the file it leads to, its #fragment) for every link to this site on a page."""
    base = (build.site_dir / page / "index.html") if page else build.site_dir / "index.html"
    for link in build.site.page(page).find_all("a", href=True):
        href = link["href"]
        if urlparse(href).scheme or href.startswith("//") or href.startswith("mailto:"):
            continue
        path, fragment = urldefrag(href)
        target = (base.parent / path).resolve() if path else base
        if target.is_dir():
            target = target / "index.html"
        yield href, target, fragment


@pytest.mark.parametrize("overview", ["regio", "large"])
def test_every_link_on_every_page_leads_somewhere(overview, request):
    build = request.getfixturevalue(overview)
    for page in PAGES:
        for href, target, fragment in site_links(build, page):
            assert target.is_file(), (page, href)
            if fragment and target.suffix == ".html":
                found = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").find(id=fragment)
                assert found is not None, (page, href)


def test_open_data_page_links_every_download(large):
    links = [link["href"] for link in large.article("open-data").select(".sop-downloads a")]
    files = sorted(path.name for path in (large.site_dir / "open-data").iterdir() if path.name != "index.html")
    assert sorted(href.removeprefix("../open-data/") for href in links) == files
    for href, target, _ in site_links(large, "open-data"):
        if href in links:
            assert target.is_file() and target.stat().st_size > 0, href


# --- 5. Mistakes in the SWV's own files -----------------------------------------------


@dataclass(frozen=True)
class Mistake:
    file: str
    old: str  # replaced in the file of tests/swv/regio ('' appends)
    new: str
    at: str  # the error is where this text last occurs
    says: str  # part of the message: it names the field

    def make(self, folder: Path) -> None:
        path = folder / self.file
        content = path.read_text(encoding="utf-8") if path.exists() else ""
        assert not self.old or content.count(self.old) == 1, self.old
        path.write_text(content.replace(self.old, self.new) if self.old else content + self.new, encoding="utf-8")

    def location(self, folder: Path) -> str:
        content = (folder / self.file).read_text(encoding="utf-8")
        start = content.rindex(self.at)
        line = content.count("\n", 0, start) + 1
        return f"{folder.as_posix()}/{self.file}:{line}:{start - content.rfind(chr(10), 0, start)}"


MISTAKES = {
    "typo": Mistake("samenwerkingsverband.yml", "weinig_scholen:", "weinig_schoolen:", "weinig_schoolen",
                    "onbekend veld 'weinig_schoolen' (bedoelt u 'weinig_scholen'?)"),
    "wrong-type": Mistake("samenwerkingsverband.yml", "weinig_scholen: 0", "weinig_scholen: veel",
                          "weinig_scholen", "'weinig_scholen' moet een heel getal"),
    "not-an-address": Mistake("samenwerkingsverband.yml", "website: https://swv-kust-en-polder.example",
                              "website: swv-kust-en-polder", "website:", "'website': 'swv-kust-en-polder' is geen"),
    "missing-field": Mistake("samenwerkingsverband.yml", "website: https://swv-kust-en-polder.example\n", "",
                             "naam:", "ontbreekt het veld 'website'"),
    "duplicate-key": Mistake("samenwerkingsverband.yml", "", "naam: Nog een naam\n", "naam: Nog een naam",
                             "het veld 'naam' staat twee keer in hetzelfde blok"),
    "duplicate-id": Mistake("scholen.yml", "id: de-getijden", "id: de-proefboom # tweede", "id: de-proefboom # tw",
                            "id 'de-proefboom' komt twee keer voor"),
    "map-and-address": Mistake("scholen.yml", "    site: https://de-getijden.example/",
                               "    sop_json: https://de-getijden.example/open-data/sop.json", "id: de-getijden",
                               "geef óf 'map' (een map met gegevens op deze computer) óf 'sop_json'"),
    "neither-map-nor-address": Mistake("scholen.yml", "    map: ../../voorbeeldschool/data\n", "",
                                       "id: de-proefboom", "precies één van de twee"),
    "school-without-id": Mistake("scholen.yml", "  - id: de-proefboom\n    naam:", "  - naam:",
                                 "naam: OBS De Proefboom", "ontbreekt het veld 'id'"),
    "tab": Mistake("specialismen.yml", "  - id: gedrag", "\t- id: gedrag", "\t- id: gedrag",
                   "inspringen met een tab is niet toegestaan"),
    "spelling-twice": Mistake("specialismen.yml", "schrijfwijzen: [NT2]", "schrijfwijzen: [NT2, Gedrag]", "Gedrag]",
                              "de schrijfwijze 'Gedrag' staat ook bij specialisme 'gedrag'"),
    "bad-id": Mistake("specialismen.yml", "id: nt2", "id: NT 2", "id: NT 2", "'NT 2' is geen geldige id"),
    "not-a-list": Mistake("vergelijkingen.yml", "tabellen: [arrangementen]", "tabellen: arrangementen",
                          "tabellen: arrangementen", "'tabellen' moet een lijst zijn"),
    "category-twice": Mistake("vergelijkingen.yml", "schrijfwijzen: [Groepsarrangementen]",
                              "schrijfwijzen: [Groepsarrangementen, Lln met individueel arrangement]",
                              "Lln met individueel arrangement]",
                              "de schrijfwijze 'Lln met individueel arrangement' staat al bij een categorie"),
    "unknown-file": Mistake("notities.yml", "", "naam: iets\n", "naam", "onbekend bestand"),
    # Ids the overview uses itself: a CSV or an anchor would be overwritten.
    "comparison-named-like-a-download": Mistake("vergelijkingen.yml", "id: arrangementen", "id: scholen",
                                                "id: scholen", "de id 'scholen' gebruikt het overzicht zelf al"),
    "comparison-named-like-a-per-school-table": Mistake(
        "vergelijkingen.yml", "id: arrangementen", "id: uitstroom-sbo-so-per-school", "id: uitstroom-sbo-so-per",
        "de id 'uitstroom-sbo-so-per-school' gebruikt het overzicht zelf al"),
    "specialism-named-like-an-anchor": Mistake("specialismen.yml", "id: autisme", "id: niet-ingedeeld",
                                               "id: niet-ingedeeld", "de id 'niet-ingedeeld' gebruikt het overzicht"),
}


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A complete overview, and what is in it, that broken builds must leave alone."""
    tmp = tmp_path_factory.mktemp("goed")
    build = built(write_swv(tmp / "swv", regio_schools()), tmp)
    return build.site_dir, snapshot(build.site_dir)


@pytest.mark.parametrize("mistake", MISTAKES.values(), ids=MISTAKES.keys())
def test_a_mistake_in_the_swv_files_is_a_located_dutch_error(mistake, good_site, tmp_path):
    site_dir, before = good_site
    # A copy as it is: its relative folders lead nowhere, but the files are read first.
    folder = Path(shutil.copytree(REGIO, tmp_path / "swv-kapot"))
    mistake.make(folder)
    neighbours = sorted(path.name for path in site_dir.parent.iterdir())
    result = run_swv(folder, site_dir, tmp_path / "cache")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{mistake.location(folder)}: ") and mistake.says in line for line in lines), \
        result.stderr
    assert lines[0].startswith(f"De bestanden in {folder.as_posix()}/ bevatten "), lines[0]
    assert lines[0].endswith("het overzicht is niet gebouwd.")
    # The previous overview stays, complete, and no half-built folder is left beside it.
    assert snapshot(site_dir) == before
    assert sorted(path.name for path in site_dir.parent.iterdir()) == neighbours


# --- 6. Hostile values -------------------------------------------------------------------


def hostile(number: int) -> str:
    """Markup, template code, an attribute and an entity, with a marker to find it by."""
    return f'HX{number:02d} <script>alert(1)</script> {{{{ 7*7 }}}} " onmouseover="x &amp;'


# Where each hostile value must show, as typed.
HOSTILE_PAGES = {
    "": [22],
    "scholen": [1, 2, 3],
    "expertise": [1, 5, 6, 20],
    "basisondersteuning": [1, 7, 8, 9, 10, 23],
    "uitstroom": [1, 11, 12, 13, 21, 24, 25],
    "ontbrekend": [26],  # not 27: the reason names no folder
    "open-data": [24],
}


def _hostile_school(data: Path) -> None:
    """Hostile values in every text of De Getijden's data that the overview shows."""
    def school(doc):
        doc.update(naam=hostile(1), plaats=hostile(2))
        doc["vestigingen"][1]["plaats"] = hostile(3)
        doc["vestigingen"][0]["naam"] = hostile(4)

    def expertise(doc):
        person = doc["medewerkers"][1]
        person["functie"].append(hostile(5))  # in no specialism: 'Nog niet ingedeeld'
        person["focusgebied"].append(hostile(6))  # the SWV's hostile spelling

    def support(doc):
        domain = doc["domeinen"][0]
        domain["titel"] = hostile(7)
        item = domain["groepen"][0]["indicatoren"][0]
        item["indicator"] = hostile(8)
        item["status"]["markering"] = hostile(9)
        doc["domeinen"][1]["statusschaal"]["koppen"][1] = hostile(10)

    def counts(doc):
        outflow, key_figures = doc["tabellen"][0], doc["tabellen"][3]
        key_figures["titel"] = hostile(11)
        key_figures["groepen"][0]["rijen"][0]["categorie"] = hostile(12)
        outflow["groepen"][0]["rijen"][0]["categorie"] = hostile(13)  # in no category
        outflow["groepen"][0]["rijen"][1]["categorie"] = hostile(14)  # the SWV's hostile spelling

    for name, change in (("school", school), ("expertise", expertise), ("basisondersteuning", support),
                         ("aantallen", counts)):
        edit_yaml(data / f"{name}.yml", change)


def _hostile_swv(folder: Path) -> None:
    def swv(doc):
        doc["naam"] = hostile(22)
        doc["basisondersteuning"]["geborgd"].append(hostile(23))

    def specialisms(doc):
        doc["specialismen"].append({"id": "vijandig", "naam": hostile(20), "schrijfwijzen": [hostile(6)]})

    def comparisons(doc):
        comparison = doc["vergelijkingen"][0]
        comparison.update(titel=hostile(24), rijkop=hostile(25))
        comparison["categorieen"][1]["naam"] = hostile(21)
        comparison["categorieen"][1]["schrijfwijzen"].append(hostile(14))

    for name, change in (("samenwerkingsverband", swv), ("specialismen", specialisms),
                         ("vergelijkingen", comparisons)):
        edit_yaml(folder / f"{name}.yml", change)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Build:
    tmp = tmp_path_factory.mktemp("vijandig")
    data = tmp / "vijandig"
    shutil.copytree(SCHOOLS["de-getijden"], data)
    _hostile_school(data)
    schools = [
        regio_schools()[0],
        {"id": "vijandig", "naam": "Vijandig", "map": str(data)},
        {"id": "weg", "naam": hostile(26), "map": f"{tmp}/{hostile(27)}"},
    ]
    folder = count_every_profile(write_swv(tmp / "swv", schools))
    _hostile_swv(folder)
    return built(folder, tmp)


def test_hostile_values_show_as_typed_on_every_page(hostile_build):
    for page, numbers in HOSTILE_PAGES.items():
        shown = text(hostile_build.article(page))
        for number in numbers:
            # As typed: no markup made of it, '{{ 7*7 }}' not run (no 49), '&amp;' not decoded.
            assert hostile(number) in shown, (page, number)
    # Counted through the hostile spelling: De Getijden's SO row (0, 7, 9 in 2019, 2020, 2023)
    # plus CBS Vesterhavet's (0, 0, 2), exact in the years both report.
    totals = hostile_build.rows("uitstroom", "tabel-uitstroom-sbo-so")
    assert totals[0][0] == hostile(25)
    assert [row for row in totals if row[0] == hostile(21)] == [
        [hostile(21), "niet bekend", "0", "7", "≥ 2", "≥ 2", "11"]]
    having = {school: cell for school, cell in expertise_column(hostile_build, "vijandig").items() if cell != "nee"}
    assert having == {hostile(1): f"uit de woorden: ‘{hostile(6)}’"}


def test_hostile_values_make_no_script_or_attribute(hostile_build, regio):
    for path in hostile_build.site_dir.rglob("*.html"):
        assert "<script>alert" not in path.read_text(encoding="utf-8"), path
    for page in PAGES:
        soup = hostile_build.site.page(page)
        # The same scripts as an overview without hostile values: the theme's, the JSON-LD.
        scripts = [(tag.get("src"), tag.get("type"), tag.get("id")) for tag in soup.find_all("script")]
        assert scripts == [(tag.get("src"), tag.get("type"), tag.get("id"))
                           for tag in regio.site.page(page).find_all("script")], page
        assert not soup.find_all(attrs={"onmouseover": True}), page
        assert not [tag for tag in soup.find_all("script") if "alert(1)" in (tag.string or "")
                    and tag.get("type") != "application/ld+json"], page
        # The SWV's name: in the title and, parsed, in the JSON-LD.
        assert hostile(22) in soup.title.get_text(), page
        jsonld = json.loads(soup.find("script", type="application/ld+json").string)
        assert jsonld["name"] == hostile(22)


def test_hostile_values_are_data_in_the_downloads(hostile_build):
    index = hostile_build.index()
    assert index["samenwerkingsverband"]["naam"] == hostile(22)
    school = next(item for item in index["scholen"] if item["id"] == "vijandig")["profiel"]["school"]
    assert school["naam"] == hostile(1) and school["vestigingen"][0]["naam"] == hostile(4)
    assert ([hostile(20), "vijandig", hostile(1), "verlopen", "ja", hostile(6)]
            in read_like_excel(hostile_build.download("expertise.csv")))
    rows = read_like_excel(hostile_build.download("basisondersteuning.csv"))
    assert [hostile(7), "veiligheidsbeleid", hostile(8), hostile(1), hostile(9)] in [row[:4] + row[6:7] for row in rows]
