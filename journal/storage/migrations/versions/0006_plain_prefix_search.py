"""Search goes back to plain FTS5 prefix queries: the search vocabulary of revision 0004 is dropped.

Revision 0004 kept every word of the search index in ``search_vocabulary`` (with
two contentless FTS5 tables, two ``fts5vocab`` tables over them, a pause table
and nine triggers) so that a word still being typed could be asked for as the
whole words it starts. That made a typed search faster than a prefix query,
but the prefix query was already well inside the list's target (the README's
benchmark table holds the figures), and the vocabulary made every unit of work that wrote responsible for keeping it
true. The search index itself (revision 0003) is untouched: it finds the same
activities with ``"str"*`` as the vocabulary did with ``"strange" OR "street"``.

The upgrade drops the triggers first, then the tables they write to. The
downgrade creates the vocabulary again exactly as revision 0004 did, and fills
it from the index's words, so a downgraded journal is one 0005 can keep.

The migration is self-contained: what it needs of revision 0004 is copied here.

Revision ID: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Revision 0004's vocabulary, as 0004 made it, for the downgrade (and its trigger names for the upgrade).
# The index's tokenizer (migration 0003), so both read the same words out of a text.
_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"
_UNLESS_PAUSED = "WHEN NOT EXISTS (SELECT 1 FROM search_vocabulary_paused)"


def _reflection_of(day: str) -> str:
    """The text of the weekly reflection of the week that holds ``day`` ('' when it has none), as 0003 reads it.

    A week is seven days from the term's start (the last one ends with the term),
    as ``journal.scoring.weeks`` counts them; terms never overlap, so a day has at most one.
    """
    return (
        "(SELECT coalesce(group_concat(r.what || ' ' || r.so_what || ' ' || r.now_what, ' '), '') "
        "FROM terms t JOIN weekly_reflections r ON r.term_id = t.id "
        f"WHERE {day} BETWEEN t.start_date AND t.end_date "
        f"AND r.week = CAST((julianday({day}) - julianday(t.start_date)) / 7 AS INTEGER) + 1)"
    )


def _copy(table: str, *texts: str) -> str:
    words = " || ' ' || ".join(f"coalesce({text}, '')" for text in texts)
    return f"INSERT INTO {table} (text) VALUES ({words});"


def _activity(row: str) -> tuple[str, ...]:
    return tuple(f"{row}.{column}" for column in ("title", "organization", "role", "description"))


def _reflection(row: str) -> tuple[str, ...]:
    return tuple(f"{row}.{column}" for column in ("what", "so_what", "now_what"))


def _trigger(event: str, *statements: str) -> str:
    return f"{event} {_UNLESS_PAUSED} BEGIN {' '.join(statements)} END"


_ACTIVITY_IN = _copy("search_new_text", *_activity("new"), _reflection_of("new.day"))

TRIGGERS = {
    "search_vocabulary_after_activity_insert": _trigger("AFTER INSERT ON activities", _ACTIVITY_IN),
    "search_vocabulary_after_activity_update": _trigger(
        "AFTER UPDATE OF day, title, organization, role, description ON activities",
        _ACTIVITY_IN,
        _copy("search_old_text", *_activity("old")),
    ),
    "search_vocabulary_after_activity_delete": _trigger(
        "AFTER DELETE ON activities", _copy("search_old_text", *_activity("old"))
    ),
    "search_vocabulary_after_activity_tag_insert": _trigger(
        "AFTER INSERT ON activity_tags", _copy("search_new_text", "(SELECT name FROM tags WHERE id = new.tag_id)")
    ),
    "search_vocabulary_after_tag_update": _trigger(
        "AFTER UPDATE OF name ON tags", _copy("search_new_text", "new.name"), _copy("search_old_text", "old.name")
    ),
    "search_vocabulary_after_reflection_insert": _trigger(
        "AFTER INSERT ON weekly_reflections", _copy("search_new_text", *_reflection("new"))
    ),
    "search_vocabulary_after_reflection_update": _trigger(
        "AFTER UPDATE ON weekly_reflections",
        _copy("search_new_text", *_reflection("new")),
        _copy("search_old_text", *_reflection("old")),
    ),
    "search_vocabulary_after_reflection_delete": _trigger(
        "AFTER DELETE ON weekly_reflections", _copy("search_old_text", *_reflection("old"))
    ),
    "search_vocabulary_after_term_update": _trigger(
        "AFTER UPDATE OF start_date, end_date ON terms",
        "INSERT INTO search_new_text (text) SELECT what || ' ' || so_what || ' ' || now_what "
        "FROM weekly_reflections WHERE term_id = new.id;",
    ),
}


def _create_vocabulary() -> None:
    """Revision 0004's upgrade, as it was: the vocabulary's tables and triggers, filled from the index."""
    op.execute("CREATE TABLE search_vocabulary (word TEXT PRIMARY KEY) WITHOUT ROWID")
    op.execute("CREATE TABLE search_vocabulary_paused (paused INTEGER NOT NULL)")
    for name in ("new", "old"):
        columns = f"text, content = '', detail = none, {_TOKENIZE}"
        op.execute(f"CREATE VIRTUAL TABLE search_{name}_text USING fts5({columns})")
        op.execute(f"CREATE VIRTUAL TABLE search_{name}_vocabulary USING fts5vocab(search_{name}_text, 'row')")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("CREATE VIRTUAL TABLE temp.search_index_vocabulary USING fts5vocab(main, search_activities, 'row')")
    op.execute("INSERT INTO search_vocabulary (word) SELECT term FROM temp.search_index_vocabulary")
    op.execute("DROP TABLE temp.search_index_vocabulary")


def upgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in ("new", "old"):
        op.execute(f"DROP TABLE IF EXISTS search_{name}_vocabulary")
        op.execute(f"DROP TABLE IF EXISTS search_{name}_text")
    op.execute("DROP TABLE IF EXISTS search_vocabulary_paused")
    op.execute("DROP TABLE IF EXISTS search_vocabulary")


def downgrade() -> None:
    _create_vocabulary()
