"""The profile: student name, course and instructor, printed on reports."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from journal.errors import InvalidInput
from journal.profile import ProfileInfo, get_profile, save_profile
from journal.storage import Journal
from ui.events import JournalEvents
from ui.form_fields import FieldError, with_error


class ProfileDialog(QDialog):
    def __init__(self, journal: Journal, events: JournalEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal, self._events = journal, events
        self.setWindowTitle("Profile")
        profile = get_profile(journal)
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
        try:
            save_profile(self._journal, ProfileInfo(**{k: e.text() for k, e in self.fields.items()}))
        except InvalidInput as exc:
            for key, error in self.errors.items():
                error.show_problem(exc.problems.get(key))
            return
        self._events.profile_changed.emit()
        super().accept()
