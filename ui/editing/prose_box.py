"""The box a student writes prose in: a description, a reflection's answer, the closing essay.

Qt's text box merges one unbroken run of typing into a single undo step, so
Ctrl+Z after a paragraph written with pauses would take the whole paragraph.
Here each pause (each time the form's autosave fires) ends a step: the next
keystroke opens a new one, and Ctrl+Z takes back what was typed since the last
pause, as word processors do. Tab moves on to the next field, and text shown
anew leaves the cursor at its end, ready to go on writing.
"""

from __future__ import annotations

from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class ProseBox(QPlainTextEdit):
    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self._step_ended = False

    def show_text(self, text: str) -> None:
        """Show another record's text: a fresh undo history, the cursor at the end."""
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.End)
        self._step_ended = False

    def end_undo_step(self) -> None:
        """The student paused: what they type next is a step of its own for Ctrl+Z."""
        self._step_ended = True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not (self._step_ended and event.text() and not self.isReadOnly()):
            super().keyPressEvent(event)
            return
        # An insert inside an edit block never merges into the run before it; the inserts that follow merge
        # into this one, so the new run is one step. The block opens where the cursor is: undo puts it back there.
        self._step_ended = False
        cursor = self.textCursor()
        cursor.beginEditBlock()
        super().keyPressEvent(event)
        cursor.endEditBlock()
