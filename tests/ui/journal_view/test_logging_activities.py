"""Logging, editing, deleting and undoing activities in the real window, by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox

from journal.records.activities import get_activity
from journal.records.terms import add_term
from journal.search.activity_query import ActivityQuery, count_activities, find_activities


def _all(journal):
    return find_activities(journal, ActivityQuery(sort="day"))


def _tab_to(qtbot, window, target, limit: int = 80) -> None:
    """Press Tab until ``target`` has the keyboard focus, as a person would."""
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.accessibleName()!r}")


def test_log_an_activity_by_keyboard_alone(main_window, journal, qtbot):
    add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    main_window.events.terms_changed.emit()
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = main_window.journal_view.editor
    assert QApplication.focusWidget() is editor.title_edit
    qtbot.keyClicks(editor.title_edit, "Tenants' meeting")
    _tab_to(qtbot, main_window, editor.organization_edit)
    qtbot.keyClicks(editor.organization_edit, "Eastside Tenants Union")
    _tab_to(qtbot, main_window, editor.hours_edit)
    qtbot.keyClicks(editor.hours_edit, "2.5")
    _tab_to(qtbot, main_window, editor.tags_edit)
    qtbot.keyClicks(editor.tags_edit, "housing")
    box: QCheckBox = editor.checklist.box("radical.root-causes")
    _tab_to(qtbot, main_window, box)
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    qtbot.waitUntil(
        lambda: len(_all(journal)) == 1 and _all(journal)[0].criteria == ("radical.root-causes",), timeout=3000
    )
    saved = _all(journal)[0]
    assert (saved.title, saved.organization, saved.hours_centi, saved.tags) == (
        "Tenants' meeting",
        "Eastside Tenants Union",
        250,
        ("housing",),
    )
    # and it shows in the list
    qtbot.waitUntil(lambda: main_window.journal_view.model.total == 1)


def test_ticking_criteria_updates_the_live_position(main_window, qtbot):
    editor = main_window.journal_view.editor
    editor.new_activity()
    for criterion in ("radical.root-causes", "radical.movement-link", "radical.civic-space", "charity.dependency"):
        editor.checklist.box(criterion).click()
    assert editor.position_label.text() == "3 radical and 1 charity criteria: 75, radical"
    editor.checklist.box("charity.dependency").click()
    assert editor.position_label.text() == "3 radical criteria: 100, radical"


def test_bad_hours_are_refused_next_to_the_field(main_window, journal, qtbot):
    editor = main_window.journal_view.editor
    editor.new_activity()
    qtbot.keyClicks(editor.title_edit, "Food bank shift")
    qtbot.waitUntil(lambda: count_activities(journal, ActivityQuery()) == 1, timeout=3000)
    before = _all(journal)[0]
    for bad in ("abc", "25", "-1", "1.234"):
        editor.hours_edit.clear()
        qtbot.keyClicks(editor.hours_edit, bad)
        editor.save_now()
        error = editor.errors["hours_centi"]
        assert error.isVisible(), bad
        assert "hours" in error.text().lower() or "decimals" in error.text().lower()
        assert get_activity(journal, before.id) == before  # nothing written
    editor.hours_edit.clear()
    qtbot.keyClicks(editor.hours_edit, "3")
    editor.save_now()
    assert not editor.errors["hours_centi"].isVisible()
    assert get_activity(journal, before.id).hours_centi == 300


def test_empty_title_is_refused_with_a_sentence(main_window, journal, qtbot):
    editor = main_window.journal_view.editor
    editor.new_activity()
    qtbot.keyClicks(editor.organization_edit, "Riverside Food Bank")
    editor.save_now()
    assert editor.errors["title"].text() == "⚠ The title is required."
    assert count_activities(journal, ActivityQuery()) == 0


def test_typing_is_autosaved_within_a_second(demo_window, demo_journal, qtbot):
    journal, _ = demo_journal
    view = demo_window.journal_view
    view.table.selectRow(0)
    record = view.model.record(0)
    assert view.editor.activity_id == record.id
    view.editor.title_edit.setFocus()
    qtbot.keyClicks(view.editor.title_edit, " (edited)")
    qtbot.waitUntil(lambda: get_activity(journal, record.id).title == record.title + " (edited)", timeout=1500)


def test_delete_then_undo_and_redo(demo_window, demo_journal, qtbot):
    journal, _ = demo_journal
    view = demo_window.journal_view
    total = count_activities(journal, ActivityQuery())
    view.table.setFocus()
    view.table.selectRow(1)
    doomed = view.model.record(1)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert count_activities(journal, ActivityQuery()) == total - 1
    assert get_activity(journal, doomed.id).deleted_at is not None
    assert view.model.row_of(doomed.id) is None
    qtbot.keyClick(demo_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert count_activities(journal, ActivityQuery()) == total
    assert get_activity(journal, doomed.id).deleted_at is None
    qtbot.keyClick(demo_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert count_activities(journal, ActivityQuery()) == total - 1


def test_undo_an_edit_puts_the_old_text_back_on_screen(demo_window, demo_journal, qtbot):
    journal, _ = demo_journal
    view = demo_window.journal_view
    view.table.selectRow(0)
    record = view.model.record(0)
    view.editor.title_edit.setText("A new title")
    view.editor.save_now()
    assert get_activity(journal, record.id).title == "A new title"
    demo_window.undo_action.trigger()
    assert get_activity(journal, record.id).title == record.title
    assert view.editor.title_edit.text() == record.title


def test_undo_of_a_new_activity_removes_it_and_redo_brings_it_back(main_window, journal, qtbot):
    editor = main_window.journal_view.editor
    editor.new_activity()
    editor.title_edit.setText("Coat drive")
    editor.save_now()
    first = _all(journal)[0]
    main_window.undo_action.trigger()
    assert _all(journal) == []
    main_window.redo_action.trigger()
    again = _all(journal)
    assert [a.id for a in again] == [first.id] and again[0].title == "Coat drive"


def test_deleting_many_asks_first(demo_window, demo_journal, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    journal, _ = demo_journal
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    view = demo_window.journal_view
    ids = [view.model.record(r).id for r in range(3)]
    view.trash(ids)
    assert asked and "Move 3 activities to the trash?" in asked[0]
    assert count_activities(journal, ActivityQuery(trashed=True)) == 0
