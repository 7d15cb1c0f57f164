"""The term numbers the database adds up are the very Fractions that scoring each activity in Python gives.

``journal.scoring.stats.term_stats`` groups activities in SQL; ``journal.scoring.stats.scored_activities``
reads them one by one for ``journal.scoring.position``. On random journals, with the awkward
cases among them (no ticks, unknown, custom and hidden criteria, private and
trashed activities, days on and just past the term's edges, hours of zero), every
number must be equal, not close.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import pytest
from sqlalchemy import insert

from journal.records.activities import trash_activities
from journal.records.bulk_activities import add_activities_in
from journal.records.custom_criteria import add_custom_criterion, set_hidden
from journal.records.terms import TermInfo, add_term
from journal.records.validation import ActivityInput
from journal.scoring.explain import number_text, position_text
from journal.scoring.position import (
    LEVELS,
    ScoredActivity,
    criteria_counts,
    level,
    model_shares,
    moving_average,
    period_score,
    term_shift,
    weekly_series,
)
from journal.scoring.stats import scored_activities, stats_document, term_stats
from journal.storage.journal_file import Journal
from journal.storage.schema import Tick

UNKNOWN = ("charity.no-longer-shipped", "radical.from-another-framework", "nomodel.at-all")


def _level_totals(activities: list[ScoredActivity]) -> dict[str, tuple[Fraction, int]]:
    """What the summary's per-level totals were, one activity at a time."""
    totals: dict[str, tuple[Fraction, int]] = {k: (Fraction(0), 0) for k in (*LEVELS, "unscored")}
    for activity in activities:
        key = "unscored" if activity.position is None else level(activity.position)
        hours, count = totals[key]
        totals[key] = (hours + activity.hours, count + 1)
    return totals


