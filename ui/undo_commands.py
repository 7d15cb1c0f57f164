"""One undo command per user action: add, edit (typing merged), move to trash, write a reflection.

A command is first applied by ``perform``, outside Qt's ``push``: a write that
fails (full disk, read-only folder) raises there, in Python, where the form can
say so and keep what was typed, and nothing lands on the undo stack. The
command's first ``redo`` (Qt calls it on push) then has nothing left to do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from journal.activities import (
    add_activity,
    delete_activity,
    restore_activities,
    trash_activities,
    update_activity,
)
from journal.errors import JournalError
from journal.reflections import WeeklyText, save_weekly_reflection
from journal.storage import Journal
from journal.terms import TermInfo
from journal.validation import ActivityInput
from ui.events import JournalEvents

EDIT_ACTIVITY_ID = 1001
EDIT_REFLECTION_ID = 1002


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
        except JournalError as exc:  # Qt calls undo/redo: say what failed rather than raise into Qt
            self._events.status_message.emit(f"Could not {name} “{self.text()}”. {exc}")
            return
        self.changed()


def perform(stack: QUndoStack, command: JournalCommand) -> None:
    """Apply ``command`` now (raising JournalError if the journal refuses), then make it undoable."""
    command.apply()
    command._applied = True
    stack.push(command)
    command.changed()


class AddActivity(JournalCommand):
    def __init__(self, journal: Journal, events: JournalEvents, data: ActivityInput) -> None:
        super().__init__(f"add “{data.title}”", journal, events)
        self.data = data
        self.activity_id: int | None = None
        self.on_created: Callable[[int], None] | None = None

    def apply(self) -> None:
        # a redo after an undo brings the activity back under its old id, so later edits still apply
        self.activity_id = add_activity(self._journal, self.data, activity_id=self.activity_id).id
        if self.on_created is not None:  # only the first time: a redo must not steal the form
            self.on_created(self.activity_id)
            self.on_created = None

    def revert(self) -> None:
        if self.activity_id is not None:
            delete_activity(self._journal, self.activity_id)


class EditActivity(JournalCommand):
    """Consecutive autosaves of one activity merge into a single undo step."""

    def __init__(
        self, journal: Journal, events: JournalEvents, activity_id: int, before: ActivityInput, after: ActivityInput
    ) -> None:
        super().__init__(f"edit “{after.title}”", journal, events)
        self.activity_id, self.before, self.after = activity_id, before, after

    def id(self) -> int:
        return EDIT_ACTIVITY_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditActivity) or other.activity_id != self.activity_id:
            return False
        self.after = other.after
        self.setText(f"edit “{self.after.title}”")
        return True

    def apply(self) -> None:
        update_activity(self._journal, self.activity_id, self.after)

    def revert(self) -> None:
        update_activity(self._journal, self.activity_id, self.before)


class TrashActivities(JournalCommand):
    def __init__(self, journal: Journal, events: JournalEvents, activity_ids: list[int], label: str) -> None:
        super().__init__(f"delete {label}", journal, events)
        self.activity_ids = activity_ids

    def apply(self) -> None:
        trash_activities(self._journal, self.activity_ids)

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


class EditWeeklyReflection(JournalCommand):
    def __init__(
        self, journal: Journal, events: JournalEvents, term: TermInfo, before: WeeklyText, after: WeeklyText
    ) -> None:
        super().__init__(f"edit the reflection of week {after.week}", journal, events)
        self.term, self.before, self.after = term, before, after

    def id(self) -> int:
        return EDIT_REFLECTION_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditWeeklyReflection):
            return False
        if (other.term, other.after.week) != (self.term, self.after.week):
            return False
        self.after = other.after
        return True

    def changed(self) -> None:
        self._events.reflections_changed.emit()

    def apply(self) -> None:
        save_weekly_reflection(self._journal, self.term, self.after)

    def revert(self) -> None:
        save_weekly_reflection(self._journal, self.term, self.before)
