"""Message boxes that show their text as plain text: user text and file names never render as HTML.

Every message is also written to stderr, so a student who started the app
from a terminal sees it there too. Without a screen (the offscreen platform,
used headless) nobody could answer a modal box, so only stderr gets it and a
question is answered "no".
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def _headless() -> bool:
    return QGuiApplication.platformName() == "offscreen"


def show_message(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> None:
    print(f"{title}: {text}" if warning else text, file=sys.stderr)
    if _headless():
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.exec()


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
    print(f"{title}: {text}", file=sys.stderr)
    if _headless():
        return False
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes_button
