"""One hostile school never stops the samenwerkingsverband's overview (issue 23).

A school's published sop.json comes from a site the SWV does not control. Here
the schools' sites are HTTP servers on 127.0.0.1 started in the test (never the
internet) serving every hostile shape, generated: a valid profile with one value
replaced by something no profile holds, at every place in the profile; answers
that are no profile at all; redirects to another server. Such a school can only
make itself missing, with a reason that quotes nothing its site sent; the other
schools stay in. Local data folders with errors are listed without their
messages (they quote the data) and without the folders of the build machine.
"""

from __future__ import annotations

import datetime
import json
import random
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from bs4 import BeautifulSoup
from conftest import SCHOOLS, SOURCE_DATA
from test_data_errors import CORPUS, break_data
from test_swv import (
    WITHHELD, Build, SchoolServer, as_json, built, published, regio_schools, site_texts, text, unreachable_address,
    write_swv,
)

from sop.data import fetch
from sop.swv import render
from sop.swv.opendata import INDEX, downloads
from sop.swv.gather import gather
from sop.swv.overview import from_index

# Stands for anything a school's site or data holds that the overview must never quote:
# a secret on an internal server, a token in an error page, a withheld name.
TOKEN = "GEHEIM-7f3a9c"
DAY = datetime.date(2034, 8, 1)
REGIO_IDS = ("cbs-vesterhavet", "de-proefboom", "de-getijden")

TOO_DEEP = "het bestand heeft meer dan 32 lagen in elkaar; zo is een profiel nooit"
TOO_BIG_NUMBER = "het bestand bevat een onwaarschijnlijk groot getal"
NOT_UNICODE = "het bestand bevat tekst die geen geldige Unicode is"
NOT_JSON = "het bestand is geen geldige JSON"
REDIRECT_REFUSED = ("de website verwijst door naar een ander adres; het overzicht volgt alleen doorverwijzingen "
                    "binnen dezelfde website. Open het adres in een browser en zet het adres waar u uitkomt bij "
                    "'sop_json' in scholen.yml")


# --- Hostile profiles: one value of a valid profile replaced ------------------------


def valid_document() -> dict:
    """De Proefboom's sop.json as its own site publishes it."""
    return json.loads(as_json(published(SCHOOLS["voorbeeldschool"])))


def places(value, path: tuple = ()) -> Iterator[tuple]:
    """The path of every value in a JSON document that holds no other value."""
    if isinstance(value, dict) and value:
        for key, item in value.items():
            yield from places(item, (*path, key))
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            yield from places(item, (*path, index))
    else:
        yield path


def spliced(document: dict, path: tuple, raw_json: str) -> bytes:
    """The document as JSON text with `raw_json` at `path`: JSON that Python could not
    write itself (100,000 levels deep, NaN, lone surrogates, 4,300 digits)."""
    marker = "\x00HIER\x00"
    copy = json.loads(json.dumps(document))
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = marker
    return json.dumps(copy, ensure_ascii=False).replace(json.dumps(marker), raw_json).encode("utf-8")


def renamed(document: dict, path: tuple) -> bytes:
    """The document with the field at `path` under another name: one the site chose."""
    copy = json.loads(json.dumps(document))
    parent = _at(copy, path[:-1])
    parent[TOKEN] = parent.pop(path[-1])
    return json.dumps(copy, ensure_ascii=False).encode("utf-8")


def _at(document, path: tuple):
    for step in path:
        document = document[step]
    return document


@dataclass(frozen=True)
class Value:
    raw_json: str | None  # None: the field is renamed instead
    # The reason every school with this value gets; None: it may be a valid profile, but
    # if it is refused, the reason quotes nothing of it.
    reason: str | None
    everywhere: bool  # at every place in the profile; else at a sample, every count and every date


