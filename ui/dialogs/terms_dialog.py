"""Managing terms: add one, rename it, change its dates, under SPEC 2's rules.

What is typed is never dropped: choosing another term, or closing the dialog,
applies the changes first (as leaving a field of the activity form saves it);
when they break a rule, the student stays on them with the message beside the
field.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.errors import InvalidInput, JournalError
from journal.records.terms import TermInfo, list_terms
from journal.storage.journal_file import Journal
from ui.editing.form_fields import FieldError, with_error
from ui.editing.undo_commands import AddTerm, UpdateTerm, perform
from ui.start_up.onboarding import semester_guess
from ui.window.events import JournalEvents


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class TermsDialog(QDialog):
    def __init__(
        self, journal: Journal, events: JournalEvents, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._journal, self._events, self._undo = journal, events, undo_stack
        self.setWindowTitle("Terms")
        self.setMinimumSize(620, 360)
        self.term_list = QListWidget()
        self.term_list.setAccessibleName("Terms")
        self.term_list.currentItemChanged.connect(self._chosen)
        self.name = QLineEdit()
        self.name.setAccessibleName("Term name")
        self.start = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.start.setAccessibleName("Start date")
        self.end = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.end.setAccessibleName("End date")
        self.errors = {k: FieldError(k) for k in ("name", "start", "end")}
        self._changed = False  # the form differs from the term it shows (or from the new term's suggestion)
        self._filling = False
        self.name.textEdited.connect(self._mark_changed)
        self.start.dateChanged.connect(self._mark_changed)
        self.end.dateChanged.connect(self._mark_changed)
        form = QFormLayout()
        form.addRow("&Name", with_error(self.name, self.errors["name"]))
        form.addRow("&Starts", with_error(self.start, self.errors["start"]))
        form.addRow("&Ends", with_error(self.end, self.errors["end"]))
        self.save_button = QPushButton("&Apply changes")
        self.save_button.clicked.connect(self.apply)
        self.add_button = QPushButton("Add a &term")
        self.add_button.clicked.connect(self.start_new)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        right.addStretch(1)
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.term_list, 1)
        left.addWidget(self.add_button)
        top.addLayout(left, 1)
        top.addLayout(right, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self._editing: TermInfo | None = None
        self.refresh()
        if self.term_list.count() == 0:
            self.start_new()

    def _mark_changed(self) -> None:
        if not self._filling:
            self._changed = True

    def refresh(self, select_id: int | None = None) -> None:
        self.term_list.blockSignals(True)
        self.term_list.clear()
        chosen = None
        for term in list_terms(self._journal):
            item = QListWidgetItem(f"{term.name}  ({term.start} – {term.end}, {term.weeks} weeks)")
            item.setData(Qt.ItemDataRole.UserRole, term)
            self.term_list.addItem(item)
            if term.id == select_id:
                chosen = item
        self.term_list.setCurrentItem(chosen)
        self.term_list.blockSignals(False)
        if chosen is not None:
            self._show(chosen)

    def _chosen(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        """Another term was chosen: apply what was typed first, or stay on it when it breaks a rule."""
        if item is None:
            return
        wanted: TermInfo = item.data(Qt.ItemDataRole.UserRole)
        if self._changed and not self.apply(select_id=wanted.id):
            self.term_list.blockSignals(True)
            self.term_list.setCurrentItem(previous)
            self.term_list.blockSignals(False)
            return
        self._show(self.term_list.currentItem() or item)

    def _show(self, item: QListWidgetItem) -> None:
        term: TermInfo = item.data(Qt.ItemDataRole.UserRole)
        self._editing = term
        self._fill(term.name, term.start, term.end)
        self.save_button.setText("&Apply changes")

    def _fill(self, name: str, start: date, end: date) -> None:
        self._filling = True
        self.name.setText(name)
        self.start.setDate(_qdate(start))
        self.end.setDate(_qdate(end))
        self._filling = False
        self._changed = False
        self._clear_errors()

    def start_new(self) -> None:
        if self._changed and not self.apply():
            return
        self._editing = None
        self.term_list.blockSignals(True)
        self.term_list.setCurrentItem(None)
        self.term_list.blockSignals(False)
        self._fill(*semester_guess(date.today()))
        self.save_button.setText("&Add this term")
        self.name.setFocus()

    def done(self, result: int) -> None:
        """Closing applies what was typed; a change that breaks a rule keeps the dialog open with its message."""
        if self._changed and not self.apply():
            return
        super().done(result)

    def _clear_errors(self) -> None:
        for error in self.errors.values():
            error.show_problem(None)

    def apply(self, select_id: int | None = None) -> bool:
        """Add or change the term as typed; then show ``select_id`` (default: that term). False: see the message."""
        values = (self.name.text(), _pydate(self.start.date()), _pydate(self.end.date()))
        command: AddTerm | UpdateTerm
        if self._editing is None:
            command = AddTerm(self._journal, self._events, *values)
        else:
            command = UpdateTerm(self._journal, self._events, self._editing, *values)
        try:
            perform(self._undo, command)
        except InvalidInput as exc:
            for key, error in self.errors.items():
                error.show_problem(exc.problems.get(key))
            field = next((key for key in ("name", "start", "end") if key in exc.problems), "name")
            {"name": self.name, "start": self.start, "end": self.end}[field].setFocus()
            return False
        except JournalError as exc:
            self.errors["name"].show_problem(str(exc))
            self.name.setFocus()
            return False
        self._changed = False
        self._clear_errors()
        self.refresh(select_id=select_id or (command.term.id if command.term else None))
        return True
