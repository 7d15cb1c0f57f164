"""The arrow goes one way: ``ui -> journal``. journal/ never imports the app or Qt widgets and charts."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

JOURNAL = Path(__file__).resolve().parent.parent / "journal"
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
        "import ui.app as app",
        "from ui import events",
        "from ui.events import JournalEvents",
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
