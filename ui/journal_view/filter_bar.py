"""Search and filters above the activity list: text, term, week, model, level and tag."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from journal.records.activities import known_tags
from journal.records.framework import Framework
from journal.records.terms import TermInfo, list_terms
from journal.scoring.weeks import week as term_week
from journal.search.activity_query import ActivityQuery
from journal.storage.journal_file import Journal

SEARCH_DELAY_MS = 120
LEVEL_CHOICES = (
    ("All levels", None),
    ("Charity", "charity"),
    ("Contributory", "contributory"),
    ("Radical", "radical"),
    ("No criteria ticked", "unscored"),
)


class FilterBar(QWidget):
    query_changed = Signal(object)  # ActivityQuery

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self._filling = False
        self._terms: list[TermInfo] = []
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search titles, organisations, tags, descriptions and reflections (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search activities")
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.term_combo = self._combo("Term filter")
        self.week_combo = self._combo("Week filter")
        self.model_combo = self._combo("Model filter")
        self.level_combo = self._combo("Level filter")
        self.tag_combo = self._combo("Tag filter")
        for label, value in LEVEL_CHOICES:
            self.level_combo.addItem(label, value)
        self.set_framework(journal.framework)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        row = QHBoxLayout()
        layout.addLayout(row)
        for text, combo in (
            ("Term", self.term_combo),
            ("Week", self.week_combo),
            ("Model", self.model_combo),
            ("Level", self.level_combo),
            ("Tag", self.tag_combo),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            row.addWidget(label)
            row.addWidget(combo, 1)
        self.refresh_terms()
        self.refresh_tags()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def set_framework(self, framework: Framework) -> None:
        self._filling = True
        self.model_combo.clear()
        self.model_combo.addItem("All models", None)
        for model in framework.models:
            self.model_combo.addItem(model.name, model.id)
        self._filling = False

    def refresh_terms(self, select_id: int | None = None) -> None:
        current = self.term_combo.currentData() if select_id is None else select_id
        self._filling = True
        self._terms = list_terms(self._journal)
        self.term_combo.clear()
        self.term_combo.addItem("All terms", None)
        for term in self._terms:
            self.term_combo.addItem(term.name, term.id)
        index = self.term_combo.findData(current)
        self.term_combo.setCurrentIndex(max(0, index))
        self._filling = False
        self._fill_weeks()

    def refresh_tags(self) -> None:
        current = self.tag_combo.currentData()
        self._filling = True
        self.tag_combo.clear()
        self.tag_combo.addItem("All tags", None)
        for tag in known_tags(self._journal):
            self.tag_combo.addItem(tag, tag)
        self.tag_combo.setCurrentIndex(max(0, self.tag_combo.findData(current)))
        self._filling = False

    def select_term(self, term_id: int | None, week: int | None = None, *, notify: bool = True) -> None:
        """Show ``term_id`` (and ``week``); ``notify=False`` leaves applying the query to the caller."""
        self._filling = True
        self.term_combo.setCurrentIndex(max(0, self.term_combo.findData(term_id)))
        self._fill_weeks()
        if week is not None:
            self.week_combo.setCurrentIndex(max(0, self.week_combo.findData(week)))
        self._filling = False
        if notify:
            self._emit()

    def _term(self) -> TermInfo | None:
        term_id = self.term_combo.currentData()
        return next((t for t in self._terms if t.id == term_id), None)

    def _fill_weeks(self) -> None:
        was = self._filling
        self._filling = True
        current = self.week_combo.currentData()
        self.week_combo.clear()
        self.week_combo.addItem("All weeks", None)
        term = self._term()
        if term is not None:
            for w in term.week_list():
                self.week_combo.addItem(f"Week {w.number}", w.number)
        self.week_combo.setCurrentIndex(max(0, self.week_combo.findData(current)))
        self.week_combo.setEnabled(term is not None)
        self._filling = was

    def _changed(self) -> None:
        if self._filling:
            return
        if self.sender() is self.term_combo:
            self._fill_weeks()
        self._emit()

    def query(self) -> ActivityQuery:
        term = self._term()
        start = end = None
        if term is not None:
            start, end = term.start, term.end
            week = self.week_combo.currentData()
            if week is not None:
                span = term_week(term.start, term.end, int(week))
                start, end = span.start, span.end
        return ActivityQuery(
            text=self.search.text(),
            start=start,
            end=end,
            model=self.model_combo.currentData(),
            level=self.level_combo.currentData(),
            tag=self.tag_combo.currentData(),
        )

    def _emit(self) -> None:
        self._timer.stop()
        self.query_changed.emit(self.query())
