"""Typing that never pauses is still written at least once a second."""

from __future__ import annotations

import time

from journal.records.activities import get_activity
from journal.search.activity_query import ActivityQuery, find_activities


def test_non_stop_typing_is_saved_within_a_second(main_window, journal, qtbot):
    editor = main_window.journal_view.editor
    editor.new_activity()
    editor.title_edit.setText("Tenants' meeting")
    assert editor.save_now()
    activity = find_activities(journal, ActivityQuery())[0]
    editor.description_edit.setFocus()
    started = time.monotonic()
    saved_at = None
    while time.monotonic() - started < 2.5:  # a keystroke every 0.2 s: never a pause long enough
        qtbot.keyClicks(editor.description_edit, "a")
        qtbot.wait(200)
        if saved_at is None and get_activity(journal, activity.id).description:
            saved_at = time.monotonic() - started
    assert saved_at is not None, "nothing was saved while typing went on"
    assert saved_at < 2.0  # the deadline is one second; a busy machine may add a keystroke or two


def test_one_pause_in_typing_is_one_transaction_and_repaints_only_its_row(demo_window, demo_journal, qtbot):
    from PySide6.QtCore import Qt
    from sqlalchemy import event

    from tests.ui.typing import click, pause_to_think

    journal, _ = demo_journal
    view = demo_window.journal_view
    rect = view.table.visualRect(view.model.index(0, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = view.editor
    click(qtbot, editor.description_edit)
    statements: list[str] = []
    event.listen(journal.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    resets: list[bool] = []
    view.model.modelReset.connect(lambda: resets.append(True))
    qtbot.keyClicks(editor.description_edit, "More came.")
    pause_to_think(qtbot, editor.autosave)
    assert sum(s.startswith("BEGIN") for s in statements) == 1, statements
    assert not resets  # the list was not read again: its one row changed in place
    assert view.model.record(0).description.endswith("More came.")
