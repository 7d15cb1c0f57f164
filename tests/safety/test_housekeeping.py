"""What a kill leaves behind is cleaned up on the next open, and the log file is private."""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from journal.storage import backups
from tests.conftest import run_cli
from tests.safety.damage import journal_with_backup


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def _leftovers(journal: Path, pid: int) -> list[Path]:
    folder = backups.backup_folder(journal)
    made = [
        folder / f".j-20261202-070000-daily.sqlite3.{pid}.partial",
        journal.with_name(f".{journal.name}.{pid}.restoring"),
        journal.with_name(f"..{journal.name}.{pid}.restoring.{pid}.partial"),
    ]
    for path in made:
        path.write_bytes(b"SQLite format 3\x00" + b"\0" * 100)
    return made


def test_copies_left_by_a_killed_backup_or_restore_are_removed_on_the_next_open(journal_file: Path) -> None:
    journal_with_backup(journal_file)
    left = _leftovers(journal_file, _dead_pid())
    kept_backups = sorted(p.name for p in backups.backup_folder(journal_file).iterdir() if not p.name.startswith("."))
    result = run_cli(journal_file, "term", "list")
    assert result.code == 0, result.err
    assert [p for p in left if p.exists()] == []
    assert sorted(p.name for p in backups.backup_folder(journal_file).iterdir()) == kept_backups


def test_a_copy_still_being_made_is_left_alone(journal_file: Path) -> None:
    journal_with_backup(journal_file)
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as busy:
        try:
            left = _leftovers(journal_file, busy.pid)
            assert run_cli(journal_file, "term", "list").code == 0
            assert all(p.exists() for p in left)
        finally:
            busy.kill()
    assert run_cli(journal_file, "term", "list").code == 0
    assert [p for p in left if p.exists()] == []


def test_a_copy_named_the_old_way_goes_once_it_is_an_hour_old(journal_file: Path) -> None:
    journal_with_backup(journal_file)
    fresh = journal_file.with_name(f".{journal_file.name}.restoring")
    old = backups.backup_folder(journal_file) / ".j-20261201-090000-daily.sqlite3.partial"
    for path in (fresh, old):
        path.write_bytes(b"x")
    hour_and_more = os.stat(old).st_mtime - 2 * 3600
    os.utime(old, (hour_and_more, hour_and_more))
    assert run_cli(journal_file, "term", "list").code == 0
    assert fresh.exists() and not old.exists()


@pytest.fixture
def log_home(tmp_path: Path, monkeypatch: Any) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    from journal.log_file import log_path

    return log_path()


def test_an_unexpected_command_line_error_goes_to_a_private_log(log_home: Path) -> None:
    from journal.log_file import log_unexpected

    try:
        raise RuntimeError("the details of an unexpected error")
    except RuntimeError:
        written = log_unexpected(logging.getLogger("journal.cli"), "unexpected error")
    assert written == log_home
    assert "the details of an unexpected error" in log_home.read_text(encoding="utf-8")
    assert stat.S_IMODE(log_home.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_home.parent.stat().st_mode) == 0o700


def test_the_app_log_and_its_rotated_files_are_private(log_home: Path) -> None:
    from journal.log_file import file_handler

    log_home.parent.mkdir(parents=True)
    log_home.write_text("from an older version\n", encoding="utf-8")
    log_home.chmod(0o644)
    handler = file_handler()
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    handler.maxBytes = 200
    logger = logging.getLogger("test_housekeeping")
    logger.addHandler(handler)
    try:
        for n in range(20):
            logger.warning("line %d of the log, long enough to make it roll over soon", n)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(log_home.parent.iterdir())
    assert len(files) > 1
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {p.name: 0o600 for p in files}