VALUES = {
    "tekst": Value(json.dumps(TOKEN), None, True),
    "veldnaam": Value(None, None, True),
    "object": Value(json.dumps({TOKEN: TOKEN}), None, True),
    "ongeldige-unicode": Value(json.dumps("\ud800" + TOKEN), NOT_UNICODE, True),
    "100000-diep": Value("[" * 100_000 + "]" * 100_000, TOO_DEEP, False),
    "net-te-diep": Value("[" * 32 + "]" * 32, TOO_DEEP, False),  # each place is at least a level down
    "4300-cijfers": Value("9" * 4300, TOO_BIG_NUMBER, False),
    "oneindig": Value("1e999", TOO_BIG_NUMBER, False),
    "nan": Value("NaN", "het bestand is geen geldige JSON (NaN of Infinity is geen getal in JSON)", False),
    "negatief": Value("-1", None, False),
    "datum-ver-weg": Value('"9998-01-01"', None, False),
    "datum-jaar-1": Value('"0001-01-01"', None, False),
}


@dataclass(frozen=True)
class Variant:
    id: str
    content: bytes
    reason: str | None  # as Value.reason


def variant(kind: str, document: dict, path: tuple) -> bytes:
    value = VALUES[kind]
    return renamed(document, path) if value.raw_json is None else spliced(document, path, value.raw_json)


def value_variants(sample: int = 12, seed: int = 23) -> list[Variant]:
    """A hostile school for every value at every place (or a sample of places, and every
    count and date); twice at a count, so two schools' counts are added up."""
    document = valid_document()
    every = list(places(document))
    counts = [path for path in every if path[:1] == ("aantallen",) and isinstance(_at(document, path), int)]
    dates = [path for path in every if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(_at(document, path)))]
    assert counts and dates
    some = list(dict.fromkeys([*random.Random(seed).sample(every, sample), *counts, *dates]))
    variants = []
    for kind, value in VALUES.items():
        chosen = every if value.everywhere else some
        if value.raw_json is None:
            chosen = [path for path in chosen if path and isinstance(path[-1], str)]
        for number, path in enumerate(chosen):
            content = variant(kind, document, path)
            variants += [Variant(f"{kind}-{number}-{copy}", content, value.reason)
                         for copy in range(2 if path in counts else 1)]
    return variants


# --- Hostile sites: answers that are no profile, redirects ----------------------------


Answer = Callable[[BaseHTTPRequestHandler], None]


def status(code: int, body: bytes = b"", headers: tuple = (), phrase: str | None = None) -> Answer:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(code, phrase)
        for name, value in headers:
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return answer


def raw(data: bytes) -> Answer:
    """Bytes that are no HTTP answer."""
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(data)
        handler.close_connection = True
    return answer


def endless(size: int) -> Answer:
    """`size` bytes without saying how many."""
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.end_headers()
        block = b" " * 65536
        for _ in range(size // len(block) + 1):
            handler.wfile.write(block)
        handler.close_connection = True
    return answer


def dripping(seconds: float) -> Answer:
    """A byte at a time, for `seconds`: each read is quick, the whole takes long."""
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.end_headers()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.02)
        handler.close_connection = True
    return answer


class HostileSite:
    """A web server on 127.0.0.1 that answers each path as `routes` says; others 404."""

    def __init__(self):
        routes: dict[str, Answer] = {}
        self.routes = routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                answer = routes.get(self.path)
                if answer is None:
                    self.send_error(404)
                    return
                try:
                    answer(self)
                except OSError:  # the overview hung up, as it should on some answers
                    self.close_connection = True

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.httpd.server_port

    def route(self, path: str, answer: Answer) -> str:
        self.routes[path] = answer
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def internal() -> Iterator[SchoolServer]:
    """A server the schools' sites must not lead the overview to: on another port, it
    serves a valid profile with the secret at every path."""
    document = valid_document()
    document["school"]["naam"] = f"OBS {TOKEN}"
    running = SchoolServer()
    running.serve("/open-data/sop.json", as_json(document))
    running.serve("/", as_json(document))
    yield running
    running.close()


def redirect_targets(own: int, other: int) -> dict[str, str]:
    """Where a school's site may try to send the overview: anything but its own site."""
    return {
        "andere-poort": f"http://127.0.0.1:{other}/open-data/sop.json",
        "localhost": f"http://localhost:{other}/open-data/sop.json",
        "zonder-schema": f"//127.0.0.1:{other}/open-data/sop.json",
        "gebruikersnaam": f"http://127.0.0.1:{own}@127.0.0.1:{other}/open-data/sop.json",
        "ipv6": f"http://[::1]:{other}/open-data/sop.json",
        "bestand": "file:///etc/passwd",
        "ftp": f"ftp://127.0.0.1:{other}/sop.json",
        "geen-poortnummer": f"http://127.0.0.1:{TOKEN}/open-data/sop.json",
        "leeg": "",
    }


