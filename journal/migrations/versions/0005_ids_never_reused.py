"""Activity ids are never handed out twice: ``activities`` gets ``INTEGER PRIMARY KEY AUTOINCREMENT``.

Without AUTOINCREMENT SQLite gives a new row the highest id in the table plus
one, so the id of an activity deleted for good (undoing its creation, emptying
the trash) went to the next activity added. The undo stack still holds the old
id and its redo brings the activity back under it: that failed with an
IntegrityError once an import had taken the id, or wrote over what had taken it.
With AUTOINCREMENT SQLite keeps the highest id ever used in ``sqlite_sequence``
and never hands out one at or below it; the cost is one read and one write of
that small table per INSERT statement, nothing on an UPDATE (the autosave). The
counter starts at the highest id the journal holds, so no id a journal holds
when it is upgraded is handed out again.

``tags`` keep plain INTEGER PRIMARY KEY: a tag is found by its name every time,
and no tag id is held anywhere outside the unit of work that read it. So do
``terms``, for now: the undo of adding a term re-adds it without naming its old
id, and the steps after it on the stack hold that id, which today comes back
because the term was the newest. Once that redo brings a term back under its
old id (as an activity's does), terms should get AUTOINCREMENT in a migration
of their own, by the same rebuild.

SQLite cannot add AUTOINCREMENT to a table, so the table is rebuilt the
documented way (https://www.sqlite.org/lang_altertable.html#otheralter): a new
table, the rows copied with their ids, the old table dropped, the new one
renamed. The table's indexes (the COLLATE NOCASE ones of 0002 too) and every
trigger of the journal are read from ``sqlite_master`` first and created again
afterwards from that same text, so they come back exactly as they were:
dropping the table drops its own indexes and triggers, and the rename refuses
to run while any trigger (the search index's, on ``activity_tags`` and
``tags``) names a table that is missing. The search index is keyed by activity
ids, which the copy keeps, so it stays valid; no trigger exists while rows are
copied, so nothing is indexed or listed twice.

Dropping ``activities`` while foreign keys are enforced would delete every tick
and tag link through ON DELETE CASCADE, so the migration refuses to run unless
they are off (``journal.storage`` turns them off for every migration and runs
``PRAGMA foreign_key_check`` after).

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


# The columns and the check as revision 0001 made them (with the names it wrote), the id
# AUTOINCREMENT; SQLite takes AUTOINCREMENT only in a column's own PRIMARY KEY clause.
_AFTER_ID = """
    day DATE NOT NULL,
    title VARCHAR(200) NOT NULL,
    organization VARCHAR(200) NOT NULL,
    role VARCHAR(200) NOT NULL,
    hours_centi INTEGER NOT NULL,
    description TEXT NOT NULL,
    private BOOLEAN NOT NULL,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL,
    deleted_at VARCHAR(32),"""
_CHECK = "CONSTRAINT ck_activities_ck_activities_hours_in_range CHECK (hours_centi >= 0 AND hours_centi <= 2400)"
_WITH_AUTOINCREMENT = (
    "CREATE TABLE activities_rebuilt (\n    id INTEGER NOT NULL CONSTRAINT pk_activities PRIMARY KEY AUTOINCREMENT,"
    f"{_AFTER_ID}\n    {_CHECK}\n)"
)
_AS_BEFORE = (  # revisions 0001 to 0004
    f"CREATE TABLE activities_rebuilt (\n    id INTEGER NOT NULL,{_AFTER_ID}\n"
    f"    CONSTRAINT pk_activities PRIMARY KEY (id),\n    {_CHECK}\n)"
)
_COLUMNS = "id, day, title, organization, role, hours_centi, description, private, created_at, updated_at, deleted_at"


def _rebuild_activities(create_sql: str) -> None:
    """Rebuild ``activities`` as ``create_sql`` makes it (under the name activities_rebuilt), keeping
    every row with its id, the table's indexes and every trigger of the journal, text for text."""
    bind = op.get_bind()
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError(
            "Migration 0005 rebuilds the activities table and needs foreign keys off: with them on, "
            "dropping the old table would delete every tick and tag link."
        )
    kept = bind.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master "
        "WHERE (type = 'trigger' OR (type = 'index' AND tbl_name = 'activities')) AND sql IS NOT NULL "
        "ORDER BY rowid"
    ).all()
    for kind, name, _sql in kept:
        if kind == "trigger":
            op.execute(f'DROP TRIGGER "{name}"')
    op.execute(create_sql)
    op.execute(f"INSERT INTO activities_rebuilt ({_COLUMNS}) SELECT {_COLUMNS} FROM activities ORDER BY id")
    op.execute("DROP TABLE activities")
    op.execute("ALTER TABLE activities_rebuilt RENAME TO activities")
    for _kind, _name, sql in kept:
        bind.exec_driver_sql(sql)  # verbatim: no bound parameters read into it


def upgrade() -> None:
    _rebuild_activities(_WITH_AUTOINCREMENT)
    # The copy has already set the counter so (and the rename carried it over); said here in so
    # many words, since the promise rests on it: no id the journal holds now is handed out again.
    op.execute("DELETE FROM sqlite_sequence WHERE name = 'activities'")
    op.execute(
        "INSERT INTO sqlite_sequence (name, seq) "
        "SELECT 'activities', highest FROM (SELECT max(id) AS highest FROM activities) WHERE highest IS NOT NULL"
    )


def downgrade() -> None:
    _rebuild_activities(_AS_BEFORE)
    # sqlite_sequence itself cannot be dropped; it stays, empty.
    op.execute("DELETE FROM sqlite_sequence WHERE name = 'activities'")
