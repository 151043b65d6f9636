"""mkdocs-macros adapter for the samenwerkingsverband's overview (mkdocs-swv.yml).

Reads the SWV's files and the overview make swv gathered (its swv.json), then
registers the render functions. Nothing from MkDocs, as in macros.py.
"""

import json
import os
import sys
from pathlib import Path

# Loaded by path, like macros.py: make the project importable.
_ROOT = str(Path(__file__).resolve().parent.parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from sop.data.errors import DataErrors  # noqa: E402
from sop.swv import render  # noqa: E402
from sop.swv.config import load_config  # noqa: E402
from sop.swv.overview import from_index  # noqa: E402
from sop.swv.site import INDEX_VARIABLE, display_name, swv_folder  # noqa: E402
from sop.site.theme import MarkdownView, today as current_day  # noqa: E402


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
