"""The profile: student name, course and instructor, printed on reports."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from journal.errors import InvalidInput, JournalError
from journal.records.profile import ProfileInfo, get_profile
from journal.storage.journal_file import Journal
from ui.editing.form_fields import FieldError, with_error
from ui.editing.undo_commands import SaveProfile, perform
from ui.window.events import JournalEvents


class ProfileDialog(QDialog):
    def __init__(
        self, journal: Journal, events: JournalEvents, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._journal, self._events, self._undo = journal, events, undo_stack
        self.setWindowTitle("Profile")
        profile = self._before = get_profile(journal)
        self.fields = {
            "student_name": QLineEdit(profile.student_name),
            "course": QLineEdit(profile.course),
            "instructor": QLineEdit(profile.instructor),
        }
        self.errors = {key: FieldError(key) for key in self.fields}
        form = QFormLayout()
        for (key, edit), label in zip(self.fields.items(), ("Your &name", "&Course", "&Instructor"), strict=True):
            edit.setAccessibleName(label.replace("&", ""))
            edit.setMinimumWidth(320)
            form.addRow(label, with_error(edit, self.errors[key]))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        after = ProfileInfo(**{k: e.text().strip() for k, e in self.fields.items()})
        if after != self._before:
            try:
                perform(self._undo, SaveProfile(self._journal, self._events, self._before, after))
            except InvalidInput as exc:
                for key, error in self.errors.items():
                    error.show_problem(exc.problems.get(key))
                return
            except JournalError as exc:
                self.errors["student_name"].show_problem(str(exc))
                return
        super().accept()
