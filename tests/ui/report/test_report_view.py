"""The Report view: the closing reflection saves itself, the preview follows the journal, Export writes the file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRunnable, Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTextBrowser,
    QWidget,
)

from journal.records.activities import add_activity
from journal.records.reflections import closing_reflection
from journal.records.terms import TermInfo
from journal.records.validation import check_activity
from journal.storage.journal_file import Journal
from ui.report.report_view import ReportView, suggested_file_name
from ui.window.events import JournalEvents


class SynchronousPool:
    """Runs a task at once, on the calling thread, so a test sees its result right away."""

    def __init__(self) -> None:
        self.started: list[QRunnable] = []

    def start(self, task: QRunnable) -> None:
        self.started.append(task)
        task.run()


@pytest.fixture
def events() -> JournalEvents:
    return JournalEvents()


@pytest.fixture
def view(demo_journal: tuple[Journal, TermInfo], events: JournalEvents, qtbot) -> ReportView:  # type: ignore[no-untyped-def]
    journal, term = demo_journal
    widget = ReportView(journal, events)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.set_term(term)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_typing_saves_the_closing_reflection_within_a_second(view: ReportView, events: JournalEvents, qtbot) -> None:  # type: ignore[no-untyped-def]
    journal, term = view._journal, view.term
    assert term is not None
    view.editor.essay.clear()
    view.editor.essay.setFocus()
    with qtbot.waitSignal(events.reflections_changed, timeout=1500):
        qtbot.keyClicks(view.editor.essay, "I want to organise with the people I serve.")
    assert closing_reflection(journal, term).essay == "I want to organise with the people I serve."
    assert view.editor.status.text().startswith("Saved at")


def test_leaving_the_editor_saves_at_once(view: ReportView, qtbot) -> None:  # type: ignore[no-untyped-def]
    journal, term = view._journal, view.term
    assert term is not None
    view.editor.essay.setFocus()
    qtbot.keyClick(view.editor.essay, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.editor.essay, " More.")
    assert view.editor.has_pending_changes()
    view.format_combo.setFocus()
    qtbot.waitUntil(lambda: not view.editor.has_pending_changes(), timeout=500)
    assert closing_reflection(journal, term).essay.endswith("More.")


def test_choosing_a_direction_saves_it(view: ReportView, events: JournalEvents, qtbot) -> None:  # type: ignore[no-untyped-def]
    journal, term = view._journal, view.term
    assert term is not None
    assert view.editor.direction_buttons["toward-radical"].isChecked()  # the demo's choice is shown
    with qtbot.waitSignal(events.reflections_changed, timeout=2500):
        qtbot.mouseClick(view.editor.direction_buttons["stay"], Qt.MouseButton.LeftButton)
    assert closing_reflection(journal, term).direction == "stay"
    with qtbot.waitSignal(events.reflections_changed, timeout=2500):
        qtbot.mouseClick(view.editor.direction_buttons[None], Qt.MouseButton.LeftButton)
    assert closing_reflection(journal, term).direction is None


def test_a_reflection_too_long_is_refused_next_to_the_field(view: ReportView, qtbot) -> None:  # type: ignore[no-untyped-def]
    journal, term = view._journal, view.term
    assert term is not None
    before = closing_reflection(journal, term)
    view.editor.essay.setPlainText("x" * 100_001)
    assert not view.editor.save_now()
    assert view.editor.error.isVisible() and "100,001" in view.editor.error.text()
    assert closing_reflection(journal, term) == before


def test_preview_follows_the_journal_and_prints_markup_as_text(view: ReportView, events: JournalEvents, qtbot) -> None:  # type: ignore[no-untyped-def]
    journal, term = view._journal, view.term
    assert term is not None
    qtbot.waitUntil(lambda: "Sorting cans at the food bank" in view.preview.toPlainText(), timeout=3000)
    day = (term.start + timedelta(days=2)).isoformat()
    add_activity(journal, check_activity({"date": day, "title": "<script>alert(1)</script>", "hours": "1"},
                                         journal.framework))  # fmt: skip
    events.activities_changed.emit()
    qtbot.waitUntil(lambda: "<script>alert(1)</script>" in view.preview.toPlainText(), timeout=3000)
    assert "Private activity" in view.preview.toPlainText()
    assert "A neighbour asked me to keep this one to myself." not in view.preview.toPlainText()


def test_preview_loads_nothing_from_outside(view: ReportView) -> None:
    view.refresh_preview()
    image = QTextDocument.ResourceType.ImageResource.value
    for name in ("http://example.com/x.png", "https://example.com/x.png", "file:///etc/passwd", "report-chart.png"):
        assert view.preview.loadResource(image, QUrl(name)) is None
    assert not view.preview.openLinks() and not view.preview.openExternalLinks()


def test_export_runs_on_the_pool_then_offers_the_file_and_folder(view: ReportView, tmp_path: Path) -> None:
    pool, opened = SynchronousPool(), []
    view.thread_pool = pool  # type: ignore[assignment]
    view.open_url = opened.append  # type: ignore[assignment]
    view.format_combo.setCurrentIndex(view.format_combo.findData("docx"))
    view.export_to(tmp_path / "mine", view.selected_format())
    assert len(pool.started) == 1
    written = tmp_path / "mine.docx"
    assert written.read_bytes().startswith(b"PK")
    assert view.last_export == written
    assert view.result_bar.isVisible() and str(written) in view.result_label.text()
    assert not view.progress.isVisible() and view.export_button.isEnabled()
    view.open_file_button.click()
    view.open_folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(written)), QUrl.fromLocalFile(str(tmp_path))]


def test_export_on_a_real_worker_thread(view: ReportView, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    view.export_to(tmp_path / "report.pdf", "pdf")
    assert view.is_exporting() and view.progress.isVisible() and not view.export_button.isEnabled()
    qtbot.waitUntil(lambda: not view.is_exporting(), timeout=20000)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")
    assert view.result_bar.isVisible() and not view.progress.isVisible()


def test_a_failed_export_says_why(view: ReportView, tmp_path: Path) -> None:
    view.thread_pool = SynchronousPool()  # type: ignore[assignment]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    view.export_to(blocker / "report.html", "html")
    assert view.result_bar.isVisible()
    assert "could not be written" in view.result_label.text()
    assert not view.open_file_button.isVisible() and view.last_export is None


def test_no_term_disables_editing_and_export(view: ReportView) -> None:
    view.set_term(None)
    view.refresh_preview()
    assert not view.editor.isEnabled() and not view.export_button.isEnabled()
    assert "Choose or create a term" in view.preview.toPlainText()


def test_every_control_has_an_accessible_name(view: ReportView) -> None:
    kinds = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTextBrowser, QProgressBar)
    controls = [w for w in view.findChildren(QWidget) if isinstance(w, kinds)]
    assert len(controls) >= 12
    assert [w for w in controls if not w.accessibleName()] == []


def test_suggested_file_names_are_safe() -> None:
    term = TermInfo(1, 'Fall: 2026/"A"', date(2026, 9, 1), date(2026, 12, 15))
    assert suggested_file_name(term, "pdf") == "Fall- 2026-A reflection report.pdf"


def test_preview_waits_while_the_student_types(view: ReportView, qtbot) -> None:  # type: ignore[no-untyped-def]
    view.refresh_preview()
    before = view.preview.toPlainText()
    view.editor.essay.setFocus()
    qtbot.keyClicks(view.editor.essay, "Typing. ")
    view.schedule_preview()
    view.refresh_preview()  # asked while an edit is pending: put off, not redrawn
    assert view.preview.toPlainText() == before
    qtbot.waitUntil(lambda: "Typing." in view.preview.toPlainText(), timeout=4000)
