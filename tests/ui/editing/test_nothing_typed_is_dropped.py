"""A field that breaks a rule keeps what was typed: the valid fields are saved, the invalid one waits as a draft,
shown again on return, and named in words when the app closes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from journal.records.activities import get_activity
from journal.records.reflections import weekly_reflection
from journal.records.validation import DESCRIPTION_MAX
from journal.search.activity_query import ActivityQuery, count_activities
from tests.ui.typing import clear_by_hand, click, pause_to_think, type_words


def _row_of(view, activity_id):
    return view.model.row_of(activity_id)


def _click_row(qtbot, view, row):
    view.table.scrollTo(view.model.index(row, 1))
    rect = view.table.visualRect(view.model.index(row, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_tags_typed_beside_bad_hours_survive_a_click_on_another_activity(demo_window, demo_journal, qtbot, monkeypatch):
    journal, _ = demo_journal
    view = demo_window.journal_view
    _click_row(qtbot, view, 0)
    editor = view.editor
    first = editor.activity_id
    before = get_activity(journal, first)
    click(qtbot, editor.hours_edit)
    editor.hours_edit.selectAll()
    qtbot.keyClicks(editor.hours_edit, "two")
    click(qtbot, editor.tags_edit)
    editor.tags_edit.clear()
    type_words(qtbot, editor.tags_edit, "clothes; swap", editor.autosave)
    _click_row(qtbot, view, 1)
    assert editor.activity_id != first
    stored = get_activity(journal, first)
    assert stored.tags == ("clothes", "swap")  # the valid field was saved
    assert stored.hours_centi == before.hours_centi  # the invalid one was not written
    _click_row(qtbot, view, _row_of(view, first))
    assert editor.activity_id == first
    assert editor.hours_edit.text() == "two"  # ... and was kept, shown again with its message
    assert editor.tags_edit.text() == "clothes; swap"
    assert editor.errors["hours_centi"].isVisible()
    editor.hours_edit.selectAll()
    qtbot.keyClicks(editor.hours_edit, "2")
    pause_to_think(qtbot, editor.autosave)
    assert get_activity(journal, first).hours_centi == 200
    assert not editor.errors["hours_centi"].isVisible()
    assert editor.unsaved_drafts() == []


def test_a_new_activity_without_a_title_is_kept_as_a_draft(main_window, journal, qtbot):
    view = main_window.journal_view
    editor = view.editor
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    click(qtbot, editor.description_edit)
    type_words(qtbot, editor.description_edit, "Wrote this before choosing a title for it.", editor.autosave)
    editor.checklist.box("radical.no-eligibility").click()
    view.trash_selected()  # nothing to trash; the form stays
    main_window.show_view(1)  # leave for the Spectrum view, and come back
    main_window.show_view(0)
    assert count_activities(journal, ActivityQuery()) == 0
    assert editor.description_edit.toPlainText() == "Wrote this before choosing a title for it."
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert editor.description_edit.toPlainText() == "Wrote this before choosing a title for it."
    assert editor.checklist.box("radical.no-eligibility").isChecked()
    assert editor.errors["title"].isVisible()
    assert QApplication.focusWidget() is editor.title_edit
    type_words(qtbot, editor.title_edit, "Free store", editor.autosave)
    pause_to_think(qtbot, editor.autosave)
    assert count_activities(journal, ActivityQuery()) == 1
    stored = get_activity(journal, editor.activity_id)
    assert (stored.title, stored.description, stored.criteria) == (
        "Free store",
        "Wrote this before choosing a title for it.",
        ("radical.no-eligibility",),
    )
    assert editor.unsaved_drafts() == []


def test_closing_with_a_draft_asks_and_can_go_back(demo_window, demo_journal, qtbot, monkeypatch):
    view = demo_window.journal_view
    _click_row(qtbot, view, 0)
    editor = view.editor
    first = editor.activity_id
    click(qtbot, editor.hours_edit)
    editor.hours_edit.selectAll()
    qtbot.keyClicks(editor.hours_edit, "two")
    _click_row(qtbot, view, 2)
    asked = []

    def answer(parent, title, text, yes, no="Cancel"):
        asked.append((title, text, yes, no))
        return len(asked) == 1  # first: go back; second: quit without it

    monkeypatch.setattr("ui.window.main_window.ask", answer)
    demo_window.close()
    assert demo_window.isVisible()
    _title, text, yes, no = asked[0]
    assert "Hours 'two'" in text and "not saved" in text
    assert (yes, no) == ("Go back and fix it", "Quit without it")
    assert editor.activity_id == first
    assert editor.hours_edit.text() == "two"
    assert editor.focusWidget() is editor.hours_edit
    demo_window.close()
    assert not demo_window.isVisible()
    assert len(asked) == 2


def test_a_reflection_box_over_the_limit_keeps_its_text_and_the_others_save(demo_window, demo_journal, qtbot):
    journal, term = demo_journal
    view = demo_window.journal_view
    reflection = view.reflection
    reflection.set_term(term)
    view.side.setCurrentWidget(reflection)
    reflection.show_week(2)
    clear_by_hand(qtbot, reflection.answers["now_what"])
    type_words(qtbot, reflection.answers["now_what"], "Ask the union about the heating.", reflection.autosave)
    too_long = "x" * (DESCRIPTION_MAX + 1)
    reflection.answers["what"].setPlainText(too_long)  # a paste of a whole book
    reflection.show_week(3)
    stored = weekly_reflection(journal, term, 2)
    assert stored.now_what == "Ask the union about the heating."
    assert len(stored.what) <= DESCRIPTION_MAX
    assert reflection.unsaved_drafts() == ["In the reflection of week 2: What? (100,001 characters)"]
    reflection.show_week(2)
    assert reflection.answers["what"].toPlainText() == too_long
    assert reflection.errors["what"].isVisible()


def test_a_closing_reflection_over_the_limit_is_kept_across_terms_and_named_on_quitting(
    demo_window, demo_journal, qtbot, monkeypatch
):
    from journal.records.reflections import closing_reflection
    from journal.records.terms import add_term

    journal, term = demo_journal
    other = add_term(journal, "Spring 2027", "2027-01-11", "2027-05-07")
    demo_window.events.terms_changed.emit()
    demo_window.show_view(2)
    report = demo_window.stack.currentWidget()
    before = closing_reflection(journal, term).essay
    too_long = "y" * (DESCRIPTION_MAX + 1)
    report.editor.essay.setPlainText(too_long)
    demo_window.select_term(other.id)
    assert report.editor.essay.toPlainText() == ""
    demo_window.select_term(term.id)
    assert report.editor.essay.toPlainText() == too_long
    assert closing_reflection(journal, term).essay == before
    asked = []
    monkeypatch.setattr("ui.window.main_window.ask", lambda *args, **kwargs: asked.append(args[2]) or True)
    demo_window.close()
    assert demo_window.isVisible()
    assert "The closing reflection (100,001 characters)" in asked[0]
