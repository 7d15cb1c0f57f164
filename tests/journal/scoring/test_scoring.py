"""Scoring exactly as SPEC 2.2: every number a Fraction, every level decided without floats."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.scoring.position import (
    ScoredActivity,
    activity_position,
    criteria_counts,
    level,
    model_shares,
    moving_average,
    period_position,
    period_score,
    term_shift,
    weekly_series,
)

POSITIONS = {"charity": 0, "contributory": 50, "radical": 100}
START = date(2026, 9, 1)


def tick(model: str, slug: str = "x") -> tuple[str, str, int]:
    return (f"{model}.{slug}", model, POSITIONS[model])


def act(day: date, hours: Fraction | int | str, *models: str) -> ScoredActivity:
    return ScoredActivity(day, Fraction(hours), tuple(tick(m, f"c{i}") for i, m in enumerate(models)))


model_lists = st.lists(st.sampled_from(sorted(POSITIONS)), max_size=6)
hours_centi = st.integers(min_value=0, max_value=2400)


@st.composite
def activities_in(draw: st.DrawFn, start: date = START, days: int = 105) -> ScoredActivity:
    day = start + timedelta(days=draw(st.integers(0, days - 1)))
    return act(day, Fraction(draw(hours_centi), 100), *draw(model_lists))


# --- activity position --------------------------------------------------------------


def test_activity_without_ticks_has_no_position() -> None:
    assert activity_position([]) is None
    assert act(START, 3).position is None


def test_activity_position_is_mean_of_model_positions() -> None:
    assert activity_position([0, 100, 100]) == Fraction(200, 3)
    assert act(START, 1, "charity", "contributory").position == 25


@given(model_lists.filter(bool))
def test_activity_position_matches_hand_mean(models: list[str]) -> None:
    expected = Fraction(sum(POSITIONS[m] for m in models), len(models))
    position = act(START, 1, *models).position
    assert position == expected
    assert isinstance(position, Fraction)
    assert 0 <= position <= 100


# --- level --------------------------------------------------------------------------


def test_four_hours_charity_and_two_radical_is_exactly_one_third_and_contributory() -> None:
    week = [act(START, 4, "charity"), act(START, 2, "radical")]
    position = period_position(week)
    assert position == Fraction(100, 3)
    assert level(position) == "contributory"
    # The float of 100/3 is 33.333333333333336; a float rounding the other way
    # (33.33333333333333) would fall to charity, so the level must come from the Fraction.
    assert level(Fraction(100, 3) - Fraction(1, 10**30)) == "charity"


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        (Fraction(0), "charity"),
        (Fraction(100, 3) - Fraction(1, 10**12), "charity"),
        (Fraction(100, 3), "contributory"),
        (Fraction(50), "contributory"),
        (Fraction(200, 3) - Fraction(1, 10**12), "contributory"),
        (Fraction(200, 3), "radical"),
        (Fraction(100), "radical"),
        (33, "charity"),
        (34, "contributory"),
        (66, "contributory"),
        (67, "radical"),
    ],
)
def test_level_boundaries(position: Fraction | int, expected: str) -> None:
    assert level(position) == expected


@given(st.fractions(min_value=0, max_value=100))
def test_level_follows_the_rule_of_thirds(position: Fraction) -> None:
    expected = "charity" if 3 * position < 100 else "contributory" if 3 * position < 200 else "radical"
    assert level(position) == expected


def test_two_thirds_from_ticks_is_radical() -> None:
    assert level(act(START, 1, "charity", "radical", "radical").position or 0) == "radical"


# --- period position ----------------------------------------------------------------


def test_period_is_hours_weighted() -> None:
    period = [act(START, "1.5", "charity"), act(START, "0.5", "radical"), act(START, 8)]
    # the unticked 8 hours are left out: (1.5*0 + 0.5*100) / 2
    assert period_position(period) == 25


def test_period_with_zero_hours_uses_plain_mean() -> None:
    period = [act(START, 0, "charity"), act(START, 0, "radical"), act(START, 0, "radical")]
    assert period_position(period) == Fraction(200, 3)


def test_zero_hour_activity_weighs_nothing_beside_hours() -> None:
    assert period_position([act(START, 0, "charity"), act(START, 2, "radical")]) == 100


def test_period_without_scored_activities_has_no_position() -> None:
    assert period_position([]) is None
    assert period_position([act(START, 5)]) is None
    assert period_score([act(START, 5)]).level is None


@given(st.lists(activities_in(), max_size=12))
def test_period_position_matches_hand_computation(activities: list[ScoredActivity]) -> None:
    scored = [(a.hours, a.position) for a in activities if a.position is not None]
    result = period_position(activities)
    if not scored:
        assert result is None
        return
    hours = sum(h for h, _ in scored)
    plain_mean = Fraction(sum(p for _, p in scored), len(scored))
    expected = plain_mean if hours == 0 else sum(h * p for h, p in scored) / hours
    assert result == expected
    assert min(p for _, p in scored) <= result <= max(p for _, p in scored)


@given(st.lists(activities_in(), max_size=12))
def test_period_score_counts_every_activity(activities: list[ScoredActivity]) -> None:
    score = period_score(activities)
    assert score.activities == len(activities)
    assert score.hours == sum((a.hours for a in activities), Fraction(0))


# --- shares -------------------------------------------------------------------------


def test_shares_count_ticks_not_activities() -> None:
    shares = model_shares([act(START, 1, "charity", "charity", "radical"), act(START, 9, "contributory")])
    assert shares == {"charity": Fraction(1, 2), "contributory": Fraction(1, 4), "radical": Fraction(1, 4)}


def test_shares_without_ticks_are_none() -> None:
    assert model_shares([act(START, 1)]) == {"charity": None, "contributory": None, "radical": None}


@given(st.lists(activities_in(), max_size=12))
def test_shares_add_up_to_one(activities: list[ScoredActivity]) -> None:
    shares = model_shares(activities)
    ticks = sum(len(a.criteria) for a in activities)
    if ticks == 0:
        assert set(shares.values()) == {None}
    else:
        assert sum(s for s in shares.values() if s is not None) == 1
        for model, share in shares.items():
            assert share == Fraction(sum(1 for a in activities for _, m, _ in a.criteria if m == model), ticks)


def test_criteria_counts_most_often_first_ties_by_id() -> None:
    counts = criteria_counts(
        [
            ScoredActivity(START, Fraction(1), (tick("radical", "b"), tick("charity", "a"))),
            ScoredActivity(START, Fraction(1), (tick("radical", "b"),)),
        ]
    )
    assert counts == [("radical.b", 2), ("charity.a", 1)]


# --- shift --------------------------------------------------------------------------


def test_shift_of_one_week_term_is_undefined() -> None:
    end = START + timedelta(days=6)
    assert term_shift(START, end, [act(START, 1, "charity"), act(end, 1, "radical")]) is None


def test_shift_first_half_is_floor_of_half_the_weeks() -> None:
    # 5 weeks: the first half is weeks 1-2, the second weeks 3-5
    end = START + timedelta(days=34)
    week3 = START + timedelta(days=14)
    activities = [act(START, 1, "charity"), act(week3, 1, "radical")]
    assert term_shift(START, end, activities) == 100
    # moved to the last day of week 2, the radical activity joins the first half
    activities = [act(START, 1, "charity"), act(week3 - timedelta(days=1), 1, "radical"), act(week3, 1, "contributory")]
    assert term_shift(START, end, activities) == 0


def test_shift_undefined_when_a_half_has_no_position() -> None:
    end = START + timedelta(days=27)
    assert term_shift(START, end, [act(START, 1, "charity"), act(end, 3)]) is None
    assert term_shift(START, end, []) is None


def test_shift_ignores_activities_outside_the_term() -> None:
    end = START + timedelta(days=13)
    outside = act(end + timedelta(days=1), 5, "charity")
    assert term_shift(START, end, [act(START, 1, "charity"), act(end, 1, "radical"), outside]) == 100


@given(st.integers(1, 30), st.lists(activities_in(days=210), max_size=12))
def test_shift_is_second_half_minus_first(weeks: int, activities: list[ScoredActivity]) -> None:
    end = START + timedelta(days=7 * weeks - 1)
    half = weeks // 2
    boundary = START + timedelta(days=7 * half)
    inside = [a for a in activities if a.day <= end]
    first = period_position([a for a in inside if a.day < boundary])
    second = period_position([a for a in inside if a.day >= boundary])
    expected = None if half == 0 or first is None or second is None else second - first
    assert term_shift(START, end, activities) == expected


# --- weekly series ------------------------------------------------------------------


def test_weekly_series_leaves_gaps_not_zeros() -> None:
    end = START + timedelta(days=20)
    series = weekly_series(START, end, [act(START, 2, "radical"), act(end, 0, "charity")])
    assert [w.week.number for w in series] == [1, 2, 3]
    assert [w.position for w in series] == [100, None, 0]
    assert [w.level for w in series] == ["radical", None, "charity"]
    assert [w.activities for w in series] == [1, 0, 1]
    assert [w.hours for w in series] == [2, 0, 0]


def test_weekly_series_unscored_week_is_a_gap_but_counts_hours() -> None:
    series = weekly_series(START, START + timedelta(days=6), [act(START, 3)])
    assert series[0].position is None and series[0].hours == 3 and series[0].activities == 1


@given(st.integers(1, 366), st.lists(activities_in(days=400), max_size=15))
def test_weekly_series_places_each_activity_in_its_week(days: int, activities: list[ScoredActivity]) -> None:
    end = START + timedelta(days=days - 1)
    series = weekly_series(START, end, activities)
    assert len(series) == -(-days // 7)
    inside = [a for a in activities if a.day <= end]
    assert sum(w.activities for w in series) == len(inside)
    for w in series:
        mine = [a for a in inside if w.week.start <= a.day <= w.week.end]
        assert w.activities == len(mine)
        assert w.position == period_position(mine)
        assert w.hours == sum((a.hours for a in mine), Fraction(0))


def test_moving_average_skips_gaps() -> None:
    values = [Fraction(0), None, Fraction(100), Fraction(50), None]
    assert moving_average(values, window=3) == [0, None, 50, 75, None]
