"""One journal, one writer: the app's lock, the command line's refusal, and a lock after a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journal.errors import JournalLocked, JournalUnreachable
from journal.records.terms import add_term
from journal.storage import app_lock
from journal.storage.journal_file import Journal
from tests.conftest import file_hash, run_cli, run_entry_point

HOLD_LOCK = """
import sys, time
from pathlib import Path
from journal.storage import app_lock
lock = app_lock.take(Path(sys.argv[1]))
print("locked", flush=True)
time.sleep(60)
"""
TERM_ADD = ("term", "add", "Fall 2026", "--start", "2026-09-01", "--end", "2026-12-15")


@pytest.fixture
def held_by_other_process(journal_file: Path) -> object:
    Journal.open(journal_file).close()
    process = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(journal_file)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()


def test_a_second_holder_is_refused_and_the_lock_file_is_private(journal_file: Path, held_by_other_process) -> None:
    with pytest.raises(JournalLocked, match="is open in the Mutual Aid Journal app"):
        app_lock.take(journal_file, wait=0.1)
    assert (os.stat(app_lock.lock_path(journal_file)).st_mode & 0o777) == 0o600


def test_the_lock_is_the_systems_so_one_process_cannot_take_it_twice(journal_file: Path) -> None:
    first = app_lock.take(journal_file)
    try:
        with pytest.raises(JournalLocked):
            app_lock.take(journal_file)
    finally:
        first.release()
    app_lock.take(journal_file).release()  # free again once let go


def test_command_line_writes_are_refused_while_the_app_holds_it(journal_file: Path, held_by_other_process) -> None:
    before = file_hash(journal_file)
    result = run_cli(journal_file, *TERM_ADD)
    assert result.code == 1
    assert "is open in the Mutual Aid Journal app" in result.err
    assert file_hash(journal_file) == before
    reading = run_cli(journal_file, "term", "list")
    assert reading.code == 0


def test_a_command_that_writes_holds_the_lock_while_it_runs(journal_file: Path) -> None:
    with app_lock.held_for_a_command(journal_file):
        with pytest.raises(JournalLocked):
            app_lock.take(journal_file)
    app_lock.take(journal_file).release()


def test_a_crashed_apps_lock_is_let_go_by_the_system(journal_file: Path, held_by_other_process) -> None:
    held_by_other_process.send_signal(signal.SIGKILL)
    held_by_other_process.wait()
    assert app_lock.lock_path(journal_file).exists()  # the file stays; nobody holds its lock
    app_lock.take(journal_file).release()
    result = run_cli(journal_file, *TERM_ADD)
    assert result.code == 0, result.err


def test_a_lock_file_that_cannot_be_made_is_said_in_words(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the journal's folder should be")
    with pytest.raises(JournalUnreachable, match="cannot be written"):
        app_lock.take(blocker / "j.sqlite3")


def test_a_second_app_says_the_journal_is_in_use(held_by_other_process, journal_file: Path) -> None:
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", MUTUAL_AID_JOURNAL_EXIT_AFTER_PAINT="1", QT_QPA_PLATFORMTHEME=""
    )
    started = time.monotonic()
    done = run_entry_point(journal_file, env=env)
    assert done.code == 0
    assert "This journal is already open in another window." in done.err
    assert time.monotonic() - started < 30
    with Journal.open(journal_file) as journal:
        add_term(journal, "Spring", "2027-01-10", "2027-05-01")  # the journal itself is fine
