"""The activity list as a Qt table model fed page by page from SQL.

Search, filters and sorting run in SQLite (journal.search.activity_query); the model
only holds the rows fetched so far and asks for the next page when the view
scrolls near the end (canFetchMore / fetchMore), so it stays quick at any size.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from journal.records.activities import ActivityRecord, position_of
from journal.records.validation import hours_text
from journal.scoring.explain import position_text
from journal.scoring.position import level
from journal.search.activity_query import LIST_PAGE, ActivityQuery, find_activities, list_first_page
from journal.storage.journal_file import Journal

Index = QModelIndex | QPersistentModelIndex

COLUMN_DATE, COLUMN_TITLE, COLUMN_ORGANIZATION, COLUMN_HOURS, COLUMN_POSITION, COLUMN_LEVEL = range(6)
HEADERS = ("Date", "Title", "Organisation", "Hours", "Position", "Level")
SORT_KEYS = ("day", "title", "organization", "hours", "position", "position")
LEVEL_SYMBOLS = {"charity": "○ Charity", "contributory": "◐ Contributory", "radical": "● Radical"}
PAGE_SIZE = LIST_PAGE
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class ActivityListModel(QAbstractTableModel):
    def __init__(self, journal: Journal, parent: Any = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self._query = ActivityQuery()
        self._rows: list[ActivityRecord] = []
        self._positions: list[Any] = []
        self._total = 0
        self._counted_to = 0
        self._more = False
        self._loaded = False

    # --- the query ------------------------------------------------------------

    @property
    def query(self) -> ActivityQuery:
        return self._query

    @property
    def total(self) -> int:
        """How many activities match the query, as far as they were counted (see ``total_is_at_least``)."""
        return max(self._total, len(self._rows)) if self._more else len(self._rows)

    @property
    def total_is_at_least(self) -> bool:
        """Whether more match than were counted and not all are fetched yet, so ``total`` is a lower bound."""
        return self._more and self._total > self._counted_to

    def count_text(self) -> str:
        if self.total_is_at_least:
            return f"{max(self._counted_to, len(self._rows)):,}+ activities"
        total = self.total
        return f"{total:,} {'activity' if total == 1 else 'activities'}"

    def set_query(self, query: ActivityQuery) -> None:
        if query == self._query and self._loaded:
            return
        self._query = query
        self._load(PAGE_SIZE)

    def reload(self) -> None:
        """Read the same query again (the journal changed), as far down as the list had scrolled."""
        self._load(max(PAGE_SIZE, len(self._rows)))

    def _load(self, rows: int) -> None:
        self.beginResetModel()
        self._rows = []
        self._positions = []
        first = list_first_page(self._journal, self._query, rows=rows)
        self._more = first.count > rows
        self._total, self._counted_to = first.count, first.counted_to
        self._append(first.records)
        self._loaded = True
        self.endResetModel()

    def _append(self, records: list[ActivityRecord]) -> None:
        self._rows.extend(records)
        self._positions.extend(position_of(r, self._journal) for r in records)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        # one row past the page tells whether another page follows, so the count is final with the last rows
        records = find_activities(self._journal, self._query, offset=len(self._rows), limit=PAGE_SIZE + 1)
        self._more = len(records) > PAGE_SIZE
        records = records[:PAGE_SIZE]
        if not records:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(records) - 1)
        self._append(records)
        self.endInsertRows()

    # --- the table ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def record(self, row: int) -> ActivityRecord:
        return self._rows[row]

    def update_record(self, record: ActivityRecord) -> bool:
        """Show an edited activity in its row, with no query; False when the edit may move the row or change
        which activities match (its date, its sort value, or anything while a search or filter narrows the list),
        and the list must be read again."""
        row = self.row_of(record.id)
        if row is None:
            return False
        old, position = self._rows[row], position_of(record, self._journal)
        query = self._query
        if query.text.strip() or query.model or query.level or query.tag or old.day != record.day:
            return False
        if _sort_value(old, self._positions[row], query.sort) != _sort_value(record, position, query.sort):
            return False
        self._rows[row], self._positions[row] = record, position
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        return True

    def row_of(self, activity_id: int) -> int | None:
        for row, record in enumerate(self._rows):
            if record.id == activity_id:
                return row
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == RECORD_ROLE:
            return record
        if role == ID_ROLE:
            return record.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(record, self._positions[index.row()], column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COLUMN_TITLE:
            return None  # user text stays out of rich-text tooltips
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COLUMN_HOURS, COLUMN_POSITION):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(record: ActivityRecord, position: Any, column: int) -> str:
        if column == COLUMN_DATE:
            return record.day.isoformat()
        if column == COLUMN_TITLE:
            return f"(private) {record.title}" if record.private else record.title
        if column == COLUMN_ORGANIZATION:
            return record.organization
        if column == COLUMN_HOURS:
            return hours_text(record.hours_centi)
        if column == COLUMN_POSITION:
            return "–" if position is None else position_text(position)
        if column == COLUMN_LEVEL:
            return "No criteria" if position is None else LEVEL_SYMBOLS[level(position)]
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self._loaded:  # remembered for the first load; nothing to sort yet
            self._query = self._query.with_sort(SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder)
            return
        self.set_query(self._query.with_sort(SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder))


def _sort_value(record: ActivityRecord, position: Any, sort: str) -> Any:
    return position if sort == "position" else getattr(record, "hours_centi" if sort == "hours" else sort)
