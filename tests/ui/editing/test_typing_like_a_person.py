"""Every word a student types stays exactly where they typed it, in the box, in the journal and in the report.

Each test types with real key events, word by word, stopping longer than the
autosave's pause between some words, clicks elsewhere in between, and then
compares the box, its cursor and the stored text character for character.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from journal.records.activities import get_activity
from journal.records.profile import get_profile
from journal.records.reflections import closing_reflection, weekly_reflection
from journal.records.terms import add_term, list_terms
from journal.search.activity_query import ActivityQuery, find_activities
from tests.ui.typing import clear_by_hand, click, cursor_at, pause_to_think, text_of, type_words

SWAP = "Everyone brought clothes and took what they needed at the swap."
FIELDS = {
    "title_edit": "Clothes swap at the community hall",
    "organization_edit": "Riverside Tenants Union",
    "role_edit": "sorting table and tea",
    "tags_edit": "clothes; swap; winter",
    "description_edit": SWAP + " Nobody had to show anything to take a coat.",
}


def _only_activity(journal):
    activities = find_activities(journal, ActivityQuery())
    assert len(activities) == 1
    return activities[0]


def test_a_new_activity_typed_field_by_field_with_pauses_keeps_every_word(main_window, journal, qtbot):
    editor = main_window.journal_view.editor
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    for name, text in FIELDS.items():
        box = getattr(editor, name)
        click(qtbot, box)
        qtbot.keyClick(box, Qt.Key.Key_End)
        type_words(qtbot, box, text, editor.autosave)
        assert text_of(box) == text, name
        assert cursor_at(box) == len(text), name
    click(qtbot, editor.title_edit)  # the description's last words are saved when the focus leaves it
    pause_to_think(qtbot, editor.autosave)
    stored = get_activity(journal, _only_activity(journal).id)
    assert stored.title == FIELDS["title_edit"]
    assert stored.organization == FIELDS["organization_edit"]
    assert stored.role == FIELDS["role_edit"]
    assert stored.tags == ("clothes", "swap", "winter")
    assert stored.description == FIELDS["description_edit"]
    for name, text in FIELDS.items():  # and nothing in the form moved while it saved
        assert text_of(getattr(editor, name)) == text


def test_a_description_typed_with_pauses_is_stored_in_the_order_typed(demo_window, demo_journal, qtbot):
    journal, _ = demo_journal
    view = demo_window.journal_view
    click(qtbot, view.table.viewport())
    editor = view.editor
    activity_id = editor.activity_id
    assert activity_id is not None
    box = editor.description_edit
    before = box.toPlainText()
    click(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_words(qtbot, box, " " + SWAP, editor.autosave, pause_every=1)
    assert box.toPlainText() == before + " " + SWAP
    assert cursor_at(box) == len(before + " " + SWAP)
    click(qtbot, editor.role_edit)
    assert get_activity(journal, activity_id).description == (before + " " + SWAP).strip()


def test_typing_in_the_middle_of_a_title_keeps_the_cursor_there(demo_window, demo_journal, qtbot):
    journal, _ = demo_journal
    view = demo_window.journal_view
    click(qtbot, view.table.viewport())
    editor = view.editor
    box = editor.title_edit
    title = box.text()
    click(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_Home)
    type_words(qtbot, box, "Weekly: big", editor.autosave, pause_every=1)
    assert box.text() == "Weekly: big" + title
    assert box.cursorPosition() == len("Weekly: big")
    assert get_activity(journal, editor.activity_id).title == "Weekly: big" + title


def test_empty_hours_stay_empty_after_the_title_saves(main_window, journal, qtbot):
    editor = main_window.journal_view.editor
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_words(qtbot, editor.title_edit, "Fridge restock", editor.autosave)
    pause_to_think(qtbot, editor.autosave)
    assert _only_activity(journal).hours_centi == 0  # not entered is stored as no hours (SPEC 2)
    assert editor.hours_edit.text() == ""
    click(qtbot, editor.hours_edit)
    qtbot.keyClicks(editor.hours_edit, "abc")
    editor.save_now()
    assert editor.hours_edit.text() == "abc"
    assert editor.errors["hours_centi"].text().startswith("⚠ Hours 'abc' is not a number")


def test_the_three_reflection_boxes_keep_every_word_across_weeks(demo_window, demo_journal, qtbot):
    journal, term = demo_journal
    view = demo_window.journal_view
    reflection = view.reflection
    reflection.set_term(term)
    view.side.setCurrentWidget(reflection)
    reflection.show_week(3)
    answers = {
        "what": "We sorted coats at the swap and I poured tea for whoever came.",
        "so_what": "It felt contributory: people took and gave, but organisers still decided the rules.",
        "now_what": "Next week I will ask the tenants union why the heating is still off.",
    }
    for key, text in answers.items():
        box = reflection.answers[key]
        clear_by_hand(qtbot, box)
        type_words(qtbot, box, text, reflection.autosave)
        assert box.toPlainText() == text
        assert cursor_at(box) == len(text)
    click(qtbot, reflection.answers["what"])
    stored = weekly_reflection(journal, term, 3)
    assert (stored.what, stored.so_what, stored.now_what) == tuple(answers.values())
    reflection.show_week(4)
    reflection.show_week(3)
    assert {k: box.toPlainText() for k, box in reflection.answers.items()} == answers


def test_the_closing_reflection_keeps_every_word(demo_window, demo_journal, qtbot):
    journal, term = demo_journal
    demo_window.show_view(2)
    report = demo_window.stack.currentWidget()
    essay = report.editor.essay
    clear_by_hand(qtbot, essay)
    text = "At first I thought helping meant giving. By the end I was organising with the people I had served."
    type_words(qtbot, essay, text, report.editor.autosave, pause_every=3)
    assert essay.toPlainText() == text
    assert cursor_at(essay) == len(text)
    click(qtbot, report.editor.direction_buttons["toward-radical"])
    assert closing_reflection(journal, term).essay == text


def test_the_profile_dialog_keeps_every_word(main_window, journal, qtbot):
    from ui.dialogs.profile_dialog import ProfileDialog

    dialog = ProfileDialog(journal, main_window.events, main_window.undo_stack, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    typed = {
        "student_name": "Ana Maria Ruiz",
        "course": "SOC 214 Mutual Aid and Solidarity",
        "instructor": "Dr. Okafor",
    }
    for key, text in typed.items():
        click(qtbot, dialog.fields[key])
        for word in text.split(" "):
            qtbot.keyClicks(dialog.fields[key], word + " ")
        qtbot.keyClick(dialog.fields[key], Qt.Key.Key_Backspace)
        assert dialog.fields[key].text() == text
    click(qtbot, dialog.fields["student_name"])
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    profile = get_profile(journal)
    assert (profile.student_name, profile.course, profile.instructor) == tuple(typed.values())


def _terms_dialog_on_two_terms(main_window, journal, qtbot):
    from ui.dialogs.terms_dialog import TermsDialog

    add_term(journal, "Spring 2026", "2026-01-12", "2026-05-01")
    add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    dialog = TermsDialog(journal, main_window.events, main_window.undo_stack, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.term_list.setCurrentRow(0)
    return dialog


def test_a_term_name_typed_then_left_for_another_term_is_not_lost(main_window, journal, qtbot):
    dialog = _terms_dialog_on_two_terms(main_window, journal, qtbot)
    click(qtbot, dialog.name)
    qtbot.keyClick(dialog.name, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.name, " semester")
    second = dialog.term_list.visualItemRect(dialog.term_list.item(1)).center()
    qtbot.mouseClick(dialog.term_list.viewport(), Qt.MouseButton.LeftButton, pos=second)
    assert [t.name for t in list_terms(journal)] == ["Spring 2026 semester", "Fall 2026"]
    assert dialog.name.text() == "Fall 2026"
    qtbot.keyClicks(dialog.name, " term")
    dialog.close()  # closing the dialog applies what was typed, as leaving a field of the form saves it
    assert [t.name for t in list_terms(journal)] == ["Spring 2026 semester", "Fall 2026 term"]


def test_a_term_name_that_breaks_a_rule_keeps_the_student_there(main_window, journal, qtbot):
    dialog = _terms_dialog_on_two_terms(main_window, journal, qtbot)
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Fall 2026")  # taken by the other term
    dialog.term_list.setCurrentRow(1)
    assert dialog.term_list.currentRow() == 0
    assert dialog.name.text() == "Fall 2026"
    assert dialog.errors["name"].isVisible()
    assert dialog.focusWidget() is dialog.name
    dialog.close()
    assert dialog.isVisible()  # still there, with the message, until the name is fixed or the change undone
    assert [t.name for t in list_terms(journal)] == ["Spring 2026", "Fall 2026"]


def test_reading_the_term_list_again_leaves_the_reflection_being_written_alone(demo_window, qtbot):
    view = demo_window.journal_view
    reflection = view.reflection
    view.side.setCurrentWidget(reflection)
    reflection.show_week(2)
    box = reflection.answers["so_what"]
    click(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    type_words(qtbot, box, "Looking again: ", reflection.autosave)
    demo_window.events.terms_changed.emit()  # as after the terms dialog or an import
    assert reflection.week == 2
    assert box.toPlainText().startswith("Looking again: ")
    assert cursor_at(box) == len("Looking again: ")


def test_the_first_start_takes_a_typed_term_and_profile_by_keyboard_with_return(journal, qtbot):
    from ui.start_up.onboarding import OnboardingDialog

    dialog = OnboardingDialog(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.skip_button.setFocus()  # the focus sat on Skip, as it does on the first page
    qtbot.keyClick(dialog.skip_button, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.pages.currentIndex() == 1
    click(qtbot, dialog.term_name)
    dialog.term_name.selectAll()
    type_words(qtbot, dialog.term_name, "Fall 2026 SOC 214", None)
    qtbot.keyClick(dialog.term_name, Qt.Key.Key_Return)
    assert [t.name for t in list_terms(journal)] == ["Fall 2026 SOC 214"]
    for box, text in ((dialog.student, "Sam Okafor"), (dialog.course, "SOC 214"), (dialog.instructor, "Dr. Reyes")):
        click(qtbot, box)
        type_words(qtbot, box, text, None)
    qtbot.keyClick(dialog.instructor, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    profile = get_profile(journal)
    assert (profile.student_name, profile.course, profile.instructor) == ("Sam Okafor", "SOC 214", "Dr. Reyes")


def test_an_imported_organisation_is_offered_while_typing(main_window, journal, qtbot, tmp_path):
    editor = main_window.journal_view.editor  # the form is open before the import
    csv = tmp_path / "in.csv"
    csv.write_text("date,title,organization\n2026-10-02,Bike clinic,Northside Repair Cafe\n", encoding="utf-8")
    assert main_window.actions_.import_file(str(csv)) == 1
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    click(qtbot, editor.organization_edit)
    qtbot.keyClicks(editor.organization_edit, "repair")
    completer = editor.organization_edit.completer()
    assert completer.currentCompletion() == "Northside Repair Cafe"


def test_an_old_imported_date_is_shown_and_kept_as_it_is(main_window, journal, qtbot):
    from datetime import date

    from journal.records.activities import add_activity
    from journal.records.validation import ActivityInput

    record = add_activity(journal, ActivityInput(day=date(1700, 3, 1), title="Poor relief ledger"))
    main_window.events.activities_changed.emit()
    editor = main_window.journal_view.editor
    editor.show_activity(record.id)
    assert editor.raw_input()["date"] == date(1700, 3, 1)
    click(qtbot, editor.role_edit)
    type_words(qtbot, editor.role_edit, "reader", editor.autosave)
    pause_to_think(qtbot, editor.autosave)
    assert get_activity(journal, record.id).day == date(1700, 3, 1)
    assert get_activity(journal, record.id).role == "reader"
