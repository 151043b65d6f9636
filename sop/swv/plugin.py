"""The MkDocs plugin `sop-swv` (mkdocs-swv.yml): the package's theme for the overview,
with its filter script, and the theme's settings from swv/, as the plugin `sop`
gives them for a school's site (sop/site/plugin.py, sop/site/theme.py)."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.plugins import BasePlugin, event_priority

from sop.data.errors import DataErrors
from sop.swv.config import load_config
from sop.swv.pdf import PDF_NAME
from sop.swv.render import glossary
from sop.writers.render import dutch_date
from sop.swv.site import INDEX_VARIABLE, display_name, swv_folder
from sop.site.plugin import add_package_theme
from sop.site.themedirs import PACKAGE_OVERRIDES
from sop.data.mkdocs_yml import nav_pages
from sop.site.theme import page_url, pdf_word_html, script_json, today


def swv_jsonld(swv, site_url: str) -> dict:
    """schema.org JSON-LD for the samenwerkingsverband; this site is about it."""
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": f"{site_url}#samenwerkingsverband",
        "name": swv.naam,
        "url": swv.website,
        **({"email": swv.email} if swv.email else {}),
        "subjectOf": {"@type": "WebSite", "name": swv.naam, "url": site_url, "inLanguage": "nl-NL"},
    }


def reference_date() -> datetime.date:
    """The day the gathered overview holds for (its swv.json), so the pages say what their counts say."""
    index = os.environ.get(INDEX_VARIABLE)
    if not index:
        return today()
    with open(index, encoding="utf-8") as file:
        return datetime.date.fromisoformat(json.load(file)["stand_van"])


def reference_html(config) -> dict[str, str]:
    """'Stand van <datum>' under every page, by its URL (as the school's 'Laatst gewijzigd')."""
    line = f'<p class="swv-stand">Stand van {escape(dutch_date(reference_date()))}</p>'
    return {page_url(source): line for source, _ in nav_pages(config["nav"])}


# The filter of the grids on Basisondersteuning and Expertise (sop/swv/render_grids.py).
THEME = Path(__file__).with_name("theme")
SCRIPTS = ("javascripts/filter.js",)


class Overview(BasePlugin):
    # First: Material's search plugin reads the theme's language template in its own on_config.
    @event_priority(100)
    def on_config(self, config):
        add_package_theme(config, folders=(PACKAGE_OVERRIDES, THEME))
        config.extra_javascript[:0] = [script for script in SCRIPTS if script not in config.extra_javascript]
        folder = swv_folder()
        try:
            swv = load_config(folder, display_name(folder)).samenwerkingsverband
        except DataErrors as errors:
            raise SystemExit(errors.report()) from None
        # Markup: escaped once here, printed as it is by the templates (as sop/site/theme.py does).
        config["site_name"] = Markup(escape(swv.naam))
        site_url = config.get("site_url")
        config["extra"].update({
            "sop_pdf": "",
            "sop_laatst_gewijzigd_html": reference_html(config),
            # The whole overview as PDF (sop/swv/pdf.py), linked under every page.
            "swv_pdf": PDF_NAME,
            "sop_pdf_woord_html": str(pdf_word_html(glossary(swv))),
            "sop_melding_html": "",
            "sop_toegankelijkheid": "",
            "sop_jsonld": script_json(swv_jsonld(swv, site_url)) if site_url else "",
        })
        config["mdx_configs"].setdefault("abbr", {})["glossary"] = glossary(swv)
        return config
