"""Starting the desktop app: logging, the theme, opening the journal, first start, the main window."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from journal import backups
from journal.errors import JournalError
from journal.paths import journal_path
from journal.storage import Journal
from journal.terms import list_terms
from ui.crash_reporting import install_excepthook, setup_logging
from ui.events import JournalEvents
from ui.main_window import MainWindow
from ui.plain_message import show_message
from ui.theme import apply_theme

EXIT_AFTER_PAINT = "MUTUAL_AID_JOURNAL_EXIT_AFTER_PAINT"
PROCESS_START = time.perf_counter()


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("mutual-aid-journal")
    app.setApplicationName("Mutual Aid Journal")
    app.setApplicationDisplayName("Mutual Aid Journal")
    return app


class _FirstPaint(QObject):
    """For the start-up benchmark: report the first paint of the main window, then quit."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint-seconds {time.perf_counter() - PROCESS_START:.4f}", flush=True)
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


class AppController(QObject):
    """Owns the open journal and its window, and can put a backup in place and reopen."""

    def __init__(self, app: QApplication, path: Path, *, demo: bool = False) -> None:
        super().__init__()
        self.app, self.path, self.demo = app, path, demo
        self.journal: Journal | None = None
        self.window: MainWindow | None = None

    def open(self) -> bool:
        try:
            self.journal = Journal.open(self.path)
        except JournalError as exc:
            show_message(None, "The journal cannot be opened", _with_backup_offer(str(exc), self.path), warning=True)
            return False
        if not self.demo:
            try:
                backups.daily_backup(self.path)
            except JournalError as exc:
                show_message(None, "No backup today", str(exc), warning=True)
        self.window = MainWindow(self.journal, JournalEvents())
        self.window.restore_requested.connect(self.restore)
        self.window.actions_.refresh_backup_label()
        return True

    def show(self) -> None:
        assert self.window is not None and self.journal is not None
        if os.environ.get(EXIT_AFTER_PAINT):
            self._first_paint = _FirstPaint()
            self.window.installEventFilter(self._first_paint)
        self.window.show()
        if not self.demo and not list_terms(self.journal) and not os.environ.get(EXIT_AFTER_PAINT):
            QTimer.singleShot(0, self.first_start)

    def first_start(self) -> None:
        from ui.onboarding import OnboardingDialog

        assert self.window is not None and self.journal is not None
        dialog = OnboardingDialog(self.journal, self.window)
        dialog.exec()
        self.window.events.terms_changed.emit()
        self.window.events.profile_changed.emit()

    def restore(self, backup_path: str) -> None:
        assert self.window is not None and self.journal is not None
        self.window.close()
        self.journal.close()
        try:
            aside = backups.restore(self.path, Path(backup_path))
        except JournalError as exc:
            show_message(None, "Not restored", str(exc), warning=True)
            aside = None
        else:
            note = f" The damaged journal was kept as {aside}." if aside else ""
            show_message(None, "Restored", f"Your journal was restored from {backup_path}.{note}")
        self.window.deleteLater()
        if self.open():
            self.show()


def _with_backup_offer(problem: str, path: Path) -> str:
    try:
        good = backups.newest_good_backup(path)
    except OSError:
        good = None
    if good is None:
        return problem
    return (
        f"{problem}\n\nThe newest backup that passes the check was made {good.made:%Y-%m-%d %H:%M}: {good.path}. "
        "Choose File → Restore a backup after opening, or run: "
        f"mutual-aid-journal --journal {path} restore {good.path}"
    )


def demo_journal_path() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="mutual-aid-journal-demo-"))
    return folder / "demo.sqlite3"


def run_app(journal_option: str | None, *, demo: bool = False) -> int:
    setup_logging()
    app = application()
    install_excepthook()
    apply_theme(app)
    if demo:
        from journal.demo import fill_demo_journal

        path = demo_journal_path()
        with Journal.open(path) as journal:
            fill_demo_journal(journal)
    else:
        path = journal_path(journal_option)
    controller = AppController(app, path, demo=demo)
    if not controller.open():
        return 1
    controller.show()
    code = app.exec()
    if controller.journal is not None:
        controller.journal.close()
    return code
