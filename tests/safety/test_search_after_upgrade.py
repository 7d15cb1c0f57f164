"""A journal made with the search vocabulary (revisions 0004 and 0005) upgrades, and every search finds what it found.

Before the upgrade each typed text is asked of the fixture's own index the way
those versions asked it (a word of three or more ASCII letters or digits named
as the vocabulary's words that start it, any other word a prefix phrase); after
the upgrade the app asks it with plain prefix phrases. The activities found, and
their order, are the same for every prefix of every word the fixture holds.
"""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from types import ModuleType

import pytest

from journal.search.activity_query import ActivityQuery, find_activities
from journal.storage import sqlite_file
from journal.storage.journal_file import Journal
from journal.storage.revisions import head_revision

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
VOCABULARY_REVISIONS = ("0004", "0005")
# the rules of the search these revisions ran (journal/search_vocabulary.py, removed with migration 0006)
SHORTEST_LOOKED_UP = 3
MOST_WORDS_NAMED = 64


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _load_generator()


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _vocabulary_expression(conn: sqlite3.Connection, typed: str) -> str:
    """The FTS5 query the versions with a search vocabulary built for ``typed``."""
    parts = []
    for word in (w for w in typed.split() if any(c.isalnum() for c in w)):
        named = None
        if len(word) >= SHORTEST_LOOKED_UP and word.isascii() and word.isalnum():
            first = word.lower()
            after = first[:-1] + chr(ord(first[-1]) + 1)
            words = [
                row[0]
                for row in conn.execute(
                    "SELECT word FROM search_vocabulary WHERE word >= ? AND word < ? "
                    "UNION SELECT term FROM search_new_vocabulary WHERE term >= ? AND term < ? LIMIT ?",
                    (first, after, first, after, MOST_WORDS_NAMED + 1),
                )
            ]
            named = words if 0 < len(words) <= MOST_WORDS_NAMED else None
        parts.append("(" + " OR ".join(_quoted(w) for w in named) + ")" if named else _quoted(word) + "*")
    return " AND ".join(parts)


def _typed_texts() -> list[str]:
    """Every prefix of every word the fixture's activities, tags and reflections hold, and a few pairs."""
    rows = GENERATOR.fixture_rows()
    texts = [" ".join((a["title"], a["organization"], a["role"], a["description"])) for a in rows["activities"]] + [
        t["name"] for t in rows["tags"]
    ]
    texts += [" ".join((r["what"], r["so_what"], r["now_what"])) for r in rows["weekly_reflections"]]
    words = sorted({w.strip(".,:;!?'\"()#") for text in texts for w in text.split()} - {""})
    typed = sorted({w[:n] for w in words for n in range(1, len(w) + 1)})
    return [*typed, "tenants food", "free br", "week not", "caf co", "ünï", "🍲", "zzyzx", "rent str"]


def _found_before(path: Path, typed: str) -> list[int]:
    """Live activities matching ``typed``, newest first, as the old version's index and query found them."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        expression = _vocabulary_expression(conn, typed)
        if not expression:
            return [
                a[0]
                for a in conn.execute("SELECT id FROM activities WHERE deleted_at IS NULL ORDER BY day DESC, id DESC")
            ]
        return [
            row[0]
            for row in conn.execute(
                "SELECT a.id FROM search_activities s JOIN activities a ON a.id = (s.rowid & 4294967295) "
                "WHERE search_activities MATCH ? AND a.deleted_at IS NULL ORDER BY s.rowid DESC",
                (expression,),
            )
        ]


@pytest.mark.parametrize("revision", VOCABULARY_REVISIONS)
def test_a_journal_with_the_search_vocabulary_upgrades_and_finds_the_same_activities(
    revision: str, tmp_path: Path
) -> None:
    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(GENERATOR.fixture_path(revision), path)
    path.chmod(0o600)
    typed_texts = _typed_texts()
    before = {typed: _found_before(path, typed) for typed in typed_texts}
    assert sum(1 for ids in before.values() if ids) > len(typed_texts) // 2  # most texts find something
    with Journal.open(path) as journal:
        assert sqlite_file.schema_revision(path) == head_revision()
        after = {typed: [a.id for a in find_activities(journal, ActivityQuery(text=typed))] for typed in typed_texts}
    different = {typed: (before[typed], after[typed]) for typed in typed_texts if before[typed] != after[typed]}
    assert different == {}
    with closing(sqlite3.connect(path)) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "search_activities" in names
    assert not {n for n in names if n.startswith(("search_vocabulary", "search_new_", "search_old_"))}
