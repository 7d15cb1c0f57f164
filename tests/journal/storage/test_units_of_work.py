"""Two kinds of unit of work: ``reading`` never takes the write lock and cannot write; ``writing`` writes.

A write is known by the function called, not by the first word of its SQL, so a
``WITH ... INSERT`` passes the WriteGuard (integrity check, read-only refusal)
like any other write. A read that fails says so, not "This change was not saved".
An upgrade whose records no longer link up is rolled back before it commits.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select, text

from journal.errors import JournalUnusable, ReadFailed, SaveFailed
from journal.storage import sqlite_file
from journal.storage.journal_file import Journal
from journal.storage.revisions import head_revision
from journal.storage.schema import Tag, Term

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
WITH_INSERT = text("WITH named(name) AS (SELECT 'solidarity') INSERT INTO tags (name) SELECT name FROM named")


def _other_writer_can_begin(path: Path) -> bool:
    """Whether a second connection gets SQLite's write lock at once."""
    with closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as other:
        try:
            other.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            assert "locked" in str(exc)
            return False
        other.execute("ROLLBACK")
        return True


def _tags(journal: Journal) -> list[str]:
    with journal.reading() as session:
        return list(session.scalars(select(Tag.name)))


def test_a_read_does_not_take_the_write_lock(journal: Journal) -> None:
    with journal.reading() as session:
        assert session.scalars(select(Term)).all() == []  # the read transaction is open, holding its snapshot
        assert _other_writer_can_begin(journal.path)


def test_a_write_holds_the_write_lock_from_its_start(journal: Journal) -> None:
    with journal.writing() as session:
        assert session.scalars(select(Term)).all() == []  # only a read so far
        assert not _other_writer_can_begin(journal.path)
    assert _other_writer_can_begin(journal.path)


def test_a_write_disguised_as_a_with_cannot_run_in_a_read(journal: Journal) -> None:
    with pytest.raises(ReadFailed), journal.reading() as session:
        session.execute(WITH_INSERT)
    assert _tags(journal) == []
    with journal.writing() as session:  # the connection the read used writes again
        session.execute(WITH_INSERT)
    assert _tags(journal) == ["solidarity"]


def test_a_with_insert_in_a_write_passes_the_write_guard(journal: Journal) -> None:
    assert journal.guard is not None
    journal.guard.wrote = False
    with journal.writing() as session:
        session.execute(WITH_INSERT)
    assert journal.guard.wrote  # the guard saw the write (so the close marks the journal closed cleanly)
    journal.guard.read_only = True  # as for a read-only file: every write is refused before it begins
    with pytest.raises(SaveFailed, match="read-only"), journal.writing() as session:
        session.execute(text("WITH named(name) AS (SELECT 'mutual') INSERT INTO tags (name) SELECT name FROM named"))
    assert _tags(journal) == ["solidarity"]  # and reading still works


def test_a_failed_read_is_not_reported_as_an_unsaved_change(journal: Journal) -> None:
    with pytest.raises(ReadFailed) as caught, journal.reading() as session:
        session.execute(text("SELECT * FROM no_such_table"))
    assert "not saved" not in str(caught.value)
    assert "could not be read" in str(caught.value)
    assert str(journal.path) in str(caught.value)


def test_a_failed_write_is_reported_as_not_saved(journal: Journal) -> None:
    with pytest.raises(SaveFailed, match="This change was not saved"), journal.writing() as session:
        session.execute(text("INSERT INTO no_such_table VALUES (1)"))


def _dump(path: Path) -> list[str]:
    with closing(sqlite_file.connect_read_only(path)) as conn:
        return list(conn.iterdump())


def test_an_upgrade_that_breaks_a_link_is_rolled_back(tmp_path: Path) -> None:
    """A tick whose activity is gone (written by another tool with foreign keys off) is found by the
    check that ends the upgrade: the upgrade is rolled back, and the journal stays as it was."""
    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(FIXTURES / "journal-rev0005.sqlite3", path)
    path.chmod(0o600)
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("INSERT INTO ticks (activity_id, criterion_id) VALUES (9999, 'radical.root-causes')")
        conn.commit()
    assert head_revision() != "0005"
    before = _dump(path)
    with pytest.raises(JournalUnusable, match="broken links"):
        Journal.open(path)
    assert sqlite_file.schema_revision(path) == "0005"
    assert _dump(path) == before  # the vocabulary that 0006 drops is still there, every row as it was
