"""Damage that only SQLite's full integrity check sees: the journal can be read, but never written."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from journal.errors import JournalDamaged
from journal.records.terms import add_term
from journal.storage.journal_file import Journal
from tests.conftest import file_hash, run_cli
from tests.safety.damage import flip_a_byte_in_a_title, journal_with_backup

CSV = "date,title,hours\n2026-09-03,Fridge rota,2\n"


@pytest.fixture
def flipped(journal_file: Path) -> tuple[Path, Path]:
    backup = journal_with_backup(journal_file)
    flip_a_byte_in_a_title(journal_file)
    return journal_file, backup


def test_the_quick_check_misses_the_flipped_byte_and_the_full_check_sees_it(flipped: tuple[Path, Path]) -> None:
    path, _ = flipped
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert "missing from index" in conn.execute("PRAGMA integrity_check").fetchall()[0][0]


@pytest.mark.parametrize(
    "command", [["term", "add", "Summer", "--start", "2027-06-01", "--end", "2027-08-01"], ["import", "{csv}"]]
)
def test_a_write_to_it_is_refused_naming_the_backup_and_the_file_is_unchanged(
    flipped: tuple[Path, Path], tmp_path: Path, command: list[str]
) -> None:
    path, backup = flipped
    csv = tmp_path / "more.csv"
    csv.write_text(CSV, encoding="utf-8")
    before = file_hash(path)
    result = run_cli(path, *(part.format(csv=csv) for part in command))
    assert result.code == 1
    assert "is damaged" in result.err and "missing from index" in result.err
    assert f"restore it with: mutual-aid-journal --journal {path} restore {backup}" in result.err
    assert "unexpected" not in result.err
    assert file_hash(path) == before


def test_reading_it_still_works(flipped: tuple[Path, Path]) -> None:
    path, _ = flipped
    before = file_hash(path)
    result = run_cli(path, "term", "list")
    assert result.code == 0 and "Spring 2027" in result.out
    assert file_hash(path) == before


def test_the_app_reads_it_but_its_first_write_is_refused(flipped: tuple[Path, Path]) -> None:
    path, _ = flipped
    before = file_hash(path)
    journal = Journal.open(path, check_while_reading=True)
    try:
        with pytest.raises(JournalDamaged, match="missing from index"):
            add_term(journal, "Summer", "2027-06-01", "2027-08-01")
        with pytest.raises(JournalDamaged):  # and every later one
            add_term(journal, "Autumn", "2027-09-01", "2027-12-01")
    finally:
        journal.close()
    assert file_hash(path) == before


def test_a_journal_left_by_a_crash_gets_the_full_check_before_it_is_read(flipped: tuple[Path, Path]) -> None:
    """A write-ahead log with changes in it means the last session did not close: the full check comes first."""
    path, _ = flipped
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"\0" * 32)  # a log that is not empty (and holds nothing SQLite would replay)
    result = run_cli(path, "term", "list")
    assert result.code == 1 and "missing from index" in result.err and "restore it with" in result.err


def test_a_sound_journal_is_written_as_before(journal_file: Path) -> None:
    journal_with_backup(journal_file)
    result = run_cli(journal_file, "term", "add", "Summer", "--start", "2027-06-01", "--end", "2027-08-01")
    assert result.code == 0, result.err
