"""Choosing a backup to put in place of the journal; the current journal is backed up first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from journal.storage.backups import Backup


class RestoreDialog(QDialog):
    """``restore`` is called with the chosen backup's path once the student confirms."""

    def __init__(self, parent: QWidget, found: list[Backup], restore: Callable[[str], None]) -> None:
        super().__init__(parent)
        self._restore = restore
        self.setWindowTitle("Restore a backup")
        self.setMinimumSize(520, 360)
        hint = QLabel(
            "Choose a backup to put in place of your journal. Your journal as it is now is backed up first, "
            "so a restore can itself be undone by restoring that backup."
        )
        hint.setWordWrap(True)
        self.choices = QListWidget()
        self.choices.setAccessibleName("Backups, newest first")
        for backup in found:
            item = QListWidgetItem(f"{backup.made:%Y-%m-%d %H:%M}   ({backup.kind.replace('-', ' ')})")
            item.setData(Qt.ItemDataRole.UserRole, backup)
            self.choices.addItem(item)
        self.choices.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.choices, 1)
        layout.addWidget(buttons)

    def accept(self) -> None:
        item = self.choices.currentItem()
        if item is None:
            return
        backup: Backup = item.data(Qt.ItemDataRole.UserRole)
        super().accept()
        self._restore(str(backup.path))
