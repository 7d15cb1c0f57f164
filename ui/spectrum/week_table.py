"""The table alternative to the chart: the same weekly numbers as rows, copyable as CSV."""

from __future__ import annotations

import csv
import io
from fractions import Fraction
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from journal.report.spectrum_chart import AVERAGE_WINDOW
from journal.scoring.explain import LEVEL_NAMES, number_text, position_text
from journal.scoring.position import WeekScore, moving_average
from journal.scoring.stats import TermStats

WEEK, DATES, ACTIVITIES, HOURS, POSITION, LEVEL, AVERAGE, REFLECTED = range(8)
HEADERS = ("Week", "Dates", "Activities", "Hours", "Position", "Level", "3-week average", "Reflected")
NONE_SHOWN = "\u2014"
WEEK_ROLE = Qt.ItemDataRole.UserRole + 1  # the week number of a row, for opening that week
_Index = QModelIndex | QPersistentModelIndex


class WeekTableModel(QAbstractTableModel):
    """One row per week of the term, from ``TermStats`` (positions as scoring made them)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._weeks: list[WeekScore] = []
        self._averages: list[Fraction | None] = []
        self._reflected: frozenset[int] = frozenset()

    def set_stats(self, stats: TermStats | None) -> None:
        self.beginResetModel()
        self._weeks = [] if stats is None else list(stats.weeks)
        self._averages = moving_average([w.position for w in self._weeks], AVERAGE_WINDOW)
        self._reflected = frozenset() if stats is None else stats.reflected_weeks
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._weeks)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def cell_text(self, row: int, column: int) -> str:
        """The text of a cell; an absent value is an empty string (a gap, not 0)."""
        score = self._weeks[row]
        if column == WEEK:
            return str(score.week.number)
        if column == DATES:
            return f"{score.week.start.isoformat()} to {score.week.end.isoformat()}"
        if column == ACTIVITIES:
            return str(score.activities)
        if column == HOURS:
            return number_text(score.hours, 2)
        if column == POSITION:
            return "" if score.position is None else position_text(score.position)
        if column == LEVEL:
            return "" if score.level is None else LEVEL_NAMES[score.level]
        if column == AVERAGE:
            average = self._averages[row]
            return "" if average is None else position_text(average)
        return "yes" if score.week.number in self._reflected else "no"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, column) or NONE_SHOWN
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.cell_text(row, column) or "none"
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (DATES, LEVEL, REFLECTED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == WEEK_ROLE:
            return self._weeks[row].week.number
        return None

    def csv_cell(self, row: int, column: int) -> str:
        """As on screen, but positions as plain decimals (4 places) that a spreadsheet reads as numbers."""
        if column == POSITION:
            return number_text(self._weeks[row].position, 4) if self._weeks[row].position is not None else ""
        if column == AVERAGE:
            average = self._averages[row]
            return "" if average is None else number_text(average, 4)
        return self.cell_text(row, column)

    def as_csv(self) -> str:
        """Header and rows as CSV (absent values empty); the cells are numbers and dates only."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADERS)
        for row in range(self.rowCount()):
            writer.writerow([self.csv_cell(row, column) for column in range(len(HEADERS))])
        return out.getvalue()
