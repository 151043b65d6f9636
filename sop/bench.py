"""`make bench`: page weight, requests and build time, next to a plain Material site.

The plain site is built from the same docs/ and data/ (so the same markdown),
with mkdocs-material's defaults and no extras of ours: no theme overrides, no
CSS of ours, no abbreviations, no PDF. Pages are loaded in Debian's Chromium
with an empty cache, as on a first visit; gzip sizes are computed per response.

Then the samenwerkingsverband's overview (make swv) at 15, 50 and 150 schools
generated from the fixture schools (varied staff, domains, scales, tables,
years, masked and unreported counts, locations), half as local folders and half
as sop.json files fetched from a local server: build time, peak memory and the
largest page. `python -m sop.bench swv` runs only that part. Beside them 150
such schools each answering a generated frame of 40 standards in 5 domains, with
specialism ids: build time and every page's first-visit gzip size
(`python -m sop.bench kader` runs only that row).

And the withheld names of a roster of 3,000 and 6,000 staff (every text checked for
every name, the roster page, the open data): CPU time, growing at most linearly.
"""

from __future__ import annotations

import datetime
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from sop.site.beheer import EDITOR
from sop.site.build import build

BUDGET_GZIP_BYTES = 110 * 1024
BUDGET_BUILD_RATIO = 1.5
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PLAIN_CONFIG = """site_name: Kale Material-site
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: nl
plugins:
  - search
  - macros:
      module_name: macros
"""


def plain_project(project: Path, target: Path) -> Path:
    for name in ("docs", "data", "sop", "macros.py"):
        source = project / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, target / name)
    shutil.rmtree(target / "docs" / "stylesheets", ignore_errors=True)
    for page in (target / "docs").rglob("*.md"):  # our page templates don't exist there
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"(?m)^template: .*\n", "", text), encoding="utf-8")
    nav = [line for line in (project / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1].split("\n\n")[0].splitlines()]
    (target / "mkdocs.yml").write_text(PLAIN_CONFIG + "nav:\n" + "\n".join(nav) + "\n", encoding="utf-8")
    return target


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def mkdocs_build(project: Path, site_dir: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site_dir)],
                   cwd=project, env=env, check=True)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a client that hangs up early, as make swv does on a file over its limit


def serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    server = QuietServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def pages(site: Path) -> list[str]:
    """The pages a reader opens: not the search folder, nor the staff editor (/beheer/,
    out of the sitemap and the search index, which every build now has from the package)."""
    return sorted(str(p.parent.relative_to(site)).replace(".", "") for p in site.rglob("index.html")
                  if p.parent.name not in ("search", EDITOR))


