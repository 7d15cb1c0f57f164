"""One undo command per step a person can name: creating, deleting, restoring an activity, ticking a
criterion, a burst of typing in one field, and the terms, profile and criteria dialogs.

A command is first applied by ``perform``, outside Qt's ``push``: a write that
fails (full disk, read-only folder) raises there, in Python, where the form can
say so and keep what was typed, and nothing lands on the undo stack. The
command's first ``redo`` (Qt calls it on push) then has nothing left to do.

Consecutive saves of the same field of the same record merge into one step, as
a word processor merges a burst of typing. An undo or redo that the journal
refuses is a message on the status bar, and the step leaves the stack (Qt drops
a command marked obsolete), so the steps left still describe the journal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.exc import SQLAlchemyError

from journal.errors import JournalError
from journal.records.activities import (
    add_activity,
    delete_activity,
    restore_activities,
    trash_activities,
    update_activity,
)
from journal.records.custom_criteria import add_custom_criterion, delete_custom_criterion, set_hidden
from journal.records.framework import Framework
from journal.records.profile import ProfileInfo, save_profile
from journal.records.reflections import PROMPTS, WeeklyText, save_weekly_reflection
from journal.records.terms import TermInfo, add_term, delete_term, update_term
from journal.records.validation import ActivityInput
from journal.storage.journal_file import Journal
from ui.window.events import JournalEvents

EDIT_ACTIVITY_ID = 1001
EDIT_REFLECTION_ID = 1002
FIELD_NAMES = {
    "day": "the date",
    "title": "the title",
    "organization": "the organisation",
    "role": "the role",
    "hours_centi": "the hours",
    "tags": "the tags",
    "description": "the description",
}
STATEMENT_SHOWN = 48  # characters of a criterion's statement in a step's name


class JournalCommand(QUndoCommand):
    def __init__(self, text: str, journal: Journal, events: JournalEvents) -> None:
        super().__init__(text)
        self._journal, self._events = journal, events
        self._applied = False

    def apply(self) -> None:
        raise AssertionError("every command defines apply")  # pragma: no cover

    def revert(self) -> None:
        raise AssertionError("every command defines revert")  # pragma: no cover

    def changed(self) -> None:
        self._events.activities_changed.emit()

    def redo(self) -> None:
        if self._applied:
            self._applied = False  # applied by perform(); later redos write again
            return
        self._guarded(self.apply, "redo")

    def undo(self) -> None:
        self._guarded(self.revert, "undo")

    def _guarded(self, step: Callable[[], None], name: str) -> None:
        try:
            step()
        except (JournalError, SQLAlchemyError) as exc:  # Qt calls undo/redo: say what failed, never raise into Qt
            self.setObsolete(True)
            reason = str(exc) if isinstance(exc, JournalError) else "The journal refused the change."
            self._events.status_message.emit(
                f"Could not {name} “{self.text()}”. {reason} That step was taken off the undo list."
            )
            return
        self.changed()


def perform(stack: QUndoStack, command: JournalCommand) -> None:
    """Apply ``command`` now (raising JournalError if the journal refuses), then make it undoable."""
    command.apply()
    command._applied = True
    stack.push(command)
    command.changed()


def _short(text: str) -> str:
    """A title or statement cut to a menu's width, at a word's end where there is one."""
    if len(text) <= STATEMENT_SHOWN:
        return text
    cut = text[: STATEMENT_SHOWN - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def describe_edit(before: ActivityInput, after: ActivityInput, framework: Framework) -> tuple[str, str | None]:
    """The step's name for an edit, and the one typed field it changed (None: not a typing step)."""
    fields = [name for name in (*FIELD_NAMES, "private", "criteria") if getattr(before, name) != getattr(after, name)]
    title = f"“{_short(after.title)}”"
    if fields == ["criteria"]:
        added = sorted(set(after.criteria) - set(before.criteria))
        removed = sorted(set(before.criteria) - set(after.criteria))
        if len(added) + len(removed) == 1:
            criterion = (added or removed)[0]
            known = framework.has_criterion(criterion)  # a custom criterion may be gone meanwhile
            statement = framework.criterion(criterion).statement if known else criterion
            return f"{'ticking' if added else 'unticking'} “{_short(statement)}”", None
        return f"changing the criteria of {title}", None
    if fields == ["private"]:
        return f"marking {title} {'private' if after.private else 'not private'}", None
    if fields == ["day"]:
        return f"changing the date of {title}", None
    if len(fields) == 1:
        return f"typing in {FIELD_NAMES[fields[0]]} of {title}", fields[0]
    return f"editing {title}", None


class AddActivity(JournalCommand):
    def __init__(self, journal: Journal, events: JournalEvents, data: ActivityInput) -> None:
        super().__init__(f"new activity “{_short(data.title)}”", journal, events)
        self.data = data
        self.activity_id: int | None = None
        self.on_created: Callable[[int], None] | None = None

    def apply(self) -> None:
        # a redo brings the activity back under its old id (ids are never reused), so later edits still apply
        self.activity_id = add_activity(self._journal, self.data, activity_id=self.activity_id).id
        if self.on_created is not None:  # only the first time: a redo must not steal the form
            self.on_created(self.activity_id)
            self.on_created = None

    def revert(self) -> None:
        if self.activity_id is not None:
            delete_activity(self._journal, self.activity_id)
            self._events.activities_removed.emit([self.activity_id])


