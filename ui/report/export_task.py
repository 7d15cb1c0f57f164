"""Writing a report file off the GUI thread, reporting back by signal."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from journal.errors import JournalError
from ui.report.report_export import PreparedReport, write_report

log = logging.getLogger(__name__)


class ExportSignals(QObject):
    finished = Signal(str)  # the path written
    failed = Signal(str)  # what went wrong, in a sentence


class ExportTask(QRunnable):
    """Lays out and writes one prepared report; the chart was drawn on the GUI thread beforehand."""

    def __init__(self, prepared: PreparedReport, fmt: str, path: Path) -> None:
        super().__init__()
        # Python keeps the task (the view holds it until it reports back), not the pool, so its
        # signals object outlives the run.
        self.setAutoDelete(False)
        self.prepared, self.fmt, self.path = prepared, fmt, Path(path)
        self.signals = ExportSignals()

    def run(self) -> None:
        try:
            written = write_report(self.prepared, self.fmt, self.path)
        except JournalError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a sentence for the student; the details go to the log
            log.exception("report export failed")
            self.signals.failed.emit(f"The report could not be written to {self.path} ({type(exc).__name__}: {exc}).")
        else:
            self.signals.finished.emit(str(written))