def first_visit(browser, url: str) -> tuple[int, int, int]:
    """(requests, raw bytes, gzip bytes) of loading `url` with an empty cache; gzip per response."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        bodies = []
        tab.on("response", lambda response: bodies.append(response))
        tab.goto(url, wait_until="networkidle")
        sizes = []
        for response in bodies:
            try:
                body = response.body()
            except Exception:  # a redirect or aborted request has no body
                body = b""
            sizes.append((len(body), len(gzip.compress(body, 6))))
    finally:
        context.close()
    return len(sizes), sum(r for r, _ in sizes), sum(g for _, g in sizes)


def weigh(site: Path, browser) -> dict[str, tuple[int, int, int]]:
    """Per page: (requests, raw bytes, gzip bytes) of a first visit."""
    server, base = serve(site)
    try:
        return {page or "(start)": first_visit(browser, base + (page + "/" if page else "")) for page in pages(site)}
    finally:
        server.shutdown()


SCALE = 10  # the large school: this many times the rows, school years and staff


class _NoAliases(yaml.SafeDumper):
    # Data files may not hold anchors and aliases; write repeated values out in full.
    def ignore_aliases(self, data) -> bool:
        return True


# A text of several lines as a block (|): the data files' reader refuses a quoted text over lines.
_NoAliases.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def _dump(value) -> str:
    # Long texts on one line: the data files' reader refuses a quoted text folded over lines.
    return yaml.dump(value, Dumper=_NoAliases, allow_unicode=True, width=1_000_000)


def scaled_data(source: Path, target: Path, factor: int) -> Path:
    """A copy of `source` (a data/ folder) with `factor` times the staff, table rows and school years."""
    shutil.copytree(source, target)
    roster_file = target / "expertise.yml"
    roster = yaml.safe_load(roster_file.read_text(encoding="utf-8"))
    roster["medewerkers"] = [
        {**person, **({"naam": f"{person['naam']} {copy}"} if person.get("naam") and copy else {})}
        for copy in range(factor)
        for person in roster["medewerkers"]
    ]
    roster_file.write_text(_dump(roster), encoding="utf-8")
    counts_file = target / "aantallen.yml"
    counts = yaml.safe_load(counts_file.read_text(encoding="utf-8"))
    for table in counts["tabellen"]:
        years = table["schooljaren"]
        last = int(years[-1][:4])
        many = [f"{start}/{start + 1}" for start in range(last - len(years) * factor + 1, last + 1)]
        table["schooljaren"] = many
        table["schooljaren_met_gaten"] = False
        for group in table["groepen"]:
            group["rijen"] = [
                {
                    **row,
                    "categorie": f"{row['categorie']} ({copy + 1})",
                    "aantallen": {year: list(row["aantallen"].values())[i % len(years)] for i, year in enumerate(many)},
                }
                for copy in range(factor)
                for row in group["rijen"]
            ]
    counts_file.write_text(_dump(counts), encoding="utf-8")
    return target


def scaling(project: Path, scratch: Path) -> list[tuple[int, float]]:
    """Cold `make build` time (PDF included) for this school and one SCALE times as large."""
    results = []
    for factor in (1, SCALE):
        copy = scratch / f"schaal-{factor}"
        for name in ("docs", "sop", "macros.py", "mkdocs.yml"):
            source = project / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / name)
        scaled_data(project / "data", copy / "data", factor)
        start = time.perf_counter()
        if build(copy, copy / "site") != 0:
            raise RuntimeError(f"de school van {factor}x de omvang bouwt niet")
        results.append((factor, time.perf_counter() - start))
    return results


ROSTER_SIZES = (3000, 6000)  # more staff than a data file may hold: built in memory


def roster_scaling(project: Path) -> list[tuple[int, float]]:
    """CPU seconds for the withheld names of a large roster, every name withheld: the check
    of every text for a name (rules.py), the roster on the site and the open data."""
    from dataclasses import replace

    from sop.writers import opendata, render
    from sop.data import rules
    from sop.data.profile import load_profile

    profile = load_profile(project / "data")
    first = profile.expertise.medewerkers[0]
    results = []
    for size in ROSTER_SIZES:
        staff = [first.model_copy(update={
            "naam": f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {LAST_NAMES[i // len(FIRST_NAMES) % len(LAST_NAMES)]} {i}",
            "functie": [FUNCTIONS[i % len(FUNCTIONS)]], "focusgebied": [FOCUS_AREAS[i % len(FOCUS_AREAS)]],
        }) for i in range(size)]
        large = replace(profile, expertise=profile.expertise.model_copy(update={"medewerkers": staff}),
                        instellingen=profile.instellingen.model_copy(update={"namen_tonen": False}))
        start = time.process_time()  # CPU time: other work on the machine does not count
        list(rules.across_files(large))
        render.expertise_table(large.expertise, large.hidden_names())
        opendata.profile_document(large, **opendata.publication_options(large))
        results.append((size, time.process_time() - start))
    return results


def print_roster(results: list[tuple[int, float]]) -> bool:
    """The roster lines; True when the time grows at most linearly with the staff."""
    for size, seconds in results:
        print(f"namen verbergen bij {size} medewerkers:  {seconds:6.2f} s")
    (small, small_time), (large, large_time) = results[0], results[-1]
    print(f"groei {small} -> {large} medewerkers: {large_time / small_time:.2f}x (lineair is hooguit {large / small:.0f}x)")
    return large_time / small_time <= large / small


# --- the samenwerkingsverband's overview (make swv) at 15, 50 and 150 schools ------

SWV_SIZES = (15, 50, 150)
SWV_BUDGET_SECONDS = 60  # the largest SWV, on a 2-core machine
FIXTURE_SCHOOLS = ("tests/bron/data", "tests/voorbeeldschool/data", "tests/scholen/de-getijden/data")
SWV_FIXTURE = "tests/swv/regio"
# Word lists the generated schools draw from: staff functions and focus areas as
# schools write them (some in the SWV's specialisms, some not), places, names.
FUNCTIONS = (
    "Groepsleerkracht", "Intern begeleider", "IB'er", "Gedragsspecialist", "Leesspecialist", "Rekenspecialist",
    "Specialist hoogbegaafdheid", "NT2-coördinator", "Taalcoördinator", "Onderwijsassistent", "Directeur",
    "Cultuurcoördinator", "Vakleerkracht bewegingsonderwijs", "Specialist jonge kind", "ICT-coördinator",
    "Coördinator meerbegaafdheid", "Remedial teacher", "Orthopedagoog", "Autismespecialist", "Kindercoach",
    "Specialist dyscalculie", "Anti-pestcoördinator", "Leerkrachtondersteuner", "Bouwcoördinator",
)
FOCUS_AREAS = (
    "Gedrag", "Lezen", "Rekenen", "Executieve functies", "Faalangst", "Spelling", "Begrijpend lezen",
    "Meer- en hoogbegaafdheid", "Sociaal-emotionele ontwikkeling", "Motoriek", "Jonge kind", "Taalontwikkeling",
    "Woordenschat", "Dyslexie", "Dyscalculie", "Autisme", "Rouwverwerking", "Hechting", "NT2", "Muziek",
)
PLACES = (
    "Hoofddorp", "Nieuw-Vennep", "Badhoevedorp", "Zwanenburg", "Lisserbroek", "Abbenes", "Rijsenhout",
    "Vijfhuizen", "Cruquius", "Zwaanshoek", "Beinsdorp", "Buitenkaag", "Burgerveen", "Weteringbrug",
    "Oude Wetering", "Roelofarendsveen", "Leimuiden", "Rijnsaterwoude", "Kaag", "Sassenheim", "Voorhout",
    "Noordwijkerhout", "De Zilk", "Lisse", "Hillegom", "Bennebroek", "Heemstede", "Cruquiusdijk",
)
SCHOOL_NAMES = (
    "De Regenboog", "Het Kompas", "De Wegwijzer", "De Vlinder", "Het Baken", "De Zonnewijzer", "De Klimop",
    "De Fontein", "Het Anker", "De Springplank", "De Windroos", "De Linde", "Het Palet", "De Sterrenwacht",
    "De Meander", "Het Mozaïek", "De Horizon", "De Duinroos", "De Toren", "De Boomgaard",
)
FIRST_NAMES = ("Anna", "Bram", "Chantal", "Daan", "Eva", "Fleur", "Gijs", "Hanna", "Ilse", "Joost", "Kim", "Lotte",
               "Mees", "Noor", "Olaf", "Pien", "Ruben", "Sanne", "Thijs", "Vera", "Wouter", "Yara")
LAST_NAMES = ("Bakker", "Dekker", "Groen", "Hendriks", "Jansen", "Kok", "Meijer", "Mulder", "Peters", "Smit",
              "Visser", "Vos", "Willems", "de Boer", "de Graaf", "van Dijk", "van Leeuwen", "van der Meer")
# The SWV's common domains of basic support: most schools rate (most of) these.
COMMON_DOMAINS = {
    "regio-pedagogisch-klimaat": ("Pedagogisch klimaat", ("een veilig en ondersteunend klimaat",
        "duidelijke gedragsafspraken met de leerlingen", "een aanpak tegen pesten", "zicht op het welbevinden",
        "betrokkenheid van ouders bij gedrag")),
    "regio-didactisch-handelen": ("Didactisch handelen", ("instructie op drie niveaus",
        "uitgebreide instructie aan de instructietafel", "verrijkingsstof voor snelle leerlingen",
        "effectieve leertijd", "feedback op het leerproces", "coöperatieve werkvormen")),
    "regio-zicht-op-ontwikkeling": ("Zicht op ontwikkeling", ("een leerlingvolgsysteem",
        "groepsbesprekingen met de intern begeleider", "signalering van leesproblemen",
        "signalering van rekenproblemen", "een ontwikkelingsperspectief waar nodig",
        "evaluatie van de groepsplannen")),
    "regio-samenwerking": ("Samenwerking met ouders en ketenpartners", ("ouders als partner",
        "overleg met het samenwerkingsverband", "een warme overdracht naar het voortgezet onderwijs",
        "samenwerking met de jeugdhulp")),
    "regio-voorzieningen": ("Voorzieningen in het gebouw", ("een prikkelarme werkplek",
        "een rustige ruimte voor gesprekken", "aangepast meubilair")),
}
# Status scales: with the school's own column headings, or without (then the marking says it).
SCALES = (
    ({"kolommen": 3, "koppen": ["Nee", "Deels", "Ja"]}, ["X"]),
    ({"kolommen": 4, "koppen": ["Niet aanwezig", "In ontwikkeling", "Aanwezig", "Geborgd"]}, ["X", "v"]),
    ({"kolommen": 3, "koppen": ["Onvoldoende", "Voldoende", "Goed"]}, ["X"]),
    ({"kolommen": 4}, ["X", "geborgd", "X borging"]),
    ({"kolommen": 2}, ["nee", "ja"]),  # one marking per column
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("ö", "o").replace("ï", "i")).strip("-")


def _load(folder: Path, name: str):
    return yaml.safe_load((folder / f"{name}.yml").read_text(encoding="utf-8"))


def _save(folder: Path, name: str, value) -> None:
    (folder / f"{name}.yml").write_text(_dump(value), encoding="utf-8")


def _vary_school(folder: Path, number: int, rng) -> None:
    school = _load(folder, "school")
    prefix = school["naam"].split()[0]
    place = rng.choice(PLACES)
    school["naam"] = f"{prefix} {SCHOOL_NAMES[number % len(SCHOOL_NAMES)]} {place}"
    school["plaats"] = place
    brin = f"{10 + number % 90:02d}{chr(65 + number // 90 % 26)}{chr(65 + number % 26)}"
    school["brinnummer"] = brin
    school["vestigingen"] = [
        {"naam": f"Locatie {rng.choice(SCHOOL_NAMES)}", "straat_en_huisnummer": f"Schoolstraat {k + 1}",
         "postcode": "2131 AB", "plaats": rng.choice(PLACES), "brinnummer": f"{brin}0{k + 1}"}
        for k in range(rng.choice((0, 0, 0, 1, 2, 3)))
    ]
    _save(folder, "school", school)


def _vary_staff(folder: Path, rng) -> None:
    # The school's own staff stay (other files name their functions); more are added.
    roster = _load(folder, "expertise")
    used = {person.get("naam") for person in roster["medewerkers"]}
    for _ in range(rng.randint(0, 45)):
        person = {"functie": rng.sample(FUNCTIONS, rng.choice((1, 1, 2))),
                  "focusgebied": rng.sample(FOCUS_AREAS, rng.choice((0, 1, 2, 3)))}
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if rng.random() < .7 and name not in used:
            used.add(name)
            person["naam"] = name
        else:
            person["groep"] = f"{rng.randint(2, 12)} collega's"
        roster["medewerkers"].append(person)
    _save(folder, "expertise", roster)
    settings = _load(folder, "instellingen")
    settings["namen_tonen"] = rng.random() < .8  # otherwise every name is null in the published profile
    _save(folder, "instellingen", settings)


def _vary_basic_support(folder: Path, rng) -> None:
    data = _load(folder, "basisondersteuning")
    kept = []
    for domain in data["domeinen"]:  # the school's own domains, some indicators left out
        groups = [{**group, "indicatoren": [item for item in group["indicatoren"] if rng.random() < .85]}
                  for group in domain["groepen"]]
        groups = [group for group in groups if group["indicatoren"]]
        if groups and rng.random() < .8:
            kept.append({**domain, "groepen": groups})
    scale, markings = rng.choice(SCALES)
    for domain_id, (title, subjects) in COMMON_DOMAINS.items():
        if rng.random() > .85 and kept:
            continue
        descriptive = rng.random() < .1
        items = []
        for subject in subjects:
            if rng.random() < .9:
                column = rng.randint(1, scale["kolommen"])
                item = {"id": f"{domain_id}-{_slug(subject)}", "indicator": f"De school heeft {subject}.",
                        "huidige_situatie": rng.choice(("Op orde.", "Wordt dit jaar ingevoerd.", "Zie het schoolplan.",
                                                        "In ontwikkeling met het team."))}
                if not descriptive:
                    item["status"] = {"kolom": column, "markering": markings[column - 1] if len(markings) ==
                                      scale["kolommen"] else rng.choice(markings)}
                items.append(item)
        if not items:
            continue
        half = len(items) // 2
        groups = ([{"kop": "Basis", "indicatoren": items[:half]}, {"kop": "Verdieping", "indicatoren": items[half:]}]
                  if half and rng.random() < .4 else [{"indicatoren": items}])
        domain = {"id": domain_id, "titel": title, "groepen": groups}
        if descriptive:
            domain["zonder_status"] = True
        else:
            domain["statusschaal"] = scale
        kept.append(domain)
    data["domeinen"] = kept
    _save(folder, "basisondersteuning", data)


def _vary_tables(folder: Path, rng) -> None:
    """Other school years (with and without gaps), counts with unreported and small ones, masked or not."""
    counts = _load(folder, "aantallen")
    for table in counts["tabellen"]:
        last = 2023 - rng.choice((0, 0, 1, 2))
        starts = sorted(rng.sample(range(last - 9, last), rng.randint(0, 6)) + [last])
        gaps = starts != list(range(starts[0], last + 1))
        if gaps and rng.random() < .5:
            starts, gaps = list(range(starts[0], last + 1)), False
        years = [f"{start}/{start + 1}" for start in starts]
        table["schooljaren"], table["schooljaren_met_gaten"] = years, gaps
        for group in table["groepen"]:
            for row in group["rijen"]:
                unit = row.get("eenheid") or table.get("eenheid")
                row["aantallen"] = {
                    year: None if rng.random() < .08 else (round(rng.uniform(0, 100), 1) if unit else rng.choice(
                        (0, 1, 2, 3, 4, rng.randint(5, 40)))) for year in years}
        if rng.random() < .2:  # a row no comparison of the SWV reads
            table["groepen"][-1]["rijen"].append(
                {"categorie": "Overige bestemming", "aantallen": {year: rng.randint(0, 6) for year in years}})
    _save(folder, "aantallen", counts)
    settings = _load(folder, "instellingen")
    settings["kleine_aantallen"] = {"verbergen": rng.random() < .6, "drempel": rng.choice((5, 5, 10))}
    _save(folder, "instellingen", settings)


def _vary_status(folder: Path, rng) -> None:
    if rng.random() < .1:
        status = {"schooljaar": None, "vastgesteld_op": None, "advies_mr_op": None, "vernieuwen_voor": None}
    else:
        established = datetime.date(rng.randint(2019, 2025), rng.randint(8, 11), rng.randint(1, 28))
        status = {
            "schooljaar": f"{established.year}/{established.year + 1}",
            "vastgesteld_op": established,
            "advies_mr_op": established - datetime.timedelta(days=rng.randint(5, 30)),
            "vernieuwen_voor": established.replace(year=established.year + 4) if rng.random() < .8 else None,
        }
    _save(folder, "status", status)


def varied_school(project: Path, target: Path, number: int, rng) -> Path:
    """A valid data/ folder: fixture school `number % 3`, varied in everything the overview reads."""
    shutil.copytree(project / FIXTURE_SCHOOLS[number % len(FIXTURE_SCHOOLS)], target,
                    ignore=shutil.ignore_patterns("bron.txt", "gepubliceerde-adressen.txt", "schema"))
    _vary_school(target, number, rng)
    for vary in (_vary_staff, _vary_basic_support, _vary_tables, _vary_status):
        vary(target, rng)
    return target


def swv_fixture(project: Path, target: Path, count: int, served: Path, served_url: str, seed: int = 13,
                frame: dict | None = None) -> Path:
    """An SWV folder (as swv/, returned) in `target` with `count` generated schools beside it:
    half as a local `map:`, half as a sop.json published under `served_url` (written into `served`).
    With `frame` (as kader.yml), every school answers it."""
    from sop.writers.opendata import profile_document, publication_options
    from sop.data.profile import load_profile

    rng = random.Random(seed)
    folder = target / "swv"
    shutil.copytree(project / SWV_FIXTURE, folder)
    if frame:
        (folder / "kader.yml").write_text(_dump(frame), encoding="utf-8")
    entries = []
    for number in range(count):
        school_id = f"school-{number + 1:03d}"
        data = varied_school(project, target / "scholen" / school_id, number, rng)
        if frame:
            _answer_frame(data, folder, frame, rng)
        profile = load_profile(data)  # every generated school must be valid: else this raises
        entry = {"id": school_id, "naam": profile.school.naam}
        if number % 2:
            published = served / school_id / "open-data" / "sop.json"
            published.parent.mkdir(parents=True)
            document = profile_document(profile, **publication_options(profile))
            published.write_text(json.dumps(document, ensure_ascii=False, default=str), encoding="utf-8")
            shutil.rmtree(data)
            entry["sop_json"] = f"{served_url}{school_id}/open-data/sop.json"
        else:
            entry["map"] = f"../scholen/{school_id}"
        entries.append(entry)
    (folder / "scholen.yml").write_text(_dump({"scholen": entries}), encoding="utf-8")
    return folder


# --- 150 schools answering a 40-standard frame (issue 21): the grids' worst case -----

FRAME_SCHOOLS = 150
FRAME_STANDARDS_PER_DOMAIN = 8  # in the 5 domains of COMMON_DOMAINS: 40 standards
OLDER_FRAME_VERSION = "2021-2025"
NOTES = ("Staat in het schoolplan.", "Dit schooljaar ingevoerd; het team is geschoold.",
         "Nog niet op elke locatie.", "Samen met het samenwerkingsverband uitgewerkt.", "Zie het zorgplan.")


def generated_frame() -> dict:
    """kader.yml: the domains of COMMON_DOMAINS, each with FRAME_STANDARDS_PER_DOMAIN standards."""
    domains = []
    for domain_id, (title, subjects) in COMMON_DOMAINS.items():
        standards = [{"id": f"{domain_id}-{number + 1}",
                      "tekst": f"De school heeft {subjects[number % len(subjects)]}, beschreven en bekend bij het "
                               f"team ({number + 1})."}
                     for number in range(FRAME_STANDARDS_PER_DOMAIN)]
        domains.append({"id": domain_id, "titel": title, "standaarden": standards})
    return {"versie": "2025-2029", "statussen": ["Niet aanwezig", "In ontwikkeling", "Aanwezig", "Geborgd"],
            "voldaan": ["Aanwezig", "Geborgd"], "domeinen": domains}


def _answer_frame(data: Path, swv: Path, frame: dict, rng) -> None:
    """The school answers most standards (some on an older version, a few not yet filled in),
    and some staff carry the SWV's specialism ids."""
    choices = ", ".join(frame["statussen"])
    answers = []
    for domain in frame["domeinen"]:
        for standard in domain["standaarden"]:
            if rng.random() < .9:
                status = rng.choice(frame["statussen"]) if rng.random() < .97 else f"[vul in: {choices}]"
                answer = {"standaard": standard["id"], "status": status}
                if rng.random() < .5:
                    answer["toelichting"] = rng.choice(NOTES)
                answers.append(answer)
    basic = _load(data, "basisondersteuning")
    basic["kader"] = {"bron": Path(os.path.relpath(swv / "kader.yml", data)).as_posix(),
                      "versie": frame["versie"] if rng.random() < .9 else OLDER_FRAME_VERSION, "antwoorden": answers}
    _save(data, "basisondersteuning", basic)
    specialisms = [item["id"] for item in _load(swv, "specialismen")["specialismen"]]
    roster = _load(data, "expertise")
    for person in roster["medewerkers"]:
        if rng.random() < .4:
            person["specialismen"] = rng.sample(specialisms, rng.choice((1, 1, 2)))
    _save(data, "expertise", roster)


