"""Upgrades lose nothing: a journal made by each released schema revision opens with today's code, whole.

The journals under tests/fixtures/ are made by tests/fixtures/make_fixtures.py
(one per released revision). Each is copied, opened with ``Journal.open`` (which
backs it up and runs the migrations), and read back row by row; its schema then
matches a new journal's, text for text, and it never hands out an id twice.
"""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from journal.records.activities import add_activity, delete_activity, get_activity, trashed_activities, update_activity
from journal.records.profile import get_profile
from journal.records.reflections import closing_reflection, weekly_reflections
from journal.records.terms import add_term, delete_term, list_terms
from journal.records.validation import check_activity
from journal.search.activity_query import ActivityQuery, find_activities, search_key
from journal.storage import backups, sqlite_file
from journal.storage.journal_file import Journal
from journal.storage.revisions import MIGRATIONS, head_revision, known_revisions
from journal.storage.schema import Base
from journal.transfer.json_io import json_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _load_generator()
RELEASED: tuple[str, ...] = GENERATOR.RELEASED_REVISIONS


def _table_rows(path: Path) -> dict[str, set[tuple[tuple[str, Any], ...]]]:
    """Every row of every journal table (not Alembic's, not the search index's), as (column, value) pairs."""
    with closing(sqlite_file.connect_read_only(path)) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            if r[0] != "alembic_version" and not r[0].startswith("search_")
        ]
        rows = {}
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cursor.description]
            rows[table] = {tuple(zip(names, row)) for row in cursor}
        return rows


def _opened_copy(revision: str, tmp_path: Path) -> Path:
    """A copy to work on: even a read-only look at a WAL journal leaves -wal and -shm files beside it,
    and the committed fixtures must stay alone in their folder."""
    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(GENERATOR.fixture_path(revision), path)
    path.chmod(0o600)
    return path


def test_every_released_revision_has_a_fixture_and_is_known(tmp_path: Path) -> None:
    assert RELEASED, "no released revision listed in make_fixtures.py"
    for revision in RELEASED:
        fixture = GENERATOR.fixture_path(revision)
        assert fixture.is_file(), f"{fixture} is missing: run tests/fixtures/make_fixtures.py"
        assert not fixture.with_name(fixture.name + "-wal").exists(), "a fixture was opened in place"
        assert sqlite_file.schema_revision(_opened_copy(revision, tmp_path)) == revision
        assert revision in known_revisions()
    # A revision that already has a successor was released with some version of the app.
    assert set(known_revisions()[:-1]) <= set(RELEASED), "a released revision has no fixture journal"


def test_alembic_has_one_head() -> None:
    script = ScriptDirectory(str(MIGRATIONS))
    assert script.get_heads() == [head_revision()]
    bases = script.get_bases()
    assert bases == [known_revisions()[0]]


@pytest.mark.parametrize("revision", RELEASED)
def test_fixture_holds_exactly_the_generated_rows(revision: str, tmp_path: Path) -> None:
    """The committed file is what the generator describes, so the checks below compare against the truth."""
    expected = {table: {tuple(row.items()) for row in rows} for table, rows in GENERATOR.fixture_rows().items()}
    found = _table_rows(_opened_copy(revision, tmp_path))
    assert found == expected


@pytest.mark.parametrize("revision", RELEASED)
def test_opening_an_old_journal_keeps_every_row(revision: str, tmp_path: Path) -> None:
    path = _opened_copy(revision, tmp_path)
    before = _table_rows(path)
    with Journal.open(path) as journal:
        assert sqlite_file.schema_revision(path) == head_revision()
        after = _table_rows(path)
        for table, rows in before.items():
            assert table in after, f"the table {table} disappeared in the upgrade from {revision}"
            old_columns = {name for row in rows for name, _value in row}
            # A later revision may add columns; every old column keeps its value.
            kept = {tuple(pair for pair in row if pair[0] in old_columns) for row in after[table]}
            missing = rows - kept
            assert not missing, f"{len(missing)} row(s) of {table} lost in the upgrade from {revision}"
            assert len(after[table]) == len(rows), f"{table} gained or lost rows in the upgrade from {revision}"
        _check_through_the_app(journal)
        _check_the_search_index(journal)
    assert sqlite_file.quick_problem(path, thorough=True) is None


