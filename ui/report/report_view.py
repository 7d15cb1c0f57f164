"""The Report view (Ctrl+3): the closing reflection, a live preview of the report, and Export.

The export reads the journal and draws the chart on the GUI thread (a chart is
a graphics scene), then lays out and writes the file on a worker thread, with
a busy indicator; when it is done the view offers to open the file or its folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QThreadPool, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError
from journal.records.terms import TermInfo
from journal.storage.journal_file import Journal
from journal.storage.output_paths import OutputRefused, check_output_asking
from ui.report.closing_editor import ClosingReflectionEditor
from ui.report.export_task import ExportTask
from ui.report.report_export import FORMAT_NAMES, REPORT_FORMATS, SUFFIXES, prepare_report
from ui.report.report_preview import ReportPreview
from ui.window.events import JournalEvents
from ui.window.plain_message import ask
from ui.window.theme import set_role

PREVIEW_DELAY_MS = 400
_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def suggested_file_name(term: TermInfo, fmt: str) -> str:
    safe = _UNSAFE_IN_FILE_NAMES.sub("-", term.name).strip(" .-") or "term"
    return f"{safe} reflection report{SUFFIXES[fmt]}"


class ReportView(QWidget):
    def __init__(self, journal: Journal, events: JournalEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal, self._events = journal, events
        self._term: TermInfo | None = None
        self._preview_stale = True
        self._task: ExportTask | None = None
        self.thread_pool: QThreadPool = QThreadPool.globalInstance()
        self.open_url = QDesktopServices.openUrl  # swapped in tests, so nothing really opens
        self.last_export: Path | None = None

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.title, "heading")
        self.title.setAccessibleName("Report of term")
        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName("Export format")
        for fmt in REPORT_FORMATS:
            self.format_combo.addItem(FORMAT_NAMES[fmt], fmt)
        format_label = QLabel("&Format")
        format_label.setBuddy(self.format_combo)
        self.export_button = QPushButton("&Export…")
        self.export_button.setAccessibleName("Export the report")
        self.export_button.clicked.connect(self.choose_and_export)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the writers cannot say how far along they are
        self.progress.setAccessibleName("Export in progress")
        self.progress.setMaximumWidth(160)
        self.progress.hide()

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(format_label)
        top.addWidget(self.format_combo)
        top.addWidget(self.export_button)
        top.addWidget(self.progress)

        self.result_bar = QFrame()
        self.result_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.result_bar.setAccessibleName("Export result")
        self.result_label = QLabel()
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName("Export result message")
        self.open_file_button = QPushButton("Open &file")
        self.open_file_button.setAccessibleName("Open the exported file")
        self.open_file_button.clicked.connect(self.open_exported_file)
        self.open_folder_button = QPushButton("Open f&older")
        self.open_folder_button.setAccessibleName("Open the folder of the exported file")
        self.open_folder_button.clicked.connect(self.open_exported_folder)
        dismiss = QPushButton("Dismiss")
        dismiss.setAccessibleName("Dismiss the export result")
        dismiss.clicked.connect(self.result_bar.hide)
        bar = QHBoxLayout(self.result_bar)
        bar.addWidget(self.result_label, 1)
        bar.addWidget(self.open_file_button)
        bar.addWidget(self.open_folder_button)
        bar.addWidget(dismiss)
        self.result_bar.hide()

        self.editor = ClosingReflectionEditor(journal)
        self.editor.saved.connect(events.reflections_changed)
        self.preview = ReportPreview()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 600])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.result_bar)
        layout.addWidget(splitter, 1)

        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        for signal in (
            events.activities_changed,
            events.reflections_changed,
            events.terms_changed,
            events.criteria_changed,
            events.profile_changed,
        ):
            signal.connect(self.schedule_preview)
        events.activity_edited.connect(lambda _record: self.schedule_preview())
        self.set_term(None)

    # --- term and preview -----------------------------------------------------------

    def set_term(self, term: TermInfo | None) -> None:
        self._term = term
        self.editor.set_term(term)
        self.export_button.setEnabled(term is not None and self._task is None)
        self.title.setText(f"Report: {term.name}" if term else "Report")
        self.result_bar.hide()
        self.schedule_preview()

    @property
    def term(self) -> TermInfo | None:
        return self._term

    def schedule_preview(self) -> None:
        self._preview_stale = True
        if self.isVisible():
            self._preview_timer.start()

    def refresh_preview(self) -> None:
        if self.editor.has_pending_changes():
            # Redrawing a long report takes a fifth of a second: not while the student is typing.
            self._preview_timer.start()
            return
        self._preview_timer.stop()
        self._preview_stale = False
        try:
            self.preview.show_term(self._journal, self._term)
        except JournalError as exc:
            self.preview.setPlainText(f"The preview could not be made: {exc}")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._preview_stale:
            self._preview_timer.start()

    # --- export ----------------------------------------------------------------------

    def selected_format(self) -> str:
        return str(self.format_combo.currentData())

    def choose_and_export(self) -> None:
        if self._term is None:
            return
        fmt = self.selected_format()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / suggested_file_name(self._term, fmt))
        name_filter = f"{FORMAT_NAMES[fmt]} (*{SUFFIXES[fmt]})"
        path, _ = QFileDialog.getSaveFileName(self, "Export the report", suggested, name_filter)
        if path:
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> None:
        """Export the shown term's report; the file is written on ``thread_pool``."""
        if self._term is None or self._task is not None:
            return
        if path.suffix.lower() != SUFFIXES[fmt]:
            path = path.with_name(path.name + SUFFIXES[fmt])
        try:
            checked = check_output_asking(path, self._journal.path, fmt, self._confirm_replace)
            if checked is not None and fmt == "md":  # its chart is written beside it
                from journal.report.markdown_report import chart_file_for

                beside = check_output_asking(chart_file_for(checked), self._journal.path, "svg", self._confirm_replace)
                checked = checked if beside is not None else None
        except OutputRefused as exc:
            self._export_failed(str(exc))
            return
        if checked is None:
            return
        path = checked
        self.editor.save_now()
        self.result_bar.hide()
        try:
            prepared = prepare_report(self._journal, self._term, fmt)
        except JournalError as exc:
            self._export_failed(str(exc))
            return
        task = ExportTask(prepared, fmt, path)
        task.signals.finished.connect(self._export_finished)
        task.signals.failed.connect(self._export_failed)
        self._task = task
        self.export_button.setEnabled(False)
        self.progress.show()
        self._events.status_message.emit(f"Exporting the report to {path}…")
        self.thread_pool.start(task)

    def _confirm_replace(self, question: str) -> bool:
        return ask(self, "Replace the file?", question, "Replace")

    def _export_done(self) -> None:
        self._task = None
        self.progress.hide()
        self.export_button.setEnabled(self._term is not None)

    def _export_finished(self, path: str) -> None:
        self._export_done()
        self.last_export = Path(path)
        self.result_label.setText(f"The report was saved as {path}.")
        self.open_file_button.show()
        self.open_folder_button.show()
        self.result_bar.show()
        self.open_file_button.setFocus()
        self._events.status_message.emit(f"Report saved: {path}")

    def _export_failed(self, message: str) -> None:
        self._export_done()
        self.result_label.setText(f"⚠ {message}")
        self.open_file_button.hide()
        self.open_folder_button.hide()
        self.result_bar.show()
        self._events.status_message.emit("The report was not exported.")

    def is_exporting(self) -> bool:
        return self._task is not None

    def open_exported_file(self) -> None:
        if self.last_export is not None:
            self.open_url(QUrl.fromLocalFile(str(self.last_export)))

    def open_exported_folder(self) -> None:
        if self.last_export is not None:
            self.open_url(QUrl.fromLocalFile(str(self.last_export.parent)))

    def save_pending(self) -> None:
        """Write the closing reflection now (the main window calls this before it closes)."""
        self.editor.save_now()

    def unsaved_drafts(self) -> list[str]:
        return self.editor.unsaved_drafts()

    def show_first_draft(self) -> None:
        self.editor.essay.setFocus()
