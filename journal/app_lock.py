"""Whether the desktop app holds a journal open, read from its lock file beside the journal.

The app takes a ``QLockFile`` named ``<journal>.lock``; Qt writes the holder's
process id on the first line and its host name on the third. The command
line reads that file (without Qt, to stay quick) so that it can refuse to
write while the app has the journal open; a lock left by a crashed app, whose
process is gone, does not count.
"""

from __future__ import annotations

import os
from pathlib import Path

from journal.errors import JournalLocked


def lock_path(journal_path: Path) -> Path:
    return journal_path.with_name(journal_path.name + ".lock")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def holder(journal_path: Path) -> int | None:
    """The process id of a running app that holds the journal, or None."""
    try:
        lines = lock_path(journal_path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    if not lines or not lines[0].strip().isdigit():
        return None
    pid = int(lines[0])
    host = lines[2].strip() if len(lines) > 2 else ""
    import socket  # only the command line asks, and only when a lock file exists

    if host and host != socket.gethostname():
        return pid  # held from another machine: assume it is alive
    if pid == os.getpid() or not _alive(pid):
        return None
    return pid


def refuse_if_held(journal_path: Path) -> None:
    pid = holder(journal_path)
    if pid is not None:
        raise JournalLocked(
            f"The journal {journal_path} is open in the Mutual Aid Journal app (process {pid}), "
            "so the command line will not change it. Close the app and try again; commands that only read "
            "(stats, export, check, term list, backup) still work."
        )
