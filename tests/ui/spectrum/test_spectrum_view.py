"""The Spectrum view, driven as a student would: hover a week, click it, read the table, save the chart."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QTabWidget, QToolTip, QWidget

from journal.records.activities import add_activity
from journal.records.terms import TermInfo, add_term, update_term
from journal.records.validation import check_activity
from journal.scoring.stats import term_stats
from journal.storage.journal_file import Journal
from ui.spectrum.chart_widget import SpectrumChartWidget
from ui.spectrum.spectrum_view import SpectrumView
from ui.window.events import JournalEvents

START = date(2025, 1, 6)


def log(journal: Journal, week: int, title: str, hours: str, criteria: str, org: str = "") -> None:
    day = START + timedelta(days=7 * (week - 1) + 2)
    raw = {"date": day.isoformat(), "title": title, "hours": hours, "criteria": criteria, "organization": org}
    add_activity(journal, check_activity(raw, journal.framework))


@pytest.fixture
def term(journal: Journal) -> TermInfo:
    term = add_term(journal, "Winter", START, START + timedelta(days=41))  # six weeks
    log(journal, 1, "Food bank shift", "3", "charity.one-way-giving;charity.eligibility-checks")
    log(journal, 2, "Repair cafe", "2", "contributory.self-help", org="Northside <Makers>")
    log(journal, 2, "<script>alert(1)</script>", "1", "radical.root-causes")
    log(journal, 4, "Tenants union meeting", "2", "radical.collective-decisions;radical.movement-link")
    return term


@pytest.fixture
def events() -> JournalEvents:
    return JournalEvents()


@pytest.fixture
def view(journal: Journal, events: JournalEvents, term: TermInfo, qtbot) -> SpectrumView:  # type: ignore[no-untyped-def]
    widget = SpectrumView(journal, events)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_term(term)
    return widget


def point_on_screen(view: SpectrumView, week: int) -> QPoint:
    """Where the point of ``week`` is drawn on the chart widget."""
    point = view.chart_view.point_of_week(week)
    assert point is not None, f"week {week} has no point"
    return point.toPoint()


def test_hovering_a_point_names_that_weeks_activities(view: SpectrumView, qtbot) -> None:  # type: ignore[no-untyped-def]
    viewport = view.chart_view
    target = point_on_screen(view, 2)
    qtbot.mouseMove(viewport, target + QPoint(40, 40))
    qtbot.mouseMove(viewport, target)
    qtbot.waitUntil(lambda: "Repair cafe" in view.hover_text)
    assert "Week 2" in view.hover_text
    assert "Northside &lt;Makers&gt;" in view.hover_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view.hover_text and "<script>" not in view.hover_text
    assert "It relied on self-help" in view.hover_text, "the ticked criteria are named by their statements"
    assert "Food bank shift" not in view.hover_text, "only that week's activities"
    assert QToolTip.text() == view.hover_text


def test_clicking_a_point_asks_for_that_week(view: SpectrumView, events: JournalEvents, term: TermInfo, qtbot) -> None:  # type: ignore[no-untyped-def]
    target = point_on_screen(view, 4)
    with qtbot.waitSignal(events.week_requested, timeout=2000) as signal:
        qtbot.mouseClick(view.chart_view, Qt.MouseButton.LeftButton, pos=target)
    assert signal.args == [term.id, 4]


def test_the_table_holds_the_same_weeks_with_gaps_and_copies_as_csv(
    view: SpectrumView, journal: Journal, term: TermInfo
) -> None:
    stats = term_stats(journal, term)
    model = view.table_model
    assert model.rowCount() == term.weeks == 6
    assert [model.cell_text(r, 4) for r in range(6)] == ["0", "66⅔", "", "100", "", ""]
    assert model.cell_text(2, 2) == "0" and model.cell_text(2, 5) == ""
    assert model.index(2, 4).data() == "\u2014" and model.index(2, 4).data(Qt.ItemDataRole.AccessibleTextRole) == "none"
    assert [w.position is None for w in stats.weeks] == [model.cell_text(r, 4) == "" for r in range(6)]
    text = view.copy_table_csv()
    lines = text.splitlines()
    assert lines[0] == "Week,Dates,Activities,Hours,Position,Level,3-week average,Reflected"
    # Week 2 is exactly 200/3, where radical starts (3p < 200 is contributory): scoring's level, not the float's.
    assert lines[2] == "2,2025-01-13 to 2025-01-19,2,3,66.6667,Radical,33.3333,no"
    assert QGuiApplication.clipboard().text() == text


def test_enter_on_a_table_row_opens_that_week(view: SpectrumView, events: JournalEvents, term: TermInfo, qtbot) -> None:  # type: ignore[no-untyped-def]
    view.tabs.setCurrentWidget(view.table)
    view.table.setFocus()
    view.table.setCurrentIndex(view.table_model.index(3, 0))
    with qtbot.waitSignal(events.week_requested, timeout=2000) as signal:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert signal.args == [term.id, 4]


def test_saving_the_chart_without_the_dialog(view: SpectrumView, tmp_path: Path) -> None:
    png = view.save_chart_file(tmp_path / "winter.png")
    assert QImage(str(png)).size().toTuple() == (2400, 1400)
    svg = view.save_chart_file(tmp_path / "winter.svg")
    texts = ["".join(e.itertext()) for e in ET.parse(svg).getroot().iter() if e.tag.endswith("text")]
    assert "Contributory" in texts and any("Winter" in t for t in texts)


def test_the_summary_says_level_why_shares_and_top_criteria(view: SpectrumView) -> None:
    labels = "\n".join(label.text() for label in view.summary.findChildren(QLabel) if label.isVisibleTo(view))
    assert "Contributory" in view.summary.level_label.text()
    assert "Pulling your position up, toward radical:" in labels
    assert "It named or challenged a root cause" in labels
    assert "Pulling it down, toward charity:" in labels and "Help flowed one way" in labels
    assert "Radical: 50%" in labels and "Contributory: 16.7%" in labels, (
        "shares of the ticks, from journal.scoring.position"
    )
    assert "Radical: 3 hours, 2 activities" in labels
    assert view.summary.level_label.textFormat() == Qt.TextFormat.PlainText


def test_it_follows_the_journal_when_an_activity_is_added(
    view: SpectrumView, journal: Journal, events: JournalEvents
) -> None:
    log(journal, 6, "Free breakfast", "2", "radical.no-eligibility")
    events.activities_changed.emit()
    assert view.table_model.cell_text(5, 4) == "100"
    point = view.chart_view.point_of_week(6)
    assert point is not None and view.chart_view.week_at(point) == 6
    assert 'id="week-6"' in view.chart_view.svg(), "the new week is drawn"


def test_a_renamed_term_is_followed_and_a_hidden_view_waits(
    view: SpectrumView, journal: Journal, events: JournalEvents, term: TermInfo
) -> None:
    view.hide()
    update_term(journal, term.id, "Winter quarter", term.start, term.end)
    events.terms_changed.emit()
    assert view.heading.text() == "Spectrum: Winter"
    view.show()
    assert view.heading.text() == "Spectrum: Winter quarter"


def test_no_term_and_empty_terms_show_a_sentence_not_a_blank_chart(view: SpectrumView, journal: Journal) -> None:
    view.set_term(None)
    assert view.pages.currentWidget() is view.empty_page
    assert "No term is chosen" in view.empty_label.text()
    assert not view.save_png_button.isEnabled() and not view.copy_button.isVisible()
    empty = add_term(journal, "Summer", date(2025, 6, 2), date(2025, 7, 27))
    view.set_term(empty)
    assert view.pages.currentWidget() is view.empty_page
    assert "Nothing is logged in Summer yet" in view.empty_label.text()
    log(journal, 1, "untitled", "1", "")  # before the Summer term: still nothing in it
    unticked = add_term(journal, "Autumn", date(2025, 9, 1), date(2025, 10, 26))
    add_activity(journal, check_activity({"date": "2025-09-03", "title": "A shift", "hours": "2"}, journal.framework))
    view.set_term(unticked)
    assert "none has a criterion ticked" in view.empty_label.text()


def test_a_dark_palette_draws_a_dark_chart(view: SpectrumView) -> None:
    light = view.chart_view.grab().toImage().pixelColor(3, 3).lightness()
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    view.setPalette(palette)
    dark = view.chart_view.grab().toImage().pixelColor(3, 3).lightness()
    assert light > 200 and dark < 60


def test_every_control_has_an_accessible_name(view: SpectrumView) -> None:
    kinds = (QAbstractButton, QAbstractItemView, QTabWidget, SpectrumChartWidget)
    controls = [w for w in view.findChildren(QWidget) if isinstance(w, kinds)]
    assert len(controls) >= 8
    unnamed = [type(w).__name__ for w in controls if not w.accessibleName()]
    # QTabWidget's own tab bar is named by its tab texts.
    assert [n for n in unnamed if n != "QTabBar"] == []
    assert "week 3 no position" in view.chart_view.accessibleDescription()


def test_hover_text_for_a_week_without_activity_is_empty_of_titles(view: SpectrumView) -> None:
    text = view.week_hover_text(3)
    assert "Week 3" in text and "no position" in text and "<li>" not in text
    assert view.week_hover_text(99) == ""
    assert QPointF(0, 0).isNull()


def test_in_the_main_window_a_click_opens_that_week_in_the_journal_view(demo_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    demo_window.show_view(1)
    spectrum = demo_window.stack.currentWidget()
    assert isinstance(spectrum, SpectrumView) and spectrum.term is not None
    qtbot.waitUntil(lambda: spectrum.stats is not None)
    qtbot.mouseClick(spectrum.chart_view, Qt.MouseButton.LeftButton, pos=point_on_screen(spectrum, 7))
    qtbot.waitUntil(lambda: demo_window.current_view() == 0)
    assert demo_window.journal_view.reflection.week == 7


def test_an_edit_in_the_activity_form_shows_when_the_view_is_next_shown(demo_window, demo_journal, qtbot) -> None:  # type: ignore[no-untyped-def]
    journal, term = demo_journal
    demo_window.show_view(1)
    spectrum = demo_window.stack.currentWidget()
    before = spectrum.stats.position
    demo_window.show_view(0)
    view = demo_window.journal_view
    rect = view.table.visualRect(view.model.index(0, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    for box in view.editor.checklist.boxes():
        if box.objectName().startswith("charity.") and not box.isChecked():
            box.click()
    demo_window.show_view(1)
    assert spectrum.stats.position == term_stats(journal, term).position != before
