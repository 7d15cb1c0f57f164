"""The weekly reflection: pick a week, answer What? So what? Now what?, saved as you type."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from journal.clock import now_local, today
from journal.errors import InvalidInput, JournalError
from journal.reflections import PROMPTS, WeeklyText, check_weekly_text, weekly_reflection, weekly_reflections
from journal.storage import Journal
from journal.terms import TermInfo
from ui.autosave import AutosaveTimer
from ui.events import JournalEvents
from ui.form_fields import FieldError
from ui.theme import set_role
from ui.undo_commands import EditWeeklyReflection, perform

WRITTEN_MARK, MISSING_MARK = "✓", "○"


class WeeklyReflectionEditor(QWidget):
    def __init__(self, journal: Journal, events: JournalEvents, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal, self._events, self._undo = journal, events, undo_stack
        self._term: TermInfo | None = None
        self._week = 0
        self._saved = WeeklyText(0)
        self._loading = False
        self._timer = AutosaveTimer(self)
        self._timer.timeout.connect(self.save_now)

        self.banner = QLabel()
        set_role(self.banner, "banner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Reminder")
        self.week_combo = QComboBox()
        self.week_combo.setAccessibleName("Week")
        self.week_combo.currentIndexChanged.connect(self._week_chosen)
        self.status = QLabel()
        set_role(self.status, "hint")
        self.status.setAccessibleName("Save status")
        self.legend = QLabel(f"{WRITTEN_MARK} has a reflection    {MISSING_MARK} still needs one")
        set_role(self.legend, "hint")

        top = QHBoxLayout()
        week_label = QLabel("&Week")
        week_label.setBuddy(self.week_combo)
        top.addWidget(week_label)
        top.addWidget(self.week_combo, 1)
        top.addWidget(self.status)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.legend)
        self.answers: dict[str, QPlainTextEdit] = {}
        self.errors: dict[str, FieldError] = {}
        for key, label, guide in PROMPTS:
            heading = QLabel(label)
            set_role(heading, "subheading")
            question = QLabel(guide)
            question.setWordWrap(True)
            set_role(question, "hint")
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setAccessibleName(label)
            edit.setAccessibleDescription(guide)
            edit.setPlaceholderText(guide)
            edit.textChanged.connect(self._schedule)
            heading.setBuddy(edit)
            error = FieldError(label)
            self.answers[key], self.errors[key] = edit, error
            for widget in (heading, question, edit, error):
                layout.addWidget(widget)
        events.activities_changed.connect(self._refresh_banner)

    # --- term and week ----------------------------------------------------------

    def set_term(self, term: TermInfo | None) -> None:
        self.save_now()
        self._term = term
        self.setEnabled(term is not None)
        current = term.week_of(today()) if term else None
        self._fill_weeks(current or 1)

    def _fill_weeks(self, select_week: int) -> None:
        self._loading = True
        self.week_combo.clear()
        if self._term is not None:
            written = {w for w, t in weekly_reflections(self._journal, self._term).items() if t.written}
            for week in self._term.week_list():
                mark = WRITTEN_MARK if week.number in written else MISSING_MARK
                label = f"{mark} Week {week.number}: {week.start:%b %d} – {week.end:%b %d}"
                self.week_combo.addItem(label, week.number)
            self.week_combo.setCurrentIndex(max(0, select_week - 1))
        self._loading = False
        self._load_week()
        self._refresh_banner()

    def show_week(self, week: int) -> None:
        if self._term is None or not 1 <= week <= self._term.weeks:
            return
        self.week_combo.setCurrentIndex(week - 1)

    @property
    def week(self) -> int:
        return self._week

    def _week_chosen(self) -> None:
        if not self._loading:
            self.save_now()
            self._load_week()

    def _load_week(self) -> None:
        self._timer.stop()
        week = self.week_combo.currentData()
        if self._term is None or week is None:
            self._week, self._saved = 0, WeeklyText(0)
            for edit in self.answers.values():
                edit.clear()
            return
        self._week = int(week)
        self._saved = weekly_reflection(self._journal, self._term, self._week)
        self._loading = True
        for key, edit in self.answers.items():
            edit.setPlainText(getattr(self._saved, key))
        self._loading = False
        self.status.setText("")

    def reload(self) -> None:
        """Show the journal's copy (after undo or redo)."""
        if self._term is not None and self._week:
            self._fill_weeks(self._week)

    def _refresh_banner(self) -> None:
        if self._term is None:
            self.banner.setText("Create a term first (Journal menu → Terms) to write weekly reflections.")
            self.banner.show()
            return
        current = self._term.week_of(today())
        if current is None:
            self.banner.hide()
            return
        if weekly_reflection(self._journal, self._term, current).written:
            self.banner.hide()
        else:
            self.banner.setText(f"This is week {current} of {self._term.name}, and it has no reflection yet.")
            self.banner.show()

    # --- saving -----------------------------------------------------------------

    def _schedule(self) -> None:
        if not self._loading:
            self.status.setText("Editing…")
            self._timer.start()

    def has_pending_changes(self) -> bool:
        return self._timer.isActive()

    def save_now(self) -> bool:
        self._timer.stop()
        if self._loading or self._term is None or not self._week:
            return True
        text = WeeklyText(self._week, *(self.answers[k].toPlainText() for k, _, _ in PROMPTS))
        if text == self._saved:
            return True
        try:
            check_weekly_text(text)
        except InvalidInput as exc:
            for key, error in self.errors.items():
                error.show_problem(exc.problems.get(key))
            self.status.setText("Not saved")
            return False
        for error in self.errors.values():
            error.show_problem(None)
        try:
            perform(self._undo, EditWeeklyReflection(self._journal, self._events, self._term, self._saved, text))
        except JournalError as exc:
            self.errors["what"].show_problem(str(exc))
            self.status.setText("Not saved")
            return False
        had_text, has_text = self._saved.written, text.written
        self._saved = text
        self.status.setText(f"Saved at {now_local():%H:%M:%S}")
        if had_text != has_text:
            self._mark_week(has_text)
        return True

    def _mark_week(self, written: bool) -> None:
        index = self._week - 1
        label = self.week_combo.itemText(index)
        mark = WRITTEN_MARK if written else MISSING_MARK
        self._loading = True
        self.week_combo.setItemText(index, mark + label[1:])
        self._loading = False
        self._refresh_banner()
