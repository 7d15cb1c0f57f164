"""The weekly reflection: pick a week, answer What? So what? Now what?, saved as you type.

As in the activity form, a save never puts text back into the boxes; a box whose
text breaks a rule keeps it as a draft, shown again when its week is; and the
boxes are filled from the journal only for another week, or when an undo or redo
changed this week's answers underneath.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from journal.clock import now_local, today
from journal.errors import InvalidInput, JournalError
from journal.records.reflections import PROMPTS, WeeklyText, check_weekly_text, weekly_reflection, weekly_reflections
from journal.records.terms import TermInfo
from journal.storage.journal_file import Journal
from ui.editing.autosave import AutosaveTimer
from ui.editing.form_fields import FieldError, replace_plain_text
from ui.editing.prose_box import ProseBox
from ui.editing.undo_commands import EditWeeklyReflection, perform
from ui.window.events import JournalEvents
from ui.window.theme import set_role

WRITTEN_MARK, MISSING_MARK = "✓", "○"


class WeeklyReflectionEditor(QWidget):
    def __init__(self, journal: Journal, events: JournalEvents, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal, self._events, self._undo = journal, events, undo_stack
        self._term: TermInfo | None = None
        self._week = 0
        self._saved = WeeklyText(0)
        # answers that could not be saved, by (term id, week), kept until they can be
        self._drafts: dict[tuple[int, int], dict[str, str]] = {}
        self._loading = False
        self.autosave = AutosaveTimer(self)
        self.autosave.timeout.connect(self.save_now)

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
        self.answers: dict[str, ProseBox] = {}
        self.errors: dict[str, FieldError] = {}
        for key, label, guide in PROMPTS:
            heading = QLabel(label)
            set_role(heading, "subheading")
            question = QLabel(guide)
            question.setWordWrap(True)
            set_role(question, "hint")
            edit = ProseBox(guide)
            self.autosave.timeout.connect(edit.end_undo_step)
            edit.setAccessibleName(label)
            edit.setAccessibleDescription(guide)
            edit.textChanged.connect(self._schedule)
            edit.installEventFilter(self)  # leaving a box saves it: each box's typing is a step of its own
            heading.setBuddy(edit)
            error = FieldError(label)
            self.answers[key], self.errors[key] = edit, error
            for widget in (heading, question, edit, error):
                layout.addWidget(widget)
        events.activities_changed.connect(self._refresh_banner)
        events.weekly_reflection_written.connect(self._written_underneath)

    # --- term and week ----------------------------------------------------------

    def set_term(self, term: TermInfo | None) -> None:
        self.save_now()
        if term == self._term and term is not None:
            return  # the same term named again (the term list was read anew): the week and its boxes stay
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
        """Show the chosen week's answers: every box anew, with a fresh undo history, and its draft if it has one."""
        self.autosave.stop()
        week = self.week_combo.currentData()
        self._loading = True
        if self._term is None or week is None:
            self._week, self._saved = 0, WeeklyText(0)
            for edit in self.answers.values():
                edit.clear()
            self._loading = False
            return
        self._week = int(week)
        self._saved = weekly_reflection(self._journal, self._term, self._week)
        for key, edit in self.answers.items():
            edit.show_text(getattr(self._saved, key))
        draft = self._drafts.get((self._term.id, self._week), {})
        for key, text in draft.items():
            replace_plain_text(self.answers[key], text)
        self._loading = False
        self._show_problems(self._problems(self._shown()) if draft else {})
        self.status.setText("Not all saved: see the message below the box" if draft else "")

    def _written_underneath(self, term_id: int, text: WeeklyText) -> None:
        """This week's answers were written by an undo or redo: show the boxes that changed, and only those."""
        if self._term is None or term_id != self._term.id or text.week != self._week or text == self._saved:
            return
        draft = self._drafts.get((term_id, self._week), {})
        had_text = self._saved.written
        self._loading = True
        for key, edit in self.answers.items():
            if getattr(text, key) != getattr(self._saved, key) and key not in draft:
                replace_plain_text(edit, getattr(text, key))
        self._loading = False
        self._saved = text
        if had_text != text.written:
            self._mark_week(text.written)

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
            self.autosave.start()

    def has_pending_changes(self) -> bool:
        return self.autosave.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self.answers.values():
            self.save_now()
        return super().eventFilter(watched, event)

    def _shown(self) -> WeeklyText:
        return WeeklyText(self._week, *(self.answers[k].toPlainText() for k, _, _ in PROMPTS))

    @staticmethod
    def _problems(text: WeeklyText) -> dict[str, str]:
        try:
            check_weekly_text(text)
        except InvalidInput as exc:
            return dict(exc.problems)
        return {}

    def _show_problems(self, problems: dict[str, str]) -> None:
        for key, error in self.errors.items():
            error.show_problem(problems.get(key))

    def save_now(self) -> bool:
        """Write the answers that are valid and changed; False when a box shows a problem (its text is kept)."""
        self.autosave.stop()
        if self._loading or self._term is None or not self._week:
            return True
        shown = self._shown()
        problems = self._problems(shown)
        self._show_problems(problems)
        where = (self._term.id, self._week)
        if problems:
            self._drafts[where] = {key: getattr(shown, key) for key in problems}
        else:
            self._drafts.pop(where, None)
        # a box at fault keeps what the journal holds; the others are written
        text = WeeklyText(self._week, *(getattr(self._saved if k in problems else shown, k) for k, _, _ in PROMPTS))
        if text != self._saved:
            before = self._saved
            self._saved = text  # set first: the write's own echo must not fill the boxes
            try:
                perform(self._undo, EditWeeklyReflection(self._journal, self._events, self._term, before, text))
            except JournalError as exc:
                self._saved = before
                self.errors["what"].show_problem(str(exc))
                self.status.setText("Not saved")
                return False
            self.status.setText(f"Saved at {now_local():%H:%M:%S}")
            if before.written != text.written:
                self._mark_week(text.written)
        if problems:
            self.status.setText("Not all saved: see the message below the box")
            return False
        return True

    # --- what could not be saved --------------------------------------------------

    def unsaved_drafts(self) -> list[str]:
        labels = {key: label for key, label, _ in PROMPTS}
        return [
            f"In the reflection of week {week}: "
            + ", ".join(f"{labels[k]} ({len(t):,} characters)" for k, t in boxes.items())
            for (_term, week), boxes in self._drafts.items()
        ]

    def show_first_draft(self) -> None:
        if not self._drafts:
            return
        term_id, week = next(iter(self._drafts))
        if self._term is not None and self._term.id == term_id:
            self.show_week(week)
            key = next(iter(self._drafts[(term_id, week)]))
            self.answers[key].setFocus()

    def _mark_week(self, written: bool) -> None:
        index = self._week - 1
        label = self.week_combo.itemText(index)
        mark = WRITTEN_MARK if written else MISSING_MARK
        self._loading = True
        self.week_combo.setItemText(index, mark + label[1:])
        self._loading = False
        self._refresh_banner()
