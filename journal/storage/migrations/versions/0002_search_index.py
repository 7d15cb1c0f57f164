"""Full-text search: FTS5 tables over activities and weekly reflections, kept in step by triggers.

``search_activities`` holds one row per activity (its rowid is the activity id)
with the title, organisation, role, description and the activity's tags joined
by spaces. ``search_weekly_reflections`` holds one row per weekly reflection.
Triggers on the source tables keep both in step inside the same transaction as
the change, so the index can never lag behind the journal. Both tables are
filled here from the rows a journal already holds.

The FTS tables and triggers live outside the ORM (``journal/storage/migrations/env.py``
leaves tables named ``search_*`` out of autogenerate). SQLite drops a table's
triggers with the table, so a later batch migration that copies ``activities``,
``activity_tags``, ``tags`` or ``weekly_reflections`` must create these
triggers again.

The same revision adds the indexes that let the activity list read its first
page of live activities in the order it shows them, without sorting the table.

Revision ID: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# unicode61 folds case for every script and, with remove_diacritics 2, lets "cafe"
# find "café". The prefix indexes turn the one- and two-letter searches of someone
# still typing into one index lookup instead of a merge over every word that starts
# so; a three-letter index measured no faster at 10,000 activities and made
# indexing (an import of 10,000) about 0.3 s slower.
_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'"

_TAGS_OF = (
    "(SELECT coalesce(group_concat(tags.name, ' '), '') FROM activity_tags "
    "JOIN tags ON tags.id = activity_tags.tag_id WHERE activity_tags.activity_id = {activity})"
)


def _index_activity(delete_first: bool) -> str:
    """Statements that write the search row of the activity ``new``, with its tags from the live tables.

    A new activity has no search row yet, so its trigger skips the DELETE (which
    cost about a third of an import of 10,000); the FTS table refuses a second
    row with the same rowid, so the index cannot silently hold two.
    """
    delete = "DELETE FROM search_activities WHERE rowid = new.id; " if delete_first else ""
    return (
        f"{delete}INSERT INTO search_activities (rowid, title, organization, role, description, tags) "
        "VALUES (new.id, new.title, new.organization, new.role, new.description, "
        f"{_TAGS_OF.format(activity='new.id')});"
    )


TRIGGERS = {
    "search_activities_after_insert": f"AFTER INSERT ON activities BEGIN {_index_activity(False)} END",
    "search_activities_after_update": (
        f"AFTER UPDATE OF title, organization, role, description ON activities BEGIN {_index_activity(True)} END"
    ),
    "search_activities_after_delete": (
        "AFTER DELETE ON activities BEGIN DELETE FROM search_activities WHERE rowid = old.id; END"
    ),
    "search_activity_tags_after_insert": (
        "AFTER INSERT ON activity_tags BEGIN "
        f"UPDATE search_activities SET tags = {_TAGS_OF.format(activity='new.activity_id')} "
        "WHERE rowid = new.activity_id; END"
    ),
    "search_activity_tags_after_delete": (
        "AFTER DELETE ON activity_tags BEGIN "
        f"UPDATE search_activities SET tags = {_TAGS_OF.format(activity='old.activity_id')} "
        "WHERE rowid = old.activity_id; END"
    ),
    "search_tags_after_update": (
        "AFTER UPDATE OF name ON tags BEGIN "
        f"UPDATE search_activities SET tags = {_TAGS_OF.format(activity='search_activities.rowid')} "
        "WHERE rowid IN (SELECT activity_id FROM activity_tags WHERE tag_id = new.id); END"
    ),
    "search_weekly_reflections_after_insert": (
        "AFTER INSERT ON weekly_reflections BEGIN "
        "INSERT INTO search_weekly_reflections (what, so_what, now_what, term_id, week) "
        "VALUES (new.what, new.so_what, new.now_what, new.term_id, new.week); END"
    ),
    "search_weekly_reflections_after_update": (
        "AFTER UPDATE ON weekly_reflections BEGIN "
        "DELETE FROM search_weekly_reflections WHERE term_id = old.term_id AND week = old.week; "
        "INSERT INTO search_weekly_reflections (what, so_what, now_what, term_id, week) "
        "VALUES (new.what, new.so_what, new.now_what, new.term_id, new.week); END"
    ),
    "search_weekly_reflections_after_delete": (
        "AFTER DELETE ON weekly_reflections BEGIN "
        "DELETE FROM search_weekly_reflections WHERE term_id = old.term_id AND week = old.week; END"
    ),
}


def upgrade() -> None:
    create_search_tables()
    _create_list_indexes()


def create_search_tables() -> None:
    """The search tables and triggers of this revision, filled from the journal's rows (0003 downgrades to them)."""
    op.execute(
        f"CREATE VIRTUAL TABLE search_activities USING fts5(title, organization, role, description, tags, {_TOKENIZE})"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_weekly_reflections USING fts5("
        f"what, so_what, now_what, term_id UNINDEXED, week UNINDEXED, {_TOKENIZE})"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute(
        "INSERT INTO search_activities (rowid, title, organization, role, description, tags) "
        f"SELECT id, title, organization, role, description, {_TAGS_OF.format(activity='activities.id')} "
        "FROM activities"
    )
    op.execute(
        "INSERT INTO search_weekly_reflections (what, so_what, now_what, term_id, week) "
        "SELECT what, so_what, now_what, term_id, week FROM weekly_reflections"
    )
    op.execute("INSERT INTO search_activities (search_activities) VALUES ('optimize')")


def _create_list_indexes() -> None:
    # The list shows live activities a page at a time, sorted by a column: with an index that
    # starts with deleted_at and continues with the sort key, SQLite reads the first page in
    # order and stops, instead of sorting every row. (deleted_at, day) also serves everything
    # the old deleted_at index did. Titles and organisations sort without regard to (ASCII)
    # case; the ORM models name these indexes by their columns, since SQLAlchemy does not
    # reflect the collation.
    op.drop_index("ix_activities_deleted_at", "activities")
    op.create_index("ix_activities_deleted_at_day", "activities", ["deleted_at", "day"])
    op.create_index("ix_activities_deleted_at_hours_centi", "activities", ["deleted_at", "hours_centi"])
    for column in ("title", "organization"):
        op.execute(
            f"CREATE INDEX ix_activities_deleted_at_{column} ON activities (deleted_at, {column} COLLATE NOCASE)"
        )


def downgrade() -> None:
    for name in ("day", "hours_centi", "title", "organization"):
        op.drop_index(f"ix_activities_deleted_at_{name}", "activities")
    op.create_index("ix_activities_deleted_at", "activities", ["deleted_at"])
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_weekly_reflections")
    op.execute("DROP TABLE IF EXISTS search_activities")
