"""The activity form: every field, the criteria checklist, and the live position, saved as you type.

There is no Save button. A change is checked a moment after typing stops (and
when focus leaves the form); a valid form is written as one undoable step, an
invalid one shows what is wrong next to its field and writes nothing.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journal.activities import ActivityRecord, get_activity, known_organizations, known_tags
from journal.clock import now_local
from journal.errors import InvalidInput, JournalError, NotFound
from journal.explain import activity_sentence
from journal.storage import Journal
from journal.validation import ActivityInput, check_activity, hours_text
from ui.autosave import AutosaveTimer
from ui.criteria_checklist import CriteriaChecklist
from ui.events import JournalEvents
from ui.form_fields import FieldError, TagCompleter, with_error
from ui.theme import set_role
from ui.undo_commands import AddActivity, EditActivity, perform


class ActivityEditor(QWidget):
    activity_created = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, journal: Journal, events: JournalEvents, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal, self._events, self._undo = journal, events, undo_stack
        self._activity_id: int | None = None
        self._saved: ActivityInput | None = None
        self._loading = False
        self._timer = AutosaveTimer(self)
        self._timer.timeout.connect(self.save_now)
        self._build()
        self.refresh_completions()
        events.criteria_changed.connect(self._rebuild_criteria)
        self.new_activity()

    # --- building -------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel()
        set_role(self.heading, "heading")
        self.status = QLabel()
        set_role(self.status, "hint")
        self.status.setAccessibleName("Save status")

        self.date_edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.title_edit = QLineEdit(placeholderText="What did you do? e.g. Free breakfast")
        self.organization_edit = QLineEdit(placeholderText="Organisation or group (optional)")
        self._organizations = QStringListModel(self)
        completer = QCompleter(self._organizations, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.organization_edit.setCompleter(completer)
        self.role_edit = QLineEdit(placeholderText="Your role (optional), e.g. cook, driver")
        self.hours_edit = QLineEdit(placeholderText="e.g. 2.5")
        self.hours_edit.setMaximumWidth(120)
        self.tags_edit = QLineEdit(placeholderText="e.g. food; housing")
        self._tag_completer = TagCompleter(self.tags_edit)
        self.description_edit = QPlainTextEdit(placeholderText="What happened? Who was there? What did you notice?")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(110)
        self.private_box = QCheckBox("&Private")
        self.private_box.setToolTip("In the report, a private activity shows only its date, hours and criteria.")

        names = {
            self.date_edit: "Date",
            self.title_edit: "Title",
            self.organization_edit: "Organisation",
            self.role_edit: "Role",
            self.hours_edit: "Hours",
            self.tags_edit: "Tags",
            self.description_edit: "Description",
            self.private_box: "Private activity",
        }
        for widget, name in names.items():
            widget.setAccessibleName(name)
        self.errors = {
            key: FieldError(label)
            for key, label in (
                ("day", "date"),
                ("title", "title"),
                ("organization", "organisation"),
                ("role", "role"),
                ("hours_centi", "hours"),
                ("tags", "tags"),
                ("description", "description"),
                ("criteria", "criteria"),
            )
        }

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Date", with_error(self.date_edit, self.errors["day"]))
        form.addRow("&Title", with_error(self.title_edit, self.errors["title"]))
        form.addRow("&Organisation", with_error(self.organization_edit, self.errors["organization"]))
        form.addRow("&Role", with_error(self.role_edit, self.errors["role"]))
        form.addRow("&Hours", with_error(self.hours_edit, self.errors["hours_centi"]))
        form.addRow("Ta&gs", with_error(self.tags_edit, self.errors["tags"]))
        form.addRow("D&escription", with_error(self.description_edit, self.errors["description"]))
        private_hint = QLabel(
            "A private activity counts in every number, but the report shows only its date, hours and criteria."
        )
        private_hint.setWordWrap(True)
        set_role(private_hint, "hint")
        form.addRow("", self.private_box)
        form.addRow("", private_hint)

        self.position_label = QLabel()
        self.position_label.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.position_label, "position")
        self.position_label.setAccessibleName("Position of this activity")
        self.position_label.setWordWrap(True)
        criteria_heading = QLabel("Which statements describe this activity? Tick all that apply.")
        set_role(criteria_heading, "subheading")
        criteria_heading.setWordWrap(True)
        self.checklist = CriteriaChecklist(self._journal.framework, self._journal.hidden)
        self.checklist.changed.connect(self._criteria_changed)

        self.delete_button = QPushButton("Move to trash")
        self.delete_button.setAccessibleName("Move this activity to the trash")
        self.delete_button.clicked.connect(self._request_delete)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status)
        body_layout.addLayout(top)
        self.save_error = FieldError("saving")
        body_layout.addWidget(self.save_error)
        body_layout.addLayout(form)
        body_layout.addWidget(criteria_heading)
        body_layout.addWidget(self.position_label)
        body_layout.addWidget(self.errors["criteria"])
        body_layout.addWidget(self.checklist)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.delete_button)
        body_layout.addLayout(bottom)
        body_layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        for line in (self.title_edit, self.organization_edit, self.role_edit, self.hours_edit, self.tags_edit):
            line.textEdited.connect(self._schedule)
            line.editingFinished.connect(self.save_now)
        self.description_edit.textChanged.connect(self._schedule)
        self.date_edit.dateChanged.connect(self._schedule)
        self.private_box.toggled.connect(self._schedule)

    # --- showing --------------------------------------------------------------

    @property
    def activity_id(self) -> int | None:
        return self._activity_id

    def refresh_completions(self) -> None:
        self._organizations.setStringList(known_organizations(self._journal))
        self._tag_completer.set_tags(known_tags(self._journal))

    def _rebuild_criteria(self) -> None:
        self.checklist.rebuild(self._journal.framework, self._journal.hidden)

    def new_activity(self, day: date | None = None) -> None:
        self.save_now()
        self._activity_id, self._saved = None, None
        self._fill(None, day or now_local().date())
        self.heading.setText("New activity")
        self.status.setText("Saved as soon as it has a title")
        self.delete_button.setEnabled(False)

    def show_activity(self, activity_id: int) -> None:
        if activity_id == self._activity_id:
            return
        self.save_now()
        try:
            record = get_activity(self._journal, activity_id)
        except NotFound:
            self.new_activity()
            return
        self._activity_id, self._saved = record.id, record.as_input()
        self._fill(record, record.day)
        self.heading.setText("Activity")
        self.status.setText("All changes saved")
        self.delete_button.setEnabled(True)

    def reload(self) -> None:
        """Show the journal's copy again (after undo or redo), dropping nothing unsaved."""
        if self._activity_id is None:
            return
        self._timer.stop()
        try:
            record = get_activity(self._journal, self._activity_id)
        except NotFound:
            self._activity_id = None
            self.new_activity()
            return
        if record.deleted_at is not None:
            self._activity_id = None
            self.new_activity()
            return
        self._saved = record.as_input()
        self._fill(record, record.day)

    def _fill(self, record: ActivityRecord | None, day: date) -> None:
        self._loading = True
        try:
            self.date_edit.setDate(QDate(day.year, day.month, day.day))
            self.title_edit.setText(record.title if record else "")
            self.organization_edit.setText(record.organization if record else "")
            self.role_edit.setText(record.role if record else "")
            self.hours_edit.setText(hours_text(record.hours_centi) if record else "")
            self.tags_edit.setText("; ".join(record.tags) if record else "")
            self.description_edit.setPlainText(record.description if record else "")
            self.private_box.setChecked(record.private if record else False)
            self.checklist.set_ticked(record.criteria if record else ())
            for error in self.errors.values():
                error.show_problem(None)
            self._update_position()
        finally:
            self._loading = False

    # --- saving ---------------------------------------------------------------

    def raw_input(self) -> dict[str, object]:
        qdate = self.date_edit.date()
        return {
            "date": date(qdate.year(), qdate.month(), qdate.day()),
            "title": self.title_edit.text(),
            "organization": self.organization_edit.text(),
            "role": self.role_edit.text(),
            "hours": self.hours_edit.text(),
            "tags": self.tags_edit.text(),
            "description": self.description_edit.toPlainText(),
            "criteria": list(self.checklist.ticked()),
            "private": self.private_box.isChecked(),
        }

    def _schedule(self) -> None:
        if not self._loading:
            self.status.setText("Editing…")
            self._timer.start()

    def _criteria_changed(self) -> None:
        self._update_position()
        self._schedule()

    def _update_position(self) -> None:
        framework = self._journal.framework
        ticks = [(framework.criterion(c).model_id, framework.position_of(c)) for c in self.checklist.ticked()]
        self.position_label.setText(activity_sentence(ticks))

    def has_pending_changes(self) -> bool:
        return self._timer.isActive()

    def save_now(self) -> bool:
        """Write the form if it is valid and changed; return False when it shows a problem."""
        self._timer.stop()
        if self._loading:
            return True
        raw = self.raw_input()
        pristine = (
            self._activity_id is None
            and not any(str(raw[k]).strip() for k in ("title", "organization", "role", "hours", "tags", "description"))
            and not raw["criteria"]
        )
        if pristine:
            return True
        try:
            data = check_activity(raw, self._journal.framework)
        except InvalidInput as exc:
            for key, error in self.errors.items():
                error.show_problem(exc.problems.get(key))
            self.status.setText("Not saved: see the message below the field")
            return False
        for error in self.errors.values():
            error.show_problem(None)
        if data == self._saved:
            self.status.setText("All changes saved")
            return True
        try:
            if self._activity_id is None:
                command = AddActivity(self._journal, self._events, data)
                command.on_created = self._created
                perform(self._undo, command)
            else:
                before = self._saved
                assert before is not None
                perform(self._undo, EditActivity(self._journal, self._events, self._activity_id, before, data))
        except JournalError as exc:
            # what the student typed stays in the form; the next change tries again
            self.status.setText("Not saved")
            self.save_error.show_problem(str(exc))
            return False
        self.save_error.show_problem(None)
        self._saved = data
        self.status.setText(f"Saved at {now_local():%H:%M:%S}")
        self.heading.setText("Activity")
        self.delete_button.setEnabled(True)
        self.refresh_completions()
        return True

    def _created(self, activity_id: int) -> None:
        first_time = self._activity_id is None
        self._activity_id = activity_id
        if first_time:
            self.activity_created.emit(activity_id)

    def _request_delete(self) -> None:
        if self._activity_id is not None:
            self.delete_requested.emit(self._activity_id)
