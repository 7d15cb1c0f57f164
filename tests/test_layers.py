"""The arrows go one way: ``ui -> journal``, journal/ never imports the app or Qt widgets, and no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JOURNAL = ROOT / "journal"
FORBIDDEN = ("ui", "PySide6.QtWidgets", "PySide6.QtCharts")


def forbidden_imports(source: str) -> list[str]:
    """Every import of a forbidden module in ``source``, at any depth (inside functions, try blocks...)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call) and _is_dynamic_import(node):
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                names = [argument.value]
        found += [n for n in names if any(n == f or n.startswith(f + ".") for f in FORBIDDEN)]
    return found


def _is_dynamic_import(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in ("import_module", "__import__") and bool(node.args)


@pytest.mark.parametrize(
    "source",
    [
        "import ui",
        "import ui.start_up.app as app",
        "from ui import events",
        "from ui.window.events import JournalEvents",
        "def f():\n    if True:\n        from PySide6.QtWidgets import QApplication\n",
        "from PySide6 import QtWidgets",
        "import PySide6.QtCharts",
        "try:\n    import PySide6.QtWidgets\nexcept ImportError:\n    pass\n",
        "import importlib\nimportlib.import_module('ui.launcher')",
        "class A:\n    def m(self):\n        from PySide6 import QtCharts\n",
    ],
)
def test_the_checker_catches_forbidden_imports(source: str) -> None:
    assert forbidden_imports(source)


@pytest.mark.parametrize(
    "source",
    ["import uix", "from journal import ui_text", "from PySide6.QtGui import QImage", "import PySide6.QtCore"],
)
def test_the_checker_lets_other_imports_pass(source: str) -> None:
    assert forbidden_imports(source) == []


def test_journal_never_imports_the_ui_or_qt_widgets() -> None:
    files = sorted(JOURNAL.rglob("*.py"))
    assert len(files) > 20
    offenders = {
        str(path.relative_to(JOURNAL.parent)): found
        for path in files
        if (found := forbidden_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, f"journal/ must not import the desktop app or Qt widgets/charts: {offenders}"


# --- no import cycles ----------------------------------------------------------------------------


def project_imports(source: str, known: set[str]) -> set[str]:
    """The project modules ``source`` imports, at any depth; those made only for type hints count too,
    since a type named in a module is a dependency on the module that defines it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # "from package import module" names a module; "from module import name" names the module
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in known else node.module)
    return {name for name in found if name in known}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_cycle_finder_finds_a_cycle_through_three_modules() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_imports_for_type_hints_and_inside_functions_count() -> None:
    known = {"ui.a", "ui.b", "ui.pkg", "ui.pkg.mod"}
    source = (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ui.a import A\n"
        "def f():\n    import ui.b\nfrom ui.pkg import mod\n"
    )
    assert project_imports(source, known) == {"ui.a", "ui.b", "ui.pkg.mod"}


def test_no_module_of_the_app_imports_itself_back() -> None:
    files = [p for folder in ("journal", "ui") for p in sorted((ROOT / folder).rglob("*.py"))]
    known = {module_name(path) for path in files}
    graph = {module_name(path): project_imports(path.read_text(encoding="utf-8"), known) for path in files}
    assert import_cycles(graph) == []


def test_every_package_says_what_lives_in_it() -> None:
    packages = [p.parent for folder in ("journal", "ui", "resources") for p in (ROOT / folder).rglob("__init__.py")]
    assert len(packages) > 10
    silent = [
        str(package.relative_to(ROOT))
        for package in packages
        if len((ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))) or "").split()) < 8
    ]
    assert silent == [], "each package's __init__.py says in a sentence or two what lives there"
