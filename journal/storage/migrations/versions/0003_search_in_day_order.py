"""Full-text search in the list's order: one index row per activity, keyed by its day, holding its week's reflection.

Migration 0002 matched each typed word against the activities and, separately,
against the weekly reflections, and the list then had to gather every match to
find the newest 200: a search with thousands of matches cost time in proportion
to them. Here the index is laid out so that SQLite can stop early:

- ``search_activities`` is rebuilt with its rowid as the *search key*
  ``yyyymmdd << 32 | activity id`` (see ``journal.search.activity_query.search_key``),
  so FTS5 hands back matches newest day first (``ORDER BY rowid DESC``) and the
  list stops after one page; a term's dates become a rowid range.
- each row also holds the text of its week's reflection (column ``reflection``),
  so "every word in the activity or in its week's reflection" is one FTS5 query
  (implicit AND over the row's columns) instead of one per source.
  ``search_weekly_reflections`` is dropped: nothing else searched it.

Triggers keep the index in step inside the same transaction as the change: an
activity's own text, day and tags; a reflection written, changed or removed
(the rows of that week); a term's dates moved or the term deleted (the rows of
its old and new days). Activity ids stay below 2**32, as a journal's ids, which
grow by one per activity, always will.

SQLite drops a table's triggers with the table, so a later batch migration that
copies ``activities``, ``activity_tags``, ``tags``, ``weekly_reflections`` or
``terms`` must create these triggers again (``TRIGGERS`` here).

The migration is self-contained: what it needs of revision 0002 (the names of
its triggers, and its tables for a downgrade) is copied here, so that editing
0002 can never change what this one does.

Revision ID: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# As in 0002: case and accents folded; prefix indexes for the first letters typed.
_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'"
_COLUMNS = "title, organization, role, description, tags, reflection"


def _day_number(day: str) -> str:
    """An ISO day ('2026-09-14', as activities store it) as the integer 20260914."""
    return f"CAST(replace({day}, '-', '') AS INTEGER)"


def _key(day: str, activity: str) -> str:
    return f"(({_day_number(day)} << 32) | {activity})"


def _first_key(day: str) -> str:
    return f"({_day_number(day)} << 32)"


def _last_key(day: str) -> str:
    return f"((({_day_number(day)} + 1) << 32) - 1)"


def _day_of_key(key: str) -> str:
    """The ISO day of a search key, back from its yyyymmdd part."""
    number = f"({key} >> 32)"
    return f"printf('%04d-%02d-%02d', {number} / 10000, {number} / 100 % 100, {number} % 100)"


def _tags_of(activity: str) -> str:
    return (
        "(SELECT coalesce(group_concat(tags.name, ' '), '') FROM activity_tags "
        f"JOIN tags ON tags.id = activity_tags.tag_id WHERE activity_tags.activity_id = {activity})"
    )


def _reflection_of(day: str) -> str:
    """The text of the weekly reflection of the week that holds ``day`` ('' when it has none).

    A week is seven days from the term's start (the last one ends with the term),
    as ``journal.scoring.weeks`` counts them; terms never overlap, so a day has at most one.
    """
    return (
        "(SELECT coalesce(group_concat(r.what || ' ' || r.so_what || ' ' || r.now_what, ' '), '') "
        "FROM terms t JOIN weekly_reflections r ON r.term_id = t.id "
        f"WHERE {day} BETWEEN t.start_date AND t.end_date "
        f"AND r.week = CAST((julianday({day}) - julianday(t.start_date)) / 7 AS INTEGER) + 1)"
    )


def _insert_activity(row: str) -> str:
    return (
        f"INSERT INTO search_activities (rowid, {_COLUMNS}) VALUES ("
        f"{_key(f'{row}.day', f'{row}.id')}, {row}.title, {row}.organization, {row}.role, {row}.description, "
        f"{_tags_of(f'{row}.id')}, {_reflection_of(f'{row}.day')});"
    )


def _key_of_activity(activity: str) -> str:
    return f"(SELECT {_key('a.day', 'a.id')} FROM activities a WHERE a.id = {activity})"


def _refresh_reflections(first_key: str, last_key: str, when: str = "1") -> str:
    """Rewrite the reflection text of every index row whose key lies in [first_key, last_key]."""
    return (
        f"UPDATE search_activities SET reflection = {_reflection_of(_day_of_key('search_activities.rowid'))} "
        f"WHERE {when} AND rowid BETWEEN {first_key} AND {last_key};"
    )


def _refresh_week(term_id: str, week: str, when: str = "1") -> str:
    """Rewrite the reflection text of the index rows of one term's week."""
    first = f"date(t.start_date, '+' || (({week} - 1) * 7) || ' days')"
    last = f"min(t.end_date, date(t.start_date, '+' || (({week} - 1) * 7 + 6) || ' days'))"
    return _refresh_reflections(
        f"(SELECT {_first_key(first)} FROM terms t WHERE t.id = {term_id})",
        f"(SELECT {_last_key(last)} FROM terms t WHERE t.id = {term_id})",
        when,
    )


