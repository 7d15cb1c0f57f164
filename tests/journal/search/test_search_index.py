"""The full-text search index of migration 0003: found by every field, kept in step, in day order, safe to type into."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import create_engine, event

from journal.records.activities import (
    ActivityRecord,
    add_activity,
    delete_activity,
    empty_trash,
    get_activity,
    restore_activities,
    trash_activities,
    update_activity,
)
from journal.records.reflections import WeeklyText, save_weekly_reflection
from journal.records.terms import add_term, delete_term, update_term
from journal.records.validation import check_activity
from journal.search.activity_query import ActivityQuery, count_activities, find_activities, first_page, search_key
from journal.storage import sqlite_file
from journal.storage.journal_file import Journal
from journal.storage.revisions import alembic_config
from journal.transfer.csv_io import import_csv
from journal.transfer.json_io import export_json, import_json

TRIGGERS = {
    "search_activities_after_insert",
    "search_activities_after_update",
    "search_activities_after_delete",
    "search_activity_tags_after_insert",
    "search_activity_tags_after_delete",
    "search_tags_after_update",
    "search_weekly_reflections_after_insert",
    "search_weekly_reflections_after_update",
    "search_weekly_reflections_after_delete",
    "search_terms_after_update",
    "search_terms_after_delete",
}


def add(journal: Journal, **raw: Any) -> ActivityRecord:
    return add_activity(journal, check_activity({"date": "2026-09-02", "hours": "1", **raw}, journal.framework))


def found(journal: Journal, text: str, **query: Any) -> set[str]:
    """Titles the search finds; the count must agree with the list."""
    search = ActivityQuery(text=text, **query)
    titles = {r.title for r in find_activities(journal, search)}
    assert count_activities(journal, search) == len(titles)
    return titles


def index_rows(journal: Journal) -> dict[int, tuple[str, ...]]:
    """The index's rows by activity id, after checking that each row's key is its activity's day and id."""
    with journal.engine.connect() as connection:
        days = dict(connection.exec_driver_sql("SELECT id, day FROM activities").fetchall())
        rows = connection.exec_driver_sql(
            "SELECT rowid, title, organization, role, description, tags, reflection FROM search_activities"
        ).fetchall()
    by_id = {}
    for key, *text in rows:
        activity_id = key & 0xFFFFFFFF
        assert key == search_key(date.fromisoformat(days[activity_id]), activity_id)
        by_id[activity_id] = tuple(text)
    return by_id


@pytest.fixture
def two(journal: Journal) -> tuple[ActivityRecord, ActivityRecord]:
    fridge = add(
        journal,
        title="Restocking the community fridge",
        organization="Northside Collective",
        role="Driver",
        description="We carried crates of vegetables up to the Hillcrest estate.",
        tags="food;logistics",
    )
    meeting = add(
        journal,
        title="Tenants' assembly",
        organization="Eastgate Union",
        role="Note taker",
        description="Café au lait and a long talk about the rent strike.",
        tags="housing",
    )
    return fridge, meeting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("restocking", {"Restocking the community fridge"}),  # title
        ("northside", {"Restocking the community fridge"}),  # organisation
        ("driver", {"Restocking the community fridge"}),  # role
        ("hillcrest", {"Restocking the community fridge"}),  # description
        ("logistics", {"Restocking the community fridge"}),  # tag
        ("housing", {"Tenants' assembly"}),  # tag
        ("note taker", {"Tenants' assembly"}),  # two words, both in the role
        ("eastgate strike", {"Tenants' assembly"}),  # words from different fields
        ("EASTGATE", {"Tenants' assembly"}),  # case
        ("cafe", {"Tenants' assembly"}),  # without its accent
        ("café", {"Tenants' assembly"}),
        ("northside strike", set()),  # every word must match the same activity
        ("fridge assembly", set()),
    ],
)
def test_search_finds_each_field_and_tags(journal: Journal, two: object, text: str, expected: set[str]) -> None:
    assert found(journal, text) == expected


def test_each_typed_letter_narrows_the_list(journal: Journal, two: object) -> None:
    add(journal, title="Harvest supper", description="Shared a meal.")
    typed = [found(journal, "housing"[:n]) for n in range(1, len("housing") + 1)]
    assert typed[0] == {"Harvest supper", "Tenants' assembly", "Restocking the community fridge"}  # h...
    assert typed[1] == {"Tenants' assembly"}  # ho: housing
    assert typed[-1] == {"Tenants' assembly"}
    assert found(journal, "hou sup") == set()
    assert found(journal, "har sup") == {"Harvest supper"}


