"""Ids are never handed out twice: ``activities`` and ``terms`` get ``INTEGER PRIMARY KEY AUTOINCREMENT``.

Without AUTOINCREMENT SQLite gives a new row the highest id in the table plus
one, so the id of a row deleted for good (undoing the creation of an activity
or a term, emptying the trash) went to the next row added. The undo stack still
holds the old id and its redo brings the row back under it: that failed with an
IntegrityError once an import had taken the id, or wrote over what had taken it.
With AUTOINCREMENT SQLite keeps the highest id ever used in ``sqlite_sequence``
and never hands out one at or below it; the cost is one read and one write of
that small table per INSERT statement, nothing on an UPDATE (the autosave).
Each table's counter starts at the highest id it holds, so no id a journal
holds when it is upgraded is handed out again.

``tags`` keep plain INTEGER PRIMARY KEY: a tag is found by its name every time,
and no tag id is held anywhere outside the unit of work that read it.

SQLite cannot add AUTOINCREMENT to a table, so each table is rebuilt the
documented way (https://www.sqlite.org/lang_altertable.html#otheralter): a new
table, the rows copied with their ids, the old table dropped, the new one
renamed. The tables' indexes (the COLLATE NOCASE ones of 0002 too) and every
trigger of the journal are read from ``sqlite_master`` first and created again
afterwards from that same text, so they come back exactly as they were:
dropping a table drops its own indexes and triggers, and the rename refuses to
run while any trigger (the search index's, on ``activity_tags``, ``tags``,
``weekly_reflections``) names a table that is missing. The search index is
keyed by activity ids, which the copy keeps, so it stays valid; no trigger
exists while rows are copied, so nothing is indexed or listed twice. The
UNIQUE constraint on a term's name brings its own index back.

Dropping a table while foreign keys are enforced would delete, through ON DELETE
CASCADE, every tick and tag link (``activities``) or reflection (``terms``), so
the migration refuses to run unless they are off (``journal.storage.journal_file`` turns them
off for every migration and runs ``PRAGMA foreign_key_check`` after).

The migration is self-contained: it reads the triggers it must keep from the
journal rather than from the migrations that made them.

Revision ID: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Each table's columns, then its columns after the id and its other constraints as revision 0001
# made them (with the names it wrote).
_TABLES = {
    "activities": (
        "id, day, title, organization, role, hours_centi, description, private, created_at, updated_at, deleted_at",
        (
            "day DATE NOT NULL",
            "title VARCHAR(200) NOT NULL",
            "organization VARCHAR(200) NOT NULL",
            "role VARCHAR(200) NOT NULL",
            "hours_centi INTEGER NOT NULL",
            "description TEXT NOT NULL",
            "private BOOLEAN NOT NULL",
            "created_at VARCHAR(32) NOT NULL",
            "updated_at VARCHAR(32) NOT NULL",
            "deleted_at VARCHAR(32)",
        ),
        ("CONSTRAINT ck_activities_ck_activities_hours_in_range CHECK (hours_centi >= 0 AND hours_centi <= 2400)",),
    ),
    "terms": (
        "id, name, start_date, end_date",
        ("name VARCHAR(100) NOT NULL", "start_date DATE NOT NULL", "end_date DATE NOT NULL"),
        (
            "CONSTRAINT ck_terms_ck_terms_dates_in_order CHECK (end_date >= start_date)",
            "CONSTRAINT uq_terms_name UNIQUE (name)",
        ),
    ),
}
_NAMES = ", ".join(f"'{table}'" for table in _TABLES)


def _create(table: str, autoincrement: bool) -> str:
    """``table`` under the name ``<table>_rebuilt``, its id AUTOINCREMENT or as revisions 0001 to 0004 had it.

    SQLite takes AUTOINCREMENT only in a column's own PRIMARY KEY clause.
    """
    _columns, after_id, constraints = _TABLES[table]
    if autoincrement:
        lines = [f"id INTEGER NOT NULL CONSTRAINT pk_{table} PRIMARY KEY AUTOINCREMENT", *after_id, *constraints]
    else:
        lines = ["id INTEGER NOT NULL", *after_id, f"CONSTRAINT pk_{table} PRIMARY KEY (id)", *constraints]
    return f"CREATE TABLE {table}_rebuilt (\n    " + ",\n    ".join(lines) + "\n)"


def _rebuild(autoincrement: bool) -> None:
    """Rebuild every table of ``_TABLES``, keeping each row with its id, the tables' indexes and
    every trigger of the journal, text for text."""
    bind = op.get_bind()
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError(
            "Migration 0005 rebuilds the activities and terms tables and needs foreign keys off: with them "
            "on, dropping the old tables would delete every tick, tag link and reflection."
        )
    kept = bind.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master "
        f"WHERE (type = 'trigger' OR (type = 'index' AND tbl_name IN ({_NAMES}))) AND sql IS NOT NULL "
        "ORDER BY rowid"
    ).all()
    for kind, name, _sql in kept:
        if kind == "trigger":
            op.execute(f'DROP TRIGGER "{name}"')
    for table, (columns, _after_id, _constraints) in _TABLES.items():
        op.execute(_create(table, autoincrement))
        op.execute(f"INSERT INTO {table}_rebuilt ({columns}) SELECT {columns} FROM {table} ORDER BY id")
        op.execute(f"DROP TABLE {table}")
        op.execute(f"ALTER TABLE {table}_rebuilt RENAME TO {table}")
    for _kind, _name, sql in kept:
        bind.exec_driver_sql(sql)  # verbatim: no bound parameters read into it


def upgrade() -> None:
    _rebuild(autoincrement=True)
    # The copy has already set each counter so (and the rename carried it over); said here in so
    # many words, since the promise rests on it: no id the journal holds now is handed out again.
    op.execute(f"DELETE FROM sqlite_sequence WHERE name IN ({_NAMES})")
    for table in _TABLES:
        op.execute(
            f"INSERT INTO sqlite_sequence (name, seq) SELECT '{table}', highest "
            f"FROM (SELECT max(id) AS highest FROM {table}) WHERE highest IS NOT NULL"
        )


def downgrade() -> None:
    _rebuild(autoincrement=False)
    # sqlite_sequence itself cannot be dropped; it stays, without these tables' rows.
    op.execute(f"DELETE FROM sqlite_sequence WHERE name IN ({_NAMES})")
