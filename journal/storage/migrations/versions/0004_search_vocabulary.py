"""The words of the search index, so that a typed word can be asked for as the whole words it starts.

FTS5 answers a prefix query such as ``"str"*`` by merging the lists of every
indexed word that starts so before it hands back a first row, and those lists
grow with the journal: "rent str" cost 3 to 4 ms at 10,000 activities against
0.2 ms at 200. The same words named one by one (``"strange" OR "street" OR
"strike"``) are read lazily, newest first, and stop after one page: 0.3 ms at
10,000. To name them the app needs the index's words, and FTS5's own
``fts5vocab`` reads every list to give them, so they are kept here:

- ``search_vocabulary``: at least every word of the index, in byte order;
- ``search_new_text`` and ``search_old_text``: contentless FTS5 tables (no
  positions, so cheap to write) into which triggers copy the text that enters
  an index row and the text that leaves one, tokenized exactly as the index
  tokenizes it; ``search_new_vocabulary`` and ``search_old_vocabulary`` list
  their words.

Every text that enters an index row is copied at that moment: an activity's own
words and its week's reflection when the activity is added, edited or moved to
another day; a tag's name when it is linked or renamed; a reflection written;
a term's reflections when its dates move. A unit of work that wrote then keeps
the new words and drops those of the old text that no index row holds any more,
such as the half-typed words of an autosave, and empties both tables
(``journal.search_vocabulary.fold_new_words``). A search reads the vocabulary
and ``search_new_vocabulary`` both, so a word is found even before that fold.

Copying text costs about 50 microseconds an activity (half a second for an
import of 10,000), while listing all of the index's words costs about 10 an
activity already indexed. A large import therefore writes a row into
``search_vocabulary_paused``, which the triggers check, and lists the index's
words once before it commits (``journal.search_vocabulary.words_listed_once``).

As with 0003's triggers, a later batch migration that copies ``activities``,
``activity_tags``, ``tags``, ``weekly_reflections`` or ``terms`` must create
these triggers again (``TRIGGERS`` here).

The migration is self-contained: the SQL it shares with revision 0003 (a
week's reflection text) is copied here, so that editing 0003 never changes it.

Revision ID: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

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


def upgrade() -> None:
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


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in ("new", "old"):
        op.execute(f"DROP TABLE IF EXISTS search_{name}_vocabulary")
        op.execute(f"DROP TABLE IF EXISTS search_{name}_text")
    op.execute("DROP TABLE IF EXISTS search_vocabulary_paused")
    op.execute("DROP TABLE IF EXISTS search_vocabulary")