def test_search_follows_edits_of_text_and_tags(journal: Journal, two: tuple[ActivityRecord, ActivityRecord]) -> None:
    fridge, _ = two
    update_activity(journal, fridge.id, replace(fridge.as_input(), title="Loading the van", tags=("transport",)))
    assert found(journal, "restocking") == set()
    assert found(journal, "logistics") == set()
    assert found(journal, "loading") == {"Loading the van"}
    assert found(journal, "transport") == {"Loading the van"}
    assert found(journal, "hillcrest") == {"Loading the van"}  # the untouched description stays findable
    assert index_rows(journal)[fridge.id][0] == "Loading the van"
    assert index_rows(journal)[fridge.id][4] == "transport"


def test_search_follows_the_trash_and_deletes(journal: Journal, two: tuple[ActivityRecord, ActivityRecord]) -> None:
    fridge, meeting = two
    trash_activities(journal, [fridge.id])
    assert found(journal, "fridge") == set()
    assert found(journal, "fridge", trashed=True) == {"Restocking the community fridge"}
    restore_activities(journal, [fridge.id])
    assert found(journal, "fridge") == {"Restocking the community fridge"}
    trash_activities(journal, [fridge.id])
    assert empty_trash(journal, older_than_days=None) == 1
    delete_activity(journal, meeting.id)
    assert found(journal, "fridge", trashed=True) == set()
    assert index_rows(journal) == {}  # nothing left behind in the index


def test_a_new_activity_enters_the_index_with_its_tags(journal: Journal) -> None:
    record = add(journal, title="Seed swap", tags="gardening;seeds;swap")
    assert index_rows(journal)[record.id] == ("Seed swap", "", "", "", "gardening seeds swap", "")


def test_the_weeks_reflection_is_searched_with_its_activities(journal: Journal) -> None:
    term = add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    add(journal, date="2026-09-08", title="Week two, first day")
    add(journal, date="2026-09-14", title="Week two, last day")
    add(journal, date="2026-09-15", title="Week three")
    save_weekly_reflection(journal, term, WeeklyText(2, so_what="Mostly solidarity, with some zebra crossings."))
    assert found(journal, "zebra") == {"Week two, first day", "Week two, last day"}
    assert found(journal, "zeb solidar") == {"Week two, first day", "Week two, last day"}
    save_weekly_reflection(journal, term, WeeklyText(2, now_what="Bring a friend next time."))
    assert found(journal, "zebra") == set()
    assert found(journal, "friend week") == {"Week two, first day", "Week two, last day"}
    save_weekly_reflection(journal, term, WeeklyText(2))  # all empty: the reflection is removed
    assert found(journal, "friend") == set()


def test_the_index_follows_an_activity_moved_to_another_week(journal: Journal) -> None:
    term = add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    moved = add(journal, date="2026-09-08", title="Food bank shift")
    save_weekly_reflection(journal, term, WeeklyText(2, what="Zebra crossings everywhere."))
    save_weekly_reflection(journal, term, WeeklyText(3, what="Penguins at the pantry."))
    assert found(journal, "zebra") == {"Food bank shift"} and found(journal, "penguins") == set()
    update_activity(journal, moved.id, replace(moved.as_input(), day=date(2026, 9, 15)))
    assert found(journal, "zebra") == set()
    assert found(journal, "penguins") == {"Food bank shift"}
    assert index_rows(journal)[moved.id][5].startswith("Penguins at the pantry.")


def test_the_index_follows_a_terms_dates_and_its_removal(journal: Journal) -> None:
    term = add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    add(journal, date="2026-09-08", title="Tuesday shift")  # week 2 of the term as first set
    save_weekly_reflection(journal, term, WeeklyText(2, what="Zebra crossings everywhere."))
    assert found(journal, "zebra") == {"Tuesday shift"}
    # starting the term a day later makes 2026-09-08 the last day of week 1
    update_term(journal, term.id, term.name, "2026-09-02", "2026-12-15")
    assert found(journal, "zebra") == set()
    update_term(journal, term.id, term.name, "2026-09-01", "2026-12-15")
    assert found(journal, "zebra") == {"Tuesday shift"}
    delete_term(journal, term.id)
    assert found(journal, "zebra") == set()
    assert {row[5] for row in index_rows(journal).values()} == {""}


