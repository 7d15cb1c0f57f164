"""Writing a file so that a crash leaves either the old file or the new one, never a torn one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from journal.errors import JournalError


class WriteFailed(JournalError):
    """A file could not be written (full disk, read-only folder...); the old file is untouched."""


def write_bytes_atomically(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it into place."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
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


def write_text_atomically(path: Path, text: str, *, mode: int = 0o600) -> None:
    write_bytes_atomically(path, text.encode("utf-8"), mode=mode)
