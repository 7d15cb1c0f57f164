"""PySide6's check of each imported module gets the same answers from raw bytes as from inspect.getsource."""

from __future__ import annotations

import importlib
import inspect
import sys
from types import ModuleType

import pytest

from ui.pyside_feature_check import lighten_feature_check, uses_pyside


def uses_pyside_as_pyside_asks(module: ModuleType) -> bool:
    """PySide6's own test (shibokensupport.feature._mod_uses_pyside), written out."""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


@pytest.mark.parametrize(
    "name",
    ["ui.main_window", "ui.theme", "journal.scoring", "journal.report.templates", "sys", "_sqlite3", "json", __name__],
)
def test_the_answer_is_the_one_pyside_would_give(name: str) -> None:
    module = importlib.import_module(name)
    assert uses_pyside(module) == uses_pyside_as_pyside_asks(module)


def test_it_answers_for_pyside_once_installed() -> None:
    assert lighten_feature_check()
    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside is uses_pyside
    assert uses_pyside(importlib.import_module("ui.main_window")) is True
    assert uses_pyside(importlib.import_module("journal.scoring")) is False
