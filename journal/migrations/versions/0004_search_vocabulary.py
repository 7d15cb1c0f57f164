"""The words of the search index, so that a typed word can be asked for as the whole words it starts.

FTS5 answers a prefix query such as ``"str"*`` by merging the lists of every
indexed word that starts so before it hands back a first row, and those lists
grow with the journal: "rent str" cost 3 to 4 ms at 10,000 activities against
0.2 ms at 200. The same words named one by one (``"strange" OR "street" OR
"strike"``) are read lazily, newest first, and stop after one page: 0.3 ms at
10,000. To name them the app needs the index's words, and FTS5's own
``fts5vocab`` reads every list to give them, so they are kept here:

- ``search_vocabulary``: every word the index has held, in byte order (a word
  that has since left the index only matches nothing);
- ``search_new_text``: a contentless FTS5 table (no positions, so cheap to
  write) into which triggers copy each new or changed text, tokenized exactly as
  the index tokenizes it; ``search_new_vocabulary`` lists its words.

A unit of work that wrote moves the new words into ``search_vocabulary`` and
empties ``search_new_text`` (``journal.search_vocabulary.fold_new_words``); a
search reads both, so a word is found even before that move.

Copying text costs about 50 microseconds an activity (half a second for an
import of 10,000), while listing all of the index's words costs about 10 an
activity already indexed. A large import therefore writes a row into
``search_vocabulary_paused``, which the triggers check, and lists the index's
words once before it commits (``journal.search_vocabulary.words_listed_once``).

As with 0003's triggers, a later batch migration that copies ``activities``,
``tags`` or ``weekly_reflections`` must create these triggers again
(``TRIGGERS`` here).

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


def _copy_text(*columns: str) -> str:
    words = " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)
    return f"INSERT INTO search_new_text (text) VALUES ({words});"


_ACTIVITY_TEXT = _copy_text("new.title", "new.organization", "new.role", "new.description")
_REFLECTION_TEXT = _copy_text("new.what", "new.so_what", "new.now_what")

_UNLESS_PAUSED = "WHEN NOT EXISTS (SELECT 1 FROM search_vocabulary_paused)"

TRIGGERS = {
    "search_vocabulary_after_activity_insert": (
        f"AFTER INSERT ON activities {_UNLESS_PAUSED} BEGIN {_ACTIVITY_TEXT} END"
    ),
    "search_vocabulary_after_activity_update": (
        "AFTER UPDATE OF title, organization, role, description ON activities "
        f"{_UNLESS_PAUSED} BEGIN {_ACTIVITY_TEXT} END"
    ),
    "search_vocabulary_after_tag_insert": f"AFTER INSERT ON tags {_UNLESS_PAUSED} BEGIN {_copy_text('new.name')} END",
    "search_vocabulary_after_tag_update": (
        f"AFTER UPDATE OF name ON tags {_UNLESS_PAUSED} BEGIN {_copy_text('new.name')} END"
    ),
    "search_vocabulary_after_reflection_insert": (
        f"AFTER INSERT ON weekly_reflections {_UNLESS_PAUSED} BEGIN {_REFLECTION_TEXT} END"
    ),
    "search_vocabulary_after_reflection_update": (
        f"AFTER UPDATE ON weekly_reflections {_UNLESS_PAUSED} BEGIN {_REFLECTION_TEXT} END"
    ),
}


def upgrade() -> None:
    op.execute("CREATE TABLE search_vocabulary (word TEXT PRIMARY KEY) WITHOUT ROWID")
    op.execute("CREATE TABLE search_vocabulary_paused (paused INTEGER NOT NULL)")
    op.execute(f"CREATE VIRTUAL TABLE search_new_text USING fts5(text, content = '', detail = none, {_TOKENIZE})")
    op.execute("CREATE VIRTUAL TABLE search_new_vocabulary USING fts5vocab(search_new_text, 'row')")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("CREATE VIRTUAL TABLE temp.search_index_vocabulary USING fts5vocab(main, search_activities, 'row')")
    op.execute("INSERT INTO search_vocabulary (word) SELECT term FROM temp.search_index_vocabulary")
    op.execute("DROP TABLE temp.search_index_vocabulary")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_new_vocabulary")
    op.execute("DROP TABLE IF EXISTS search_new_text")
    op.execute("DROP TABLE IF EXISTS search_vocabulary_paused")
    op.execute("DROP TABLE IF EXISTS search_vocabulary")
