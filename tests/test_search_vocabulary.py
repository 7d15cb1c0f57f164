"""The search index's vocabulary (migration 0004): typed words asked for by name find exactly what prefixes find."""

from __future__ import annotations

import random
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import create_engine

from journal.activities import add_activity, empty_trash, trash_activities, update_activity
from journal.activity_query import ActivityQuery, find_activities
from journal.csv_io import import_csv
from journal.reflections import WeeklyText, save_weekly_reflection
from journal.search_vocabulary import (
    MOST_WORDS_NAMED,
    cheaper_listed_once,
    match_expression,
    search_words,
    words_listed_once,
)
from journal.storage import Journal, _alembic_config
from journal.terms import add_term, update_term
from journal.validation import check_activity

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Words a journal might hold: plain ones sharing first letters, accents, apostrophes, hyphens, digits.
WORDS = [
    *("rent", "renters", "rental", "strike", "street", "strange", "stripe", "straße", "tenants", "tenancy"),
    *("winter", "wind", "window", "café", "cafeteria", "naïve", "co-op", "coop", "2026", "20th", "O'Neill"),
    *("d'Arcy", "résumé", "resume", "Zoë", "zoetrope", "food", "foodbank"),
]


def add(journal: Journal, **raw: Any) -> Any:
    return add_activity(journal, check_activity({"date": "2026-09-02", "hours": "1", **raw}, journal.framework))


