"""When a form writes what is typed: a moment after typing pauses, and at least once a second while it goes on.

A pause alone is not enough: someone who types a long description without
stopping would otherwise have nothing saved until they stop, and a crash
would take all of it. The second, deadline timer caps what can be lost at
about one second of typing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

PAUSE_MS = 600
AT_MOST_MS = 1000


class AutosaveTimer(QObject):
    timeout = Signal()  # time to save

    def __init__(self, parent: QObject | None = None, *, pause_ms: int = PAUSE_MS, at_most_ms: int = AT_MOST_MS):
        super().__init__(parent)
        self._pause = QTimer(self, singleShot=True, interval=pause_ms)
        self._deadline = QTimer(self, singleShot=True, interval=at_most_ms)
        self._pause.timeout.connect(self._fire)
        self._deadline.timeout.connect(self._fire)

    def start(self) -> None:
        """A change was typed: wait for a pause, but not past the deadline of the first unsaved change."""
        self._pause.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def stop(self) -> None:
        self._pause.stop()
        self._deadline.stop()

    def isActive(self) -> bool:
        return self._pause.isActive() or self._deadline.isActive()

    def _fire(self) -> None:
        self.stop()
        self.timeout.emit()
