"""Small form pieces: a field with its error message beside it, a tag line that completes, and text put back
under a cursor without moving it."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ui.window.theme import set_role


class FieldError(QLabel):
    """The sentence that says what is wrong with the field above it; empty and hidden when all is well."""

    def __init__(self, field_name: str) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        set_role(self, "error")
        self.setAccessibleName(f"Problem with {field_name}")
        self.hide()

    def show_problem(self, message: str | None) -> None:
        if message:
            self.setText(f"⚠ {message}")
            self.show()
        else:
            self.clear()
            self.hide()


def with_error(widget: QWidget, error: FieldError) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(error)
    return holder


class TagCompleter(QCompleter):
    """Completes the last tag being typed in a ';'-separated list."""

    def __init__(self, line: QLineEdit) -> None:
        super().__init__()
        self._model = QStringListModel()
        self.setModel(self._model)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setWidget(line)
        self._line = line
        self.activated.connect(self._insert)
        line.textEdited.connect(self._update)

    def set_tags(self, tags: list[str]) -> None:
        self._model.setStringList(tags)

    def add_tags(self, tags: tuple[str, ...]) -> None:
        known = self._model.stringList()
        new = [tag for tag in tags if tag not in known]
        if new:
            self._model.setStringList(sorted([*known, *new]))

    def _update(self, text: str) -> None:
        prefix = text.split(";")[-1].strip()
        if not prefix:
            self.popup().hide()
            return
        self.setCompletionPrefix(prefix)
        if self.completionCount() and self.currentCompletion() != prefix:
            self.complete()
        else:
            self.popup().hide()

    def _insert(self, tag: str) -> None:
        parts = [p.strip() for p in self._line.text().split(";")]
        parts[-1] = tag
        self._line.setText("; ".join(p for p in parts if p) + "; ")
        self._line.textEdited.emit(self._line.text())


def replace_line_text(edit: QLineEdit, text: str) -> None:
    """Put ``text`` in a line that was changed underneath (an undo), keeping its cursor and its own undo history."""
    if edit.text() == text:
        return
    position = edit.cursorPosition()
    edit.selectAll()
    edit.insert(text)
    edit.setCursorPosition(min(position, len(text)))


def replace_plain_text(edit: QPlainTextEdit, text: str) -> None:
    """The same for a text box: cursor, selection and scroll position stay where they can, and Ctrl+Z in the
    box can take the change back (``setPlainText`` would wipe the box's own undo history)."""
    if edit.toPlainText() == text:
        return
    cursor = edit.textCursor()
    anchor, position = cursor.anchor(), cursor.position()
    scroll = edit.verticalScrollBar().value()
    whole = QTextCursor(edit.document())
    whole.select(QTextCursor.SelectionType.Document)
    whole.insertText(text)
    end = len(edit.toPlainText())
    cursor = edit.textCursor()
    cursor.setPosition(min(anchor, end))
    cursor.setPosition(min(position, end), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    edit.verticalScrollBar().setValue(scroll)