_EARLIEST_START = "min(old.start_date, new.start_date)"
_LATEST_END = "max(old.end_date, new.end_date)"

TRIGGERS = {
    "search_activities_after_insert": f"AFTER INSERT ON activities BEGIN {_insert_activity('new')} END",
    "search_activities_after_update": (
        "AFTER UPDATE OF day, title, organization, role, description ON activities BEGIN "
        f"DELETE FROM search_activities WHERE rowid = {_key('old.day', 'old.id')}; {_insert_activity('new')} END"
    ),
    "search_activities_after_delete": (
        f"AFTER DELETE ON activities BEGIN DELETE FROM search_activities WHERE rowid = {_key('old.day', 'old.id')}; END"
    ),
    "search_activity_tags_after_insert": (
        "AFTER INSERT ON activity_tags BEGIN "
        f"UPDATE search_activities SET tags = {_tags_of('new.activity_id')} "
        f"WHERE rowid = {_key_of_activity('new.activity_id')}; END"
    ),
    "search_activity_tags_after_delete": (
        "AFTER DELETE ON activity_tags BEGIN "
        f"UPDATE search_activities SET tags = {_tags_of('old.activity_id')} "
        f"WHERE rowid = {_key_of_activity('old.activity_id')}; END"
    ),
    "search_tags_after_update": (
        "AFTER UPDATE OF name ON tags BEGIN "
        f"UPDATE search_activities SET tags = {_tags_of('(search_activities.rowid & 4294967295)')} "
        f"WHERE rowid IN (SELECT {_key('a.day', 'a.id')} FROM activity_tags at JOIN activities a "
        "ON a.id = at.activity_id WHERE at.tag_id = new.id); END"
    ),
    "search_weekly_reflections_after_insert": (
        f"AFTER INSERT ON weekly_reflections BEGIN {_refresh_week('new.term_id', 'new.week')} END"
    ),
    "search_weekly_reflections_after_update": (
        "AFTER UPDATE ON weekly_reflections BEGIN "
        f"{_refresh_week('new.term_id', 'new.week')} "
        # the week it left, should a row ever move (nothing in the app moves one)
        f"{_refresh_week('old.term_id', 'old.week', when='NOT (old.term_id = new.term_id AND old.week = new.week)')} "
        "END"
    ),
    "search_weekly_reflections_after_delete": (
        f"AFTER DELETE ON weekly_reflections BEGIN {_refresh_week('old.term_id', 'old.week')} END"
    ),
    "search_terms_after_update": (
        "AFTER UPDATE OF start_date, end_date ON terms BEGIN "
        f"{_refresh_reflections(_first_key(_EARLIEST_START), _last_key(_LATEST_END))} END"
    ),
    "search_terms_after_delete": (
        "AFTER DELETE ON terms BEGIN "
        f"{_refresh_reflections(_first_key('old.start_date'), _last_key('old.end_date'))} END"
    ),
}


