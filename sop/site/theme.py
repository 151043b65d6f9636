"""What the theme templates (sop/site/overrides/) need from data/, for MkDocs and Zensical alike.

define_env only fills the pages. The templates around them (header, <title>,
Open Graph, JSON-LD, footer, glossary tooltips) read `config`, so this module
computes those settings once per build: MkDocs gets them from the plugin in
sop/site/plugin.py, Zensical from the config file sop/site/zensical.py writes.

Every value that comes from data/ is escaped here for the one context the
template puts it in, because neither generator escapes template output:
- `site_name`: text and attribute (HTML-escaped, quotes included);
- `extra.sop_*_html`: ready-made HTML;
- `extra.sop_jsonld`: JSON inside <script>, with <, > and & as \\u escapes.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from pathlib import Path

from markupsafe import Markup, escape
from pydantic import BaseModel

from sop.versions import history
from sop.writers import render
from sop.writers.opendata import school_jsonld
from sop.writers.pdf import PDF_NAME
from sop.data.profile import Profile

# Which data files each macro shows: gives each data section its edit link and
# each page its "Laatst gewijzigd" date.
MACRO_FILES: dict[str, list[str]] = {
    "contactgegevens": ["school"],
    "inleiding": ["inleiding"],
    "visie": ["onderwijsconcept"],
    "concepten": ["onderwijsconcept"],
    "werkwijze": ["onderwijsconcept"],
    "aanpak_op_niveau": ["onderwijsconcept"],
    "extra_ondersteuning": ["onderwijsconcept"],
    "waarde_en_trots": ["waarde-en-trots"],
    "sterke_kanten": ["kansen-en-belemmeringen"],
    "meer_informatie": ["kansen-en-belemmeringen"],
    "schoolontwikkeling": ["kansen-en-belemmeringen"],
    "grenzen": ["kansen-en-belemmeringen"],
    "plaatsing": ["kansen-en-belemmeringen"],
    "zicht_op_ontwikkeling": ["ondersteuningsstructuur"],
    "gesprekkencyclus_intern": ["ondersteuningsstructuur"],
    "gesprekkencyclus_ouders": ["ondersteuningsstructuur"],
    "zorgroute": ["ondersteuningsstructuur"],
    "interne_expertise": ["expertise"],
    "sociale_veiligheid": ["sociale-veiligheid"],
    "externe_deskundigen": ["externe-deskundigen"],
    "aantallen": ["aantallen"],
    "open_data": [],
    "in_het_kort": ["in-het-kort"],
    "in_het_kort_niveaus": ["in-het-kort", "stappenplan"],
    "in_het_kort_grenzen": ["in-het-kort", "kansen-en-belemmeringen"],
    "aanspreekpunten": ["in-het-kort", "expertise", "sociale-veiligheid", "externe-deskundigen"],
    "basisondersteuning_overzicht": ["basisondersteuning"],
    "basisondersteuning": ["basisondersteuning"],
    "stappenplan": ["stappenplan", "in-het-kort"],
    "begrippenlijst": ["begrippen"],
    "formele_status": ["status", "aantallen"],
    "toegankelijkheid_verklaring": ["verklaringen"],
    "toegankelijkheid_melden": ["verklaringen"],
    "controle_wijzigingen": ["verklaringen"],
    "versiegeschiedenis": [],
    # Adopting a version is filling in vastgesteld_op there (sop/versions/versies.py).
    "versies": ["status"],
}
# A page's "Laatst gewijzigd" follows these; the Versies page shows changes in
# any data file (not adopted yet), so every one of them (a git pathspec).
LAST_CHANGED_FILES = {**MACRO_FILES, "versies": ["*"]}

# Edit links point at the repository (REPO_URL, set by the workflow), branch main.
EDIT_BASE = "edit/main/"
SITE_NAME_PREFIX = "Schoolondersteuningsprofiel"
# Linked from every page's footer.
ACCESSIBILITY_PAGE = "toegankelijkheid.md"


def today() -> datetime.date:
    """SOP_VANDAAG (jjjj-mm-dd) fixes "today" for tests of the renewal notice."""
    return datetime.date.fromisoformat(os.environ.get("SOP_VANDAAG") or datetime.date.today().isoformat())


def page_url(source: str) -> str:
    """A page's URL as both generators give it to templates: 'index.md' -> '', 'over.md' -> 'over/'."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def script_json(value) -> str:
    """JSON that can stand inside <script>: no '</script>', '<!--' or ']]>' can form."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def site_name(profile: Profile) -> Markup:
    """The site's name, HTML-escaped (quotes too): the templates print it as it is,
    in text (<title>, header) and in attributes (og:site_name, aria-label)."""
    return escape(f"{SITE_NAME_PREFIX} {profile.school.naam}")


def pdf_word_html(glossary: dict[str, str]) -> Markup:
    """'PDF' in the footer's download link, with the glossary's explanation as tooltip."""
    return Markup('<abbr title="{}">PDF</abbr>').format(glossary["PDF"]) if "PDF" in glossary else Markup("PDF")


def theme_settings(project: Path, profile: Profile, site_url: str | None, repo_url: str | None) -> dict:
    """The configuration the templates read, as a mapping both generators accept.

    Keys: site_name, edit_uri (only with a repository), extra (sop_*), and
    glossary (for Python-Markdown's abbr extension in the prose of docs/).
    """
    glossary = render.abbreviation_glossary(profile.begrippen)
    page_files = history.data_files_per_page(project / "docs", LAST_CHANGED_FILES)
    changed = {
        page: render.dutch_date(day) for page, day in history.last_changed_per_page(project, page_files).items()
    }
    notice = render.renewal_notice(profile.status, today())
    extra = {
        "sop_pdf": PDF_NAME,
        "sop_pdf_woord_html": str(pdf_word_html(glossary)),
        # Per page, by its URL (the one page attribute both generators have), as HTML.
        "sop_laatst_gewijzigd_html": {
            page_url(page): f"<p>Laatst gewijzigd: {escape(day)}</p>" for page, day in changed.items()},
        "sop_melding_html": str(Markup('<p class="sop-aankondiging">{}</p>').format(notice[1])) if notice else "",
        "sop_toegankelijkheid": page_url(ACCESSIBILITY_PAGE) if (project / "docs" / ACCESSIBILITY_PAGE).exists() else "",
        "sop_jsonld": script_json(school_jsonld(profile, site_url)) if site_url else "",
    }
    settings = {"site_name": str(site_name(profile)), "extra": extra, "glossary": glossary}
    if repo_url:
        settings["edit_uri"] = f"{EDIT_BASE}docs/"
    return settings


class MarkdownView:
    """A data object as docs/*.md sees it: every text comes out escaped for inline markdown.

    `{{ school.naam }}` stands in a heading or sentence; a `*`, `<`, `[` or
    `{ … }` in the name must show as typed, never become markup, a link or an
    attribute list.
    """

    def __init__(self, value):
        self._value = value

    def __getattr__(self, name: str):
        return markdown_view(getattr(self._value, name))

    def __str__(self) -> str:
        return markdown_view(str(self._value))


def markdown_view(value):
    if isinstance(value, str):
        # One line: a line break would end the heading or paragraph it stands in.
        return render.escape_markdown(" ".join(value.split()))
    if isinstance(value, (list, tuple)):
        return [markdown_view(item) for item in value]
    if isinstance(value, BaseModel):
        return MarkdownView(value)
    return value


def print_notices(profile: Profile, notices: list[str]) -> None:
    """Data notices and the renewal warning, once per build.

    Printed, not logged: a warning in --strict mode would stop publication.
    """
    for item in notices:
        print(f"Let op: {item}", file=sys.stderr)
    notice = render.renewal_notice(profile.status, today())
    if notice:
        print(f"Waarschuwing: {notice[1]} Werk data/status.yml bij.", file=sys.stderr)
