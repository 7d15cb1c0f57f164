"""The keyboard path of SPEC 3: Ctrl+N to a new activity's Title, Tab through the form in its visual order,
Ctrl+R to the week's reflection with the cursor in What?, both in the menus with their shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from journal.clock import today
from journal.records.activities import get_activity
from tests.ui.typing import click, pause_to_think

CTRL = Qt.KeyboardModifier.ControlModifier


def _focus() -> object:
    return QApplication.focusWidget()


def test_ctrl_n_opens_a_new_activity_at_the_top_with_the_cursor_in_title(demo_window, qtbot):
    view = demo_window.journal_view
    editor = view.editor
    click(qtbot, view.table.viewport())
    last = editor.checklist.boxes()[-1]
    editor.scroll.ensureWidgetVisible(last)  # the student had scrolled down to the criteria
    assert editor.scroll.verticalScrollBar().value() > 0
    click(qtbot, view.filters.search)  # and the cursor was in the filter bar
    qtbot.keyClick(view.filters.search, Qt.Key.Key_N, CTRL)
    assert _focus() is editor.title_edit
    assert editor.scroll.verticalScrollBar().value() == 0
    assert editor.activity_id is None and editor.title_edit.text() == ""
    qtbot.keyClicks(_focus(), "Tool library")
    assert editor.title_edit.text() == "Tool library"
    assert view.filters.search.text() == ""


def test_tab_walks_the_form_in_its_visual_order(main_window, qtbot):
    qtbot.keyClick(main_window, Qt.Key.Key_N, CTRL)
    editor = main_window.journal_view.editor
    expected = [
        editor.organization_edit,
        editor.role_edit,
        editor.hours_edit,
        editor.tags_edit,
        editor.description_edit,
        editor.private_box,
        *editor.checklist.boxes()[:3],
    ]
    assert _focus() is editor.title_edit
    for widget in expected:
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
        assert _focus() is widget, widget.accessibleName()
    assert editor.description_edit.toPlainText() == ""  # Tab in the prose box moved on; it typed no tab
    editor.title_edit.setFocus()
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Backtab)
    assert _focus() is editor.date_edit


def test_ctrl_r_opens_the_selected_activitys_week_with_the_cursor_in_what(demo_window, demo_journal, qtbot):
    journal, term = demo_journal
    view = demo_window.journal_view
    row = view.model.rowCount() - 1  # the oldest shown: not this week
    rect = view.table.visualRect(view.model.index(row, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    day = get_activity(journal, view.editor.activity_id).day
    qtbot.keyClick(view.table, Qt.Key.Key_R, CTRL)
    reflection = view.reflection
    assert view.side.currentWidget() is reflection
    assert reflection.week == term.week_of(day) != term.week_of(today())
    assert _focus() is reflection.answers["what"]
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    assert _focus() is reflection.answers["so_what"]
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    assert _focus() is reflection.answers["now_what"]
    qtbot.keyClick(_focus(), Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(_focus(), " Call the landlord.")
    pause_to_think(qtbot, reflection.autosave)
    assert reflection.answers["now_what"].toPlainText().endswith(" Call the landlord.")


def test_ctrl_r_without_a_selected_activity_opens_this_week(demo_window, demo_journal, qtbot):
    _, term = demo_journal
    qtbot.keyClick(demo_window, Qt.Key.Key_N, CTRL)
    qtbot.keyClick(_focus(), Qt.Key.Key_R, CTRL)
    reflection = demo_window.journal_view.reflection
    assert reflection.week == (term.week_of(today()) or 1)
    assert _focus() is reflection.answers["what"]


def test_both_shortcuts_are_in_the_menus(main_window):
    found = {}
    for menu_action in main_window.menuBar().actions():
        for action in menu_action.menu().actions():
            found[action.text().replace("&", "")] = action.shortcut()
    assert found["New activity"] == QKeySequence("Ctrl+N")
    assert found["Weekly reflection"] == QKeySequence("Ctrl+R")