def _fill(journal: Journal, rng: random.Random, term: TermInfo, count: int) -> None:
    """Random activities in and just around the term, with every kind of tick."""
    custom = [add_custom_criterion(journal, model, f"My own {model} statement {n}") for n, model in enumerate(LEVELS)]
    hidden = rng.sample([c.id for c in journal.framework.criteria if not c.custom], 3)
    known = [c.id for c in journal.framework.criteria]
    days = (term.end - term.start).days
    edges = [term.start - timedelta(days=1), term.start, term.end, term.end + timedelta(days=1)]
    inputs, unknown_ticks = [], []
    for index in range(count):
        day = rng.choice(edges) if rng.random() < 0.2 else term.start + timedelta(days=rng.randint(0, days))
        ticks = rng.choice([0, 0, 1, 2, 3, 4, 7])
        hours = rng.choice([0, 0, 25, 100, 150, 333, 2400]) if rng.random() < 0.5 else rng.randint(0, 2400)
        inputs.append(
            ActivityInput(
                day=day,
                title=f"Activity {index}",
                organization=rng.choice(["", "Union", "union", "Fridge"]),
                hours_centi=hours,
                criteria=tuple(sorted(rng.sample(known, ticks))),
                private=rng.random() < 0.2,
            )
        )
        if rng.random() < 0.15:
            unknown_ticks.append((index, rng.choice(UNKNOWN)))
    with journal.writing() as session:
        ids = add_activities_in(session, inputs)
        if unknown_ticks:
            session.execute(insert(Tick), [{"activity_id": ids[i], "criterion_id": c} for i, c in unknown_ticks])
    for criterion_id in hidden + custom[:1]:
        set_hidden(journal, criterion_id, True)
    trash_activities(journal, rng.sample(ids, count // 10))


def _assert_same_as_one_by_one(journal: Journal, term: TermInfo) -> None:
    stats = term_stats(journal, term)
    one_by_one = scored_activities(journal, term.start, term.end)
    score = period_score(one_by_one)
    assert stats.activity_count == len(one_by_one)
    assert stats.hours == score.hours
    assert stats.position == score.position
    assert stats.shift == term_shift(term.start, term.end, one_by_one)
    assert stats.shares == model_shares(one_by_one)
    assert stats.model_ticks == Counter(model for a in one_by_one for _, model, _ in a.criteria)
    assert stats.top_criteria == criteria_counts(one_by_one)
    assert stats.level_totals() == _level_totals(one_by_one)
    expected_weeks = weekly_series(term.start, term.end, one_by_one)
    assert stats.weeks == expected_weeks
    for week in stats.weeks:
        assert type(week.hours) is Fraction and (week.position is None or type(week.position) is Fraction)
    averages = moving_average([w.position for w in stats.weeks])
    assert averages == moving_average([w.position for w in expected_weeks])
    shown = [position_text(p) if p is not None else "" for p in (stats.position, *averages, stats.shift)]
    assert shown == [
        position_text(p) if p is not None else ""
        for p in (score.position, *moving_average([w.position for w in expected_weeks]), stats.shift)
    ]
    assert number_text(stats.hours, 2) == number_text(score.hours, 2)
    # the lazily read activities are the ones the groups were made of
    assert stats.activities == one_by_one


@pytest.mark.parametrize("seed", range(8))
def test_sql_groups_give_the_exact_numbers_of_scoring_each_activity(journal: Journal, seed: int) -> None:
    rng = random.Random(seed)
    start = date(2026, 1, 5) + timedelta(days=rng.randint(0, 300))
    term = add_term(journal, f"Term {seed}", start, start + timedelta(days=rng.choice([0, 6, 7, 13, 48, 111, 365])))
    _fill(journal, rng, term, rng.choice([1, 30, 300]))
    _assert_same_as_one_by_one(journal, term)


def test_only_unticked_and_unknown_ticks_give_no_position(journal: Journal) -> None:
    term = add_term(journal, "Spring", "2026-01-05", "2026-04-26")
    inputs = [ActivityInput(day=date(2026, 1, 5) + timedelta(days=d), title="t", hours_centi=100) for d in range(3)]
    with journal.writing() as session:
        ids = add_activities_in(session, inputs)
        session.execute(insert(Tick), [{"activity_id": ids[0], "criterion_id": "charity.no-longer-shipped"}])
    stats = term_stats(journal, term)
    assert stats.activity_count == 3 and stats.position is None and stats.top_criteria == []
    assert stats.shares == {"charity": None, "contributory": None, "radical": None}
    assert stats.level_totals()["unscored"] == (Fraction(3), 3)
    assert stats_document(stats)["activities"] == 3
    _assert_same_as_one_by_one(journal, term)


def test_zero_hours_fall_back_to_the_plain_mean_in_groups_too(journal: Journal) -> None:
    term = add_term(journal, "Spring", "2026-01-05", "2026-01-18")
    day = date(2026, 1, 5)
    inputs = [
        ActivityInput(day=day, title="a", criteria=("radical.root-causes",)),
        ActivityInput(day=day, title="b", criteria=("radical.root-causes",)),
        ActivityInput(day=day, title="c", criteria=("charity.dependency",)),
    ]
    with journal.writing() as session:
        add_activities_in(session, inputs)
    stats = term_stats(journal, term)
    assert stats.position == Fraction(200, 3)  # two activities at 100 and one at 0, each counted once
    assert len(stats.groups) == 2  # the two radical ones share a group
    _assert_same_as_one_by_one(journal, term)


def test_the_term_numbers_are_added_up_from_the_day_index_alone(journal: Journal) -> None:
    """The hours are in the index of live activities by day (migration 0007): no row is visited for them."""
    from sqlalchemy import event

    term = add_term(journal, "Autumn", date(2026, 9, 1), date(2026, 12, 13))
    statements: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        if "GROUP BY" in statement and "hours_centi" in statement:
            statements.append((statement, parameters))

    event.listen(journal.engine, "before_cursor_execute", keep)
    try:
        term_stats(journal, term)
    finally:
        event.remove(journal.engine, "before_cursor_execute", keep)
    assert statements
    with journal.reading() as session:
        plans = [
            " ".join(row[-1] for row in session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params))
            for sql, params in statements
        ]
    assert any("COVERING INDEX ix_activities_deleted_at_day_hours_centi" in plan for plan in plans), plans
