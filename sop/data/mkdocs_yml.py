"""mkdocs.yml as both generators read it, and the pages of its navigation.

Read by the site's build and by make wijzigingen (page titles), so it stands
below both.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import yaml


def nav_pages(nav) -> Iterator[tuple[str, str]]:
    """(source file, title) of each page in the navigation, in order.

    MkDocs keeps mkdocs.yml's shape ({title: file}); Zensical turns each entry
    into {"title": …, "url": file, "children": […]}.
    """
    for entry in nav or []:
        if isinstance(entry, list):
            yield from nav_pages(entry)
        elif isinstance(entry, dict) and "children" in entry and "url" in entry:
            if entry["url"]:
                yield entry["url"], entry["title"]
            yield from nav_pages(entry["children"])
        elif isinstance(entry, dict):
            for title, source in entry.items():
                if isinstance(source, str):
                    yield source, title
                else:
                    yield from nav_pages(source)


class _EnvLoader(yaml.SafeLoader):
    """mkdocs.yml as both generators read it: `!ENV [NAME, default]` resolved."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node):
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    *names, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[name] for name in names if name in os.environ), default)


_EnvLoader.add_constructor("!ENV", _env_tag)


def mkdocs_config(project: Path) -> dict:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
