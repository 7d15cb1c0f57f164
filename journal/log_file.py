"""The app's log file: rotating, in the user's log folder, readable by its owner alone (0600).

The desktop app logs there from its start; the command line only opens it when
something unexpected went wrong, to keep the details out of the terminal.
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from journal.storage.paths import log_folder

LOG_NAME = "app.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose every file, the first and each one after a rollover, is made 0600.

    The log can quote what went wrong with a student's entry: their eyes only.
    """

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.fchmod(fd, 0o600)  # a log made by an older version may be readable by others
        return os.fdopen(fd, "a", encoding=self.encoding or "utf-8", errors=self.errors)


def log_path() -> Path:
    return log_folder() / LOG_NAME


def file_handler() -> logging.Handler:
    """A handler writing to the log file; raises OSError when its folder cannot be made."""
    folder = log_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    handler = PrivateRotatingFileHandler(folder / LOG_NAME, maxBytes=1_000_000, backupCount=3, delay=True)
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler


def log_unexpected(logger: logging.Logger, message: str) -> Path | None:
    """Write the exception being handled, with its traceback, to the log file; where it went, or None.

    The app has its handler on the root logger already; the command line gets
    one for this message alone.
    """
    root = logging.getLogger()
    if any(isinstance(h, PrivateRotatingFileHandler) for h in root.handlers):
        logger.exception(message)
        return log_path()
    try:
        handler = file_handler()
    except OSError:
        return None
    logger.addHandler(handler)
    try:
        logger.exception(message)
    finally:
        logger.removeHandler(handler)
        handler.close()
    return log_path() if log_path().exists() else None