def site_answers(site: HostileSite, other: int) -> dict[str, tuple[str, str]]:
    """school id -> (its address on `site`, the reason it is missing)."""
    valid = as_json(valid_document())
    page = f"<html><body>{TOKEN}</body></html>".encode()
    answers: dict[str, tuple[Answer, str]] = {
        f"doorverwijzing-{code}-{name}": (status(code, page, (("Location", target),)), REDIRECT_REFUSED)
        for code in (301, 302, 303, 307, 308)
        for name, target in redirect_targets(site.port, other).items()
    }
    answers |= {
        f"fout-{code}": (status(code, page, phrase=TOKEN), f"de website gaf foutcode {code}")
        for code in (400, 403, 410, 500, 503)
    }
    answers |= {
        "rondje": (status(302, page, (("Location", "/rondje/open-data/sop.json"),)),
                   "de website verwijst steeds door (meer dan 5 keer)"),
        "geen-http": (raw(f"{TOKEN} dit is geen webantwoord\r\n\r\n".encode()),
                      "de website gaf een antwoord dat geen geldig webantwoord is"),
        "html": (status(200, page, (("Content-Type", "text/html"),)), NOT_JSON),
        "leeg": (status(200), NOT_JSON),
        "te-groot-gemeld": (status(200, valid, (("Content-Length", str(10**12)),)),
                            "het bestand is groter dan 5 MB; zo groot is een profiel nooit"),
        "te-groot": (endless(6 * 1024 * 1024), "het bestand is groter dan 5 MB; zo groot is een profiel nooit"),
        "utf-16": (status(200, json.dumps(valid_document()).encode("utf-16")), NOT_JSON),
    }
    return {school_id: (site.route(f"/{school_id}/open-data/sop.json", answer), reason)
            for school_id, (answer, reason) in answers.items()}


# --- Every hostile value, gathered as make swv gathers ----------------------------------


@dataclass
class Gathered:
    overview: object
    addresses: dict[str, str]
    reasons: dict[str, str | None]  # school id -> the expected reason (None: see Value.reason)


def _made_as_make_swv_makes_it(gathered: Gathered) -> dict[str, str]:
    """Every download, and every page from the swv.json the build passes to MkDocs."""
    files = downloads(gathered.overview, DAY)
    again = from_index(gathered.overview.config, json.loads(files[INDEX]))
    pages = {name: page() for name, page in render.pages(again, DAY).items()}
    for content in pages.values():
        content.encode("utf-8")
    return pages


@pytest.fixture(scope="module")
def values_gathered(tmp_path_factory) -> Iterator[Gathered]:
    tmp = tmp_path_factory.mktemp("waarden")
    server = SchoolServer()
    variants = value_variants()
    addresses = {variant.id: server.serve(f"/{variant.id}/open-data/sop.json", variant.content)
                 for variant in variants}
    schools = [*regio_schools(), *({"id": school_id, "naam": school_id, "sop_json": address}
                                   for school_id, address in addresses.items())]
    try:
        overview = gather(write_swv(tmp / "swv", schools), tmp / "cache", DAY)
    finally:
        server.close()
    yield Gathered(overview, addresses, {variant.id: variant.reason for variant in variants})


def test_no_hostile_value_anywhere_in_a_profile_stops_the_overview(values_gathered):
    overview = values_gathered.overview
    pages = _made_as_make_swv_makes_it(values_gathered)
    included = [school.entry.id for school in overview.schools]
    assert set(REGIO_IDS) <= set(included)
    assert {*included, *(item.entry.id for item in overview.missing)} == {*REGIO_IDS, *values_gathered.reasons}
    # The overview counts every school it could not use, and says why.
    assert f"{len(included)} van de {len(REGIO_IDS) + len(values_gathered.reasons)} scholen" in pages["samenvatting"]


