"""The layers of sop/ stay visible: no module imports its way back up (issue 19).

Each subpackage of sop/ is a layer, and a module imports only from its own
layer or the ones below it:

    sop.vendor    files of other projects the package ships (the editor, axe-core)
    sop.data      reading and validating: data/, mkdocs.yml, the SWV's frame, the
                  published schemas, migrations, and what a command says when it fails
    sop.writers   data -> HTML, schoolgids, PDF, open data, the JSON Schema files
    sop.versions  what git knows: history, versions, comparisons
    sop.site      the MkDocs/Zensical glue: theme, build, serve, check, downloads
    sop.swv       the samenwerkingsverband's overview
    top level     sop/cli.py, sop/__main__.py, sop/bench.py (and any other module
                  directly in sop/)

and no modules import each other in a circle, within a layer either. Every
import counts, also one inside a function or under TYPE_CHECKING: it is still a
dependency. The modules are read with `ast`, never imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

SOP = Path(__file__).resolve().parent.parent / "sop"
LAYERS = ("vendor", "data", "writers", "versions", "site", "swv")
TOP = "top level"
ORDER = " < ".join((*(f"sop.{layer}" for layer in LAYERS), TOP))


def _modules() -> dict[str, Path]:
    """Dotted module name -> its file, for every module under sop/."""
    modules = {}
    for path in sorted(SOP.rglob("*.py")):
        parts = path.relative_to(SOP.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The sop modules that the module in `path` imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: a relative import; sop/ imports absolutely (from sop.x import y)"
            # `from sop.data import kader` imports the module sop.data.kader.
            found.update(f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in modules else node.module
                         for alias in node.names)
    return {name for name in found if name in modules}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, modules) - {name} for name, path in modules.items()}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else TOP


def _rank(module: str) -> int:
    return (*LAYERS, TOP).index(layer(module))


def _path(graph: dict[str, set[str]], start: str, goal: str) -> list[str] | None:
    """The shortest chain of imports from `start` to `goal`, both included."""
    previous = {start: None}
    queue = [start]
    for current in queue:
        if current == goal:
            chain = [current]
            while previous[chain[-1]] is not None:
                chain.append(previous[chain[-1]])
            return chain[::-1]
        for following in sorted(graph[current]):
            if following not in previous:
                previous[following] = current
                queue.append(following)
    return None


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle of imports for each module that has an import leading back to it."""
    cycles, seen = [], set()
    for module in sorted(graph):
        for imported in sorted(graph[module]):
            back = _path(graph, imported, module)
            if back and module not in seen:
                cycles.append([module, *back])
                seen.update(back)
    return cycles


def upward_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    return sorted((module, imported) for module, imports in graph.items()
                  for imported in imports if _rank(imported) > _rank(module))


def test_no_module_imports_from_a_higher_layer():
    problems = [f"{module} (layer {layer(module)}) imports {imported} (layer {layer(imported)})"
                for module, imported in upward_imports(_graph())]
    assert not problems, (f"A module may import only from its own layer or a lower one ({ORDER}); move the "
                          "shared piece down instead:\n" + "\n".join(problems))


def test_no_modules_import_each_other_in_a_circle():
    problems = [f"{cycle[0]} imports {cycle[1]}, which leads back to {cycle[0]}: " + " -> ".join(cycle)
                for cycle in import_cycles(_graph())]
    assert not problems, ("Import cycles between sop modules; move what both need into a module below "
                          "them:\n" + "\n".join(problems))


def test_the_checks_see_a_cycle_and_an_upward_import():
    """The two checks above would see what they look for (not vacuously green)."""
    graph = {"sop.data.a": {"sop.data.b"}, "sop.data.b": {"sop.data.a", "sop.swv.c"}, "sop.swv.c": set()}
    assert import_cycles(graph) == [["sop.data.a", "sop.data.b", "sop.data.a"]]
    assert upward_imports(graph) == [("sop.data.b", "sop.swv.c")]
    graph = _graph()
    assert "sop.data.profile" in graph["sop.site.build"] | graph["sop.site.check"]
    assert {layer(module) for module in graph} == {*LAYERS, TOP}