def index_words(path: Path) -> set[str]:
    """Every word the search index holds, as FTS5 lists them (reading all of the index)."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, search_activities, 'row')")
        return {row[0] for row in conn.execute("SELECT term FROM temp.words")}


def kept_words(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {row[0] for row in conn.execute("SELECT word FROM search_vocabulary")}


def new_words(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {row[0] for row in conn.execute("SELECT term FROM search_new_vocabulary")}


def matched_keys(journal: Journal, expression: str) -> list[int]:
    with journal.engine.connect() as connection:
        return [
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT rowid FROM search_activities WHERE search_activities MATCH ? ORDER BY rowid DESC", (expression,)
            )
        ]


def expression(journal: Journal, typed: str) -> str:
    with journal.engine.connect() as connection:
        return match_expression(connection, typed)


def test_named_words_find_exactly_what_prefixes_find(journal: Journal) -> None:
    pick = random.Random(2026)
    term = add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    for number in range(60):
        add(
            journal,
            date=f"2026-09-{1 + number % 28:02d}",
            title=" ".join(pick.sample(WORDS, 3)),
            description=" ".join(pick.sample(WORDS, 5)),
            tags=";".join(pick.sample(["food", "housing", "winter-coats", "café"], 2)),
        )
    save_weekly_reflection(journal, term, WeeklyText(1, what="Strikes and streets.", so_what="Zoë's résumé."))
    typed_words = {word[:n] for word in [*WORDS, "strikes", "zoe", "resu", "xyz"] for n in range(1, len(word) + 1)}
    typed = [*sorted(typed_words), "rent str", "ten win", "str 2026", "cafe co-op", "o'ne", "stra"]
    for text in typed:
        prefixes = " ".join(search_words(text))
        assert matched_keys(journal, expression(journal, text)) == matched_keys(journal, prefixes), text


def test_a_plain_word_is_named_as_the_words_it_starts(journal: Journal) -> None:
    add(journal, title="Rent strike on Strange Street", description="Renters met.")
    assert expression(journal, "rent str") == '("rent" OR "renters") AND ("strange" OR "street" OR "strike")'
    assert expression(journal, "STRI") == '("strike")'  # the index folds case: so does the lookup


@pytest.mark.parametrize(
    "typed",
    [
        "st",  # short words have FTS5 prefix indexes of their own
        "stré",  # not plain ASCII: left to FTS5's tokenizer
        "co-op",  # two tokens for FTS5
        "o'neill",
        "zzz",  # starts no word: the prefix phrase finds nothing, quickly
    ],
)
def test_other_words_stay_prefix_phrases(journal: Journal, typed: str) -> None:
    add(journal, title="Rent strike on Strange Street", description="O'Neill's co-op.")
    assert expression(journal, typed) == " ".join(search_words(typed))


def test_a_word_starting_too_many_words_stays_a_prefix(journal: Journal) -> None:
    many = " ".join(f"stall{number:03d}" for number in range(MOST_WORDS_NAMED + 1))
    add(journal, title="Market", description=many)
    assert expression(journal, "stall") == '"stall"*'
    assert expression(journal, "stall00").startswith('("stall000" OR ')


def test_every_write_keeps_the_index_words(journal: Journal, tmp_path: Path) -> None:
    """After each kind of change, the vocabulary holds every word of the index, and nothing waits to be kept."""

    def check() -> None:
        assert index_words(journal.path) <= kept_words(journal.path)
        assert new_words(journal.path) == set()

    term = add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    record = add(journal, title="Soup run", organization="Saint Anne", role="Server", tags="winter")
    check()
    update_activity(
        journal,
        record.id,
        check_activity(
            {
                "date": "2026-09-09",
                "title": "Bread run",
                "hours": "1",
                "description": "Loaves",
                "tags": "bakery;winter",
            },
            journal.framework,
        ),
    )
    check()
    save_weekly_reflection(journal, term, WeeklyText(2, what="Penguins.", now_what="Igloos."))
    check()
    save_weekly_reflection(journal, term, WeeklyText(2, what="Walruses."))
    check()
    source = tmp_path / "in.csv"
    source.write_text("date,title,hours,tags,description\n2026-09-03,Seed swap,1,garden,Marrows\n", encoding="utf-8")
    import_csv(journal, source)
    check()
    kept = kept_words(journal.path)
    assert {"bread", "loaves", "bakery", "walruses", "seed", "garden", "marrows"} <= kept
    assert not {"soup", "penguins", "igloos"} & kept  # replaced, and in no row any more


def test_half_typed_words_of_autosaves_are_not_kept(journal: Journal) -> None:
    record = add(journal, title="Tenants meeting", description="")
    typed = "We talked about the structure of the rent strike"
    for end in range(6, len(typed) + 1, 6):  # an autosave every six letters
        update_activity(
            journal,
            record.id,
            check_activity(
                {"date": "2026-09-02", "hours": "1", "title": "Tenants meeting", "description": typed[:end]},
                journal.framework,
            ),
        )
    kept = kept_words(journal.path)
    assert {"structure", "strike", "rent"} <= kept
    assert not {"struc", "stri", "re", "talk", "ab"} & kept
    assert expression(journal, "str") == '("strike" OR "structure")'


def test_a_word_another_row_holds_is_kept(journal: Journal) -> None:
    first = add(journal, title="Rent strike vote")
    add(journal, title="Strike fund")
    update_activity(
        journal, first.id, check_activity({"date": "2026-09-02", "hours": "1", "title": "Rent vote"}, journal.framework)
    )
    assert "strike" in kept_words(journal.path)
    trash_activities(journal, [first.id])
    empty_trash(journal, older_than_days=0)
    kept = kept_words(journal.path)
    assert "strike" in kept and not {"rent", "vote"} & kept


def same_rows_either_way(journal: Journal, *typed: str) -> None:
    assert index_words(journal.path) <= kept_words(journal.path)
    for text in typed:
        assert matched_keys(journal, expression(journal, text)) == matched_keys(journal, " ".join(search_words(text)))


def test_a_reflection_reaches_the_index_later_with_its_words(journal: Journal) -> None:
    """A week's reflection enters index rows only with the week's activities, or when its term's dates move."""
    term = add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    save_weekly_reflection(journal, term, WeeklyText(3, what="Penguins everywhere."))
    add(journal, date="2026-09-20", title="Pencil drive")  # week 3: the reflection comes with it
    same_rows_either_way(journal, "pen", "peng", "penc")
    add(journal, date="2026-09-26", title="Litter pick")  # week 4 now; week 3 once the term starts later
    update_term(journal, term.id, "Fall 2026", "2026-09-06", "2026-12-15")  # week 3: Sep 20-26
    same_rows_either_way(journal, "pen", "peng", "lit")
    assert len(matched_keys(journal, expression(journal, "peng"))) == 2


