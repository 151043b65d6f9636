"""`make build-zensical`: the same site built with Zensical, MkDocs' and Material's successor.

The pipeline is make build's (sop/site/build.py: check data/ and docs/, build into a
hidden folder, PDF, downloads, swap in); only the generator differs. Zensical
reads mkdocs.yml but runs no MkDocs hooks, so the settings the theme needs
(sop/site/theme.py) go into a config file written next to it, which pulls in
mkdocs.yml with INHERIT.

Run it with the Python of .venv-zensical (requirements-zensical.txt).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from sop.data.mkdocs_yml import mkdocs_config
from sop.site import build as pipeline
from sop.site.themedirs import STYLESHEETS, custom_dir, template_dirs
from sop.versions import versies

SITE = "site-zensical"
# In the project folder: Zensical takes the folder of its config as the project root.
CONFIG = ".zensical.yml"


# Zensical's own partials that print config.site_name through `| e`. sop/site/theme.py
# escapes the name already; MkDocs gets it as Markup, which `| e` leaves alone,
# but Zensical's template engine would escape it twice ("&amp;amp;").
SITE_NAME_PARTIALS = ("partials/header.html", "partials/nav.html")
# Not in .cache/: Zensical empties that with --clean.
OVERRIDES = Path(".site-zensical-thema")


def theme_overrides(project: Path) -> Path:
    """The package's theme folder, the school's own custom_dir over it, plus Zensical's
    own header and nav without the second escape.

    Made from the installed Zensical, so a new version brings its own partials.
    """
    import shutil

    import zensical

    target = project / OVERRIDES
    shutil.rmtree(target, ignore_errors=True)
    for folder in reversed(template_dirs(project, custom_dir(project))):
        shutil.copytree(folder, target, dirs_exist_ok=True)
    templates = Path(zensical.__file__).parent / "templates"
    for name in SITE_NAME_PARTIALS:
        if (target / name).exists():
            continue  # the theme folder has its own
        text = (templates / name).read_text(encoding="utf-8")
        if "config.site_name | e" not in text:
            raise RuntimeError(f"Zensical's {name} no longer prints 'config.site_name | e'; check sop/site/zensical.py")
        (target / name).write_text(text.replace("config.site_name | e", "config.site_name"), encoding="utf-8")
    return target


def write_config(project: Path, site_dir: Path) -> Path:
    """Zensical's config: mkdocs.yml, plus what sop/site/plugin.py gives MkDocs."""
    from sop.site import theme
    from sop.data.profile import load_profile

    notices: list[str] = []
    profile = load_profile(project / "data", notices=notices)
    mkdocs = mkdocs_config(project)
    settings = theme.theme_settings(project, profile, mkdocs.get("site_url"), mkdocs.get("repo_url"))
    config = {
        "INHERIT": "mkdocs.yml",
        "site_name": settings["site_name"],
        "site_dir": str(site_dir),
        "extra": settings["extra"],
        # The package's stylesheets, in its theme folder (mkdocs.yml lists only a school's own).
        "extra_css": list(STYLESHEETS),
        # Zensical appends lists from INHERIT: this abbr entry adds the glossary to mkdocs.yml's.
        "markdown_extensions": [{"abbr": {"glossary": settings["glossary"]}}],
        # Material's look, not Zensical's new one; Dutch search (Zensical takes
        # the search language from the theme's, and mkdocs.yml's is 'custom').
        "theme": {"variant": "classic", "language": "nl", "custom_dir": theme_overrides(project).relative_to(project).as_posix()},
    }
    if "edit_uri" in settings:
        config["edit_uri"] = settings["edit_uri"]
    if not versies.history_available(project):
        config = _without_versies(mkdocs, config)
        print(versies.NO_HISTORY, file=sys.stderr)
    path = project / CONFIG
    path.write_text(
        "# Written by sop/site/zensical.py for each Zensical build; do not edit.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    theme.print_notices(profile, notices)
    return path


def _without_versies(mkdocs: dict, config: dict) -> dict:
    """The config without the Versies page (no git history), as MkDocs' hook leaves it out.

    INHERIT can only add to mkdocs.yml's nav, so this config is mkdocs.yml itself
    (its !ENV values as this build sees them) merged as INHERIT would: dicts
    merged, lists appended. draft_docs keeps the page out of the site.
    """
    def merged(parent, child):
        if isinstance(parent, dict) and isinstance(child, dict):
            return {**parent, **{key: merged(parent[key], value) if key in parent else value
                                 for key, value in child.items()}}
        if isinstance(parent, list) and isinstance(child, list):
            return parent + child
        return child

    base = {key: value for key, value in mkdocs.items() if value is not None}
    base["nav"] = versies.without_page(base.get("nav"))
    own = {key: value for key, value in config.items() if key != "INHERIT"}
    return {**merged(base, own), "draft_docs": f"{base.get('draft_docs') or ''}{versies.PAGE}\n"}


def zensical_command(project: Path, site_dir: Path) -> list[str]:
    config = write_config(project, site_dir)
    return [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "--config-file", str(config)]


def build(project: Path, site_dir: Path) -> int:
    """make build's pipeline with Zensical as the generator."""
    production = pipeline.mkdocs_command
    pipeline.mkdocs_command = zensical_command
    try:
        return pipeline.build(project, site_dir)
    finally:
        pipeline.mkdocs_command = production


if __name__ == "__main__":
    root = Path.cwd()
    sys.exit(build(root, root / (sys.argv[1] if len(sys.argv) > 1 else SITE)))
