"""Managing terms, the profile and criteria from the app; every change can be undone."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt

from journal.records.activities import add_activity
from journal.records.profile import get_profile
from journal.records.terms import add_term, list_terms
from journal.records.validation import check_activity


def test_add_rename_and_redate_a_term_then_undo(main_window, journal, qtbot):
    from ui.dialogs.terms_dialog import TermsDialog

    dialog = TermsDialog(journal, main_window.events, main_window.undo_stack, main_window)
    qtbot.addWidget(dialog)
    dialog.name.setText("Fall 2026")
    dialog.start.setDate(QDate(2026, 9, 1))
    dialog.end.setDate(QDate(2026, 12, 15))
    assert dialog.apply()
    assert [t.name for t in list_terms(journal)] == ["Fall 2026"]
    assert main_window.windowTitle() == "Fall 2026 — Mutual Aid Journal"
    dialog.term_list.setCurrentRow(0)
    dialog.name.setText("Autumn 2026")
    dialog.end.setDate(QDate(2026, 12, 20))
    assert dialog.apply()
    assert [(t.name, str(t.end)) for t in list_terms(journal)] == [("Autumn 2026", "2026-12-20")]
    main_window.undo_action.trigger()
    assert [(t.name, str(t.end)) for t in list_terms(journal)] == [("Fall 2026", "2026-12-15")]
    main_window.undo_action.trigger()
    assert list_terms(journal) == []


def test_overlapping_and_too_long_terms_are_refused_next_to_the_field(main_window, journal, qtbot):
    from ui.dialogs.terms_dialog import TermsDialog

    add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    dialog = TermsDialog(journal, main_window.events, main_window.undo_stack, main_window)
    qtbot.addWidget(dialog)
    dialog.start_new()
    dialog.name.setText("Winter")
    dialog.start.setDate(QDate(2026, 12, 1))
    dialog.end.setDate(QDate(2027, 1, 31))
    assert not dialog.apply()
    assert "overlap the term 'Fall 2026'" in dialog.errors["start"].text()
    dialog.start.setDate(QDate(2027, 1, 1))
    dialog.end.setDate(QDate(2028, 6, 1))
    assert not dialog.apply()
    assert "at most 366 days" in dialog.errors["end"].text()
    assert len(list_terms(journal)) == 1


def test_profile_is_saved_and_undoable(main_window, journal, qtbot):
    from ui.dialogs.profile_dialog import ProfileDialog

    dialog = ProfileDialog(journal, main_window.events, main_window.undo_stack, main_window)
    qtbot.addWidget(dialog)
    dialog.fields["student_name"].setText("Sam Rivera")
    dialog.fields["course"].setText("SOC 215")
    dialog.accept()
    assert get_profile(journal).student_name == "Sam Rivera"
    main_window.undo_action.trigger()
    assert get_profile(journal).student_name == ""


def test_hide_add_and_delete_criteria(main_window, journal, qtbot):
    from ui.dialogs.criteria_dialog import CriteriaDialog

    dialog = CriteriaDialog(journal, main_window.events, main_window.undo_stack, main_window)
    qtbot.addWidget(dialog)
    charity = dialog.tree.topLevelItem(0)
    first = charity.child(0)
    first.setCheckState(0, Qt.CheckState.Unchecked)
    assert "charity.outside-helpers" in journal.hidden
    checklist = main_window.journal_view.editor.checklist
    assert checklist.box("charity.outside-helpers").parentWidget().isHidden()
    main_window.undo_action.trigger()
    assert "charity.outside-helpers" not in journal.hidden

    dialog.model_combo.setCurrentIndex(dialog.model_combo.findData("radical"))
    dialog.statement.setText("We shared the meal we cooked together.")
    assert dialog.add()
    custom = [c for c in journal.framework.criteria if c.custom]
    assert [c.statement for c in custom] == ["We shared the meal we cooked together."]
    assert checklist.box(custom[0].id) is not None

    # ticked on an activity, it can be hidden but not deleted
    raw = {"date": "2026-09-02", "title": "Meal", "criteria": [custom[0].id]}
    add_activity(journal, check_activity(raw, journal.framework))
    dialog.refresh()
    radical = dialog.tree.topLevelItem(2)
    dialog.tree.setCurrentItem(radical.child(radical.childCount() - 1))
    dialog.delete_selected()
    assert "can be hidden but not deleted" in dialog.delete_error.text()
    assert journal.framework.has_criterion(custom[0].id)
