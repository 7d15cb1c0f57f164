"""The Spectrum view (Ctrl+2): the term's chart, its table alternative, and the summary beside them."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from journal.records.activities import ActivityRecord
from journal.records.terms import TermInfo, list_terms
from journal.report.spectrum_chart import positions_in_words
from journal.scoring.stats import TermStats, term_stats
from journal.storage.atomic_write import WriteFailed, write_bytes_atomically
from journal.storage.journal_file import Journal
from journal.storage.output_paths import OutputRefused, check_output, check_output_asking
from ui.spectrum.chart_export import chart_bytes_for
from ui.spectrum.chart_widget import SpectrumChartWidget
from ui.spectrum.spectrum_summary import SpectrumSummary, plain_label
from ui.spectrum.week_details import week_activities, week_hover_html
from ui.spectrum.week_table import WEEK_ROLE, WeekTableModel
from ui.window.events import JournalEvents
from ui.window.plain_message import ask, show_message
from ui.window.theme import set_role

EXPORT_WIDTH, EXPORT_HEIGHT, PNG_SCALE = 1200, 700, 2.0
NO_TERM = "No term is chosen yet. Add or choose a term, and its spectrum will appear here week by week."


def palette_is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def empty_sentence(stats: TermStats) -> str | None:
    """The friendly sentence shown instead of a chart with nothing on it; None when there is a chart."""
    name = stats.term.name
    if not stats.activity_count:
        return (
            f"Nothing is logged in {name} yet. Log an activity and tick the criteria that describe it: "
            "your place between charity and solidarity will appear here, week by week."
        )
    if stats.position is None:
        return (
            f"{name} has activities, but none has a criterion ticked yet. Tick the statements that describe "
            "each activity, and your place on the spectrum will appear here."
        )
    return None


def file_name_for(term: TermInfo, suffix: str) -> str:
    stem = re.sub(r"[^\w\- ]+", "", term.name).strip() or "term"
    return f"{stem} spectrum{suffix}"


class SpectrumView(QWidget):
    def __init__(self, journal: Journal, events: JournalEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.events = events
        self.term: TermInfo | None = None
        self.stats: TermStats | None = None
        self.hover_text = ""
        self._week_records: dict[int, list[ActivityRecord]] = {}
        self._stale = False
        self.setAccessibleName("Spectrum view")
        self._build()
        events.activities_changed.connect(self._journal_changed)
        events.activity_edited.connect(lambda _record: self._journal_changed())
        events.reflections_changed.connect(self._journal_changed)
        events.criteria_changed.connect(self._journal_changed)
        events.terms_changed.connect(self._terms_changed)
        self.refresh()

    # building -----------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        self.heading = plain_label(accessible="Spectrum heading")
        set_role(self.heading, "heading")
        header.addWidget(self.heading, 1)
        self.save_png_button = self._button("Save chart as &PNG…", "Save the chart as a PNG image", "png")
        self.save_svg_button = self._button("Save chart as S&VG…", "Save the chart as an SVG drawing", "svg")
        self.copy_button = QPushButton("&Copy table as CSV")
        self.copy_button.setAccessibleName("Copy the weekly table as CSV")
        self.copy_button.clicked.connect(self.copy_table_csv)
        for button in (self.save_png_button, self.save_svg_button, self.copy_button):
            header.addWidget(button)
        outer.addLayout(header)

        self.pages = QStackedWidget()
        self.empty_label = plain_label(accessible="Spectrum message")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        message_font = self.empty_label.font()
        message_font.setPointSizeF(message_font.pointSizeF() * 1.25)
        self.empty_label.setFont(message_font)
        self.empty_label.setMaximumWidth(620)  # a sentence to read, not a banner across the screen
        self.empty_page = QWidget()
        centred = QHBoxLayout(self.empty_page)
        centred.addWidget(self.empty_label)
        self.pages.addWidget(self.empty_page)
        self.pages.addWidget(self._content())
        outer.addWidget(self.pages, 1)
        self.setFocusProxy(self.tabs)  # the main window focuses the view; the keyboard lands on the tabs

    def _button(self, text: str, accessible: str, suffix: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        button.clicked.connect(lambda: self.ask_and_save_chart(suffix))
        return button

    def _content(self) -> QWidget:
        self.chart_view = SpectrumChartWidget()
        self.chart_view.setAccessibleName("Spectrum chart")
        self.chart_view.week_hovered.connect(self._week_hovered)
        self.chart_view.week_clicked.connect(self.open_week)
        self.table_model = WeekTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Weeks of the term as a table")
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setAccessibleName("Week rows")
        self.table.horizontalHeader().setAccessibleName("Week table columns")
        self.table.horizontalHeader().setStretchLastSection(True)
        corner = self.table.findChild(QAbstractButton)  # the table's select-all corner
        if corner is not None:
            corner.setAccessibleName("Select every week")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(self._table_activated)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Chart or table")
        self.tabs.addTab(self.chart_view, "C&hart")
        self.tabs.addTab(self.table, "&Table")

        self.summary = SpectrumSummary()
        scroll = QScrollArea()
        scroll.setAccessibleName("Term summary")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.summary)
        scroll.setMinimumWidth(320)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setAccessibleName("Chart and summary")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([840, 420])
        return self.splitter

    # showing a term -------------------------------------------------------------------------------
    def set_term(self, term: TermInfo | None) -> None:
        """Show this term (or the no-term sentence); read now if on screen, else when next shown."""
        self.term = term
        self._journal_changed()

    def refresh(self) -> None:
        """Read the term's numbers again and redraw everything."""
        self._stale = False
        term = self.term
        self.stats = None if term is None else term_stats(self.journal, term)
        self._week_records = {}  # filled week by week as points are hovered
        self.heading.setText("Spectrum" if term is None else f"Spectrum: {term.name}")
        message = NO_TERM if self.stats is None else empty_sentence(self.stats)
        has_chart = message is None
        for button in (self.save_png_button, self.save_svg_button, self.copy_button):
            button.setEnabled(has_chart)
            button.setVisible(has_chart)  # nothing to save or copy: no button that does nothing
        self.table_model.set_stats(self.stats)
        if message is not None or self.stats is None:
            self.empty_label.setText(message or NO_TERM)
            self.pages.setCurrentWidget(self.empty_page)
            self.chart_view.set_stats(None, dark=palette_is_dark(self.palette()))
            return
        self.pages.setCurrentIndex(1)
        self.summary.show_stats(self.stats, self.journal.framework)
        self._redraw_chart()

    def _redraw_chart(self) -> None:
        if self.stats is None:
            return
        self.chart_view.set_stats(self.stats, dark=palette_is_dark(self.palette()))
        self.chart_view.setAccessibleDescription(self._chart_description(self.stats))

    @staticmethod
    def _chart_description(stats: TermStats) -> str:
        weeks = positions_in_words(stats)
        return f"Weekly positions from 0 (charity) to 100 (radical): {weeks}. The Table tab lists the same numbers."

    # hover and click ---------------------------------------------------------------------------
    def week_hover_text(self, week: int) -> str:
        """The tooltip of a week's point: its position, activities and ticked criteria (user text escaped)."""
        if self.stats is None or not 1 <= week <= len(self.stats.weeks):
            return ""
        score = self.stats.weeks[week - 1]
        if week not in self._week_records:
            self._week_records[week] = week_activities(self.journal, score)
        return week_hover_html(score, self._week_records[week], self.journal.framework)

    def _week_hovered(self, week: int) -> None:
        """Over a week's point (0: off every point): its activities as a tooltip."""
        if week:
            self.hover_text = self.week_hover_text(week)
            QToolTip.showText(QCursor.pos(), self.hover_text, self.chart_view)
        else:
            QToolTip.hideText()

    def _table_activated(self, index: QModelIndex) -> None:
        self.open_week(int(index.data(WEEK_ROLE)))

    def open_week(self, week: int) -> None:
        if self.term is not None and 1 <= week <= self.term.weeks:
            self.events.week_requested.emit(self.term.id, week)

    # saving and copying -------------------------------------------------------------------------
    def save_chart_file(self, path: Path, *, force: bool = False) -> Path:
        """Write the chart to ``path`` (.png at twice the density, or .svg); the file dialog calls this.

        ``OutputRefused`` when the path is the journal's or not a file to replace (see journal/storage/output_paths.py).
        """
        if self.stats is None:
            raise WriteFailed("There is no chart to save yet.")
        path = check_output(path, self.journal.path, Path(path).suffix.lower().lstrip("."), force)
        data = chart_bytes_for(path, self.stats, EXPORT_WIDTH, EXPORT_HEIGHT, scale=PNG_SCALE)
        write_bytes_atomically(path, data)
        self.events.status_message.emit(f"Saved the chart to {path}.")
        return path

    def ask_and_save_chart(self, suffix: str) -> None:
        if self.term is None:
            return
        kind = suffix.upper()
        name, _ = QFileDialog.getSaveFileName(
            self,
            f"Save the chart as {kind}",
            str(Path.home() / file_name_for(self.term, f".{suffix}")),
            f"{kind} image (*.{suffix})",
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != f".{suffix}":
            path = path.with_name(path.name + f".{suffix}")
        try:
            checked = check_output_asking(
                path, self.journal.path, suffix, lambda question: ask(self, "Replace the file?", question, "Replace")
            )
            if checked is not None:
                self.save_chart_file(checked, force=True)
        except (WriteFailed, OutputRefused) as exc:
            show_message(self, "The chart was not saved", str(exc), warning=True)

    def copy_table_csv(self) -> str:
        text = self.table_model.as_csv()
        QGuiApplication.clipboard().setText(text)
        self.events.status_message.emit("Copied the weekly table as CSV.")
        return text

    # keeping up with the journal ------------------------------------------------------------------
    def _journal_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _terms_changed(self) -> None:
        if self.term is not None:
            same = [t for t in list_terms(self.journal) if t.id == self.term.id]
            self.term = same[0] if same else None
        self._journal_changed()

    def showEvent(self, event: object) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self.stats is not None:
            self._redraw_chart()
        super().changeEvent(event)
