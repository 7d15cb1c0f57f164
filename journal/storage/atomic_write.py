"""Writing a file so that a crash leaves either the old file or the new one, never a torn one."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from journal.errors import JournalError

SQLITE_HEADER = b"SQLite format 3\x00"


class WriteFailed(JournalError):
    """A file could not be written (full disk, read-only folder...); the old file is untouched."""


def write_bytes_atomically(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it into place."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    _refuse_to_replace(path)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # a new folder is the owner's alone
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=folder)
    except OSError as exc:
        raise WriteFailed(f"{path} could not be written: {exc.strerror}.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise WriteFailed(f"{path} could not be written: {exc.strerror}. Nothing was changed.") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def _refuse_to_replace(path: Path) -> None:
    """The last guard under every export: a device, a pipe or a SQLite database (a journal) is never replaced.

    The callers check their paths first (journal/storage/output_paths.py); this holds even where one forgot.
    """
    try:
        info = os.stat(path)
    except OSError:
        return  # a new name, or one that the write itself will report
    if stat.S_ISDIR(info.st_mode):
        return  # os.replace refuses it with its own words
    if not stat.S_ISREG(info.st_mode):
        raise WriteFailed(f"{path} is not a regular file (a device or a pipe), so it was not replaced.")
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError:
        return
    if head == SQLITE_HEADER:
        raise WriteFailed(f"{path} is a SQLite database (perhaps a journal), so it was not replaced.")


def write_text_atomically(path: Path, text: str, *, mode: int = 0o600) -> None:
    write_bytes_atomically(path, text.encode("utf-8"), mode=mode)