def test_typed_words_list_matches_newest_first_as_the_whole_list_does(journal: Journal) -> None:
    """The search reads the index in key order; the result must be the list's own order, within the dates."""
    pick = random.Random(5)
    for number in range(120):
        add(journal, date=str(date(2026, 9, 1) + timedelta(days=pick.randrange(60))), title=f"Shift {number}")
    for descending in (True, False):
        whole = [r.id for r in find_activities(journal, ActivityQuery(descending=descending))]
        searched = [r.id for r in find_activities(journal, ActivityQuery(text="shift", descending=descending))]
        assert searched == whole
        start, end = date(2026, 9, 10), date(2026, 10, 3)
        dated = ActivityQuery(text="shi", start=start, end=end, descending=descending)
        expected = [r.id for r in find_activities(journal, ActivityQuery(start=start, end=end, descending=descending))]
        assert [r.id for r in find_activities(journal, dated)] == expected
        assert [r.id for r in find_activities(journal, dated, offset=7, limit=5)] == expected[7:12]
        assert count_activities(journal, dated) == len(expected)
        assert first_page(journal, dated, limit=5, count_up_to=10).count == 11  # "10+": counting stopped past it


HOSTILE = [
    '"',
    '""',
    '"unterminated',
    "'",
    "*",
    "a*",
    "**",
    "NEAR",
    "NEAR(a b)",
    "near/3",
    "-",
    "-fridge",
    "fridge -",
    "AND",
    "OR NOT",
    "title:fridge",
    "{title}: x",
    "^fridge",
    "(",
    ")",
    "+",
    "\\",
    "%",
    "_",
    "%_%",
    "ünïcödé",
    "日本語",
    "🙂",
    "fridge 🙂",
    "a\"b'c",
    "\x00",
    "x" * 500,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_never_raise(journal: Journal, two: object, text: str) -> None:
    search = ActivityQuery(text=text)
    records = find_activities(journal, search, limit=200)
    assert count_activities(journal, search) == len(records)


def test_syntax_words_are_searched_as_text(journal: Journal, two: object) -> None:
    add(journal, title="Near the river", description="Rock-paper-scissors and 100% effort.")
    assert found(journal, "NEAR") == {"Near the river"}
    assert found(journal, "rock-paper") == {"Near the river"}
    assert found(journal, "-fridge") == {"Restocking the community fridge"}
    assert found(journal, "100%") == {"Near the river"}
    assert found(journal, "%") == found(journal, "")  # no letters: nothing to narrow by
    assert found(journal, "title:fridge") == set()  # not a column filter: the word "title" is in no text


def test_records_from_the_list_match_single_reads(journal: Journal, two: object) -> None:
    add(journal, title="Zine table", tags="zines;art;books", criteria="radical.root-causes;charity.dependency")
    for record in find_activities(journal, ActivityQuery()):
        assert record == get_activity(journal, record.id)


def test_csv_import_fills_the_index(journal: Journal, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "date,title,organization,role,hours,criteria,tags,description\n"
        "2026-09-01,Soup run,Street Kitchen,Cook,2,radical.civic-space,food;night,Ladles and flasks\n"
        "2026-09-02,Bike repair,Commons,,1.5,,repair,Spokes\n",
        encoding="utf-8",
    )
    assert import_csv(journal, source) == 2
    assert found(journal, "flasks") == {"Soup run"}
    assert found(journal, "night") == {"Soup run"}
    assert found(journal, "repair") == {"Bike repair"}
    soup = find_activities(journal, ActivityQuery(text="soup"))[0]
    assert soup.tags == ("food", "night") and soup.criteria == ("radical.civic-space",)
    assert soup == get_activity(journal, soup.id)


def test_upgrading_fills_the_index_from_existing_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    sqlite_file.private_file(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), "0001")
        for sql in (
            "INSERT INTO terms VALUES (1, 'Fall 2026', '2026-09-01', '2026-12-15')",
            "INSERT INTO activities VALUES (7, '2026-09-03', 'Old soup kitchen', 'Saint Anne', 'Server', 200, "
            "'Ladles', 0, '2026-09-03T00:00:00.000000Z', '2026-09-03T00:00:00.000000Z', NULL)",
            "INSERT INTO tags VALUES (1, 'winter')",
            "INSERT INTO activity_tags VALUES (7, 1)",
            "INSERT INTO weekly_reflections VALUES (1, 1, 'Penguins', '', '', '2026-09-05T00:00:00.000000Z')",
        ):
            connection.exec_driver_sql(sql)
        connection.commit()
    engine.dispose()
    with Journal.open(path) as journal:
        for word in ("soup", "saint", "server", "ladles", "winter", "penguins"):
            assert found(journal, word) == {"Old soup kitchen"}, word


