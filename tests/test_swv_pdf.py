"""`make swv` writes the whole overview as one tagged Dutch PDF, linked under every page.

The overview is built once (rendering the PDF takes seconds), as SWV staff build
it: tests/swv/regio's files and schools, plus a school and SWV files full of
hostile values (tests/test_swv.py). Wide tables and taking nothing from outside
the site are checked on small sites written here, rendered without MkDocs.
"""

from __future__ import annotations

import datetime
import http.server
import random
import re
import shutil
import threading
from collections import Counter
from pathlib import Path

import pytest
import weasyprint
import yaml
from pypdf import PdfReader
from test_docs_hostile import _CountingHandler, embedded_files
from test_swv import (
    HOSTILE_PAGES, LATE, PAGES, _hostile_school, _hostile_swv, built, hostile, regio_schools, snapshot, text,
    write_swv,
)

from conftest import SCHOOLS
from sop.writers.render import dutch_date
from sop.swv import build as swv_build
from sop.swv.pdf import PAPER_COLUMNS, PDF_NAME, write_overview_pdf

TITLE = "Overzicht van de schoolondersteuningsprofielen"
LINK = "Download dit overzicht als PDF"


def compact(value: str) -> str:
    """Text without any whitespace: the PDF breaks lines (and long words in narrow cells) anywhere."""
    return "".join(value.split())


def pdf_text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture(scope="module")
def overview(tmp_path_factory):
    """tests/swv/regio's schools and a hostile copy of De Getijden, with hostile SWV files."""
    tmp = tmp_path_factory.mktemp("swv-pdf")
    data = shutil.copytree(SCHOOLS["de-getijden"], tmp / "vijandig")
    _hostile_school(data)
    folder = write_swv(tmp / "swv", [*regio_schools(), {"id": "vijandig", "naam": "Vijandig", "map": str(data)}])
    _hostile_swv(folder)
    return built(folder, tmp, day=LATE)


@pytest.fixture(scope="module")
def pdf(overview) -> PdfReader:
    return PdfReader(overview.site_dir / PDF_NAME)


def swv_name(overview) -> str:
    return yaml.safe_load((overview.folder / "samenwerkingsverband.yml").read_text(encoding="utf-8"))["naam"]


def test_the_pdf_is_tagged_dutch_and_titled(overview, pdf):
    catalog = pdf.trailer["/Root"]
    assert catalog["/Lang"] == "nl"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert TITLE in pdf.metadata.title and swv_name(overview) in pdf.metadata.title


def test_the_title_page_names_the_swv_the_overview_and_the_day(overview, pdf):
    first = compact(pdf.pages[0].extract_text())
    day = dutch_date(datetime.date.fromisoformat(LATE))
    for line in (swv_name(overview), TITLE, f"Stand van {day}"):
        assert compact(line) in first, line


def test_the_pdf_holds_every_page_in_menu_order(overview, pdf):
    content = compact(pdf_text(pdf))
    start = 0
    for page in PAGES:
        article = overview.article(page)
        for heading in article.find_all(["h1", "h2"]):
            assert compact(text(heading).removesuffix("¶")) in content, (page, text(heading))
        # Each page follows the one before it in the menu.
        found = content.find(compact(text(article.find("h1")).removesuffix("¶")), start)
        assert found >= start, page
        start = found


def test_the_pdf_names_every_included_school(overview, pdf):
    content = compact(pdf_text(pdf))
    names = [school["profiel"]["school"]["naam"] for school in overview.index()["scholen"]]
    assert len(names) == len(regio_schools()) + 1
    for name in names:
        assert compact(name) in content, name


def test_hostile_values_are_text_in_the_pdf(pdf):
    content = compact(pdf_text(pdf))
    for number in sorted({number for numbers in HOSTILE_PAGES.values() for number in numbers} - {26}):
        # As typed: no markup made of it, '{{ 7*7 }}' not run, '&amp;' not decoded.
        assert compact(hostile(number)) in content, number


