"""One small hub of typed signals that wires the panes together.

A pane that changes the journal emits here; panes that show what changed listen.
Widgets get the hub passed in, so a test can build any one of them alone.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class JournalEvents(QObject):
    activities_changed = Signal()  # activities were added, trashed, restored or imported: lists read again
    activity_edited = Signal(object)  # one activity's fields were written (its ActivityRecord, as stored)
    activities_removed = Signal(list)  # these activity ids left the journal or went to the trash
    reflections_changed = Signal()  # a weekly or closing reflection was written
    weekly_reflection_written = Signal(int, object)  # (term id, WeeklyText) as just written
    terms_changed = Signal()  # a term was added, renamed or re-dated
    criteria_changed = Signal()  # custom criteria added or removed, or shipped ones hidden
    profile_changed = Signal()
    term_selected = Signal(int)  # the term shown in every view (term id)
    week_requested = Signal(int, int)  # open the Journal view on (term id, week)
    status_message = Signal(str)  # a short note for the status bar