def _check_through_the_app(journal: Journal) -> None:
    """The same rows, read the way the app and the reports read them."""
    rows = GENERATOR.fixture_rows()
    profile = get_profile(journal)
    assert (profile.student_name, profile.course, profile.instructor) == (
        rows["profile"][0]["student_name"],
        rows["profile"][0]["course"],
        rows["profile"][0]["instructor"],
    )
    terms = list_terms(journal)
    assert [(t.name, t.start.isoformat(), t.end.isoformat()) for t in terms] == [
        (t["name"], t["start_date"], t["end_date"]) for t in rows["terms"]
    ]
    live = find_activities(journal, ActivityQuery(sort="day", descending=False))
    trashed = trashed_activities(journal)
    expected_trashed = {a["id"] for a in rows["activities"] if a["deleted_at"]}
    assert {a.id for a in trashed} == expected_trashed
    assert {a.id for a in live} == {a["id"] for a in rows["activities"]} - expected_trashed
    tag_names = {t["id"]: t["name"] for t in rows["tags"]}
    by_id = {a.id: a for a in [*live, *trashed]}
    for entry in rows["activities"]:
        record = by_id[entry["id"]]
        assert (record.day.isoformat(), record.title, record.organization, record.role) == (
            entry["day"],
            entry["title"],
            entry["organization"],
            entry["role"],
        )
        assert (record.hours_centi, record.description, record.private) == (
            entry["hours_centi"],
            entry["description"],
            bool(entry["private"]),
        )
        assert set(record.tags) == {
            tag_names[t["tag_id"]] for t in rows["activity_tags"] if t["activity_id"] == entry["id"]
        }
        assert set(record.criteria) == {t["criterion_id"] for t in rows["ticks"] if t["activity_id"] == entry["id"]}
    for term in terms:
        weekly = weekly_reflections(journal, term)
        expected_weeks = {r["week"]: r for r in rows["weekly_reflections"] if r["term_id"] == term.id}
        assert set(weekly) == set(expected_weeks)
        for week, text in weekly.items():
            assert (text.what, text.so_what, text.now_what) == (
                expected_weeks[week]["what"],
                expected_weeks[week]["so_what"],
                expected_weeks[week]["now_what"],
            )
        closing_text = closing_reflection(journal, term)
        expected_closing = next(r for r in rows["closing_reflections"] if r["term_id"] == term.id)
        assert (closing_text.essay, closing_text.direction) == (
            expected_closing["essay"],
            expected_closing["direction"],
        )
    for cid, model, statement, _source in GENERATOR.CUSTOM_CRITERIA:
        criterion = journal.framework.criterion(cid)
        assert (criterion.model_id, criterion.statement, criterion.custom) == (model, statement, True)
    assert journal.hidden == frozenset(GENERATOR.HIDDEN_CRITERIA)
    # The search index covers rows written before it existed. (Search also finds the activities of a
    # week whose reflection holds the word; no fixture reflection mentions tenants.)
    assert not any("tenants" in (r["what"] + r["so_what"] + r["now_what"]).lower() for r in rows["weekly_reflections"])
    tagged = {t["activity_id"] for t in rows["activity_tags"] if tag_names[t["tag_id"]] == "tenants"}
    expected_found = {
        a["id"]
        for a in rows["activities"]
        if not a["deleted_at"] and ("tenants" in (a["title"] + a["organization"]).lower() or a["id"] in tagged)
    }
    assert expected_found
    assert {a.id for a in find_activities(journal, ActivityQuery(text="tenants"))} == expected_found
    assert json_text(journal)  # the whole journal still exports


def _check_the_search_index(journal: Journal) -> None:
    """The search index holds every activity, trashed ones too, under its key and with its own text
    (its tags and week's reflection are checked through searches above); FTS5 finds it sound."""
    rows = GENERATOR.fixture_rows()
    with closing(sqlite_file.connect_read_only(journal.path)) as conn:
        indexed = {
            key: texts
            for key, *texts in conn.execute(
                "SELECT rowid, title, organization, role, description FROM search_activities"
            )
        }
    with journal.engine.begin() as connection:  # a check, written as an INSERT: it changes nothing
        connection.exec_driver_sql(
            "INSERT INTO search_activities (search_activities, rank) VALUES ('integrity-check', 1)"
        )
    assert indexed == {
        search_key(date.fromisoformat(a["day"]), a["id"]): [a["title"], a["organization"], a["role"], a["description"]]
        for a in rows["activities"]
    }


@pytest.mark.parametrize("revision", [r for r in RELEASED if r != RELEASED[-1]] or ["none"])
def test_an_upgrade_first_makes_a_checked_backup_of_the_old_journal(revision: str, tmp_path: Path) -> None:
    if revision == "none":
        pytest.skip("only one released revision: no upgrade to back up before")
    if revision == head_revision():
        pytest.skip(f"{revision} is the newest revision: opening it upgrades nothing")
    path = _opened_copy(revision, tmp_path)
    before = _table_rows(path)
    Journal.open(path).close()
    made = [b for b in backups.list_backups(path) if b.kind == "pre-upgrade"]
    assert len(made) == 1, [b.path.name for b in backups.list_backups(path)]
    backup = made[0].path
    assert sqlite_file.quick_problem(backup, thorough=True) is None
    with closing(sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert sqlite_file.schema_revision(backup) == revision
    assert _table_rows(backup) == before
    assert backup.stat().st_mode & 0o777 == 0o600


def test_the_newest_revision_opens_without_a_backup(tmp_path: Path) -> None:
    newest = RELEASED[-1]
    if newest != head_revision():
        pytest.skip(f"the newest fixture ({newest}) is older than the code's head ({head_revision()})")
    path = _opened_copy(newest, tmp_path)
    Journal.open(path).close()
    assert [b for b in backups.list_backups(path) if b.kind == "pre-upgrade"] == []


def _schema_differences(path: Path) -> list[Any]:
    engine = create_engine(f"sqlite+pysqlite:///{path}")
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection,
                opts={
                    "render_as_batch": True,
                    # The FTS5 tables and their shadow tables live outside the models.
                    "include_name": lambda name, type_, _parent: (
                        not (type_ == "table" and (name or "").startswith("search_"))
                    ),
                },
            )
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