def test_every_page_links_to_the_pdf(overview):
    for page in PAGES:
        links = [a for a in overview.site.page(page).select("a.sop-pdf-link")]
        assert [text(a) for a in links] == [LINK], page
        target = (overview.site_dir / page / links[0]["href"]).resolve()
        assert target == (overview.site_dir / PDF_NAME).resolve() and target.is_file(), page


def test_a_failed_pdf_leaves_the_previous_overview(overview, tmp_path, monkeypatch, capsys):
    site_dir = Path(shutil.copytree(overview.site_dir, tmp_path / "site-swv"))
    before = snapshot(site_dir)

    def fail(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", fail)
    monkeypatch.setenv("SOP_VANDAAG", LATE)
    # A cache of its own: no PDF made earlier is reused.
    assert swv_build.build(overview.folder, tmp_path / "cache", site_dir) == 1
    lines = capsys.readouterr().err.splitlines()
    assert "De PDF van het overzicht kon niet worden gemaakt." in lines
    assert any(swv_build.UNCHANGED in line for line in lines)
    assert not [line for line in lines if line.startswith("Traceback")]
    assert snapshot(site_dir) == before
    # No half-built folder is left beside it.
    assert not [path.name for path in tmp_path.iterdir() if path.name.startswith(".")]


# --- Small sites, rendered without MkDocs ---------------------------------------------


def small_site(root: Path, articles: dict[str, str]) -> Path:
    """A built site with these articles (by page address), and its MkDocs file with the menu."""
    for page, article in articles.items():
        (root / page).mkdir(parents=True, exist_ok=True)
        (root / page / "index.html").write_text(
            f'<html><head><title>{page or "Start"}</title></head><body>'
            f'<article class="md-content__inner md-typeset">{article}</article></body></html>', encoding="utf-8")
    nav = [{page or "Start": f"{page.rstrip('/') or 'index'}.md"} for page in articles]
    config = root.parent / "mkdocs.yml"
    config.write_text(yaml.safe_dump({"site_url": "https://swv.example/", "nav": nav}), encoding="utf-8")
    return config


def drawn_text(reader: PdfReader) -> list[tuple[float, float, str]]:
    """(x where a piece of text starts, the page's width, the text) for every piece drawn."""
    pieces = []
    for page in reader.pages:
        width = float(page.mediabox.width)

        def visit(content, cm, tm, font, size, width=width):
            if content.strip():
                pieces.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], width, content))

        page.extract_text(visitor_text=visit)
    return pieces


def grid(rng: random.Random, columns: int) -> tuple[str, list[str]]:
    """A school × standard table as wide as a frame's grid, and the text of its cells."""
    heads = [f"Standaard{rng.randrange(10**6)}metEenLangeNaam" for _ in range(columns)]
    rows = [[f"Basisschool{rng.randrange(10**6)}", *(rng.choice(["geborgd", "in ontwikkeling", "–"])
                                                   for _ in range(columns))] for _ in range(3)]
    head = "".join(f"<th>{cell}</th>" for cell in ["School", *heads])
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return (f'<div class="sop-tabel"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>',
            heads + [cell for row in rows for cell in row])


def test_wide_tables_are_not_cut_off(tmp_path):
    rng = random.Random(21)
    printed = [grid(rng, columns) for columns in (3, 8, 12, PAPER_COLUMNS - 1)]
    site = tmp_path / "site"
    config = small_site(site, {"": "<h1>Start</h1>", "raster/": "<h1>Raster</h1>" + "".join(t for t, _ in printed)})
    reader = PdfReader(write_overview_pdf(site, config, "SWV", datetime.date(2035, 1, 1)))
    pieces = drawn_text(reader)
    assert pieces and all(0 <= x < width for x, width, _ in pieces), [p for p in pieces if not 0 <= p[0] < p[1]][:3]
    content = compact(pdf_text(reader))
    # Every letter of every table is on paper; up to 12 columns, every cell reads as a whole.
    assert Counter(compact("".join(cell for _, cells in printed for cell in cells))) <= Counter(content)
    for _, cells in printed[:3]:
        for cell in cells:
            assert compact(cell) in content, cell


