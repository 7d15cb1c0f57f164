"""A Qt application for drawing without a screen (charts and reports from the command line)."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication


def ensure_gui_application() -> QApplication:
    """The running QApplication, or a new offscreen one when none runs (command line, tests)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication(["mutual-aid-journal"])
