"""The whole profile as a tagged PDF (PDF/UA), from the built one-page version.

WeasyPrint can't lay out Material's screen layout, so the PDF takes only the
article of the built 'volledig-profiel' page and gives it a plain print style.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from importlib.metadata import version
from pathlib import Path

PDF_NAME = "schoolondersteuningsprofiel.pdf"
SOURCE_PAGE = Path("volledig-profiel") / "index.html"
STYLE = Path(__file__).with_name("pdf.css")
# Series colours of the charts and their legends, as on the site.
CHART_STYLE = Path(__file__).with_name("pdf-grafiek.css")
FETCHED = "alleen bestanden van de site"  # what the PDF may take in (_site_fetcher)


def article_parts(page_html: str) -> tuple[str, str]:
    """The page's title (as text) and its article's HTML, charts coloured for WeasyPrint."""
    title = re.search(r"<title>(.*?)</title>", page_html, re.S)
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page_html, re.S)
    if not article:
        raise ValueError("de pagina heeft geen artikel")
    # WeasyPrint styles an inline SVG only from a <style> inside it: without it the bars are black.
    chart_style = f"<style>{CHART_STYLE.read_text(encoding='utf-8')}</style>"
    body = re.sub(r"(<svg\b[^>]*>)", lambda match: match.group(1) + chart_style, article.group(1))
    return (html.unescape(title.group(1)) if title else ""), body


def html_document(title: str, body: str) -> str:
    """A standalone HTML document (lang nl) with this title (text) and body (HTML)."""
    return (
        '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>{body}</body></html>"
    )


def article_document(page_html: str) -> str:
    """A standalone HTML document (lang nl, title) holding just the page's article."""
    return html_document(*article_parts(page_html))


def _site_fetcher(site_dir: Path):
    """WeasyPrint's fetcher, limited to the built site's own files.

    Left alone it opens any address in the page: a link to ../../etc/passwd, a
    file:// address or a web address, and it embeds what it gets (attachments,
    images). The PDF holds only what the site itself publishes, and asks no server.
    """
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    root = site_dir.resolve()

    class SiteFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and not parts.netloc:
                path = Path(unquote(parts.path)).resolve()
                if path.is_relative_to(root) and path.is_file():
                    return super().fetch(url, headers)
            raise ValueError(f"de PDF haalt niets op van buiten de site: {url}")

    return SiteFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


def write_pdf(site_dir: Path, cache_dir: Path | None = None) -> Path:
    """Write the school's PDF into site_dir (see render_pdf)."""
    document = article_document((site_dir / SOURCE_PAGE).read_text(encoding="utf-8"))
    return render_pdf(site_dir, document, site_dir / SOURCE_PAGE, site_dir / PDF_NAME, cache_dir)


def render_pdf(site_dir: Path, document: str, base: Path, target: Path, cache_dir: Path | None = None,
               styles: tuple[Path, ...] = ()) -> Path:
    """Render `document` (relative addresses from `base`, taking only files of site_dir)
    as a tagged PDF at `target`, styled by pdf.css and then `styles`; reuse a cached
    copy when the content is unchanged.

    Rendering takes seconds while the rest of the build takes about one, so an
    unchanged profile (most local rebuilds) reuses the previous PDF.
    """
    stylesheets = (STYLE, CHART_STYLE, *styles)
    # FETCHED is in the key: a PDF cached before the fetcher was limited to the site is not reused.
    key = hashlib.sha256(
        (document + "".join(path.read_text(encoding="utf-8") for path in stylesheets)
         + version("weasyprint") + FETCHED).encode()
    ).hexdigest()
    cached = cache_dir / f"{key}.pdf" if cache_dir else None
    if cached and cached.exists():
        shutil.copyfile(cached, target)
        return target
    import weasyprint  # slow to import: only when the PDF must be rendered

    fetcher = _site_fetcher(site_dir)
    weasyprint.HTML(string=document, base_url=str(base), url_fetcher=fetcher).write_pdf(
        target,
        stylesheets=[weasyprint.CSS(filename=str(path), url_fetcher=fetcher) for path in stylesheets],
        pdf_variant="pdf/ua-1",
    )
    if cached:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("*.pdf"):
            old.unlink()
        # Copied beside it and renamed: a killed build never leaves half a PDF in the cache.
        partial = cached.with_suffix(".pdf.deel")
        shutil.copyfile(target, partial)
        partial.replace(cached)
    return target
