"""The spectrum chart on screen: ``journal.report.spectrum_chart``'s SVG painted at the widget's size, with live points.

The drawing is the same one the reports and files use. The points answer the
mouse through the chart's own layout: hovering one names its week
(``week_hovered``, 0 when the mouse leaves it) and clicking it asks for that
week (``week_clicked``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from journal.report.spectrum_chart import ChartLayout, chart_colours, chart_layout, chart_svg
from journal.scoring.stats import TermStats
from ui.spectrum.chart_export import chart_renderer, paint_chart


@dataclass(frozen=True)
class _Drawing:
    """The chart at one widget size: its SVG, where things are in it, and Qt's parse of it."""

    width: int
    height: int
    svg: str
    layout: ChartLayout
    renderer: QSvgRenderer


class SpectrumChartWidget(QWidget):
    week_hovered = Signal(int)
    week_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumSize(420, 300)
        self._stats: TermStats | None = None
        self._dark = False
        self._drawn: _Drawing | None = None  # made again when the size, term or colours change
        self._hovered = 0

    @property
    def stats(self) -> TermStats | None:
        return self._stats

    def set_stats(self, stats: TermStats | None, *, dark: bool) -> None:
        """Draw this term (None: an empty area), in the dark or the light colours."""
        self._stats, self._dark, self._drawn = stats, dark, None
        self._hover(0)
        self.update()

    def _drawing(self) -> _Drawing | None:
        """The chart at the widget's present size, drawn once per size (None without a term)."""
        if self._stats is None:
            return None
        width, height = self.width(), self.height()
        if self._drawn is None or (self._drawn.width, self._drawn.height) != (width, height):
            svg = chart_svg(self._stats, width, height, dark=self._dark)
            layout = chart_layout(self._stats, width, height, chart_colours(self._dark))
            self._drawn = _Drawing(width, height, svg, layout, chart_renderer(svg))
        return self._drawn

    def svg(self) -> str:
        """The SVG drawn at the widget's present size ('' without a term)."""
        drawing = self._drawing()
        return "" if drawing is None else drawing.svg

    def chart_layout(self) -> ChartLayout | None:
        drawing = self._drawing()
        return None if drawing is None else drawing.layout

    def point_of_week(self, week: int) -> QPointF | None:
        """Where a week's point is drawn, in widget coordinates; None for a week without a position."""
        layout = self.chart_layout()
        if layout is None or self._stats is None or not 1 <= week <= len(self._stats.weeks):
            return None
        value = self._stats.weeks[week - 1].position
        return None if value is None else QPointF(layout.x_of(week), layout.y_of(value))

    def week_at(self, point: QPointF) -> int:
        layout = self.chart_layout()
        if layout is None or self._stats is None:
            return 0
        return layout.point_at(self._stats, point.x(), point.y()) or 0

    # painting and the mouse ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor(chart_colours(self._dark).background))
            drawing = self._drawing()
            if drawing is not None:
                paint_chart(drawing.renderer, painter, QRectF(0, 0, drawing.width, drawing.height))
        finally:
            painter.end()

    def resizeEvent(self, event: object) -> None:
        self._drawn = None
        self._hover(0)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._hover(self.week_at(event.position()))

    def leaveEvent(self, event: object) -> None:
        self._hover(0)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        week = self.week_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and week:
            self.week_clicked.emit(week)
            return
        super().mousePressEvent(event)

    def _hover(self, week: int) -> None:
        if week == self._hovered:
            return
        self._hovered = week
        if week:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()
        self.week_hovered.emit(week)
