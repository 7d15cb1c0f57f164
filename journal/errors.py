"""The errors the journal raises, each carrying sentences a person can read."""

from __future__ import annotations

from pathlib import Path


class JournalError(Exception):
    """Base of every error the journal reports in words."""


class FrameworkError(JournalError):
    """The framework file (models and criteria) is missing or broken."""


class JournalUnusable(JournalError):
    """The journal file cannot be used: damaged, foreign, locked, unreadable, too new."""


class JournalDamaged(JournalUnusable):
    """The journal is damaged (or is not a journal); it is left untouched, and a backup can replace it.

    ``path`` is the journal, so that whoever reports the error can name the
    newest backup that passes the check.
    """

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class JournalLocked(JournalUnusable):
    """Another app holds the journal open for writing."""


class JournalUnreachable(JournalUnusable):
    """The journal cannot be reached right now (read-only folder, full disk, busy); it is not damaged."""


class ReadFailed(JournalUnreachable):
    """A read could not be done (busy file, I/O error); nothing was changed, and it may work when tried again."""


class JournalTooNew(JournalUnusable):
    """The journal was written by a newer version of the app; it is left untouched."""


class InvalidInput(JournalError):
    """Input that breaks a rule of the journal; nothing was written.

    ``problems`` maps a field name (or a line label) to the sentence that says
    what is wrong with it, so a form can show each one next to its field.
    """

    def __init__(self, problems: dict[str, str] | str) -> None:
        if isinstance(problems, str):
            problems = {"": problems}
        self.problems = problems
        super().__init__(" ".join(problems.values()))


class NotFound(InvalidInput):
    """A term, activity or criterion named by the user does not exist."""


class SaveFailed(JournalError):
    """A write could not be committed (full disk, read-only folder, busy file); nothing was changed."""
