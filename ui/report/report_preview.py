"""A live preview of the report, in Qt's rich text: the same description the PDF is printed from.

The browser loads nothing from outside: links do not open, and the only
resource it can load is the chart it was handed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from journal.records.terms import TermInfo
from journal.report.html_report import render_qt_html
from journal.report.report_data import build_report
from journal.scoring.stats import term_stats
from journal.storage.journal_file import Journal

CHART_WIDTH = 640  # CSS pixels, as in the printed report, unless the preview is narrower
PAGE_MARGIN = 18  # px around the text, as paper has
NO_TERM_HTML = "<p>Choose or create a term to see its report.</p>"


class ReportPreview(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Report preview")
        self.setAccessibleDescription("How the exported report will read, updated as the journal changes")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Text wraps and the chart is drawn to fit; Qt's full-width tables overflow by a pixel,
        # which would otherwise show a useless horizontal scroll bar.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The preview is the paper the report prints on: white in the dark theme too, or its
        # dark print colours would vanish into a dark background.
        self.setStyleSheet("QTextBrowser { background: #ffffff; color: #1d1d1f; }")
        self._chart = QImage()
        self._chart_name = ""
        self._chart_width = 0
        self._refreshes = 0
        self._shown: tuple[Journal, TermInfo | None] | None = None
        # A chart drawn for another width is drawn again once the resizing stops.
        self._resize_timer = QTimer(self, singleShot=True, interval=250)
        self._resize_timer.timeout.connect(self._redraw_for_width)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Only the chart: never a file, an address or anything else a text could name."""
        if kind == QTextDocument.ResourceType.ImageResource.value and QUrl(name).toString() == self._chart_name:
            return self._chart
        return None

    def _fitting_chart_width(self) -> int:
        margin = 2 * int(self.document().documentMargin()) + 24
        return max(320, min(CHART_WIDTH, self.viewport().width() - margin))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._chart_width and self._chart_width != self._fitting_chart_width():
            self._resize_timer.start()

    def _redraw_for_width(self) -> None:
        if self._shown is not None:
            self.show_term(*self._shown)

    def show_term(self, journal: Journal, term: TermInfo | None) -> None:
        self._shown = (journal, term)
        self._chart_width = 0
        if term is None:
            self._chart = QImage()
            self.setHtml(NO_TERM_HTML)
            self.document().setDocumentMargin(PAGE_MARGIN)
            return
        stats = term_stats(journal, term)
        report = build_report(journal, term, stats=stats)
        width = self._fitting_chart_width()
        height = width // 2
        # A new name each time: the document caches resources by name.
        self._refreshes += 1
        self._chart_name = f"preview-chart-{self._refreshes}.png"
        if report.has_chart:
            from ui.spectrum.chart_export import chart_png_bytes

            ratio = max(1.0, self.devicePixelRatioF())
            self._chart = QImage.fromData(chart_png_bytes(stats, width, height, scale=ratio))
            self._chart_width = width
        else:
            self._chart = QImage()
        # Keep the reader's place when the preview refreshes under them.
        scroll = self.verticalScrollBar().value()
        self.document().clear()
        self.setHtml(render_qt_html(report, self._chart_name, width, height))
        self.document().setDocumentMargin(PAGE_MARGIN)
        self.verticalScrollBar().setValue(scroll)
