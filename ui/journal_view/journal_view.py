"""The Journal view (Ctrl+1): the searchable activity list beside the activity form and the week's reflection."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journal.errors import JournalError
from journal.records.activities import ActivityRecord
from journal.records.terms import TermInfo
from journal.search.activity_query import ActivityQuery
from journal.storage.journal_file import Journal
from ui.editing.undo_commands import TrashActivities, perform
from ui.journal_view.activity_list_model import (
    COLUMN_DATE,
    COLUMN_HOURS,
    COLUMN_LEVEL,
    COLUMN_ORGANIZATION,
    COLUMN_POSITION,
    COLUMN_TITLE,
    ID_ROLE,
    ActivityListModel,
)
from ui.journal_view.filter_bar import FilterBar
from ui.window.events import JournalEvents
from ui.window.plain_message import show_message
from ui.window.theme import set_role

if TYPE_CHECKING:
    from ui.journal_view.activity_editor import ActivityEditor
    from ui.journal_view.weekly_reflection_editor import WeeklyReflectionEditor

ASK_BEFORE_DELETING = 2  # deleting this many or more at once asks first


class JournalView(QWidget):
    def __init__(self, journal: Journal, events: JournalEvents, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal, self._events, self._undo = journal, events, undo_stack
        self._sort = ("day", True)

        self.filters = FilterBar(journal)
        self.model = ActivityListModel(journal, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Activities")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # the model starts sorted newest first; showing that indicator first keeps Qt from sorting again
        self.table.horizontalHeader().setSortIndicator(COLUMN_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COLUMN_DATE, 96)
        header.resizeSection(COLUMN_ORGANIZATION, 170)
        header.resizeSection(COLUMN_HOURS, 60)
        header.resizeSection(COLUMN_POSITION, 72)
        header.resizeSection(COLUMN_LEVEL, 120)
        self.empty_note = QLabel(self.table.viewport())
        self.empty_note.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_note.setWordWrap(True)
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.empty_note, "hint")
        self.empty_note.setAccessibleName("Why the list is empty")
        note_layout = QVBoxLayout(self.table.viewport())
        note_layout.addWidget(self.empty_note)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of activities shown")
        # a count that was a lower bound ("200+") grows as scrolling fetches more rows
        self.model.rowsInserted.connect(lambda *_: self.count_label.setText(self.model.count_text()))
        self.new_button = QPushButton("&New activity")
        self.new_button.setAccessibleName("New activity")
        self.new_button.setToolTip("Log a new activity (Ctrl+N)")
        self.new_button.clicked.connect(self.new_activity)

        # The form and the reflection are built right after the list first paints (or when first
        # asked for), so the window shows the student's journal sooner.
        self._editor: ActivityEditor | None = None
        self._reflection: WeeklyReflectionEditor | None = None
        self._term: TermInfo | None = None
        self.side = QTabWidget()
        self.side.setAccessibleName("Activity and weekly reflection")
        self.side.setMinimumWidth(420)
        self.table.viewport().installEventFilter(self)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.new_button)
        left_layout.addLayout(bottom)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([720, 540])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self.filters.query_changed.connect(self._apply_filters)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        events.activities_changed.connect(self._journal_changed)
        events.activity_edited.connect(self._activity_edited)
        events.reflections_changed.connect(self._reflections_changed)
        events.terms_changed.connect(lambda: self.filters.refresh_terms())
        QShortcut(QKeySequence.StandardKey.Delete, self.table, activated=self.trash_selected)

        # the list loads when the window names its term (set_term), once

    # --- the side panes, built late -------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._editor is None:
            self.table.viewport().removeEventFilter(self)
            QTimer.singleShot(0, self._build_side)
        return False

    def _build_side(self) -> None:
        if self._editor is not None:
            return
        from ui.journal_view.activity_editor import ActivityEditor
        from ui.journal_view.weekly_reflection_editor import WeeklyReflectionEditor

        self._editor = ActivityEditor(self._journal, self._events, self._undo)
        self._reflection = WeeklyReflectionEditor(self._journal, self._events, self._undo)
        self.side.addTab(self._editor, "&Activity")
        self.side.addTab(self._reflection, "Weekly &reflection")
        self._editor.activity_created.connect(self._select_activity)
        self._editor.delete_requested.connect(lambda activity_id: self.trash([activity_id]))
        self._reflection.set_term(self._term)
        index = self.table.currentIndex()
        if index.isValid():
            self._editor.show_activity(int(self.model.data(index, ID_ROLE)))

    @property
    def editor(self) -> ActivityEditor:
        self._build_side()
        assert self._editor is not None
        return self._editor

    @property
    def reflection(self) -> WeeklyReflectionEditor:
        self._build_side()
        assert self._reflection is not None
        return self._reflection

    # --- the list ---------------------------------------------------------------

    def _apply_filters(self, query: ActivityQuery) -> None:
        sort, descending = self.model.query.sort, self.model.query.descending
        self.model.set_query(query.with_sort(sort, descending))
        self._after_reload()

    def _reload_list(self) -> None:
        self.model.reload()
        self._after_reload()

    def _after_reload(self) -> None:
        self.count_label.setText(self.model.count_text())
        self.empty_note.setVisible(self.model.rowCount() == 0)
        if self.model.rowCount() == 0:
            narrowed = self.model.query.text.strip() or self.model.query.model or self.model.query.level
            self.empty_note.setText(
                "No activity matches this search and these filters."
                if narrowed or self.model.query.tag
                else "No activities here yet.\nLog your first one with the form on the right, or press Ctrl+N."
            )
        if self._editor is not None and self._editor.activity_id is not None:
            self._select_activity(self._editor.activity_id, show=False)

    def _journal_changed(self) -> None:
        self.filters.refresh_tags()
        self._reload_list()

    def _activity_edited(self, record: ActivityRecord) -> None:
        """One activity was written: its row changes in place, unless the edit may move it or change what matches."""
        row = self.model.row_of(record.id)
        if row is None or self.model.record(row).tags != record.tags:
            self.filters.refresh_tags()
        if not self.model.update_record(record):
            self._reload_list()

    def _reflections_changed(self) -> None:
        if self.model.query.text.strip():  # a search also finds the weeks whose reflection holds the words
            self._reload_list()

    def _row_chosen(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.editor.show_activity(int(self.model.data(index, ID_ROLE)))
            self.side.setCurrentWidget(self.editor)

    def _select_activity(self, activity_id: int, show: bool = True) -> None:
        row = self.model.row_of(activity_id)
        if row is None:
            return
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        index = self.model.index(row, COLUMN_TITLE)
        selection.setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        selection.blockSignals(False)
        self.table.viewport().update()
        if show:
            self.table.scrollTo(index)

    # --- actions ------------------------------------------------------------------

    def new_activity(self) -> None:
        self.table.clearSelection()
        self.editor.new_activity()
        self.side.setCurrentWidget(self.editor)
        self.editor.title_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_reflection(self, week: int) -> None:
        """The weekly reflection of ``week`` beside the list, with the cursor in What?."""
        self.side.setCurrentWidget(self.reflection)
        self.reflection.show_week(week)
        self.reflection.answers["what"].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def shown_activity_day(self) -> date | None:
        """The date of the activity in the form, or None for a new one."""
        if self._editor is None or self._editor.activity_id is None:
            return None
        return self._editor.raw_input()["date"]  # type: ignore[return-value]

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def selected_ids(self) -> list[int]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self.model.record(row).id for row in sorted(rows)]

    def trash_selected(self) -> None:
        ids = self.selected_ids()
        if not ids and self.editor.activity_id is not None:
            ids = [self.editor.activity_id]
        self.trash(ids)

    def trash(self, activity_ids: list[int]) -> None:
        if not activity_ids:
            return
        if len(activity_ids) >= ASK_BEFORE_DELETING:
            answer = QMessageBox.question(
                self,
                "Move to trash",
                f"Move {len(activity_ids)} activities to the trash? You can restore them from the trash "
                "for 30 days, or undo with Ctrl+Z.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        label = "1 activity" if len(activity_ids) == 1 else f"{len(activity_ids)} activities"
        if self._editor is not None:
            self._editor.save_now()
        try:
            perform(self._undo, TrashActivities(self._journal, self._events, activity_ids, label))
        except JournalError as exc:
            show_message(self, "Not deleted", str(exc), warning=True)
            return
        self._events.status_message.emit(f"Moved {label} to the trash. Undo with Ctrl+Z.")
        if self._editor is not None and self._editor.activity_id in activity_ids:
            self._editor.new_activity()

    def set_term(self, term: TermInfo | None) -> None:
        self.filters.refresh_terms(select_id=term.id if term else None)
        # applied here rather than through the signal, so a failed read reaches the caller
        self.filters.select_term(term.id if term else None, notify=False)
        self._apply_filters(self.filters.query())
        self._term = term
        if self._reflection is not None:
            self._reflection.set_term(term)

    def open_week(self, term: TermInfo, week: int) -> None:
        """Show one week: its activities in the list and its reflection beside them."""
        self.filters.select_term(term.id, week)
        self.reflection.set_term(term)
        self.reflection.show_week(week)
        self.side.setCurrentWidget(self.reflection)

    def save_pending(self) -> None:
        if self._editor is not None and self._reflection is not None:
            self._editor.save_now()
            self._reflection.save_now()

    def unsaved_drafts(self) -> list[str]:
        """What the student typed that the journal could not take, a sentence each."""
        if self._editor is None or self._reflection is None:
            return []
        return self._editor.unsaved_drafts() + self._reflection.unsaved_drafts()

    def show_first_draft(self) -> None:
        if self._editor is not None and self._editor.unsaved_drafts():
            self.side.setCurrentWidget(self._editor)
            self._editor.show_first_draft()
        elif self._reflection is not None and self._reflection.unsaved_drafts():
            self.side.setCurrentWidget(self._reflection)
            self._reflection.show_first_draft()