def swv_frame_row(project: Path, scratch: Path, browser) -> dict:
    """make swv for FRAME_SCHOOLS schools answering a generated frame: build time and every page's
    first-visit gzip size."""
    served = scratch / "gepubliceerd-kader"
    served.mkdir()
    server, base = serve(served)
    try:
        folder = swv_fixture(project, scratch / "swv-kader", FRAME_SCHOOLS, served, base, frame=generated_frame())
        site = scratch / "swv-kader-site"
        _, seconds, _, _ = measured_build(project, [
            sys.executable, "-m", "sop.swv.build", "--map", str(folder),
            "--cache", str(scratch / "swv-kader-cache"), "--site", str(site)], scratch)
    finally:
        server.shutdown()
    index = json.loads((site / "open-data" / "swv.json").read_text(encoding="utf-8"))
    if index["ontbrekend"] or len(index["scholen"]) != FRAME_SCHOOLS:  # else the row would weigh fewer schools
        raise RuntimeError(f"het overzicht met kader mist {len(index['ontbrekend'])} van de {FRAME_SCHOOLS} scholen: "
                           + "; ".join(f"{item['id']}: {item['reden']}" for item in index["ontbrekend"][:3]))
    return {"seconden": seconds, "pagina's": weigh(site, browser)}


def print_swv_frame(row: dict) -> bool:
    """Every page of the overview with a frame; True when the build and every page are within budget."""
    standards = len(COMMON_DOMAINS) * FRAME_STANDARDS_PER_DOMAIN
    print(f"SWV met kader: {FRAME_SCHOOLS} scholen, {standards} standaarden in {len(COMMON_DOMAINS)} domeinen: "
          f"bouwtijd {row['seconden']:.1f} s (budget {SWV_BUDGET_SECONDS} s)")
    over = []
    for page, (requests, _, packed) in row["pagina's"].items():
        flag = "  BOVEN HET BUDGET" if packed > BUDGET_GZIP_BYTES else ""
        print(f"  /{page.replace('(start)', ''):30} {requests:>3} verzoeken {packed / 1024:7.1f} KB gzip{flag}")
        if flag:
            over.append(page)
    return not over and row["seconden"] <= SWV_BUDGET_SECONDS