class EditActivity(JournalCommand):
    """One edit of an activity; consecutive saves of the same typed field merge into one step."""

    def __init__(
        self,
        journal: Journal,
        events: JournalEvents,
        activity_id: int,
        before: ActivityInput,
        after: ActivityInput,
        framework: Framework,
    ) -> None:
        text, self.field = describe_edit(before, after, framework)
        super().__init__(text, journal, events)
        self.activity_id, self.before, self.after = activity_id, before, after

    def id(self) -> int:
        return EDIT_ACTIVITY_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditActivity) or self.field is None:
            return False
        if (other.activity_id, other.field, other.before) != (self.activity_id, self.field, self.after):
            return False
        self.after = other.after
        self.setText(other.text())
        return True

    def changed(self) -> None:
        pass  # the write itself told the panes (activity_edited), with the record as stored

    def _write(self, data: ActivityInput) -> None:
        self._events.activity_edited.emit(update_activity(self._journal, self.activity_id, data))

    def apply(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)


class TrashActivities(JournalCommand):
    def __init__(self, journal: Journal, events: JournalEvents, activity_ids: list[int], label: str) -> None:
        super().__init__(f"delete {label}", journal, events)
        self.activity_ids = activity_ids

    def apply(self) -> None:
        trash_activities(self._journal, self.activity_ids)
        self._events.activities_removed.emit(self.activity_ids)

    def revert(self) -> None:
        restore_activities(self._journal, self.activity_ids)


class RestoreActivities(TrashActivities):
    def __init__(self, journal: Journal, events: JournalEvents, activity_ids: list[int]) -> None:
        super().__init__(journal, events, activity_ids, "")
        self.setText(f"restore {len(activity_ids)} from the trash")

    def apply(self) -> None:
        restore_activities(self._journal, self.activity_ids)

    def revert(self) -> None:
        trash_activities(self._journal, self.activity_ids)
        self._events.activities_removed.emit(self.activity_ids)


class EditWeeklyReflection(JournalCommand):
    """One edit of a week's reflection; consecutive saves of the same answer merge into one step."""

    def __init__(
        self, journal: Journal, events: JournalEvents, term: TermInfo, before: WeeklyText, after: WeeklyText
    ) -> None:
        changed = [key for key, _, _ in PROMPTS if getattr(before, key) != getattr(after, key)]
        self.field = changed[0] if len(changed) == 1 else None
        label = next((label for key, label, _ in PROMPTS if key == self.field), None)
        where = f"the reflection of week {after.week}"
        super().__init__(f"typing in “{label}” of week {after.week}" if label else f"editing {where}", journal, events)
        self.term, self.before, self.after = term, before, after

    def id(self) -> int:
        return EDIT_REFLECTION_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditWeeklyReflection) or self.field is None:
            return False
        if (other.term.id, other.field, other.before) != (self.term.id, self.field, self.after):
            return False
        self.after = other.after
        return True

    def changed(self) -> None:
        self._events.reflections_changed.emit()

    def _write(self, text: WeeklyText) -> None:
        save_weekly_reflection(self._journal, self.term, text)
        self._events.weekly_reflection_written.emit(self.term.id, text)

    def apply(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)


class AddTerm(JournalCommand):
    def __init__(self, journal: Journal, events: JournalEvents, name: str, start: date, end: date) -> None:
        super().__init__(f"add the term “{name}”", journal, events)
        self.values = (name, start, end)
        self.term: TermInfo | None = None

    def changed(self) -> None:
        self._events.terms_changed.emit()

    def apply(self) -> None:
        # a redo brings the term back under its old id, so the reflection steps above it still apply
        self.term = add_term(self._journal, *self.values, term_id=self.term.id if self.term else None)

    def revert(self) -> None:
        if self.term is not None:
            delete_term(self._journal, self.term.id)


class UpdateTerm(JournalCommand):
    def __init__(self, journal: Journal, events: JournalEvents, before: TermInfo, name: str, start: date, end: date):
        super().__init__(f"change the term “{before.name}”", journal, events)
        self.before, self.after = before, (name, start, end)
        self.term: TermInfo = before

    def changed(self) -> None:
        self._events.terms_changed.emit()

    def apply(self) -> None:
        self.term = update_term(self._journal, self.before.id, *self.after)

    def revert(self) -> None:
        update_term(self._journal, self.before.id, self.before.name, self.before.start, self.before.end)


class SaveProfile(JournalCommand):
    def __init__(self, journal: Journal, events: JournalEvents, before: ProfileInfo, after: ProfileInfo) -> None:
        super().__init__("change the profile", journal, events)
        self.before, self.after = before, after

    def changed(self) -> None:
        self._events.profile_changed.emit()

    def apply(self) -> None:
        save_profile(self._journal, self.after)

    def revert(self) -> None:
        save_profile(self._journal, self.before)


class HideCriterion(JournalCommand):
    def __init__(self, journal: Journal, events: JournalEvents, criterion_id: str, hidden: bool) -> None:
        super().__init__(f"{'hide' if hidden else 'show'} a criterion", journal, events)
        self.criterion_id, self.hidden = criterion_id, hidden

    def changed(self) -> None:
        self._events.criteria_changed.emit()

    def apply(self) -> None:
        set_hidden(self._journal, self.criterion_id, self.hidden)

    def revert(self) -> None:
        set_hidden(self._journal, self.criterion_id, not self.hidden)


class AddCustomCriterion(JournalCommand):
    def __init__(self, journal: Journal, events: JournalEvents, model_id: str, statement: str, source: str) -> None:
        super().__init__("add a criterion", journal, events)
        self.values = (model_id, statement, source)
        self.criterion_id: str | None = None

    def changed(self) -> None:
        self._events.criteria_changed.emit()

    def apply(self) -> None:
        self.criterion_id = add_custom_criterion(self._journal, *self.values)

    def revert(self) -> None:
        if self.criterion_id is not None:
            delete_custom_criterion(self._journal, self.criterion_id)
