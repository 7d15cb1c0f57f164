"""``make screenshots``: a PNG of each view on the demo semester, offscreen, for the README.

Usage: python -m ui.screenshots OUTPUT_FOLDER [--dark]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from journal.demo import fill_demo_journal
from journal.storage.journal_file import Journal
from ui.window.events import JournalEvents
from ui.window.main_window import MainWindow
from ui.window.theme import apply_theme

SIZE = (1280, 800)


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def _save(widget: QWidget, path: Path, app: QApplication) -> None:
    _settle(app)
    widget.grab().save(str(path))
    print(f"wrote {path}")


def _show_report(window: MainWindow, app: QApplication) -> None:
    window.show_view(2)
    view = window.stack.currentWidget()
    view.refresh_preview()  # type: ignore[attr-defined]  # the preview normally waits for typing to pause
    _settle(app)


def take(folder: Path, theme: str = "light") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["mutual-aid-journal"])
    assert isinstance(app, QApplication)
    # screenshots never read or change the student's own window settings
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    QCoreApplication.setOrganizationName("mutual-aid-journal-screenshots")
    apply_theme(app, theme)
    suffix = "" if theme == "light" else f"-{theme}"
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp, Journal.open(Path(tmp) / "demo.sqlite3") as journal:
        fill_demo_journal(journal)
        window = MainWindow(journal, JournalEvents())
        window.resize(*SIZE)
        window.show()
        view = window.journal_view
        view.table.selectRow(1)
        shots = [("journal", lambda: None)]
        shots.append(("reflection", lambda: view.side.setCurrentWidget(view.reflection)))
        shots.append(("spectrum", lambda: window.show_view(1)))
        shots.append(("report", lambda: _show_report(window, app)))
        for name, prepare in shots:
            prepare()
            path = folder / f"{name}{suffix}.png"
            _save(window, path, app)
            written.append(path)
        from ui.start_up.onboarding import OnboardingDialog

        dialog = OnboardingDialog(journal, window, introduction_only=True)
        dialog.resize(720, 560)
        dialog.show()
        path = folder / f"welcome{suffix}.png"
        _save(dialog, path, app)
        written.append(path)
        dialog.close()
        window.close()
    return written


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("docs/screenshots")
    take(folder, "dark" if "--dark" in argv else "light")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
