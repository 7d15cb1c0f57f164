"""An id is handed out once: an activity or term deleted for good leaves its id to nobody else.

The undo stack keeps the id of what it deleted and its redo brings the row back
under that id (``add_activity(..., activity_id=...)``, ``add_term(..., term_id=...)``);
an import or a new row in between must not have taken it. Migration 0005 makes
these ids AUTOINCREMENT.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import create_engine, event
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateTable

from journal.records.activities import (
    ActivityRecord,
    add_activity,
    delete_activity,
    empty_trash,
    get_activity,
    restore_activities,
    trash_activities,
    trashed_activities,
    update_activity,
)
from journal.records.terms import add_term, delete_term, list_terms
from journal.records.validation import ActivityInput, check_activity
from journal.search.activity_query import ActivityQuery, find_activities
from journal.storage.journal_file import Journal
from journal.storage.revisions import alembic_config
from journal.storage.schema import Activity, Term
from journal.transfer.csv_io import import_csv
from journal.transfer.json_io import export_json, import_json


def _input(journal: Journal, **raw: Any) -> ActivityInput:
    return check_activity({"date": "2026-09-02", "title": "Shift", **raw}, journal.framework)


def _add(journal: Journal, **raw: Any) -> ActivityRecord:
    return add_activity(journal, _input(journal, **raw))


def _csv(tmp_path: Path, *titles: str) -> Path:
    path = tmp_path / "import.csv"
    lines = ["date,title,organization,role,hours,criteria,tags,description,private"]
    lines += [
        f"2026-09-0{n + 3},{title},Eastside Fridge,driver,1.5,,food,imported row,no" for n, title in enumerate(titles)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _live(journal: Journal) -> dict[int, ActivityRecord]:
    return {a.id: a for a in find_activities(journal, ActivityQuery(sort="day", descending=False))}


def test_redo_after_a_csv_import_brings_the_activity_back_under_its_id(journal: Journal, tmp_path: Path) -> None:
    """The reported bug: add, undo the add, import a CSV, redo."""
    _add(journal, title="Older one")
    undone = _add(journal, title="Soup run", tags="food;kitchen", criteria="radical.root-causes")
    delete_activity(journal, undone.id)  # the undo of its creation
    assert import_csv(journal, _csv(tmp_path, "Fridge restock", "Tenants' meeting")) == 2
    imported = {i: a for i, a in _live(journal).items() if a.title != "Older one"}
    assert set(imported) and min(imported) > undone.id, "the import took the id of the undone activity"

    back = add_activity(journal, undone.as_input(), activity_id=undone.id)  # the redo

    assert back.id == undone.id and back.as_input() == undone.as_input()
    for activity_id, before in imported.items():
        after = get_activity(journal, activity_id)
        assert after == before, "the redo wrote over an imported activity"
    assert {a.title for a in find_activities(journal, ActivityQuery(text="soup"))} == {"Soup run"}
    assert {a.title for a in find_activities(journal, ActivityQuery(text="restock"))} == {"Fridge restock"}


def test_a_new_activity_never_takes_the_id_of_one_deleted_for_good(journal: Journal) -> None:
    first = _add(journal, title="First")
    newest = _add(journal, title="Newest")
    delete_activity(journal, newest.id)
    added = _add(journal, title="Added later")
    assert added.id > newest.id > first.id
    back = add_activity(journal, newest.as_input(), activity_id=newest.id)
    assert back.title == "Newest" and get_activity(journal, added.id).title == "Added later"


def test_redo_after_a_json_import_into_the_emptied_journal(journal: Journal, tmp_path: Path) -> None:
    """A whole-journal import goes only into an empty journal, which undoing its one activity makes it."""
    export = tmp_path / "other.json"
    with Journal.open(tmp_path / "other.sqlite3") as other:
        add_term(other, "Fall 2026", "2026-08-31", "2026-12-18")
        _add(other, title="Imported shift", tags="food")
        _add(other, title="Imported meeting", date="2026-09-09")
        export_json(other, export)
    undone = _add(journal, title="Soup run")
    delete_activity(journal, undone.id)

    assert import_json(journal, export) == 2
    imported = _live(journal)
    assert min(imported) > undone.id, "the JSON import took the id of the undone activity"

    back = add_activity(journal, undone.as_input(), activity_id=undone.id)
    assert back.id == undone.id
    assert _live(journal) == {**imported, back.id: get_activity(journal, back.id)}


def test_emptying_the_trash_frees_no_id(journal: Journal, tmp_path: Path) -> None:
    kept = _add(journal, title="Kept")
    binned = [_add(journal, title=f"Binned {n}") for n in range(3)]
    trash_activities(journal, [a.id for a in binned])
    assert empty_trash(journal, older_than_days=None) == 3
    added = _add(journal, title="Added after")
    assert added.id > max(a.id for a in binned) > kept.id
    import_csv(journal, _csv(tmp_path, "Imported after"))
    assert min(i for i in _live(journal) if i not in {kept.id, added.id}) > added.id
    # a restore that still names an emptied activity (an undo step) restores nothing in its place
    assert restore_activities(journal, [a.id for a in binned]) == 0
    assert trashed_activities(journal) == []


def test_a_new_term_never_takes_the_id_of_one_deleted(journal: Journal) -> None:
    spring = add_term(journal, "Spring 2026", "2026-01-12", "2026-05-01")
    fall = add_term(journal, "Fall 2026", "2026-08-31", "2026-12-18")
    delete_term(journal, fall.id)  # the undo of adding it
    winter = add_term(journal, "Winter 2027", "2027-01-04", "2027-03-26")
    assert winter.id > fall.id > spring.id
    assert add_term(journal, "Fall 2026", "2026-08-31", "2026-12-18", term_id=fall.id) == fall  # the redo
    assert [t.id for t in list_terms(journal)] == [spring.id, fall.id, winter.id]


def test_redo_of_a_term_after_a_json_import_into_the_emptied_journal(journal: Journal, tmp_path: Path) -> None:
    export = tmp_path / "other.json"
    with Journal.open(tmp_path / "other.sqlite3") as other:
        add_term(other, "Spring 2026", "2026-01-12", "2026-05-01")
        _add(other, title="Imported shift", date="2026-02-02")
        export_json(other, export)
    undone = add_term(journal, "Fall 2026", "2026-08-31", "2026-12-18")
    delete_term(journal, undone.id)

    import_json(journal, export)
    [imported] = list_terms(journal)
    assert imported.id > undone.id, "the JSON import took the id of the undone term"

    assert add_term(journal, "Fall 2026", "2026-08-31", "2026-12-18", term_id=undone.id) == undone
    assert list_terms(journal) == [imported, undone]


def test_new_journals_and_the_models_say_autoincrement(journal: Journal) -> None:
    with closing(sqlite3.connect(journal.path)) as conn:
        tables = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    for table, model in (("activities", Activity), ("terms", Term)):
        assert f"id INTEGER NOT NULL CONSTRAINT pk_{table} PRIMARY KEY AUTOINCREMENT" in tables[table]
        assert "PRIMARY KEY AUTOINCREMENT" in str(CreateTable(model.__table__).compile(dialect=sqlite.dialect()))
    assert "AUTOINCREMENT" not in tables["tags"]  # tags are found by name; no id of one outlives it


def test_the_autosave_does_not_touch_the_id_counter(journal: Journal) -> None:
    """AUTOINCREMENT costs an INSERT one more row written; an UPDATE (the autosave) writes none."""
    made = _add(journal, title="Typed")
    written: list[str] = []
    event.listen(journal.engine, "before_cursor_execute", lambda *args: written.append(args[2]))
    update_activity(journal, made.id, _input(journal, title="Typed more"))
    assert not any("sqlite_sequence" in sql for sql in written)
    with closing(sqlite3.connect(journal.path)) as conn:
        assert conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'activities'").fetchone() == (made.id,)


def test_migration_0005_refuses_to_run_with_foreign_keys_on(tmp_path: Path) -> None:
    """Its table rebuild drops the old tables: with foreign keys enforced that would cascade to
    every tick, tag link and reflection, so it stops first and leaves the journal at 0004."""
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0004")
        connection.exec_driver_sql(
            "INSERT INTO activities (id, day, title, organization, role, hours_centi, description, private, "
            "created_at, updated_at) VALUES (7, '2026-09-04', 'Kept', '', '', 100, '', 0, 'x', 'x')"
        )
        connection.exec_driver_sql("INSERT INTO ticks (activity_id, criterion_id) VALUES (7, 'radical.root-causes')")
        connection.commit()
        connection.exec_driver_sql("PRAGMA foreign_keys = ON")
        with pytest.raises(RuntimeError, match="foreign keys off"):
            command.upgrade(alembic_config(connection), "0005")
        connection.rollback()
    engine.dispose()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0004",)]
        assert conn.execute("SELECT activity_id, criterion_id FROM ticks").fetchall() == [(7, "radical.root-causes")]
    with Journal.open(path) as journal:  # the app's own upgrade turns them off and goes through
        assert get_activity(journal, 7).criteria == ("radical.root-causes",)
        assert _add(journal, title="After").id == 8