def test_a_profile_no_school_could_publish_is_refused_with_its_own_reason(values_gathered):
    missing = {item.entry.id: item.reason for item in values_gathered.overview.missing}
    for school_id, reason in values_gathered.reasons.items():
        address = values_gathered.addresses[school_id]
        if reason is not None:
            assert missing.get(school_id) == f"geen bruikbaar profiel op {address}: {reason}", school_id
        if school_id in missing:
            # Served without a fault: never 'not reachable'; and nothing of the file quoted.
            assert "niet bereikbaar" not in missing[school_id], (school_id, missing[school_id])
            assert TOKEN not in missing[school_id], (school_id, missing[school_id])


@pytest.fixture(scope="module")
def sites_gathered(tmp_path_factory, internal) -> Iterator[Gathered]:
    tmp = tmp_path_factory.mktemp("sites")
    site = HostileSite()
    answers = site_answers(site, internal.httpd.server_port)
    schools = [*regio_schools(), *({"id": school_id, "naam": school_id, "sop_json": address}
                                   for school_id, (address, _) in answers.items())]
    # A school that moved within its own site: followed.
    site.route("/verhuisd/open-data/sop.json", status(200, as_json(valid_document())))
    moved = site.route("/verhuisd/oud.json", status(301, headers=(("Location", "/verhuisd/open-data/sop.json"),)))
    schools.append({"id": "verhuisd", "naam": "Verhuisd", "sop_json": moved})
    try:
        overview = gather(write_swv(tmp / "swv", schools), tmp / "cache", DAY)
    finally:
        site.close()
    yield Gathered(overview, {school_id: address for school_id, (address, _) in answers.items()},
                   {school_id: reason for school_id, (_, reason) in answers.items()})


def test_a_site_that_answers_with_no_profile_only_makes_its_school_missing(sites_gathered):
    _made_as_make_swv_makes_it(sites_gathered)
    assert [school.entry.id for school in sites_gathered.overview.schools] == [*REGIO_IDS, "verhuisd"]
    missing = {item.entry.id: item.reason for item in sites_gathered.overview.missing}
    for school_id, reason in sites_gathered.reasons.items():
        assert missing[school_id] == f"geen bruikbaar profiel op {sites_gathered.addresses[school_id]}: {reason}"


def test_a_site_that_sends_a_byte_at_a_time_is_given_up_on(monkeypatch):
    # A read never waits long, so only a limit on the whole download ends it.
    monkeypatch.setattr(fetch, "DOWNLOAD_SECONDS", 0.5)
    site = HostileSite()
    try:
        address = site.route("/open-data/sop.json", dripping(5))
        with pytest.raises(fetch.Refused, match="^de website stuurde het bestand niet binnen 0.5 seconden$"):
            fetch.download(address)
    finally:
        site.close()


# --- A local data folder with errors: listed without its messages -----------------------


def test_a_local_folder_with_errors_is_listed_by_file_and_line_only(tmp_path):
    # Every known mistake (tests/fouten/corpus.yml); their messages quote the data, such as
    # a withheld name, and name the folder.
    cases = {f"fout-{number}": case for number, case in enumerate(CORPUS)}
    schools = []
    for school_id, case in cases.items():
        folder = tmp_path / "scholen" / school_id
        folder.parent.mkdir(exist_ok=True)
        shutil.copytree(SOURCE_DATA, folder)
        break_data(case, folder)
        schools.append({"id": school_id, "naam": school_id, "map": str(folder)})
    overview = gather(write_swv(tmp_path / "swv", schools), tmp_path / "cache", DAY)
    missing = {item.entry.id: item.reason for item in overview.missing}
    assert set(missing) == set(cases)
    for school_id, case in cases.items():
        located = sorted((path, int(line)) for path, line, _ in (message.split(":", 2) for message in case["meldingen"]))
        lines = list(dict.fromkeys(f"{path.removeprefix('data/')}, regel {line}" for path, line in located))
        more = f"; en nog {len(lines) - 3}" if len(lines) > 3 else ""
        count = "1 fout" if len(located) == 1 else f"{len(located)} fouten"
        shown = "; ".join(lines[:3])
        assert missing[school_id] == (f"de gegevens in de map van de school bevatten {count} ({shown}{more}); "
                                      "de school ziet de meldingen met make check"), case["naam"]
        assert str(tmp_path) not in missing[school_id]
        assert not any(name in missing[school_id] for name in WITHHELD)


