"""Starting the desktop app: logging, the theme, opening the journal, first start, the main window."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy.exc import DatabaseError, OperationalError

from journal.errors import JournalError, JournalLocked, JournalTooNew, JournalUnreachable, SaveFailed
from journal.records.activities import TRASH_DAYS, empty_trash
from journal.records.terms import list_terms
from journal.storage import app_lock, backups
from journal.storage.journal_file import Journal, read_only_sentence
from journal.storage.location_risk import location_warning
from journal.storage.paths import journal_path
from journal.storage.sqlite_file import AccessProblem
from ui.start_up import collector
from ui.start_up.background_backup import start_daily_backup
from ui.start_up.bundled_fonts import prepare_fonts
from ui.start_up.crash_reporting import install_excepthook, setup_logging
from ui.window.events import JournalEvents
from ui.window.main_window import APP_TITLE, MainWindow
from ui.window.plain_message import ask, show_message
from ui.window.theme import apply_theme, follow_system_theme

if TYPE_CHECKING:
    from filelock import FileLock

EXIT_AFTER_PAINT = "MUTUAL_AID_JOURNAL_EXIT_AFTER_PAINT"
ALREADY_OPEN = "This journal is already open in another window."
log = logging.getLogger(__name__)
# The benchmark times the whole process from outside; this stamp only makes the printed line readable.
PROCESS_START = time.perf_counter()


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("mutual-aid-journal")
    app.setApplicationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    # Before any widget draws: a title in Thai or an emoji shows in the list as it will in the report.
    prepare_fonts()
    return app


class _FirstPaint(QObject):
    """Runs ``then`` once, right after the main window's first paint.

    The work that can wait (the quick check's verdict, the trash, the day's
    backup) waits for it, so the student sees the journal first. For the
    start-up benchmark (MUTUAL_AID_JOURNAL_EXIT_AFTER_PAINT) it also prints the
    time and quits.
    """

    def __init__(self, then: Callable[[], None]) -> None:
        super().__init__()
        self._then = then
        self._report = bool(os.environ.get(EXIT_AFTER_PAINT))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            if self._report:
                print(f"first-paint-seconds {time.perf_counter() - PROCESS_START:.4f}", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            QTimer.singleShot(0, self._then)
        return False


class AppController(QObject):
    """Owns the open journal and its window, and can put a backup in place and reopen."""

    def __init__(self, app: QApplication, path: Path, *, demo: bool = False) -> None:
        super().__init__()
        self.app, self.path, self.demo = app, path, demo
        self.journal: Journal | None = None
        self.window: MainWindow | None = None
        self.lock: FileLock | None = None
        self.exit_code = 1

    def _offer_backup(self, problem: str) -> bool:
        """Explain a damaged journal; restore the newest good backup if the student agrees."""
        good = backups.newest_good_backup(self.path)
        if good is None:
            show_message(
                None,
                "The journal cannot be opened",
                f"{problem}\n\nNo backup that passes the check was found. The file was not changed.",
                warning=True,
            )
            return False
        question = (
            f"{problem}\n\nThe newest backup that passes SQLite's integrity check was made "
            f"{good.made:%Y-%m-%d at %H:%M}. Restore it? The damaged file is kept under a new name beside it; "
            "nothing is deleted."
        )
        if not ask(None, "The journal cannot be opened", question, "Restore the backup", "Quit"):
            return False
        try:
            aside = backups.restore(self.path, good.path)
        except JournalError as exc:
            show_message(None, "Not restored", str(exc), warning=True)
            return False
        kept = f" The damaged file was kept as {aside}." if aside else ""
        show_message(
            None, "Restored", f"Your journal was restored from the backup of {good.made:%Y-%m-%d %H:%M}.{kept}"
        )
        return True

    def release(self) -> None:
        self.wait_for_backup()
        if self.journal is not None:
            self.journal.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def open(self) -> bool:
        """Take the journal's lock, open it (offering the newest good backup when it is damaged)."""
        if self.lock is None:
            try:
                self.lock = app_lock.take(self.path, wait=app_lock.APP_WAIT_SECONDS, held_message=ALREADY_OPEN)
            except (JournalLocked, JournalUnreachable) as exc:
                self.exit_code = 0 if isinstance(exc, JournalLocked) else 1  # a second window closing is no failure
                show_message(None, "Mutual Aid Journal", str(exc), warning=True)
                return False
        try:
            self.journal = Journal.open(self.path, check_while_reading=True)
            self.window = self._build_window(self.journal)
        except (JournalTooNew, JournalUnreachable) as exc:  # not damage: nothing to restore
            self._drop_journal()
            show_message(None, "The journal cannot be opened", str(exc), warning=True)
            return False
        except (JournalError, DatabaseError) as exc:
            # a damaged file can fail the first reads before its quick check reports
            problem = self._verdict() or str(exc)
            self._drop_journal()
            if isinstance(problem, AccessProblem) or isinstance(exc, (SaveFailed, OperationalError)):
                show_message(None, "The journal cannot be opened", str(problem), warning=True)
                return False
            return self._offer_backup(problem) and self._open_checked()
        return True

    def _build_window(self, journal: Journal) -> MainWindow:
        window = MainWindow(journal, JournalEvents())
        window.restore_requested.connect(self.restore)
        window.actions_.refresh_backup_label()
        self.warning = location_warning(self.path)
        if self.warning:
            window.statusBar().showMessage(self.warning)
        elif journal.guard is not None and journal.guard.read_only:  # it can be read; changes are refused
            window.statusBar().showMessage(read_only_sentence(journal.path))
        return window

    def _open_checked(self) -> bool:
        """Open with the full check first (after a restore)."""
        try:
            self.journal = Journal.open(self.path)
            self.window = self._build_window(self.journal)
        except (JournalError, DatabaseError) as exc:
            show_message(None, "The journal cannot be opened", str(exc), warning=True)
            self._drop_journal()
            return False
        return True

    def _verdict(self) -> str | None:
        """The quick check's finding on the open journal (waiting for it if it still runs)."""
        check = self.journal.check if self.journal is not None else None
        return check.result() if check is not None else None

    def _drop_journal(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.journal is not None:
            self.journal.close()
            self.journal = None

    def verify(self) -> bool:
        """After the first paint: if the quick check found damage, close the journal and offer a backup."""
        problem = self._verdict()
        if problem is None:
            return True
        self._drop_journal()
        if isinstance(problem, AccessProblem):
            show_message(None, "The journal cannot be opened", problem, warning=True)
        elif self._offer_backup(problem) and self._open_checked():
            assert self.window is not None
            self.window.show()
            self.window.activateWindow()
            return True
        self.exit_code = 1
        return False

    def show(self) -> None:
        assert self.window is not None and self.journal is not None
        self._first_paint = _FirstPaint(self._after_first_paint)
        self.window.installEventFilter(self._first_paint)
        self.window.show()
        # without a window manager to do it, the window would take key presses but not its shortcuts (Ctrl+N)
        self.window.activateWindow()

    def _after_first_paint(self) -> None:
        collector.resume()
        if not self.verify():
            QApplication.exit(1)
            return
        assert self.window is not None and self.journal is not None
        self._empty_old_trash()
        if not self.demo:
            self._backup_in_background()
        if os.environ.get(EXIT_AFTER_PAINT):
            return
        if self.warning:
            QTimer.singleShot(
                0, lambda: show_message(self.window, "Where your journal is", self.warning or "", warning=True)
            )
        if not self.demo and not list_terms(self.journal):
            QTimer.singleShot(0, self.first_start)

    def _empty_old_trash(self) -> None:
        """What has been in the trash for 30 days goes for good (the undo stack is still empty here)."""
        assert self.journal is not None
        try:
            removed = empty_trash(self.journal)
        except JournalError as exc:
            log.warning("The trash could not be emptied: %s", exc)
            return
        if removed and self.window is not None:
            self.window.events.status_message.emit(
                f"{removed} {'activity' if removed == 1 else 'activities'} deleted over {TRASH_DAYS} days ago "
                "left the trash for good."
            )

    def _backup_in_background(self) -> None:
        self._backup_task = start_daily_backup(self.path)
        self._backup_task.signals.finished.connect(self._backup_done)
        self._backup_task.signals.failed.connect(
            lambda message: show_message(self.window, "No backup today", message, warning=True)
        )

    def _backup_done(self, made: str) -> None:
        if self.window is not None:
            self.window.actions_.refresh_backup_label()

    def wait_for_backup(self) -> None:
        QThreadPool.globalInstance().waitForDone()

    def first_start(self) -> None:
        from ui.start_up.onboarding import OnboardingDialog

        assert self.window is not None and self.journal is not None
        dialog = OnboardingDialog(self.journal, self.window)
        dialog.exec()
        self.window.events.terms_changed.emit()
        self.window.events.profile_changed.emit()

    def restore(self, backup_path: str) -> None:
        self.wait_for_backup()
        self._drop_journal()
        try:
            aside = backups.restore(self.path, Path(backup_path))
        except JournalError as exc:
            show_message(None, "Not restored", str(exc), warning=True)
            aside = None
        else:
            note = f" The damaged journal was kept as {aside}." if aside else ""
            show_message(None, "Restored", f"Your journal was restored from {backup_path}.{note}")
        if self.open():
            self.show()


def demo_journal_path() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="mutual-aid-journal-demo-"))
    return folder / "demo.sqlite3"


def run_app(journal_option: str | None, *, demo: bool = False) -> int:
    setup_logging()
    app = application()
    install_excepthook()
    apply_theme(app)
    follow_system_theme(app)
    if demo:
        from journal.demo import fill_demo_journal

        path = demo_journal_path()
        with Journal.open(path) as journal:
            fill_demo_journal(journal)
    else:
        path = journal_path(journal_option)
    controller = AppController(app, path, demo=demo)
    if not controller.open():
        controller.release()
        return controller.exit_code
    controller.show()
    code = app.exec()
    controller.release()
    return code
