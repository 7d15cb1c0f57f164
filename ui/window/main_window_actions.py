"""What the main window's menus do: import, export, backups, and the managing dialogs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from journal.errors import InvalidInput, JournalError
from journal.storage import backups
from journal.storage.atomic_write import WriteFailed
from journal.storage.output_paths import OutputRefused, check_output_asking
from ui.window.plain_message import ask, show_message

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QLabel

    from journal.storage.journal_file import Journal
    from ui.journal_view.journal_view import JournalView
    from ui.window.events import JournalEvents


class ActionsWindow(Protocol):
    """What the menu actions use of the main window, which is also the parent of their dialogs."""

    journal: Journal
    events: JournalEvents
    journal_view: JournalView
    undo_stack: QUndoStack
    backup_label: QLabel
    restore_requested: SignalInstance  # a backup's path, to put in place of the journal


class MainWindowActions:
    def __init__(self, window: ActionsWindow) -> None:
        self.window = window

    @property
    def journal(self) -> Journal:
        return self.window.journal

    # --- data in and out --------------------------------------------------------------

    def import_file(self, path: str | None = None) -> int | None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.window, "Import", str(Path.home()), "Activities or a journal export (*.csv *.json)"
            )
            if not path:
                return None
        self.window.journal_view.save_pending()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if path.lower().endswith(".json"):
                from journal.transfer.json_io import import_json

                count = import_json(self.journal, Path(path))
            else:
                from journal.transfer.csv_io import import_csv

                count = import_csv(self.journal, Path(path))
        except InvalidInput as exc:
            QGuiApplication.restoreOverrideCursor()
            show_message(self.window, "Nothing was imported", "\n".join(exc.problems.values()), warning=True)
            return None
        finally:
            if QGuiApplication.overrideCursor() is not None:
                QGuiApplication.restoreOverrideCursor()
        events = self.window.events
        events.terms_changed.emit()
        events.criteria_changed.emit()
        events.activities_changed.emit()
        events.reflections_changed.emit()
        events.status_message.emit(f"Imported {count} activities from {Path(path).name}.")
        return count

    def export_data(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self.window,
            "Export data",
            str(Path.home() / "mutual-aid-journal.csv"),
            "Activities as CSV (*.csv);;Whole journal as JSON (*.json)",
        )
        if not path:
            return
        self.export_data_to(Path(path), "json" if path.lower().endswith(".json") or "JSON" in chosen else "csv")

    def export_data_to(self, target: Path, fmt: str) -> Path | None:
        """Export the whole journal as ``fmt`` (csv or json) to ``target``; never over the journal's own files."""
        if fmt == "json":
            target = target.with_suffix(".json")
        try:
            checked = check_output_asking(target, self.journal.path, fmt, self._confirm_replace)
        except OutputRefused as exc:
            show_message(self.window, "Not exported", str(exc), warning=True)
            return None
        if checked is None:
            return None
        try:
            if fmt == "json":
                from journal.transfer.json_io import export_json

                export_json(self.journal, checked)
            else:
                from journal.search.activity_query import ActivityQuery, find_activities
                from journal.transfer.csv_io import export_csv

                export_csv(find_activities(self.journal, ActivityQuery(sort="day", descending=False)), checked)
        except WriteFailed as exc:
            show_message(self.window, "Not exported", str(exc), warning=True)
            return None
        self.window.events.status_message.emit(f"Exported to {target}.")
        return checked

    def _confirm_replace(self, question: str) -> bool:
        return ask(self.window, "Replace the file?", question, "Replace")

    # --- backups ------------------------------------------------------------------------

    def backup_now(self) -> None:
        try:
            target = backups.make_backup(self.journal.path, kind="manual")
        except JournalError as exc:
            show_message(self.window, "No backup made", str(exc), warning=True)
            return
        self.refresh_backup_label()
        self.window.events.status_message.emit(f"Backed up to {target}.")

    def refresh_backup_label(self) -> None:
        found = backups.list_backups(self.journal.path)
        text = f"Last backup: {backups.age_text(found[0].made)}" if found else "No backup yet"
        self.window.backup_label.setText(text)

    def restore_backup(self) -> None:
        found = backups.list_backups(self.journal.path)
        if not found:
            show_message(self.window, "Restore a backup", "There are no backups of this journal yet.")
            return
        from ui.dialogs.restore_dialog import RestoreDialog

        RestoreDialog(self.window, found, self.window.restore_requested.emit).exec()

    # --- managing -------------------------------------------------------------------------

    def manage_terms(self) -> None:
        from ui.dialogs.terms_dialog import TermsDialog

        TermsDialog(self.journal, self.window.events, self.window.undo_stack, self.window).exec()

    def edit_profile(self) -> None:
        from ui.dialogs.profile_dialog import ProfileDialog

        ProfileDialog(self.journal, self.window.events, self.window.undo_stack, self.window).exec()

    def manage_criteria(self) -> None:
        from ui.dialogs.criteria_dialog import CriteriaDialog

        CriteriaDialog(self.journal, self.window.events, self.window.undo_stack, self.window).exec()

    def open_trash(self) -> None:
        from ui.dialogs.trash_dialog import TrashDialog

        TrashDialog(self.journal, self.window.events, self.window.undo_stack, self.window).exec()

    def show_introduction(self) -> None:
        from ui.start_up.onboarding import OnboardingDialog

        OnboardingDialog(self.journal, self.window, introduction_only=True).exec()

    def show_about(self) -> None:
        from journal import __version__

        QMessageBox.about(
            self.window,
            "About Mutual Aid Journal",
            f"<p><b>Mutual Aid Journal</b> {__version__}</p>"
            "<p>A reflection journal for students taking part in mutual aid, built on the three models of "
            "Mould, Cole, Badger &amp; Brown (2022), <i>Solidarity, not charity</i>.</p>"
            "<p>Your journal stays on this computer. The app never connects to the network.</p>",
        )
