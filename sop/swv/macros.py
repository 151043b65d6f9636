"""mkdocs-macros adapter for the samenwerkingsverband's overview (mkdocs-swv.yml).

Reads the SWV's files and the overview make swv gathered (its swv.json), then
registers the render functions. Nothing from MkDocs, as in sop/site/macros.py.
mkdocs-swv.yml loads it as a pluglet (`modules: [sop.swv.macros]`).
"""

import json
import os

from sop.data.errors import DataErrors
from sop.swv import render
from sop.swv.config import load_config
from sop.swv.overview import from_index
from sop.swv.site import INDEX_VARIABLE, display_name, swv_folder
from sop.site.theme import MarkdownView, today as current_day


def define_env(env):
    if not os.environ.get(INDEX_VARIABLE):
        raise SystemExit("Bouw het overzicht met 'make swv': dat haalt eerst de profielen van de scholen op.")
    folder = swv_folder()
    today = current_day()
    try:
        config = load_config(folder, display_name(folder))
    except DataErrors as errors:
        raise SystemExit(errors.report()) from None
    with open(os.environ[INDEX_VARIABLE], encoding="utf-8") as index:
        overview = from_index(config, json.load(index))

    for name, function in render.pages(overview, today).items():
        env.macro(function, name)
    env.variables["swv"] = MarkdownView(overview.config.samenwerkingsverband)