def test_upgrading_keeps_a_reflection_of_a_week_without_activities_findable(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(FIXTURES / "journal-rev0003.sqlite3", path)
    path.chmod(0o600)
    with closing(sqlite3.connect(path)) as conn, conn:
        (term_id,) = conn.execute("SELECT id FROM terms WHERE name = 'Fall 2026'").fetchone()
        conn.execute(
            "INSERT INTO weekly_reflections VALUES (?, 15, 'Penguins everywhere.', '', '', '2026-12-08T00:00:00Z')",
            (term_id,),
        )
    with Journal.open(path) as journal:
        update_term(journal, term_id, "Fall 2026", "2026-08-30", "2026-12-18")  # Dec 6 joins week 15
        same_rows_either_way(journal, "pen", "peng", "fre")
        assert len(matched_keys(journal, expression(journal, "peng"))) == 1
        add(journal, date="2026-12-08", title="Pencil drive")
        same_rows_either_way(journal, "pen", "peng", "penc")
        assert len(matched_keys(journal, expression(journal, "peng"))) == 2


def paused(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM search_vocabulary_paused").fetchone()[0])


@pytest.mark.parametrize(("already", "imported"), [(0, 30), (40, 3)])  # listed once at the end; copied row by row
def test_an_import_keeps_the_index_words_either_way(
    journal: Journal, tmp_path: Path, already: int, imported: int
) -> None:
    assert cheaper_listed_once(imported, already) == (already == 0)
    for number in range(already):
        add(journal, title=f"Earlier shift {number}")
    source = tmp_path / "in.csv"
    rows = [f"2026-09-{1 + n % 28:02d},Seed swap {n},1,garden;wordy{n},Marrows{n} and beans" for n in range(imported)]
    source.write_text("date,title,hours,tags,description\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert import_csv(journal, source) == imported
    assert {"marrows0", "wordy0", "seed", "beans"} <= kept_words(journal.path)
    assert index_words(journal.path) <= kept_words(journal.path)
    assert new_words(journal.path) == set() and paused(journal.path) == 0


def test_a_failed_write_leaves_the_vocabulary_unpaused(journal: Journal) -> None:
    with pytest.raises(RuntimeError), journal.session() as session, words_listed_once(session.connection()):
        raise RuntimeError("the write failed")
    assert paused(journal.path) == 0
    add(journal, title="Quilting bee")
    assert "quilting" in kept_words(journal.path)


def test_words_written_outside_the_app_are_found_before_they_are_kept(journal: Journal) -> None:
    """A write that did not move its new words (another program's) still leaves them searchable."""
    with journal.engine.connect() as connection:
        connection.exec_driver_sql(
            "INSERT INTO activities (day, title, organization, role, hours_centi, description, private, created_at, "
            "updated_at) VALUES ('2026-09-04', 'Quilting bee', '', '', 100, '', 0, 'x', 'x')"
        )
        connection.commit()
    assert "quilting" in new_words(journal.path) and "quilting" not in kept_words(journal.path)
    assert expression(journal, "quil") == '("quilting")'
    assert [r.title for r in find_activities(journal, ActivityQuery(text="quilt"))] == ["Quilting bee"]
    add(journal, title="Another")  # the next write of the app keeps them
    assert "quilting" in kept_words(journal.path) and new_words(journal.path) == set()


def test_upgrading_from_0003_lists_the_words_already_indexed(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    shutil.copyfile(FIXTURES / "journal-rev0003.sqlite3", path)
    path.chmod(0o600)
    Journal.open(path).close()
    assert index_words(path) and index_words(path) <= kept_words(path)


def test_migration_0004_goes_down_and_up_again(journal: Journal) -> None:
    add(journal, title="Soup run", tags="food")
    engine = create_engine(f"sqlite:///{journal.path}")
    with engine.connect() as connection:
        command.downgrade(_alembic_config(connection), "0003")
        connection.commit()
        names = {r[0] for r in connection.exec_driver_sql("SELECT name FROM sqlite_master")}
        assert not any(name.startswith(("search_vocabulary", "search_new_")) for name in names)
        connection.exec_driver_sql(
            "INSERT INTO activities (day, title, organization, role, hours_centi, description, private, created_at, "
            "updated_at) VALUES ('2026-09-04', 'Quilting bee', '', '', 100, '', 0, 'x', 'x')"
        )  # written by the older version: 0004 lists it from the index
        connection.commit()
        command.upgrade(_alembic_config(connection), "head")
        connection.commit()
    engine.dispose()
    assert {"soup", "run", "food", "quilting", "bee"} <= kept_words(journal.path)
    assert [r.title for r in find_activities(journal, ActivityQuery(text="quil"))] == ["Quilting bee"]
