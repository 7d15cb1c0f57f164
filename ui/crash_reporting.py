"""A rotating log file in the user's log folder, and an excepthook that logs and tells the student."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from types import TracebackType

from journal.paths import log_folder

log = logging.getLogger("mutual_aid_journal")


def setup_logging() -> None:
    folder = log_folder()
    try:
        # the log can quote what went wrong with a student's entry: their eyes only
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            folder / "app.log",
            maxBytes=1_000_000,
            backupCount=3,
            delay=True,  # opened at the first message
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def install_excepthook() -> None:
    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("Unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb)))
        from PySide6.QtWidgets import QApplication

        from ui.plain_message import show_message

        if QApplication.instance() is not None:
            show_message(
                None,
                "Something went wrong",
                f"Something unexpected went wrong: {value}\n\nYour journal is saved up to your last change. "
                f"The details are in {log_folder() / 'app.log'}.",
                warning=True,
            )

    sys.excepthook = hook
