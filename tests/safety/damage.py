"""Journals damaged in known ways, each with a good backup beside it, for the damaged-journal tests."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from journal.records.activities import add_activity
from journal.records.terms import add_term
from journal.records.validation import check_activity
from journal.storage import backups
from journal.storage.journal_file import Journal

MARKED_TITLE = "Shiftmarker3"


def journal_with_backup(path: Path) -> Path:
    """A journal with one term and five activities, backed up, then given a second term after the backup."""
    with Journal.open(path) as journal:
        add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
        for n in range(5):
            raw = {"date": "2026-09-02", "title": f"Shiftmarker{n}", "hours": "1"}
            add_activity(journal, check_activity(raw, journal.framework))
    made = backups.make_backup(path, kind="manual")
    with Journal.open(path) as journal:
        add_term(journal, "Spring 2027", "2027-01-10", "2027-05-01")
    return made


def _page_of(path: Path, name: str) -> tuple[int, int]:
    with closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return (root - 1) * page_size, page_size


def flip_a_byte_in_a_title(path: Path) -> None:
    """Change one letter of an activity's title in the table, not in its index: only integrity_check sees it."""
    start, size = _page_of(path, "activities")
    data = bytearray(path.read_bytes())
    offset = data.index(MARKED_TITLE.encode(), start, start + size)
    data[offset + 5] ^= 0x01
    path.write_bytes(bytes(data))


def _edit_schema(path: Path, statement: str, *values: object) -> None:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(statement, values)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def break_schema_with_bytes_that_are_not_utf8(path: Path) -> None:
    """An index whose name is not UTF-8 and whose page is out of range: SQLite's error message quotes the name."""
    _edit_schema(
        path,
        "UPDATE sqlite_master SET name = CAST(? AS TEXT), rootpage = 99999 WHERE name = 'ix_activities_day'",
        b"ix_\xff\xfe",
    )


def rename_an_index_to_bytes_that_are_not_utf8(path: Path) -> None:
    """An index named in bytes that are not UTF-8, then a title flipped under it: the report quotes the name."""
    with closing(sqlite3.connect(path)) as conn:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'ix_activities_deleted_at_title'").fetchone()[0]
    bad_name = b"ix_\xff\xfe_title"
    _edit_schema(
        path,
        "UPDATE sqlite_master SET name = CAST(? AS TEXT), sql = CAST(? AS TEXT) "
        "WHERE name = 'ix_activities_deleted_at_title'",
        bad_name,
        sql.encode().replace(b"ix_activities_deleted_at_title", bad_name),
    )
    flip_a_byte_in_a_title(path)
