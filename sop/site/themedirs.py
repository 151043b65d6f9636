"""Where the theme's templates and stylesheets are: the package's, under a school's own.

Plain Python (no MkDocs): the docs check and the Zensical config use it too.
"""

from __future__ import annotations

from pathlib import Path

import yaml

# Material's templates overridden by the package, with the stylesheets beside
# them: MkDocs and Zensical copy a theme folder's other files into the site.
PACKAGE_OVERRIDES = Path(__file__).with_name("overrides")
STYLESHEETS = ("stylesheets/sop.css", "stylesheets/toegankelijkheid.css")


def template_dirs(project: Path, custom_dir: str | None) -> list[Path]:
    """The school's own overrides (mkdocs.yml's custom_dir) first, so it can replace one template; then the package's."""
    own = [project / custom_dir] if custom_dir else []
    return [*own, PACKAGE_OVERRIDES]


def page_templates(project: Path, custom_dir: str | None) -> set[str]:
    """The templates a page may name in its front matter ('template: licht.html')."""
    return {path.name for folder in template_dirs(project, custom_dir) for path in folder.glob("*.html")}


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml with its `!ENV` (and other) tags read as null: only custom_dir is wanted."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def custom_dir(project: Path) -> str | None:
    """mkdocs.yml's theme.custom_dir: the school's own template overrides, if any."""
    path = project / "mkdocs.yml"
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader) if path.is_file() else None
    theme = config.get("theme") if isinstance(config, dict) else None
    folder = theme.get("custom_dir") if isinstance(theme, dict) else None
    return folder if isinstance(folder, str) else None
