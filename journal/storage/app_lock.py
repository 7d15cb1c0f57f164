"""One journal, one writer: an operating-system lock on ``<journal>.lock``, from the ``filelock`` library.

The desktop app holds the lock for as long as it has the journal open; a
command that changes the journal holds it while it runs, and refuses to run
when it cannot have it. Commands that only read never take it, so they work
while the app is open. The operating system lets go of the lock when its
process ends, a crash included: the file left behind means nothing unless a
live process holds its lock, so there is nothing stale to clean up.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from journal.errors import JournalLocked, JournalUnreachable

if TYPE_CHECKING:
    from filelock import FileLock

APP_WAIT_SECONDS = 0.2  # the app waits this long for a command that is writing to finish


def lock_path(journal_path: Path) -> Path:
    return journal_path.with_name(journal_path.name + ".lock")


def take(journal_path: Path, *, wait: float = 0.0, held_message: str | None = None) -> FileLock:
    """The journal's lock, held until ``release()``; JournalLocked if another process holds it."""
    from filelock import FileLock, Timeout  # here: commands that only read never pay for the import

    path = lock_path(journal_path)
    # thread_local=False: the app may let go of the lock from another thread than the one that took it.
    # fallback_to_soft=False: a lock by the file's mere presence would outlive a crash and shut the student out.
    lock = FileLock(path, timeout=wait, mode=0o600, thread_local=False, fallback_to_soft=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        raise JournalLocked(held_message or _held_sentence(journal_path)) from None
    except OSError as exc:
        raise JournalUnreachable(
            f"The lock file {path} cannot be written ({exc.strerror or exc}), so the journal cannot be "
            "changed safely. Check that its folder is writable."
        ) from exc
    return lock


@contextmanager
def held_for_a_command(journal_path: Path) -> Iterator[None]:
    """Hold the lock while a command changes the journal."""
    lock = take(journal_path)
    try:
        yield
    finally:
        lock.release()


def _held_sentence(journal_path: Path) -> str:
    return (
        f"The journal {journal_path} is open in the Mutual Aid Journal app, or another command is changing it, "
        "so this command will not change it. Close the app and try again; commands that only read "
        "(stats, export, check, term list, backup) still work."
    )
