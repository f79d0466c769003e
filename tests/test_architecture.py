"""Who may import whom (ARCHITECTURE.md), checked on the source: a wrong import fails here, not in review.

- ``faq/`` is framework-free: no fastapi, starlette, rasa, rasa_sdk or sanic, and nothing of ``bot``,
  ``actions`` or ``nlu`` (the hosts import the engine, never the other way round).
- ``actions/`` never imports the web app (``bot.web``): the host hands actions their services.
- ``nlu/`` holds Rasa components only: no ``bot`` and no ``actions``.
- Nothing writes the process environment at import time, and no module is over 400 lines (migrations aside).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from faq.settings import PROJECT_ROOT

pytestmark = pytest.mark.unit

FRAMEWORKS = ("fastapi", "starlette", "rasa", "rasa_sdk", "sanic")
MAX_LINES = 400


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