# --- make swv with hostile schools, as SWV staff run it ---------------------------------


# A place of every sort in the profile: a text with a fixed shape, a count that is added up, a date.
PLACES = (("school", "brinnummer"), ("aantallen", "tabellen", 0, "groepen", 0, "rijen", 1, "aantallen", "2030/2031"),
          ("status", "vastgesteld_op"))


def reworded(document: dict) -> dict:
    """The profile of another school that gives each indicator its own words under the same id,
    and marks it otherwise."""
    copy = json.loads(json.dumps(document))
    copy["school"]["naam"] = "OBS Eigen Woorden"
    for domain in copy["basisondersteuning"]["domeinen"]:
        for group in domain["groepen"]:
            for item in group["indicatoren"]:
                item["indicator"] = f"Eigen woorden: {item['indicator']}"
                if item.get("status"):
                    item["status"]["markering"] = "eigen markering"
    return copy


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory, internal) -> Iterator[tuple[Build, dict[str, str]]]:
    """The fixture schools; a school for every hostile value at every sort of place and
    for every hostile answer, all missing; a school that moved within its site; and a
    school that words the indicators its own way."""
    tmp = tmp_path_factory.mktemp("vijandige-scholen")
    site = HostileSite()
    document = valid_document()
    reasons = {school_id: reason for school_id, (_, reason) in site_answers(site, internal.httpd.server_port).items()}
    schools = [*regio_schools()]
    schools += [{"id": school_id, "naam": school_id, "sop_json": address}
                for school_id, (address, _) in site_answers(site, internal.httpd.server_port).items()]
    for kind in VALUES:
        for number, path in enumerate(PLACES):
            school_id = f"{kind}-{number}"
            address = site.route(f"/{school_id}/open-data/sop.json", status(200, variant(kind, document, path)))
            schools.append({"id": school_id, "naam": school_id, "sop_json": address})
            reasons[school_id] = VALUES[kind].reason
    site.route("/open-data/sop.json", status(200, as_json(document)))
    moved = site.route("/verhuisd/sop.json", status(308, headers=(("Location", "/open-data/sop.json"),)))
    own_words = site.route("/eigen-woorden/open-data/sop.json", status(200, as_json(reworded(document))))
    schools += [{"id": "verhuisd", "naam": "Verhuisd", "sop_json": moved},
                {"id": "eigen-woorden", "naam": "Eigen woorden", "sop_json": own_words}]
    try:
        yield built(write_swv(tmp / "swv", schools), tmp), reasons
    finally:
        site.close()


def test_hostile_schools_leave_the_overview_to_the_others(hostile_build):
    build, reasons = hostile_build
    assert "Traceback" not in build.result.stderr
    names = [row[0] for row in build.rows("scholen", "tabel-scholen")[1:]]
    # De Getijden's profile has expired on the build's day: marked.
    assert sorted(names) == sorted(["CBS Vesterhavet", "OBS De Proefboom", "IKC De Getijden (verlopen)",
                                    "OBS De Proefboom", "OBS Eigen Woorden"])
    listed = {item["id"].removeprefix("ontbreekt-"): text(item)
              for item in build.article("ontbrekend").select("li[id^=ontbreekt-]")}
    assert set(listed) == set(reasons)
    for school_id, reason in reasons.items():
        if reason is not None:
            assert listed[school_id].endswith(f": {reason}"), listed[school_id]


def test_nothing_a_refused_site_sent_is_published(hostile_build, internal):
    build, _ = hostile_build
    # Not the secret of the internal server a site led to, nor of an error page, a status
    # line or a file that was no profile; nor where a redirect led.
    for path, content in site_texts(build.site_dir):
        assert TOKEN not in content, path
        assert f":{internal.httpd.server_port}" not in content, path
    assert TOKEN not in build.result.stderr


