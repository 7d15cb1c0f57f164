"""Opening a journal: a private WAL file, migrations to one head, and refusing what is not ours."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, select
from sqlalchemy.exc import IntegrityError

from journal.errors import JournalUnusable
from journal.storage import backups, sqlite_file
from journal.storage.journal_file import Journal
from journal.storage.revisions import MIGRATIONS, alembic_config, head_revision, known_revisions
from journal.storage.schema import Base, Term, Tick
from tests.conftest import file_hash


def test_new_journal_is_private_and_its_folder_is_made(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "journal.sqlite3"
    with Journal.open(path) as journal:
        assert journal.path == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sqlite_file.quick_problem(path, thorough=True) is None
    assert sqlite_file.schema_revision(path) == head_revision()


def test_connections_run_wal_foreign_keys_and_full_sync(journal: Journal) -> None:
    with journal.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_foreign_keys_are_enforced(journal: Journal) -> None:
    with pytest.raises(IntegrityError), journal.writing() as session:
        session.add(Tick(activity_id=12345, criterion_id="radical.root-causes"))


def test_a_failed_unit_of_work_writes_nothing(journal: Journal) -> None:
    with pytest.raises(RuntimeError), journal.writing() as session:
        session.add(Term(name="Half written", start_date=date(2026, 1, 1), end_date=date(2026, 2, 1)))
        session.flush()
        raise RuntimeError("stop")
    with journal.reading() as session:
        assert session.scalars(select(Term)).all() == []


def test_migrations_have_one_head_which_new_journals_reach() -> None:
    script = ScriptDirectory(str(MIGRATIONS))
    assert script.get_heads() == [head_revision()]
    assert known_revisions()[0] == "0001"


def test_models_match_the_migrated_schema(journal: Journal) -> None:
    def ours(name: str | None, type_: str, parent_names: object) -> bool:
        # full-text search tables are kept by the migrations outside the ORM
        return not (type_ == "table" and (name or "").startswith("search_"))

    with journal.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": ours, "target_metadata": Base.metadata}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_a_journal_from_an_older_schema_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    sqlite_file.private_file(path)
    engine = create_engine(f"sqlite:///{path}")
    from alembic import command

    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.exec_driver_sql(
            "INSERT INTO terms (name, start_date, end_date) VALUES ('Fall 2026', '2026-09-01', '2026-12-15')"
        )
        connection.commit()
    engine.dispose()
    if len(known_revisions()) == 1:
        pytest.skip("only one schema revision exists, so there is nothing to upgrade")
    with Journal.open(path) as journal, journal.reading() as session:
        assert session.scalars(select(Term.name)).all() == ["Fall 2026"]
    assert sqlite_file.schema_revision(path) == head_revision()
    kept = backups.list_backups(path)
    assert [b.kind for b in kept] == ["pre-upgrade"]
    assert sqlite_file.schema_revision(kept[0].path) == "0001"
    assert stat.S_IMODE(kept[0].path.stat().st_mode) == 0o600


def test_a_journal_from_a_newer_version_is_refused_and_untouched(journal_file: Path) -> None:
    Journal.open(journal_file).close()
    with closing(sqlite3.connect(journal_file)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00dcafe'")
        conn.commit()
    before = file_hash(journal_file)
    with pytest.raises(JournalUnusable, match="newer version") as caught:
        Journal.open(journal_file)
    assert str(journal_file) in str(caught.value)
    assert file_hash(journal_file) == before
    assert backups.list_backups(journal_file) == []


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _empty_private(path: Path) -> None:
    # what `touch` makes under umask 077: it looks like a file the app could have made, but it is not
    path.write_bytes(b"")
    path.chmod(0o600)


def _text(path: Path) -> None:
    path.write_text("date,title\n2026-09-01,Food bank\n", encoding="utf-8")


def _other_sqlite(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
        conn.commit()


def _other_sqlite_wal(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()


def _header_only(path: Path) -> None:
    path.write_bytes(sqlite_file.SQLITE_HEADER + os.urandom(2000))


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_random_bytes, "not a journal"),
        (_empty, "empty"),
        (_empty_private, "empty"),
        (_text, "not a journal"),
        (_other_sqlite, "not a Mutual Aid Journal"),
        (_other_sqlite_wal, "not a Mutual Aid Journal"),
        (_header_only, "damaged"),
    ],
)
def test_a_file_that_is_not_a_journal_is_refused_and_untouched(
    tmp_path: Path, make: Callable[[Path], None], words: str
) -> None:
    path = tmp_path / "journal.sqlite3"
    make(path)
    before, listing = file_hash(path), sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(JournalUnusable, match=words) as caught:
        Journal.open(path)
    assert str(path) in str(caught.value)
    assert file_hash(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_a_new_journal_appears_whole_with_nothing_left_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    Journal.open(path).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["j.sqlite3"]
    assert sqlite_file.quick_problem(path, thorough=True) is None


def test_a_journal_that_cannot_be_created_is_a_sentence(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(JournalUnusable, match="cannot be created"):
        Journal.open(tmp_path / "a-file" / "j.sqlite3")


def test_open_without_create_needs_a_file(tmp_path: Path) -> None:
    with pytest.raises(JournalUnusable, match="There is no journal"):
        Journal.open(tmp_path / "absent.sqlite3", create=False)
    assert not (tmp_path / "absent.sqlite3").exists()


def test_reopening_keeps_what_was_written(journal_file: Path) -> None:
    from journal.records.terms import add_term, list_terms

    with Journal.open(journal_file) as journal:
        add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    with Journal.open(journal_file) as journal:
        assert [t.name for t in list_terms(journal)] == ["Fall 2026"]
    assert backups.list_backups(journal_file) == []
