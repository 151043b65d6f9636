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
import os
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
import yaml
from jinja2 import nodes

from sop.site.docsmarkup import markup_errors
from sop.site.themedirs import custom_dir, page_templates
from sop.data.errors import DataError, Location

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


def project_macros(project: Path, define_env: Callable) -> tuple[dict[str, Callable], dict]:
    """The macros and variables define_env gives the pages, found by running it on a stand-in."""
    collector = _Collector(project)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        define_env(collector)
    return collector.macros, collector.variables


def _front_matter(name: str, text: str, templates: set[str]) -> tuple[int, str, list[DataError]]:
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
    return lines, text[end.end():], _front_matter_fields(name, head, templates)


# The page settings the theme reads. Others are refused: 'template' would pick another
# theme template, and a mistyped name would silently do nothing.
FRONT_MATTER_TEXT = {"title", "description"}
FRONT_MATTER_HIDE = {"navigation", "toc", "footer", "path"}
FRONT_MATTER_FIELDS = sorted(FRONT_MATTER_TEXT | {"hide", "search", "template"})


def _front_matter_fields(name: str, head: str, templates: set[str]) -> list[DataError]:
    """Each page setting checked: a known name, a value of the right form."""
    root = yaml.compose(head)
    if not isinstance(root, yaml.MappingNode):
        return []
    errors, seen = [], set()

    def error(node: yaml.Node, message: str) -> None:
        errors.append(DataError(Location(name, node.start_mark.line + 1, node.start_mark.column + 1), message))

    for key_node, value_node in root.value:
        key = key_node.value
        if key in seen:
            error(key_node, f"'{key}' staat twee keer in de kop van deze pagina; laat er één staan")
        seen.add(key)
        if key in FRONT_MATTER_TEXT:
            if not isinstance(value_node, yaml.ScalarNode) or value_node.tag != "tag:yaml.org,2002:str":
                error(value_node, f"'{key}' in de kop van deze pagina is één regel tekst")
            elif "{{" in value_node.value or "{%" in value_node.value:
                error(value_node, f"in '{key}' in de kop van deze pagina werken geen macro's; schrijf gewone tekst")
        elif key == "hide":
            values = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            if not all(isinstance(item, yaml.ScalarNode) and item.value in FRONT_MATTER_HIDE for item in values):
                error(value_node, "'hide' in de kop van deze pagina is een lijst met een of meer van: "
                                  + ", ".join(sorted(FRONT_MATTER_HIDE)))
        elif key == "search":
            if not (isinstance(value_node, yaml.MappingNode) and len(value_node.value) == 1
                    and value_node.value[0][0].value == "exclude"
                    and value_node.value[0][1].value in ("true", "false")):
                error(value_node, "'search' in de kop van deze pagina kan alleen 'exclude: true' bevatten "
                                  "(de pagina niet in de zoekfunctie)")
        elif key == "template":
            if not isinstance(value_node, yaml.ScalarNode) or value_node.value not in templates:
                error(value_node, "'template' in de kop van deze pagina noemt een sjabloon van het thema: "
                                  + (", ".join(sorted(templates)) or "daar staat er geen"))
        else:
            hint = difflib.get_close_matches(str(key), FRONT_MATTER_FIELDS, n=1)
            error(key_node, f"onbekend veld '{key}' in de kop van deze pagina"
                  + (f" (bedoelt u '{hint[0]}'?)" if hint else "")
                  + "; toegestaan zijn: " + ", ".join(FRONT_MATTER_FIELDS))
    return errors


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


_NOT_ALLOWED = (
    "op een pagina mag tussen {{{{ en }}}} alleen een macro van dit profiel staan, zoals {{{{ contactgegevens() }}}}, "
    "of een gegeven van de school, zoals {{{{ school.naam }}}}; {what} is niet toegestaan"
)


# What a generator offers a page besides the project's names: the build's
# configuration, git data, the page object. Never available to a page.
GENERATOR_NAMES = {"config", "page", "environment", "plugin", "git", "macros_info", "now", "fix_url", "context",
                   "extra", "filters", "filters_builtin", "macros", "navigation", "files", "self"}


def _unknown(name: str, macros: dict, variables: dict) -> str:
    if name in GENERATOR_NAMES:
        return (f"'{name}' is op een pagina niet beschikbaar; een pagina gebruikt alleen de macro's van dit "
                f"profiel en de gegevens van de school, zoals {{{{ school.naam }}}}")
    hint = difflib.get_close_matches(name, sorted(macros) + sorted(variables), n=1)
    return f"'{name}' bestaat niet; " + (
        f"bedoelt u '{hint[0]}'?" if hint else f"de macro's zijn: {', '.join(sorted(macros))}")


