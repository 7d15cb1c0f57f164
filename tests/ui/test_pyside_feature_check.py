"""PySide6's check of each imported module gets the same answers from raw bytes as from inspect.getsource."""

from __future__ import annotations

import importlib
import inspect
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from ui.pyside_feature_check import lighten_feature_check


def uses_pyside_as_pyside_asks(module: ModuleType) -> bool:
    """PySide6's own test (shibokensupport.feature._mod_uses_pyside), written out."""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


@pytest.fixture(scope="module")
def installed() -> Callable[[ModuleType], bool]:
    assert lighten_feature_check()
    assert lighten_feature_check()  # a second call keeps the one installed
    check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    assert check.reads_bytes
    return check  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "name",
    ["ui.main_window", "ui.theme", "journal.scoring", "journal.report.templates", "sys", "_sqlite3", "json", __name__],
)
def test_the_answer_is_the_one_pyside_would_give(installed: Callable[[ModuleType], bool], name: str) -> None:
    module = importlib.import_module(name)
    assert installed(module) == uses_pyside_as_pyside_asks(module)


def test_a_zipped_module_is_asked_pyside_s_own_way(
    installed: Callable[[ModuleType], bool], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "zipped.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped_qt_user.py", "import PySide6.QtCore\n")
    monkeypatch.syspath_prepend(str(archive))
    module = importlib.import_module("zipped_qt_user")
    assert installed(module) is True == uses_pyside_as_pyside_asks(module)
