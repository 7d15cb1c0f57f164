"""The Spectrum view of a large term: its numbers, and switching to it until its chart has painted.

Journals whose activities all fall in one term (10,000 and 200,000 of them). The
numbers (``term_stats``, which ``stats --json``, the chart files and the report
use too) are timed alone; the view is timed whole in a main window offscreen,
from the switch to the Spectrum view until its chart has painted, with the week
table, the summary and "why am I here?" filled on the way. The first switch
also builds the view (and imports it), as when the app opens on it; later
switches follow a change made in the Journal view, so the numbers are read
again. A week's tooltip is read when its point is hovered, not here.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.figures import Figure, median, not_available, under
from benchmarks.generate import build_journal
from journal.records.terms import list_terms
from journal.scoring.stats import term_stats
from journal.storage.journal_file import Journal

SIZES = (10_000, 200_000)
VIEW_SECONDS = 2.0
ROUNDS = 5
PAINT_TIMEOUT = 60.0


def build_large(work: Path) -> tuple[Path, Figure]:
    """The 200,000-activity one-term journal, and how long building it took (a row of its own, no target)."""
    started = time.perf_counter()
    path = work / f"one-term-{SIZES[-1]}.sqlite3"
    build_journal(path, SIZES[-1], terms=1)
    seconds = time.perf_counter() - started
    size = path.stat().st_size / 2**20
    figure = Figure("building the one-term journal (bench set-up)", SIZES[-1], "s", value=seconds, runs=1)
    figure.note = f"{size:,.0f} MiB file"
    return path, figure


def numbers(journal: Journal, activities: int) -> Figure:
    """``term_stats`` of the journal's one term, in this process, the journal open."""
    term = list_terms(journal)[0]
    seconds = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        term_stats(journal, term)
        seconds.append(time.perf_counter() - started)
    measure = "term numbers (term_stats: Spectrum view, stats --json, chart, report)"
    return Figure(measure, activities, "s", value=median(seconds), runs=len(seconds), samples=seconds)


def _private_settings() -> None:
    """Window settings go to a folder of their own, not to the person running the benchmarks."""
    from PySide6.QtCore import QCoreApplication, QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    QCoreApplication.setOrganizationName("mutual-aid-journal-bench")


def view_switches(journal: Journal, activities: int) -> list[Figure]:
    """Switching to the Spectrum view until its chart has painted: the first time, and after a change."""
    first_measure = "Spectrum view, first switch to it until painted (builds the view)"
    measure = "Spectrum view, switch to it after a change until painted"
    try:
        from PySide6.QtCore import QEvent, QEventLoop, QObject

        from ui.start_up.headless import ensure_gui_application
        from ui.window.main_window import MainWindow
    except ImportError as exc:
        why = f"Qt is not available ({exc})"
        return [
            not_available(first_measure, activities, "s", f"< {VIEW_SECONDS:g} s", why),
            not_available(measure, activities, "s", f"< {VIEW_SECONDS:g} s", why),
        ]

    class PaintSeen(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    app = ensure_gui_application()
    _private_settings()
    window = MainWindow(journal)
    window.resize(1280, 800)
    window.show_view(0)
    window.show()
    app.processEvents()

    def switch() -> float | None:
        """Seconds from the switch until the chart's paint has run (None: it never painted)."""
        watcher = PaintSeen()
        started = time.perf_counter()
        window.show_view(1)
        chart = window.stack.currentWidget().chart_view  # type: ignore[attr-defined]
        chart.installEventFilter(watcher)
        deadline = started + PAINT_TIMEOUT
        while not watcher.seen and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        app.processEvents()  # the rest of what the switch asked to paint
        seconds = time.perf_counter() - started
        chart.removeEventFilter(watcher)
        return seconds if watcher.seen else None

    try:
        first = switch()
        seconds = []
        for _ in range(ROUNDS):
            window.show_view(0)
            app.processEvents()
            window.events.activities_changed.emit()  # as after an edit: the hidden view reads again when shown
            app.processEvents()
            again = switch()
            if again is not None:
                seconds.append(again)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    figures = []
    if first is None:
        figures.append(not_available(first_measure, activities, "s", "", "the chart never painted"))
    else:
        figures.append(under(Figure(first_measure, activities, "s", value=first, runs=1), VIEW_SECONDS))
    if not seconds:
        figures.append(not_available(measure, activities, "s", "", "the chart never painted"))
    else:
        figure = Figure(measure, activities, "s", value=median(seconds), runs=len(seconds), samples=seconds)
        figures.append(under(figure, VIEW_SECONDS))
    return figures


def measure(journals: dict[int, Path]) -> list[Figure]:
    """The figures of each one-term journal, the term's numbers first."""
    figures = []
    for size, path in journals.items():
        with Journal.open(path) as journal:
            figures.append(numbers(journal, size))
            figures.extend(view_switches(journal, size))
    return figures
