"""The MkDocs plugin `sop` (mkdocs.yml: `plugins: [..., sop]`): what a school's site takes from the package.

- the theme's templates and stylesheets (sop/site/themedirs.py), under the school's
  own custom_dir, so a school can still replace one template or add its own CSS;
- the theme's settings from data/: site name, footer, JSON-LD, glossary (sop/site/theme.py);
- no Versies page without git history, and page titles kept as text.

Zensical runs no MkDocs plugins; sop/site/zensical.py writes the same into its config.
"""

from __future__ import annotations

import sys
from pathlib import Path

from markupsafe import Markup
from mkdocs.plugins import BasePlugin, event_priority

from sop.data.errors import DataErrors
from sop.data.profile import load_profile
from sop.site import docscheck, theme
from sop.site.themedirs import PACKAGE_OVERRIDES, STYLESHEETS
from sop.versions import versies


def add_package_theme(config, stylesheets=STYLESHEETS, folders=(PACKAGE_OVERRIDES,)) -> None:
    """The package's theme folders right after the site's own custom_dir, and its
    stylesheets before the site's own extra_css (so the site's own rules win)."""
    position = 1 if config.theme.custom_dir else 0
    config.theme.dirs[position:position] = [str(folder) for folder in folders]
    config.extra_css[:0] = [sheet for sheet in stylesheets if sheet not in config.extra_css]


class SchoolSite(BasePlugin):
    # First: Material's search plugin reads the theme's language template in its own on_config.
    @event_priority(100)
    def on_config(self, config):
        add_package_theme(config)
        project = Path(config.config_file_path).parent
        notices: list[str] = []
        try:
            profile = load_profile(project / "data", notices=notices)
        except DataErrors as errors:
            # As in macros: the Dutch report, no traceback.
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

    def on_files(self, files, config):
        page = files.get_file_from_path(versies.PAGE)
        if page is not None and not versies.history_available(Path(config.config_file_path).parent):
            files.remove(page)
        return files

    def on_page_markdown(self, markdown, page, config, files):
        """A page's front matter as text: Material prints the title and description
        unescaped (in <meta>, in the header), so `"><script>` there must not become markup.
        Markup: the templates that do escape (`| e`) then leave it as it is."""
        for key in docscheck.FRONT_MATTER_TEXT:
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = Markup.escape(value)
        return markdown
