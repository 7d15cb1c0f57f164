"""A write the disk refuses: the form says so, keeps what was typed, and the journal stays as it was."""

from __future__ import annotations

from sqlalchemy import event

from journal.records.activities import get_activity
from journal.search.activity_query import ActivityQuery, find_activities


def _fill_the_disk(journal):  # type: ignore[no-untyped-def]
    """Cap the journal at its current size: SQLite then answers 'database or disk is full', as on a full disk."""
    with journal.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()

    def cap(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(journal.engine, "connect", cap)
    journal.engine.dispose()
    return cap


def test_full_disk_keeps_the_typing_on_screen(main_window, journal, qtbot):
    editor = main_window.journal_view.editor
    editor.new_activity()
    editor.title_edit.setText("Free breakfast")
    assert editor.save_now()
    saved = find_activities(journal, ActivityQuery())[0]
    cap = _fill_the_disk(journal)
    long_text = "We cooked for forty people. " * 3000
    editor.description_edit.setPlainText(long_text)
    assert editor.save_now() is False
    message = editor.save_error.text()
    assert editor.save_error.isVisible() and "not saved" in message and "disk is full" in message
    assert editor.description_edit.toPlainText() == long_text  # the typing is still there
    assert get_activity(journal, saved.id) == saved  # and the journal is as it was
    assert main_window.undo_stack.count() == 1  # the failed write left no undo step
    event.remove(journal.engine, "connect", cap)
    journal.engine.dispose()
    assert editor.save_now()  # room again: the same typing is saved
    assert get_activity(journal, saved.id).description == long_text.strip()
    assert not editor.save_error.isVisible()
