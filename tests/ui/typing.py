"""Typing as a person does: real key events, word by word, stopping to think now and then.

A pause is longer than the autosave's: the test waits for the form's own
autosave timer to fire (and so for the save it runs), never for a wall-clock
time, so a busy machine changes nothing but how long the test takes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ui.editing.autosave import AutosaveTimer

Box = QLineEdit | QPlainTextEdit


def pause_to_think(qtbot, autosave: AutosaveTimer) -> None:  # type: ignore[no-untyped-def]
    """Wait until the autosave has fired, as it does when a person stops typing for a moment."""
    if autosave.isActive():
        with qtbot.waitSignal(autosave.timeout, timeout=10_000):
            pass


def type_words(qtbot, box: Box, text: str, autosave: AutosaveTimer | None, *, pause_every: int = 2) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` into ``box`` with real key events, a word at a time, pausing after every few words."""
    words = text.split(" ")
    for number, word in enumerate(words, start=1):
        qtbot.keyClicks(box, word if number == len(words) else word + " ")
        if autosave is not None and number % pause_every == 0:
            pause_to_think(qtbot, autosave)


def click(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Click a widget with the mouse, which moves the keyboard focus to it as it would for a person."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def clear_by_hand(qtbot, box: Box) -> None:  # type: ignore[no-untyped-def]
    """Click into a box, select everything and press Delete."""
    click(qtbot, box)
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Delete)


def cursor_at(box: Box) -> int:
    return box.cursorPosition() if isinstance(box, QLineEdit) else box.textCursor().position()


def text_of(box: Box) -> str:
    return box.text() if isinstance(box, QLineEdit) else box.toPlainText()
