"""Where the journal lives: ``--journal``, then ``MUTUAL_AID_JOURNAL``, then the per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "mutual-aid-journal"
ENVIRONMENT_VARIABLE = "MUTUAL_AID_JOURNAL"
JOURNAL_FILE = "journal.sqlite3"


def default_journal_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME) / JOURNAL_FILE


def journal_path(option: str | os.PathLike[str] | None = None) -> Path:
    if option:
        return Path(option).expanduser()
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if from_environment:
        return Path(from_environment).expanduser()
    return default_journal_path()


def log_folder() -> Path:
    import platformdirs

    return platformdirs.user_log_path(APP_NAME)
