"""The spectrum chart of one term, built from ``journal.stats`` and nothing else.

x is the week of the term (1..N), y the position 0-100. Behind the data sit the
three level bands, each shaded, hatched, bordered and labelled. Weeks without a
position are gaps: the line is split there, never drawn down to 0.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from fractions import Fraction

from PySide6.QtCharts import (
    QAbstractSeries,
    QAreaSeries,
    QCategoryAxis,
    QChart,
    QLegend,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QFont, QPen

from journal.explain import LEVEL_NAMES, number_text, position_text
from journal.scoring import LEVELS, moving_average
from journal.stats import TermStats
from ui.spectrum.chart_theme import ChartTheme, chart_theme

# Where journal.scoring.level changes level: charity when 3p < 100, contributory when 3p < 200.
LEVEL_BOUNDS: dict[str, tuple[Fraction, Fraction]] = {
    "charity": (Fraction(0), Fraction(100, 3)),
    "contributory": (Fraction(100, 3), Fraction(200, 3)),
    "radical": (Fraction(200, 3), Fraction(100)),
}
WEEKLY_LINE = "weekly-line"
WEEKLY_POINTS = "weekly-points"
AVERAGE_LINE = "average-line"
TERM_LINE = "term-position"
BAND_PREFIX = "band-"
AVERAGE_WINDOW = 3


def segments(values: Sequence[Fraction | None]) -> list[list[tuple[int, Fraction]]]:
    """Runs of consecutive weeks (numbered from 1) that have a value; a None week ends a run."""
    runs: list[list[tuple[int, Fraction]]] = []
    current: list[tuple[int, Fraction]] = []
    for week, value in enumerate(values, start=1):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((week, value))
    if current:
        runs.append(current)
    return runs


def series_named(chart: QChart, name: str) -> list[QAbstractSeries]:
    """The chart's series with this object name (a split line has several), in drawing order."""
    return [s for s in chart.series() if s.objectName() == name]


def chart_title(stats: TermStats) -> str:
    return f"{stats.term.name}: spectrum week by week"


