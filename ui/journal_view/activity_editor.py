"""The activity form: every field, the criteria checklist, and the live position, saved as you type.

There is no Save button. A change is checked a moment after typing stops (and
when focus leaves a field); what is valid is written, and a field that breaks a
rule says so beside it and keeps what was typed: as a draft, shown again when
the student comes back to this activity, and named when the app closes.

A save never puts text back into the form: the boxes hold what the student
typed, cursor, selection and their own undo history included. Fields are filled
from the journal only when another activity is shown, or when the shown one
changed underneath (an undo or redo), and then only the fields that changed.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import QDate, QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journal.clock import now_local
from journal.errors import InvalidInput, JournalError, NotFound
from journal.records.activities import ActivityRecord, get_activity, known_organizations, known_tags
from journal.records.validation import ActivityInput, check_activity, hours_text, quoted
from journal.scoring.explain import activity_sentence
from journal.storage.journal_file import Journal
from ui.editing.autosave import AutosaveTimer
from ui.editing.form_fields import FieldError, TagCompleter, replace_line_text, replace_plain_text, with_error
from ui.editing.prose_box import ProseBox
from ui.editing.undo_commands import AddActivity, EditActivity, perform
from ui.journal_view.criteria_checklist import CriteriaChecklist
from ui.window.events import JournalEvents
from ui.window.theme import set_role

# the form's fields as check_activity names them, and what it calls each when it finds a problem
FIELDS = ("date", "title", "organization", "role", "hours", "tags", "description", "criteria", "private")
PROBLEM_FIELD = {"day": "date", "hours_centi": "hours"}
FIELD_LABELS = {
    "date": "Date",
    "title": "Title",
    "organization": "Organisation",
    "role": "Role",
    "hours": "Hours",
    "tags": "Tags",
    "description": "Description",
    "criteria": "Criteria",
    "private": "Private",
}
Raw = dict[str, object]
STATUS_TEXTS = (
    "Editing…",
    "Saved at 00:00:00",
    "All changes saved",
    "Not saved",
    "Saved as soon as it has a title",
    "Not saved yet: see the message below the field",
    "Not all saved: see the message below the field",
)


def raw_of(data: ActivityInput) -> Raw:
    """A stored activity as the form shows it (hours not entered show as an empty box)."""
    return {
        "date": data.day,
        "title": data.title,
        "organization": data.organization,
        "role": data.role,
        "hours": hours_text(data.hours_centi) if data.hours_centi else "",
        "tags": "; ".join(data.tags),
        "description": data.description,
        "criteria": list(data.criteria),
        "private": data.private,
    }


class ActivityEditor(QWidget):
    activity_created = Signal(int)
    delete_requested = Signal(int)
    saved = Signal(int)  # an activity's id, after each write of the form to the journal

    def __init__(self, journal: Journal, events: JournalEvents, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self._journal, self._events, self._undo = journal, events, undo_stack
        self._activity_id: int | None = None
        self._saved: ActivityInput | None = None
        # what could not be saved, by activity id (None: the new activity's form), kept until it can be
        self._drafts: dict[int | None, Raw] = {}
        self._loading = False
        self.autosave = AutosaveTimer(self)
        self.autosave.timeout.connect(self.save_now)
        self._build()
        self.refresh_completions()
        events.criteria_changed.connect(self._rebuild_criteria)
        events.activities_changed.connect(self.refresh_completions)  # an import, the trash: read the lists again
        events.activity_edited.connect(self._written_underneath)
        events.activities_removed.connect(self._removed_underneath)
        self.new_activity()

    # --- building -------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel()
        set_role(self.heading, "heading")
        self.status = QLabel()
        set_role(self.status, "hint")
        self.status.setAccessibleName("Save status")
        # A label whose size follows its text makes the whole form lay itself out again at every autosave
        # ("Editing…", "Saved at …"); one fixed size, wide enough for the longest status, does not.
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.status.ensurePolished()
        metrics = self.status.fontMetrics()
        self.status.setFixedSize(
            max(metrics.horizontalAdvance(text) for text in STATUS_TEXTS) + 2 * metrics.averageCharWidth(),
            metrics.height() + 4,
        )

        self.date_edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        # Qt's date boxes start at 1752-09-14 by default: an older date (imported, say) would show and save as
        # that; year 100 is the earliest Qt takes
        self.date_edit.setMinimumDate(QDate(100, 1, 1))
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
        self.description_edit = ProseBox("What happened? Who was there? What did you notice?")
        self.autosave.timeout.connect(self.description_edit.end_undo_step)
        self.description_edit.installEventFilter(self)
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

        self.scroll = scroll = QScrollArea()
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
        self.private_box.toggled.connect(self._toggled)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Tab walks the form as it reads: the fields top to bottom, then each criterion, then the delete button."""
        chain = [
            self.date_edit,
            self.title_edit,
            self.organization_edit,
            self.role_edit,
            self.hours_edit,
            self.tags_edit,
            self.description_edit,
            self.private_box,
            *self.checklist.boxes(),
            self.delete_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _widget(self, field: str) -> QWidget:
        return {
            "date": self.date_edit,
            "title": self.title_edit,
            "organization": self.organization_edit,
            "role": self.role_edit,
            "hours": self.hours_edit,
            "tags": self.tags_edit,
            "description": self.description_edit,
            "private": self.private_box,
        }.get(field, self.checklist)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.description_edit and event.type() == QEvent.Type.FocusOut:
            self.save_now()  # as the one-line fields do on editingFinished: a step ends where the typing moved on
        return super().eventFilter(watched, event)

    # --- showing --------------------------------------------------------------

    @property
    def activity_id(self) -> int | None:
        return self._activity_id

    def refresh_completions(self) -> None:
        self._organizations.setStringList(known_organizations(self._journal))
        self._tag_completer.set_tags(known_tags(self._journal))

    def _rebuild_criteria(self) -> None:
        self.checklist.rebuild(self._journal.framework, self._journal.hidden)
        self._set_tab_order()

    def new_activity(self, day: date | None = None) -> None:
        """An empty form (or the new activity's draft, when one could not be saved yet), scrolled to the top."""
        self.save_now()
        self._show_new(day)

    def _show_new(self, day: date | None = None) -> None:
        self._activity_id, self._saved = None, None
        self._fill(None, day or now_local().date())
        draft = self._drafts.get(None)
        if draft:
            self._show_draft(draft)
            self.status.setText("Not saved yet: see the message below the field")
        else:
            self.status.setText("Saved as soon as it has a title")
        self.heading.setText("New activity")
        self.delete_button.setEnabled(False)
        self.scroll.verticalScrollBar().setValue(0)

    def show_activity(self, activity_id: int) -> None:
        if activity_id == self._activity_id:
            return
        self.save_now()
        try:
            record = get_activity(self._journal, activity_id)
        except NotFound:
            self._show_new()
            return
        self._activity_id, self._saved = record.id, record.as_input()
        self._fill(record, record.day)
        self.heading.setText("Activity")
        self.status.setText("All changes saved")
        self.delete_button.setEnabled(True)
        draft = self._drafts.get(record.id)
        if draft:
            self._show_draft(draft)
            self.status.setText("Not all saved: see the message below the field")
        self.scroll.verticalScrollBar().setValue(0)

    def _fill(self, record: ActivityRecord | None, day: date) -> None:
        """Show another activity (or an empty form): every field anew, each box with a fresh undo history."""
        data = record.as_input() if record else ActivityInput(day=day, title="")
        raw = raw_of(data)
        self._loading = True
        try:
            qdate = raw["date"]
            assert isinstance(qdate, date)
            self.date_edit.setDate(QDate(qdate.year, qdate.month, qdate.day))
            for field, line in self._lines().items():
                line.setText(str(raw[field]))
            self.description_edit.show_text(str(raw["description"]))
            self.private_box.setChecked(bool(raw["private"]))
            self.checklist.set_ticked(data.criteria)
            for error in self.errors.values():
                error.show_problem(None)
            self.save_error.show_problem(None)
            self._update_position()
        finally:
            self._loading = False

    def _lines(self) -> dict[str, QLineEdit]:
        return {
            "title": self.title_edit,
            "organization": self.organization_edit,
            "role": self.role_edit,
            "hours": self.hours_edit,
            "tags": self.tags_edit,
        }

    def _put(self, values: Raw) -> None:
        """Put some fields' values back where the student may be working: cursors and undo histories stay."""
        self._loading = True
        try:
            for field, value in values.items():
                if field == "date":
                    assert isinstance(value, date)
                    self.date_edit.setDate(QDate(value.year, value.month, value.day))
                elif field == "description":
                    replace_plain_text(self.description_edit, str(value))
                elif field == "private":
                    self.private_box.setChecked(bool(value))
                elif field == "criteria":
                    self.checklist.set_ticked(list(value))  # type: ignore[call-overload]
                else:
                    replace_line_text(self._lines()[field], str(value))
            self._update_position()
        finally:
            self._loading = False

    def _show_draft(self, draft: Raw) -> None:
        self._put(draft)
        self._show_problems(self._check(self.raw_input())[0])

    def _written_underneath(self, record: ActivityRecord) -> None:
        """The shown activity was written by an undo or redo: show the fields that changed, and only those."""
        if record.id != self._activity_id or self._saved is None:
            return
        stored = record.as_input()
        if stored == self._saved:
            return  # this form's own save
        before, after = raw_of(self._saved), raw_of(stored)
        draft = self._drafts.get(record.id, {})
        self._saved = stored
        self._put({field: value for field, value in after.items() if value != before[field] and field not in draft})
        self.status.setText("All changes saved" if not draft else self.status.text())

    def _removed_underneath(self, activity_ids: list[int]) -> None:
        """The shown activity went to the trash, or its creation was undone: the form turns to a new activity."""
        if self._activity_id is None or self._activity_id not in activity_ids:
            return
        self.autosave.stop()
        self._drafts.pop(self._activity_id, None)
        self._show_new()

    # --- saving ---------------------------------------------------------------

    def raw_input(self) -> Raw:
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
            self.autosave.start()

    def _criteria_changed(self) -> None:
        self._update_position()
        self._save_as_own_step("criteria")

    def _toggled(self) -> None:
        self._save_as_own_step("private")

    def _save_as_own_step(self, field: str) -> None:
        """A tick is a step of its own: typing still waiting for its pause is saved first, without the tick."""
        if self._loading:
            return
        if self.autosave.isActive() and self._saved is not None:
            self._save({**self.raw_input(), field: raw_of(self._saved)[field]})
        self.save_now()

    def _update_position(self) -> None:
        framework = self._journal.framework
        ticks = [(framework.criterion(c).model_id, framework.position_of(c)) for c in self.checklist.ticked()]
        self.position_label.setText(activity_sentence(ticks))

    def has_pending_changes(self) -> bool:
        return self.autosave.isActive()

    def _check(self, raw: Raw) -> tuple[dict[str, str], ActivityInput | None]:
        """Each field's problem, and what can be written: the valid fields, the others as the journal holds them.

        None when nothing can be written yet (a new activity without a valid title).
        """
        try:
            return {}, check_activity(raw, self._journal.framework)
        except InvalidInput as exc:
            problems = {PROBLEM_FIELD.get(key, key): message for key, message in exc.problems.items()}
        kept = raw_of(self._saved or ActivityInput(day=now_local().date(), title=""))
        try:
            return problems, check_activity({**raw, **{f: kept[f] for f in problems}}, self._journal.framework)
        except InvalidInput:
            return problems, None

    def _show_problems(self, problems: dict[str, str]) -> None:
        for key, error in self.errors.items():
            error.show_problem(problems.get(PROBLEM_FIELD.get(key, key)))

    def save_now(self) -> bool:
        """Write what is valid and changed; return False when a field shows a problem (its text is kept)."""
        self.autosave.stop()
        if self._loading:
            return True
        return self._save(self.raw_input())

    def _save(self, raw: Raw) -> bool:
        key = self._activity_id
        typed = any(str(raw[f]).strip() for f in ("title", "organization", "role", "hours", "tags", "description"))
        if key is None and not typed and not raw["criteria"]:
            self._drafts.pop(None, None)  # an untouched new form
            self._show_problems({})
            return True
        problems, data = self._check(raw)
        self._show_problems(problems)
        if problems:
            self._drafts[key] = dict(raw) if data is None else {f: raw[f] for f in problems}
        else:
            self._drafts.pop(key, None)
        if data is None:
            self.status.setText("Not saved yet: see the message below the field")
            return False
        if data != self._saved:
            try:
                self._write(data)
            except JournalError as exc:
                # what the student typed stays in the form; the next change tries again
                self.status.setText("Not saved")
                self.save_error.show_problem(str(exc))
                return False
            self.save_error.show_problem(None)
            self.status.setText(f"Saved at {now_local():%H:%M:%S}")
        elif not problems:
            self.status.setText("All changes saved")
        if problems:
            self.status.setText("Not all saved: see the message below the field")
            return False
        return True

    def _write(self, data: ActivityInput) -> None:
        before = self._saved
        self._saved = data  # set first: the write's own echo (activity_edited) must not fill the form
        try:
            if self._activity_id is None or before is None:
                command = AddActivity(self._journal, self._events, data)
                command.on_created = self._created
                perform(self._undo, command)
            else:
                framework = self._journal.framework
                perform(
                    self._undo, EditActivity(self._journal, self._events, self._activity_id, before, data, framework)
                )
        except JournalError:
            self._saved = before
            raise
        self.heading.setText("Activity")
        self.delete_button.setEnabled(True)
        self._learn_completions(before, data)
        assert self._activity_id is not None
        self.saved.emit(self._activity_id)

    def _learn_completions(self, before: ActivityInput | None, data: ActivityInput) -> None:
        """A new organisation or tag is offered for completion at once, without reading the journal again."""
        known = self._organizations.stringList()
        if data.organization and data.organization not in known:
            self._organizations.setStringList([*known, data.organization])
        if before is None or data.tags != before.tags:
            self._tag_completer.add_tags(data.tags)

    def _created(self, activity_id: int) -> None:
        first_time = self._activity_id is None
        self._activity_id = activity_id
        if None in self._drafts:
            self._drafts[activity_id] = self._drafts.pop(None)
        if first_time:
            self.activity_created.emit(activity_id)

    # --- what could not be saved --------------------------------------------------

    def unsaved_drafts(self) -> list[str]:
        """A sentence for each activity that holds text the journal could not take, for the question on quitting."""
        lines = []
        for activity_id, draft in self._drafts.items():
            name = "the new activity" if activity_id is None else f"activity {self._title_of(activity_id)}"
            fields = ", ".join(f"{FIELD_LABELS[f]} {quoted(str(draft[f]))}" for f in draft if f in FIELD_LABELS)
            lines.append(f"In {name}: {fields}")
        return lines

    def _title_of(self, activity_id: int) -> str:
        try:
            return quoted(get_activity(self._journal, activity_id).title)
        except NotFound:
            return str(activity_id)

    def show_first_draft(self) -> None:
        """Go back to the first activity holding a draft, with the cursor in the field at fault."""
        if not self._drafts:
            return
        activity_id = next(iter(self._drafts))
        if activity_id is None:
            if self._activity_id is not None:
                self.new_activity()
        else:
            self.show_activity(activity_id)
        problems = self._check(self.raw_input())[0]
        field = next((f for f in FIELDS if f in problems), "title")
        self._widget(field).setFocus()

    def _request_delete(self) -> None:
        if self._activity_id is not None:
            self.delete_requested.emit(self._activity_id)
