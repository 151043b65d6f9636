"""MkDocs hook (mkdocs.yml `hooks:`): gives the theme templates their settings from sop/site/theme.py.

Zensical runs no hooks; sop/site/zensical.py writes the same settings into its config.
Imports nothing from MkDocs, so the module stays plain Python.
"""

from __future__ import annotations

import sys
from pathlib import Path

from markupsafe import Markup

# MkDocs loads this file by path; the project root must be importable for `sop`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from sop.site import docscheck, theme
from sop.versions import versies  # noqa: E402
from sop.data.errors import DataErrors  # noqa: E402
from sop.data.profile import load_profile  # noqa: E402


def on_config(config):
    project = Path(config.config_file_path).parent
    notices: list[str] = []
    try:
        profile = load_profile(project / "data", notices=notices)
    except DataErrors as errors:
        # As in macros.py: the Dutch report, no traceback.
        raise SystemExit(errors.report()) from None
    settings = theme.theme_settings(project, profile, config.get("site_url"), config.get("repo_url"))
    # Markup: Material's `{{ config.site_name | e }}` must not escape it a second time.
    config["site_name"] = Markup(settings["site_name"])
    config["extra"].update(settings["extra"])
    config["mdx_configs"].setdefault("abbr", {})["glossary"] = settings["glossary"]
    if "edit_uri" in settings:
        config["edit_uri"] = settings["edit_uri"]
    theme.print_notices(profile, notices)
    if not versies.history_available(project):
        # The Versies page needs git history: leave it out, say so once, build on.
        config["nav"] = versies.without_page(config["nav"])
        print(versies.NO_HISTORY, file=sys.stderr)
    return config


def on_files(files, config):
    page = files.get_file_from_path(versies.PAGE)
    if page is not None and not versies.history_available(Path(config.config_file_path).parent):
        files.remove(page)
    return files


def on_page_markdown(markdown, page, config, files):
    """A page's front matter as text: Material prints the title and description
    unescaped (in <meta>, in the header), so `"><script>` there must not become markup.
    Markup: the templates that do escape (`| e`) then leave it as it is."""
    for key in docscheck.FRONT_MATTER_TEXT:
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = Markup.escape(value)
    return markdown
