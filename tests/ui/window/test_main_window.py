"""The main window: search and filters, weekly reflections, views, onboarding, settings, --demo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from journal.records.activities import add_activity
from journal.records.reflections import weekly_reflection, weekly_reflections
from journal.records.terms import list_terms
from journal.records.validation import check_activity
from journal.search.activity_query import ActivityQuery, count_activities
from ui.journal_view.activity_list_model import PAGE_SIZE
from ui.window.main_window import APP_TITLE


def test_title_names_the_open_term_then_the_app_once(demo_window, demo_journal):
    _, term = demo_journal
    assert demo_window.windowTitle() == f"{term.name} — Mutual Aid Journal"
    # Qt appends the application's display name (ui.start_up.app sets it to APP_TITLE) to a title that does not end
    # with it, on Linux and Windows: this one does, so it shows once everywhere
    assert demo_window.windowTitle().endswith(APP_TITLE)


def test_search_by_keyboard_filters_the_list(demo_window, demo_journal, qtbot):
    journal, _ = demo_journal
    view = demo_window.journal_view
    qtbot.keyClick(demo_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is view.filters.search
    qtbot.keyClicks(view.filters.search, "breakfast")
    expected = count_activities(journal, ActivityQuery(text="breakfast"))
    assert expected >= 5
    qtbot.waitUntil(lambda: view.model.total == expected, timeout=2000)
    _, term = demo_journal
    reflections = weekly_reflections(journal, term)
    for record in (view.model.record(i) for i in range(view.model.rowCount())):
        week = reflections.get((record.day - term.start).days // 7 + 1)
        reflected = "" if week is None else week.what + week.so_what + week.now_what
        text = record.title + record.description + record.organization + record.role + " ".join(record.tags)
        assert "breakfast" in (text + reflected).lower(), record.title
    assert view.count_label.text() == f"{expected} activities"


def test_a_long_search_result_counts_on_as_the_list_scrolls(main_window, journal, qtbot):
    for number in range(120):
        add_activity(
            journal,
            check_activity({"date": "2026-09-02", "title": f"Soup run {number}", "hours": "1"}, journal.framework),
        )
    view = main_window.journal_view
    view.filters.search.setText("soup")
    qtbot.waitUntil(lambda: view.count_label.text() == f"{PAGE_SIZE}+ activities", timeout=2000)
    view.model.fetchMore()
    assert view.count_label.text() == f"{2 * PAGE_SIZE}+ activities"
    while view.model.canFetchMore():
        view.model.fetchMore()
    assert view.count_label.text() == "120 activities"


def test_filters_by_level_tag_model_and_week(demo_window, demo_journal, qtbot):
    journal, term = demo_journal
    view = demo_window.journal_view
    filters = view.filters
    filters.level_combo.setCurrentIndex(filters.level_combo.findData("charity"))
    qtbot.waitUntil(
        lambda: (
            view.model.total
            == count_activities(journal, ActivityQuery(start=term.start, end=term.end, level="charity"))
        )
    )
    assert {view.model.record(r).organization for r in range(view.model.rowCount())} >= {"Riverside Food Bank"}
    filters.level_combo.setCurrentIndex(0)
    filters.tag_combo.setCurrentIndex(filters.tag_combo.findData("housing"))
    qtbot.waitUntil(lambda: view.model.total == 6)
    filters.tag_combo.setCurrentIndex(0)
    filters.model_combo.setCurrentIndex(filters.model_combo.findData("contributory"))
    qtbot.waitUntil(lambda: view.model.total == count_activities(journal, ActivityQuery(model="contributory")))
    filters.model_combo.setCurrentIndex(0)
    filters.week_combo.setCurrentIndex(filters.week_combo.findData(9))
    qtbot.waitUntil(lambda: view.model.total == 2)
    titles = {view.model.record(r).title for r in range(2)}
    assert titles == {"Free breakfast, first morning", "Tenants' union door-knocking"}


def test_weekly_reflection_is_written_as_you_type(main_window, journal, qtbot):
    from journal.records.terms import add_term

    term = add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    main_window.events.terms_changed.emit()
    reflection = main_window.journal_view.reflection
    reflection.show_week(3)
    assert reflection.week == 3
    assert reflection.week_combo.currentText().startswith("○ Week 3")
    reflection.answers["what"].setFocus()
    qtbot.keyClicks(reflection.answers["what"], "Sorted tins at the food bank.")
    qtbot.waitUntil(lambda: weekly_reflection(journal, term, 3).what == "Sorted tins at the food bank.", timeout=1500)
    assert reflection.week_combo.currentText().startswith("✓ Week 3")
    # the guiding questions are on screen
    assert reflection.answers["so_what"].placeholderText().startswith("What does it mean?")


def test_banner_names_the_current_week_without_a_reflection(main_window, journal, qtbot):
    from journal.clock import today
    from journal.records.terms import add_term

    day = today()
    add_term(
        journal,
        "Now",
        day.replace(day=1),
        day.replace(day=1).replace(month=day.month % 12 + 1) if day.month < 12 else day.replace(month=12, day=31),
    )
    main_window.events.terms_changed.emit()
    banner = main_window.journal_view.reflection.banner
    assert not banner.isHidden()
    assert "has no reflection yet" in banner.text()


def test_views_switch_by_shortcut(demo_window, qtbot):
    qtbot.keyClick(demo_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.current_view() == 1
    qtbot.keyClick(demo_window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.current_view() == 2
    qtbot.keyClick(demo_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.current_view() == 0


def test_week_request_opens_that_week_in_the_journal_view(demo_window, demo_journal, qtbot):
    _, term = demo_journal
    demo_window.show_view(1)
    demo_window.events.week_requested.emit(term.id, 4)
    view = demo_window.journal_view
    assert demo_window.current_view() == 0
    assert view.reflection.week == 4
    assert view.filters.week_combo.currentData() == 4
    qtbot.waitUntil(lambda: view.model.total == 2)


def test_window_layout_and_view_are_remembered(journal, qtbot):
    from PySide6.QtCore import QSettings

    from ui.window.main_window import MainWindow

    first = MainWindow(journal)
    qtbot.addWidget(first)
    first.show()
    first.show_view(1)
    first.close()
    assert QSettings().value("window/geometry") is not None
    second = MainWindow(journal)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: second.current_view() == 1)
    assert QSettings().value("window/journal-splitter") is not None


def test_onboarding_creates_a_term_and_profile(journal, qtbot):
    from journal.records.profile import get_profile
    from ui.start_up.onboarding import OnboardingDialog

    dialog = OnboardingDialog(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "charity" in dialog.pages.currentWidget().text().lower()
    dialog.next_button.click()
    dialog.term_name.setText("Spring 2027")
    dialog.next_button.click()
    dialog.student.setText("Sam")
    dialog.course.setText("SOC 215")
    dialog.next_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert [t.name for t in list_terms(journal)] == ["Spring 2027"]
    assert get_profile(journal).student_name == "Sam"


def test_onboarding_refuses_a_bad_term_with_a_sentence(journal, qtbot):
    from PySide6.QtCore import QDate

    from ui.start_up.onboarding import OnboardingDialog

    dialog = OnboardingDialog(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.next_button.click()
    dialog.term_start.setDate(QDate(2026, 9, 1))
    dialog.term_end.setDate(QDate(2027, 12, 1))
    dialog.next_button.click()
    assert "at most 366 days" in dialog.term_errors["end"].text()
    assert list_terms(journal) == []


def test_every_control_has_an_accessible_name(demo_window):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    unnamed = []
    for kind in (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton):
        for widget in demo_window.journal_view.findChildren(kind):
            if isinstance(widget, QWidget) and widget.isVisibleTo(demo_window) and not widget.accessibleName():
                text = widget.text() if hasattr(widget, "text") else ""
                if not text:
                    unnamed.append(widget)
    assert unnamed == []


def test_an_empty_list_says_why(main_window, journal, qtbot):
    view = main_window.journal_view
    assert view.empty_note.isVisibleTo(main_window)
    assert "No activities here yet" in view.empty_note.text()
    view.editor.new_activity()
    view.editor.title_edit.setText("Coat drive")
    view.editor.save_now()
    assert not view.empty_note.isVisibleTo(main_window)
    qtbot.keyClicks(view.filters.search, "zzyzx")
    qtbot.waitUntil(lambda: view.empty_note.isVisibleTo(main_window))
    assert view.empty_note.text() == "No activity matches this search and these filters."
