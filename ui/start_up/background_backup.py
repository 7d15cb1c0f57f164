"""The day's first backup, made on a worker thread after the window is up.

A backup of a large journal takes a noticeable moment; the student should not
wait for it to see their journal. SQLite's online backup API reads a
consistent copy while the app goes on writing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from journal.errors import JournalError
from journal.storage import backups


class BackupSignals(QObject):
    finished = Signal(str)  # the backup's path, or "" when today's existed already
    failed = Signal(str)  # a sentence


class DailyBackup(QRunnable):
    def __init__(self, journal_path: Path) -> None:
        super().__init__()
        self.journal_path = journal_path
        self.signals = BackupSignals()

    def run(self) -> None:
        try:
            made = backups.daily_backup(self.journal_path)
        except (JournalError, OSError) as exc:
            self.signals.failed.emit(str(exc))
            return
        self.signals.finished.emit(str(made) if made else "")


def start_daily_backup(journal_path: Path, pool: QThreadPool | None = None) -> DailyBackup:
    task = DailyBackup(journal_path)
    task.setAutoDelete(False)  # the caller keeps it (and its signals) alive until it reports
    (pool or QThreadPool.globalInstance()).start(task)
    return task
