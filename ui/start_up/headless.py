"""A Qt application for drawing without a screen (charts and reports from the command line)."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication

from ui.start_up.bundled_fonts import prepare_fonts


def ensure_gui_application() -> QApplication:
    """The running QApplication, or a new offscreen one when none runs (command line, tests).

    Either way the shipped fonts are registered and Qt's font chatter is off, so a
    report drawn next prints every script and leaves stderr to the command's own words.
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["mutual-aid-journal"])
    prepare_fonts()
    return app
