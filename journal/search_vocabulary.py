"""Typed words as the FTS5 query of the activity list: a word being typed is asked for as the whole words it starts.

A plain typed word of three or more letters is looked up in the index's
vocabulary (migration 0004, which says why and how it is kept) and asked for as
those words by name, ``("strange" OR "street" OR "strike")`` for "str", which
FTS5 reads lazily, newest first, stopping after one page; a prefix phrase
(``"str"*``) would first merge every matching word's rows. Both forms find the
same rows: the vocabulary holds every word of the index (and maybe a few it no
longer does, which match nothing).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection

# Shorter words have FTS5 prefix indexes of their own (migration 0003) and are fast as they are.
SHORTEST_LOOKED_UP = 3
# A word that starts more words than this stays a prefix query: naming hundreds is no faster.
MOST_WORDS_NAMED = 64

_WORDS_STARTING = text(
    "SELECT word FROM search_vocabulary WHERE word >= :first AND word < :after "
    "UNION SELECT term FROM search_new_vocabulary WHERE term >= :first AND term < :after "
    f"LIMIT {MOST_WORDS_NAMED + 1}"
)
_KEEP_NEW_WORDS = text("INSERT OR IGNORE INTO search_vocabulary (word) SELECT term FROM search_new_vocabulary")
# Words of text that left an index row, that came back in no new text, and that no row holds now
# (a MATCH on one word finds its first row without reading the rest).
_DROP_GONE_WORDS = text(
    "DELETE FROM search_vocabulary WHERE word IN "
    "(SELECT term FROM search_old_vocabulary EXCEPT SELECT term FROM search_new_vocabulary) "
    "AND NOT EXISTS (SELECT 1 FROM search_activities "
    "WHERE search_activities MATCH '\"' || replace(word, '\"', '\"\"') || '\"')"
)
_EMPTY_TEXTS = (
    text("INSERT INTO search_new_text (search_new_text) VALUES ('delete-all')"),
    text("INSERT INTO search_old_text (search_old_text) VALUES ('delete-all')"),
)
_PAUSE = text("INSERT INTO search_vocabulary_paused (paused) VALUES (1)")
_RESUME = text("DELETE FROM search_vocabulary_paused")
_INDEX_WORDS = text(
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_index_vocabulary USING fts5vocab(main, search_activities, 'row')"
)
_KEEP_INDEX_WORDS = text("INSERT OR IGNORE INTO search_vocabulary (word) SELECT term FROM temp.search_index_vocabulary")


def search_words(typed: str) -> list[str]:
    """The words of a search box, each as an FTS5 prefix phrase.

    Every word is quoted (with its own quotes doubled), so FTS5 syntax such as
    ``NEAR``, ``*``, ``-`` or ``:`` in what a person types is searched for as
    text and can never make the query fail. The trailing ``*`` matches words that
    start with it, so the list narrows with each typed letter. A word with no
    letter or digit (``-``, ``"``) would match nothing, so it is left out.
    """
    return [_quoted(word) + "*" for word in _typed_words(typed)]


def match_expression(connection: Connection, typed: str) -> str:
    """The FTS5 query for what is typed: every word must start a word of the row.

    A word made of ASCII letters and digits alone is one token, the same
    lowercased, for the index's tokenizer; it is named as the words it starts
    when there are few enough. Any other word (accents, hyphens, apostrophes)
    stays a prefix phrase, which FTS5 reads as its tokenizer splits it.
    """
    parts = []
    for word in _typed_words(typed):
        starts = _words_starting(connection, word.lower()) if _looked_up(word) else None
        parts.append("(" + " OR ".join(_quoted(w) for w in starts) + ")" if starts else _quoted(word) + "*")
    return " AND ".join(parts)


def fold_new_words(connection: Connection) -> None:
    """Keep the words of texts written in this unit of work, drop those no row holds any more,
    and empty the tables that gathered them."""
    connection.execute(_KEEP_NEW_WORDS)
    connection.execute(_DROP_GONE_WORDS)
    for statement in _EMPTY_TEXTS:
        connection.execute(statement)


def cheaper_listed_once(new_rows: int, rows_before: int) -> bool:
    """Whether listing all of the index's words once beats copying each new row's text (migration 0004)."""
    return 4 * new_rows > rows_before


@contextmanager
def words_listed_once(connection: Connection) -> Iterator[None]:
    """For a write of many rows in one unit of work: the triggers copy no text while
    it runs, and the index's words are all listed once at its end. The pause is
    lifted whatever happens, so no later write can go uncopied."""
    connection.execute(_PAUSE)
    try:
        yield
        connection.execute(_INDEX_WORDS)
        connection.execute(_KEEP_INDEX_WORDS)
    finally:  # never left paused, even by a caller that catches the error and commits
        connection.execute(_RESUME)


def _typed_words(typed: str) -> list[str]:
    """The words of a search box that can match something: each has a letter or a digit."""
    # a NUL or half of a surrogate pair cannot travel to SQLite: they part words, like a space
    typed = "".join(" " if c == "\x00" or "\ud800" <= c <= "\udfff" else c for c in typed)
    return [word for word in typed.split() if any(c.isalnum() for c in word)]


def _looked_up(word: str) -> bool:
    return len(word) >= SHORTEST_LOOKED_UP and word.isascii() and word.isalnum()


def _words_starting(connection: Connection, word: str) -> list[str] | None:
    """The index's words that start with ``word`` (ASCII), or None when there are too many or none."""
    after = word[:-1] + chr(ord(word[-1]) + 1)  # the first string past every one that starts so
    words = list(connection.scalars(_WORDS_STARTING, {"first": word, "after": after}))
    return words if 0 < len(words) <= MOST_WORDS_NAMED else None


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'
