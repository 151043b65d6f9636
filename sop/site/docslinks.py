"""Links between the pages in docs/: every page and heading a link names must exist.

MkDocs finds a broken link or heading anchor only in `make build`, as an English
warning; `make check` reports it here, in Dutch, on the page's own line.
Links to other sites (http, mailto) are not followed.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path, PurePosixPath
from types import SimpleNamespace

import markdown

from sop.site.docscheck import _Collector, load_define_env
from sop.site.docsmarkup import mask_templates, page_links
from sop.data.errors import DataError, Location
from sop.data.mkdocs_yml import mkdocs_config
from sop.site.sandbox import PageEnvironment

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/")
_FRONT_MATTER = re.compile(r"\A---\n.*?^(?:---|\.\.\.)\s*$", re.MULTILINE | re.DOTALL)
# MkDocs' default extensions plus those in mkdocs.yml that make ids.
_EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "abbr"]


def _page_ids(project: Path, page: str, macros: tuple[dict, dict] | None) -> set[str] | None:
    """The ids on `page` once built, or None when its macros can't be run here."""
    text = _FRONT_MATTER.sub("", (project / "docs" / page).read_text(encoding="utf-8"))
    if macros is None:
        return None
    try:
        # In the pages' own sandbox: a page is rendered here before the build, for its anchors.
        text = PageEnvironment(*macros).from_string(text).render()
    except Exception:  # noqa: BLE001: a page docscheck reports as broken; its anchors are unknown
        return None
    return set(re.findall(r'\bid="([^"]+)"', markdown.markdown(text, extensions=_EXTENSIONS)))


def _page_macros(project: Path) -> tuple[_Collector, tuple[dict, dict]] | None:
    """The pages' macros and variables, with the page being rendered settable (some macros need it)."""
    if not (project / "macros.py").exists():
        return None
    collector = _Collector(project)
    collector.conf.update(mkdocs_config(project))
    try:
        load_define_env(project)(collector)
    except Exception:  # noqa: BLE001: broken data or macros are reported by the other checks
        return None
    return collector, (collector.macros, collector.variables)


def _problem(target: str, page: str, pages: set[str], ids_of) -> str | None:
    path, _, anchor = target.partition("#")
    if path and not path.endswith(".md"):
        return None  # a download or image: MkDocs leaves those to the browser
    linked = (PurePosixPath(page).parent / path).as_posix() if path else page
    linked = PurePosixPath(*[part for part in linked.split("/") if part not in ("", ".")]).as_posix()
    if linked not in pages:
        hint = difflib.get_close_matches(linked, sorted(pages), n=1)
        return (f"de link naar '{target}' werkt niet: de pagina '{linked}' bestaat niet in docs/"
                + (f" (bedoelt u '{hint[0]}'?)" if hint else ""))
    ids = ids_of(linked) if anchor else None
    if ids is None or anchor in ids:
        return None
    headings = sorted(ids)
    hint = difflib.get_close_matches(anchor, headings, n=1)
    return (f"de link naar '{target}' werkt niet: op de pagina '{linked}' staat geen kop of onderdeel "
            f"met het adres '#{anchor}'"
            + (f" (bedoelt u '#{hint[0]}'?)" if hint else "; het adres van een kop is de kop in kleine letters, "
               "met streepjes in plaats van spaties"))


def link_errors(project: Path) -> list[DataError]:
    """Every link in docs/*.md to a page or heading that does not exist."""
    docs = project / "docs"
    if not docs.is_dir():
        return []
    pages = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")}
    rendering = _page_macros(project)
    known: dict[str, set[str] | None] = {}

    def ids_of(page: str) -> set[str] | None:
        if page not in known:
            macros = None
            if rendering:
                collector, macros = rendering
                url = "" if page == "index.md" else page[:-3] + "/"
                collector.page = SimpleNamespace(url=url, file=page, path=page)
            known[page] = _page_ids(project, page, macros)
        return known[page]

    errors = []
    for page in sorted(pages):
        text = mask_templates((docs / page).read_text(encoding="utf-8"))
        for start, written in page_links(text):
            target = written.split()[0].strip("<>") if written.split() else ""
            if not target or _SCHEME.match(target):
                continue
            problem = _problem(target, page, pages, ids_of)
            if problem:
                line = text.count("\n", 0, start) + 1
                errors.append(DataError(Location(f"docs/{page}", line, start - text.rfind("\n", 0, start)), problem))
    return errors
