"""The start-up floor: a bare PySide6 main window in a process that imports SQLAlchemy's ORM.

Run as a script by the benchmark. It prints ``first-paint-seconds <float>`` after
its window's first paint and exits, exactly as the app does when
MUTUAL_AID_JOURNAL_EXIT_AFTER_PAINT=1 is set, so both are timed the same way.
"""

import time

PROCESS_START = time.perf_counter()

import sys  # noqa: E402

import sqlalchemy.orm  # noqa: E402, F401  (part of the floor: every journal process needs it)
from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint-seconds {time.perf_counter() - PROCESS_START:.4f}", flush=True)
            watched.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Floor")
    window.resize(1280, 800)  # the main window's default size
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
