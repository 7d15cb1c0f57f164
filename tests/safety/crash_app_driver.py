"""The desktop app, opened as a student opens it, with a typist that autosaves every few milliseconds.

Run as ``python -m tests.safety.crash_app_driver '{"journal": PATH, "settings": DIR, "start": N}'``
(QT_QPA_PLATFORM=offscreen) or from the crash tests' fork server. The app is
opened through ``ui.start_up.app.AppController`` (journal checks, daily backup, main
window). A QTimer then types into the activity form: sometimes other fields
and boxes first, then a new title ``Shift #N`` and ``wN`` added to the
description on each tick, and calls ``save_now()`` as the autosave timer would.
After each save that wrote, it prints ``ack N ID``. Every few ticks it starts a
new activity.

The boxes are ticked before the title and description are typed: the form may
save a tick at once, as a step of its own, and then it writes the title and
description of the last save, which agree, as the crash test's check expects of
every write.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from tests.safety.crash_work import ack

TICK_MS = 4
NEW_ACTIVITY_EVERY = 7


def drive(args: dict[str, Any]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
    from PySide6.QtTest import QTest

    from ui.start_up.app import AppController, application

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, args["settings"])
    app = application()
    QCoreApplication.setOrganizationName("mutual-aid-journal-crash-tests")
    controller = AppController(app, Path(args["journal"]))
    if not controller.open():
        os._exit(20)
    window = controller.window
    assert window is not None
    window.show()
    editor = window.journal_view.editor
    state = {"n": int(args["start"])}

    def tick() -> None:
        state["n"] += 1
        n = state["n"]
        if n % NEW_ACTIVITY_EVERY == 0:
            editor.new_activity()
        editor.title_edit.setFocus()
        if n % 3 == 0:
            editor.hours_edit.selectAll()
            QTest.keyClicks(editor.hours_edit, str(n % 24))
        if n % 4 == 0:
            QTest.keyClicks(editor.tags_edit, "; food")
        if n % 5 == 0:
            editor.private_box.click()
        boxes = editor.checklist.findChildren(type(editor.private_box))
        if n % 2 == 0 and boxes:
            boxes[n % len(boxes)].click()
        editor.title_edit.selectAll()
        QTest.keyClicks(editor.title_edit, f"Shift #{n}")
        cursor = editor.description_edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        editor.description_edit.setTextCursor(cursor)
        QTest.keyClicks(editor.description_edit, f" w{n}")
        if editor.save_now() and editor.status.text().startswith("Saved at"):
            ack(f"{n} {editor.activity_id}")
        else:
            ack(f"{n} refused {editor.status.text()!r}")

    timer = QTimer(interval=TICK_MS, timerType=Qt.TimerType.PreciseTimer)
    timer.timeout.connect(tick)
    timer.start()
    app.exec()


if __name__ == "__main__":
    drive(json.loads(sys.argv[1]))
