"""Week arithmetic of SPEC 2: week n runs start+7(n-1) .. start+7n-1, cut at the end; ceil(days/7) weeks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.scoring.weeks import term_weeks, week_count, week_number

START = date(2026, 1, 5)


@pytest.mark.parametrize(("days", "weeks"), [(1, 1), (6, 1), (7, 1), (8, 2), (14, 2), (15, 3), (105, 15), (366, 53)])
def test_week_count_is_ceiling_of_days_over_seven(days: int, weeks: int) -> None:
    assert week_count(START, START + timedelta(days=days - 1)) == weeks


def test_last_week_is_cut_at_the_end_date() -> None:
    end = START + timedelta(days=15)  # 16 days: weeks of 7, 7 and 2 days
    weeks = term_weeks(START, end)
    assert [(w.start, w.end) for w in weeks] == [
        (START, START + timedelta(days=6)),
        (START + timedelta(days=7), START + timedelta(days=13)),
        (START + timedelta(days=14), end),
    ]


def test_week_number_outside_term_is_none() -> None:
    end = START + timedelta(days=20)
    assert week_number(START, end, START - timedelta(days=1)) is None
    assert week_number(START, end, end + timedelta(days=1)) is None
    assert week_number(START, end, START) == 1
    assert week_number(START, end, START + timedelta(days=7)) == 2
    assert week_number(START, end, end) == 3


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9000, 1, 1)), st.integers(1, 366))
def test_weeks_tile_the_term(start: date, days: int) -> None:
    end = start + timedelta(days=days - 1)
    weeks = term_weeks(start, end)
    assert len(weeks) == week_count(start, end) == -(-days // 7)
    assert weeks[0].start == start and weeks[-1].end == end
    for n, w in enumerate(weeks, start=1):
        assert w.number == n
        assert w.start == start + timedelta(days=7 * (n - 1))
        assert w.end == min(start + timedelta(days=7 * n - 1), end)
        if n > 1:
            assert w.start == weeks[n - 2].end + timedelta(days=1)
    for offset in range(days):
        day = start + timedelta(days=offset)
        assert weeks[week_number(start, end, day) - 1].contains(day)  # type: ignore[operator]
