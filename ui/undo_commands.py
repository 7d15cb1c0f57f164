"""One undo command per user action: add, edit (typing merged), move to trash, write a reflection."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from journal.activities import (
    add_activity,
    delete_activity,
    restore_activities,
    trash_activities,
    update_activity,
)
from journal.reflections import WeeklyText, save_weekly_reflection
from journal.storage import Journal
from journal.terms import TermInfo
from journal.validation import ActivityInput
from ui.events import JournalEvents

EDIT_ACTIVITY_ID = 1001
EDIT_REFLECTION_ID = 1002


class AddActivity(QUndoCommand):
    def __init__(self, journal: Journal, events: JournalEvents, data: ActivityInput) -> None:
        super().__init__(f"add “{data.title}”")
        self._journal, self._events, self.data = journal, events, data
        self.activity_id: int | None = None
        self.on_created: Callable[[int], None] | None = None

    def redo(self) -> None:
        self.activity_id = add_activity(self._journal, self.data, activity_id=self.activity_id).id
        if self.on_created is not None:  # only the first time: a redo must not steal the form
            self.on_created(self.activity_id)
            self.on_created = None
        self._events.activities_changed.emit()

    def undo(self) -> None:
        if self.activity_id is not None:
            delete_activity(self._journal, self.activity_id)
        self._events.activities_changed.emit()


class EditActivity(QUndoCommand):
    """Consecutive autosaves of one activity merge into a single undo step."""

    def __init__(
        self, journal: Journal, events: JournalEvents, activity_id: int, before: ActivityInput, after: ActivityInput
    ) -> None:
        super().__init__(f"edit “{after.title}”")
        self._journal, self._events = journal, events
        self.activity_id, self.before, self.after = activity_id, before, after

    def id(self) -> int:
        return EDIT_ACTIVITY_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditActivity) or other.activity_id != self.activity_id:
            return False
        self.after = other.after
        self.setText(f"edit “{self.after.title}”")
        return True

    def redo(self) -> None:
        update_activity(self._journal, self.activity_id, self.after)
        self._events.activities_changed.emit()

    def undo(self) -> None:
        update_activity(self._journal, self.activity_id, self.before)
        self._events.activities_changed.emit()


class TrashActivities(QUndoCommand):
    def __init__(self, journal: Journal, events: JournalEvents, activity_ids: list[int], label: str) -> None:
        super().__init__(f"delete {label}")
        self._journal, self._events, self.activity_ids = journal, events, activity_ids

    def redo(self) -> None:
        trash_activities(self._journal, self.activity_ids)
        self._events.activities_changed.emit()

    def undo(self) -> None:
        restore_activities(self._journal, self.activity_ids)
        self._events.activities_changed.emit()


class RestoreActivities(QUndoCommand):
    def __init__(self, journal: Journal, events: JournalEvents, activity_ids: list[int]) -> None:
        super().__init__(f"restore {len(activity_ids)} from the trash")
        self._journal, self._events, self.activity_ids = journal, events, activity_ids

    def redo(self) -> None:
        restore_activities(self._journal, self.activity_ids)
        self._events.activities_changed.emit()

    def undo(self) -> None:
        trash_activities(self._journal, self.activity_ids)
        self._events.activities_changed.emit()


class EditWeeklyReflection(QUndoCommand):
    def __init__(
        self, journal: Journal, events: JournalEvents, term: TermInfo, before: WeeklyText, after: WeeklyText
    ) -> None:
        super().__init__(f"edit the reflection of week {after.week}")
        self._journal, self._events, self.term = journal, events, term
        self.before, self.after = before, after

    def id(self) -> int:
        return EDIT_REFLECTION_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditWeeklyReflection) or (other.term, other.after.week) != (
            self.term,
            self.after.week,
        ):
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        save_weekly_reflection(self._journal, self.term, self.after)
        self._events.reflections_changed.emit()

    def undo(self) -> None:
        save_weekly_reflection(self._journal, self.term, self.before)
        self._events.reflections_changed.emit()