# Revision 0002's tokenizer and triggers, which this one replaces (and a downgrade brings back), as 0002 made them.
_TOKENIZE_0002 = "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'"
_TAGS_OF_0002 = (
    "(SELECT coalesce(group_concat(tags.name, ' '), '') FROM activity_tags "
    "JOIN tags ON tags.id = activity_tags.tag_id WHERE activity_tags.activity_id = {activity})"
)


def _index_activity_0002(delete_first: bool) -> str:
    delete = "DELETE FROM search_activities WHERE rowid = new.id; " if delete_first else ""
    return (
        f"{delete}INSERT INTO search_activities (rowid, title, organization, role, description, tags) "
        "VALUES (new.id, new.title, new.organization, new.role, new.description, "
        f"{_TAGS_OF_0002.format(activity='new.id')});"
    )


TRIGGERS_0002 = {
    "search_activities_after_insert": f"AFTER INSERT ON activities BEGIN {_index_activity_0002(False)} END",
    "search_activities_after_update": (
        f"AFTER UPDATE OF title, organization, role, description ON activities BEGIN {_index_activity_0002(True)} END"
    ),
    "search_activities_after_delete": (
        "AFTER DELETE ON activities BEGIN DELETE FROM search_activities WHERE rowid = old.id; END"
    ),
    "search_activity_tags_after_insert": (
        "AFTER INSERT ON activity_tags BEGIN "
        f"UPDATE search_activities SET tags = {_TAGS_OF_0002.format(activity='new.activity_id')} "
        "WHERE rowid = new.activity_id; END"
    ),
    "search_activity_tags_after_delete": (
        "AFTER DELETE ON activity_tags BEGIN "
        f"UPDATE search_activities SET tags = {_TAGS_OF_0002.format(activity='old.activity_id')} "
        "WHERE rowid = old.activity_id; END"
    ),
    "search_tags_after_update": (
        "AFTER UPDATE OF name ON tags BEGIN "
        f"UPDATE search_activities SET tags = {_TAGS_OF_0002.format(activity='search_activities.rowid')} "
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


def _create_search_tables_0002() -> None:
    """Revision 0002's search tables and triggers, filled from the journal's rows."""
    op.execute(
        "CREATE VIRTUAL TABLE search_activities USING fts5("
        f"title, organization, role, description, tags, {_TOKENIZE_0002})"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_weekly_reflections USING fts5("
        f"what, so_what, now_what, term_id UNINDEXED, week UNINDEXED, {_TOKENIZE_0002})"
    )
    for name, body in TRIGGERS_0002.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute(
        "INSERT INTO search_activities (rowid, title, organization, role, description, tags) "
        f"SELECT id, title, organization, role, description, {_TAGS_OF_0002.format(activity='activities.id')} "
        "FROM activities"
    )
    op.execute(
        "INSERT INTO search_weekly_reflections (what, so_what, now_what, term_id, week) "
        "SELECT what, so_what, now_what, term_id, week FROM weekly_reflections"
    )
    op.execute("INSERT INTO search_activities (search_activities) VALUES ('optimize')")


def upgrade() -> None:
    for name in TRIGGERS_0002:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_weekly_reflections")
    op.execute("DROP TABLE IF EXISTS search_activities")
    op.execute(f"CREATE VIRTUAL TABLE search_activities USING fts5({_COLUMNS}, {_TOKENIZE})")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute(
        f"INSERT INTO search_activities (rowid, {_COLUMNS}) "
        f"SELECT {_key('day', 'id')}, title, organization, role, description, {_tags_of('activities.id')}, "
        f"{_reflection_of('day')} FROM activities ORDER BY day, id"  # ascending keys: one FTS5 segment
    )
    op.execute("INSERT INTO search_activities (search_activities) VALUES ('optimize')")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_activities")
    _create_search_tables_0002()
