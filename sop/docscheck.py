"""Check the pages in docs/ before a build: front matter, {{ … }} syntax and macro calls.

MkDocs publishes broken front matter as a visible line and heading, and a macro
mistake surfaces as an English traceback with a line number that skips the
front matter. Here each mistake gets a Dutch message with the .md file and its
real line, like a mistake in data/.
"""

from __future__ import annotations

import contextlib
import difflib
import inspect
import io
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
import yaml
from jinja2 import nodes

from .errors import DataError, Location

# What mkdocs-macros itself offers to every page, besides the project's macros.
BUILTINS = {"config", "page", "environment", "plugin", "git", "macros_info", "now", "fix_url", "context",
            "extra", "filters", "filters_builtin", "macros", "navigation", "files"}
_FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)\s*$", re.MULTILINE)


class _Conf(dict):
    """Stands in for the generator's configuration: an absent section reads as empty."""

    def __missing__(self, key):
        value = None if key in ("repo_url", "site_url", "nav") else {}
        self[key] = value
        return value


class _Collector:
    """Stands in for mkdocs-macros' env while define_env registers the macros."""

    def __init__(self, project: Path):
        self.project_dir = str(project)
        self.conf = _Conf()
        self.variables: dict = {}
        self.macros: dict[str, Callable] = {}
        self.page = None

    def macro(self, function: Callable, name: str | None = None) -> Callable:
        self.macros[name or function.__name__] = function
        return function

    def filter(self, function: Callable, name: str | None = None) -> Callable:
        return function


def project_macros(project: Path, define_env: Callable) -> tuple[dict[str, Callable], set[str]]:
    """The macros and variables define_env gives the pages, found by running it on a stand-in."""
    collector = _Collector(project)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        define_env(collector)
    return collector.macros, set(collector.variables)


def _front_matter(name: str, text: str) -> tuple[int, str, list[DataError]]:
    """(lines taken by the front matter, the page body, errors)."""
    if not text.startswith("---"):
        return 0, text, []
    end = _FRONT_MATTER_END.search(text, 3)
    if not end or text[:end.start()].count("\n") == 0:
        return 0, text, [DataError(Location(name, 1, 1), (
            "de kop van deze pagina (tussen twee regels met ---) wordt niet afgesloten; zet na de "
            "laatste regel van de kop een regel met alleen ---"))]
    head = text[3:end.start()]
    # The body starts on the line of the closing '---': its line n is file line lines + n.
    lines = text[:end.end()].count("\n")
    try:
        meta = yaml.safe_load(head)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line if mark else 0) + 1
        return lines, text[end.end():], [DataError(Location(name, line, 1), (
            "de kop van deze pagina (tussen de regels met ---) is geen geldige YAML; schrijf elke "
            "regel als 'naam: waarde' en zet een waarde met ': ' erin tussen aanhalingstekens"))]
    if meta is not None and not isinstance(meta, dict):
        return lines, text[end.end():], [DataError(Location(name, 2, 1), (
            "de kop van deze pagina (tussen de regels met ---) moet regels 'naam: waarde' bevatten, "
            "zoals 'description: Korte beschrijving van de pagina'"))]
    return lines, text[end.end():], []


def _syntax_message(problem: str) -> str:
    if "unexpected end of template" in problem or "expected token 'end of print statement'" in problem:
        return "een {{ of {% wordt niet gesloten; zet }} (of %}) aan het eind, op dezelfde regel"
    return f"de opmaak met {{{{ … }}}} klopt hier niet ({problem}); kijk of elke {{{{ een }}}} heeft"


def _call_problem(name: str, function: Callable, call: nodes.Call) -> str | None:
    """Why a macro call's arguments don't fit, or None."""
    if call.dyn_args or call.dyn_kwargs:
        return None
    if not all(isinstance(arg, nodes.Const) for arg in call.args) or \
            not all(isinstance(kwarg.value, nodes.Const) for kwarg in call.kwargs):
        return None
    signature = inspect.signature(function)
    try:
        signature.bind(*(arg.value for arg in call.args), **{kw.key: kw.value.value for kw in call.kwargs})
    except TypeError:
        accepted = ", ".join(
            f"{parameter.name}={parameter.default!r}" if parameter.default is not parameter.empty else parameter.name
            for parameter in signature.parameters.values()
        )
        return (f"de macro '{name}' krijgt hier andere waarden dan hij kent; "
                + (f"schrijf {name}() of geef {accepted}" if accepted else f"schrijf {name}() zonder iets tussen de haakjes"))
    return None


def check_page(name: str, text: str, macros: dict[str, Callable], variables: set[str]) -> list[DataError]:
    offset, body, errors = _front_matter(name, text)
    if errors:
        return errors
    environment = jinja2.Environment()
    try:
        tree = environment.parse(body)
    except jinja2.TemplateSyntaxError as error:
        return [DataError(Location(name, (error.lineno or 1) + offset, 1), _syntax_message(error.message or ""))]
    known = set(macros) | variables | BUILTINS
    assigned = {target.name for node in tree.find_all((nodes.Assign, nodes.For)) for target in
                node.target.find_all(nodes.Name)} | {
        target.name for target in tree.find_all(nodes.Name) if target.ctx == "store"}
    problems = []
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name in macros:
            problem = _call_problem(call.node.name, macros[call.node.name], call)
            if problem:
                problems.append(DataError(Location(name, call.lineno + offset, 1), problem))
    for used in tree.find_all(nodes.Name):
        if used.ctx == "load" and used.name not in known and used.name not in assigned:
            hint = difflib.get_close_matches(used.name, sorted(macros) + sorted(variables), n=1)
            known_list = f"bedoelt u '{hint[0]}'?" if hint else f"de macro's zijn: {', '.join(sorted(macros))}"
            problems.append(DataError(Location(name, used.lineno + offset, 1), (
                f"'{used.name}' bestaat niet; {known_list}")))
    return problems


def check_docs(project: Path, define_env: Callable) -> list[DataError]:
    """Every mistake in docs/*.md, as located Dutch errors (empty when all is well)."""
    macros, variables = project_macros(project, define_env)
    errors = []
    for path in sorted((project / "docs").rglob("*.md")) if (project / "docs").is_dir() else []:
        name = path.relative_to(project).as_posix()
        errors += check_page(name, path.read_text(encoding="utf-8"), macros, variables)
    return errors


def load_define_env(project: Path) -> Callable:
    """The project's define_env, from its own macros.py (the project may be a copy)."""
    import importlib.util
    import sys

    sys.path.insert(0, str(project))
    try:
        spec = importlib.util.spec_from_file_location("_sop_macros", project / "macros.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(project))
    return module.define_env


def docs_errors(project: Path) -> list[DataError]:
    # Without a macros.py there are no macros: the pages are still checked.
    define_env = load_define_env(project) if (project / "macros.py").exists() else (lambda env: None)
    return check_docs(project, define_env)
