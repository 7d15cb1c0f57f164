"""A write-ahead log from another file beside the journal is refused with a sentence, never replayed."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from journal.records.terms import add_term, list_terms
from journal.storage.journal_file import Journal
from tests.conftest import file_hash, run_cli


def _log_of_a_copy(journal: Path, tmp_path: Path) -> bytes:
    """The log of a copy of the journal in which a term was renamed, taken while the copy was still open."""
    copy = tmp_path / "copy" / journal.name
    copy.parent.mkdir()
    shutil.copyfile(journal, copy)
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("UPDATE terms SET name = 'Renamed elsewhere'")
        return copy.with_name(copy.name + "-wal").read_bytes()
    finally:
        conn.close()


def _made_and_closed(journal: Path) -> None:
    with Journal.open(journal) as opened:
        add_term(opened, "Fall 2026", "2026-09-01", "2026-12-15")


def test_a_log_copied_in_from_another_file_is_refused_and_not_replayed(journal_file: Path, tmp_path: Path) -> None:
    _made_and_closed(journal_file)
    wal = journal_file.with_name(journal_file.name + "-wal")
    assert not wal.exists()
    wal.write_bytes(_log_of_a_copy(journal_file, tmp_path))
    before = file_hash(journal_file)
    for command in (["term", "list"], ["check"], ["term", "add", "X", "--start", "2027-01-01", "--end", "2027-02-01"]):
        result = run_cli(journal_file, *command)
        assert result.code == 1, command
        assert f"is a write-ahead log {wal} that did not come from it" in result.err
        assert "Renamed elsewhere" not in result.out
    assert file_hash(journal_file) == before
    wal.unlink()
    listed = run_cli(journal_file, "term", "list")
    assert listed.code == 0 and "Fall 2026" in listed.out and "Renamed" not in listed.out


def test_the_log_a_crash_leaves_is_replayed(journal_file: Path) -> None:
    """The journal's own log, left by a process that ended without closing it, keeps every change it holds."""
    _made_and_closed(journal_file)
    script = (
        "import os, sys\n"
        "from journal.storage.journal_file import Journal\n"
        "from journal.records.terms import add_term\n"
        "journal = Journal.open(sys.argv[1])\n"
        "add_term(journal, 'Spring 2027', '2027-01-10', '2027-05-01')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(journal_file)], check=True, cwd=Path(__file__).parents[2])
    assert journal_file.with_name(journal_file.name + "-wal").stat().st_size > 32
    listed = run_cli(journal_file, "term", "list")
    assert listed.code == 0, listed.err
    assert "Spring 2027" in listed.out


def test_a_log_whose_pages_are_another_size_is_refused(journal_file: Path, tmp_path: Path) -> None:
    _made_and_closed(journal_file)
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other, isolation_level=None)
    try:
        conn.execute("PRAGMA page_size = 8192")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("CREATE TABLE notes (text TEXT)")
        log = other.with_name(other.name + "-wal").read_bytes()
    finally:
        conn.close()
    journal_file.with_name(journal_file.name + "-wal").write_bytes(log)
    result = run_cli(journal_file, "term", "list")
    assert result.code == 1 and "its pages are not the journal's size" in result.err
    journal_file.with_name(journal_file.name + "-wal").unlink()
    with Journal.open(journal_file) as opened:
        assert [t.name for t in list_terms(opened)] == ["Fall 2026"]
