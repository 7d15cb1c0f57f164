"""The closing reflection of a term and the intended direction, saved as the student types."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from journal.clock import now_local
from journal.errors import JournalError
from journal.records.reflections import DIRECTION_LABELS, ClosingText, closing_reflection, save_closing_reflection
from journal.records.terms import TermInfo
from journal.storage.journal_file import Journal
from ui.editing.autosave import AutosaveTimer
from ui.editing.form_fields import FieldError
from ui.editing.prose_box import ProseBox
from ui.window.theme import set_role

ESSAY_GUIDE = (
    "Where do you stand on the spectrum now, and do you want to shift? Look back over your weeks: which "
    "activities were charity, contributory or radical, what made them so, and what would you do differently?"
)
NOT_DECIDED = "Not decided yet"


class ClosingReflectionEditor(QWidget):
    """Emits ``saved`` after each write to the journal.

    An essay the journal cannot take (over the length limit) is kept as a draft of
    its term, shown again when that term is, and named when the app closes.
    """

    saved = Signal()

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self._term: TermInfo | None = None
        self._saved_text = ClosingText()
        self._drafts: dict[int, str] = {}  # essays that could not be saved, by term id
        self._loading = False
        self.autosave = AutosaveTimer(self)
        self.autosave.timeout.connect(self.save_now)

        heading = QLabel("&Closing reflection")
        set_role(heading, "subheading")
        guide = QLabel(ESSAY_GUIDE)
        guide.setWordWrap(True)
        set_role(guide, "hint")
        self.essay = ProseBox("Write your closing reflection here. It is saved as you type.")
        self.autosave.timeout.connect(self.essay.end_undo_step)
        self.essay.setAccessibleName("Closing reflection")
        self.essay.setAccessibleDescription(ESSAY_GUIDE)
        self.essay.textChanged.connect(self._schedule)
        self.essay.installEventFilter(self)
        heading.setBuddy(self.essay)
        self.error = FieldError("Closing reflection")

        direction_label = QLabel("Intended direction on the spectrum")
        set_role(direction_label, "subheading")
        self.directions = QButtonGroup(self)
        self.direction_buttons: dict[str | None, QRadioButton] = {}
        row = QHBoxLayout()
        for key, text in ((None, NOT_DECIDED), *DIRECTION_LABELS.items()):
            button = QRadioButton(text)
            button.setAccessibleName(f"Intended direction: {text}")
            self.directions.addButton(button)
            self.direction_buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        self.direction_buttons[None].setChecked(True)
        self.directions.buttonToggled.connect(self._direction_toggled)

        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.status, "hint")
        self.status.setAccessibleName("Save status")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(guide)
        layout.addWidget(self.essay, 1)
        layout.addWidget(self.error)
        layout.addWidget(direction_label)
        layout.addLayout(row)
        layout.addWidget(self.status)

    # --- term ------------------------------------------------------------------------

    def set_term(self, term: TermInfo | None) -> None:
        if not self.save_now() and self._term is not None:
            self._drafts[self._term.id] = self.essay.toPlainText()
        if term == self._term and term is not None:
            return  # the same term named again: the essay, its cursor and its undo history stay
        self._term = term
        self.setEnabled(term is not None)
        self._saved_text = closing_reflection(self._journal, term) if term is not None else ClosingText()
        self._loading = True
        draft = self._drafts.get(term.id) if term is not None else None
        self.essay.show_text(self._saved_text.essay if draft is None else draft)
        self.direction_buttons.get(self._saved_text.direction, self.direction_buttons[None]).setChecked(True)
        self._loading = False
        self.error.show_problem(None)
        self.status.setText("" if term is not None else "Choose a term to write its closing reflection.")
        if draft is not None:
            self.save_now()  # says again what is wrong with it

    def unsaved_drafts(self) -> list[str]:
        if not self.save_now() and self._term is not None:
            self._drafts[self._term.id] = self.essay.toPlainText()
        return [f"The closing reflection ({len(essay):,} characters)" for essay in self._drafts.values()]

    def current_text(self) -> ClosingText:
        direction = next((key for key, button in self.direction_buttons.items() if button.isChecked()), None)
        return ClosingText(self.essay.toPlainText(), direction)

    # --- saving ----------------------------------------------------------------------

    def _schedule(self) -> None:
        if not self._loading and self._term is not None:
            self.status.setText("Editing…")
            self.autosave.start()

    def _direction_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked and not self._loading:
            self.save_now()

    def has_pending_changes(self) -> bool:
        return self.autosave.isActive()

    def save_now(self) -> bool:
        """Write what is on screen if it differs from the journal; False when it could not be saved."""
        self.autosave.stop()
        if self._loading or self._term is None:
            return True
        text = self.current_text()
        if text == self._saved_text:
            self._drafts.pop(self._term.id, None)
            return True
        try:
            save_closing_reflection(self._journal, self._term, text)
        except JournalError as exc:
            problems = getattr(exc, "problems", {})
            self.error.show_problem(" ".join(problems.values()) if problems else str(exc))
            self.status.setText("Not saved")
            return False
        self.error.show_problem(None)
        self._drafts.pop(self._term.id, None)
        self._saved_text = text
        self.status.setText(f"Saved at {now_local():%H:%M:%S}")
        self.saved.emit()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.essay and event.type() == QEvent.Type.FocusOut:
            self.save_now()
        return super().eventFilter(watched, event)