@pytest.mark.parametrize("columns", [PAPER_COLUMNS, 25, 40])
def test_a_table_too_wide_for_paper_says_where_it_is_on_the_site(tmp_path, columns):
    """A frame's grid of 40 standards is unreadable on paper (and slow to lay out): the PDF
    says where the table is, and keeps the rest of the page."""
    rng = random.Random(columns)
    table, cells = grid(rng, columns)
    table = table.replace("<table>", "<table><caption>Standaarden per school</caption>")
    site = tmp_path / "site"
    config = small_site(site, {"": "<h1>Start</h1>",
                               "raster/": f"<h1>Raster</h1>{table}<p>Voldaan bij 3 van 4 scholen.</p>"})
    reader = PdfReader(write_overview_pdf(site, config, "SWV", datetime.date(2035, 1, 1)))
    text = " ".join(pdf_text(reader).split())
    assert (f"De tabel ‘Standaarden per school’ heeft {columns + 1} kolommen en past niet op papier. "
            "U vindt hem op de website (https://swv.example/raster/).") in text
    assert "Voldaan bij 3 van 4 scholen." in text
    assert not any(cell in text for cell in cells[:columns])
    links = [annotation.get_object()["/A"].get("/URI") for page in reader.pages
             for annotation in page.get("/Annots", [])]
    assert "https://swv.example/raster/" in links


def test_folded_parts_are_open_and_controls_are_left_out(tmp_path):
    site = tmp_path / "site"
    config = small_site(site, {"": (
        '<h1>Start</h1><form><label>Domein <select><option>KNOPTEKST</option></select></label>'
        '<button>KNOPTEKST</button></form><details><summary>Standaard</summary><p>UITGEKLAPT</p></details>')})
    content = pdf_text(PdfReader(write_overview_pdf(site, config, "SWV", datetime.date(2035, 1, 1))))
    assert "UITGEKLAPT" in content and "KNOPTEKST" not in content


def test_links_between_pages_stay_in_the_pdf_and_others_lead_to_the_site(tmp_path):
    site = tmp_path / "site"
    config = small_site(site, {
        "": '<h1>Start</h1><p><a href="scholen/#school-a">naar school A</a></p>',
        "scholen/": '<h1>Scholen</h1><p id="school-a">A</p><p><a href="../open-data/scholen.csv">csv</a></p>',
    })
    reader = PdfReader(write_overview_pdf(site, config, "SWV", datetime.date(2035, 1, 1)))
    uris = [annotation.get_object().get("/A", {}).get("/URI") for page in reader.pages
            for annotation in page.get("/Annots", [])]
    internal = [annotation.get_object() for page in reader.pages for annotation in page.get("/Annots", [])
                if "/Dest" in annotation.get_object() or annotation.get_object().get("/A", {}).get("/S") == "/GoTo"]
    assert "https://swv.example/open-data/scholen.csv" in uris
    assert internal, "de link naar de pagina Scholen blijft in de PDF"
    assert not [uri for uri in uris if uri and uri.startswith("file:")]


def test_the_pdf_takes_nothing_from_outside_the_site(tmp_path):
    """Whatever reaches a page of the overview: no file of the machine, no request."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-VAN-DE-MACHINE", encoding="utf-8")
    site = tmp_path / "site"
    web = f"http://127.0.0.1:{server.server_port}/x.png"
    config = small_site(site, {"": "<h1>Start</h1>", "scholen/": (
        f'<h1>Scholen</h1><a rel="attachment" href="{secret.as_uri()}">a</a>'
        f'<a rel="attachment" href="../../geheim.txt">b</a><img src="../../geheim.txt" alt="c">'
        f'<img src="{web}" alt="d"><link rel="attachment" href="{secret.as_uri()}">'
        f'<a rel="attachment" href="../eigen.txt">eigen</a><p style="background: url({web})">e</p>')})
    (site / "eigen.txt").write_text("van de site", encoding="utf-8")
    _CountingHandler.requests.clear()
    try:
        reader = PdfReader(write_overview_pdf(site, config, "SWV", datetime.date(2035, 1, 1)))
    finally:
        server.shutdown()
    assert _CountingHandler.requests == []
    assert b"GEHEIM-VAN-DE-MACHINE" not in b"".join(embedded_files(reader))
