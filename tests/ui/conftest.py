"""Fixtures for the desktop app's tests: window settings kept in tmp_path, the demo semester, a main window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from journal.demo import fill_demo_journal
from journal.records.terms import TermInfo
from journal.storage.journal_file import Journal


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, qapp: object) -> Iterator[Path]:
    """QSettings of each test live in its own folder, never in the user's real settings."""
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QCoreApplication.setOrganizationName("mutual-aid-journal-tests")
    QCoreApplication.setApplicationName("Mutual Aid Journal tests")
    yield folder


@pytest.fixture
def demo_journal(journal: Journal) -> tuple[Journal, TermInfo]:
    term = fill_demo_journal(journal)
    return journal, term


def _shown_window(journal: Journal, qtbot):  # type: ignore[no-untyped-def]
    from ui.window.main_window import MainWindow

    window = MainWindow(journal)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


@pytest.fixture
def main_window(journal: Journal, qtbot):  # type: ignore[no-untyped-def]
    return _shown_window(journal, qtbot)


@pytest.fixture
def demo_window(demo_journal, qtbot):  # type: ignore[no-untyped-def]
    journal, _term = demo_journal
    return _shown_window(journal, qtbot)