def test_migration_0003_goes_down_to_the_0002_index_and_up_again(journal_file: Path) -> None:
    with Journal.open(journal_file) as journal:
        term = add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
        add(journal, date="2026-09-08", title="Soup run", tags="food")
        save_weekly_reflection(journal, term, WeeklyText(2, what="Penguins."))
        before = index_rows(journal)
    engine = create_engine(f"sqlite:///{journal_file}")
    with engine.connect() as connection:
        command.downgrade(alembic_config(connection), "0002")
        connection.commit()
        tables = {r[0] for r in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"search_activities", "search_weekly_reflections"} <= tables
        assert connection.exec_driver_sql(
            "SELECT rowid FROM search_activities WHERE search_activities MATCH 'soup'"
        ).fetchall() == [(1,)]
    engine.dispose()
    with Journal.open(journal_file) as journal:
        assert index_rows(journal) == before
        assert found(journal, "penguins food") == {"Soup run"}


def test_the_triggers_and_tables_exist_at_head(journal_file: Path) -> None:
    Journal.open(journal_file).close()
    with closing(sqlite3.connect(journal_file)) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == TRIGGERS  # 0004's search vocabulary went with migration 0006
    assert "search_activities" in tables
    assert "search_weekly_reflections" not in tables  # 0003 searches reflections through their activities


@contextmanager
def statements(journal: Journal) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, sql: str, params: Any, context: Any, many: bool) -> None:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((sql, params))

    event.listen(journal.engine, "before_cursor_execute", keep)
    try:
        yield seen
    finally:
        event.remove(journal.engine, "before_cursor_execute", keep)


def plan(journal: Journal, sql: str, params: Any) -> str:
    with journal.engine.connect() as connection:
        rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    return "\n".join(r[3] for r in rows)


@pytest.mark.parametrize(
    ("query", "index"),
    [
        (ActivityQuery(), "ix_activities_deleted_at_day_hours_centi"),
        (ActivityQuery(descending=False), "ix_activities_deleted_at_day_hours_centi"),
        # typed words in day order: the index's own key order, each activity looked up by id
        (ActivityQuery(text="fridge"), "SCAN search_activities VIRTUAL TABLE"),
        (ActivityQuery(text="fridge", descending=False), "SCAN search_activities VIRTUAL TABLE"),
        (ActivityQuery(text="fri", start=date(2026, 9, 1), end=date(2026, 12, 1)), "SCAN search_activities VIRTUAL"),
        (ActivityQuery(sort="title", descending=False), "ix_activities_deleted_at_title"),
        (ActivityQuery(sort="organization"), "ix_activities_deleted_at_organization"),
        (ActivityQuery(sort="hours"), "ix_activities_deleted_at_hours_centi"),
        (ActivityQuery(text="fridge", sort="title"), "ix_activities_deleted_at_title"),
    ],
)
def test_a_page_is_read_in_index_order_without_sorting(
    journal: Journal, two: object, query: ActivityQuery, index: str
) -> None:
    with statements(journal) as seen:
        find_activities(journal, query, limit=200)
    page = next((sql, params) for sql, params in seen if "LIMIT" in sql)
    shown = plan(journal, *page)
    assert index in shown
    assert "TEMP B-TREE FOR ORDER BY" not in shown
    assert "SCAN activities" not in shown


def test_counting_and_reading_rows_use_indexes(journal: Journal, two: object) -> None:
    with statements(journal) as seen:
        count_activities(journal, ActivityQuery(text="fridge", tag="food"))
        find_activities(journal, ActivityQuery(tag="food"))
    for sql, params in seen:
        shown = plan(journal, sql, params)
        assert "SCAN activities" not in shown, shown
        assert "SCAN activity_tags" not in shown and "SCAN tags" not in shown, shown


def test_a_whole_journal_import_searches_its_reflections(journal: Journal, tmp_path: Path) -> None:
    term = add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    add(journal, date="2026-09-08", title="Soup run")
    add(journal, date="2026-09-15", title="Seed swap")
    save_weekly_reflection(journal, term, WeeklyText(2, what="Zebra crossings everywhere."))
    export_json(journal, tmp_path / "whole.json")
    with Journal.open(tmp_path / "copy.sqlite3") as copy:
        import_json(copy, tmp_path / "whole.json")
        assert found(copy, "zebra") == {"Soup run"}
        assert index_rows(copy) == index_rows(journal)


@pytest.mark.parametrize("text", ["fridge\x00", "\x00fri", "fridge \ud800", "\udfff"])
def test_characters_sqlite_cannot_take_part_words_in_a_search(journal: Journal, two: object, text: str) -> None:
    expected = {"Restocking the community fridge"} if "fri" in text else found(journal, "")
    assert found(journal, text) == expected