def test_each_school_keeps_its_own_words_for_an_indicator(hostile_build):
    build, _ = hostile_build
    page = build.article("basisondersteuning")
    shown: dict[str, list[str]] = {}
    for details in page.select("details.swv-indicator"):
        summary = details.summary
        summary.select_one(".swv-telling").extract()
        shown.setdefault(text(summary), []).extend(text(item) for item in details.select("li"))
    ids = [element["id"] for element in BeautifulSoup(str(page), "html.parser").find_all(id=True)]
    assert len(ids) == len(set(ids)), "every anchor once"
    for domain in valid_document()["basisondersteuning"]["domeinen"]:
        for group in domain["groepen"]:
            for item in group["indicatoren"]:
                own = shown[f"Eigen woorden: {item['indicator']}"]
                assert [line.split(":")[0] for line in own] == ["OBS Eigen Woorden"], own
                assert not any(line.startswith("OBS Eigen Woorden") for line in shown[item["indicator"]])
                if item.get("status"):
                    assert "eigen markering" in own[0]


# --- The cache: only a copy that went through everything --------------------------------


def test_a_hostile_new_file_never_replaces_the_last_good_copy(tmp_path, internal):
    site = HostileSite()
    document = valid_document()
    firsts, schools = {}, []
    hostile = {
        **{f"{kind}-{number}": status(200, variant(kind, document, path))
           for kind in ("ongeldige-unicode", "100000-diep", "4300-cijfers", "nan")
           for number, path in enumerate([("inleiding", "tekst"), PLACES[1]])},
        "geen-http": raw(f"{TOKEN}\r\n\r\n".encode()),
        "naar-binnen": status(302, headers=(("Location", f"http://127.0.0.1:{internal.httpd.server_port}/"),)),
        "te-groot": endless(6 * 1024 * 1024),
    }
    try:
        for number, school_id in enumerate(hostile):
            firsts[school_id] = {**document, "school": {**document["school"], "naam": f"OBS Bewaard {number}"}}
            address = site.route(f"/{school_id}/open-data/sop.json", status(200, as_json(firsts[school_id])))
            schools.append({"id": school_id, "naam": school_id, "sop_json": address})
        folder = write_swv(tmp_path / "swv", schools)
        built(folder, tmp_path)
        for school_id, answer in hostile.items():
            site.route(f"/{school_id}/open-data/sop.json", answer)
        after = built(folder, tmp_path, day="2034-08-08")
    finally:
        site.close()
    index = {school["id"]: school for school in after.index()["scholen"]}
    assert set(index) == set(hostile)
    for school_id, first in firsts.items():
        assert index[school_id]["profiel"] == first, school_id
        assert index[school_id]["melding"].startswith("bij deze bouw geen bruikbaar profiel opgehaald (")
        assert index[school_id]["melding"].endswith("); de kopie van 1 augustus 2034 is gebruikt")
    for path, content in site_texts(after.site_dir):
        assert TOKEN not in content, path


def test_a_kept_copy_that_no_longer_goes_through_makes_only_its_school_missing(tmp_path):
    # A copy an earlier version of the overview kept, and the school's site is down now.
    document = valid_document()
    down = unreachable_address()
    schools = [*regio_schools()]
    kinds = ("ongeldige-unicode", "100000-diep", "4300-cijfers", "datum-ver-weg", "tekst")
    cache = tmp_path / "cache"
    cache.mkdir()
    copies = {kind: variant(kind, document, ("status", "vastgesteld_op") if kind.startswith("datum")
                            else ("schema_version",)) for kind in kinds}
    copies["te-groot"] = as_json(document) + b" " * 6 * 1024 * 1024  # kept when the limit was higher
    for kind, content in copies.items():
        (cache / f"{kind}.json").write_bytes(content)
        (cache / f"{kind}.bron.json").write_text(json.dumps({"url": down, "opgehaald_op": "2034-07-01"}))
        schools.append({"id": kind, "naam": kind, "sop_json": down})
    build = built(write_swv(tmp_path / "swv", schools), tmp_path)
    assert [school["id"] for school in build.index()["scholen"]] == list(REGIO_IDS)
    missing = {item["id"]: item["reden"] for item in build.index()["ontbrekend"]}
    assert set(missing) == set(copies)
    assert missing["te-groot"].endswith("(het bestand is groter dan 5 MB; zo groot is een profiel nooit)")
    for kind, reason in missing.items():
        assert reason.startswith(f"geen bruikbaar profiel op {down}: de website weigerde de verbinding; "
                                 "de bewaarde kopie is ook niet bruikbaar ("), reason
        assert TOKEN not in reason
