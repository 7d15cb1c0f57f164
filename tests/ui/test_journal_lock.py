"""One journal, one app: the lock, the command line's refusal, and a stale lock after a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from journal.app_lock import holder, lock_path
from journal.storage import Journal
from journal.terms import add_term
from tests.conftest import file_hash, run_cli, run_entry_point
from ui.journal_lock import JournalInUse, take_lock

HOLD_LOCK = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from ui.journal_lock import take_lock
lock = take_lock(Path(sys.argv[1]))
print("locked", flush=True)
time.sleep(60)
"""


@pytest.fixture
def held_by_other_process(journal_file):
    Journal.open(journal_file).close()
    process = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(journal_file)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()


def test_second_lock_in_the_same_journal_is_refused(journal_file, held_by_other_process):
    with pytest.raises(JournalInUse, match="already open in another window"):
        take_lock(journal_file)
    assert holder(journal_file) == held_by_other_process.pid
    assert (os.stat(lock_path(journal_file)).st_mode & 0o777) == 0o600


def test_command_line_writes_are_refused_while_the_app_holds_it(journal_file, held_by_other_process):
    before = file_hash(journal_file)
    result = run_cli(journal_file, "term", "add", "Fall 2026", "--start", "2026-09-01", "--end", "2026-12-15")
    assert result.code == 1
    assert "is open in the Mutual Aid Journal app" in result.err
    assert file_hash(journal_file) == before
    reading = run_cli(journal_file, "term", "list")
    assert reading.code == 0


def test_a_crashed_apps_lock_is_recovered(journal_file, held_by_other_process):
    held_by_other_process.send_signal(signal.SIGKILL)
    held_by_other_process.wait()
    assert holder(journal_file) is None
    lock = take_lock(journal_file)
    assert lock.isLocked()
    lock.unlock()
    result = run_cli(journal_file, "term", "add", "Fall 2026", "--start", "2026-09-01", "--end", "2026-12-15")
    assert result.code == 0, result.err


def test_a_second_app_says_the_journal_is_in_use(tmp_path, held_by_other_process, journal_file):
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