# Peak memory per process as VmHWM, which a new program starts afresh. Not getrusage's
# ru_maxrss: on Linux a child's starts at its parent's size when it was started (a 13 MB
# child of a 500 MB process reports 513 MB), so it would show this benchmark's own size.
# Every Python process of the build (the build itself and MkDocs, its child, alive
# together) appends its pid and peak in KB to the file SOP_BENCH_PIEK names, on exit.
_PEAK_REPORTER = """import atexit, os
def _peak():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["SOP_BENCH_PIEK"], "a") as out:
        out.write(f"{os.getpid()} {peak}\\n")
if os.environ.get("SOP_BENCH_PIEK"):
    atexit.register(_peak)
"""


def measured_build(project: Path, command: list[str], scratch: Path) -> tuple[int, float, int, int]:
    """Run `command` (a Python build); (exit status, seconds, its own peak KB, its children's peak KB)."""
    reporter = scratch / "piek"
    reporter.mkdir(exist_ok=True)
    (reporter / "sitecustomize.py").write_text(_PEAK_REPORTER, encoding="utf-8")
    peaks = scratch / "piek.txt"
    peaks.unlink(missing_ok=True)
    path = os.pathsep.join(filter(None, [str(reporter), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=path, SOP_BENCH_PIEK=str(peaks))
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode:
        raise RuntimeError(f"de bouw mislukte ({' '.join(command[1:])}):\n{errors[-2000:]}")
    found = dict(line.split() for line in peaks.read_text(encoding="utf-8").splitlines()) if peaks.exists() else {}
    own = int(found.pop(str(process.pid), 0))
    return process.returncode, seconds, own, max((int(kb) for kb in found.values()), default=0)


def swv_scaling(project: Path, scratch: Path, browser) -> list[dict]:
    """Per size: build time, peak memory (KB) and the largest page's first-visit gzip size."""
    served = scratch / "gepubliceerd"
    served.mkdir()
    server, base = serve(served)
    results = []
    try:
        for count in SWV_SIZES:
            folder = swv_fixture(project, scratch / f"swv-{count}", count, served / f"swv-{count}",
                                 f"{base}swv-{count}/")
            site = scratch / f"swv-{count}-site"
            _, seconds, parent, child = measured_build(project, [
                sys.executable, "-m", "sop.swv.build", "--map", str(folder),
                "--cache", str(scratch / f"swv-{count}-cache"), "--site", str(site)], scratch)
            weights = weigh(site, browser)
            largest = max(weights, key=lambda page: weights[page][2])
            results.append({"scholen": count, "seconden": seconds, "ouder_kb": parent, "kind_kb": child,
                            "grootste": largest, "gzip": weights[largest][2], "pagina's": weights,
                            "site": site})
    finally:
        server.shutdown()
    return results


def print_swv(results: list[dict]) -> bool:
    """The SWV table; True when within budget (linear growth, time, page weight)."""
    print(f"{'SWV':>8} {'bouwtijd':>9} {'per school':>10} {'geheugen bouw':>13} {'mkdocs':>8} "
          f"{'samen':>8}   grootste pagina (gzip, eerste bezoek)")
    for row in results:
        together = (row["ouder_kb"] + row["kind_kb"]) / 1024
        print(f"{row['scholen']:>8} {row['seconden']:>7.1f} s {row['seconden'] / row['scholen']:>8.2f} s "
              f"{row['ouder_kb'] / 1024:>10.0f} MB {row['kind_kb'] / 1024:>5.0f} MB {together:>5.0f} MB   "
              f"/{row['grootste'].replace('(start)', '')} {row['gzip'] / 1024:.1f} KB")
    small, large = results[0], results[-1]
    factor = large["scholen"] / small["scholen"]
    time_growth = large["seconden"] / small["seconden"]
    memory_growth = (large["ouder_kb"] + large["kind_kb"]) / (small["ouder_kb"] + small["kind_kb"])
    print(f"groei {small['scholen']} -> {large['scholen']} scholen ({factor:.0f}x): bouwtijd {time_growth:.1f}x, "
          f"geheugen {memory_growth:.1f}x (lineair is hooguit {factor:.0f}x)")
    over = [f"{row['scholen']} scholen: /{page.replace('(start)', '')} ({packed / 1024:.1f} KB)"
            for row in results for page, (_, _, packed) in row["pagina's"].items() if packed > BUDGET_GZIP_BYTES]
    if over:
        print("SWV boven het budget van 110 KB gzip:", "; ".join(over))
    return (not over and time_growth <= factor and memory_growth <= factor
            and large["seconden"] <= SWV_BUDGET_SECONDS)


# One school's profile at the download limit adds at most this to the SWV build (README).
SWV_PROFILE_BUDGET_SECONDS = 30
SWV_REFUSED_MB = 20  # a profile this large is refused after the limit, not read


def large_profile(project: Path, size: int) -> bytes:
    """De Proefboom's published profile grown to just under `size` bytes with staff, each
    with a function of their own: every one is listed as not sorted, the most work."""
    from sop.writers.opendata import profile_document, publication_options
    from sop.data.profile import load_profile

    profile = load_profile(project / FIXTURE_SCHOOLS[1])
    document = json.loads(json.dumps(profile_document(profile, **publication_options(profile)), default=str))
    person = {"naam": "Persoon 0000000", "groep": None, "functie": ["Functie 0000000"], "focusgebied": ["Focus 00"]}
    count = max(0, (size - len(json.dumps(document)) - 1024) // (len(json.dumps(person)) + 2))
    document["expertise"]["medewerkers"] += [
        {"naam": f"Persoon {i:07d}", "groep": None, "functie": [f"Functie {i:07d}"], "focusgebied": [f"Focus {i % 97:02d}"]}
        for i in range(count)]
    return json.dumps(document).encode("utf-8")


def swv_profile_limit(project: Path, scratch: Path) -> list[dict]:
    """make swv with a school of ordinary size, and beside it one at the download limit and one of
    SWV_REFUSED_MB: seconds, and whether the large one was taken in."""
    from sop.data.fetch import MAX_BYTES

    served = scratch / "grote-profielen"
    served.mkdir()
    server, base = serve(served)
    results = []
    try:
        (served / "gewoon.json").write_bytes(large_profile(project, 0))
        for name, size in (("geen", 0), ("grens", MAX_BYTES), ("te-groot", SWV_REFUSED_MB * 1024 * 1024)):
            schools = [{"id": "gewoon", "naam": "Gewoon", "sop_json": f"{base}gewoon.json"}]
            if size:
                (served / f"{name}.json").write_bytes(large_profile(project, size))
                schools.append({"id": "groot", "naam": "Groot", "sop_json": f"{base}{name}.json"})
            folder = scratch / f"swv-profiel-{name}"
            shutil.copytree(project / SWV_FIXTURE, folder)
            (folder / "scholen.yml").write_text(_dump({"scholen": schools}), encoding="utf-8")
            cache = scratch / f"swv-profiel-{name}-cache"
            _, seconds, _, _ = measured_build(project, [
                sys.executable, "-m", "sop.swv.build", "--map", str(folder), "--cache", str(cache),
                "--site", str(scratch / f"swv-profiel-{name}-site")], scratch)
            results.append({"naam": name, "bytes": (served / f"{name}.json").stat().st_size if size else 0,
                            "seconden": seconds, "opgenomen": (cache / "groot.json").exists()})
    finally:
        server.shutdown()
    return results


def print_swv_profile(results: list[dict]) -> bool:
    """The lines for one large profile; True when the one at the limit stays within its budget
    and the larger one is refused."""
    plain, limit, refused = results
    for row in results[1:]:
        taken = "opgenomen" if row["opgenomen"] else "geweigerd"
        print(f"SWV met een profiel van {row['bytes'] / 1024 / 1024:5.1f} MB ({taken}): {row['seconden']:6.1f} s, "
              f"{row['seconden'] - plain['seconden']:+.1f} s op {plain['seconden']:.1f} s zonder")
    print(f"budget één profiel: op de grens ({limit['bytes'] / 1024 / 1024:.0f} MB) hoogstens "
          f"{SWV_PROFILE_BUDGET_SECONDS} s erbij; {SWV_REFUSED_MB} MB wordt geweigerd")
    return (limit["opgenomen"] and not refused["opgenomen"]
            and limit["seconden"] - plain["seconden"] <= SWV_PROFILE_BUDGET_SECONDS)


def main_swv() -> int:
    """`python -m sop.bench swv`: only the SWV part."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=CHROMIUM_ARGS)
        within = print_swv(swv_scaling(Path.cwd(), Path(scratch), browser))
        within = print_swv_frame(swv_frame_row(Path.cwd(), Path(scratch), browser)) and within
        browser.close()
        within = print_swv_profile(swv_profile_limit(Path.cwd(), Path(scratch))) and within
    print(f"budget SWV: {SWV_SIZES[-1]} scholen in <= {SWV_BUDGET_SECONDS} s, groei hooguit lineair, "
          f"elke pagina <= {BUDGET_GZIP_BYTES // 1024} KB gzip")
    print("binnen budget" if within else "BUDGET OVERSCHREDEN")
    return 0 if within else 1


def main_frame() -> int:
    """`python -m sop.bench kader`: only the overview of schools answering a frame."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=CHROMIUM_ARGS)
        within = print_swv_frame(swv_frame_row(Path.cwd(), Path(scratch), browser))
        browser.close()
    print("binnen budget" if within else "BUDGET OVERSCHREDEN")
    return 0 if within else 1


def main() -> int:
    from playwright.sync_api import sync_playwright

    project = Path.cwd()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        plain = plain_project(project, scratch / "plain")
        plain_time = min(timed(partial(mkdocs_build, plain, scratch / "plain-site")) for _ in range(3))
        ours_site = scratch / "site"
        shutil.rmtree(project / ".cache" / "pdf", ignore_errors=True)
        cold = timed(lambda: build(project, ours_site))
        warm = min(timed(lambda: build(project, ours_site)) for _ in range(2))
        html_only = min(timed(partial(mkdocs_build, project, scratch / "html-only")) for _ in range(3))
        growth = scaling(project, scratch)
        roster = roster_scaling(project)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=CHROMIUM_ARGS)
            ours = weigh(ours_site, browser)
            base = weigh(scratch / "plain-site", browser)
            swv = swv_scaling(project, scratch, browser)
            swv_frame = swv_frame_row(project, scratch, browser)
            browser.close()
        profile_limit = swv_profile_limit(project, scratch)

    print(f"{'pagina':32} {'verzoeken':>9} {'bytes':>9} {'gzip':>8}   {'kaal: verz.':>11} {'bytes':>9} {'gzip':>8}")
    over_budget = []
    for page, (requests, raw, packed) in ours.items():
        plain_figures = base.get(page)
        plain_text = f"{plain_figures[0]:>11} {plain_figures[1]:>9} {plain_figures[2]:>8}" if plain_figures else f"{'-':>11}"
        print(f"{page:32} {requests:>9} {raw:>9} {packed:>8}   {plain_text}")
        if packed > BUDGET_GZIP_BYTES:
            over_budget.append(page)
    print()
    print(f"bouwtijd kale Material-site:           {plain_time:6.2f} s")
    print(f"bouwtijd deze site, alleen HTML:       {html_only:6.2f} s  ({html_only / plain_time:.2f}x)")
    print(f"bouwtijd make build, PDF in cache:     {warm:6.2f} s  ({warm / plain_time:.2f}x)")
    print(f"bouwtijd make build, PDF opnieuw:      {cold:6.2f} s  ({cold / plain_time:.2f}x)")
    (_, small), (_, large) = growth
    print(f"bouwtijd {SCALE}x zoveel rijen, jaren en medewerkers: {large:6.2f} s  "
          f"({large / small:.2f}x de gewone {small:.2f} s; lineair is hooguit {SCALE}x)")
    print(f"budget: elke pagina <= {BUDGET_GZIP_BYTES // 1024} KB gzip bij eerste bezoek; "
          f"bouwen <= {BUDGET_BUILD_RATIO}x de kale site")
    roster_within = print_roster(roster)
    print()
    swv_within = print_swv(swv)
    swv_within = print_swv_profile(profile_limit) and swv_within
    swv_within = print_swv_frame(swv_frame) and swv_within
    print(f"budget SWV: {SWV_SIZES[-1]} scholen in <= {SWV_BUDGET_SECONDS} s, groei hooguit lineair")
    # The budget is for the build a developer waits for: make build with an unchanged PDF.
    failed = bool(over_budget) or warm / plain_time > BUDGET_BUILD_RATIO or large / small > SCALE
    failed = failed or not swv_within or not roster_within
    if over_budget:
        print("boven het budget:", ", ".join(over_budget))
    print("binnen budget" if not failed else "BUDGET OVERSCHREDEN")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit({"swv": main_swv, "kader": main_frame}.get(" ".join(sys.argv[1:]), main)())
