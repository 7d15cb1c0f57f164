"""Undo as people expect it: Ctrl+Z inside a box undoes typing in that box; the app's undo takes back whole,
named steps, stays correct across an import, and says so in words when the journal refuses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from journal.errors import NotFound
from journal.records.activities import get_activity
from journal.records.reflections import weekly_reflection
from journal.records.terms import add_term, list_terms
from journal.search.activity_query import ActivityQuery, find_activities
from tests.ui.typing import clear_by_hand, click, cursor_at, pause_to_think, type_words

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _show_first_activity(qtbot, window):
    view = window.journal_view
    rect = view.table.visualRect(view.model.index(0, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return view.editor


def test_ctrl_z_inside_a_box_undoes_the_typing_since_the_last_pause(demo_window, demo_journal, qtbot):
    journal, _ = demo_journal
    editor = _show_first_activity(qtbot, demo_window)
    box = editor.description_edit
    original = box.toPlainText()
    click(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_End, CTRL)
    for burst in (" More people came", " than last week."):  # typed, then a pause to think
        qtbot.keyClicks(box, burst)
        pause_to_think(qtbot, editor.autosave)
    qtbot.keyClicks(box, " Then it rained.")
    assert get_activity(journal, editor.activity_id).description.endswith("than last week.")
    steps = demo_window.undo_stack.index()
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)  # the box's own undo: the words since the last pause
    assert box.toPlainText() == original + " More people came than last week."
    assert cursor_at(box) == len(box.toPlainText())
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert box.toPlainText() == original + " More people came"
    assert demo_window.undo_stack.index() == steps  # the app's undo was not used
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL_SHIFT)
    assert box.toPlainText() == original + " More people came than last week."
    pause_to_think(qtbot, editor.autosave)
    assert get_activity(journal, editor.activity_id).description == original + " More people came than last week."


def test_ctrl_z_on_the_list_undoes_one_box_of_a_reflection_not_all_three(demo_window, demo_journal, qtbot):
    journal, term = demo_journal
    view = demo_window.journal_view
    reflection = view.reflection
    reflection.set_term(term)
    view.side.setCurrentWidget(reflection)
    reflection.show_week(5)
    typed = {"what": "Cooked rice for forty.", "so_what": "Charity, mostly.", "now_what": "Join the planning call."}
    before = weekly_reflection(journal, term, 5)
    for key, text in typed.items():
        box = reflection.answers[key]
        clear_by_hand(qtbot, box)
        type_words(qtbot, box, text, reflection.autosave, pause_every=1)
    click(qtbot, view.table.viewport())  # the focus on the list: Ctrl+Z is the app's
    assert demo_window.undo_action.text() == "&Undo typing in “Now what?” of week 5"
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    stored = weekly_reflection(journal, term, 5)
    assert (stored.what, stored.so_what) == (typed["what"], typed["so_what"])
    assert stored.now_what == before.now_what  # the last step: clearing the box and typing anew, as one burst
    assert reflection.answers["what"].toPlainText() == typed["what"]
    assert reflection.answers["so_what"].toPlainText() == typed["so_what"]
    assert reflection.answers["now_what"].toPlainText() == before.now_what
    assert demo_window.statusBar().currentMessage() == "Undone: typing in “Now what?” of week 5"
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL_SHIFT)
    assert weekly_reflection(journal, term, 5).now_what == typed["now_what"]
    assert reflection.answers["now_what"].toPlainText() == typed["now_what"]


def test_an_autosave_says_nothing_about_undo(demo_window, qtbot):
    editor = _show_first_activity(qtbot, demo_window)
    click(qtbot, editor.role_edit)
    type_words(qtbot, editor.role_edit, "driver and cook", editor.autosave, pause_every=1)
    pause_to_think(qtbot, editor.autosave)
    assert "Undone" not in demo_window.statusBar().currentMessage()
    assert "redone" not in demo_window.statusBar().currentMessage()
    assert demo_window.undo_action.text().startswith("&Undo typing in the role of")


def test_the_app_undo_puts_back_only_the_field_it_changed_and_keeps_the_cursor(demo_window, demo_journal, qtbot):
    journal, _ = demo_journal
    editor = _show_first_activity(qtbot, demo_window)
    title = editor.title_edit.text()
    click(qtbot, editor.title_edit)
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_End)
    type_words(qtbot, editor.title_edit, " (second)", editor.autosave, pause_every=1)
    click(qtbot, editor.organization_edit)
    editor.organization_edit.selectAll()
    type_words(qtbot, editor.organization_edit, "Eastside Free Store", editor.autosave, pause_every=1)
    editor.title_edit.setFocus()
    editor.title_edit.setCursorPosition(3)
    demo_window.undo_action.trigger()  # Edit > Undo: the organisation's typing, as one step
    stored = get_activity(journal, editor.activity_id)
    assert stored.title == title + " (second)"
    assert editor.organization_edit.text() == stored.organization != "Eastside Free Store"
    assert editor.title_edit.text() == title + " (second)"
    assert editor.title_edit.cursorPosition() == 3
    demo_window.undo_action.trigger()
    assert get_activity(journal, editor.activity_id).title == title
    assert editor.title_edit.text() == title
    assert cursor_at(editor.title_edit) == 3


def test_ticking_a_criterion_is_a_step_of_its_own(demo_window, demo_journal, qtbot):
    journal, _ = demo_journal
    editor = _show_first_activity(qtbot, demo_window)
    click(qtbot, editor.role_edit)
    qtbot.keyClicks(editor.role_edit, "x")  # still waiting for its pause when the box is ticked
    box = editor.checklist.box("radical.political-education")
    was = box.isChecked()
    box.click()
    verb = "unticking" if was else "ticking"
    assert demo_window.undo_action.text() == f"&Undo {verb} “It included political education about why…”"
    demo_window.undo_action.trigger()
    assert box.isChecked() == was
    assert ("radical.political-education" in get_activity(journal, editor.activity_id).criteria) == was
    assert editor.role_edit.text().endswith("x")  # the typing before it is another step, still there


def test_undo_and_redo_across_an_import_never_reuse_an_id(main_window, journal, qtbot, tmp_path: Path):
    editor = main_window.journal_view.editor
    qtbot.keyClick(main_window, Qt.Key.Key_N, CTRL)
    qtbot.keyClicks(editor.title_edit, "Soup kitchen")
    pause_to_think(qtbot, editor.autosave)
    created = editor.activity_id
    assert main_window.undo_action.text() == "&Undo new activity “Soup kitchen”"
    click(qtbot, main_window.journal_view.table.viewport())
    qtbot.keyClick(main_window.journal_view.table, Qt.Key.Key_Z, CTRL)
    assert find_activities(journal, ActivityQuery()) == []
    csv = tmp_path / "more.csv"
    csv.write_text("date,title,hours\n2026-10-02,Bike repair clinic,2\n", encoding="utf-8")
    assert main_window.actions_.import_file(str(csv)) == 1
    imported = find_activities(journal, ActivityQuery())[0]
    assert imported.id != created
    qtbot.keyClick(main_window.journal_view.table, Qt.Key.Key_Z, CTRL_SHIFT)  # redo: no IntegrityError into Qt
    titles = {a.id: a.title for a in find_activities(journal, ActivityQuery())}
    assert titles == {created: "Soup kitchen", imported.id: "Bike repair clinic"}
    qtbot.keyClick(main_window.journal_view.table, Qt.Key.Key_Z, CTRL)
    assert {a.title for a in find_activities(journal, ActivityQuery())} == {"Bike repair clinic"}
    assert get_activity(journal, imported.id).title == "Bike repair clinic"


def _add_fall_term_in_the_dialog(main_window, journal, qtbot):
    from ui.dialogs.terms_dialog import TermsDialog

    dialog = TermsDialog(journal, main_window.events, main_window.undo_stack, main_window)
    qtbot.addWidget(dialog)
    dialog.name.setText("Fall 2026")
    assert dialog.apply()
    dialog.close()


def test_a_redo_the_journal_refuses_is_a_message_not_an_exception(main_window, journal, qtbot):
    _add_fall_term_in_the_dialog(main_window, journal, qtbot)
    main_window.undo_action.trigger()
    assert list_terms(journal) == []
    add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")  # the name taken meanwhile (an import, say)
    main_window.redo_action.trigger()
    assert "Could not redo “add the term “Fall 2026””" in main_window.statusBar().currentMessage()
    assert not main_window.undo_stack.canRedo()  # the refused step left the list
    assert [t.name for t in list_terms(journal)] == ["Fall 2026"]


def test_undoing_a_new_activity_clears_the_form(main_window, journal, qtbot):
    editor = main_window.journal_view.editor
    qtbot.keyClick(main_window, Qt.Key.Key_N, CTRL)
    qtbot.keyClicks(editor.title_edit, "Fridge")
    pause_to_think(qtbot, editor.autosave)
    created = editor.activity_id
    main_window.undo_action.trigger()
    try:
        get_activity(journal, created)
        raise AssertionError("the activity is still there")
    except NotFound:
        pass
    assert editor.activity_id is None
    assert editor.title_edit.text() == ""


def test_a_redone_term_comes_back_under_its_id_so_the_steps_after_it_apply(main_window, journal, qtbot):
    _add_fall_term_in_the_dialog(main_window, journal, qtbot)
    term = list_terms(journal)[0]
    reflection = main_window.journal_view.reflection
    reflection.show_week(1)
    click(qtbot, reflection.answers["what"])
    qtbot.keyClicks(reflection.answers["what"], "First week.")
    pause_to_think(qtbot, reflection.autosave)
    main_window.undo_action.trigger()
    main_window.undo_action.trigger()
    assert list_terms(journal) == []
    main_window.redo_action.trigger()
    main_window.redo_action.trigger()
    assert [t.id for t in list_terms(journal)] == [term.id]
    assert weekly_reflection(journal, term, 1).what == "First week."
    assert "Could not" not in main_window.statusBar().currentMessage()