def _template_problem(node: nodes.Node, macros: dict[str, Callable], variables: dict) -> str | None:
    """Why one {{ … }} expression may not stand on a page, or None.

    A page gets the project's macros, called with fixed values, and the fields of
    its variables: nothing else, so it can't read the build's configuration or
    git data, and can't reach Python objects through attributes.
    """
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        if node.node.name not in macros:
            return _unknown(node.node.name, macros, variables)
        values = list(node.args) + [keyword.value for keyword in node.kwargs]
        if node.dyn_args or node.dyn_kwargs or not all(isinstance(value, nodes.Const) for value in values):
            return f"de macro '{node.node.name}' krijgt hier iets anders dan vaste waarden, zoals niveau=3"
        return _call_problem(node.node.name, macros[node.node.name], node)
    path = []
    while isinstance(node, nodes.Getattr):
        path.insert(0, node.attr)
        node = node.node
    if not isinstance(node, nodes.Name):
        return _NOT_ALLOWED.format(what="een andere opdracht of berekening")
    if node.name in macros:
        return f"schrijf de macro met haakjes: {{{{ {node.name}() }}}}"
    if node.name not in variables:
        return _unknown(node.name, macros, variables)
    value = variables[node.name]
    for depth, attribute in enumerate(path):
        written = ".".join([node.name] + path[:depth + 1])
        if attribute.startswith("_") or not hasattr(value, attribute):
            return f"'{written}' bestaat niet; schrijf een veld uit het gegevensbestand, zoals {node.name}.naam"
        value = getattr(value, attribute)
    if not path or not isinstance(value, (str, int, float)):
        return f"schrijf een veld van '{node.name}', zoals {{{{ {node.name}.naam }}}}"
    return None


def check_page(name: str, text: str, macros: dict[str, Callable], variables: dict,
               templates: set[str] = frozenset()) -> list[DataError]:
    """Every mistake in one page; `templates` are the page templates a page may choose."""
    offset, body, errors = _front_matter(name, text, templates)
    if errors:
        return errors
    environment = jinja2.Environment()
    try:
        tree = environment.parse(body)
    except jinja2.TemplateSyntaxError as error:
        return [DataError(Location(name, (error.lineno or 1) + offset, 1), _syntax_message(error.message or ""))]
    # {% raw %} leaves no trace in the parsed page: found in the text itself.
    problems = [DataError(Location(name, body.count("\n", 0, match.start()) + 1 + offset, 1),
                          _NOT_ALLOWED.format(what="{% raw %}"))
                for match in re.finditer(r"\{%-?\s*raw\b", body)]
    for statement in tree.body:
        if not isinstance(statement, nodes.Output):
            problems.append(DataError(Location(name, statement.lineno + offset, 1),
                                      _NOT_ALLOWED.format(what="{% … %}")))
            continue
        for expression in statement.nodes:
            if isinstance(expression, nodes.TemplateData):
                continue
            problem = _template_problem(expression, macros, variables)
            if problem:
                problems.append(DataError(Location(name, expression.lineno + offset, 1), problem))
    page = name.split("/", 1)[1] if "/" in name else name
    return problems + markup_errors(name, page, body, offset)


def check_docs(project: Path, define_env: Callable) -> list[DataError]:
    """Every mistake in docs/*.md, as located Dutch errors (empty when all is well)."""
    macros, variables = project_macros(project, define_env)
    templates = page_templates(project, custom_dir(project))
    errors = _linked_entries(project)
    for path in sorted((project / "docs").rglob("*.md")) if (project / "docs").is_dir() else []:
        if path.is_symlink():
            continue  # reported above; its target is not read
        name = path.relative_to(project).as_posix()
        errors += check_page(name, path.read_text(encoding="utf-8"), macros, variables, templates)
    return errors


def _linked_entries(project: Path) -> list[DataError]:
    """A symlink in docs/ would publish whatever it points to, a file of the build machine too."""
    errors = []
    for folder, subfolders, files in os.walk(project / "docs"):
        for entry in sorted(subfolders + files):
            path = Path(folder) / entry
            if path.is_symlink():
                errors.append(DataError(Location(path.relative_to(project).as_posix(), 1, 1), (
                    "dit is een snelkoppeling (symlink) naar een ander bestand; zet in docs/ alleen gewone "
                    "bestanden, dan publiceert de site niets van buiten docs/")))
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
