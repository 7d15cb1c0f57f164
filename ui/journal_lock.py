"""One journal, one app: a QLockFile beside the journal, held while the app runs.

Qt recovers the lock of a crashed app by itself: a lock whose process is gone
is stale and is taken over. The command line reads the same file
(journal.app_lock) to refuse writes while the app holds the journal.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QLockFile

from journal.app_lock import lock_path


class JournalInUse(Exception):
    """The journal's lock could not be taken: another app holds it (``held_elsewhere``), or its file cannot be made."""

    def __init__(self, message: str, *, held_elsewhere: bool) -> None:
        super().__init__(message)
        self.held_elsewhere = held_elsewhere


def take_lock(journal_path: Path) -> QLockFile:
    path = lock_path(journal_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # never stale by age: only when its process is gone
    if not lock.tryLock(200):
        if lock.error() == QLockFile.LockError.LockFailedError:
            raise JournalInUse("This journal is already open in another window.", held_elsewhere=True)
        raise JournalInUse(
            f"The lock file {path} cannot be written, so the journal cannot be opened safely.", held_elsewhere=False
        )
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
    return lock
