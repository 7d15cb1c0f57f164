"""Choosing a backup to put in place of the journal; the current journal is backed up first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from journal.backups import Backup

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class RestoreDialog(QDialog):
    def __init__(self, window: MainWindow, found: list[Backup]) -> None:
        super().__init__(window)
        self._window = window
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
        self._window.restore_requested.emit(str(backup.path))
