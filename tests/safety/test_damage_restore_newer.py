"""A backup from a newer version of the app is refused by restore, before anything changes."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from tests.conftest import file_hash, run_cli
from tests.safety.damage import journal_with_backup


def test_a_backup_stamped_with_an_unknown_newer_revision_is_refused_and_the_journal_kept(journal_file: Path) -> None:
    backup = journal_with_backup(journal_file)
    with closing(sqlite3.connect(backup)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.commit()
    before = file_hash(journal_file)
    folder_before = sorted(p.name for p in journal_file.parent.rglob("*"))
    result = run_cli(journal_file, "restore", str(backup))
    assert result.code == 1
    assert "newer version" in result.err and "9999_from_the_future" in result.err
    assert "Nothing was changed" in result.err
    assert file_hash(journal_file) == before
    # no pre-restore backup was made, and nothing was left behind but the lock file restore held
    after = sorted(p.name for p in journal_file.parent.rglob("*") if p.name != f"{journal_file.name}.lock")
    assert after == folder_before
    listed = run_cli(journal_file, "term", "list")
    assert listed.code == 0 and "Spring 2027" in listed.out
