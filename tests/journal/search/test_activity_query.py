"""Searching, filtering, sorting and paging activities in SQL."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from journal.records.activities import ActivityRecord, add_activity, position_of, trash_activities
from journal.records.reflections import WeeklyText, save_weekly_reflection
from journal.records.terms import add_term
from journal.records.validation import check_activity
from journal.scoring.position import level
from journal.search.activity_query import SORT_KEYS, ActivityQuery, count_activities, find_activities
from journal.storage.journal_file import Journal


def add(journal: Journal, **raw: Any) -> ActivityRecord:
    return add_activity(journal, check_activity({"hours": "1", **raw}, journal.framework))


@pytest.fixture
def filled(journal: Journal) -> dict[str, ActivityRecord]:
    term = add_term(journal, "Fall 2026", "2026-09-01", "2026-12-15")
    made = {
        "fridge": add(
            journal,
            date="2026-09-02",
            title="Community fridge restock",
            organization="Northside Fridge",
            role="Driver",
            hours="2",
            tags="food",
            criteria="contributory.self-help",
        ),
        "strike": add(
            journal,
            date="2026-09-10",
            title="rent strike meeting",
            organization="Tenants Union",
            description="We talked about the landlord's eviction notices.",
            hours="3.5",
            tags="housing;rent",
            criteria="radical.root-causes;radical.movement-link;charity.dependency",
        ),
        "boundary": add(
            journal,
            date="2026-09-15",
            title="Breakfast",
            organization="free breakfast",
            hours="0",
            criteria="charity.outside-helpers;charity.one-way-giving;radical.civic-space",
        ),
        "food bank": add(
            journal,
            date="2026-09-16",
            title="Food bank sorting",
            organization="Riverside Food Bank",
            role="Sorter",
            hours="4",
            tags="food",
            criteria="charity.outside-helpers",
        ),
        "unscored": add(journal, date="2026-08-31", title="Reading group", hours="1.25"),
        "last day": add(
            journal, date="2026-12-15", title="Zine swap", hours="0.5", criteria="radical.reciprocal-roles"
        ),
    }
    # week 3 of the term (2026-09-15 to 2026-09-21) holds "boundary" and "food bank"
    save_weekly_reflection(journal, term, WeeklyText(3, "", "It felt like solidarity at last.", ""))
    return made


def titles(journal: Journal, **query: Any) -> list[str]:
    return [r.title for r in find_activities(journal, ActivityQuery(**query))]


def ids(records: list[ActivityRecord]) -> set[int]:
    return {r.id for r in records}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fridge", {"Community fridge restock"}),  # title and organisation
        ("tenants", {"rent strike meeting"}),  # organisation
        ("sorter", {"Food bank sorting"}),  # role
        ("eviction", {"rent strike meeting"}),  # description
        ("housing", {"rent strike meeting"}),  # tag
        ("solidarity", {"Breakfast", "Food bank sorting"}),  # the week's reflection
        ("FOOD", {"Food bank sorting", "Community fridge restock"}),  # any case; tag or title
        ("food riverside", {"Food bank sorting"}),  # every word must match
        ("nothing-like-this", set()),
        ('100% "quoted" _under_', set()),
    ],
)
def test_search_looks_in_every_text(
    journal: Journal, filled: dict[str, ActivityRecord], text: str, expected: set[str]
) -> None:
    assert set(titles(journal, text=text)) == expected
    assert count_activities(journal, ActivityQuery(text=text)) == len(expected)


def test_date_range_is_inclusive(journal: Journal, filled: dict[str, ActivityRecord]) -> None:
    inside = titles(journal, start=date(2026, 9, 1), end=date(2026, 12, 15))
    assert "Reading group" not in inside and "Zine swap" in inside and len(inside) == 5
    assert titles(journal, start=date(2026, 9, 15), end=date(2026, 9, 15)) == ["Breakfast"]


def test_model_filter_needs_one_tick_of_the_model(journal: Journal, filled: dict[str, ActivityRecord]) -> None:
    assert set(titles(journal, model="radical")) == {"rent strike meeting", "Breakfast", "Zine swap"}
    assert set(titles(journal, model="contributory")) == {"Community fridge restock"}


def test_level_filter_is_exact(journal: Journal, filled: dict[str, ActivityRecord]) -> None:
    positions = {r.title: position_of(r, journal) for r in filled.values()}
    assert positions["Breakfast"] * 3 == 100  # exactly on the charity/contributory line
    assert positions["rent strike meeting"] * 3 == 200  # exactly on the contributory/radical line
    for lvl in ("charity", "contributory", "radical"):
        expected = {t for t, p in positions.items() if p is not None and level(p) == lvl}
        assert set(titles(journal, level=lvl)) == expected
    assert titles(journal, level="unscored") == ["Reading group"]
    assert set(titles(journal, level="contributory")) == {"Breakfast", "Community fridge restock"}


def test_tag_filter(journal: Journal, filled: dict[str, ActivityRecord]) -> None:
    assert set(titles(journal, tag="food")) == {"Food bank sorting", "Community fridge restock"}
    assert titles(journal, tag="foo") == []


def test_filters_combine(journal: Journal, filled: dict[str, ActivityRecord]) -> None:
    assert titles(journal, text="food", model="charity", tag="food", level="charity") == ["Food bank sorting"]


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("day", lambda r, j: r.day),
        ("title", lambda r, j: r.title.lower()),
        ("organization", lambda r, j: r.organization.lower()),
        ("hours", lambda r, j: r.hours_centi),
        ("position", lambda r, j: -1 if position_of(r, j) is None else position_of(r, j)),
    ],
)
@pytest.mark.parametrize("descending", [False, True])
def test_sorting(journal: Journal, filled: dict[str, ActivityRecord], sort: str, key: Any, descending: bool) -> None:
    found = find_activities(journal, ActivityQuery(sort=sort, descending=descending))
    expected = sorted(filled.values(), key=lambda r: (key(r, journal), r.id), reverse=descending)
    assert [r.title for r in found] == [r.title for r in expected]
    assert sort in SORT_KEYS


def test_paging_covers_everything_once(journal: Journal, filled: dict[str, ActivityRecord]) -> None:
    query = ActivityQuery(sort="title", descending=False)
    pages = [find_activities(journal, query, offset=offset, limit=4) for offset in (0, 4, 8)]
    assert [len(p) for p in pages] == [4, 2, 0]
    assert [r.title for p in pages for r in p] == titles(journal, sort="title", descending=False)


def test_trash_is_searched_apart(journal: Journal, filled: dict[str, ActivityRecord]) -> None:
    trash_activities(journal, [filled["strike"].id, filled["fridge"].id])
    assert "rent strike meeting" not in titles(journal)
    assert set(titles(journal, trashed=True)) == {"rent strike meeting", "Community fridge restock"}
    assert titles(journal, trashed=True, text="eviction") == ["rent strike meeting"]
    assert count_activities(journal, ActivityQuery()) == 4
    assert count_activities(journal, ActivityQuery(trashed=True)) == 2


def test_records_carry_everything(journal: Journal, filled: dict[str, ActivityRecord]) -> None:
    [strike] = find_activities(journal, ActivityQuery(text="eviction"))
    assert strike == filled["strike"]
    assert strike.tags == ("housing", "rent")
    assert strike.criteria == ("charity.dependency", "radical.movement-link", "radical.root-causes")
    assert strike.hours_centi == 350
