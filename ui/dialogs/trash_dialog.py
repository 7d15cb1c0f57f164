"""The trash: deleted activities stay restorable for 30 days, then go for good."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.records.activities import TRASH_DAYS, empty_trash, trashed_activities
from journal.storage.journal_file import Journal
from ui.editing.undo_commands import RestoreActivities, perform
from ui.window.events import JournalEvents


class TrashDialog(QDialog):
    def __init__(
        self, journal: Journal, events: JournalEvents, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._journal, self._events, self._undo = journal, events, undo_stack
        self.setWindowTitle("Trash")
        self.setMinimumSize(560, 380)
        hint = QLabel(f"Deleted activities are kept here for {TRASH_DAYS} days, then removed for good.")
        hint.setWordWrap(True)
        self.items = QListWidget()
        self.items.setAccessibleName("Activities in the trash")
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.restore_button = QPushButton("&Restore selected")
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button = QPushButton("&Empty trash now")
        self.empty_button.clicked.connect(self.empty_now)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.items, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.items.clear()
        for record in trashed_activities(self._journal):
            deleted = (record.deleted_at or "")[:10]
            item = QListWidgetItem(f"{record.day}  {record.title}   (deleted {deleted})")
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.items.addItem(item)
        self.empty_button.setEnabled(self.items.count() > 0)

    def restore_selected(self) -> None:
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in self.items.selectedItems()]
        if ids:
            perform(self._undo, RestoreActivities(self._journal, self._events, ids))
            self.refresh()

    def empty_now(self) -> None:
        count = self.items.count()
        answer = QMessageBox.question(
            self, "Empty trash", f"Delete the {count} activities in the trash for good? This cannot be undone."
        )
        if answer == QMessageBox.StandardButton.Yes:
            empty_trash(self._journal, older_than_days=None)
            self._undo.clear()  # nothing in the trash is left for an undo to bring back
            self.refresh()