def _font(size: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def _pen(colour: object, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour)
    pen.setWidthF(width)
    pen.setStyle(style)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


class _Builder:
    def __init__(self, stats: TermStats, theme: ChartTheme) -> None:
        self.stats = stats
        self.theme = theme
        self.chart = QChart()
        self.weeks = len(stats.weeks)
        self.x_axis = QValueAxis()
        self.y_axis = QValueAxis()
        self.level_axis = QCategoryAxis()

    def build(self) -> QChart:
        self._frame()
        self._axes()
        for name in LEVELS:
            self._band(name)
        positions = [w.position for w in self.stats.weeks]
        # Added in legend order; the points come last so that they are drawn on top and take the mouse.
        self._lines(WEEKLY_LINE, positions, _pen(self.theme.weekly, 2.5), "Weekly position")
        self._lines(AVERAGE_LINE, moving_average(positions, AVERAGE_WINDOW), self._average_pen(), "3-week average")
        self._term_line()
        self._points(positions)
        return self.chart

    def _frame(self) -> None:
        chart, theme = self.chart, self.theme
        chart.setTheme(QChart.ChartTheme.ChartThemeDark if theme.dark else QChart.ChartTheme.ChartThemeLight)
        chart.setBackgroundBrush(QBrush(theme.background))
        chart.setBackgroundRoundness(0)
        chart.setPlotAreaBackgroundVisible(False)
        # The chart's title is drawn as rich text, so the term name (user text) is escaped.
        chart.setTitle(html.escape(chart_title(self.stats)))
        chart.setTitleFont(_font(13, bold=True))
        chart.setTitleBrush(QBrush(theme.text))
        legend = chart.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        legend.setFont(_font(9.5))
        legend.setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        legend.setLabelColor(theme.text)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)

    def _axes(self) -> None:
        theme = self.theme
        x, y, lv = self.x_axis, self.y_axis, self.level_axis
        x.setRange(0.5, self.weeks + 0.5)
        x.setTickType(QValueAxis.TickType.TicksDynamic)
        x.setTickAnchor(1)
        x.setTickInterval(1 if self.weeks <= 20 else 2 if self.weeks <= 40 else 4)
        x.setLabelFormat("%.0f")
        x.setTitleText("Week of the term")
        x.setGridLineVisible(False)
        y.setRange(0, 100)
        y.setTickCount(6)
        y.setLabelFormat("%.0f")
        y.setTitleText("Position (0-100)")
        y.setGridLinePen(_pen(theme.grid, 1))
        for name in LEVELS:
            lv.append(LEVEL_NAMES[name], float(LEVEL_BOUNDS[name][1]))
        lv.setStartValue(0)
        lv.setRange(0, 100)
        lv.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionCenter)
        lv.setGridLineVisible(False)
        lv.setLabelsFont(_font(10, bold=True))
        for axis in (x, y, lv):
            axis.setLabelsBrush(QBrush(theme.text))
            axis.setTitleBrush(QBrush(theme.text))
            axis.setLinePen(_pen(theme.grid, 1))
            axis.setTitleFont(_font(9.5))
        x.setLabelsFont(_font(9.5))
        y.setLabelsFont(_font(9.5))
        self.chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(lv, Qt.AlignmentFlag.AlignRight)

    def _attach(self, series: QAbstractSeries, *, legend: bool) -> None:
        self.chart.addSeries(series)
        series.attachAxis(self.x_axis)
        series.attachAxis(self.y_axis)
        for marker in self.chart.legend().markers(series):
            marker.setVisible(legend)

    def _horizontal(self, value: Fraction) -> QLineSeries:
        line = QLineSeries()
        line.append(0.5, float(value))
        line.append(self.weeks + 0.5, float(value))
        return line

    def _band(self, name: str) -> None:
        low, high = LEVEL_BOUNDS[name]
        style = self.theme.bands[name]
        # Two areas: a flat tint, then the hatch over it (an area has only one brush).
        for brush, pen in (
            (QBrush(style.fill), _pen(style.border, 1, Qt.PenStyle.DashLine)),
            (QBrush(style.hatch, style.pattern), QPen(Qt.PenStyle.NoPen)),
        ):
            upper, lower = self._horizontal(high), self._horizontal(low)
            area = QAreaSeries(upper, lower)
            # The area does not own its boundary lines; parenting them to it keeps them alive as long as it.
            upper.setParent(area)
            lower.setParent(area)
            area.setObjectName(BAND_PREFIX + name)
            area.setName(LEVEL_NAMES[name])
            area.setBrush(brush)
            area.setPen(pen)
            self._attach(area, legend=False)

    def _average_pen(self) -> QPen:
        return _pen(self.theme.average, 2, Qt.PenStyle.DashLine)

    def _lines(self, object_name: str, values: Sequence[Fraction | None], pen: QPen, label: str) -> None:
        for index, run in enumerate(segments(values)):
            line = QLineSeries()
            line.setObjectName(object_name)
            line.setName(label)
            line.setPen(pen)
            for week, value in run:
                line.append(QPointF(week, float(value)))
            self._attach(line, legend=index == 0)

    def _term_line(self) -> None:
        position = self.stats.position
        if position is None:
            return
        line = self._horizontal(position)
        line.setObjectName(TERM_LINE)
        shift = self.stats.shift
        shift_text = "" if shift is None else f" (shift {'+' if shift > 0 else ''}{number_text(shift)})"
        line.setName(f"Term position {position_text(position)}{shift_text}")
        line.setPen(_pen(self.theme.reference, 2, Qt.PenStyle.DashDotLine))
        self._attach(line, legend=True)

    def _points(self, positions: Sequence[Fraction | None]) -> None:
        points = QScatterSeries()
        points.setObjectName(WEEKLY_POINTS)
        points.setName("Week (hover for its activities)")
        points.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeCircle)
        points.setMarkerSize(11)
        points.setColor(self.theme.weekly)
        points.setBorderColor(self.theme.weekly_marker_border)
        points.setPen(_pen(self.theme.weekly_marker_border, 1.5))
        for week, value in enumerate(positions, start=1):
            if value is not None:
                points.append(QPointF(week, float(value)))
        self._attach(points, legend=False)


def build_chart(stats: TermStats, *, dark: bool) -> QChart:
    """The term's spectrum chart; every number in it comes from ``stats`` (journal.scoring)."""
    return _Builder(stats, chart_theme(dark)).build()
