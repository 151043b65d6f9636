"""The whole overview as one tagged PDF (PDF/UA), for the board and the ondersteuningsplanraad.

A title page, then the article of every built page in the order of the menu,
rendered by sop/writers/pdf.py as the school's profile is. Links between the pages
become links inside the PDF; links to other files of the site lead to the site.
"""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from sop.writers.pdf import article_parts, html_document, render_pdf
from sop.writers.render import dutch_date, escape

PDF_NAME = "overzicht.pdf"  # at the site's root: the address the footer links to
STYLE = Path(__file__).with_name("pdf.css")
TITLE = "Overzicht van de schoolondersteuningsprofielen"
# Tables with more columns than this get a landscape page (sop/swv/pdf.css),
PORTRAIT_COLUMNS = 6
# and with more than this, words that break anywhere: slow to lay out, so only where needed.
LANDSCAPE_COLUMNS = 12
# Wider still (a grid of 40 standards), a table is unreadable on paper and takes minutes to lay
# out: the PDF says where it is instead; the counts under it (the cards) are printed.
PAPER_COLUMNS = 16


def nav_pages(config_file: Path) -> tuple[list[str], str]:
    """The site's pages in the order of its menu (as addresses: '', 'scholen/'), and its site_url."""
    from mkdocs.utils.yaml import yaml_load  # reads !ENV as MkDocs does

    with config_file.open(encoding="utf-8") as file:
        config = yaml_load(file)
    pages: list[str] = []

    def walk(entry) -> None:
        if isinstance(entry, list):
            for item in entry:
                walk(item)
        elif isinstance(entry, dict):
            for item in entry.values():
                walk(item)
        elif isinstance(entry, str) and entry.endswith(".md") and not urlsplit(entry).scheme:
            stem = entry.removesuffix(".md")
            pages.append("" if stem == "index" else stem.removesuffix("index") if stem.endswith("/index") else stem + "/")

    walk(config.get("nav") or [])
    return pages, config.get("site_url") or ""


def page_anchor(page: str) -> str:
    return "pagina-" + (page.strip("/").replace("/", "-") or "start")


def _columns(table: str) -> int:
    rows = re.findall(r"<tr\b.*?</tr>", table, re.S)
    return max((sum(int(span or 1) for span in re.findall(r'<t[hd]\b(?:[^>]*\bcolspan="(\d+)")?', row))
                for row in rows), default=0)


def _caption(table: str) -> str:
    found = re.search(r"<caption\b[^>]*>(.*?)</caption>", table, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip() if found else ""


def _not_on_paper(table: str, columns: int, page: str, site_url: str) -> str:
    caption = _caption(table)
    named = f"De tabel ‘{escape(caption)}’" if caption else "Een tabel"
    # The print style writes a link's address after it. Without the site's address a link
    # would lead to a file of the computer that built it.
    where = (f'<a href="{escape(urljoin(site_url, page))}">de website</a>' if site_url
             else f"de pagina ‘{escape(page or '/')}’ van de website")
    return (f'<p class="swv-pdf-niet-geprint">{named} heeft {columns} kolommen en past niet op papier. '
            f"U vindt hem op {where}.</p>")


def _wide_tables(body: str, page: str, site_url: str) -> str:
    """Each table too wide for a portrait page in a block the print style turns sideways;
    one too wide for paper at all replaced by where it is on the site."""
    def wrap(match: re.Match) -> str:
        table, columns = match.group(0), _columns(match.group(0))
        if columns <= PORTRAIT_COLUMNS:
            return table
        if columns > PAPER_COLUMNS:
            return _not_on_paper(table, columns, page, site_url)
        return f'<div class="swv-pdf-breed{" swv-pdf-zeer-breed" * (columns > LANDSCAPE_COLUMNS)}">{table}</div>'

    return re.sub(r"<table\b.*?</table>", wrap, body, flags=re.S)


def _addresses(body: str, page: str, pages: list[str], site_url: str) -> str:
    """Addresses in a page's article, for one document whose base is the site's root."""
    def rewrite(match: re.Match) -> str:
        attribute, value = match.group(1), html.unescape(match.group(2))
        if value.startswith("#") or urlsplit(value).scheme or value.startswith("//"):
            return match.group(0)  # on this page, or elsewhere on the web
        path, fragment = urldefrag(urljoin("/" + page, value))
        path = path.lstrip("/")
        if attribute != "href":
            return f'{attribute}="{escape(path)}"'
        if path in pages:
            return f'href="#{escape(fragment or page_anchor(path))}"'
        # A download or another file of the site: its address on the web, never a file of this computer.
        return f'href="{escape(urljoin(site_url, path))}"' if site_url else ""

    return re.sub(r'\b(href|src)="([^"]*)"', rewrite, body)


def overview_document(site_dir: Path, pages: list[str], site_url: str, swv_name: str, day: datetime.date) -> str:
    date = f"Stand van {dutch_date(day)}"
    parts = [
        f'<section class="swv-pdf-titelpagina"><p class="swv-pdf-swv">{escape(swv_name)}</p>'
        f"<h1>{escape(TITLE)}</h1><p>{escape(date)}</p></section>"
    ]
    for page in pages:
        _, body = article_parts((site_dir / page / "index.html").read_text(encoding="utf-8"))
        body = _wide_tables(_addresses(body, page, pages, site_url), page, site_url)
        parts.append(f'<section class="swv-pdf-pagina" id="{escape(page_anchor(page))}">{body}</section>')
    return html_document(f"{TITLE}, {date.lower()} - {swv_name}", "".join(parts))


def write_overview_pdf(site_dir: Path, config_file: Path, swv_name: str, day: datetime.date,
                       cache_dir: Path | None = None) -> Path:
    """Write the overview's PDF into site_dir, as PDF_NAME."""
    pages, site_url = nav_pages(config_file)
    document = overview_document(site_dir, pages, site_url, swv_name, day)
    return render_pdf(site_dir, document, site_dir / "index.html", site_dir / PDF_NAME, cache_dir, (STYLE,))
