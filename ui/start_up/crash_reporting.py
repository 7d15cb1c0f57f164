"""A rotating log file in the user's log folder, and an excepthook that logs and tells the student."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from journal.log_file import FORMAT, file_handler, log_path

log = logging.getLogger("mutual_aid_journal")


def setup_logging() -> None:
    try:
        handler = file_handler()  # 0600 in a 0700 folder: the log can quote a student's entry
    except OSError:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def install_excepthook() -> None:
    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("Unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb)))
        from PySide6.QtWidgets import QApplication

        from ui.window.plain_message import show_message

        if QApplication.instance() is not None:
            show_message(
                None,
                "Something went wrong",
                f"Something unexpected went wrong: {value}\n\nYour journal is saved up to your last change. "
                f"The details are in {log_path()}.",
                warning=True,
            )

    sys.excepthook = hook
