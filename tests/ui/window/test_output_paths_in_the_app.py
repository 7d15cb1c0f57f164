"""The app's save dialogs never write over the journal, and ask before replacing a file of another kind.

Each test picks the path a person would pick in the dialog (the dialog itself
is skipped by answering for it) and then looks at the journal and the file.
Headless, a question is answered "no" (ui/window/plain_message.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRunnable
from PySide6.QtWidgets import QFileDialog

from journal.records.terms import TermInfo
from journal.records.validation import check_activity
from journal.storage.journal_file import Journal
from journal.storage.output_paths import OutputRefused
from journal.storage.sqlite_file import quick_problem
from ui.report.report_view import ReportView
from ui.spectrum.spectrum_view import SpectrumView
from ui.window.events import JournalEvents


class SynchronousPool:
    def start(self, task: QRunnable) -> None:
        task.run()


@pytest.fixture
def term(demo_journal: tuple[Journal, TermInfo]) -> TermInfo:
    return demo_journal[1]


def assert_journal_whole(journal: Journal) -> None:
    assert journal.path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert quick_problem(journal.path, thorough=True) is None
    wal = journal.path.with_name(journal.path.name + "-wal")
    assert not wal.exists() or wal.read_bytes()[:4] in (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
    # The open journal still takes a write and reads it back: it was not swapped under the app.
    from journal.records.activities import add_activity

    record = add_activity(journal, check_activity({"date": "2025-10-01", "title": "Still here"}, journal.framework))
    with Journal.open(journal.path) as again:
        from journal.search.activity_query import ActivityQuery, find_activities

        assert record.id in [a.id for a in find_activities(again, ActivityQuery())]


def journal_link(journal: Journal, suffix: str) -> Path:
    link = journal.path.parent / f"looks-like-an-export{suffix}"
    link.symlink_to(journal.path)
    return link


def test_export_data_refuses_the_journal_and_its_files(demo_window, journal: Journal, capsys) -> None:  # type: ignore[no-untyped-def]
    actions = demo_window.actions_
    for target, fmt in [
        (journal.path, "csv"),
        (journal_link(journal, ".csv"), "csv"),
        (journal.path.parent / "sub" / ".." / f"{journal.path.name}-wal", "csv"),
        (journal.path.parent / "backups" / "export.json", "json"),
    ]:
        assert actions.export_data_to(target, fmt) is None
        assert "Not exported" in capsys.readouterr().err
    assert_journal_whole(journal)


def test_export_data_asks_before_replacing_another_kind(demo_window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    essay = tmp_path / "essay.csv"
    essay.write_bytes(b"%PDF-1.7 the essay")
    actions = demo_window.actions_
    assert actions.export_data_to(essay, "csv") is None  # headless: the question is answered no
    assert essay.read_bytes() == b"%PDF-1.7 the essay"
    monkeypatch.setattr("ui.window.main_window_actions.ask", lambda *args: True)  # the person answers "Replace"
    assert actions.export_data_to(essay, "csv") == essay
    assert essay.read_bytes().startswith(b"\xef\xbb\xbfdate,")


def test_the_export_menu_goes_through_the_same_check(demo_window, journal: Journal, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    chosen = (str(journal.path), "Activities as CSV (*.csv)")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: chosen))
    demo_window.actions_.export_data()
    assert_journal_whole(journal)


@pytest.fixture
def report_view(journal: Journal, term: TermInfo, qtbot) -> ReportView:  # type: ignore[no-untyped-def]
    widget = ReportView(journal, JournalEvents())
    qtbot.addWidget(widget)
    widget.set_term(term)
    widget.thread_pool = SynchronousPool()  # type: ignore[assignment]
    return widget


@pytest.mark.parametrize("fmt", ["pdf", "html", "md", "docx"])
def test_the_report_is_never_written_over_the_journal(report_view: ReportView, journal: Journal, fmt: str) -> None:
    report_view.export_to(journal_link(journal, f".{fmt}"), fmt)
    assert report_view.last_export is None
    assert "journal" in report_view.result_label.text()
    assert_journal_whole(journal)


def test_the_report_asks_before_replacing_another_kind(report_view: ReportView, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    notes = tmp_path / "notes.pdf"
    notes.write_text("my notes, not a PDF\n", encoding="utf-8")
    report_view.export_to(notes, "pdf")
    assert notes.read_text(encoding="utf-8") == "my notes, not a PDF\n" and report_view.last_export is None
    monkeypatch.setattr("ui.report.report_view.ask", lambda *args: True)
    report_view.export_to(notes, "pdf")
    assert notes.read_bytes().startswith(b"%PDF-") and report_view.last_export == notes


def test_the_chart_is_never_saved_over_the_journal(journal: Journal, term: TermInfo, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    view = SpectrumView(journal, JournalEvents())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.set_term(term)
    link = journal_link(journal, ".png")
    with pytest.raises(OutputRefused):
        view.save_chart_file(link, force=True)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(link), "")))
    view.ask_and_save_chart("png")  # says why, in a message, and writes nothing
    assert link.is_symlink()
    assert_journal_whole(journal)
    picture = journal.path.parent / "picture.svg"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(OutputRefused):
        view.save_chart_file(picture)
    assert view.save_chart_file(picture, force=True) == picture and picture.read_bytes().startswith(b"<svg")