@pytest.mark.parametrize("revision", RELEASED)
def test_the_models_match_the_migrated_schema(revision: str, tmp_path: Path) -> None:
    path = _opened_copy(revision, tmp_path)
    Journal.open(path).close()
    assert _schema_differences(path) == []


def test_the_models_match_a_new_journal(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    Journal.open(path).close()
    assert _schema_differences(path) == []


def _schema(path: Path) -> set[tuple[str, str, str, str | None]]:
    with closing(sqlite_file.connect_read_only(path)) as conn:
        return set(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))


@pytest.mark.parametrize("revision", RELEASED)
def test_an_upgraded_journal_has_the_schema_of_a_new_one(revision: str, tmp_path: Path) -> None:
    """Tables, indexes (the COLLATE NOCASE ones too), triggers and search tables, text for text."""
    path = _opened_copy(revision, tmp_path)
    Journal.open(path).close()
    new = tmp_path / "new.sqlite3"
    Journal.open(new).close()
    assert _schema(path) == _schema(new)


def test_rebuilding_activities_and_terms_keeps_every_index_and_trigger(tmp_path: Path) -> None:
    """Migration 0005 rebuilds two tables, which drops their indexes and triggers (and the triggers
    of other tables that name them): each comes back as it was, and nothing else changes (but for the
    search vocabulary, which migration 0006 drops after it, and the day index, which 0007 widens)."""
    path = _opened_copy("0004", tmp_path)
    vocabulary = ("search_vocabulary", "search_new_", "search_old_")
    before = {row for row in _schema(path) if not row[1].startswith(vocabulary)}
    widened = ("ix_activities_deleted_at_day_hours_centi", "(deleted_at, day, hours_centi)")
    before = {
        ("index", widened[0], "activities", f"CREATE INDEX {widened[0]} ON activities {widened[1]}")
        if row[1] == "ix_activities_deleted_at_day"
        else row
        for row in before
    }
    Journal.open(path).close()
    after = _schema(path)
    kept = {"index", "trigger"}
    assert {row for row in after if row[0] in kept} == {row for row in before if row[0] in kept}
    changed = {"activities", "terms", "sqlite_sequence", "alembic_version"}
    assert {row for row in after if row[1] not in changed} == {row for row in before if row[1] not in changed}
    assert sorted(row[1] for row in after if "AUTOINCREMENT" in (row[3] or "")) == ["activities", "terms"]
    with closing(sqlite_file.connect_read_only(path)) as conn:
        counters = dict(conn.execute("SELECT name, seq FROM sqlite_sequence"))
    rows = GENERATOR.fixture_rows()  # each counter starts at the highest id the journal held
    assert counters == {table: max(row["id"] for row in rows[table]) for table in ("activities", "terms")}


@pytest.mark.parametrize("revision", RELEASED)
def test_an_upgraded_journal_never_hands_out_an_id_twice(revision: str, tmp_path: Path) -> None:
    """The newest activity and term deleted for good (an undo), the next ones get higher ids, and
    the undone ones can come back under their own (a redo); the search index follows the rebuilt table."""
    rows = GENERATOR.fixture_rows()
    newest = max(a["id"] for a in rows["activities"])
    newest_term = next(t for t in rows["terms"] if t["id"] == max(t["id"] for t in rows["terms"]))
    path = _opened_copy(revision, tmp_path)
    with Journal.open(path) as journal:
        undone = get_activity(journal, newest)
        delete_activity(journal, newest)
        data = check_activity({"date": "2026-09-14", "title": "Quilting bee", "tags": "sewing"}, journal.framework)
        added = add_activity(journal, data)
        assert added.id > newest
        assert add_activity(journal, undone.as_input(), activity_id=newest).id == newest
        assert [a.id for a in find_activities(journal, ActivityQuery(text="quilting sewing"))] == [added.id]
        update_activity(
            journal,
            added.id,
            check_activity({"date": "2026-09-15", "title": "Darning circle"}, journal.framework),
        )
        assert find_activities(journal, ActivityQuery(text="quilting")) == []
        assert [a.id for a in find_activities(journal, ActivityQuery(text="darning"))] == [added.id]

        delete_term(journal, newest_term["id"])
        assert add_term(journal, "Winter 2027", "2027-01-04", "2027-03-26").id > newest_term["id"]
        dates = (newest_term["start_date"], newest_term["end_date"])
        assert add_term(journal, newest_term["name"], *dates, term_id=newest_term["id"]).id == newest_term["id"]
